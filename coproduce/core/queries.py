"""Reads owned by core: the audit log."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from coproduce.core.models import AuditEntry

if TYPE_CHECKING:
    from coproduce.accounts.models import Organisation


def audit_entries(organisation: Organisation) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(organisation=organisation).select_related("actor")


def filter_audit_entries(entries: QuerySet[AuditEntry], **criteria: Any) -> QuerySet[AuditEntry]:
    """Narrow the log by who, which action, which kind of object and dates."""
    if criteria.get("actor_email"):
        entries = entries.filter(actor__email__iexact=criteria["actor_email"].strip())
    if criteria.get("action"):
        entries = entries.filter(action=criteria["action"])
    if criteria.get("object_type"):
        entries = entries.filter(object_type=criteria["object_type"])
    if criteria.get("object_id"):
        entries = entries.filter(object_id=criteria["object_id"].strip())
    if criteria.get("date_from"):
        entries = entries.filter(at__date__gte=criteria["date_from"])
    if criteria.get("date_to"):
        entries = entries.filter(at__date__lte=criteria["date_to"])
    return entries


def audit_object_types(organisation: Organisation) -> list[str]:
    return list(
        AuditEntry.objects.filter(organisation=organisation, at__gte=_a_year_ago())
        .values_list("object_type", flat=True)
        .distinct()
        .order_by("object_type")
    )


def _a_year_ago() -> dt.datetime:
    from django.utils import timezone

    return timezone.now() - dt.timedelta(days=366)
