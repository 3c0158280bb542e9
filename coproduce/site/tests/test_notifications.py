"""Notifications: managers are told what waits for them, the person is told when it is
answered, in-app (in their page mode and language) and by an email queued on commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from conftest import Personas, signed_in_client
from coproduce.accounts.models import Notification
from coproduce.accounts.notifications.actions import notifications_send
from coproduce.accounts.notifications.kinds import notification_text
from coproduce.accounts.tests.factories import MembershipFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.matching.actions import change_request_move, team_choice_record, team_review
from coproduce.matching.tests.team_helpers import kyle_change_request, suggested_worker
from coproduce.plans.checkins.actions import not_working_answer
from coproduce.plans.checkins.tests.checkin_helpers import kyle_flag

pytestmark = pytest.mark.django_db


def _told(user) -> list[Notification]:  # type: ignore[no-untyped-def]
    return list(Notification.objects.filter(recipient=user))


def test_asking_to_change_a_worker_tells_the_managers_of_the_persons_service_only(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    p = personas
    elsewhere = UserFactory(name="Mo Manager", email="mo@example.test")
    MembershipFactory(user=elsewhere, organisation=p.organisation, role="service_manager",
                      services=[p.home_care])  # fmt: skip
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = kyle_change_request(p, reason="Wendy shouts at me")
    [told] = _told(p.manager)
    assert told.kind == "change_request_asked"
    assert told.target == reverse("matching:change_request", kwargs={"request_id": request.pk})
    assert _told(elsewhere) == [] and _told(p.person) == [] and _told(p.worker) == []
    text = notification_text(told)
    assert text.startswith("Kyle asked to change a worker. Please answer by ")
    assert "shouts" not in text and "Wendy" not in text
    [email] = mail.outbox
    assert email.to == [p.manager.email]
    assert "shouts" not in email.body and "Wendy" not in email.body
    told.refresh_from_db()
    assert told.emailed_at is not None


@override_settings(SITE_URL="https://care.example.test:8443")
def test_the_email_links_to_the_site_url(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kyle_change_request(personas)
    [told] = _told(personas.manager)
    link = "https://care.example.test:8443" + reverse(
        "notification_open", kwargs={"notification_id": told.pk}
    )
    assert link in mail.outbox[0].body


def test_the_person_is_told_when_their_request_is_answered_in_their_page_mode(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    p = personas
    request = kyle_change_request(p)
    p.person.easy_read = True
    p.person.save(update_fields=["easy_read"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_request_move(
            viewer=viewer_for(p.manager, p.organisation), request=request, to="acknowledged"
        )
    [told] = _told(p.person)
    assert told.kind == "change_request_answered"
    assert _told(p.manager) == [_told(p.manager)[0]]  # only the "asked" one, not their own act
    assert "We answered you about changing a worker." in mail.outbox[0].body
    page = signed_in_client(p.person).get(reverse("notifications")).content.decode()
    assert "We answered you about changing a worker." in page


def test_the_email_is_in_the_recipients_language(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    p = personas
    p.manager.language = "cy"
    p.manager.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kyle_change_request(p)
    [told] = _told(p.manager)
    with translation.override("cy"):
        welsh = notification_text(told)
    assert welsh != notification_text(told)
    assert welsh in mail.outbox[0].body


def test_not_working_tells_the_manager_and_the_answer_tells_the_person(
    personas: Personas,
) -> None:
    p = personas
    flag = kyle_flag(p)
    [told] = _told(p.manager)
    assert told.kind == "not_working_raised"
    assert "evening" not in notification_text(told)  # what was said stays on the flag
    not_working_answer(
        viewer=viewer_for(p.manager, p.organisation), flag=flag, answer="Longer visits from Monday"
    )
    [answered] = _told(p.person)
    assert answered.kind == "not_working_answered"
    assert notification_text(answered).startswith("Maya answered")


def test_choosing_a_team_tells_the_manager_once_and_the_review_tells_the_person(
    personas: Personas,
) -> None:
    p = personas
    sally = suggested_worker(p)
    sam = suggested_worker(p, name="Sam Suggested")
    kyle = viewer_for(p.person, p.organisation)
    team_choice_record(viewer=kyle, person=p.kyle, worker=sally, answer="yes")
    team_choice_record(viewer=kyle, person=p.kyle, worker=sam, answer="yes")
    assert [n.kind for n in _told(p.manager)] == ["team_chosen"]
    team_review(viewer=viewer_for(p.manager, p.organisation), person=p.kyle, confirm=True)
    assert [n.kind for n in _told(p.person)] == ["team_confirmed"]


def test_the_same_event_told_twice_is_told_once(personas: Personas) -> None:
    p = personas
    args = {
        "organisation": p.organisation,
        "recipients": [p.manager, p.manager],
        "kind": "change_request_asked",
        "target": "/",
        "key": "once",
        "params": {"name": "Kyle", "due_on": "2026-12-09"},
    }
    assert len(notifications_send(**args)) == 1
    assert notifications_send(**args) == []
    assert Notification.objects.filter(recipient=p.manager).count() == 1


def test_a_write_that_fails_half_way_tells_nobody(personas: Personas) -> None:
    p = personas
    with pytest.raises(RuntimeError), transaction.atomic():
        kyle_change_request(p)
        raise RuntimeError("the database went away")
    assert Notification.objects.count() == 0


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(personas: Personas) -> None:
    p = personas
    request = kyle_change_request(p)
    [told] = _told(p.manager)
    client = signed_in_client(p.manager)
    home = client.get(reverse("home")).content.decode()
    assert "Notifications (1 new)" in home
    response = client.get(reverse("notification_open", kwargs={"notification_id": told.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "matching:change_request", kwargs={"request_id": request.pk}
    )
    told.refresh_from_db()
    assert told.read_at is not None
    assert "Notifications (1 new)" not in client.get(reverse("home")).content.decode()


def test_nobody_else_opens_or_sees_a_notification(personas: Personas) -> None:
    p = personas
    kyle_change_request(p)
    [told] = _told(p.manager)
    url = reverse("notification_open", kwargs={"notification_id": told.pk})
    for name in ("worker", "quality_lead", "person", "outsider"):
        client = signed_in_client(p.user(name))
        assert client.get(url).status_code == 404
        assert (
            "asked to change a worker" not in client.get(reverse("notifications")).content.decode()
        )
    told.refresh_from_db()
    assert told.read_at is None  # others' attempts did not mark it read


def test_marking_all_as_read(personas: Personas) -> None:
    p = personas
    kyle_change_request(p)
    kyle_flag(p)
    client = signed_in_client(p.manager)
    page = client.get(reverse("notifications")).content.decode()
    assert "Mark them all as read" in page
    assert client.post(reverse("notifications_mark_read")).status_code == 302
    assert not Notification.objects.filter(recipient=p.manager, read_at__isnull=True).exists()
    assert client.get(reverse("notifications_mark_read")).status_code == 405


def test_an_empty_list_says_so_in_easy_read_too(personas: Personas) -> None:
    client = signed_in_client(personas.supporter)
    assert "You have no notifications yet." in client.get(reverse("notifications")).content.decode()
    personas.supporter.easy_read = True
    personas.supporter.save(update_fields=["easy_read"])
    page = signed_in_client(personas.supporter).get(reverse("notifications")).content.decode()
    assert "News for you" in page


def test_the_manager_is_told_when_the_person_answers_the_workers_offered(
    personas: Personas,
) -> None:
    from coproduce.matching.actions import change_offer_answer, change_request_offer

    p = personas
    request = kyle_change_request(p)
    sally = suggested_worker(p)
    manager = viewer_for(p.manager, p.organisation)
    change_request_offer(viewer=manager, request=request, workers=[sally], answer="Meet Sally")
    assert [n.kind for n in _told(p.person)] == ["change_request_answered"]
    change_offer_answer(
        viewer=viewer_for(p.person, p.organisation), request=request, answers=[(sally, "yes")]
    )
    kinds = [n.kind for n in _told(p.manager)]
    assert kinds.count("change_offer_answered") == 1
