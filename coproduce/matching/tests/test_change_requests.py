"""Asking to change a worker: the lifecycle, who sees what, reminders and figures."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.viewer import viewer_for
from coproduce.decisions.models import Rung
from coproduce.matching.actions import change_request_move, change_request_reminders_queue
from coproduce.matching.models import ChangeRequest
from coproduce.matching.queries import change_figures
from coproduce.matching.rules import change_request_next
from coproduce.matching.tests.team_helpers import kyle_change_request

pytestmark = pytest.mark.django_db
S = ChangeRequest.Status
REASON = "We do not get on."


def _token(html):
    return re.search(r'name="token" value="([0-9a-f-]+)"', html).group(1)


def _page(req):
    return reverse("matching:change_request", kwargs={"request_id": req.pk})


def _move(p, req, to, answer=""):
    return change_request_move(
        viewer=viewer_for(p.manager, p.organisation), request=req, to=to, answer=answer
    )


def test_kyle_asks_to_change_a_worker_once_even_if_sent_twice(personas, client_for):
    client = client_for(personas.person)
    url = reverse("matching:change_request_new", kwargs={"person_id": personas.kyle.pk})
    page = client.get(url)
    assert page.status_code == 200 and "Wendy Worker" in page.text
    token = _token(page.text)
    data = {"worker": personas.worker.pk, "reason": REASON, "token": str(token)}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    req = ChangeRequest.objects.get()
    assert req.due_on == timezone.localdate() + dt.timedelta(days=7)
    assert req.service == personas.house


def test_reason_is_optional(personas, client_for):
    url = reverse("matching:change_request_new", kwargs={"person_id": personas.kyle.pk})
    client = client_for(personas.supporter)
    token = _token(client.get(url).text)
    assert client.post(url, {"worker": personas.worker.pk, "token": str(token)}).status_code == 302
    assert ChangeRequest.objects.get().reason == ""


@override_settings(CHANGE_REQUEST_ANSWER_DAYS=3)
def test_answer_days_come_from_the_setting(personas):
    req = kyle_change_request(personas)
    assert req.due_on == timezone.localdate() + dt.timedelta(days=3)


@pytest.mark.parametrize("name", ["worker", "manager", "commissioner", "outsider"])
def test_only_kyle_and_his_supporter_ask(personas, client_for, name):
    url = reverse("matching:change_request_new", kwargs={"person_id": personas.kyle.pk})
    assert client_for(personas.user(name)).get(url).status_code == 404


def test_the_worker_never_sees_the_reason(personas, client_for):
    req = kyle_change_request(personas, reason=REASON)
    worker_page = client_for(personas.worker).get(_page(req))
    assert worker_page.status_code == 200
    assert REASON not in worker_page.text
    assert REASON in client_for(personas.person).get(_page(req)).text
    assert REASON in client_for(personas.manager).get(_page(req)).text


def test_reason_stays_out_of_reminder_emails(personas, django_capture_on_commit_callbacks):
    req = kyle_change_request(personas, reason=REASON)
    ChangeRequest.objects.filter(pk=req.pk).update(due_on=timezone.localdate() - dt.timedelta(1))
    with django_capture_on_commit_callbacks(execute=True):
        change_request_reminders_queue()
    assert mail.outbox and all(REASON not in m.body for m in mail.outbox)


def test_lifecycle_allows_each_step_in_order(personas):
    req = kyle_change_request(personas)
    req = _move(personas, req, S.ACKNOWLEDGED)
    req = _move(personas, req, S.OPTIONS_OFFERED, "You could meet Sally or Tom.")
    req = _move(personas, req, S.CHANGED)
    assert req.status == S.CHANGED and req.closed_at is not None


@pytest.mark.parametrize(
    ("current", "to"),
    [(S.ASKED, S.CHANGED), (S.CHANGED, S.ASKED), (S.NOT_POSSIBLE, S.CHANGED),
     (S.OPTIONS_OFFERED, S.ACKNOWLEDGED)],
)  # fmt: skip
def test_lifecycle_refuses_steps_out_of_order(current, to):
    assert "to" in change_request_next(current, to, "words")


def test_not_possible_needs_a_reason(personas):
    req = kyle_change_request(personas)
    with pytest.raises(ValidationError):
        _move(personas, req, S.NOT_POSSIBLE)
    req = _move(personas, req, S.NOT_POSSIBLE, "Nobody else works nights in Willow House.")
    assert req.status == S.NOT_POSSIBLE


def test_closing_goes_into_the_ledger(personas):
    req = kyle_change_request(personas)
    _move(personas, req, S.ACKNOWLEDGED)
    _move(personas, req, S.CHANGED)
    from coproduce.decisions.models import Decision

    assert Decision.objects.get(person=personas.kyle).rung == Rung.CO_PRODUCTION


def test_manager_moves_the_request_on_the_page(personas, client_for):
    req = kyle_change_request(personas)
    response = client_for(personas.manager).post(_page(req), {"to": S.ACKNOWLEDGED})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.status == S.ACKNOWLEDGED
    assert "Seen by the manager" in client_for(personas.person).get(_page(req)).text


@pytest.mark.parametrize("name", ["worker", "person", "supporter", "quality_lead"])
def test_only_managers_move_a_request(personas, client_for, name):
    req = kyle_change_request(personas)
    response = client_for(personas.user(name)).post(_page(req), {"to": S.ACKNOWLEDGED})
    assert response.status_code == 404
    req.refresh_from_db()
    assert req.status == S.ASKED


@pytest.mark.parametrize("name", ["other_worker", "commissioner", "outsider"])
def test_request_page_is_404_for_others(personas, client_for, name):
    req = kyle_change_request(personas)
    assert client_for(personas.user(name)).get(_page(req)).status_code == 404


def test_easy_read_progress_is_a_step_list(personas, client_for):
    req = kyle_change_request(personas)
    _move(personas, req, S.ACKNOWLEDGED)
    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    page = client_for(personas.person).get(_page(req)).text
    assert "Your manager read it. Done ✓" in page
    assert "app-er-row" in page


def test_reminders_are_queued_at_most_once_a_day(personas, django_capture_on_commit_callbacks):
    req = kyle_change_request(personas)
    today = timezone.localdate()
    late = today + dt.timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        assert change_request_reminders_queue(today=today + dt.timedelta(days=7)) == 0
        assert change_request_reminders_queue(today=late) == 1
        assert change_request_reminders_queue(today=late) == 0
        assert change_request_reminders_queue(today=late + dt.timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[0].to == [personas.manager.email]
    _move(personas, req, S.NOT_POSSIBLE, "No one else is free.")
    assert change_request_reminders_queue(today=late + dt.timedelta(days=2)) == 0


def test_remind_command_queues_late_requests(personas, django_capture_on_commit_callbacks):
    req = kyle_change_request(personas)
    ChangeRequest.objects.filter(pk=req.pk).update(due_on=timezone.localdate() - dt.timedelta(1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("matching_remind")
    assert len(mail.outbox) == 1


def test_figures_per_service_in_a_fixed_number_of_queries(
    personas, client_for, django_assert_max_num_queries
):
    for n in range(3):
        req = kyle_change_request(personas)
        _move(personas, req, S.ACKNOWLEDGED)
        _move(personas, req, S.CHANGED if n else S.NOT_POSSIBLE, "Sorry, not now.")
    kyle_change_request(personas)
    client = client_for(personas.manager)
    url = reverse("matching:change_figures")
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.status_code == 200
    figures = change_figures(personas.organisation, frozenset({personas.house.pk}))
    assert [(f.service_name, f.requests, f.open) for f in figures] == [("Willow House", 4, 1)]
    assert figures[0].honoured_share == pytest.approx(2 / 3)
    assert "Willow House" in page.text and "67%" in page.text


@pytest.mark.parametrize("name", ["worker", "person", "commissioner"])
def test_figures_are_404_for_others(personas, client_for, name):
    assert (
        client_for(personas.user(name)).get(reverse("matching:change_figures")).status_code == 404
    )
