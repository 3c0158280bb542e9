"""Drawn portraits for the demo's workers: friendly flat illustrations, never photos of
real people.

Each portrait is drawn with Pillow from a seed, so the same seed always gives the same
face: the face shape, skin tone, hair style and colour, glasses and clothing vary with it.
Drawn at twice the size and scaled down, so the edges are smooth.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

SIZE = 320
SCALE = 2

SKIN = ["#f6d7c3", "#eec1a2", "#e0a981", "#c68a62", "#a46c47", "#7d4f32", "#5a3825"]
HAIR = ["#2b1d14", "#4a2f1d", "#7a4b2a", "#b07a45", "#d9b36c", "#8c8c8c", "#dcdcdc", "#9c3d1f"]
CLOTHES = ["#1d70b8", "#00703c", "#912b88", "#d4351c", "#f47738", "#28a197", "#4c2c92"]
BACKGROUNDS = ["#d2e2f1", "#cce2d8", "#fbe3d3", "#e9dcf0", "#fff2c4", "#d5eeea"]
HAIR_STYLES = ("short", "long", "bun", "curly", "crop", "bob")


@dataclass(frozen=True)
class Look:
    """What one portrait looks like."""

    skin: str
    hair: str
    hair_style: str
    clothes: str
    background: str
    face_width: float  # as a share of the face height
    glasses: bool
    beard: bool


def look_for(seed: str, *, beard_possible: bool = False, grey_possible: bool = False) -> Look:
    """Choose a look from a seed; the same seed always gives the same look."""
    rng = random.Random(seed)
    style = rng.choice(HAIR_STYLES)
    hair = rng.choice(HAIR if grey_possible else HAIR[:5] + HAIR[7:])
    return Look(
        skin=rng.choice(SKIN),
        hair=hair,
        hair_style=style,
        clothes=rng.choice(CLOTHES),
        background=rng.choice(BACKGROUNDS),
        face_width=rng.uniform(0.74, 0.86),
        glasses=rng.random() < 0.3,
        beard=beard_possible and style in ("short", "crop") and rng.random() < 0.4,
    )


def _darker(colour: str, by: float = 0.8) -> tuple[int, int, int]:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return int(red * by), int(green * by), int(blue * by)


def draw_portrait(look: Look, size: int = SIZE) -> Image.Image:
    """Draw a head-and-shoulders portrait on a round coloured background."""
    side = size * SCALE
    image = Image.new("RGB", (side, side), look.background)
    draw = ImageDraw.Draw(image)

    def box(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
        return (x * side, y * side, (x + w) * side, (y + h) * side)

    face_h = 0.44
    face_w = face_h * look.face_width
    face_x, face_y = 0.5 - face_w / 2, 0.22
    skin_shadow = _darker(look.skin, 0.88)

    # Hair that falls behind the shoulders is drawn first.
    if look.hair_style == "long":
        draw.rounded_rectangle(
            box(face_x - 0.06, face_y + 0.02, face_w + 0.12, 0.50),
            radius=0.1 * side,
            fill=look.hair,
        )
    if look.hair_style == "bob":
        draw.rounded_rectangle(
            box(face_x - 0.05, face_y - 0.02, face_w + 0.10, 0.36),
            radius=0.12 * side,
            fill=look.hair,
        )

    # Shoulders, collar and neck.
    draw.ellipse(box(0.12, 0.68, 0.76, 0.62), fill=look.clothes)
    draw.rectangle(box(0.44, face_y + face_h - 0.06, 0.12, 0.12), fill=skin_shadow)
    draw.polygon(
        [
            (0.42 * side, 0.70 * side),
            (0.50 * side, 0.78 * side),
            (0.58 * side, 0.70 * side),
        ],
        fill=skin_shadow,
    )

    # Ears, then the face over them.
    ear_y = face_y + face_h * 0.42
    draw.ellipse(box(face_x - 0.035, ear_y, 0.07, 0.09), fill=look.skin)
    draw.ellipse(box(face_x + face_w - 0.035, ear_y, 0.07, 0.09), fill=look.skin)
    draw.ellipse(box(face_x, face_y, face_w, face_h), fill=look.skin)

    # Hair on top of the head.
    if look.hair_style == "curly":
        for index in range(11):
            angle_x = face_x - 0.04 + index * (face_w + 0.08) / 10
            lift = 0.02 + 0.05 * (1 - abs(index - 5) / 5)
            draw.ellipse(box(angle_x - 0.05, face_y - lift, 0.10, 0.10), fill=look.hair)
        draw.ellipse(box(face_x - 0.03, face_y - 0.03, 0.07, 0.16), fill=look.hair)
        draw.ellipse(box(face_x + face_w - 0.04, face_y - 0.03, 0.07, 0.16), fill=look.hair)
    elif look.hair_style == "crop":
        draw.chord(box(face_x + 0.01, face_y - 0.015, face_w - 0.02, 0.2), 180, 360, fill=look.hair)
    else:
        draw.chord(box(face_x - 0.02, face_y - 0.04, face_w + 0.04, 0.26), 180, 360, fill=look.hair)
        # A fringe swept to one side, inside the line of the head.
        draw.chord(box(face_x, face_y + 0.01, face_w * 0.75, 0.14), 180, 360, fill=look.hair)
        draw.ellipse(box(face_x + 0.005, face_y + 0.045, face_w * 0.55, 0.06), fill=look.hair)
    if look.hair_style == "bun":
        draw.ellipse(box(0.5 - 0.07, face_y - 0.11, 0.14, 0.13), fill=look.hair)
    if look.hair_style in ("long", "bob"):
        draw.rectangle(box(face_x - 0.04, face_y + 0.08, 0.05, 0.22), fill=look.hair)
        draw.rectangle(box(face_x + face_w - 0.01, face_y + 0.08, 0.05, 0.22), fill=look.hair)

    # Features.
    ink = "#2d2a26"
    eye_y = face_y + face_h * 0.50
    for eye_x in (0.5 - face_w * 0.22, 0.5 + face_w * 0.22):
        draw.ellipse(box(eye_x - 0.017, eye_y - 0.017, 0.034, 0.034), fill=ink)
        draw.arc(
            box(eye_x - 0.04, eye_y - 0.075, 0.08, 0.06), 205, 335, fill=ink, width=side // 110
        )
    if look.glasses:
        for eye_x in (0.5 - face_w * 0.22, 0.5 + face_w * 0.22):
            draw.ellipse(
                box(eye_x - 0.055, eye_y - 0.05, 0.11, 0.10), outline=ink, width=side // 120
            )
        draw.line(
            [((0.5 - 0.02) * side, eye_y * side), ((0.5 + 0.02) * side, eye_y * side)],
            fill=ink,
            width=side // 120,
        )
    cheek = _darker(look.skin, 0.92)
    draw.ellipse(box(0.5 - face_w * 0.36, eye_y + 0.06, 0.06, 0.035), fill=cheek)
    draw.ellipse(box(0.5 + face_w * 0.36 - 0.06, eye_y + 0.06, 0.06, 0.035), fill=cheek)
    if look.beard:
        draw.chord(
            box(face_x + 0.01, face_y + face_h * 0.45, face_w - 0.02, face_h * 0.58),
            0,
            180,
            fill=look.hair,
        )
        draw.ellipse(box(0.5 - 0.06, eye_y + 0.105, 0.12, 0.05), fill=look.skin)
    draw.arc(box(0.5 - 0.07, eye_y + 0.04, 0.14, 0.10), 20, 160, fill=ink, width=side // 80)

    # Round off the background, so the portrait sits well in a circle or a square.
    mask = Image.new("L", (side, side), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, side - 1, side - 1), fill=255)
    framed = Image.new("RGB", (side, side), "#ffffff")
    framed.paste(image, (0, 0), mask)
    return framed.resize((size, size), Image.Resampling.LANCZOS)


def portrait_png(
    seed: str, *, beard_possible: bool = False, grey_possible: bool = False, size: int = SIZE
) -> bytes:
    """Return a drawn portrait as PNG bytes."""
    out = io.BytesIO()
    look = look_for(seed, beard_possible=beard_possible, grey_possible=grey_possible)
    draw_portrait(look, size).save(out, format="PNG", optimize=True)
    return out.getvalue()
