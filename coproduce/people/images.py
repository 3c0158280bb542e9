"""Check uploaded pictures by their bytes, and store them under names the app chooses.

A file is accepted only if its first bytes say JPEG, PNG or WebP, Pillow can open and
verify it as that same format, it is at most 5 MB and not absurdly large in pixels. A
phone's JPEG that carries more than one picture (MPO: a depth map, a gain map) is a JPEG:
its first picture is kept. It is then turned the right way up and re-encoded with none of
the metadata it came with (EXIF with a phone photo's GPS position and camera, XMP, JPEG
comments, PNG text), which also drops any bytes smuggled after the image, and stored
through Django's storage API under a random name, never the uploader's.
"""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from coproduce.core.access import not_found

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000

# Magic numbers: the first bytes of each accepted format.
_SIGNATURES: tuple[tuple[str, bytes, int], ...] = (
    ("JPEG", b"\xff\xd8\xff", 0),
    ("PNG", b"\x89PNG\r\n\x1a\n", 0),
)
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
TYPE_BY_EXTENSION = {ext: CONTENT_TYPES[fmt] for fmt, ext in EXTENSIONS.items()}
# What Pillow may call a file whose first bytes announce each format.
_OPENED_AS = {
    "JPEG": frozenset({"JPEG", "MPO"}),
    "PNG": frozenset({"PNG"}),
    "WEBP": frozenset({"WEBP"}),
}
# The only details of the original kept on the re-encoded picture: how to draw it.
_KEPT_INFO = frozenset({"transparency"})

MESSAGES = {
    "too_big": _("The picture must be smaller than 5 MB"),
    "wrong_type": _("The picture must be a JPEG, PNG or WebP image"),
    "broken": _("The picture could not be opened. Try a different picture"),
    "too_many_pixels": _("The picture is too large. Try a smaller picture"),
}


@dataclass(frozen=True)
class CheckedImage:
    """An accepted picture, re-encoded: its bytes and format."""

    content: bytes
    image_format: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.image_format]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.image_format]


def sniff_format(head: bytes) -> str | None:
    """Return the image format the first bytes announce, or None."""
    for name, signature, offset in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return name
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def check_image(upload: UploadedFile) -> CheckedImage:
    """Return the picture, checked and re-encoded; raise ValidationError with a plain message."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(MESSAGES["too_big"], code="too_big")
    upload.seek(0)
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ValidationError(MESSAGES["too_big"], code="too_big")
    announced = sniff_format(raw[:16])
    if announced is None:
        raise ValidationError(MESSAGES["wrong_type"], code="wrong_type")
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            if probe.format not in _OPENED_AS[announced]:
                raise ValidationError(MESSAGES["wrong_type"], code="wrong_type")
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(MESSAGES["too_many_pixels"], code="too_many_pixels")
            probe.verify()
        # verify() leaves the image unusable: open it again to decode and re-encode.
        with Image.open(io.BytesIO(raw)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            # Pillow writes some of the original's details back (a JPEG comment) unless
            # they are gone from the picture itself.
            upright.info = {k: v for k, v in upright.info.items() if k in _KEPT_INFO}
            out = io.BytesIO()
            if announced == "JPEG":
                upright.convert("RGB").save(out, "JPEG", quality=88)
            elif announced == "PNG":
                upright.save(out, "PNG", optimize=True)
            else:
                upright.save(out, "WEBP", quality=88)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(MESSAGES["broken"], code="broken") from None
    return CheckedImage(content=out.getvalue(), image_format=announced)


def store_image(image: CheckedImage, folder: str) -> str:
    """Save the picture through the default storage under a random name; return the name."""
    name = f"{folder.rstrip('/')}/{secrets.token_urlsafe(16)}.{image.extension}"
    return default_storage.save(name, ContentFile(image.content))


def content_type_for(name: str) -> str:
    """Return the content type of a stored picture from the extension the app gave it."""
    extension = name.rsplit(".", 1)[-1].lower()
    return TYPE_BY_EXTENSION.get(extension, "application/octet-stream")


def image_response(name: str | None) -> FileResponse:
    """Serve a stored picture to the one viewer the caller checked: never cached, never
    sniffed, shown inline. No name, or a name whose file is gone from storage, is the 404
    of a missing record."""
    if not name:
        raise not_found()
    try:
        handle = default_storage.open(name, "rb")
    except FileNotFoundError:
        raise not_found() from None
    response = FileResponse(handle, content_type=content_type_for(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


def delete_image(name: str) -> None:
    if name:
        default_storage.delete(name)
