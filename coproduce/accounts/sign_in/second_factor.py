"""Who must give a second factor, and whether this session has given one.

Allauth keeps a list of the ways the user proved who they are in this session
("authentication records"): a password, an emailed code, a passkey, an authenticator
app. A session has passed the second factor when that list holds an ``mfa`` step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
from allauth.account.internal.userkit import user_id_to_str
from django.conf import settings
from django.http import HttpRequest

from coproduce.accounts.models import MFA_REQUIRED_ROLES

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

    from coproduce.accounts.models import User
    from coproduce.core.tenancy import Viewer

# Set by the development-only demo persona page; honoured only when the page is enabled.
DEMO_SIGN_IN_SESSION_KEY = "coproduce_demo_sign_in"

# Authenticators that count as a second factor on their own. Recovery codes only stand
# in for one of these, so a user with nothing else has no second factor.
SECOND_FACTOR_TYPES = ("totp", "webauthn")


def second_factor_required(viewer: Viewer) -> bool:
    """A member who holds a role that sees other people's personal data must use a second
    factor; people supported, supporters and quality checkers never have to."""
    return bool(viewer.roles & MFA_REQUIRED_ROLES)


def session_passed_second_factor(request: HttpRequest) -> bool:
    """Return True when this session's sign-in records show a second-factor step."""
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    return any(record.get("method") == "mfa" for record in records)


def demo_waiver_applies(request: HttpRequest) -> bool:
    """Return True for a demo persona session while the demo sign-in page is enabled."""
    return bool(
        getattr(settings, "DEMO_SIGN_IN_ENABLED", False)
        and request.session.get(DEMO_SIGN_IN_SESSION_KEY) is True
    )


def has_second_factor(user: User) -> bool:
    """Return True when the user has set up an authenticator app or a security key."""
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, list(SECOND_FACTOR_TYPES))


def second_factor_ids(user: User) -> set[int]:
    from allauth.mfa.models import Authenticator

    return set(
        Authenticator.objects.filter(user_id=user.pk, type__in=SECOND_FACTOR_TYPES).values_list(
            "pk", flat=True
        )
    )


def add_second_factor_record(
    session: SessionBase, user: User, *, authenticator_type: str, **extra: Any
) -> None:
    """Append an ``mfa`` step to the session's sign-in records, as allauth writes one.

    Used when the user has just proved they hold a new authenticator by setting it up in
    this session, and by tests to stand for a real second-factor sign-in.
    """
    user_id = user_id_to_str(user)
    records = session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if session.get(_AUTHENTICATION_METHODS_USER_SESSION_KEY) != user_id or not isinstance(
        records, list
    ):
        records = []
    record = {"method": "mfa", "at": time.time(), "type": authenticator_type}
    record.update({key: value for key, value in extra.items() if value is not None})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [*records, record]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id


def second_factor_exempt[F: Callable[..., Any]](view: F) -> F:
    """Mark a view as usable before the second factor (like ``csrf_exempt``).

    Only for pages that show no personal data.
    """
    view.second_factor_exempt = True  # type: ignore[attr-defined]
    return view
