"""Reads about people supported, always starting from the viewer's organisation."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from coproduce.accounts.models import User
from coproduce.core.roles import FRONT_LINE, ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import (
    DecisionMakingProfile,
    ImportantPerson,
    Interest,
    Person,
    PersonDetails,
    ProfileEntry,
    ProfileEntryRevision,
    ProfileSection,
    Supporter,
    WorkerPreference,
)

ORG_WIDE_ROLES = ORGANISATION_WIDE


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


# --- the one-page profile ------------------------------------------------------------


@dataclass
class Profile:
    """Everything the "About me" page, the PDF and the FHIR export show about a person."""

    person: Person
    details: PersonDetails
    entries: dict[str, ProfileEntry]
    important_people: list[ImportantPerson]
    decision_making: DecisionMakingProfile | None
    worker_preferences: list[WorkerPreference]
    interests: list[Interest]

    def entry(self, section: str) -> ProfileEntry | None:
        return self.entries.get(section)

    @property
    def sections(self) -> list[tuple[ProfileSection, ProfileEntry | None]]:
        return [(section, self.entries.get(section.value)) for section in ProfileSection]

    @property
    def musts(self) -> list[WorkerPreference]:
        return [p for p in self.worker_preferences if p.strength == WorkerPreference.Strength.MUST]

    @property
    def nice_to_haves(self) -> list[WorkerPreference]:
        return [p for p in self.worker_preferences if p.strength == WorkerPreference.Strength.NICE]

    @property
    def interests_by_category(self) -> list[tuple[str, list[Interest]]]:
        grouped: dict[str, list[Interest]] = {}
        for interest in self.interests:
            grouped.setdefault(interest.category, []).append(interest)
        return list(grouped.items())


# Closest first: the order of the relationship circle, from the middle outwards.
CLOSENESS_ORDER: list[str] = [
    ImportantPerson.Closeness.CLOSEST,
    ImportantPerson.Closeness.CLOSE,
    ImportantPerson.Closeness.PART_OF_MY_LIFE,
    ImportantPerson.Closeness.PAID,
]


def details_for(person: Person) -> PersonDetails:
    """Return the person's details, or an unsaved blank row (version 0) if none exist yet."""
    details = PersonDetails.objects.filter(person=person).select_related("updated_by").first()
    if details is None:
        details = PersonDetails(person=person, version=0)
    return details


def profile_for(person: Person) -> Profile:
    """Return the whole profile of a person in a fixed, small number of queries."""
    details = details_for(person)
    interests = list(details.interests.all()) if details.pk else []
    entries = {
        entry.section: entry
        for entry in ProfileEntry.objects.filter(person=person).select_related(
            "voice_helper", "voice_recorded_by"
        )
    }
    decision_making = (
        DecisionMakingProfile.objects.filter(person=person)
        .select_related("voice_helper", "voice_recorded_by")
        .first()
    )
    return Profile(
        person=person,
        details=details,
        entries=entries,
        important_people=sorted(
            ImportantPerson.objects.filter(person=person),
            key=lambda i: (CLOSENESS_ORDER.index(i.closeness), i.name),
        ),
        decision_making=decision_making,
        worker_preferences=sorted(
            WorkerPreference.objects.filter(person=person),
            key=lambda p: list(WorkerPreference.Characteristic.values).index(p.characteristic),
        ),
        interests=interests,
    )


def profile_entry_for(person: Person, section: str) -> ProfileEntry | None:
    return (
        ProfileEntry.objects.filter(person=person, section=section)
        .select_related("voice_helper", "voice_recorded_by")
        .first()
    )


def profile_revisions(entry: ProfileEntry | None) -> QuerySet[ProfileEntryRevision]:
    """Return every kept version of a profile part, newest first (none for an unwritten part)."""
    if entry is None:
        return ProfileEntryRevision.objects.none()
    return entry.revisions.select_related("voice_helper", "voice_recorded_by").order_by("-version")


def decision_making_for(person: Person) -> DecisionMakingProfile | None:
    return (
        DecisionMakingProfile.objects.filter(person=person)
        .select_related("voice_helper", "voice_recorded_by")
        .first()
    )


def all_interests() -> QuerySet[Interest]:
    """Return the shared interest taxonomy (the same for every organisation)."""
    return Interest.objects.order_by("category", "name")


def voice_helpers_for_person(person: Person) -> QuerySet[User]:
    """Return who may be named as helping the person give a view: their current supporters
    and the staff of their services (and staff who cover every service), by name. Keeps
    the list short in a large organisation.

    The ids come first, each from an indexed look-up, then the users by id: one query
    OR-joining users to supporters and to memberships with their services took 13-30 ms in
    an organisation of 29,000 members, whatever the plan.
    """
    from coproduce.accounts.queries import staff_user_ids

    service_ids = list(person.services.values_list("pk", flat=True))
    ids = staff_user_ids(
        person.organisation_id,
        scoped_roles=("support_worker", "service_manager"),
        service_ids=service_ids,
    )
    ids.update(
        Supporter.objects.filter(person=person, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )
    return User.objects.filter(pk__in=sorted(ids), is_active=True).order_by("name", "pk")


def people_list_for_staff(viewer: Viewer) -> QuerySet[Person]:
    """Return the people a member of staff may open, with what their list row shows."""
    return (
        people_for_viewer(viewer)
        .select_related("details")
        .prefetch_related("services")
        .order_by("preferred_name", "pk")
    )


def supporter_links_for(viewer: Viewer) -> list[Supporter]:
    """Return the viewer's current supporter links in this organisation, with the person."""
    if viewer.organisation is None or not viewer.supported_person_ids:
        return []
    return list(
        Supporter.objects.filter(
            user=viewer.user,
            ended_at__isnull=True,
            accepted_at__isnull=False,
            person__organisation=viewer.organisation,
        )
        .select_related("person")
        .order_by("person__preferred_name")
    )


def supporter_invitations_for(viewer: Viewer) -> list[Supporter]:
    """Return the invitations to be someone's supporter that wait for the viewer's answer."""
    if viewer.organisation is None:
        return []
    return list(
        Supporter.objects.filter(
            user=viewer.user,
            ended_at__isnull=True,
            accepted_at__isnull=True,
            person__organisation=viewer.organisation,
        )
        .select_related("person")
        .order_by("started_at", "pk")
    )


def person_id_of_user(user: User, organisation_id: int) -> int | None:
    """Return the id of the user's own person record in the organisation, if any."""
    return (
        Person.objects.filter(organisation_id=organisation_id, user=user)
        .values_list("pk", flat=True)
        .first()
    )


def scopes_shared_with_user(user: User, organisation_id: int) -> dict[int, frozenset[str]]:
    """Return, for each person the user is a current supporter of in the organisation, what
    that person shares with them: current links the supporter has accepted."""
    shared: dict[int, set[str]] = {}
    for person_id, scopes in Supporter.objects.filter(
        user=user,
        ended_at__isnull=True,
        accepted_at__isnull=False,
        person__organisation_id=organisation_id,
    ).values_list("person_id", "scopes"):
        shared.setdefault(person_id, set()).update(scopes or [])
    return {person_id: frozenset(scopes) for person_id, scopes in shared.items()}


def people_managed_by(viewer: Viewer, *, also: tuple[str, ...] = ()) -> QuerySet[Person] | None:
    """The people whose services the viewer manages, for lists of what waits for an answer:
    None when the viewer may not answer at all; every person in the organisation for a
    manager whose membership names no services, or for a role in ``also`` (quality leads
    answer "this is not working" everywhere)."""
    if viewer.organisation is None:
        return None
    everyone = Person.objects.filter(organisation=viewer.organisation)
    if any(viewer.has_role(role) for role in also):
        return everyone
    if not viewer.has_role("service_manager"):
        return None
    services = viewer.services_for("service_manager")
    if services is None:
        return everyone
    return everyone.filter(services__in=services)


def own_person(viewer: Viewer) -> Person | None:
    """The viewer's own record as a person supported, or None."""
    if viewer.person_id is None or viewer.organisation is None:
        return None
    return Person.objects.filter(organisation=viewer.organisation, pk=viewer.person_id).first()


def people_where_i_work(viewer: Viewer) -> QuerySet[Person]:
    """The people at the services a worker or manager works in, by name (everyone for a
    membership naming no service); none for other roles."""
    if viewer.organisation is None or not viewer.has_role(*FRONT_LINE):
        return Person.objects.none()
    people = Person.objects.filter(organisation=viewer.organisation)
    ids: set[int] = set()
    for role in FRONT_LINE:
        if role not in viewer.roles:
            continue
        limited = viewer.services_for(role)
        if limited is None:
            return people.order_by("preferred_name", "pk")
        ids |= limited
    return people.filter(services__in=sorted(ids)).distinct().order_by("preferred_name", "pk")
