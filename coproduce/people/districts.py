"""Where a worker lives, kept coarse: a postcode district and a point rounded to ~1 km.

A worker gives the first half of their postcode ("LS6"), never their address. The point
is the district's rough centre, rounded to two decimal places, which is all travel-time
matching needs. Districts outside this table can be entered with their own point.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

# Postcode district: its rough centre (latitude, longitude). The demo areas and their
# neighbours; extend as organisations in other places join.
DISTRICT_CENTRES: dict[str, tuple[float, float]] = {
    # Leeds
    "LS1": (53.797, -1.547),
    "LS2": (53.802, -1.545),
    "LS3": (53.801, -1.562),
    "LS4": (53.810, -1.583),
    "LS5": (53.819, -1.600),
    "LS6": (53.820, -1.577),
    "LS7": (53.817, -1.533),
    "LS8": (53.823, -1.507),
    "LS9": (53.797, -1.515),
    "LS10": (53.772, -1.534),
    "LS11": (53.777, -1.561),
    "LS12": (53.798, -1.587),
    "LS13": (53.808, -1.627),
    "LS14": (53.820, -1.456),
    "LS15": (53.803, -1.446),
    "LS16": (53.848, -1.600),
    "LS17": (53.862, -1.535),
    "LS18": (53.841, -1.637),
    # Bradford
    "BD8": (53.806, -1.765),
    "BD18": (53.833, -1.777),
    "BD21": (53.867, -1.911),
    # Sheffield
    "S2": (53.358, -1.470),
    "S6": (53.403, -1.506),
    "S9": (53.387, -1.415),
    "S10": (53.387, -1.507),
    # Manchester and Salford
    "M5": (53.473, -2.280),
    "M14": (53.460, -2.240),
    "M19": (53.445, -2.192),
    "M20": (53.417, -2.231),
    "M30": (53.483, -2.334),
    # Liverpool and the Wirral
    "L4": (53.432, -2.961),
    "L8": (53.390, -2.965),
    "L15": (53.396, -2.920),
    "CH41": (53.393, -3.014),
    # Tyneside
    "NE2": (54.985, -1.600),
    "NE4": (54.970, -1.660),
    "NE6": (54.980, -1.579),
    "NE8": (54.952, -1.603),
    # Elsewhere in the north
    "YO24": (53.955, -1.124),
    "YO31": (53.966, -1.061),
    "HU6": (53.784, -0.396),
    "HU7": (53.797, -0.334),
    "WF1": (53.690, -1.485),
    "HD3": (53.660, -1.824),
    "HX1": (53.725, -1.880),
    "DN4": (53.502, -1.154),
    "SR2": (54.898, -1.370),
    "DH1": (54.779, -1.558),
    "TS5": (54.560, -1.248),
    "LA1": (54.058, -2.805),
    "PR2": (53.763, -2.730),
    "BB1": (53.748, -2.470),
}

# The outward half of a UK postcode: one or two letters, a digit, then a digit or letter.
DISTRICT_PATTERN = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
TWO_PLACES = Decimal("0.01")


def normalise_district(text: str) -> str:
    """Return the postcode district in capitals without spaces ("ls6" → "LS6").

    A whole postcode is cut to its district, so nobody's street is ever stored.
    """
    cleaned = re.sub(r"\s+", " ", text.strip().upper())
    if " " in cleaned:
        cleaned = cleaned.split(" ", 1)[0]
    elif len(cleaned) > 4:
        # A full postcode typed without its space ends in three characters (digit, two letters).
        cleaned = cleaned[:-3]
    return cleaned


def is_district(text: str) -> bool:
    return bool(DISTRICT_PATTERN.match(text))


def coarse(value: float | Decimal) -> Decimal:
    """Round a coordinate to two decimal places (about a kilometre)."""
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def district_centre(district: str) -> tuple[Decimal, Decimal] | None:
    """Return the coarse centre of a known district, or None."""
    centre = DISTRICT_CENTRES.get(district)
    if centre is None:
        return None
    return coarse(centre[0]), coarse(centre[1])
