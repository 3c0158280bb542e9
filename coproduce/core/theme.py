"""Each organisation's brand colour, kept only when white text on it stays readable."""

from __future__ import annotations

import re

DEFAULT_BRAND_COLOUR = "#1d5e7a"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# WCAG 2.2 AA for normal-size text (1.4.3): header text and links sit on the brand colour.
MINIMUM_CONTRAST = 4.5


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Return the WCAG relative luminance of a #rrggbb colour (0 black to 1 white)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def safe_brand_colour(colour: str | None) -> str:
    """Return ``colour`` in lower case when it is a valid hex colour dark enough for white
    text (contrast 4.5:1 or more), otherwise the default brand colour."""
    if not colour or not HEX_COLOUR.match(colour):
        return DEFAULT_BRAND_COLOUR
    colour = colour.lower()
    if contrast_ratio(colour, "#ffffff") < MINIMUM_CONTRAST:
        return DEFAULT_BRAND_COLOUR
    return colour


def theme_stylesheet(colour: str | None) -> str:
    """Return the per-organisation stylesheet: only the brand colour custom property."""
    return f":root {{\n  --govuk-brand-colour: {safe_brand_colour(colour)};\n}}\n"
