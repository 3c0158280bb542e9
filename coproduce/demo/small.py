"""The small demo set: Riverside Support with a named persona in every role, and Hillside
Care, a second provider that proves one organisation never sees another.

Each record is made by one small helper below. There are no create-actions for these
models yet; when there are, each helper becomes a call to its action.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction

from coproduce.accounts.models import Membership, Organisation, Service, User
from coproduce.demo.checkins import build_check_ins
from coproduce.demo.common import days_before, demo_password_hash, email_part
from coproduce.demo.feedback import build_feedback
from coproduce.demo.introductions import build_introductions
from coproduce.demo.involvement import build_involvement
from coproduce.demo.names import FIRST_NAMES, SURNAMES, first_name_for
from coproduce.demo.notices import build_notices
from coproduce.demo.personas import HILLSIDE, PERSONAS_BY_KEY, RIVERSIDE
from coproduce.demo.plans import build_support_plans
from coproduce.demo.profiles import build_person_profiles
from coproduce.demo.staff import build_staff_profiles
from coproduce.demo.surveys import build_ideas, build_surveys
from coproduce.demo.team import build_team
from coproduce.people.models import Person, StaffProfile, Supporter

Kind = Service.Kind


@dataclass(frozen=True)
class ServiceSpec:
    key: str
    name: str
    kind: str
    address: str
    postcode: str
    latitude: str
    longitude: str
    area: str


RIVERSIDE_SERVICES = (
    ServiceSpec(
        "willow",
        "Willow House",
        Kind.SUPPORTED_LIVING,
        "14 Cardigan Road\nHeadingley\nLeeds",
        "LS6 3AG",
        "53.81790",
        "-1.57650",
        "Headingley",
    ),
    ServiceSpec(
        "home_care",
        "North Leeds Home Care",
        Kind.HOME_CARE,
        "Unit 4, 260 Harrogate Road\nMoortown\nLeeds",
        "LS17 6LE",
        "53.84470",
        "-1.53970",
        "Moortown",
    ),
    ServiceSpec(
        "hub",
        "The Hub",
        Kind.DAY_SERVICE,
        "47 Kirkstall Road\nLeeds",
        "LS3 1LH",
        "53.80030",
        "-1.56720",
        "Kirkstall",
    ),
    ServiceSpec(
        "beech",
        "Beech House",
        Kind.SUPPORTED_LIVING,
        "22 Shaftesbury Avenue\nRoundhay\nLeeds",
        "LS8 1DT",
        "53.82800",
        "-1.51500",
        "Roundhay",
    ),
)

HILLSIDE_SERVICE = ServiceSpec(
    "hillside",
    "Hillside House",
    Kind.SUPPORTED_LIVING,
    "5 Crookes Road\nCrookes\nSheffield",
    "S10 5BA",
    "53.38520",
    "-1.50260",
    "Crookes",
)

# Generated people and staff around the personas, so pages show more than one row.
EXTRA_PEOPLE = {"willow": 3, "beech": 3, "home_care": 8, "hub": 3}
EXTRA_WORKERS = {"willow": 3, "beech": 3, "home_care": 5, "hub": 3}
EXTRA_MANAGERS = ("home_care", "hub")
EXTRA_SUPPORTERS = 4
# Most care workers are women; each generated worker's name is drawn from their gender's.
WORKER_GENDERS = ((StaffProfile.Gender.WOMAN, 3), (StaffProfile.Gender.MAN, 2))


# --- One helper per record ----------------------------------------------------------------


def _organisation_create(*, name: str, slug: str, brand_colour: str) -> Organisation:
    return Organisation.objects.create(
        name=name, slug=slug, brand_colour=brand_colour, created_at=days_before(1500)
    )


def _service_create(
    *, organisation: Organisation, spec: ServiceSpec, opened: dt.datetime
) -> Service:
    return Service.objects.create(
        organisation=organisation,
        name=spec.name,
        kind=spec.kind,
        address=spec.address,
        postcode=spec.postcode,
        latitude=Decimal(spec.latitude),
        longitude=Decimal(spec.longitude),
        area=spec.area,
        created_at=opened,
    )


def _user_create(*, name: str, email: str, password_hash: str, joined: dt.datetime) -> User:
    user = User.objects.create(
        name=name, email=email.lower(), password=password_hash, date_joined=joined
    )
    # Invited users' addresses are known to be theirs, so they count as verified.
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def _membership_create(
    *,
    user: User,
    organisation: Organisation,
    role: str,
    started: dt.datetime,
    services: list[Service] | None = None,
) -> Membership:
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=role, started_at=started
    )
    if services:
        membership.services.set(services)
    return membership


def _person_create(
    *,
    organisation: Organisation,
    preferred_name: str,
    full_name: str,
    services: list[Service],
    created: dt.datetime,
    user: User | None = None,
) -> Person:
    person = Person.objects.create(
        organisation=organisation,
        user=user,
        preferred_name=preferred_name,
        full_name=full_name,
        created_at=created,
    )
    person.services.set(services)
    return person


def _supporter_create(
    *, person: Person, user: User, relationship: str, scopes: list[str], started: dt.datetime
) -> Supporter:
    return Supporter.objects.create(
        person=person, user=user, relationship=relationship, scopes=scopes, started_at=started
    )


# --- The builder --------------------------------------------------------------------------


@dataclass
class _SmallBuilder:
    rng: random.Random
    password_hash: str
    used_names: set[str] = field(default_factory=set)
    used_emails: set[str] = field(default_factory=set)
    # The gender each generated worker's profile records, by email, agreeing with their name.
    genders: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    def when(self, most_days: int = 900) -> dt.datetime:
        return days_before(self.rng.randint(30, most_days), self.rng.randint(0, 600))

    def new_name(self, surname: str | None = None, *, gender: str | None = None) -> tuple[str, str]:
        while True:
            first = first_name_for(self.rng, gender) if gender else self.rng.choice(FIRST_NAMES)
            last = surname or self.rng.choice(SURNAMES)
            if f"{first} {last}" not in self.used_names:
                self.used_names.add(f"{first} {last}")
                return first, last

    def new_email(self, first: str, last: str, domain: str) -> str:
        base = f"{email_part(first)}.{email_part(last)}"
        email, n = f"{base}@{domain}", 1
        while email in self.used_emails:
            n += 1
            email = f"{base}{n}@{domain}"
        self.used_emails.add(email)
        return email

    def user(self, name: str, email: str) -> User:
        self.used_names.add(name)
        self.used_emails.add(email)
        self.count("users")
        return _user_create(
            name=name, email=email, password_hash=self.password_hash, joined=self.when()
        )

    def member(
        self,
        user: User,
        organisation: Organisation,
        role: str,
        services: list[Service] | None = None,
    ) -> Membership:
        self.count("memberships")
        return _membership_create(
            user=user,
            organisation=organisation,
            role=role,
            started=user.date_joined,
            services=services,
        )

    def persona(
        self,
        key: str,
        organisation: Organisation,
        services: dict[str, list[Service]] | None = None,
    ) -> User:
        """Create a persona's user and one membership per role they hold."""
        persona = PERSONAS_BY_KEY[key]
        user = self.user(persona.name, persona.email)
        for role in persona.roles:
            self.member(user, organisation, role, (services or {}).get(role))
        return user

    def person(
        self,
        organisation: Organisation,
        services: list[Service],
        *,
        user: User | None = None,
        name: tuple[str, str] | None = None,
    ) -> Person:
        first, last = name or (user.name.split(" ", 1) if user else self.new_name())
        self.count("people")
        return _person_create(
            organisation=organisation,
            user=user,
            preferred_name=first,
            full_name=f"{first} {last}",
            services=services,
            created=user.date_joined if user else self.when(),
        )

    def supporter(
        self, person: Person, user: User, relationship: str, scopes: list[str]
    ) -> Supporter:
        self.count("supporters")
        return _supporter_create(
            person=person,
            user=user,
            relationship=relationship,
            scopes=scopes,
            started=user.date_joined,
        )

    def staff(
        self, organisation: Organisation, role: str, services: list[Service], domain: str
    ) -> User:
        gender: str = self.rng.choices(
            [g for g, _ in WORKER_GENDERS], weights=[w for _, w in WORKER_GENDERS]
        )[0]
        first, last = self.new_name(gender=gender)
        user = self.user(f"{first} {last}", self.new_email(first, last, domain))
        self.genders[user.email] = gender
        self.member(user, organisation, role, services)
        return user

    def riverside(self) -> None:
        org = _organisation_create(name="Riverside Support", slug=RIVERSIDE, brand_colour="#1d5e7a")
        self.count("organisations")
        s = {}
        for spec in RIVERSIDE_SERVICES:
            s[spec.key] = _service_create(organisation=org, spec=spec, opened=self.when(1400))
            self.count("services")

        ruth = self.persona("ruth", org)
        self.person(org, [s["home_care"]], user=ruth)
        kyle_user = self.persona("kyle", org)
        kyle = self.person(org, [s["willow"], s["hub"]], user=kyle_user)
        josie = self.persona("josie", org)
        self.person(org, [s["beech"], s["hub"]], user=josie)
        mary = self.persona("mary", org)
        self.supporter(kyle, mary, Supporter.Relationship.FAMILY, ["profile", "plan"])
        self.persona("wendy", org, {"support_worker": [s["willow"]]})
        self.persona("omar", org, {"support_worker": [s["home_care"]]})
        self.persona("maya", org, {"service_manager": [s["willow"], s["beech"]]})
        for key in ("lee", "sana", "cam", "ada"):
            self.persona(key, org)

        domain = "riverside.example"
        generated: list[Person] = []
        for key, number in EXTRA_PEOPLE.items():
            for _ in range(number):
                services = [s[key]]
                # Some people living in the houses also go to The Hub in the day.
                if key in ("willow", "beech") and self.rng.random() < 0.5:
                    services.append(s["hub"])
                generated.append(self.person(org, services))
        for key, number in EXTRA_WORKERS.items():
            for _ in range(number):
                self.staff(org, "support_worker", [s[key]], domain)
        for key in EXTRA_MANAGERS:
            self.staff(org, "service_manager", [s[key]], domain)
        scope_choices = ["profile", "plan", "rota", "feedback", "meetings"]
        for person in self.rng.sample(generated, EXTRA_SUPPORTERS):
            surname = person.full_name.split(" ", 1)[1]
            relationship = self.rng.choice(list(Supporter.Relationship))
            first, last = self.new_name(surname if relationship == "family" else None)
            user = self.user(f"{first} {last}", self.new_email(first, last, domain))
            self.member(user, org, "supporter")
            scopes = sorted(self.rng.sample(scope_choices, self.rng.randint(1, 3)))
            self.supporter(person, user, relationship, scopes)
        self.counts.update(
            build_staff_profiles(org, seed=self.rng.randint(0, 10**6), genders=self.genders)
        )
        self.counts.update(build_person_profiles(org))
        self.counts.update(build_support_plans(org))
        self.counts.update(build_check_ins(org))
        self.counts.update(build_team(org))
        self.counts.update(build_notices(org))
        self.counts.update(build_surveys(org, seed=self.rng.randint(0, 10**6)))
        self.counts.update(build_ideas(org))
        self.counts.update(build_feedback(org))
        self.counts.update(build_involvement(org))
        # Last: the shortlists need the profiles and plans above.
        self.counts.update(build_introductions(org, seed=self.rng.randint(0, 10**6)))

    def hillside(self) -> None:
        org = _organisation_create(name="Hillside Care", slug=HILLSIDE, brand_colour="#5c3d7a")
        self.count("organisations")
        house = _service_create(organisation=org, spec=HILLSIDE_SERVICE, opened=self.when(1400))
        self.count("services")
        self.persona("olu", org)
        sam = self.persona("sam", org)
        self.person(org, [house], user=sam)


def build_small(*, seed: int = 1, password_hash: str | None = None) -> dict[str, int]:
    """Create Riverside Support and Hillside Care; return how many of each record were made."""
    builder = _SmallBuilder(
        rng=random.Random(seed), password_hash=password_hash or demo_password_hash()
    )
    with transaction.atomic():
        builder.riverside()
        builder.hillside()
    return builder.counts
