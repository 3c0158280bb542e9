"""Write the append-only audit log. Called by actions and access functions, never by signals."""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.db import models

from coproduce.core.models import AuditEntry

if TYPE_CHECKING:
    from coproduce.accounts.models import Organisation, User
    from coproduce.core.tenancy import Viewer

# The address of the request being served, set by middleware so actions need not carry it.
current_ip: ContextVar[str | None] = ContextVar("current_ip", default=None)


def client_ip(request) -> str | None:  # type: ignore[no-untyped-def]
    """Return the client's address.

    Behind trusted proxies, take the address the outermost trusted proxy added to
    X-Forwarded-For (counting from the right): entries further left are written by the
    client and can be faked.
    """
    from django.conf import settings

    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: User | None,
    organisation: Organisation | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
) -> AuditEntry:
    """Append one entry to the audit log."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        organisation=organisation,
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:300],
        ip_address=current_ip.get(),
    )


def audit_read(viewer: Viewer, obj: models.Model, summary: str) -> None:
    """Record that the viewer opened personal data: every ``access_*`` function calls this
    once it has allowed the request, the same way in every app."""
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.READ,
        obj=obj,
        summary=summary,
    )
