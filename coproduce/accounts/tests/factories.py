"""Factories for organisations, services, users and memberships."""

from __future__ import annotations

import functools

import factory
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from coproduce.accounts.models import Membership, Organisation, Service, User
from coproduce.people.models import Person, Supporter


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    kind = Service.Kind.SUPPORTED_LIVING
    postcode = "SW1A 1AA"


@functools.cache
def _password_hash() -> str:
    """Hash the shared test password once: Argon2 is slow on purpose."""
    return make_password("correct-horse-battery")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    name = factory.Sequence(lambda n: f"User {n}")
    password = factory.LazyFunction(lambda: _password_hash())


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "support_worker"

    @factory.post_generation
    def services(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.services.set(extracted)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    preferred_name = factory.Sequence(lambda n: f"Person {n}")

    @factory.post_generation
    def services(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.services.set(extracted)


class SupporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supporter

    person = factory.SubFactory(PersonFactory)
    user = factory.SubFactory(UserFactory)
    relationship = Supporter.Relationship.FAMILY
    scopes = factory.LazyFunction(lambda: ["profile", "plan"])
