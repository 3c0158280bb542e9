"""Writes for signing in and out. Each one owns its transaction and audit entry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from coproduce.core.audit import audit_record
from coproduce.core.models import AuditEntry

if TYPE_CHECKING:
    from allauth.usersessions.models import UserSession

    from coproduce.accounts.models import Organisation, User

# How each step allauth records reads in the audit log.
STEP_WORDS = {
    "password": "password",
    "code": "emailed code",
    "password_reset": "password reset",
    "mfa:totp": "authenticator app",
    "mfa:webauthn": "passkey or security key",
    "mfa:recovery_codes": "recovery code",
}


def describe_steps(records: Sequence[dict[str, Any]]) -> str:
    """Return the sign-in steps in words, in order, without repeats."""
    words: list[str] = []
    for record in records:
        method = record.get("method", "")
        key = f"mfa:{record.get('type', '')}" if method == "mfa" else method
        word = STEP_WORDS.get(key, key)
        if word and word not in words:
            words.append(word)
    return " and ".join(words)


@transaction.atomic
def sign_in_record(
    *, user: User, organisation: Organisation | None, records: Sequence[dict[str, Any]] = ()
) -> AuditEntry:
    """Write the audit entry for a completed sign-in."""
    steps = describe_steps(records)
    return audit_record(
        actor=user,
        organisation=organisation,
        action=AuditEntry.Action.SIGN_IN,
        obj=user,
        summary=f"Signed in with {steps}" if steps else "Signed in",
    )


@transaction.atomic
def sign_in_failed_record(*, email: str) -> AuditEntry:
    """Write the audit entry for a wrong password.

    It goes under the account's organisation when the email is a member's, so that
    organisation's admin sees guessing (with the address it came from); an email with no
    account is recorded without one, and the typed email is never kept.
    """
    from coproduce.accounts.models import User
    from coproduce.accounts.queries import organisations_for_user

    user = User.objects.filter(email__iexact=email.strip()).first() if email else None
    if user is None:
        return audit_record(
            actor=None,
            organisation=None,
            action=AuditEntry.Action.SIGN_IN_FAILED,
            object_type="accounts.user",
            summary="A wrong password for an email with no account",
        )
    return audit_record(
        actor=None,
        organisation=organisations_for_user(user).first(),
        action=AuditEntry.Action.SIGN_IN_FAILED,
        obj=user,
        summary="A wrong password",
    )


@transaction.atomic
def sign_out_record(*, user: User, organisation: Organisation | None) -> AuditEntry:
    """Write the audit entry for signing out of this session."""
    return audit_record(
        actor=user,
        organisation=organisation,
        action=AuditEntry.Action.SIGN_OUT,
        obj=user,
        summary="Signed out",
    )


@transaction.atomic
def user_sessions_end(
    *, user: User, organisation: Organisation | None, sessions: Iterable[UserSession]
) -> int:
    """End the user's given sessions on the server and audit how many ended."""
    ended = 0
    for session in sessions:
        if session.user_id != user.pk:
            raise ValueError("A user may end only their own sessions.")
        session.end()
        ended += 1
    if ended:
        audit_record(
            actor=user,
            organisation=organisation,
            action=AuditEntry.Action.SIGN_OUT,
            obj=user,
            summary=f"Signed out of {ended} other session{'s' if ended != 1 else ''}",
        )
    return ended
