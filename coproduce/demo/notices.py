"""What is waiting in the small demo, so a newcomer signing in as a manager finds a "to
answer" list and notifications, and Kyle finds news about his request.

Ruth has said her morning visit comes too late for her tablets; Kyle's request to change
a worker (``team.py``) has two workers offered. The rows are written directly, as the rest
of the small demo is: the actions would add audit entries, and the append-only audit log
would then stop the demo being reset. No email is queued: they count as sent.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import Notification, Organisation, User
from coproduce.accounts.queries import service_managers_of
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.matching.models import ChangeRequest
from coproduce.people.models import Person
from coproduce.plans.business_rules import flag_answer_by
from coproduce.plans.models import NotWorkingFlag


def _person(org: Organisation, key: str) -> Person:
    user = User.objects.get(email=PERSONAS_BY_KEY[key].email)
    return Person.objects.get(organisation=org, user=user)


def _managers(person: Person) -> list[User]:
    return list(
        service_managers_of(
            organisation_id=person.organisation_id,
            service_ids=list(person.services.values_list("pk", flat=True)),
        )
    )


def build_notices(org: Organisation) -> dict[str, int]:
    """Create Ruth's "this is not working" and the notifications about it and about
    Kyle's request; return how many of each were made."""
    now = timezone.now()
    ruth = _person(org, "ruth")
    said = now - dt.timedelta(days=2)
    flag = NotWorkingFlag.objects.create(
        organisation=org,
        person=ruth,
        what="My morning visit comes after ten. I need my tablets at eight, with my tea.",
        created_by=ruth.user,
        created_at=said,
    )
    notices = [
        Notification(
            organisation=org,
            recipient=manager,
            kind="not_working_raised",
            params={"name": ruth.preferred_name, "due_on": flag_answer_by(said).isoformat()},
            target=reverse("plans:not_working", kwargs={"flag_id": flag.pk}),
            key=f"not_working:{flag.pk}:raised",
            created_at=said,
            emailed_at=said,
        )
        for manager in _managers(ruth)
    ]
    kyle = _person(org, "kyle")
    request = ChangeRequest.objects.filter(person=kyle).order_by("pk").first()
    if request is not None:
        target = reverse("matching:change_request", kwargs={"request_id": request.pk})
        notices += [
            Notification(
                organisation=org,
                recipient=manager,
                kind="change_request_asked",
                params={"name": kyle.preferred_name, "due_on": request.due_on.isoformat()},
                target=target,
                key=f"change_request:{request.pk}:asked",
                created_at=request.created_at,
                emailed_at=request.created_at,
            )
            for manager in _managers(kyle)
        ]
        if kyle.user is not None:
            notices.append(
                Notification(
                    organisation=org,
                    recipient=kyle.user,
                    kind="change_request_answered",
                    params={"name": kyle.preferred_name},
                    target=target,
                    key=f"change_request:{request.pk}:{request.status}",
                    created_at=request.updated_at,
                    emailed_at=request.updated_at,
                )
            )
    Notification.objects.bulk_create(notices)
    return {"not working flags": 1, "notifications": len(notices)}
