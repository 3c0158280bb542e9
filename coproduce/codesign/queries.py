"""Reads of documents other code reuses, each starting from the organisation or the viewer:
the library, what applies to a person, whom a new version tells, what is due for review."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q, QuerySet

from coproduce.accounts.models import Service, User
from coproduce.codesign.models import (
    Document,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    Suggestion,
)
from coproduce.core.roles import ORGANISATION_WIDE
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person, Supporter

READABLE = (DocumentStatus.PUBLISHED, DocumentStatus.DUE_FOR_REVIEW)
COMMENTABLE = (DocumentStatus.OPEN_FOR_COMMENTS, DocumentStatus.EASY_READ)
# What a person supported is offered first: their rights and how their service works.
FOR_ME_KINDS = (DocumentKind.CHARTER, DocumentKind.SERVICE_INFORMATION)


def documents_of(organisation_id: int) -> QuerySet[Document]:
    return Document.objects.filter(organisation_id=organisation_id)


def published_in(organisation_id: int) -> QuerySet[Document]:
    """Documents readers can open: published (or due for review, still in force)."""
    return (
        documents_of(organisation_id)
        .filter(status__in=READABLE, published_version__isnull=False)
        .select_related("published_version")
        .order_by("published_version__title", "pk")
    )


def library(
    organisation_id: int, *, topic: str = "", words: str = "", service: Service | None = None
) -> QuerySet[Document]:
    """Published documents by picture topic, by words in the title or the text (standard or
    easy read), and for one service (with those for the whole organisation)."""
    found = published_in(organisation_id)
    if topic:
        found = found.filter(topic=topic)
    if service is not None:
        found = found.filter(Q(services=service) | Q(whole_organisation=True))
    words = words.strip()[:100]
    if words:
        in_version = DocumentVersion.objects.filter(
            Q(title__icontains=words)
            | Q(title_easy_read__icontains=words)
            | Q(paragraphs__text__icontains=words)
            | Q(paragraphs__easy_text__icontains=words)
        ).values("pk")
        found = found.filter(published_version__in=in_version)
    return found.distinct()


def services_of(organisation_id: int) -> QuerySet[Service]:
    return Service.objects.filter(organisation_id=organisation_id, is_active=True).order_by("name")


def my_service_ids(viewer: Viewer) -> list[int]:
    """The services of the viewer's own person record and of the people they support."""
    person_ids = [pk for pk in (viewer.person_id, *viewer.supported_person_ids) if pk]
    if not person_ids:
        return []
    return list(
        Service.objects.filter(people__pk__in=person_ids, is_active=True)
        .values_list("pk", flat=True)
        .distinct()
    )


def documents_for_me(viewer: Viewer) -> list[Document]:
    """The charter and the information about the viewer's own services (and those of the
    people they support), published."""
    if viewer.organisation is None:
        return []
    service_ids = my_service_ids(viewer)
    applies = Q(whole_organisation=True) | Q(services__pk__in=service_ids)
    return list(
        published_in(viewer.organisation.pk).filter(applies, kind__in=FOR_ME_KINDS).distinct()
    )


def service_ids_of(document: Document) -> list[int]:
    return list(document.services.values_list("pk", flat=True))


def people_it_applies_to(document: Document) -> QuerySet[Person]:
    people = Person.objects.filter(organisation_id=document.organisation_id)
    if document.whole_organisation:
        return people
    return people.filter(services__in=document.services.all()).distinct()


def users_told_of(document: Document) -> list[User]:
    """Who is told of a new version: the people it applies to who sign in, and their
    supporters."""
    people = people_it_applies_to(document)
    person_users = User.objects.filter(person__in=people, is_active=True)
    supporter_users = User.objects.filter(
        pk__in=Supporter.objects.filter(
            person__in=people, ended_at__isnull=True, accepted_at__isnull=False
        ).values("user_id"),
        is_active=True,
    )
    return list((person_users | supporter_users).distinct().order_by("pk"))


def documents_to_manage(viewer: Viewer) -> QuerySet[Document]:
    """The documents the viewer may edit: all for the leads; for a manager, those of their
    services and those they own."""
    if viewer.organisation is None:
        return Document.objects.none()
    found = documents_of(viewer.organisation.pk).select_related("current_version", "owner")
    if viewer.has_role(*ORGANISATION_WIDE):
        return found
    managed = viewer.services_for("service_manager")
    if viewer.has_role("service_manager") and managed is None:
        return found
    return found.filter(Q(owner=viewer.user) | Q(services__pk__in=managed or [])).distinct()


def reviews_due(today: dt.date) -> QuerySet[Document]:
    """Published documents whose review date has come and whose owner was not yet reminded
    of that date."""
    return (
        Document.objects.filter(status__in=READABLE, review_on__lte=today)
        .exclude(reminded_for=F("review_on"))
        .select_related("owner", "published_version")
    )


def open_for_my_comments(viewer: Viewer) -> list[Document]:
    """Documents open for comments that the viewer is asked about: those for the whole
    organisation and those of the viewer's services (or the services of the people they
    support). Checked again one by one when opened."""
    if viewer.organisation is None:
        return []
    service_ids = set(my_service_ids(viewer))
    for role in ("support_worker", "service_manager"):
        limited = viewer.services_for(role)
        if viewer.has_role(role) and limited is not None:
            service_ids |= limited
    found = (
        documents_of(viewer.organisation.pk)
        .filter(status__in=COMMENTABLE)
        .filter(Q(whole_organisation=True) | Q(services__pk__in=service_ids))
        .select_related("current_version")
        .distinct()
        .order_by("-created_at", "-pk")
    )
    return list(found[:20])


def suggestions_on(document: Document) -> QuerySet[Suggestion]:
    return document.suggestions.select_related("by", "person", "answered_by", "voice_helper")


def suggestion_in(document: Document, suggestion_id: int) -> Suggestion | None:
    return document.suggestions.filter(pk=suggestion_id).first()


def people_i_write_for(viewer: Viewer, document: Document) -> QuerySet[Person]:
    """The people supported whose words the viewer may write down on a document: those a
    supporter supports; for staff, the people it applies to."""
    if viewer.has_role("support_worker", "service_manager", *ORGANISATION_WIDE):
        return people_it_applies_to(document).order_by("preferred_name", "pk")
    return Person.objects.filter(
        organisation_id=document.organisation_id, pk__in=viewer.supported_person_ids
    ).order_by("preferred_name", "pk")


def suggestions_by(viewer: Viewer, document: Document) -> QuerySet[Suggestion]:
    return document.suggestions.filter(by=viewer.user).order_by("-created_at", "-pk")


def waiting_for_sign_off(viewer: Viewer) -> list[Document]:
    """Easy-read versions waiting for a policy editor to read and sign off (the caller has
    checked the viewer holds the role)."""
    if viewer.organisation is None:
        return []
    return list(
        documents_of(viewer.organisation.pk)
        .filter(status=DocumentStatus.EASY_READ)
        .select_related("current_version")
        .order_by("created_at", "pk")[:20]
    )
