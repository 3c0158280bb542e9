"""A photo with a comment, complaint or compliment: one more easy-read step, a few words on
what it shows, plain messages for a file that is not a picture or is too big, no place or
camera kept, served only to those who may open the concern, and never a stray file."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import signed_in_client
from coproduce.core.models import AuditEntry
from coproduce.feedback.models import Concern
from coproduce.people.images import MAX_BYTES

from .feedback_helpers import kyles_complaint, kyles_complaint_with_photo, photo_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _kept(media_root: Path) -> list[Path]:
    folder = media_root / "concerns"
    return sorted(folder.iterdir()) if folder.exists() else []


def _easy(client) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    session["easy_read"] = True
    session.save()


def _complaint(personas, **extra: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "kind": "complaint",
        "about": "service",
        "service": str(personas.house.pk),
        "what_happened": "The front door was left open all night.",
        "what_would_help": "Check the door at 10pm.",
        "idempotency_key": str(uuid.uuid4()),
        **extra,
    }


def _photo(name: str = "door.jpg", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes() if content is None else content, "image/jpeg")


def test_kyle_adds_a_photo_in_easy_read_as_a_fourth_step_and_sending_twice_keeps_one(
    personas, media_root
) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    _easy(client)
    page = client.get(reverse("feedback:raise")).content.decode()
    assert "Step 4 of 4" in page and 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page and 'accept="image/jpeg,image/png,image/webp"' in page
    data = _complaint(personas, photo_description="Our front door, wide open in the dark")

    first = client.post(reverse("feedback:raise"), {**data, "photo": _photo()})
    second = client.post(reverse("feedback:raise"), {**data, "photo": _photo()})

    concern = Concern.objects.get()
    assert first.status_code == second.status_code == 302
    assert concern.photo_description == "Our front door, wide open in the dark"
    assert [path.name for path in _kept(media_root)] == [Path(concern.photo.name).name]
    stored = default_storage.open(concern.photo.name).read()
    assert b"Pixelphone" not in stored and b"30.1234" not in stored  # no camera, no place
    assert photo_bytes().find(b"Pixelphone") >= 0  # the upload carried them
    shown = client.get(reverse("feedback:concern", kwargs={"concern_id": concern.pk}))
    photo_url = reverse("feedback:concern_photo", kwargs={"concern_id": concern.pk})
    assert (
        f'src="{photo_url}" alt="Our front door, wide open in the dark"' in shown.content.decode()
    )


def test_a_photo_needs_words_and_is_asked_for_again_with_nothing_kept(personas, media_root) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    response = client.post(reverse("feedback:raise"), {**_complaint(personas), "photo": _photo()})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say what the photo shows" in page
    assert "Please choose your photo again" in page
    assert not Concern.objects.exists() and _kept(media_root) == []


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("door.jpg", b"not a picture at all", "image/jpeg"), "must be a JPEG"),
        (
            SimpleUploadedFile("door.png", photo_bytes("PNG") + b"\0" * MAX_BYTES, "image/png"),
            "smaller than 5 MB",
        ),
        (SimpleUploadedFile("door.gif", photo_bytes("GIF"), "image/gif"), "must be a JPEG"),
    ],
    ids=["text", "too-big", "gif"],
)
def test_a_file_that_is_not_a_picture_or_is_too_big_gets_a_plain_message(
    personas, media_root, upload, message
) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    _easy(client)
    data = _complaint(personas, photo_description="The door")
    response = client.post(reverse("feedback:raise"), {**data, "photo": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Concern.objects.exists() and _kept(media_root) == []


def test_a_failed_write_leaves_no_concern_and_no_photo(personas, media_root, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback import actions

    def broken(**kwargs: object) -> None:
        raise RuntimeError("the audit log is full")

    monkeypatch.setattr(actions, "audit_record", broken)
    with pytest.raises(RuntimeError):
        kyles_complaint_with_photo(personas)
    assert not Concern.objects.exists()
    assert _kept(media_root) == []


def test_a_photo_is_served_only_to_those_who_may_open_the_concern(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_complaint_with_photo(personas)  # about Wendy
    url = reverse("feedback:concern_photo", kwargs={"concern_id": complaint.pk})
    for user in (personas.person, personas.manager, personas.quality_lead):
        response = signed_in_client(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"  # type: ignore[attr-defined]
    # Wendy, the worker it is about, and everyone else who may not open it: a 404.
    for user in (
        personas.worker,
        personas.other_worker,
        personas.supporter,
        personas.senior_leader,
        personas.commissioner,
    ):
        assert signed_in_client(user).get(url).status_code == 404
    # Another organisation: the same 404, and the asking shows in the audit log.
    assert signed_in_client(personas.outsider).get(url).status_code == 404
    assert AuditEntry.objects.filter(
        actor=personas.outsider,
        action=AuditEntry.Action.REFUSED,
        object_type="feedback.concern",
        object_id=str(complaint.pk),
    ).exists()
    # The photo is not audited again over the page: Maya's one opening of the page is.
    reads = AuditEntry.objects.filter(
        actor=personas.manager, action=AuditEntry.Action.READ, object_id=str(complaint.pk)
    )
    assert not reads.exists()
    signed_in_client(personas.manager).get(
        reverse("feedback:concern", kwargs={"concern_id": complaint.pk})
    )
    assert reads.count() == 1


def test_a_compliment_photo_reaches_the_worker_it_praises(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.people.images import check_image

    compliment = kyles_complaint(
        personas,
        kind="compliment",
        about="worker",
        worker=personas.worker,
        what_happened="Wendy made my birthday cake.",
        photo=check_image(_photo()),
        photo_description="A chocolate cake with candles",
    )
    url = reverse("feedback:concern_photo", kwargs={"concern_id": compliment.pk})
    assert signed_in_client(personas.worker).get(url).status_code == 200
    assert signed_in_client(personas.other_worker).get(url).status_code == 404


def test_a_concern_without_a_photo_has_no_photo_page(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_complaint(personas)
    url = reverse("feedback:concern_photo", kwargs={"concern_id": complaint.pk})
    assert signed_in_client(personas.person).get(url).status_code == 404
    page = signed_in_client(personas.person).get(
        reverse("feedback:concern", kwargs={"concern_id": complaint.pk})
    )
    assert "The photo" not in page.content.decode()
