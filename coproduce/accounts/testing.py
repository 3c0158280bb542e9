"""Test helpers for signing in."""

from __future__ import annotations

import time

from django.test import Client

from coproduce.accounts.models import User


def sign_in_for_tests(client: Client, user: User) -> None:
    """Sign the client in as the user, as if their second factor had been given.

    Writes the same session record a real sign-in with an authenticator app writes, and
    the session's row in the user's session list, so the second-factor check and the
    session tracking add no work to the requests a test makes.
    """
    from allauth.usersessions.models import UserSession

    from coproduce.accounts.middleware import SESSION_ACTIVITY_KEY
    from coproduce.accounts.sign_in.second_factor import add_second_factor_record

    client.force_login(user)
    session = client.session
    add_second_factor_record(session, user, authenticator_type="totp")
    session[SESSION_ACTIVITY_KEY] = {"key": session.session_key, "at": time.time()}
    session.save()
    UserSession.objects.update_or_create(
        session_key=session.session_key,
        defaults={"user": user, "ip": "127.0.0.1", "user_agent": "Django test client"},
    )
