"""Raising a concern and each move of its life, with who is told."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError

from coproduce.accounts.models import Notification
from coproduce.accounts.viewer import viewer_for
from coproduce.feedback.actions import (
    MoveRefused,
    concern_acknowledge,
    concern_close,
    concern_investigate,
    concern_raise,
    concern_respond,
    respond_by_agree,
)
from coproduce.feedback.lifecycle import acknowledge_by, respond_by
from coproduce.feedback.models import About, Concern, ConcernEvent, ConcernKind, RaisedBy
from coproduce.feedback.notifications import (
    COMPLIMENT_RECEIVED,
    CONCERN_ACKNOWLEDGED,
    CONCERN_RESPONDED,
    CONCERN_SAFEGUARDING,
)

from .feedback_helpers import kyles_complaint

pytestmark = pytest.mark.django_db


def _maya(personas):  # type: ignore[no-untyped-def]
    return viewer_for(personas.manager, personas.organisation)


def test_a_complaint_gets_its_clock_and_sending_twice_makes_one(personas) -> None:  # type: ignore[no-untyped-def]
    key = uuid.uuid4()
    first = kyles_complaint(personas, idempotency_key=key)
    again = kyles_complaint(personas, idempotency_key=key)
    assert first.pk == again.pk and Concern.objects.count() == 1
    assert first.acknowledge_by == acknowledge_by(first.received_on)
    assert first.respond_by == respond_by(first.received_on)
    assert first.raised_by == personas.person and first.person == personas.kyle
    assert ConcernEvent.objects.filter(concern=first, to_status="received").count() == 1


def test_a_complaint_cannot_be_anonymous_but_a_compliment_can(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as problem:
        kyles_complaint(personas, raiser=RaisedBy.ANONYMOUS)
    assert "needs a name" in str(problem.value)
    praise = concern_raise(
        viewer=viewer_for(personas.supporter, personas.organisation),
        kind=ConcernKind.COMPLIMENT,
        about=About.WORKER,
        worker=personas.worker,
        raiser=RaisedBy.ANONYMOUS,
        what_happened="Wendy made Kyle's birthday so special.",
    )
    assert praise.raised_by is None and praise.person is None and praise.acknowledge_by is None
    told = Notification.objects.get(kind=COMPLIMENT_RECEIVED.code)
    assert told.recipient == personas.worker


def test_words_of_harm_go_to_the_safeguarding_leads_not_the_worker(personas) -> None:  # type: ignore[no-untyped-def]
    concern = kyles_complaint(
        personas,
        about=About.WORKER,
        worker=personas.manager,
        what_happened="The night worker shouted and pushed me into my room.",
    )
    assert concern.safeguarding
    told = {n.recipient for n in Notification.objects.filter(kind=CONCERN_SAFEGUARDING.code)}
    assert personas.quality_lead in told
    assert personas.manager not in told  # the manager is who it is about
    plain = kyles_complaint(personas, what_happened="The tea was cold.")
    assert not plain.safeguarding


def test_acknowledging_tells_kyle_when_he_will_hear(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_complaint(personas)
    agreed = dt.date.today() + dt.timedelta(days=20)
    complaint = concern_acknowledge(
        viewer=_maya(personas), concern=complaint, note="Offered to talk", respond_by=agreed
    )
    assert complaint.status == "acknowledged" and complaint.handler == personas.manager
    assert complaint.respond_by == agreed and complaint.respond_by_agreed
    told = Notification.objects.get(kind=CONCERN_ACKNOWLEDGED.code)
    assert told.recipient == personas.person
    assert told.params["respond_on"] == agreed.isoformat()
    with pytest.raises(MoveRefused):
        concern_acknowledge(viewer=_maya(personas), concern=complaint)


def test_a_complaint_more_than_12_months_late_needs_a_reason(personas) -> None:  # type: ignore[no-untyped-def]
    late = kyles_complaint(personas, happened_on=dt.date.today() - dt.timedelta(days=400))
    with pytest.raises(ValidationError) as problem:
        concern_acknowledge(viewer=_maya(personas), concern=late)
    assert "more than 12 months" in str(problem.value)
    taken = concern_acknowledge(
        viewer=_maya(personas), concern=late, late_reason="Kyle could not tell us before."
    )
    assert taken.late_reason == "Kyle could not tell us before."


def test_the_whole_life_answer_close_and_reopen(personas) -> None:  # type: ignore[no-untyped-def]
    maya = _maya(personas)
    complaint = concern_acknowledge(viewer=maya, concern=kyles_complaint(personas))
    with pytest.raises(MoveRefused):
        concern_close(viewer=maya, concern=complaint)
    complaint = concern_investigate(viewer=maya, concern=complaint)
    longer = dt.date.today() + dt.timedelta(days=60)
    with pytest.raises(ValidationError):
        respond_by_agree(viewer=maya, concern=complaint, respond_by=longer, reason="")
    complaint = respond_by_agree(
        viewer=maya, concern=complaint, respond_by=longer, reason="Waiting for the rota records"
    )
    assert complaint.respond_by == longer and complaint.delay_reason
    with pytest.raises(ValidationError) as problem:
        concern_respond(
            viewer=maya, concern=complaint, response="", response_easy_read="", upheld=""
        )
    assert set(problem.value.message_dict) == {
        "response",
        "response_easy_read",
        "upheld",
        "themes",
    }
    complaint = concern_respond(
        viewer=maya,
        concern=complaint,
        response="We looked at the rota. Visits were late. Your visit is now fixed at 6pm.",
        response_easy_read="You were right. Your visit is at 6pm now.",
        upheld="upheld",
        themes=["visit_times"],
    )
    assert Notification.objects.filter(
        kind=CONCERN_RESPONDED.code, recipient=personas.person
    ).exists()
    complaint = concern_close(viewer=maya, concern=complaint)
    assert complaint.closed_at is not None
    complaint = concern_investigate(
        viewer=maya, concern=complaint, note="Kyle says it is late again"
    )
    assert complaint.status == "investigating" and complaint.closed_at is None
    moves = list(ConcernEvent.objects.filter(concern=complaint).values_list("to_status", flat=True))
    assert moves == [
        "received",
        "acknowledged",
        "investigating",
        "",
        "responded",
        "",
        "closed",
        "investigating",
    ]


def test_themes_are_chosen_from_the_list_kept_in_its_order_and_audited(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.core.models import AuditEntry

    maya = _maya(personas)
    complaint = kyles_complaint(personas)
    with pytest.raises(ValidationError) as problem:
        concern_acknowledge(viewer=maya, concern=complaint, themes=["visit_times", "parking"])
    assert "from the list" in str(problem.value)
    assert Concern.objects.get(pk=complaint.pk).status == "received"
    complaint = concern_acknowledge(
        viewer=maya, concern=complaint, themes=["staffing", "visit_times", "staffing"]
    )
    # The list's order, each once, whatever order they were ticked in.
    assert Concern.objects.get(pk=complaint.pk).themes == ["visit_times", "staffing"]
    noted = ConcernEvent.objects.filter(concern=complaint, note__startswith="Themes:").get()
    assert noted.note == "Themes: Times of visits and support, Staffing and knowing the staff"
    assert noted.by == personas.manager
    assert AuditEntry.objects.filter(
        object_id=str(complaint.pk), summary__contains="visit_times, staffing"
    ).exists()
    # Answering keeps the themes chosen before, and a change of them is one more event.
    answered = concern_respond(
        viewer=maya,
        concern=complaint,
        response="We looked at the rota.",
        response_easy_read="We looked.",
        upheld="partly",
    )
    assert answered.themes == ["visit_times", "staffing"]
    assert ConcernEvent.objects.filter(concern=complaint, note__startswith="Themes:").count() == 1


def test_a_complaint_is_not_answered_without_a_theme(personas) -> None:  # type: ignore[no-untyped-def]
    maya = _maya(personas)
    complaint = concern_acknowledge(viewer=maya, concern=kyles_complaint(personas))
    with pytest.raises(ValidationError) as problem:
        concern_respond(
            viewer=maya,
            concern=complaint,
            response="We looked at the rota.",
            response_easy_read="We looked.",
            upheld="upheld",
            themes=[],
        )
    assert problem.value.message_dict == {"themes": ["Choose at least one theme"]}
    assert Concern.objects.get(pk=complaint.pk).status == "acknowledged"


def test_reminders_the_working_day_before_and_when_late_once_each(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.actions import reminders_send
    from coproduce.feedback.notifications import CONCERN_DUE, CONCERN_OVERDUE

    # Received on Friday 5 February 2027: acknowledge by Wednesday 10th, remind Tuesday 9th.
    complaint = kyles_complaint(personas, today=dt.date(2027, 2, 5))
    assert complaint.acknowledge_by == dt.date(2027, 2, 10)
    assert reminders_send(dt.date(2027, 2, 8)) == 0
    assert reminders_send(dt.date(2027, 2, 9)) == 1
    assert reminders_send(dt.date(2027, 2, 9)) == 0  # once
    due = Notification.objects.filter(kind=CONCERN_DUE.code)
    assert {n.recipient for n in due} == {personas.manager}
    assert reminders_send(dt.date(2027, 2, 11)) == 1
    late = Notification.objects.get(kind=CONCERN_OVERDUE.code)
    assert late.recipient == personas.manager and late.params["due_on"] == "2027-02-10"
    # Once acknowledged, the answer date is what is watched.
    concern_acknowledge(viewer=_maya(personas), concern=complaint)
    assert reminders_send(dt.date(2027, 2, 12)) == 0


def test_the_worker_it_is_about_is_never_reminded(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.actions import reminders_send

    kyles_complaint(personas, about="worker", worker=personas.manager, today=dt.date(2027, 2, 5))
    reminders_send(dt.date(2027, 2, 11))
    assert not Notification.objects.filter(recipient=personas.manager).exists()
    assert Notification.objects.filter(recipient=personas.quality_lead).exists()
