"""Review reminders: queued by the daily command, at most once a week per plan."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from coproduce.plans.actions import plan_review_reminders_queue
from coproduce.plans.models import SupportPlan
from coproduce.plans.tests.factories import add_entry

pytestmark = pytest.mark.django_db


def test_overdue_review_emails_the_manager_of_the_persons_service(
    personas, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    SupportPlan.objects.update(review_due_on=dt.date.today() - dt.timedelta(days=3))
    mail.outbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("plans_remind", stdout=out)
    assert "Queued 1" in out.getvalue()
    recipients = [m.to[0] for m in mail.outbox]
    assert personas.manager.email in recipients
    assert personas.worker.email not in recipients
    assert "overdue" in mail.outbox[0].subject


def test_a_plan_is_reminded_at_most_once_a_week(personas) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    today = dt.date.today()
    SupportPlan.objects.update(review_due_on=today + dt.timedelta(days=10))
    assert plan_review_reminders_queue(today=today) == 1
    assert plan_review_reminders_queue(today=today + dt.timedelta(days=3)) == 0
    assert plan_review_reminders_queue(today=today + dt.timedelta(days=7)) == 1


def test_a_review_far_off_is_not_reminded(personas) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    assert plan_review_reminders_queue() == 0
