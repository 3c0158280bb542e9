"""The ideas pages: the list, putting an idea forward (one page, and easy read a step at
a time), an idea with its picture and "me too", and answering it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import signed_in_client
from coproduce.accounts.models import Notification
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import AuditEntry
from coproduce.voice.ideas.actions import idea_answer, idea_post
from coproduce.voice.models import Idea, IdeaStatus, MeToo
from coproduce.voice.tests.voice_helpers import (
    kyles_idea,
    kyles_idea_with_picture,
    picture_upload,
)

pytestmark = pytest.mark.django_db

KEY = "6f1c8a52-2d35-4a3e-9a0c-1b2d3e4f5a6b"


def _easy_read(client) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    session["easy_read"] = True
    session.save()


def _url(name: str, idea: Idea) -> str:
    return reverse(f"voice:{name}", kwargs={"idea_id": idea.pk})


def test_the_list_names_the_author_only_to_staff_and_leaders(personas) -> None:  # type: ignore[no-untyped-def]
    idea_post(
        viewer=viewer_for(personas.worker, personas.organisation),
        title="Pictures on the house meeting agenda",
        service=personas.house,
    )
    mary = signed_in_client(personas.supporter).get(reverse("voice:ideas")).content.decode()
    assert "Pictures on the house meeting agenda" in mary
    assert "Someone at Willow House" in mary and "Wendy" not in mary
    maya = signed_in_client(personas.manager).get(reverse("voice:ideas")).content.decode()
    assert "Wendy Worker" in maya
    # Hillside's admin sees none of Riverside's ideas.
    olu = signed_in_client(personas.outsider).get(reverse("voice:ideas")).content.decode()
    assert "Pictures on the house meeting agenda" not in olu
    assert "There are no ideas yet" in olu


def test_the_list_filters_by_status_and_pages_by_25(personas) -> None:  # type: ignore[no-untyped-def]
    for n in range(26):
        kyles_idea(personas, title=f"Idea number {n}")
    Idea.objects.filter(title="Idea number 3").update(status=IdeaStatus.YES)
    client = signed_in_client(personas.person)
    first = client.get(reverse("voice:ideas")).content.decode()
    assert "Idea number 25" in first and "Idea number 0<" not in first
    assert "Page 1 of 2" in first
    yes = client.get(reverse("voice:ideas") + "?status=yes").content.decode()
    assert "Idea number 3" in yes and "Idea number 4" not in yes
    none = client.get(reverse("voice:ideas") + "?status=not_possible").content.decode()
    assert "No idea has this answer yet." in none
    assert client.get(reverse("voice:ideas") + "?status=nonsense").status_code == 404


def test_kyle_puts_forward_an_idea_with_a_picture_once(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    form = client.get(reverse("voice:idea_new")).content.decode()
    assert 'name="idempotency_key"' in form and "Who wrote this idea?" in form
    answers = {
        "idempotency_key": KEY,
        "title": "A film night every Friday",
        "text": "With popcorn.",
        "service": str(personas.house.pk),
        "picture": picture_upload(),
        "picture_description": "A drawing of popcorn",
        "voice_how": "typed",
    }
    response = client.post(reverse("voice:idea_new"), answers)
    idea = Idea.objects.get(organisation=personas.organisation)
    assert response.status_code == 302 and response["Location"] == _url("idea", idea)
    assert idea.service == personas.house and idea.picture_description == "A drawing of popcorn"
    # Pressed twice: still one idea, and Kyle is taken to it.
    answers["picture"] = picture_upload()
    again = client.post(reverse("voice:idea_new"), answers)
    assert again.status_code == 302 and again["Location"] == _url("idea", idea)
    assert Idea.objects.filter(organisation=personas.organisation).count() == 1
    page = client.get(_url("idea", idea)).content.decode()
    assert "A film night every Friday" in page and _url("idea_picture", idea) in page
    assert 'alt="A drawing of popcorn"' in page
    picture = client.get(_url("idea_picture", idea))
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    assert picture["Cache-Control"] == "private, no-store"
    # The stored file's name never reaches the page: only the access-checked address.
    assert idea.picture.name not in page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: picture_upload("notes.png", b"just some words, not a picture"), "must be a JPEG"),
        (
            lambda: picture_upload("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * (5 * 1024 * 1024)),
            "5 MB",
        ),
        (lambda: picture_upload("broken.png", b"\x89PNG\r\n\x1a\n broken"), "could not be opened"),
    ],
    ids=["not-a-picture", "too-big", "broken"],
)
def test_a_bad_picture_gives_a_message_not_a_server_error(personas, upload, message) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    response = client.post(
        reverse("voice:idea_new"),
        {
            "idempotency_key": KEY,
            "title": "A film night",
            "picture": upload(),
            "picture_description": "Popcorn",
            "voice_how": "typed",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not Idea.objects.exists()


def test_a_picture_needs_words_saying_what_it_shows(personas) -> None:  # type: ignore[no-untyped-def]
    response = signed_in_client(personas.person).post(
        reverse("voice:idea_new"),
        {"idempotency_key": KEY, "title": "A film night", "picture": picture_upload()},
    )
    html = response.content.decode()
    assert "Say what the picture shows" in html
    assert "Please choose your picture again" in html
    assert not Idea.objects.exists()


def test_in_easy_read_kyle_sends_his_idea_in_three_steps(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    _easy_read(client)
    url = reverse("voice:idea_new")
    first = client.get(url).content.decode()
    assert "Step 1 of 3." in first and 'class="app-er-intro"' in first
    missing = client.post(url, {"step": "0", "idempotency_key": KEY})
    assert "Write your idea in a few words" in missing.content.decode()
    step = client.post(url, {"step": "0", "title": "A film night every Friday", "text": ""})
    assert step["Location"] == f"{url}?step=1"
    second = client.get(step["Location"]).content.decode()
    assert "Step 2 of 3." in second and 'enctype="multipart/form-data"' in second
    bad = client.post(url, {"step": "1", "picture": picture_upload("a.png", b"words")})
    assert "must be a JPEG" in bad.content.decode()
    step = client.post(
        url, {"step": "1", "picture": picture_upload(), "picture_description": "Popcorn"}
    )
    assert step["Location"] == f"{url}?step=2"
    check = client.get(step["Location"]).content.decode()
    assert "A film night every Friday" in check and "Your picture shows: Popcorn" in check
    sent = client.post(url, {"step": "2", "voice_how": "typed"})
    idea = Idea.objects.get()
    assert sent["Location"] == _url("idea", idea)
    assert idea.picture.name and idea.picture_description == "Popcorn"
    # The same last step sent again finds the idea already sent.
    key = str(idea.idempotency_key)
    again = client.post(url, {"step": "2", "voice_how": "typed", "idempotency_key": key})
    assert again["Location"] == _url("idea", idea) and Idea.objects.count() == 1
    page = client.get(_url("idea", idea)).content.decode()
    assert "No answer yet." in page


def test_easy_read_lets_kyle_send_an_idea_without_a_picture(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    _easy_read(client)
    url = reverse("voice:idea_new")
    client.post(url, {"step": "0", "title": "More walks"})
    assert client.post(url, {"step": "1", "no_picture": "1"})["Location"] == f"{url}?step=2"
    assert "No picture." in client.get(f"{url}?step=2").content.decode()
    helped = client.post(url, {"step": "2", "voice_how": "supported"})
    assert "Choose who helped you" in helped.content.decode()
    client.post(
        url, {"step": "2", "voice_how": "supported", "voice_helper": str(personas.supporter.pk)}
    )
    idea = Idea.objects.get()
    assert idea.voice_helper == personas.supporter and not idea.picture
    # A later step with nothing written goes back to the first.
    assert client.get(f"{url}?step=2")["Location"] == url


def test_a_worker_puts_forward_an_idea_for_kyle(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.worker)
    form = client.get(reverse("voice:idea_new")).content.decode()
    assert "Whose idea is it?" in form and ">Kyle<" in form
    missing = client.post(
        reverse("voice:idea_new"),
        {"idempotency_key": KEY, "title": "Swimming", "for_person": str(personas.kyle.pk)},
    )
    assert "Say how they gave their idea" in missing.content.decode()
    client.post(
        reverse("voice:idea_new"),
        {
            "idempotency_key": KEY,
            "title": "Swimming",
            "for_person": str(personas.kyle.pk),
            "voice_how": "supported",
        },
    )
    idea = Idea.objects.get()
    assert idea.person == personas.kyle and idea.voice_helper == personas.worker
    # Omar, at another service, cannot choose Kyle.
    omar = signed_in_client(personas.other_worker).get(reverse("voice:idea_new")).content.decode()
    assert ">Kyle<" not in omar


def test_mary_says_me_too_once_and_kyle_cannot(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    mary = signed_in_client(personas.supporter)
    assert (
        'action="' + _url("idea_me_too", idea) + '"'
        in mary.get(_url("idea", idea)).content.decode()
    )
    assert mary.post(_url("idea_me_too", idea)).status_code == 302
    assert mary.post(_url("idea_me_too", idea)).status_code == 302
    idea.refresh_from_db()
    assert idea.me_too_count == 1 == MeToo.objects.count()
    page = mary.get(_url("idea", idea)).content.decode()
    assert "1 person said “me too”." in page and "You said “me too”." in page
    kyle = signed_in_client(personas.person)
    assert _url("idea_me_too", idea) not in kyle.get(_url("idea", idea)).content.decode()
    assert kyle.post(_url("idea_me_too", idea)).status_code == 404
    assert mary.get(_url("idea_me_too", idea)).status_code == 405


def test_maya_answers_and_kyle_is_told(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    maya = signed_in_client(personas.manager)
    assert "Answer this idea" in maya.get(_url("idea", idea)).content.decode()
    empty = maya.post(_url("idea_answer", idea), {"status": "not_possible", "answer": ""})
    assert empty.status_code == 200 and "Say why it is not possible" in empty.content.decode()
    sent = maya.post(
        _url("idea_answer", idea), {"status": "yes", "answer": "Yes, from next Friday."}
    )
    assert sent["Location"] == _url("idea", idea)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.YES and idea.answered_by == personas.manager
    told = Notification.objects.get(recipient=personas.person)
    assert told.kind == "idea_answered"
    kyle = signed_in_client(personas.person)
    _easy_read(kyle)
    page = kyle.get(_url("idea", idea)).content.decode()
    assert "Yes. We will do it." in page and "Yes, from next Friday." in page
    notices = kyle.get(reverse("notifications")).content.decode()
    assert "There is an answer to your idea “A film night every Friday”." in notices


def test_opening_an_idea_that_names_kyle_is_audited(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    signed_in_client(personas.manager).get(_url("idea", idea))
    signed_in_client(personas.supporter).get(_url("idea", idea))
    reads = AuditEntry.objects.filter(action=AuditEntry.Action.READ, object_id=str(idea.pk))
    assert list(reads.values_list("actor", flat=True)) == [personas.manager.pk]


def test_other_services_and_organisations_get_not_found(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea_with_picture(personas)
    for name in ("other_worker", "outsider", "commissioner"):
        client = signed_in_client(personas.user(name))
        for page in ("idea", "idea_picture", "idea_answer"):
            assert client.get(_url(page, idea)).status_code == 404, (name, page)
        assert client.post(_url("idea_me_too", idea)).status_code == 404
    # A worker sees it but does not answer it.
    wendy = signed_in_client(personas.worker)
    assert wendy.get(_url("idea", idea)).status_code == 200
    assert wendy.get(_url("idea_answer", idea)).status_code == 404
    assert wendy.post(_url("idea_answer", idea), {"status": "yes"}).status_code == 404
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.REFUSED, actor=personas.outsider
    ).exists()


def test_an_answered_idea_shows_who_answered_and_when(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    idea_answer(
        viewer=viewer_for(personas.senior_leader, personas.organisation),
        idea=idea,
        status=IdeaStatus.THINKING,
        answer="We are asking everyone at Willow House.",
    )
    page = signed_in_client(personas.supporter).get(_url("idea", idea)).content.decode()
    assert "We are thinking about it" in page and "Answered by Sana" in page
    assert "Kyle" not in page.split("<main", 1)[1]


def test_a_new_idea_waits_in_mayas_to_answer_list_until_answered(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    maya = signed_in_client(personas.manager)
    html = maya.get(reverse("to_answer") + "?kind=idea").content.decode()
    assert "Kyle put forward an idea" in html and _url("idea", idea) in html
    assert "A film night" not in html
    home = maya.get(reverse("home")).content.decode()
    assert reverse("to_answer") + "?kind=idea" in home
    maya.post(_url("idea_answer", idea), {"status": "thinking", "answer": ""})
    after = maya.get(reverse("to_answer") + "?kind=idea").content.decode()
    assert "Kyle put forward an idea" not in after
