"""The library, reading a document, and the pages of those who write them."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from conftest import Personas, signed_in_client
from coproduce.codesign.models import Document, DocumentStatus
from coproduce.codesign.tests.document_helpers import charter, draft, house_information
from coproduce.core.models import AuditEntry

pytestmark = pytest.mark.django_db
S = DocumentStatus


def test_the_library_shows_published_documents_and_not_drafts(personas: Personas) -> None:
    house_information(personas)
    draft(personas, title="A secret draft")
    html = signed_in_client(personas.person).get(reverse("codesign:library")).content.decode()
    assert "About Willow House" in html
    assert "A secret draft" not in html


def test_the_library_finds_by_topic_and_by_words(personas: Personas) -> None:
    house_information(personas)
    charter(personas)
    client = signed_in_client(personas.worker)
    by_topic = client.get(reverse("codesign:library") + "?topic=rights").content.decode()
    assert "Your rights and responsibilities" in by_topic
    assert "About Willow House" not in by_topic
    by_words = client.get(reverse("codesign:library") + "?q=day+and+night").content.decode()
    assert "About Willow House" in by_words
    assert "Your rights and responsibilities" not in by_words
    nothing = client.get(reverse("codesign:library") + "?q=zebra&topic=nonsense&page=x")
    assert "There is nothing to read here yet." in nothing.content.decode()


def test_another_organisation_cannot_open_a_document(personas: Personas) -> None:
    document = house_information(personas)
    url = reverse("codesign:document", kwargs={"document_id": document.pk})
    assert signed_in_client(personas.outsider).get(url).status_code == 404
    assert AuditEntry.objects.filter(
        actor=personas.outsider, action=AuditEntry.Action.REFUSED
    ).exists()
    other_library = signed_in_client(personas.outsider).get(reverse("codesign:library"))
    assert "About Willow House" not in other_library.content.decode()


def test_a_reader_cannot_open_a_draft(personas: Personas) -> None:
    document = draft(personas)
    url = reverse("codesign:document", kwargs={"document_id": document.pk})
    assert signed_in_client(personas.person).get(url).status_code == 404
    assert signed_in_client(personas.manager).get(url).status_code == 200


def test_easy_read_shows_a_picture_beside_each_point(personas: Personas) -> None:
    document = house_information(personas)
    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    url = reverse("codesign:document", kwargs={"document_id": document.pk})
    html = signed_in_client(personas.person).get(url).content.decode()
    assert "Willow House is a home for 6 people." in html
    assert 'id="point-1"' in html and 'id="point-2"' in html
    assert "app-er-row__picture" in html
    standard = signed_in_client(personas.worker).get(url + "?easy=1").content.decode()
    assert "Staff are there day and night. You choose who helps you." in standard


def test_ruth_finds_the_charter_and_her_service_from_home(personas: Personas) -> None:
    house_information(personas)
    charter(personas)
    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    html = signed_in_client(personas.person).get(reverse("home")).content.decode()
    assert "About Willow House" in html
    assert "Your rights" in html
    assert reverse("codesign:library") in html


def test_a_manager_starts_a_document_once_when_the_form_is_sent_twice(personas: Personas) -> None:
    client = signed_in_client(personas.manager)
    data = {
        "kind": "policy",
        "topic": "internet",
        "title": "Staying safe online",
        "services": [personas.house.pk],
        "p1-text": "Never share your password.",
        "p1-easy": "Keep your password secret.",
        "p1-symbol": "private",
        "idempotency_key": str(uuid.uuid4()),
    }
    first = client.post(reverse("codesign:new"), data)
    second = client.post(reverse("codesign:new"), data)
    assert first.status_code == second.status_code == 302
    assert Document.objects.count() == 1


def test_starting_a_document_says_what_is_missing(personas: Personas) -> None:
    response = signed_in_client(personas.manager).post(
        reverse("codesign:new"), {"kind": "nonsense", "p1-text": "", "services": ["x"]}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the document a title" in html
    assert "There is a problem" in html


def test_a_worker_cannot_start_or_edit_a_document(personas: Personas) -> None:
    document = draft(personas)
    client = signed_in_client(personas.worker)
    assert client.get(reverse("codesign:new")).status_code == 404
    edit = reverse("codesign:edit", kwargs={"document_id": document.pk})
    assert client.post(edit, {"title": "Mine now"}).status_code == 404
    move = reverse("codesign:move", kwargs={"document_id": document.pk})
    assert client.post(move, {"to_status": "easy_read"}).status_code == 404
    assert Document.objects.get(pk=document.pk).status == S.DRAFT


def test_an_editor_saves_a_new_version_and_compares_it(personas: Personas) -> None:
    document = draft(personas)
    client = signed_in_client(personas.manager)
    edit = reverse("codesign:edit", kwargs={"document_id": document.pk})
    response = client.post(
        edit,
        {
            "title": "Keeping safe in hot weather",
            "p1-text": "In hot weather, drink water every hour.",
            "p1-easy": "Drink water every hour.",
            "p1-symbol": "time",
            "p2-text": "",
            "what_changed": "Say how often to drink.",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    versions = reverse("codesign:versions", kwargs={"document_id": document.pk})
    html = client.get(versions + "?old=1&new=2").content.decode()
    assert "<ins>" in html and "drink water every hour" in html
    assert "<del>" in html
    assert client.get(versions + "?old=x&new=2").status_code == 404


def test_the_move_page_moves_and_refuses_to_publish_before_sign_off(personas: Personas) -> None:
    document = draft(personas)
    client = signed_in_client(personas.manager)
    move = reverse("codesign:move", kwargs={"document_id": document.pk})
    client.post(move, {"to_status": "easy_read"})
    assert Document.objects.get(pk=document.pk).status == S.EASY_READ
    client.post(move, {"to_status": "published"})
    client.post(move, {"to_status": "signed_off"})
    assert Document.objects.get(pk=document.pk).status == S.EASY_READ
    assert client.get(move).status_code == 405


def test_kyle_comments_on_a_paragraph_and_is_told_the_answer(personas: Personas) -> None:
    from coproduce.accounts.models import Notification
    from coproduce.codesign.models import Suggestion
    from coproduce.codesign.tests.document_helpers import open_policy

    document = open_policy(personas)
    kyle = signed_in_client(personas.person)
    url = reverse("codesign:comment", kwargs={"document_id": document.pk})
    assert "Comment on paragraph 1" in kyle.get(url).content.decode()
    data = {
        "position": "1",
        "easy_read": "1",
        "kind": "wording",
        "text": "Drink a glass of water every hour.",
        "idempotency_key": str(uuid.uuid4()),
    }
    assert kyle.post(url, data).status_code == 302
    assert kyle.post(url, data).status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.suggested_by == "person"
    assert suggestion.voice_how == "typed"
    assert Notification.objects.filter(recipient=personas.manager, kind="suggestion_made").exists()

    maya = signed_in_client(personas.manager)
    edit = reverse("codesign:edit", kwargs={"document_id": document.pk})
    assert "Drink a glass of water every hour." in maya.get(edit).content.decode()
    answer = reverse(
        "codesign:answer", kwargs={"document_id": document.pk, "suggestion_id": suggestion.pk}
    )
    maya.post(answer, {f"s{suggestion.pk}-accept": "1", f"s{suggestion.pk}-reason": ""})
    assert Suggestion.objects.get().status == "open"
    maya.post(
        answer,
        {f"s{suggestion.pk}-accept": "1", f"s{suggestion.pk}-reason": "Clearer than ours."},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    told = Notification.objects.get(recipient=personas.person, kind="suggestion_answered")
    assert told.params["reason"] == "Clearer than ours."
    # Accepting other words writes them into a new version, saying so.
    document.refresh_from_db()
    version = document.current_version
    assert version is not None and version.number == 2
    assert version.paragraphs.get().easy_text == "Drink a glass of water every hour."
    assert "paragraph 1" in version.what_changed
    assert "Clearer than ours." in kyle.get(url).content.decode()


def test_a_supporter_writes_down_the_persons_words_with_how(personas: Personas) -> None:
    from coproduce.codesign.models import Suggestion
    from coproduce.codesign.tests.document_helpers import open_policy

    document = open_policy(personas)
    url = reverse("codesign:comment", kwargs={"document_id": document.pk})
    mary = signed_in_client(personas.supporter)
    base = {"position": "1", "easy_read": "0", "kind": "comment", "text": "Kyle likes squash."}
    missing_how = mary.post(url, {**base, "for_person": personas.kyle.pk})
    assert "Say how they told you" in missing_how.content.decode()
    mary.post(url, {**base, "for_person": personas.kyle.pk, "voice_how": "spoken"})
    suggestion = Suggestion.objects.get()
    assert suggestion.suggested_by == "supporter"
    assert suggestion.person == personas.kyle
    assert suggestion.voice_how == "spoken"
    assert suggestion.voice_recorded_by == personas.supporter


def test_comments_are_closed_on_a_draft_and_to_other_services(personas: Personas) -> None:
    from coproduce.codesign.tests.document_helpers import open_policy

    url = reverse("codesign:comment", kwargs={"document_id": draft(personas).pk})
    assert signed_in_client(personas.person).get(url).status_code == 404
    opened = reverse("codesign:comment", kwargs={"document_id": open_policy(personas).pk})
    assert signed_in_client(personas.other_worker).get(opened).status_code == 404
    assert signed_in_client(personas.outsider).get(opened).status_code == 404
    bad = signed_in_client(personas.person).get(opened + "?p=99999999999")
    assert bad.status_code == 404


def test_kyle_signs_off_the_easy_read_and_it_can_be_published(personas: Personas) -> None:
    from coproduce.codesign.tests.document_helpers import easy_read_for_kyle
    from coproduce.involvement.models import TimeRecord

    document = easy_read_for_kyle(personas)
    kyle = signed_in_client(personas.person)
    assert (
        "Easy read for you to check and sign off"
        in kyle.get(reverse("codesign:library")).content.decode()
    )
    url = reverse("codesign:sign_off", kwargs={"document_id": document.pk})
    assert "Drink lots of water when it is hot." in kyle.get(url).content.decode()
    problem = kyle.post(url, {"understood": "0", "minutes": "30"})
    assert "Say what to change" in problem.content.decode()
    key = str(uuid.uuid4())
    kyle.post(url, {"understood": "1", "minutes": "30", "idempotency_key": key})
    kyle.post(url, {"understood": "1", "minutes": "30", "idempotency_key": key})
    assert Document.objects.get(pk=document.pk).status == S.SIGNED_OFF
    assert TimeRecord.objects.filter(person=personas.kyle).count() == 1
    # Signed off, the page is closed to him.
    assert kyle.get(url).status_code == 404
    move = reverse("codesign:move", kwargs={"document_id": document.pk})
    signed_in_client(personas.manager).post(move, {"to_status": "published"})
    assert Document.objects.get(pk=document.pk).status == S.PUBLISHED


def test_staff_and_people_without_the_role_cannot_sign_off(personas: Personas) -> None:
    document = draft(personas)
    from coproduce.accounts.viewer import viewer_for
    from coproduce.codesign.actions import document_move

    document_move(
        viewer=viewer_for(personas.manager, personas.organisation),
        document=document,
        to_status=S.EASY_READ,
    )
    url = reverse("codesign:sign_off", kwargs={"document_id": document.pk})
    assert signed_in_client(personas.person).get(url).status_code == 404
    assert signed_in_client(personas.manager).get(url).status_code == 404


def test_saving_checks_every_easy_read_sentence_and_marks_the_failing_one(
    personas: Personas,
) -> None:
    document = draft(personas)
    client = signed_in_client(personas.manager)
    edit = reverse("codesign:edit", kwargs={"document_id": document.pk})
    long = (
        "When the weather is very hot you should always remember to drink lots of water "
        "every single day."
    )
    response = client.post(
        edit,
        {
            "title": "Keeping safe in hot weather",
            "p1-text": "Drink water in hot weather.",
            "p1-easy": f"It is hot. {long}",
            "p2-text": "You can have an advocate.",
            "p2-easy": "You can ask an advocate <b>now</b>.",
            "what_changed": "More words.",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "The easy-read check found" in html
    assert f"<mark>{long}</mark>" in html
    assert "15 words or fewer" in html
    assert "is a hard word" in html and "advocate" in html
    # The words are escaped, never run as markup.
    assert "&lt;b&gt;now&lt;/b&gt;" in html
    assert "<b>now</b>" not in html


def test_a_hard_word_links_to_its_meaning_in_the_glossary(personas: Personas) -> None:
    from coproduce.codesign.actions import Words
    from coproduce.codesign.tests.document_helpers import publish

    document = publish(
        personas,
        draft(
            personas,
            paragraphs=[
                Words(
                    text="You can ask for an advocate <now>.",
                    easy_text="An advocate can help you. Ask your advocate.",
                )
            ],
        ),
    )
    url = reverse("codesign:document", kwargs={"document_id": document.pk})
    html = signed_in_client(personas.worker).get(url + "?easy=1").content.decode()
    assert '<a class="govuk-link" href="#word-advocate">advocate</a> can help you' in html
    assert html.count('href="#word-advocate"') == 1
    assert 'id="word-advocate"' in html
    assert "someone who helps you speak up" in html
    standard = signed_in_client(personas.worker).get(url).content.decode()
    assert "&lt;now&gt;" in standard
