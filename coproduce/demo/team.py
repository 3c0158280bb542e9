"""Kyle's team in the small demo: one earlier request to change a worker, in progress: the
manager has offered two workers who match him, and he has not answered yet.

Kyle's suggestions come from the staff profiles (``staff.py``) through the matching
engine, so nothing is stored for them. The request is written directly, as the rest of
the small demo is (see ``plans.py``): the actions would add audit entries, and the
append-only audit log would then stop the demo being reset.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from coproduce.accounts.models import Organisation, User
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.matching.models import ChangeOffer, ChangeRequest
from coproduce.matching.queries import forget_worker_index, team_cards
from coproduce.people.models import Person


def build_team(org: Organisation) -> dict[str, int]:
    """Create Kyle's change request; return how many were made."""
    kyle_user = User.objects.get(email=PERSONAS_BY_KEY["kyle"].email)
    wendy = User.objects.get(email=PERSONAS_BY_KEY["wendy"].email)
    kyle = Person.objects.get(organisation=org, user=kyle_user)
    willow = kyle.services.order_by("pk").first()
    # An evening worker at Willow House other than Wendy, his keyworker.
    worker = (
        User.objects.filter(
            memberships__organisation=org,
            memberships__role="support_worker",
            memberships__services=willow,
            memberships__ended_at__isnull=True,
        )
        .exclude(pk=wendy.pk)
        .order_by("pk")
        .first()
    )
    if worker is None:
        return {"change requests": 0}
    asked = timezone.now() - dt.timedelta(days=3)
    request = ChangeRequest.objects.create(
        organisation=org,
        person=kyle,
        service=willow,
        worker=worker,
        reason="Evening visits feel rushed and we do not talk much.",
        asked_by=kyle_user,
        status=ChangeRequest.Status.ACKNOWLEDGED,
        due_on=asked.date() + dt.timedelta(days=settings.CHANGE_REQUEST_ANSWER_DAYS),
        created_at=asked,
        updated_at=asked + dt.timedelta(days=1),
    )
    # The manager has offered two workers who match Kyle, for him to answer about.
    forget_worker_index(org.pk)
    cards = [c for c in team_cards(kyle, k=6) if c.worker_id not in (worker.pk, wendy.pk)][:2]
    forget_worker_index(org.pk)
    if len(cards) < 2:
        return {"change requests": 1}
    manager = User.objects.filter(
        memberships__organisation=org,
        memberships__role="service_manager",
        memberships__services=willow,
        memberships__ended_at__isnull=True,
    ).first()
    offered = asked + dt.timedelta(days=2)
    ChangeOffer.objects.bulk_create(
        ChangeOffer(
            organisation=org,
            request=request,
            worker=card.profile.user,
            offered_by=manager,
            offered_at=offered,
            voice_recorded_at=offered,
        )
        for card in cards
    )
    request.status = ChangeRequest.Status.OPTIONS_OFFERED
    request.answer = "You could meet them at the house next week. Tell me what you think."
    request.updated_at = offered
    request.save(update_fields=["status", "answer", "updated_at"])
    return {"change requests": 1, "workers offered": len(cards)}
