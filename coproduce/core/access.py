"""Helpers shared by every ``access_<thing>()`` function."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.http import Http404, HttpRequest

if TYPE_CHECKING:
    from coproduce.core.tenancy import Viewer

F = TypeVar("F", bound=Callable[..., Any])


class NotFound(Http404):
    """Raised for both "does not exist" and "not yours", so the two look the same."""


def not_found() -> NotFound:
    return NotFound("Page not found")


# The largest number a version or count column holds on every database (PostgreSQL's
# integer); ids are 64-bit, versions and counts 32-bit.
LARGEST_NUMBER = 2**31 - 1


def number_or_404(value: str | None) -> int:
    """Return a whole number from a query parameter; anything else (words, a number no
    column can hold) is a 404, never a server error."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10 or int(text) > LARGEST_NUMBER:
        raise not_found()
    return int(text)


def refused(viewer: Viewer, obj: models.Model, action: str) -> NotFound:
    """Record that the viewer asked for something that exists but is not for them, and
    return the same 404 as for something missing, to raise.

    An organisation admin sees these entries ("refused") in the audit log: probing shows.
    """
    from coproduce.core.audit import audit_record
    from coproduce.core.models import AuditEntry

    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.REFUSED,
        obj=obj,
        summary=f"Refused to {action} {obj._meta.verbose_name} {obj.pk}",
    )
    return not_found()


def refused_page(request: HttpRequest, kwargs: dict[str, Any]) -> NotFound:
    """Record that the viewer asked for a page their roles do not open; return the 404."""
    from coproduce.core.audit import audit_record
    from coproduce.core.models import AuditEntry

    viewer = request.viewer  # type: ignore[attr-defined]
    match = request.resolver_match
    page = match.view_name if match else request.path
    named = ", ".join(f"{key} {value}" for key, value in kwargs.items())
    audit_record(
        actor=viewer.user,
        organisation=viewer.organisation,
        action=AuditEntry.Action.REFUSED,
        object_type="page",
        object_id=page[:64],
        summary=f"Refused the page {page}" + (f" ({named})" if named else ""),
    )
    return not_found()


def missing(viewer: Viewer, model: type[models.Model], pk: object) -> NotFound:
    """Return the 404 for something the viewer's organisation does not have, to raise.

    When it exists in another organisation, the request is recorded as refused, naming
    only the kind of thing and its number (nothing of the other organisation's data).
    """
    from coproduce.core.audit import audit_record
    from coproduce.core.models import AuditEntry

    if model._default_manager.filter(pk=pk).exists():
        audit_record(
            actor=viewer.user,
            organisation=viewer.organisation,
            action=AuditEntry.Action.REFUSED,
            object_type=model._meta.label_lower,
            object_id=str(pk),
            summary=(
                f"Refused {model._meta.verbose_name} {pk}: it belongs to another organisation"
            ),
        )
    return not_found()


def require_roles(*roles: str) -> Callable[[F], F]:
    """Let a view through only for members holding one of the roles; others get 404.

    Pages that are not about one object still answer 404 to other roles, so a
    URL never reveals which pages exist for which role.
    """

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            viewer = request.viewer  # type: ignore[attr-defined]
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if not viewer.has_role(*roles):
                raise refused_page(request, kwargs)
            return view(request, *args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator
