"""The large demo set for benchmarks: Northern Care Group (1,500 services, 10,000 people
supported, 15,000 staff, about 6,000 supporters) and two smaller providers.

Every row is made in memory first and written with ``bulk_create``, many-to-many rows
included, so loading costs a few hundred INSERTs rather than a query per row. All users
share one password hash, computed once. What matching needs (staff profiles, availability,
people's interests, wishes and preferred times) is made in ``matching_profiles.py``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import accumulate

from allauth.account.models import EmailAddress
from django.db import transaction

from coproduce.accounts.models import Membership, Organisation, Service, User
from coproduce.demo.checkins import write_year_of_check_ins
from coproduce.demo.common import (
    BATCH_SIZE,
    days_before,
    demo_password_hash,
    email_part,
    inward_code,
)
from coproduce.demo.feedback_records import FeedbackRecordsWriter
from coproduce.demo.matching_profiles import MatchingProfiles
from coproduce.demo.names import (
    AREAS,
    FIRST_NAMES,
    HOUSE_WORDS,
    STREETS,
    SURNAMES,
    Area,
    first_name_for,
)
from coproduce.demo.records import RecordsWriter, chosen_person
from coproduce.demo.voice_records import VoiceRecordsWriter
from coproduce.people.models import Person, Supporter

Kind = Service.Kind


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    slug: str
    domain: str
    brand_colour: str
    services: int
    people: int
    staff: int
    supporters: int
    areas: tuple[Area, ...]

    def scaled(self, scale: float) -> OrganisationSpec:
        def times(n: int) -> int:
            return max(1, round(n * scale))

        return replace(
            self,
            services=times(self.services),
            people=times(self.people),
            staff=times(self.staff),
            supporters=times(self.supporters),
        )


def _areas(*cities: str) -> tuple[Area, ...]:
    return tuple(a for a in AREAS if a.city in cities)


LARGE_ORGANISATIONS = (
    OrganisationSpec(
        "Northern Care Group",
        "northern-care",
        "northern-care.example",
        "#24573f",
        services=1500,
        people=10_000,
        staff=15_000,
        supporters=6_000,
        areas=AREAS,
    ),
    OrganisationSpec(
        "Dales Community Care",
        "dales-care",
        "dales-care.example",
        "#6a4a1f",
        services=20,
        people=130,
        staff=200,
        supporters=80,
        areas=_areas("York", "Bradford"),
    ),
    OrganisationSpec(
        "Coast and Tyne Support",
        "coast-tyne",
        "coast-tyne.example",
        "#1f4e79",
        services=20,
        people=130,
        staff=200,
        supporters=80,
        areas=_areas("Newcastle upon Tyne", "Gateshead", "Sunderland"),
    ),
)
LARGE_ORGANISATION_SLUGS = tuple(spec.slug for spec in LARGE_ORGANISATIONS)

KIND_WEIGHTS = (
    (Kind.SUPPORTED_LIVING, 55),
    (Kind.HOME_CARE, 25),
    (Kind.DAY_SERVICE, 15),
    (Kind.OTHER, 5),
)
# How many people a service of each kind has as their main service, relative to the others.
HOME_WEIGHT = {Kind.SUPPORTED_LIVING: 5, Kind.HOME_CARE: 14, Kind.OTHER: 8, Kind.DAY_SERVICE: 0}
SHARE_OF_PEOPLE_WHO_SIGN_IN = 0.75
SHARE_AT_A_DAY_SERVICE = 0.2
SCOPES = ("profile", "plan", "rota", "feedback", "meetings", "involvement")
RELATIONSHIPS = (
    (Supporter.Relationship.FAMILY, 70),
    (Supporter.Relationship.FRIEND, 15),
    (Supporter.Relationship.ADVOCATE, 15),
)


def _weighted(rng: random.Random, options: Sequence[tuple[str, int]]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


class _OrganisationBuilder:
    """Build one organisation's rows in memory, then write them in bulk."""

    def __init__(
        self, rng: random.Random, spec: OrganisationSpec, password_hash: str, seed: int = 1
    ) -> None:
        self.rng = rng
        self.spec = spec
        self.password_hash = password_hash
        self.users: list[User] = []
        self.emails: list[EmailAddress] = []
        self.memberships: list[Membership] = []
        self.membership_services: list[Membership.services.through] = []  # type: ignore[name-defined]
        self.people: list[Person] = []
        self.person_services: list[Person.services.through] = []  # type: ignore[name-defined]
        self.supporters: list[Supporter] = []
        self.email_number = 0
        # Profiles draw from their own generator, so adding them left every other row as it was.
        self.profiles = MatchingProfiles(random.Random(f"matching:{seed}:{spec.slug}"))
        self.seed = seed

    # --- rows in memory --------------------------------------------------------------------

    def new_user(self, first: str, last: str) -> User:
        self.email_number += 1
        email = f"{email_part(first)}.{email_part(last)}.{self.email_number}@{self.spec.domain}"
        user = User(
            name=f"{first} {last}",
            email=email,
            password=self.password_hash,
            date_joined=days_before(self.rng.randint(1, 1800), self.rng.randint(0, 1439)),
        )
        self.users.append(user)
        self.emails.append(EmailAddress(user=user, email=email, verified=True, primary=True))
        return user

    def new_membership(
        self, user: User, organisation: Organisation, role: str, services: Sequence[Service] = ()
    ) -> None:
        membership = Membership(
            user=user, organisation=organisation, role=role, started_at=user.date_joined
        )
        self.memberships.append(membership)
        through = Membership.services.through
        self.membership_services.extend(
            through(membership=membership, service=service) for service in services
        )

    def make_services(self, organisation: Organisation) -> list[Service]:
        rng, spec = self.rng, self.spec
        names: set[str] = set()
        services = []
        for index in range(spec.services):
            area = spec.areas[index % len(spec.areas)]
            kind = _weighted(rng, KIND_WEIGHTS)
            if kind == Kind.SUPPORTED_LIVING:
                base = f"{rng.choice(HOUSE_WORDS)} House, {area.name}"
            elif kind == Kind.HOME_CARE:
                base = f"{area.name} Home Care"
            elif kind == Kind.DAY_SERVICE:
                base = f"{area.name} Day Centre"
            else:
                base = f"{area.name} Community Support"
            name, number = base, 1
            while name in names:
                number += 1
                name = f"{base} {number}"
            names.add(name)
            street = f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
            services.append(
                Service(
                    organisation=organisation,
                    name=name,
                    kind=kind,
                    address=f"{street}\n{area.name}\n{area.city}",
                    postcode=f"{area.district} {inward_code(rng)}",
                    latitude=Decimal(f"{area.latitude + rng.uniform(-0.015, 0.015):.5f}"),
                    longitude=Decimal(f"{area.longitude + rng.uniform(-0.025, 0.025):.5f}"),
                    area=area.name,
                    created_at=days_before(rng.randint(200, 3000)),
                )
            )
        return services

    def make_people(self, organisation: Organisation, services: list[Service]) -> list[int]:
        """Place each person in a main service (and some at a day service); return how many
        people each service has, by position in ``services``."""
        rng, spec = self.rng, self.spec
        weights = [HOME_WEIGHT[Kind(s.kind)] for s in services]
        if not any(weights):
            weights = [1] * len(services)
        cumulative = list(accumulate(weights))
        day_services_by_area: dict[str, list[int]] = {}
        for index, service in enumerate(services):
            if service.kind == Kind.DAY_SERVICE:
                day_services_by_area.setdefault(service.area, []).append(index)
        every_day_service = [i for ids in day_services_by_area.values() for i in ids]
        sizes = [0] * len(services)
        through = Person.services.through
        for _ in range(spec.people):
            first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
            user = None
            if rng.random() < SHARE_OF_PEOPLE_WHO_SIGN_IN:
                user = self.new_user(first, last)
                self.new_membership(user, organisation, "person")
            home = rng.choices(range(len(services)), cum_weights=cumulative)[0]
            places = [home]
            if every_day_service and rng.random() < SHARE_AT_A_DAY_SERVICE:
                nearby = day_services_by_area.get(services[home].area) or every_day_service
                day = rng.choice(nearby)
                if day != home:
                    places.append(day)
            person = Person(
                organisation=organisation,
                user=user,
                preferred_name=first,
                full_name=f"{first} {last}",
                created_at=user.date_joined if user else days_before(rng.randint(1, 1800)),
            )
            self.people.append(person)
            for place in places:
                sizes[place] += 1
                self.person_services.append(through(person=person, service=services[place]))
        return sizes

    def make_staff(
        self, organisation: Organisation, services: list[Service], sizes: list[int]
    ) -> None:
        rng, spec = self.rng, self.spec
        count = len(services)
        leads = {
            "quality_lead": max(1, round(count / 150)),
            "senior_leader": max(1, round(count / 200)),
            "org_admin": max(1, round(count / 400)),
            "commissioner": max(1, round(count / 250)),
        }
        managers = max(1, round(count / 3))
        workers = max(1, spec.staff - managers - sum(leads.values()))
        for role, number in leads.items():
            for _ in range(number):
                user = self.new_user(rng.choice(FIRST_NAMES), rng.choice(SURNAMES))
                self.new_membership(user, organisation, role)
        # Services were laid out area by area in turn; sorting by area gives each manager
        # neighbouring services.
        by_area = sorted(range(count), key=lambda i: (services[i].area, i))
        patches: list[list[Service]] = [[] for _ in range(managers)]
        for position, index in enumerate(by_area):
            patches[min(position // 3, managers - 1)].append(services[index])
        for patch in patches:
            user = self.new_user(rng.choice(FIRST_NAMES), rng.choice(SURNAMES))
            self.new_membership(user, organisation, "service_manager", patch)
        # Workers go where the people are.
        cumulative = list(accumulate(size + 1 for size in sizes))
        for _ in range(workers):
            # The name agrees with the gender the worker's profile will record.
            gender = self.profiles.draw_gender()
            user = self.new_user(first_name_for(rng, gender), rng.choice(SURNAMES))
            first = rng.choices(range(count), cum_weights=cumulative)[0]
            places = [services[first]]
            if count > 1 and rng.random() < 0.15:
                second = rng.choices(range(count), cum_weights=cumulative)[0]
                if second != first:
                    places.append(services[second])
            self.new_membership(user, organisation, "support_worker", places)
            self.profiles.workers.append((user, places[0], gender))
        # Some people supported are also employed as quality checkers.
        signed_in = [p for p in self.people if p.user is not None]
        for person in rng.sample(signed_in, min(len(signed_in), max(1, round(count / 30)))):
            self.new_membership(person.user, organisation, "quality_checker")  # type: ignore[arg-type]

    def make_supporters(self, organisation: Organisation) -> None:
        rng, spec = self.rng, self.spec
        number = min(spec.supporters, len(self.people) * 2)
        first_round = rng.sample(self.people, min(len(self.people), round(number * 0.9)))
        chosen = first_round + [rng.choice(first_round) for _ in range(number - len(first_round))]
        for person in chosen:
            relationship = _weighted(rng, RELATIONSHIPS)
            surname = person.full_name.split(" ", 1)[1]
            last = surname if relationship == "family" else rng.choice(SURNAMES)
            user = self.new_user(rng.choice(FIRST_NAMES), last)
            self.new_membership(user, organisation, "supporter")
            scopes = sorted(rng.sample(SCOPES, rng.randint(1, len(SCOPES))))
            self.supporters.append(
                Supporter(
                    person=person,
                    user=user,
                    relationship=relationship,
                    scopes=scopes,
                    started_at=user.date_joined,
                )
            )

    def write_records(self, organisation: Organisation) -> dict[str, int]:
        """Plans, decisions, one-to-ones, flags, requests and notifications (``records.py``)."""
        services_of: dict[int, list[int]] = {}
        for row in self.person_services:
            services_of.setdefault(row.person.pk, []).append(row.service.pk)
        workers_at: dict[int, list[User]] = {}
        for user, service, _gender in self.profiles.workers:
            workers_at.setdefault(service.pk, []).append(user)
        managers_at: dict[int, list[User]] = {}
        for row in self.membership_services:
            if row.membership.role == "service_manager":
                managers_at.setdefault(row.service.pk, []).append(row.membership.user)
        return RecordsWriter(
            organisation,
            self.people,
            services_of,
            workers_at,
            managers_at,
            chosen_person(self.supporters),
            self.seed,
        ).write()

    def write_voice_records(
        self, organisation: Organisation, services: list[Service]
    ) -> dict[str, int]:
        """Votes and surveys, a million answers at full size (``voice_records.py``)."""
        services_of: dict[int, list[int]] = {}
        for row in self.person_services:
            services_of.setdefault(row.person.pk, []).append(row.service.pk)
        places: dict[int, list[int]] = {}
        for row in self.membership_services:
            places.setdefault(row.membership.pk, []).append(row.service.pk)
        staff = [(m.user.pk, m.role, tuple(places.get(m.pk, ()))) for m in self.memberships]
        return VoiceRecordsWriter(
            organisation,
            services,
            self.people,
            services_of,
            staff,
            self.supporters,
            chosen_person(self.supporters),
            self.seed,
        ).write()

    def write_feedback_records(
        self, organisation: Organisation, services: list[Service]
    ) -> dict[str, int]:
        """Comments, complaints and compliments over the year, and the changes some led to
        (``feedback_records.py``)."""
        people_at: dict[int, list[Person]] = {}
        for row in self.person_services:
            people_at.setdefault(row.service.pk, []).append(row.person)
        supporters_of: dict[int, list[Supporter]] = {}
        for supporter in self.supporters:
            supporters_of.setdefault(supporter.person.pk, []).append(supporter)
        workers_at: dict[int, list[User]] = {}
        for user, service, _gender in self.profiles.workers:
            workers_at.setdefault(service.pk, []).append(user)
        managers_at: dict[int, list[User]] = {}
        for row in self.membership_services:
            if row.membership.role == "service_manager":
                managers_at.setdefault(row.service.pk, []).append(row.membership.user)
        leads = [m.user for m in self.memberships if m.role == "quality_lead"]
        return FeedbackRecordsWriter(
            organisation,
            services,
            people_at,
            supporters_of,
            workers_at,
            managers_at,
            leads,
            chosen_person(self.supporters),
            self.seed,
        ).write()

    # --- writing ---------------------------------------------------------------------------

    def build(self) -> dict[str, int]:
        spec = self.spec
        organisation = Organisation.objects.create(
            name=spec.name,
            slug=spec.slug,
            brand_colour=spec.brand_colour,
            created_at=days_before(3650),
        )
        services = self.make_services(organisation)
        Service.objects.bulk_create(services, batch_size=BATCH_SIZE)
        sizes = self.make_people(organisation, services)
        self.make_staff(organisation, services, sizes)
        self.make_supporters(organisation)
        # Parents before children: bulk_create copies each saved parent's id into its rows.
        User.objects.bulk_create(self.users, batch_size=BATCH_SIZE)
        EmailAddress.objects.bulk_create(self.emails, batch_size=BATCH_SIZE)
        Membership.objects.bulk_create(self.memberships, batch_size=BATCH_SIZE)
        Membership.services.through.objects.bulk_create(
            self.membership_services, batch_size=BATCH_SIZE
        )
        Person.objects.bulk_create(self.people, batch_size=BATCH_SIZE)
        Person.services.through.objects.bulk_create(self.person_services, batch_size=BATCH_SIZE)
        Supporter.objects.bulk_create(self.supporters, batch_size=BATCH_SIZE)
        profile_counts = self.profiles.write(organisation, self.people)
        profile_counts.update(write_year_of_check_ins(organisation, self.people, seed=self.seed))
        profile_counts.update(self.write_records(organisation))
        profile_counts.update(self.write_voice_records(organisation, services))
        profile_counts.update(self.write_feedback_records(organisation, services))
        return {
            "organisations": 1,
            "services": len(services),
            "users": len(self.users),
            "memberships": len(self.memberships),
            "membership services": len(self.membership_services),
            "people": len(self.people),
            "person services": len(self.person_services),
            "supporters": len(self.supporters),
            **profile_counts,
        }


def build_large(
    *, seed: int = 1, scale: float = 1.0, password_hash: str | None = None
) -> dict[str, int]:
    """Create the large demo organisations; return how many of each record were made.

    ``scale`` multiplies every number (at least one of each), so tests can build a tiny
    copy with the same code.
    """
    rng = random.Random(seed)
    password_hash = password_hash or demo_password_hash()
    totals: dict[str, int] = {}
    with transaction.atomic():
        for spec in LARGE_ORGANISATIONS:
            counts = _OrganisationBuilder(rng, spec.scaled(scale), password_hash, seed).build()
            for what, number in counts.items():
                totals[what] = totals.get(what, 0) + number
    return totals
