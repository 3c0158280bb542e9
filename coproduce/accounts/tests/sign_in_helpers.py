"""Helpers for sign-in tests: real sign-ins through allauth's pages."""

from __future__ import annotations

import json
import re
import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from coproduce.accounts.models import User


def totp_code(secret: str) -> str:
    """Return the code an authenticator app shows now for the secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def give_totp(user: User) -> str:
    """Set up an authenticator app (and recovery codes) for the user; return the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def recovery_code(user: User) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return authenticator.wrap().get_unused_codes()[0]


def code_from_last_email() -> str:
    match = re.search(r"^(\d{6})$", mail.outbox[-1].body, re.MULTILINE)
    assert match, mail.outbox[-1].body
    return match.group(1)


def request_code(client: Client, email: str, capture: Any) -> Any:
    """Ask for a sign-in code; ``capture`` is django_capture_on_commit_callbacks."""
    with capture(execute=True):
        return client.post(reverse("account_request_login_code"), {"email": email})


def sign_in_with_code(client: Client, email: str, capture: Any) -> Any:
    request_code(client, email, capture)
    return client.post(reverse("account_confirm_login_code"), {"code": code_from_last_email()})


def sign_in_with_password(client: Client, email: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password})


def json_data(html: str, element_id: str = "js_data") -> dict[str, Any]:
    """Return the JSON a page hands to allauth's passkey script."""
    match = re.search(
        rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, f"no #{element_id} on the page"
    return json.loads(match.group(1))
