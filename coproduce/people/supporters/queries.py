"""Reads about a person's supporters, always starting from the person."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coproduce.accounts.models import User
from coproduce.people.models import Person, Supporter


def current_supporters(person: Person) -> QuerySet[Supporter]:
    return (
        Supporter.objects.filter(person=person, ended_at__isnull=True)
        .select_related("user")
        .order_by("user__name", "pk")
    )


def supporter_link_of(
    person: Person, link_id: int, *, include_ended: bool = False
) -> Supporter | None:
    links = (
        Supporter.objects.filter(person=person).select_related("user")
        if include_ended
        else current_supporters(person)
    )
    return links.filter(pk=link_id).first()


def supporter_candidates(person: Person) -> QuerySet[User]:
    """Return the organisation's supporters who are not yet linked to the person.

    Only users an admin already invited as supporters can be chosen: inviting new people
    is the admin's job.
    """
    linked = Supporter.objects.filter(person=person, ended_at__isnull=True).values("user_id")
    exclude = Q(pk__in=linked)
    if person.user_id is not None:
        exclude |= Q(pk=person.user_id)
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=person.organisation_id,
            memberships__role="supporter",
            memberships__ended_at__isnull=True,
        )
        .exclude(exclude)
        .distinct()
        .order_by("name", "pk")
    )
