"""Introduction films: what an upload must be, how films are stored and who may watch them,
and byte ranges so a player can seek."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coproduce.core.models import AuditEntry
from coproduce.people.models import IntroductionFilm
from coproduce.people.staff import films
from coproduce.people.staff.tests.staff_helpers import (
    CAPTIONS,
    FAKE_MP4,
    current_film_of,
    make_video,
    profile_of,
    stored_film,
)

UPLOAD = reverse("people:film_upload")


@pytest.fixture(scope="module")
def videos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny real films made once for the module with PyAV."""
    folder = tmp_path_factory.mktemp("films")
    return {
        "mp4": make_video(folder, seconds=2),
        "webm": make_video(folder, seconds=2, extension="webm"),
        "long": make_video(folder, seconds=61, size=(32, 24), rate=1, name="long.mp4"),
    }


def upload(path: Path | None = None, *, name: str = "film.mp4", content: bytes | None = None):  # type: ignore[no-untyped-def]
    data = content if content is not None else path.read_bytes()  # type: ignore[union-attr]
    return SimpleUploadedFile(name, data, content_type="video/mp4")


def captions_file(content: bytes = CAPTIONS, name: str = "captions.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/vtt")


def post_film(client, video, *, captions=None, transcript="", token=None):  # type: ignore[no-untyped-def]
    data = {"upload_token": str(token or uuid.uuid4()), "video": video, "transcript": transcript}
    if captions is not None:
        data["captions"] = captions
    return client.post(UPLOAD, data)


# Uploading


@pytest.mark.django_db
def test_worker_uploads_an_mp4_with_captions(personas, client_for, videos):
    response = post_film(
        client_for(personas.worker), upload(videos["mp4"]), captions=captions_file()
    )
    assert response.status_code == 302
    film = IntroductionFilm.objects.get(staff__user=personas.worker)
    assert film.is_current
    assert film.content_type == "video/mp4"
    assert 1.5 < float(film.duration_seconds) < 2.5
    assert film.video.name.endswith(".mp4") and "film" not in Path(film.video.name).stem
    assert film.captions.read().startswith(b"WEBVTT")
    assert film.poster.read()[:3] == b"\xff\xd8\xff"  # a JPEG frame
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.CREATE, object_type="people.introductionfilm"
    ).exists()


@pytest.mark.django_db
def test_worker_uploads_a_webm_with_a_transcript_only(personas, client_for, videos):
    video = SimpleUploadedFile("film.webm", videos["webm"].read_bytes(), content_type="video/webm")
    response = post_film(client_for(personas.worker), video, transcript="Hello, I am Wendy.")
    assert response.status_code == 302
    film = IntroductionFilm.objects.get(staff__user=personas.worker)
    assert film.content_type == "video/webm"
    assert film.transcript == "Hello, I am Wendy."
    assert not film.captions


@pytest.mark.django_db
def test_text_file_renamed_mp4_is_refused(personas, client_for):
    fake = upload(name="film.mp4", content=b"This is not a film at all, just words.\n" * 20)
    response = post_film(client_for(personas.worker), fake, transcript="Hello")
    assert response.status_code == 200
    assert "The film must be an MP4 or WebM video" in response.content.decode()
    assert not IntroductionFilm.objects.exists()


@pytest.mark.django_db
def test_file_over_50_mb_is_refused_before_it_is_probed(personas, client_for, monkeypatch):
    def must_not_run(path):  # type: ignore[no-untyped-def]
        raise AssertionError("a file that was too big was probed")

    monkeypatch.setattr(films, "probe", must_not_run)
    big = upload(name="big.mp4", content=FAKE_MP4[:32] + b"\0" * (51 * 1024 * 1024))
    response = post_film(client_for(personas.worker), big, transcript="Hello")
    assert "The film must be 50 MB or smaller" in response.content.decode()
    assert not IntroductionFilm.objects.exists()


@pytest.mark.django_db
def test_film_longer_than_60_seconds_is_refused(personas, client_for, videos):
    response = post_film(client_for(personas.worker), upload(videos["long"]), transcript="Hi")
    assert "The film must be 60 seconds or shorter" in response.content.decode()
    assert not IntroductionFilm.objects.exists()


@pytest.mark.django_db
def test_mp4_header_on_a_broken_file_is_refused(personas, client_for):
    response = post_film(client_for(personas.worker), upload(content=FAKE_MP4), transcript="Hi")
    assert "The film could not be read" in response.content.decode()


@pytest.mark.django_db
def test_film_needs_captions_or_a_transcript(personas, client_for, videos):
    response = post_film(client_for(personas.worker), upload(videos["mp4"]))
    assert "Add captions or write a transcript" in response.content.decode()
    assert not IntroductionFilm.objects.exists()


@pytest.mark.django_db
def test_captions_must_be_webvtt(personas, client_for, videos):
    srt = captions_file(b"1\n00:00:00,000 --> 00:00:02,000\nHello\n", name="captions.vtt")
    response = post_film(client_for(personas.worker), upload(videos["mp4"]), captions=srt)
    assert "starts with WEBVTT" in response.content.decode()
    assert not IntroductionFilm.objects.exists()


@pytest.mark.django_db
def test_captions_over_the_size_cap_are_refused(personas, client_for):
    huge = captions_file(b"WEBVTT\n\n" + b"x" * (films.CAPTIONS_MAX_BYTES + 1))
    response = post_film(client_for(personas.worker), upload(content=b"not a film"), captions=huge)
    assert "The captions file must be 256 KB or smaller" in response.content.decode()


def test_captions_with_a_byte_order_mark_and_windows_lines_are_accepted():
    checked = films.check_captions(
        captions_file(b"\xef\xbb\xbfWEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\nHi\r\n")
    )
    assert checked == b"WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n"


@pytest.mark.django_db
def test_missing_media_library_refuses_with_a_plain_message(personas, client_for, monkeypatch):
    monkeypatch.setattr(films, "media_library", lambda: None)
    response = post_film(client_for(personas.worker), upload(content=FAKE_MP4), transcript="Hi")
    assert "Films cannot be checked on this server at the moment" in response.content.decode()
    assert not IntroductionFilm.objects.exists()


def test_films_are_probed_and_given_posters_without_ffmpeg_programs(videos, tmp_path, monkeypatch):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for kind, container in (("mp4", films.MP4), ("webm", films.WEBM)):
        video = SimpleUploadedFile(f"film.{kind}", videos[kind].read_bytes())
        checked = films.check_video(video)
        assert checked.container == container
        assert Decimal("1.5") < checked.duration_seconds < Decimal("2.5")
        assert checked.poster_jpeg is not None and checked.poster_jpeg[:3] == b"\xff\xd8\xff"


def test_a_probe_that_runs_out_of_time_is_refused_in_plain_words(videos, monkeypatch):
    import av

    def stalls(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise av.error.ExitError(-1414092869, "Immediate exit requested")

    monkeypatch.setattr(av, "open", stalls)
    with pytest.raises(films.FilmRefused, match="took too long to check"):
        films.check_video(SimpleUploadedFile("film.mp4", videos["mp4"].read_bytes()))


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (FAKE_MP4[:64], films.MP4),
        (bytes.fromhex("1a45dfa39f4286810142f7810142f2810442f381084282847765626d"), films.WEBM),
        (bytes.fromhex("1a45dfa39f4286810142f7810142f28104") + b"matroska", None),
        (b"GIF89a" + b"\0" * 20, None),
        (b"", None),
    ],
)
def test_container_is_read_from_the_first_bytes(head, kind):
    assert films.sniff_container(head) == kind


@pytest.mark.django_db
def test_same_upload_sent_twice_stores_one_film(personas, client_for, videos):
    client, token = client_for(personas.worker), uuid.uuid4()
    for _ in range(2):
        response = post_film(client, upload(videos["mp4"]), transcript="Hello", token=token)
        assert response.status_code == 302
    assert IntroductionFilm.objects.filter(staff__user=personas.worker).count() == 1


@pytest.mark.django_db
def test_new_film_replaces_the_current_one_and_the_old_is_kept(personas):
    old = stored_film(personas)
    new = stored_film(personas)
    old.refresh_from_db()
    assert not old.is_current and new.is_current
    assert IntroductionFilm.objects.count() == 2


@pytest.mark.parametrize("persona", ["person", "supporter", "commissioner", "outsider"])
@pytest.mark.django_db
def test_roles_without_a_staff_profile_cannot_upload(personas, client_for, persona):
    assert client_for(personas.user(persona)).get(UPLOAD).status_code == 404


# Watching


def video_url(film: IntroductionFilm, kind: str = "video") -> str:
    return reverse(f"people:film_{kind}", kwargs={"film_id": film.pk})


@pytest.mark.django_db
def test_profile_page_plays_the_film_with_captions_and_transcript(personas, client_for):
    film = current_film_of(personas)
    page = (
        client_for(personas.person)
        .get(reverse("people:staff_profile", kwargs={"staff_id": film.staff_id}))
        .content.decode()
    )
    assert 'controls preload="metadata"' in page
    assert f'poster="{video_url(film, "poster")}"' in page
    assert (
        f'<track kind="captions" srclang="en" label="English" default src="{video_url(film, "captions")}">'
        in page
    )
    assert "govuk-details" in page and "Hello, I am Wendy. I like walking" in page


@pytest.mark.django_db
def test_video_is_sent_with_safe_headers(personas, client_for):
    film = current_film_of(personas)
    response = client_for(personas.person).get(video_url(film))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == FAKE_MP4
    assert response["Content-Type"] == "video/mp4"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(FAKE_MP4))


@pytest.mark.django_db
def test_captions_and_poster_have_their_own_types(personas, client_for):
    film = current_film_of(personas)
    client = client_for(personas.supporter)
    captions = client.get(video_url(film, "captions"))
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(captions.streaming_content) == CAPTIONS
    poster = client.get(video_url(film, "poster"))
    assert poster["Content-Type"] == "image/jpeg"
    assert poster["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["video", "captions", "poster"])
def test_a_film_file_that_is_gone_answers_404_not_a_server_error(personas, client_for, kind):
    film = current_film_of(personas)
    getattr(film, kind).storage.delete(getattr(film, kind).name)
    client = client_for(personas.person)
    client.raise_request_exception = False
    assert client.get(video_url(film, kind)).status_code == 404
    assert client.get(video_url(film, kind), HTTP_RANGE="bytes=0-9").status_code == 404


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-9", 0, 9),
        ("bytes=100-", 100, len(FAKE_MP4) - 1),
        ("bytes=-16", len(FAKE_MP4) - 16, len(FAKE_MP4) - 1),
        ("bytes=50-999999", 50, len(FAKE_MP4) - 1),
    ],
)
@pytest.mark.django_db
def test_a_byte_range_gets_206_with_just_those_bytes(personas, client_for, header, first, last):
    film = current_film_of(personas)
    response = client_for(personas.person).get(video_url(film), HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(FAKE_MP4)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert b"".join(response.streaming_content) == FAKE_MP4[first : last + 1]
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("header", ["bytes=999999-", "bytes=-0"])
@pytest.mark.django_db
def test_a_range_past_the_end_gets_416(personas, client_for, header):
    film = current_film_of(personas)
    response = client_for(personas.person).get(video_url(film), HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(FAKE_MP4)}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "items=0-5", "bytes=9-2", "bytes=abc"])
@pytest.mark.django_db
def test_ranges_that_cannot_be_served_alone_get_the_whole_film(personas, client_for, header):
    film = current_film_of(personas)
    response = client_for(personas.person).get(video_url(film), HTTP_RANGE=header)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == FAKE_MP4


@pytest.mark.django_db
def test_only_the_first_request_of_a_viewing_is_audited(personas, client_for):
    film = current_film_of(personas)
    client = client_for(personas.person)
    client.get(video_url(film), HTTP_RANGE="bytes=0-")
    client.get(video_url(film), HTTP_RANGE="bytes=100-")
    client.get(video_url(film), HTTP_RANGE="bytes=200-")
    watched = AuditEntry.objects.filter(
        actor=personas.person, object_type="people.introductionfilm", object_id=str(film.pk)
    )
    assert watched.count() == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("person", 200),
        ("supporter", 200),
        ("worker", 200),
        ("manager", 200),
        ("quality_lead", 200),
        ("other_worker", 404),
        ("quality_checker", 404),
        ("commissioner", 404),
        ("outsider", 404),
    ],
)
@pytest.mark.django_db
def test_film_files_answer_only_those_who_may_see_the_profile(
    personas, client_for, persona, status
):
    film = current_film_of(personas)
    client = client_for(personas.user(persona))
    for kind in ("video", "captions", "poster"):
        assert client.get(video_url(film, kind)).status_code == status, kind


@pytest.mark.django_db
def test_an_old_film_is_only_for_the_worker_and_managers(personas, client_for):
    old = stored_film(personas)
    stored_film(personas)
    assert client_for(personas.person).get(video_url(old)).status_code == 404
    assert client_for(personas.manager).get(video_url(old)).status_code == 200
    assert client_for(personas.worker).get(video_url(old)).status_code == 200


@pytest.mark.django_db
def test_signed_out_visitor_is_sent_to_sign_in_for_a_film(personas, client):
    film = current_film_of(personas)
    response = client.get(video_url(film))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_film_files_are_not_served_from_a_public_media_url(personas, client_for):
    film = current_film_of(personas)
    client = client_for(personas.person)
    for path in ("/media/" + film.video.name, "/" + film.video.name):
        assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_own_profile_shows_the_current_film_and_counts_old_ones(personas, client_for):
    stored_film(personas)
    stored_film(personas)
    page = client_for(personas.worker).get(reverse("people:my_staff_profile")).content.decode()
    assert "<video" in page
    assert "1 older film is kept" in page


@pytest.mark.django_db
def test_staff_helpers_profile_is_the_workers(personas):
    assert profile_of(personas).user == personas.worker


def test_captions_become_a_transcript_without_timings_or_tags():
    vtt = (
        b"WEBVTT\n\nNOTE written by Wendy\n\n1\n00:00.000 --> 00:02.000\n<v Wendy>Hello,</v>\n"
        b"I am Wendy.\n\n00:02.000 --> 00:04.000 align:start\nI like <b>walking</b>.\n"
    )
    assert films.captions_text(vtt) == "Hello, I am Wendy.\nI like walking."


@pytest.mark.django_db
def test_film_with_captions_only_shows_their_words_as_the_transcript(personas, client_for):
    film = current_film_of(personas)
    film.transcript = ""
    film.save(update_fields=["transcript"])
    page = (
        client_for(personas.person)
        .get(reverse("people:staff_profile", kwargs={"staff_id": film.staff_id}))
        .content.decode()
    )
    assert "Read what Wendy says in the film" in page
    assert "Hello, I am Wendy." in page
