"""The large demo's comments, complaints and compliments, on a tiny copy: every state of a
complaint's life, each row agreeing with its own moves and clocks, themes from the list,
changes linked to concerns of their own service, and the figures they give."""

from __future__ import annotations

import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from coproduce.accounts.models import Organisation
from coproduce.demo.large import LARGE_ORGANISATION_SLUGS
from coproduce.demo.targets import choose_targets
from coproduce.feedback import lifecycle
from coproduce.feedback.figures import Scope, figures_for, last_twelve_months
from coproduce.feedback.models import (
    Change,
    ChangeSource,
    ChangeStatus,
    Concern,
    ConcernEvent,
    ConcernKind,
    themes_in_order,
)

pytestmark = pytest.mark.django_db


def _load() -> None:
    call_command("demo", "--size", "large", "--scale", "0.05", stdout=StringIO())


def test_tiny_large_demo_has_concerns_in_every_state_that_agree_with_their_moves() -> None:
    _load()
    today = timezone.localdate()
    concerns = Concern.objects.filter(organisation__slug__in=LARGE_ORGANISATION_SLUGS)
    complaints = concerns.filter(kind=ConcernKind.COMPLAINT)
    assert set(concerns.values_list("kind", flat=True)) == set(ConcernKind.values)
    assert set(complaints.values_list("status", flat=True)) == {
        "received",
        "acknowledged",
        "investigating",
        "responded",
        "closed",
    }
    assert not complaints.filter(raised_by__isnull=True).exists()
    assert concerns.filter(raiser="anonymous").exists()
    assert complaints.filter(service__isnull=True).exists()
    # Some are late: not acknowledged after their day, or not answered after the agreed one.
    assert complaints.filter(status="received", acknowledge_by__lt=today).exists()
    assert complaints.filter(
        status__in=["acknowledged", "investigating"], respond_by__lt=today
    ).exists()
    assert all(
        today - lifecycle.add_months(today, -12) >= today - c.received_on
        for c in concerns.only("received_on")
    )
    moves: dict[int, list[ConcernEvent]] = {}
    for event in ConcernEvent.objects.filter(concern__in=concerns).order_by("at", "pk"):
        moves.setdefault(event.concern_id, []).append(event)
    for concern in concerns:
        steps = [e for e in moves[concern.pk] if e.to_status]
        assert steps[0].to_status == "received" and steps[-1].to_status == concern.status
        for before, after in itertools.pairwise(steps):
            assert lifecycle.may_move(concern.kind, before.to_status, after.to_status), concern.pk
        handled = concern.status != "received"
        assert (concern.acknowledged_at is not None) == handled
        assert bool(concern.themes) == handled and concern.themes == themes_in_order(concern.themes)
        assert (concern.handler_id is not None) == handled
        if concern.kind == ConcernKind.COMPLAINT:
            assert concern.acknowledge_by == lifecycle.acknowledge_by(concern.received_on)
            answered = concern.responded_at is not None
            assert bool(concern.upheld) == answered and bool(concern.response) == answered
            assert (concern.closed_at is not None) == (concern.status == "closed")


def test_tiny_large_demo_changes_come_from_concerns_at_their_own_service() -> None:
    _load()
    northern = Organisation.objects.get(slug="northern-care")
    changes = Change.objects.filter(organisation=northern)
    assert set(changes.values_list("status", flat=True)) >= {
        ChangeStatus.MADE,
        ChangeStatus.IN_PROGRESS,
    }
    for change in changes:
        assert (change.made_at is not None) == (change.status == ChangeStatus.MADE)
        links = list(ChangeSource.objects.filter(change=change))
        assert links
        for link in links:
            concern = Concern.objects.get(pk=link.object_id)
            assert concern.organisation_id == northern.pk
            assert concern.service_id == change.service_id
            assert link.raised_on == concern.received_on
    # The measured person has a complaint of their own, handled by their manager, that a
    # change made came from.
    chosen = choose_targets(northern)
    own = Concern.objects.get(person=chosen.person, kind=ConcernKind.COMPLAINT)
    assert own.raised_by == chosen.users["person"] and own.service == chosen.service
    assert own.handler == chosen.users["manager"]
    assert ChangeSource.objects.filter(
        kind="concern", object_id=own.pk, change__status=ChangeStatus.MADE
    ).exists()
    # The figures have something in every part.
    today = timezone.localdate()
    found = figures_for(Scope(northern.pk, None), last_twelve_months(today), today)
    counts = found.counts
    assert counts.complaints and counts.comments and counts.compliments
    assert 0.5 < (counts.acknowledged_in_time_share or 0) < 1
    assert counts.upheld and counts.partly and counts.not_upheld and counts.overdue
    assert counts.led_to_change and found.changes_made and found.to_change.average
    assert found.to_acknowledge.average is not None and found.to_answer.average is not None
