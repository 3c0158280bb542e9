"""Shared set-up for the one-page profile tests: pictures made in memory, media in a
temporary folder, and a profile written through the real actions."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from coproduce.core.models import VoiceHow
from coproduce.people import actions
from coproduce.people.models import Person


@pytest.fixture
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(out, image_format)
    return out.getvalue()


def upload(
    name: str = "me.png", content: bytes | None = None, content_type: str = "image/png"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes() if content is None else content, content_type)


def write_part(
    person: Person, user, section: str, text: str, how: str = VoiceHow.TYPED, helper=None
):  # type: ignore[no-untyped-def]
    """Save a new version of a profile part through the action, from the current version."""
    from coproduce.people.queries import profile_entry_for

    entry = profile_entry_for(person, section)
    return actions.profile_entry_update(
        actor=user,
        person=person,
        section=section,
        base_version=entry.version if entry else 0,
        text=text,
        voice_how=how,
        voice_helper=helper,
    )


# --- data for the URL policy test (tests/test_url_policy.py) ----------------------------


def kyle_with_photo(p) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Give Kyle a consented photo through the action; return the URL's arguments."""
    from coproduce.people.images import check_image

    actions.person_details_update(
        actor=p.person,
        person=p.kyle,
        base_version=0,
        changes={"photo_consent": True},
        photo=check_image(upload()),
    )
    return {"person_id": p.kyle.pk}


def kyle_part_with_picture(p) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from coproduce.people.images import check_image

    actions.profile_entry_update(
        actor=p.person,
        person=p.kyle,
        section="good_day",
        base_version=0,
        text="Swimming.",
        voice_how=VoiceHow.TYPED,
        picture=check_image(upload()),
    )
    return {"person_id": p.kyle.pk, "section": "good_day"}


def kyle_part_with_two_versions(p) -> dict[str, object]:  # type: ignore[no-untyped-def]
    write_part(p.kyle, p.person, "good_day", "Swimming.")
    write_part(p.kyle, p.person, "good_day", "Swimming and chips.")
    return {"person_id": p.kyle.pk, "section": "good_day"}


def kyle_circle_member(p) -> dict[str, int]:  # type: ignore[no-untyped-def]
    important = actions.important_person_add(
        actor=p.person, person=p.kyle, name="Mary", relationship="Mum", closeness="closest"
    )
    return {"person_id": p.kyle.pk, "important_id": important.pk}
