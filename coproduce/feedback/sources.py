"""What people said that can lead to a "you said, we did" change, read the same way
whatever it was: a comment, complaint or compliment, an idea, a vote or survey, a "this is
not working" flag, a suggestion at a one-to-one meeting, what a plan review said will
change. For each: the service it was about, when it was said, and who raised it (to tell
them at each step of the change), found in the organisation only.

A one-to-one and a plan review are part of one person's plan. Their words are read only
by whoever may read that part of the plan: ``reach_source`` refuses anyone else a change
from them, and ``in_a_plan`` shows a change's readers only the kind and the date, with a
link for those who may open it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.core.access import missing, refused
from coproduce.core.tenancy import Viewer
from coproduce.feedback.models import ChangeSource, Concern, SourceKind
from coproduce.people.models import Person
from coproduce.plans.checkins.rules import one_to_one_rules
from coproduce.plans.models import NotWorkingFlag, OneToOne, PlanReview
from coproduce.plans.rules import plan_rules
from coproduce.voice.models import Idea, Survey
from coproduce.voice.organise.queries import answered_users
from coproduce.voice.queries import survey_service_ids


@dataclass(frozen=True)
class Source:
    kind: str
    object_id: int
    raised_on: dt.date
    service_id: int | None
    raisers: list[User] = field(default_factory=list)


# What each kind of source is, to say "not found" or "not yours" about it.
MODELS: dict[str, type[models.Model]] = {
    SourceKind.CONCERN: Concern,
    SourceKind.IDEA: Idea,
    SourceKind.SURVEY: Survey,
    SourceKind.FLAG: NotWorkingFlag,
    SourceKind.ONE_TO_ONE: OneToOne,
    SourceKind.PLAN_REVIEW: PlanReview,
}
# Sources inside one person's plan, read only by those who may read that part of it.
IN_A_PLAN: frozenset[str] = frozenset({SourceKind.ONE_TO_ONE, SourceKind.PLAN_REVIEW})


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def _first_services(person_ids: Iterable[int]) -> dict[int, int]:
    """Each person's first service (the lowest id), in one query."""
    rows = (
        Person.services.through.objects.filter(person_id__in=set(person_ids))
        .values("person_id")
        .annotate(first=Min("service_id"))
    )
    return {row["person_id"]: row["first"] for row in rows}


def _own_account(person: Person) -> list[User]:
    return [person.user] if person.user is not None else []


def _in_plan(organisation_id: int, kind: str, object_ids: Iterable[int]) -> dict[int, Person]:
    """The person each one-to-one or plan review belongs to, with their services."""
    ids = set(object_ids)
    if kind == SourceKind.ONE_TO_ONE:
        meetings = OneToOne.objects.filter(organisation_id=organisation_id, pk__in=ids)
        found = meetings.select_related("person__user").prefetch_related("person__services")
        return {meeting.pk: meeting.person for meeting in found}
    if kind == SourceKind.PLAN_REVIEW:
        reviews = PlanReview.objects.filter(plan__organisation_id=organisation_id, pk__in=ids)
        found_reviews = reviews.select_related("plan__person__user").prefetch_related(
            "plan__person__services"
        )
        return {review.pk: review.plan.person for review in found_reviews}
    return {}


def first_services(
    organisation_id: int, kind: str, object_ids: Sequence[int]
) -> dict[int, int | None]:
    """The service of each one-to-one or plan review: its person's first service."""
    people = _in_plan(organisation_id, kind, object_ids)
    firsts = _first_services(person.pk for person in people.values())
    return {pk: firsts.get(person.pk) for pk, person in people.items()}


def may_read(viewer: Viewer, kind: str, person: Person) -> bool:
    """Whether the viewer may read a one-to-one (the person's meetings) or a plan review
    (their plan) of this person."""
    if kind == SourceKind.ONE_TO_ONE:
        return bool(one_to_one_rules.test_rule("view", viewer, person))
    return bool(plan_rules.test_rule("view", viewer, person))


def source_of(organisation_id: int, kind: str, object_id: int) -> Source | None:
    """The source, or None when the organisation has no such thing."""
    if kind == SourceKind.CONCERN:
        concern = Concern.objects.filter(organisation_id=organisation_id, pk=object_id).first()
        if concern is None:
            return None
        return Source(
            kind,
            object_id,
            concern.received_on,
            concern.service_id,
            [concern.raised_by] if concern.raised_by is not None else [],
        )
    if kind == SourceKind.IDEA:
        idea = (
            Idea.objects.filter(organisation_id=organisation_id, pk=object_id)
            .select_related("author", "person__user")
            .first()
        )
        if idea is None:
            return None
        raisers = [idea.author] if idea.author is not None else []
        if idea.person is not None and idea.person.user is not None:
            raisers.append(idea.person.user)
        return Source(kind, object_id, _day(idea.created_at), idea.service_id, raisers)
    if kind == SourceKind.SURVEY:
        survey = Survey.objects.filter(organisation_id=organisation_id, pk=object_id).first()
        if survey is None:
            return None
        ids = sorted(survey_service_ids(survey))
        service_id = ids[0] if len(ids) == 1 and not survey.whole_organisation else None
        return Source(
            kind,
            object_id,
            _day(survey.opens_at or survey.created_at),
            service_id,
            answered_users(survey),
        )
    if kind == SourceKind.FLAG:
        flag = (
            NotWorkingFlag.objects.filter(organisation_id=organisation_id, pk=object_id)
            .select_related("person__user")
            .first()
        )
        if flag is None:
            return None
        first = _first_services([flag.person_id]).get(flag.person_id)
        return Source(kind, object_id, _day(flag.created_at), first, _own_account(flag.person))
    if kind == SourceKind.ONE_TO_ONE:
        meeting = (
            OneToOne.objects.filter(organisation_id=organisation_id, pk=object_id)
            .select_related("person__user")
            .first()
        )
        if meeting is None:
            return None
        first = _first_services([meeting.person_id]).get(meeting.person_id)
        return Source(kind, object_id, meeting.date, first, _own_account(meeting.person))
    if kind == SourceKind.PLAN_REVIEW:
        review = (
            PlanReview.objects.filter(plan__organisation_id=organisation_id, pk=object_id)
            .select_related("plan__person__user")
            .first()
        )
        if review is None:
            return None
        person = review.plan.person
        first = _first_services([person.pk]).get(person.pk)
        return Source(kind, object_id, review.held_on, first, _own_account(person))
    return None


def reach_source(viewer: Viewer, kind: str, object_id: int) -> Source:
    """The source a viewer starts a change from or links to one, or the same 404 for
    "missing" and "not yours" (another organisation's is recorded as refused, and so is a
    one-to-one or plan review of someone whose plan the viewer may not read)."""
    organisation_id = viewer.organisation.pk if viewer.organisation is not None else 0
    source = source_of(organisation_id, kind, object_id)
    if source is None:
        raise missing(viewer, MODELS[kind], object_id)
    if kind in IN_A_PLAN:
        person = _in_plan(organisation_id, kind, [object_id])[object_id]
        if not may_read(viewer, kind, person):
            thing = MODELS[kind]._default_manager.get(pk=object_id)
            raise refused(viewer, thing, "start a change from")
    return source


@dataclass(frozen=True)
class Shown:
    """A one-to-one or plan review behind a change, as one viewer may see it."""

    label: str
    raised_on: dt.date
    href: str | None


def in_a_plan(viewer: Viewer, links: Sequence[ChangeSource]) -> list[Shown]:
    """The one-to-ones and plan reviews among a change's sources: the kind and the date
    for everyone who reads the change, a link only for those who may read that part of
    the person's plan, and never what was said nor whose it was."""
    organisation_id = viewer.organisation.pk if viewer.organisation is not None else 0
    people: dict[str, dict[int, Person]] = {
        str(kind): _in_plan(organisation_id, kind, [s.object_id for s in links if s.kind == kind])
        for kind in IN_A_PLAN
    }
    shown = []
    for link in links:
        if link.kind not in IN_A_PLAN:
            continue
        person = people[link.kind].get(link.object_id)
        href = None
        if person is not None and may_read(viewer, link.kind, person):
            href = (
                reverse("plans:one_to_one", kwargs={"one_to_one_id": link.object_id})
                if link.kind == SourceKind.ONE_TO_ONE
                else reverse("plans:reviews", kwargs={"person_id": person.pk})
                + f"#review-{link.object_id}"
            )
        shown.append(Shown(str(SourceKind(link.kind).label), link.raised_on, href))
    return shown
