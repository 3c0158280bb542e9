"""Reads for ideas: the ideas a viewer may see, the services and people they may choose
when putting one forward, and the new ideas waiting for a leader's or manager's answer."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Service
from coproduce.core.tenancy import Viewer
from coproduce.core.to_answer import ToAnswer, Waiting
from coproduce.people.models import Person
from coproduce.people.queries import people_where_i_work
from coproduce.voice.ideas.rules import ANSWER_DAYS, is_leader, may_use_ideas
from coproduce.voice.models import Idea, IdeaStatus, MeToo
from coproduce.voice.rules import Audience

IDEAS_TO_ANSWER_ROLES = ("service_manager", "quality_lead")
# More services than this are not offered one by one: a leader's idea is then about the
# whole organisation.
MANY_SERVICES = 30
# At most this many people are offered to a worker putting forward an idea for someone.
MANY_PEOPLE = 300


def ideas_for(viewer: Viewer, audience: Audience, status: str = "") -> QuerySet[Idea]:
    """The ideas the viewer may see (``rules.may_see`` as a query), newest first."""
    if not may_use_ideas(viewer):
        return Idea.objects.none()
    ideas = Idea.objects.filter(organisation=viewer.organisation)
    if not is_leader(viewer):
        seen = Q(service__isnull=True) | Q(author=viewer.user)
        if audience.person_id is not None:
            seen |= Q(person_id=audience.person_id)
        if viewer.supported_person_ids:
            seen |= Q(person_id__in=sorted(viewer.supported_person_ids))
        service_ids = set(audience.person_services) | set(audience.supporter_services)
        if audience.is_staff:
            if audience.staff_services is None:
                seen |= Q(service__isnull=False)
            else:
                service_ids |= audience.staff_services
        if service_ids:
            seen |= Q(service_id__in=sorted(service_ids))
        ideas = ideas.filter(seen)
    if status:
        ideas = ideas.filter(status=status)
    return ideas.select_related("service", "person", "author").order_by("-created_at", "-pk")


def idea_in(viewer: Viewer, idea_id: int) -> Idea | None:
    """The idea of the viewer's organisation with this number, if there is one."""
    return (
        Idea.objects.filter(organisation=viewer.organisation, pk=idea_id)
        .select_related(
            "service", "person", "author", "answered_by", "voice_helper", "voice_recorded_by"
        )
        .first()
    )


def idea_by_key(viewer: Viewer, key: uuid.UUID) -> Idea | None:
    """The idea a form with this key already made (a second press of "Send")."""
    return Idea.objects.filter(
        organisation=viewer.organisation, idempotency_key=key, author=viewer.user
    ).first()


def said_me_too(idea: Idea, viewer: Viewer) -> bool:
    return MeToo.objects.filter(idea=idea, user=viewer.user).exists()


def services_to_choose(viewer: Viewer, audience: Audience) -> list[Service]:
    """The services an idea may be about: the person's own, those of the people a
    supporter supports, those a member of staff works in; every service for a leader, when
    there are not too many to list."""
    services = Service.objects.filter(organisation=viewer.organisation, is_active=True)
    if is_leader(viewer) or (audience.is_staff and audience.staff_services is None):
        found = list(services.order_by("name", "pk")[: MANY_SERVICES + 1])
        return [] if len(found) > MANY_SERVICES else found
    ids = set(audience.person_services) | set(audience.supporter_services)
    if audience.is_staff and audience.staff_services:
        ids |= audience.staff_services
    return list(services.filter(pk__in=sorted(ids)).order_by("name", "pk"))


def people_to_post_for(viewer: Viewer) -> QuerySet[Person]:
    """The people a worker or manager may put forward an idea for: those at the services
    they work in, by name."""
    return people_where_i_work(viewer)


def person_to_post_for(viewer: Viewer, person_id: int) -> Person | None:
    return people_to_post_for(viewer).filter(pk=person_id).first()


def idea_answer_by(created_at: dt.datetime) -> dt.date:
    """The day a new idea should be answered by."""
    return timezone.localtime(created_at).date() + dt.timedelta(days=ANSWER_DAYS)


def _ideas_waiting(viewer: Viewer) -> QuerySet[Idea] | None:
    """New ideas the viewer answers and sees in their "to answer" list, or None."""
    if viewer.organisation is None or not viewer.has_role(*IDEAS_TO_ANSWER_ROLES):
        return None
    ideas = Idea.objects.filter(organisation=viewer.organisation, status=IdeaStatus.NEW)
    if is_leader(viewer):
        return ideas
    managed = viewer.services_for("service_manager")
    if managed is None:
        return ideas.filter(service__isnull=False)
    return ideas.filter(service_id__in=sorted(managed))


def whose_idea(idea: Idea) -> str:
    """Whose idea it is, named: the person supported's name, or whoever put it forward."""
    if idea.person is not None:
        return idea.person.preferred_name
    if idea.author is not None:
        return idea.author.name or idea.author.get_short_name()
    return ""


def ideas_to_answer(viewer: Viewer, *, today: dt.date, limit: int) -> Waiting | None:
    """New ideas waiting for the viewer's answer, oldest first: a manager's for the
    services they manage, a quality lead's everywhere (due ``ANSWER_DAYS`` after they
    were put forward). The idea's words stay on its own page."""
    ideas = _ideas_waiting(viewer)
    if ideas is None:
        return None
    count = ideas.count()
    overdue_before = timezone.make_aware(
        dt.datetime.combine(today - dt.timedelta(days=ANSWER_DAYS), dt.time.min)
    )
    overdue = ideas.filter(created_at__lt=overdue_before).count() if count else 0
    items = [
        ToAnswer(
            kind="idea",
            label=_("Idea"),
            person_name=whose_idea(idea),
            summary=_("%(name)s put forward an idea") % {"name": whose_idea(idea)},
            due_on=idea_answer_by(idea.created_at),
            url=reverse("voice:idea", kwargs={"idea_id": idea.pk}),
            pk=idea.pk,
        )
        for idea in ideas.select_related("person", "author").order_by("created_at", "pk")[:limit]
    ]
    return Waiting("idea", _("Idea"), count, overdue, items)
