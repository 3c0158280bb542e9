"""Personas shared by every app's tests (the same cast everywhere).

``personas`` builds one organisation with two services and someone in every role, plus
an organisation admin of a second organisation ("outsider") to prove isolation.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from coproduce.accounts.models import Organisation, Service, User
from coproduce.accounts.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ServiceFactory,
    SupporterFactory,
    UserFactory,
)
from coproduce.people.models import Person

PASSWORD = "correct-horse-battery"


@dataclass
class Personas:
    organisation: Organisation
    other_organisation: Organisation
    house: Service
    home_care: Service
    other_service: Service
    kyle: Person  # the person supported
    person: User
    supporter: User
    worker: User  # works in Kyle's house
    other_worker: User  # works in the home-care team, not with Kyle
    manager: User  # manages Kyle's house
    quality_checker: User
    quality_lead: User
    senior_leader: User
    commissioner: User
    org_admin: User
    outsider: User  # organisation admin of another provider
    outsider_person: Person

    def user(self, name: str) -> User:
        return getattr(self, name)


PERSONA_NAMES = [
    "person",
    "supporter",
    "worker",
    "other_worker",
    "manager",
    "quality_checker",
    "quality_lead",
    "senior_leader",
    "commissioner",
    "org_admin",
    "outsider",
]


def build_personas() -> Personas:
    org = OrganisationFactory(name="Riverside Support", slug="riverside")
    other = OrganisationFactory(name="Hillside Care", slug="hillside")
    house = ServiceFactory(organisation=org, name="Willow House")
    home_care = ServiceFactory(
        organisation=org, name="North Home Care", kind=Service.Kind.HOME_CARE
    )
    other_service = ServiceFactory(organisation=other, name="Hillside House")

    def member(name: str, email: str, role: str, services=None, organisation=org) -> User:  # type: ignore[no-untyped-def]
        user = UserFactory(name=name, email=email)
        MembershipFactory(user=user, organisation=organisation, role=role, services=services)
        return user

    person = member("Kyle Brown", "kyle@example.test", "person")
    kyle = PersonFactory(organisation=org, user=person, preferred_name="Kyle", services=[house])
    supporter = member("Mary Brown", "mary@example.test", "supporter")
    SupporterFactory(person=kyle, user=supporter)
    outsider = member("Olu Other", "olu@example.test", "org_admin", organisation=other)
    outsider_person = PersonFactory(
        organisation=other, preferred_name="Sam", services=[other_service]
    )
    return Personas(
        organisation=org,
        other_organisation=other,
        house=house,
        home_care=home_care,
        other_service=other_service,
        kyle=kyle,
        person=person,
        supporter=supporter,
        worker=member("Wendy Worker", "wendy@example.test", "support_worker", [house]),
        other_worker=member("Omar Other", "omar@example.test", "support_worker", [home_care]),
        manager=member("Maya Manager", "maya@example.test", "service_manager", [house]),
        quality_checker=member("Quinn Checker", "quinn@example.test", "quality_checker"),
        quality_lead=member("Lee Lead", "lee@example.test", "quality_lead"),
        senior_leader=member("Sana Senior", "sana@example.test", "senior_leader"),
        commissioner=member("Cam Commissioner", "cam@example.test", "commissioner"),
        org_admin=member("Ada Admin", "ada@example.test", "org_admin"),
        outsider=outsider,
        outsider_person=outsider_person,
    )


@pytest.fixture
def personas(db) -> Personas:  # type: ignore[no-untyped-def]
    return build_personas()


def signed_in_client(user: User) -> Client:
    """A test client signed in as the user, with the second factor already satisfied."""
    from coproduce.accounts.testing import sign_in_for_tests

    client = Client()
    sign_in_for_tests(client, user)
    return client


@pytest.fixture
def client_for():  # type: ignore[no-untyped-def]
    return signed_in_client


@pytest.fixture(autouse=True, scope="session")
def _test_harness_may_empty_the_audit_log():  # type: ignore[no-untyped-def]
    """Between transactional tests the harness empties the database; on SQLite that is a
    DELETE, which the audit log's trigger refuses to everyone else (core migration 0003)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from coproduce.core.database import allow_audit_delete

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):  # type: ignore[no-untyped-def]
        with allow_audit_delete(self.connection):
            return original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]
    yield
    BaseDatabaseOperations.execute_sql_flush = original  # type: ignore[method-assign]
