"""A concern's page: who may open it, who sees who raised it, and easy read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import signed_in_client
from coproduce.core.models import AuditEntry

from .feedback_helpers import kyles_acknowledged_complaint

pytestmark = pytest.mark.django_db


def _url(concern) -> str:  # type: ignore[no-untyped-def]
    return reverse("feedback:concern", kwargs={"concern_id": concern.pk})


def test_kyle_follows_his_complaint_in_easy_read(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_acknowledged_complaint(personas)
    client = signed_in_client(personas.person)
    session = client.session
    session["easy_read"] = True
    session.save()
    page = client.get(_url(complaint)).content.decode()
    assert "Your complaint" in page and "We will answer by" in page
    assert "My evening visit was late" in page


def test_maya_sees_who_raised_it_and_the_opening_is_audited(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_acknowledged_complaint(personas)
    page = signed_in_client(personas.manager).get(_url(complaint)).content.decode()
    assert "Raised by" in page and personas.person.name in page
    assert "Acknowledge by" in page and "Answer by" in page
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.READ, object_id=str(complaint.pk)
    ).exists()


def test_the_worker_it_is_about_and_other_organisations_get_nothing(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_acknowledged_complaint(personas)
    for user in (personas.worker, personas.senior_leader, personas.outsider, personas.supporter):
        assert signed_in_client(user).get(_url(complaint)).status_code == 404
    assert signed_in_client(personas.quality_lead).get(_url(complaint)).status_code == 200


def test_complaints_wait_in_the_to_answer_list_overdue_first(personas) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from coproduce.accounts.viewer import viewer_for
    from coproduce.feedback.queries import complaints_to_answer

    from .feedback_helpers import kyles_complaint

    fresh = kyles_complaint(personas)
    old = kyles_complaint(personas, what_happened="Nobody came on Sunday.")
    type(old).objects.filter(pk=old.pk).update(
        acknowledge_by=dt.date.today() - dt.timedelta(days=2)
    )
    maya = viewer_for(personas.manager, personas.organisation)
    waiting = complaints_to_answer(maya, today=dt.date.today(), limit=10)
    assert waiting is not None and waiting.count == 2 and waiting.overdue == 1
    assert [item.pk for item in waiting.items] == [old.pk, fresh.pk]
    assert all("evening" not in str(item.summary) for item in waiting.items)
    # Wendy, a support worker, has no list; the worker a complaint is about never sees it.
    assert (
        complaints_to_answer(
            viewer_for(personas.worker, personas.organisation), today=dt.date.today(), limit=10
        )
        is None
    )
    page = signed_in_client(personas.manager).get(reverse("to_answer")).content.decode()
    assert _url(old) in page
