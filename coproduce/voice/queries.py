"""Reads for votes and surveys: where the viewer stands, what asks them, what they run."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from coproduce.accounts.models import Service
from coproduce.core.roles import FRONT_LINE, ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person
from coproduce.voice.models import Participation, Survey
from coproduce.voice.rules import Answerer, Audience, is_leader, respondent_for


def audience_for(viewer: Viewer) -> Audience:
    """Return the services through which surveys ask the viewer (a few small queries)."""
    person_services: frozenset[int] = frozenset()
    if viewer.person_id is not None:
        person_services = frozenset(
            Person.services.through.objects.filter(person_id=viewer.person_id).values_list(
                "service_id", flat=True
            )
        )
    supporter_services: frozenset[int] = frozenset()
    first_service: dict[int, int] = {}
    if viewer.supported_person_ids:
        pairs = list(
            Person.services.through.objects.filter(
                person_id__in=viewer.supported_person_ids
            ).values_list("person_id", "service_id")
        )
        supporter_services = frozenset(service_id for _, service_id in pairs)
        for person_id, service_id in sorted(pairs):
            first_service.setdefault(person_id, service_id)
    is_staff = viewer.has_role(*FRONT_LINE, *ORGANISATION_WIDE)
    staff_services: frozenset[int] | None = frozenset()
    if viewer.has_role(*ORGANISATION_WIDE):
        staff_services = None
    else:
        for role in FRONT_LINE:
            if role in viewer.roles:
                limited = viewer.services_for(role)
                if limited is None:
                    staff_services = None
                    break
                staff_services = (staff_services or frozenset()) | limited
    return Audience(
        person_id=viewer.person_id,
        person_services=person_services,
        supporter_services=supporter_services,
        staff_services=staff_services,
        is_staff=is_staff,
        supported_first_service=first_service,
    )


def survey_service_ids(survey: Survey) -> frozenset[int]:
    return frozenset(
        Survey.services.through.objects.filter(survey_id=survey.pk).values_list(
            "service_id", flat=True
        )
    )


def has_answered(survey: Survey, key: str) -> bool:
    return Participation.objects.filter(survey=survey, respondent_key=key).exists()


def _asking(viewer: Viewer, audience: Audience) -> QuerySet[Survey]:
    """Surveys of the organisation that might ask the viewer, before the exact check."""
    surveys = Survey.objects.filter(organisation=viewer.organisation)
    condition = Q(pk__in=[])
    if audience.person_id is not None:
        condition |= Q(ask_people=True) & (
            Q(whole_organisation=True) | Q(services__in=audience.person_services)
        )
    if audience.supporter_services:
        condition |= Q(ask_supporters=True) & (
            Q(whole_organisation=True) | Q(services__in=audience.supporter_services)
        )
    if audience.is_staff:
        if audience.staff_services is None:
            condition |= Q(ask_staff=True)
        else:
            condition |= Q(ask_staff=True) & (
                Q(whole_organisation=True) | Q(services__in=audience.staff_services)
            )
    return surveys.filter(condition).distinct()


def surveys_for_me(viewer: Viewer, audience: Audience) -> dict[str, list[Survey]]:
    """Return the surveys asking the viewer: "open" (not answered yet), "answered" (still
    open or closed, newest first, at most 20) and "closed" (asked, not answered)."""
    now = timezone.now()
    asking = list(
        _asking(viewer, audience)
        .filter(opens_at__lte=now)
        .order_by("closes_at", "pk")
        .prefetch_related("services")[:200]
    )
    keys: set[str] = set()
    answerers: dict[int, Answerer] = {}
    for survey in asking:
        ids = frozenset(s.pk for s in survey.services.all())
        answerer = respondent_for(viewer, audience, survey, ids)
        if answerer is not None:
            answerers[survey.pk] = answerer
            keys.add(answerer.key)
    answered_ids = set(
        Participation.objects.filter(
            survey_id__in=list(answerers), respondent_key__in=keys
        ).values_list("survey_id", flat=True)
    )
    found: dict[str, list[Survey]] = {"open": [], "answered": [], "closed": []}
    for survey in asking:
        if survey.pk not in answerers:
            continue
        if survey.pk in answered_ids:
            found["answered"].append(survey)
        elif survey.is_open:
            found["open"].append(survey)
        else:
            found["closed"].append(survey)
    found["answered"] = sorted(found["answered"], key=lambda s: s.closes_at, reverse=True)[:20]
    found["closed"] = sorted(found["closed"], key=lambda s: s.closes_at, reverse=True)[:10]
    return found


def surveys_overseen(viewer: Viewer) -> QuerySet[Survey]:
    """The surveys whose results the viewer oversees: every one for leaders, those asking
    a service they manage (or the whole organisation) for a manager."""
    surveys = Survey.objects.filter(organisation=viewer.organisation)
    if is_leader(viewer):
        return surveys
    if not viewer.has_role("service_manager"):
        return surveys.none()
    managed = viewer.services_for("service_manager")
    if managed is None:
        return surveys
    return surveys.filter(
        Q(whole_organisation=True) | Q(services__in=managed) | Q(created_by=viewer.user)
    ).distinct()


def house_meeting_services(viewer: Viewer) -> QuerySet[Service]:
    """Services where the viewer may hold a house meeting (they work there)."""
    from coproduce.accounts.queries import services_for_viewer

    return services_for_viewer(viewer).order_by("name")


def surveys_for_house_meetings(viewer: Viewer, audience: Audience) -> list[Survey]:
    """Open surveys asking the people supported at the services the viewer works in."""
    if not viewer.has_role(*FRONT_LINE):
        return []
    now = timezone.now()
    surveys = Survey.objects.filter(
        organisation=viewer.organisation,
        ask_people=True,
        opens_at__lte=now,
        closes_at__gt=now,
        closed_at__isnull=True,
    )
    if audience.staff_services is not None:
        surveys = surveys.filter(
            Q(whole_organisation=True) | Q(services__in=audience.staff_services)
        ).distinct()
    return list(surveys.order_by("closes_at", "pk")[:20])


def outcomes_where_i_work(viewer: Viewer, audience: Audience) -> list[Survey]:
    """Closed surveys with an outcome that asked the people supported where the viewer
    works, newest first: what was decided, to help people understand it."""
    if not viewer.has_role(*FRONT_LINE):
        return []
    surveys = Survey.objects.filter(
        organisation=viewer.organisation, ask_people=True, outcome_at__isnull=False
    )
    if audience.staff_services is not None:
        surveys = surveys.filter(
            Q(whole_organisation=True) | Q(services__in=audience.staff_services)
        ).distinct()
    return list(surveys.order_by("-outcome_at", "-pk")[:10])


def service_area(service_id: int | None) -> str:
    """The area of a service, for an answer's breakdown."""
    if service_id is None:
        return ""
    return Service.objects.filter(pk=service_id).values_list("area", flat=True).first() or ""


def service_of(viewer: Viewer, service_id: int) -> Service | None:
    return Service.objects.filter(organisation=viewer.organisation, pk=service_id).first()


def people_at(survey: Survey, service: Service, limit: int = 200) -> list[Person]:
    return list(
        Person.objects.filter(services=service, organisation_id=survey.organisation_id).order_by(
            "preferred_name", "pk"
        )[:limit]
    )


def person_at(survey: Survey, service: Service, person_id: int) -> Person | None:
    return Person.objects.filter(
        pk=person_id, organisation_id=survey.organisation_id, services=service
    ).first()


def answered_keys(survey: Survey, keys: list[str]) -> set[str]:
    return set(
        Participation.objects.filter(survey=survey, respondent_key__in=keys).values_list(
            "respondent_key", flat=True
        )
    )


def earlier_runs(survey: Survey) -> list[Survey]:
    """Earlier surveys run from the same ready-made set with the same title: the same
    questions asked again, to see change over time (newest first, at most 5)."""
    if not survey.template:
        return []
    return list(
        Survey.objects.filter(
            organisation_id=survey.organisation_id,
            template=survey.template,
            title=survey.title,
            created_at__lt=survey.created_at,
        ).order_by("-created_at", "-pk")[:5]
    )
