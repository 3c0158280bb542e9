"""Where a person is, for distances: their first service by id, whatever order the links
were written in (Django writes several links in the order of a set)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import Personas
from coproduce.accounts.models import Service
from coproduce.matching.queries import person_needs
from coproduce.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_person_in_two_services_is_placed_at_the_first_one(personas: Personas) -> None:
    p = personas
    Service.objects.filter(pk=p.house.pk).update(
        latitude=Decimal("53.8"), longitude=Decimal("-1.5")
    )
    Service.objects.filter(pk=p.home_care.pk).update(
        latitude=Decimal("53.9"), longitude=Decimal("-1.6")
    )
    first, second = sorted([p.house, p.home_care], key=lambda s: s.pk)
    p.kyle.services.clear()
    # The link to the later service is written first.
    Person.services.through.objects.create(person=p.kyle, service=second)
    Person.services.through.objects.create(person=p.kyle, service=first)
    [needs] = person_needs(p.organisation, [p.kyle.pk])
    first.refresh_from_db()
    assert (round(needs.latitude, 4), round(needs.longitude, 4)) == (
        float(first.latitude),
        float(first.longitude),
    )
