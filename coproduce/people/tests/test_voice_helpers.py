"""Who may be named as helping a person give a view: the same people, in the same order, as
the one query it replaced, and the same number of queries however large the organisation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import Personas
from coproduce.accounts.models import Membership, User
from coproduce.accounts.tests.factories import MembershipFactory, ServiceFactory, UserFactory
from coproduce.people.models import Person, Supporter
from coproduce.people.queries import voice_helpers_for_person

pytestmark = pytest.mark.django_db


def one_query_answer(person: Person) -> list[User]:
    """The helpers as the single SELECT DISTINCT over OR-joined users, supporters and
    memberships found them (slow in a large organisation, but the meaning to keep)."""
    supporters = Supporter.objects.filter(person=person, ended_at__isnull=True).values("user_id")
    staff = (
        Membership.objects.filter(
            organisation_id=person.organisation_id,
            ended_at__isnull=True,
            role__in=("support_worker", "service_manager"),
        )
        .filter(Q(services__in=person.services.all()) | Q(services__isnull=True))
        .values("user_id")
    )
    return list(
        User.objects.filter(Q(pk__in=supporters) | Q(pk__in=staff), is_active=True)
        .distinct()
        .order_by("name", "pk")
    )


def add_staff(personas: Personas, count: int, start: int = 0) -> None:
    """Add staff around the person and away from them, in every way that counts."""
    org, house, home_care = personas.organisation, personas.house, personas.home_care
    for n in range(start, start + count):
        kind = n % 5
        user = UserFactory(name=f"Staff {n % 7} {n}", is_active=kind != 4)
        if kind == 0:  # works in Kyle's house and elsewhere
            MembershipFactory(user=user, organisation=org, services=[house, home_care])
        elif kind == 1:  # works elsewhere only
            MembershipFactory(user=user, organisation=org, services=[home_care])
        elif kind == 2:  # covers every service
            MembershipFactory(user=user, organisation=org, role="service_manager")
        elif kind == 3:  # left Kyle's house
            MembershipFactory(
                user=user, organisation=org, services=[house], ended_at=timezone.now()
            )
        else:  # no longer able to sign in
            MembershipFactory(user=user, organisation=org, services=[house])


def test_the_personas_helpers_are_kyles_supporter_and_the_staff_of_his_house(personas):
    helpers = list(voice_helpers_for_person(personas.kyle))
    assert [user.name for user in helpers] == ["Mary Brown", "Maya Manager", "Wendy Worker"]
    assert helpers == one_query_answer(personas.kyle)


def test_the_same_people_in_the_same_order_as_the_one_query(personas):
    add_staff(personas, 40)
    # A supporter who also works in the house is listed once; an ended supporter not at all.
    both = UserFactory(name="Staff 0 both")
    MembershipFactory(user=both, organisation=personas.organisation, services=[personas.house])
    Supporter.objects.create(person=personas.kyle, user=both)
    gone = UserFactory(name="Gone Supporter")
    Supporter.objects.create(person=personas.kyle, user=gone, ended_at=timezone.now())
    # Staff of another organisation never, even with no services named.
    MembershipFactory(
        user=UserFactory(name="Staff 1 away"), organisation=personas.other_organisation
    )
    helpers = list(voice_helpers_for_person(personas.kyle))
    assert helpers == one_query_answer(personas.kyle)
    names = [user.name for user in helpers]
    assert names.count("Staff 0 both") == 1
    assert "Gone Supporter" not in names and "Staff 1 away" not in names
    assert len(helpers) == 3 + 1 + 2 * 8  # the personas, both, kinds 0 and 2 of 40


def test_the_number_of_queries_does_not_grow_with_the_organisation(personas):
    def queries_for_helpers() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            found = len(list(voice_helpers_for_person(personas.kyle)))
        return len(queries), found

    add_staff(personas, 5)
    small, found_small = queries_for_helpers()
    add_staff(personas, 50, start=5)
    # Staff of another service, away from Kyle: a wider organisation.
    elsewhere = ServiceFactory(organisation=personas.organisation, name="Far Away House")
    for _n in range(10):
        MembershipFactory(
            user=UserFactory(), organisation=personas.organisation, services=[elsewhere]
        )
    large, found_large = queries_for_helpers()
    assert found_large > found_small
    assert large == small
