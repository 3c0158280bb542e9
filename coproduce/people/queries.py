"""Reads about people supported, always starting from the viewer's organisation."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person

STAFF_ROLES = ("support_worker", "service_manager", "quality_checker")
ORG_WIDE_ROLES = ("quality_lead", "senior_leader", "org_admin")


def people_for_viewer(viewer: Viewer) -> QuerySet[Person]:
    """Return the people the viewer may see at all: themselves, those they support,
    the people in their services, or everyone for organisation-wide roles.

    Commissioners see no named person.
    """
    if viewer.organisation is None:
        return Person.objects.none()
    people = Person.objects.filter(organisation=viewer.organisation)
    if viewer.has_role(*ORG_WIDE_ROLES):
        return people
    condition = Q(pk__in=[])
    if viewer.person_id is not None:
        condition |= Q(pk=viewer.person_id)
    if viewer.supported_person_ids:
        condition |= Q(pk__in=viewer.supported_person_ids)
    for role in ("support_worker", "service_manager"):
        if role in viewer.roles:
            limited = viewer.services_for(role)
            if limited is None:
                return people
            condition |= Q(services__in=limited)
    return people.filter(condition).distinct()
