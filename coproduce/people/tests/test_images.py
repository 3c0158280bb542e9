"""A checked picture keeps nothing it came with but the picture: no GPS position, no camera,
no XMP, no JPEG comment, no PNG text; it is turned the right way up; a phone's JPEG with a
second picture inside (MPO) is still a JPEG."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

from coproduce.people.images import check_image

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.1234N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
# What a phone writes: who made the camera, which model, which way up, and where it was.
MAKE, MODEL, ORIENTATION, GPS_INFO = 0x010F, 0x0110, 0x0112, 0x8825
SECRETS = (b"PhoneMaker", b"Pixelphone 9", b"GPSLatitude", b"30.1234", b"12 High Street")


def _phone_exif() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Pixelphone 9"
    exif[ORIENTATION] = 6  # the phone was held on its side: turn 90 degrees to show it
    exif[GPS_INFO] = {1: "N", 2: (51.0, 30.1234, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    return exif.tobytes()


def _photo(image_format: str) -> bytes:
    image = Image.new("RGB", (40, 20), (200, 10, 10))
    options: dict[str, object] = {"exif": _phone_exif()}
    if image_format == "JPEG":
        options |= {"xmp": XMP, "comment": b"Taken at 12 High Street"}
    elif image_format == "WEBP":
        options |= {"xmp": XMP}
    else:
        text = PngImagePlugin.PngInfo()
        text.add_text("Location", "12 High Street")
        text.add_itxt("XML:com.adobe.xmp", XMP.decode())
        options |= {"pnginfo": text}
    out = io.BytesIO()
    image.save(out, image_format, **options)
    return out.getvalue()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_phone_photo_keeps_no_place_no_camera_and_is_the_right_way_up(image_format) -> None:  # type: ignore[no-untyped-def]
    raw = _photo(image_format)
    assert all(secret in raw for secret in SECRETS[:3])  # the upload really carries them

    checked = check_image(SimpleUploadedFile("photo", raw))

    assert checked.image_format == image_format
    for secret in SECRETS:
        assert secret not in checked.content, f"{secret!r} kept in the {image_format}"
    with Image.open(io.BytesIO(checked.content)) as kept:
        assert kept.format == image_format
        assert not kept.getexif()
        assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp", "Location"} & set(kept.info)
        assert kept.size == (20, 40)  # turned as the phone said, then the turn forgotten


def test_a_phone_jpeg_with_a_second_picture_inside_is_a_jpeg() -> None:
    first = Image.new("RGB", (40, 20), (200, 10, 10))
    depth = Image.new("RGB", (40, 20), (10, 10, 200))
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=[depth], exif=_phone_exif())

    checked = check_image(SimpleUploadedFile("photo.jpg", out.getvalue()))

    assert checked.image_format == "JPEG" and checked.content_type == "image/jpeg"
    assert b"PhoneMaker" not in checked.content
    with Image.open(io.BytesIO(checked.content)) as kept:
        assert kept.format == "JPEG"  # one picture: the second is gone
        red = kept.convert("RGB").getpixel((10, 10))
        assert isinstance(red, tuple) and red[0] > 150  # the first picture, not the depth map


def test_a_png_that_says_it_is_a_jpeg_is_still_refused() -> None:
    image = Image.new("RGB", (8, 8))
    out = io.BytesIO()
    image.save(out, "PNG")
    lying = b"\xff\xd8\xff" + out.getvalue()
    with pytest.raises(ValidationError) as refused:
        check_image(SimpleUploadedFile("photo.jpg", lying))
    assert refused.value.code in ("wrong_type", "broken")
