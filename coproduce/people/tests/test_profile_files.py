"""Photos and pictures: checked by their bytes, stored under random names, served privately."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.people.images import MAX_BYTES, sniff_format
from coproduce.people.models import PersonDetails, ProfileEntry
from coproduce.people.tests.profile_helpers import image_bytes, media_root, upload  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def details_url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("people:details_edit", kwargs={"person_id": personas.kyle.pk})


def post_photo(client, personas, photo, consent=True):  # type: ignore[no-untyped-def]
    data = {"base_version": 0, "preferred_name": "Kyle", "photo": photo}
    if consent:
        data["photo_consent"] = "on"
    return client.post(details_url(personas), data)


@pytest.mark.parametrize(
    ("image_format", "expected"), [("PNG", "PNG"), ("JPEG", "JPEG"), ("WEBP", "WEBP")]
)
def test_sniff_format_reads_magic_numbers(image_format, expected):
    assert sniff_format(image_bytes(image_format)[:16]) == expected


def test_photo_with_consent_is_stored_and_served_privately(personas, client_for):
    client = client_for(personas.person)
    response = post_photo(client, personas, upload("holiday snap.png"))
    assert response.status_code == 302
    details = PersonDetails.objects.get(person=personas.kyle)
    assert details.photo.name.startswith("people/photos/")
    assert "holiday" not in details.photo.name  # the uploader's name is never used
    assert default_storage.exists(details.photo.name)

    photo = client_for(personas.worker).get(
        reverse("people:photo", kwargs={"person_id": personas.kyle.pk})
    )
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/png"
    assert photo["X-Content-Type-Options"] == "nosniff"
    assert photo["Content-Disposition"] == "inline"
    assert photo["Cache-Control"] == "private, no-store"
    assert b"".join(photo.streaming_content).startswith(b"\x89PNG")


def test_photo_refused_to_commissioner_and_outsider(personas, client_for):
    post_photo(client_for(personas.person), personas, upload())
    url = reverse("people:photo", kwargs={"person_id": personas.kyle.pk})
    assert client_for(personas.commissioner).get(url).status_code == 404
    assert client_for(personas.outsider).get(url).status_code == 404


def test_photo_without_consent_is_refused(personas, client_for):
    response = post_photo(client_for(personas.person), personas, upload(), consent=False)
    assert response.status_code == 200
    assert "Tick the box" in response.content.decode()
    assert not PersonDetails.objects.filter(person=personas.kyle).exists()


def test_withdrawing_consent_removes_the_photo(
    personas, client_for, django_capture_on_commit_callbacks
):
    client = client_for(personas.person)
    post_photo(client, personas, upload())
    name = PersonDetails.objects.get(person=personas.kyle).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(details_url(personas), {"base_version": 1, "preferred_name": "Kyle"})
    assert response.status_code == 302
    details = PersonDetails.objects.get(person=personas.kyle)
    assert not details.photo
    assert not default_storage.exists(name)
    url = reverse("people:photo", kwargs={"person_id": personas.kyle.pk})
    assert client.get(url).status_code == 404


def test_a_png_that_is_really_text_is_refused_with_a_plain_message(personas, client_for):
    fake = SimpleUploadedFile("me.png", b"just some text, not a picture at all", "image/png")
    response = post_photo(client_for(personas.person), personas, fake)
    assert response.status_code == 200
    assert "The picture must be a JPEG, PNG or WebP image" in response.content.decode()


def test_a_png_header_on_a_broken_file_is_refused(personas, client_for):
    fake = SimpleUploadedFile("me.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
    response = post_photo(client_for(personas.person), personas, fake)
    assert response.status_code == 200
    assert "could not be opened" in response.content.decode()


def test_a_gif_is_refused(personas, client_for):
    response = post_photo(
        client_for(personas.person), personas, upload("me.gif", image_bytes("GIF"), "image/gif")
    )
    assert "The picture must be a JPEG, PNG or WebP image" in response.content.decode()


def test_a_6_mb_image_is_refused(personas, client_for):
    big = image_bytes("PNG") + b"\x00" * (6 * 1024 * 1024)
    assert len(big) > MAX_BYTES
    response = post_photo(client_for(personas.person), personas, upload("big.png", big))
    assert response.status_code == 200
    assert "The picture must be smaller than 5 MB" in response.content.decode()


def test_profile_part_picture_is_checked_and_kept_per_version(personas, client_for):
    client = client_for(personas.person)
    url = reverse(
        "people:profile_part_edit", kwargs={"person_id": personas.kyle.pk, "section": "good_day"}
    )
    bad = SimpleUploadedFile("x.jpg", b"<html>not a picture</html>", "image/jpeg")
    response = client.post(
        url, {"base_version": 0, "text": "Beach.", "voice_how": "typed", "picture": bad}
    )
    assert response.status_code == 200
    assert not ProfileEntry.objects.exists()

    response = client.post(
        url,
        {
            "base_version": 0,
            "text": "Beach.",
            "voice_how": "typed",
            "picture": upload("beach.jpg", image_bytes("JPEG"), "image/jpeg"),
        },
    )
    assert response.status_code == 302
    first_picture = ProfileEntry.objects.get().picture.name
    client.post(
        url, {"base_version": 1, "text": "Beach!", "voice_how": "typed", "picture": upload()}
    )
    picture_url = reverse(
        "people:profile_picture", kwargs={"person_id": personas.kyle.pk, "section": "good_day"}
    )
    old = client_for(personas.worker).get(picture_url + "?version=1")
    assert old.status_code == 200 and old["Content-Type"] == "image/jpeg"
    assert default_storage.exists(first_picture)
    current = client_for(personas.worker).get(picture_url)
    assert current["Content-Type"] == "image/png"
    assert client_for(personas.outsider).get(picture_url).status_code == 404


def test_a_photo_or_picture_whose_file_is_gone_answers_404_not_a_server_error(personas, client_for):
    """The record still names the file but storage lost it: a 404 like a missing record."""
    client = client_for(personas.person)
    post_photo(client, personas, upload())
    section = {"person_id": personas.kyle.pk, "section": "good_day"}
    client.post(
        reverse("people:profile_part_edit", kwargs=section),
        {"base_version": 0, "text": "Beach.", "voice_how": "typed", "picture": upload()},
    )
    default_storage.delete(PersonDetails.objects.get(person=personas.kyle).photo.name)
    default_storage.delete(ProfileEntry.objects.get().picture.name)
    worker = client_for(personas.worker)
    worker.raise_request_exception = False
    photo = reverse("people:photo", kwargs={"person_id": personas.kyle.pk})
    picture = reverse("people:profile_picture", kwargs=section)
    assert worker.get(photo).status_code == 404
    assert worker.get(picture).status_code == 404
    assert worker.get(picture + "?version=1").status_code == 404
