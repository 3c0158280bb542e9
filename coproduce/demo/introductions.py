"""Drawn portraits and introduction films for the demo's workers, made when the demo loads.

Each named worker, and everyone on Ruth's, Kyle's and Josie's shortlists, gets a portrait
(``portraits.py``), stored as their staff photo, and a film rendered with PyAV.

A film is sixteen seconds: a card with the worker's drawn portrait and name, then three
cards, each one of "three things that matter to me", over a soft tone. Its WebVTT
captions say the same words. The film is small (480 by 270, five frames a second, H.264
and AAC in MP4, which Chromium and phones play) so the demo loads quickly.
"""

from __future__ import annotations

import io
import math
import random
import tempfile
import uuid
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from PIL import Image, ImageDraw, ImageFont

from coproduce.accounts.models import Organisation
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.demo.portraits import portrait_png
from coproduce.matching.queries import shortlist, worker_index
from coproduce.people.images import check_image, store_image
from coproduce.people.models import IntroductionFilm, Person, StaffProfile
from coproduce.people.staff import films
from coproduce.people.staff.actions import STAFF_PHOTO_FOLDER

WIDTH, HEIGHT = 480, 270
FPS = 5
CARD_SECONDS = 4
SAMPLE_RATE = 44100
INK = (11, 12, 12)
PALE = (243, 242, 241)

# What matters to each named worker, in their own words.
THINGS_BY_EMAIL: dict[str, tuple[str, str, str]] = {
    "wendy@riverside.example": (
        "My two children. We bake on Sundays and the kitchen is always a mess.",
        "My dog Bramble. She loves long walks by the river, and so do I.",
        "Going at your pace. Your day is yours, and I am there to help.",
    ),
    "omar@riverside.example": (
        "My family. I am the one who cooks when everyone comes round.",
        "Leeds United. Win or lose, I am at every home match I can get to.",
        "Doing things the way you like them done, not the way I would do them.",
    ),
    "maya@riverside.example": (
        "Listening first. The people we support know best what works for them.",
        "My allotment. I grow more runner beans than anyone could eat.",
        "A team where everyone feels they can speak up, and is heard.",
    ),
}

# Everyone else gets three from here, chosen from the demo's seed.
THINGS = (
    "My nan. She taught me that a cup of tea fixes most things.",
    "Being outdoors. I feel best after a walk in the park, whatever the weather.",
    "Music. I sing in a choir on Tuesday nights, and I love a good playlist.",
    "Cooking together. I make a very good curry, and I like learning new recipes.",
    "Keeping my promises. If I say I will be there at ten, I will be there.",
    "My cat Pickle, who sits on my newspaper every morning.",
    "Laughing every day. A good laugh makes everything easier.",
    "Football on a Saturday, and a chat about it on a Monday.",
    "Getting to know you slowly, and finding out what you enjoy.",
    "Your choices. You decide what we do, and I help make it happen.",
    "My garden. I am very proud of my tomatoes this year.",
    "Being kind, and being honest. Those two matter most to me.",
    "Trying new things. I will give anything a go once.",
    "My grandchildren, and the drawings they send me.",
    "Quiet time. A good book and a walk help me feel calm.",
)

PALETTES = (
    ((29, 112, 184), (210, 226, 241)),
    ((0, 112, 60), (204, 226, 216)),
    ((76, 44, 146), (233, 220, 240)),
    ((40, 161, 151), (213, 238, 234)),
    ((145, 43, 136), (242, 227, 240)),
)


@dataclass(frozen=True)
class RenderedFilm:
    """A demo film: its bytes, its captions and the words said in it."""

    mp4: bytes
    captions_vtt: str
    transcript: str


def things_that_matter(email: str, rng: random.Random) -> tuple[str, str, str]:
    """Return a worker's three things that matter: their own, or three from the pool."""
    if email in THINGS_BY_EMAIL:
        return THINGS_BY_EMAIL[email]
    first, second, third = rng.sample(THINGS, 3)
    return first, second, third


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's own font, so the demo needs no fonts installed on the machine.
    return ImageFont.load_default(size=size)


def _wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: int,
) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _round(portrait: Image.Image, size: int) -> tuple[Image.Image, Image.Image]:
    picture = portrait.convert("RGB").resize((size, size), Image.Resampling.LANCZOS)
    mask = Image.new("L", (size * 4, size * 4), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, size * 4 - 1, size * 4 - 1), fill=255)
    return picture, mask.resize((size, size), Image.Resampling.LANCZOS)


def _hello_card(portrait: Image.Image, first_name: str, colours: tuple) -> Image.Image:
    strong, pale = colours
    card = Image.new("RGB", (WIDTH, HEIGHT), pale)
    draw = ImageDraw.Draw(card)
    picture, mask = _round(portrait, 170)
    card.paste(picture, (30, 50), mask)
    draw.ellipse((27, 47, 203, 223), outline=strong, width=4)
    big, small = _font(34), _font(20)
    y = 80
    for line in _wrap(draw, f"Hello, I am {first_name}.", big, 240):
        draw.text((225, y), line, font=big, fill=INK)
        y += 42
    for line in _wrap(draw, "Three things that matter to me", small, 230):
        draw.text((225, y + 8), line, font=small, fill=strong)
        y += 26
    return card


def _thing_card(portrait: Image.Image, number: int, text: str, colours: tuple) -> Image.Image:
    strong = colours[0]
    card = Image.new("RGB", (WIDTH, HEIGHT), PALE)
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, WIDTH, 10), fill=strong)
    draw.ellipse((28, 34, 92, 98), fill=strong)
    label = _font(36)
    digit = str(number)
    draw.text((60, 66), digit, font=label, fill=(255, 255, 255), anchor="mm")
    picture, mask = _round(portrait, 64)
    card.paste(picture, (WIDTH - 92, 34), mask)
    body = _font(25)
    y = 120
    for line in _wrap(draw, text, body, WIDTH - 60)[:4]:
        draw.text((30, y), line, font=body, fill=INK)
        y += 33
    return card


def _tone(seconds: float, rng: random.Random) -> np.ndarray:
    """A quiet, slowly swelling chord: soft enough to sit under captions."""
    times = np.arange(int(seconds * SAMPLE_RATE), dtype=np.float32) / SAMPLE_RATE
    root = rng.choice((196.0, 220.0, 246.94, 261.63))
    chord = sum(np.sin(2 * math.pi * root * ratio * times) for ratio in (1.0, 1.25, 1.5))
    swell = 0.6 + 0.4 * np.sin(2 * math.pi * times / CARD_SECONDS - math.pi / 2)
    fade = np.minimum(1.0, np.minimum(times, seconds - times) / 1.0)
    return (0.03 * chord * swell * fade).astype(np.float32)


def _timestamp(seconds: int) -> str:
    return f"{seconds // 60:02d}:{seconds % 60:02d}.000"


def render_film(
    *, first_name: str, portrait_png: bytes, things: tuple[str, str, str], seed: str
) -> RenderedFilm:
    """Render a worker's introduction film with its captions; the same seed, the same film."""
    rng = random.Random(seed)
    colours = rng.choice(PALETTES)
    portrait = Image.open(io.BytesIO(portrait_png))
    cards = [_hello_card(portrait, first_name, colours)] + [
        _thing_card(portrait, number, text, colours) for number, text in enumerate(things, start=1)
    ]
    said = [f"Hello, I am {first_name}. Here are three things that matter to me."] + [
        f"{number}. {text}" for number, text in enumerate(things, start=1)
    ]
    seconds = CARD_SECONDS * len(cards)
    with tempfile.TemporaryDirectory(prefix="demo-film-") as folder:
        path = Path(folder) / "film.mp4"
        with av.open(str(path), mode="w", options={"movflags": "+faststart"}) as container:
            video = container.add_stream(
                "libx264",
                rate=FPS,
                options={"crf": "30", "preset": "veryfast", "tune": "stillimage"},
            )
            video.width, video.height, video.pix_fmt = WIDTH, HEIGHT, "yuv420p"
            video.codec_context.gop_size = FPS * CARD_SECONDS
            # Single-threaded, so the bytes are the same on every machine for the same seed.
            video.codec_context.thread_count = 1
            audio = container.add_stream("aac", rate=SAMPLE_RATE)
            audio.layout = "mono"
            audio.bit_rate = 32_000
            index = 0
            for card in cards:
                frame = av.VideoFrame.from_image(card)
                for _ in range(FPS * CARD_SECONDS):
                    frame.pts = index
                    frame.time_base = Fraction(1, FPS)
                    container.mux(video.encode(frame))
                    index += 1
            container.mux(video.encode(None))
            samples = _tone(seconds, rng)
            step = 1024
            for start in range(0, len(samples), step):
                chunk = samples[start : start + step].reshape(1, -1)
                sound = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="mono")
                sound.sample_rate = SAMPLE_RATE
                sound.pts = start
                sound.time_base = Fraction(1, SAMPLE_RATE)
                container.mux(audio.encode(sound))
            container.mux(audio.encode(None))
        mp4 = path.read_bytes()
    cues = [
        f"{_timestamp(i * CARD_SECONDS)} --> {_timestamp((i + 1) * CARD_SECONDS)}\n{words}"
        for i, words in enumerate(said)
    ]
    return RenderedFilm(
        mp4=mp4, captions_vtt="WEBVTT\n\n" + "\n\n".join(cues) + "\n", transcript=" ".join(said)
    )


# --- Writing them into the demo ---------------------------------------------------------

# The people whose shortlists the demo's stories follow.
SHORTLISTED_FOR = ("ruth", "kyle", "josie")


def introduced_workers(organisation: Organisation) -> list[StaffProfile]:
    """Return the named workers and everyone on Ruth's, Kyle's and Josie's shortlists."""
    named = set(THINGS_BY_EMAIL)
    index = worker_index(organisation)
    staff_ids: set[int] = set()
    for key in SHORTLISTED_FOR:
        person = Person.objects.filter(
            organisation=organisation, user__email=PERSONAS_BY_KEY[key].email
        ).first()
        if person is not None:
            staff_ids.update(s.staff_id for s in shortlist(person.pk, index))
    return list(
        StaffProfile.objects.filter(organisation=organisation)
        .filter(Q(user__email__in=named) | Q(pk__in=staff_ids))
        .select_related("user")
        .order_by("user__email")
    )


def _store_film(profile: StaffProfile, rendered: RenderedFilm) -> None:
    """Check a rendered film exactly as an upload is checked, and store it as current."""
    upload = SimpleUploadedFile("film.mp4", rendered.mp4, content_type="video/mp4")
    checked = films.check_video(upload)
    captions = films.check_captions(
        SimpleUploadedFile("film.vtt", rendered.captions_vtt.encode(), content_type="text/vtt")
    )
    film = IntroductionFilm(
        staff=profile,
        content_type=checked.container.content_type,
        size_bytes=checked.size_bytes,
        duration_seconds=checked.duration_seconds,
        transcript=rendered.transcript,
        is_current=True,
        uploaded_at=profile.updated_at,
    )
    stem = uuid.uuid4().hex
    film.video.save(f"{stem}.{checked.container.extension}", upload, save=False)
    film.captions.save(f"{stem}.vtt", ContentFile(captions), save=False)
    if checked.poster_jpeg:
        film.poster.save(f"{stem}.jpg", ContentFile(checked.poster_jpeg), save=False)
    film.save()


def store_portrait(picture: bytes) -> str:
    """Check and store a drawn portrait as an uploaded staff photo is; return its name."""
    checked = check_image(SimpleUploadedFile("portrait.png", picture, content_type="image/png"))
    return store_image(checked, STAFF_PHOTO_FOLDER)


def portrait_pool(organisation: Organisation, count: int = 12) -> list[str]:
    """Store a few drawn portraits for a large organisation, for its workers to share."""
    return [store_portrait(portrait_png(f"{organisation.slug}:{n}")) for n in range(count)]


def _store_photo(profile: StaffProfile, picture: bytes) -> None:
    profile.photo.name = store_portrait(picture)
    profile.save(update_fields=["photo"])


def build_introductions(organisation: Organisation, *, seed: int = 1) -> dict[str, int]:
    """Give the named and shortlisted workers a drawn portrait and a captioned film."""
    rng = random.Random(seed)
    counts = {"staff portraits": 0, "introduction films": 0}
    for profile in introduced_workers(organisation):
        user = profile.user
        first_name = (user.name or user.email).split(" ")[0]
        look_seed = f"{seed}:{user.email}"
        picture = portrait_png(
            look_seed,
            beard_possible=profile.gender == StaffProfile.Gender.MAN,
            grey_possible=bool(profile.birth_year and profile.birth_year < 1972),
        )
        _store_photo(profile, picture)
        counts["staff portraits"] += 1
        rendered = render_film(
            first_name=first_name,
            portrait_png=picture,
            things=things_that_matter(user.email, rng),
            seed=look_seed,
        )
        _store_film(profile, rendered)
        counts["introduction films"] += 1
    return counts
