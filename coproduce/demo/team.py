"""Kyle's team in the small demo: one earlier request to change a worker, in progress.

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
from coproduce.matching.models import ChangeRequest
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
    ChangeRequest.objects.create(
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
    return {"change requests": 1}
