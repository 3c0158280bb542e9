"""Build staff profiles, films and supporter links for tests through the real actions.

Fixture-free, so the URL policy table can call them from its kwargs rules.
"""

from __future__ import annotations

import io
import uuid
from decimal import Decimal
from pathlib import Path

import av
import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import Personas
from coproduce.accounts.models import User
from coproduce.people.images import CheckedImage, check_image
from coproduce.people.models import IntroductionFilm, StaffProfile
from coproduce.people.staff.actions import (
    introduction_film_add,
    staff_photo_set,
    staff_profile_ensure,
)
from coproduce.people.staff.films import MP4, CheckedVideo

CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello, I am Wendy.\n"
# An MP4 header followed by filler: enough for serving and range tests, never probed.
FAKE_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(range(256)) * 40
FAKE_JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60 + b"\xff\xd9"


def profile_of(personas: Personas, user: User | None = None) -> StaffProfile:
    """Return the worker's (or ``user``'s) staff profile, starting one if needed."""
    return staff_profile_ensure(organisation=personas.organisation, user=user or personas.worker)


def stored_film(
    personas: Personas, user: User | None = None, *, content: bytes = FAKE_MP4
) -> IntroductionFilm:
    """Store a film for the worker through the real action, without probing it."""
    user = user or personas.worker
    profile_of(personas, user)
    checked = CheckedVideo(
        container=MP4,
        size_bytes=len(content),
        duration_seconds=Decimal("2.00"),
        poster_jpeg=FAKE_JPEG,
    )
    return introduction_film_add(
        actor=user,
        organisation=personas.organisation,
        video=SimpleUploadedFile("film.mp4", content, content_type="video/mp4"),
        checked=checked,
        captions_vtt=CAPTIONS,
        transcript="Hello, I am Wendy. I like walking and cooking.",
        upload_token=uuid.uuid4(),
    )


def profile_with_photo(personas: Personas, user: User | None = None) -> StaffProfile:
    """Give the worker (or ``user``) a drawn portrait as their photo, through the action."""
    user = user or personas.worker
    profile = profile_of(personas, user)
    if profile.photo:
        return profile
    return staff_photo_set(
        actor=user, organisation=personas.organisation, photo=checked_picture("#1d70b8")
    )


def checked_picture(colour: str) -> CheckedImage:
    """Return a small PNG picture, checked as an upload is."""
    out = io.BytesIO()
    Image.new("RGB", (32, 32), colour).save(out, format="PNG")
    return check_image(SimpleUploadedFile("portrait.png", out.getvalue(), content_type="image/png"))


def current_film_of(personas: Personas) -> IntroductionFilm:
    """Return the worker's current film, storing one if there is none."""
    profile = profile_of(personas)
    film = profile.films.filter(is_current=True).first()
    return film or stored_film(personas)


def make_video(
    path: Path,
    *,
    seconds: int = 2,
    extension: str = "mp4",
    size: tuple[int, int] = (160, 120),
    rate: int = 10,
    name: str | None = None,
) -> Path:
    """Generate a tiny real film with PyAV: moving colour bars, H.264 in MP4 or VP8 in WebM."""
    out = path / (name or f"film-{seconds}s.{extension}")
    width, height = size
    codec = "libvpx" if extension == "webm" else "libx264"
    bars = np.linspace(0, 255, width, dtype=np.uint8)
    with av.open(str(out), mode="w") as container:
        stream = container.add_stream(codec, rate=rate)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        if extension == "webm":
            stream.bit_rate = 50_000
        for index in range(seconds * rate):
            shifted = np.roll(bars, index * 4)
            picture = np.empty((height, width, 3), dtype=np.uint8)
            picture[..., 0] = shifted
            picture[..., 1] = 255 - shifted
            picture[..., 2] = (index * 25) % 256
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return out
