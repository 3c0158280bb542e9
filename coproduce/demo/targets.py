"""Who to be, and which records to ask for, when measuring pages on the large demo.

The page benchmark (``bench/pages.py``) and the query-count tests
(``tests/test_query_counts.py``) both need, for each role, one member of the largest demo
organisation and, for each URL argument, a record that member may open. They take them
from here, so both measure the same pages in the same way.

Everything turns on one person supported: someone who signs in, has a supporter with an
account and check-ins, at a service with a manager and a support worker who has a
profile. The other roles are chosen around them, as the test personas are around Kyle:
the worker and the manager work at the person's first service, the supporter is theirs.
Choices are by lowest id, so the same data gives the same members every time. The voice
pages are about the open survey asking the whole organisation, which none of them has
answered (``voice_records.py`` leaves them out), and the first idea, if there is one. The
feedback pages are about the person's own complaint and the first change at their service
(``feedback_records.py`` makes both).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef

from coproduce.accounts.models import Membership, Organisation, Role, Service, User

# The roles measured, by the persona names the URL policy uses.
ROLE_OF_PERSONA = {
    "person": Role.PERSON,
    "supporter": Role.SUPPORTER,
    "worker": Role.SUPPORT_WORKER,
    "manager": Role.SERVICE_MANAGER,
    "quality_lead": Role.QUALITY_LEAD,
    "senior_leader": Role.SENIOR_LEADER,
    "org_admin": Role.ORG_ADMIN,
    "commissioner": Role.COMMISSIONER,
}


@dataclass
class Targets:
    """The members to sign in as, and the records their pages are about."""

    organisation: Organisation
    users: dict[str, User]
    person: Any  # people.models.Person
    service: Service
    worker_profile: Any  # people.models.StaffProfile | None

    def open_survey(self) -> Any:
        """The survey the voice pages are about (``voice.models.Survey`` or None)."""
        return open_survey_for(self.organisation)

    def kwargs_for(self, url_name: str, argument_names: list[str]) -> dict[str, Any] | None:
        """Return the URL's arguments, or None when the demo holds no such record."""
        found: dict[str, Any] = {}
        for name in argument_names:
            value = self._argument(url_name, name)
            if value is None:
                return None
            found[name] = value
        return found

    def _argument(self, url_name: str, name: str) -> Any:
        from coproduce.accounts.models import Notification
        from coproduce.decisions.models import Decision
        from coproduce.matching.models import ChangeRequest
        from coproduce.people.models import IntroductionFilm, ProfileEntry
        from coproduce.plans.models.checkins import NotWorkingFlag, OneToOne
        from coproduce.plans.models.plan import PlanEntry

        person = self.person
        if name == "person_id":
            return person.pk
        if name == "service_id":
            return self.service.pk
        if name == "slug":
            return self.organisation.slug
        if name == "part":
            return "about"
        if name == "section":
            if url_name == "plans:entry_add":
                return "what"
            entry = (
                ProfileEntry.objects.filter(person=person).order_by("id").first()
                if url_name.startswith("people:profile_")
                else None
            )
            return entry.section if entry is not None else "good_day"
        if name == "staff_id":
            return self.worker_profile.pk if self.worker_profile is not None else None
        if name == "film_id":
            film = IntroductionFilm.objects.filter(
                staff__organisation=self.organisation, is_current=True
            ).first()
            return film.pk if film is not None else None
        if name == "survey_id":
            survey = self.open_survey()
            return survey.pk if survey is not None else None
        if name == "idea_id":
            from coproduce.voice.models import Idea

            idea = Idea.objects.filter(organisation=self.organisation).order_by("id").first()
            return idea.pk if idea is not None else None
        if name == "membership_id":
            return self.users["worker"].memberships.get(organisation=self.organisation).pk
        if name == "link_id":
            link = person.supporters.filter(user=self.users.get("supporter")).first()
            return link.pk if link is not None else None
        from coproduce.feedback.models import Change, Concern

        queries = {
            # The person's own complaint (``feedback_records.py``) and a change at their service.
            "concern_id": Concern.objects.filter(person=person, raised_by=person.user),
            "change_id": Change.objects.filter(
                organisation=self.organisation, service=self.service
            ),
            "entry_id": PlanEntry.objects.filter(plan__person=person),
            "decision_id": Decision.objects.filter(person=person),
            "one_to_one_id": OneToOne.objects.filter(person=person),
            "flag_id": NotWorkingFlag.objects.filter(person=person),
            "request_id": ChangeRequest.objects.filter(person=person),
            "notification_id": Notification.objects.filter(recipient=self.users["manager"]),
        }
        if name in queries:
            record = queries[name].order_by("id").first()
            return record.pk if record is not None else None
        return None


def open_survey_for(organisation: Organisation) -> Any:
    """The open survey asking everyone in the organisation (the large demo's big survey,
    which the measured members have not answered), or None."""
    from django.utils import timezone

    from coproduce.voice.models import Survey

    now = timezone.now()
    return (
        Survey.objects.filter(
            organisation=organisation,
            whole_organisation=True,
            ask_people=True,
            ask_supporters=True,
            ask_staff=True,
            closed_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
        )
        .order_by("id")
        .first()
    )


def largest_organisation() -> Organisation:
    return Organisation.objects.annotate(size=Count("services")).order_by("-size", "id").first()  # type: ignore[return-value]


def choose_targets(organisation: Organisation | None = None) -> Targets:
    """Choose the members and records, in the largest organisation unless one is given."""
    from coproduce.people.models import StaffProfile, Supporter
    from coproduce.plans.models.checkins import CheckIn

    organisation = organisation or largest_organisation()
    current = Membership.objects.current().filter(organisation=organisation)
    # A supporter who shares everything, so their pages are the fullest.
    supporter = next(
        (
            link
            for link in Supporter.objects.filter(
                person__organisation=organisation,
                person__user__isnull=False,
                user__isnull=False,
                ended_at__isnull=True,
                accepted_at__isnull=False,
            )
            .filter(Exists(CheckIn.objects.filter(person=OuterRef("person"))))
            .select_related("person")
            .order_by("person_id", "id")
            .iterator()
            if set(link.scopes) >= set(Supporter.Scope.values)
        ),
        None,
    )
    if supporter is None:
        raise LookupError(
            f"{organisation} has nobody supported who signs in, checks in and shares "
            "everything with a supporter"
        )
    person = supporter.person
    service = person.services.order_by("id").first()
    if service is None or person.user is None:
        raise LookupError(f"{person} has no service or no account")
    at_service = current.filter(services=service)
    users: dict[str, User] = {"person": person.user, "supporter": supporter.user}
    worker_membership = (
        at_service.filter(role=Role.SUPPORT_WORKER)
        .filter(Exists(StaffProfile.objects.filter(user=OuterRef("user"))))
        .order_by("id")
        .first()
    )
    manager_membership = at_service.filter(role=Role.SERVICE_MANAGER).order_by("id").first()
    for persona, membership in (("worker", worker_membership), ("manager", manager_membership)):
        if membership is not None:
            users[persona] = membership.user
    for persona in ("quality_lead", "senior_leader", "org_admin", "commissioner"):
        membership = current.filter(role=ROLE_OF_PERSONA[persona]).order_by("id").first()
        if membership is not None:
            users[persona] = membership.user
    worker_profile = (
        StaffProfile.objects.filter(user=users["worker"]).first() if "worker" in users else None
    )
    return Targets(organisation, users, person, service, worker_profile)


# The demo's own sign-in page is never on when DEBUG is off.
LEFT_OUT = frozenset({"demo:sign_in", "demo:choose"})


def url_arguments() -> dict[str, list[str]]:
    """Every named URL with the names of its arguments, in order."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, list[str]] = {}

    def walk(patterns: list[Any], namespace: str, inherited: list[str]) -> None:
        for pattern in patterns:
            own = list(getattr(pattern.pattern, "converters", {}).keys())
            if isinstance(pattern, URLResolver):
                prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, prefix, inherited + own)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found[f"{namespace}{pattern.name}"] = inherited + own

    walk(get_resolver().url_patterns, "", [])
    return found


@dataclass(frozen=True)
class Page:
    """One page to measure: its URL name, the role asking, and its path."""

    name: str
    role: str
    path: str


def pages_to_measure(
    chosen: Targets, policy: Mapping[str, Any], roles: Iterable[str] = (), only: str = ""
) -> tuple[list[Page], list[str]]:
    """Every GET page of the URL policy for every role that may open it, with the
    demo's records; and the names of the pages the demo holds no record for."""
    from django.urls import reverse

    arguments = url_arguments()
    wanted = list(roles) or list(ROLE_OF_PERSONA)
    pages: list[Page] = []
    no_record: list[str] = []
    for name, rule in sorted(policy.items()):
        if rule.method != "GET" or rule.sign_in or name in LEFT_OUT or only not in name:
            continue
        kwargs = chosen.kwargs_for(name, arguments.get(name, []))
        if kwargs is None:
            no_record.append(name)
            continue
        path = reverse(name, kwargs=kwargs or None)
        pages.extend(
            Page(name, role, path)
            for role in wanted
            if role in rule.allowed and role in chosen.users
        )
    return pages, no_record
