"""Reads for organisers: the surveys they run, their answer counts, who is asked and has
not answered (for reminders), who answered (to tell them the outcome)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from coproduce.accounts.models import Membership, Service, User
from coproduce.core.roles import FRONT_LINE, ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, Supporter
from coproduce.voice.models import Participation, Survey, Tally
from coproduce.voice.queries import survey_service_ids, surveys_overseen
from coproduce.voice.rules import is_leader

FEEDBACK_SCOPE = Supporter.Scope.FEEDBACK


def surveys_to_manage(viewer: Viewer, status: str = "") -> QuerySet[Survey]:
    """The surveys the viewer oversees, by status: "draft", "open", "closed" or all."""
    now = timezone.now()
    surveys = surveys_overseen(viewer)
    if status == "draft":
        surveys = surveys.filter(closed_at__isnull=True, closes_at__gt=now).filter(
            Q(opens_at__isnull=True) | Q(opens_at__gt=now)
        )
    elif status == "open":
        surveys = surveys.filter(closed_at__isnull=True, closes_at__gt=now, opens_at__lte=now)
    elif status == "closed":
        surveys = surveys.filter(Q(closed_at__isnull=False) | Q(closes_at__lte=now))
    return surveys.order_by("-created_at", "-pk")


def answer_counts(survey_ids: Iterable[int]) -> dict[int, int]:
    """How many answered each survey, from the running totals (one query)."""
    rows = (
        Tally.objects.filter(survey_id__in=list(survey_ids), question_id=0, dimension="")
        .values("survey_id")
        .annotate(total=Sum("count"))
    )
    return {row["survey_id"]: row["total"] or 0 for row in rows}


def organisable_services(viewer: Viewer) -> QuerySet[Service]:
    """The services the viewer may ask: every one for leaders, those they manage."""
    services = Service.objects.filter(organisation=viewer.organisation)
    if is_leader(viewer):
        return services.order_by("name")
    managed = viewer.services_for("service_manager")
    if managed is None:
        return services.order_by("name")
    return services.filter(pk__in=managed).order_by("name")


def area_names(services: QuerySet[Service]) -> list[str]:
    return sorted({area for area in services.values_list("area", flat=True) if area})


def services_in_areas(viewer: Viewer, areas: Iterable[str]) -> list[Service]:
    return list(organisable_services(viewer).filter(area__in=list(areas)))


def _active(users: QuerySet[User]) -> QuerySet[User]:
    return users.filter(is_active=True)


def asked_users(survey: Survey) -> dict[str, User]:
    """Everyone the survey asks who can sign in, by their answer key."""
    ids = survey_service_ids(survey)
    at_services = Q() if survey.whole_organisation else Q(services__in=ids)
    asked: dict[str, User] = {}
    if survey.ask_people:
        people = (
            Person.objects.filter(organisation_id=survey.organisation_id, user__isnull=False)
            .filter(at_services)
            .select_related("user")
            .distinct()
        )
        for person in people:
            if person.user is not None and person.user.is_active:
                asked[f"person:{person.pk}"] = person.user
    if survey.ask_supporters:
        persons = Person.objects.filter(organisation_id=survey.organisation_id).filter(at_services)
        links = Supporter.objects.filter(
            person__in=persons, accepted_at__isnull=False, ended_at__isnull=True
        ).select_related("user")
        for link in links:
            if link.user.is_active:
                asked.setdefault(f"user:{link.user_id}", link.user)
    if survey.ask_staff:
        memberships = Membership.objects.current().filter(
            organisation_id=survey.organisation_id, role__in=[*FRONT_LINE, *ORGANISATION_WIDE]
        )
        if not survey.whole_organisation:
            memberships = memberships.filter(
                Q(role__in=ORGANISATION_WIDE) | Q(services__in=ids) | Q(services__isnull=True)
            )
        users = _active(User.objects.filter(pk__in=memberships.values("user_id")))
        for user in users:
            asked.setdefault(f"user:{user.pk}", user)
    return asked


def not_answered_users(survey: Survey) -> list[User]:
    """Those asked who have not answered yet (who has answered is kept apart from what
    they said, so this holds for anonymous surveys too)."""
    asked = asked_users(survey)
    answered = set(
        Participation.objects.filter(survey=survey, respondent_key__in=list(asked)).values_list(
            "respondent_key", flat=True
        )
    )
    return [user for key, user in asked.items() if key not in answered]


def answered_users(survey: Survey) -> list[User]:
    """Everyone who answered and can be told: the person themself, or, for a person who
    does not sign in, their supporters who share "My feedback"."""
    rows = list(Participation.objects.filter(survey=survey).values_list("user_id", "person_id"))
    user_ids = {user_id for user_id, _ in rows if user_id is not None}
    without_sign_in = [person_id for user_id, person_id in rows if user_id is None and person_id]
    for link in Supporter.objects.filter(
        person_id__in=without_sign_in, accepted_at__isnull=False, ended_at__isnull=True
    ).values_list("user_id", "scopes"):
        if FEEDBACK_SCOPE in (link[1] or []):
            user_ids.add(link[0])
    return list(User.objects.filter(pk__in=user_ids, is_active=True))
