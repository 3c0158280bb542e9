"""Signing in by emailed code, password and passkey; throttling; sessions; signing out."""

from __future__ import annotations

import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, Personas
from coproduce.accounts.testing import sign_in_for_tests
from coproduce.accounts.tests.passkeys import SoftwarePasskey
from coproduce.accounts.tests.sign_in_helpers import (
    code_from_last_email,
    json_data,
    request_code,
    sign_in_with_code,
    sign_in_with_password,
)
from coproduce.core.models import AuditEntry

pytestmark = pytest.mark.django_db

WRONG_PASSWORD_MESSAGE = "The email address or password is not right"


@pytest.fixture(autouse=True)
def fresh_limits():  # type: ignore[no-untyped-def]
    """Start each test with no sign-in attempts counted (rate limits live in the cache)."""
    cache.clear()
    yield
    cache.clear()


def test_person_signs_in_with_the_code_sent_by_email(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    response = request_code(client, personas.person.email, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_confirm_login_code"))
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [personas.person.email]

    response = client.post(reverse("account_confirm_login_code"), {"code": code_from_last_email()})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_sign_in_code_email_is_in_plain_words(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    request_code(client, personas.person.email, django_capture_on_commit_callbacks)

    message = mail.outbox[0]
    assert message.subject == "Your code to sign in to Coproduce"
    assert "Here is your code to sign in to Coproduce" in message.body
    assert "It works for 10 minutes" in message.body
    assert "Hello from" not in message.body


def test_code_page_asks_for_the_code_in_plain_words(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    request_code(client, personas.person.email, django_capture_on_commit_callbacks)

    page = client.get(reverse("account_confirm_login_code")).content.decode()

    assert "Enter the code we sent to your email" in page
    assert personas.person.email in page


def test_wrong_code_is_refused_with_a_plain_message(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    request_code(client, personas.person.email, django_capture_on_commit_callbacks)
    right = code_from_last_email()
    wrong = "000000" if right != "000000" else "111111"

    response = client.post(reverse("account_confirm_login_code"), {"code": wrong})

    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_person_signs_in_with_a_password(personas: Personas, client: Client) -> None:
    response = sign_in_with_password(client, personas.person.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_wrong_password_gets_a_plain_message(personas: Personas, client: Client) -> None:
    response = sign_in_with_password(client, personas.person.email, "not-the-password")

    assert response.status_code == 200
    page = response.content.decode()
    assert WRONG_PASSWORD_MESSAGE in page
    assert "There is a problem" in page
    assert client.get(reverse("home")).status_code == 302


def _normalised(response, email: str) -> str:  # type: ignore[no-untyped-def]
    """Return the page with what differs on every response (tokens, nonces) and the
    email address typed taken out."""
    page = response.content.decode().replace(email, "EMAIL")
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    return re.sub(r'nonce="[^"]*"', "", page)


def test_unknown_email_gets_the_same_answer_as_a_known_one(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:
    known, unknown = Client(), Client()

    known_code = request_code(known, personas.person.email, django_capture_on_commit_callbacks)
    unknown_code = request_code(unknown, "nobody@example.test", django_capture_on_commit_callbacks)
    assert known_code.status_code == unknown_code.status_code == 302
    assert known_code["Location"] == unknown_code["Location"]
    known_page = _normalised(known.get(known_code["Location"]), personas.person.email)
    unknown_page = _normalised(unknown.get(unknown_code["Location"]), "nobody@example.test")
    assert known_page == unknown_page

    known_password = sign_in_with_password(Client(), personas.person.email, "not-the-password")
    unknown_password = sign_in_with_password(Client(), "nobody@example.test", "not-the-password")
    assert known_password.status_code == unknown_password.status_code == 200
    assert WRONG_PASSWORD_MESSAGE in known_password.content.decode()
    assert WRONG_PASSWORD_MESSAGE in unknown_password.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        known_reset = Client().post(
            reverse("account_reset_password"), {"email": personas.person.email}
        )
        unknown_reset = Client().post(
            reverse("account_reset_password"), {"email": "nobody@example.test"}
        )
    assert known_reset.status_code == unknown_reset.status_code == 302
    assert known_reset["Location"] == unknown_reset["Location"]


def test_unknown_email_is_told_by_email_that_there_is_no_account(
    client: Client, django_capture_on_commit_callbacks, db
) -> None:
    request_code(client, "nobody@example.test", django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    assert "There is no account for this email address" in mail.outbox[0].body
    assert "sign up" not in mail.outbox[0].body.lower()


def test_sixth_wrong_password_in_a_row_is_refused_even_when_right(
    personas: Personas, client: Client
) -> None:
    for _ in range(5):
        response = sign_in_with_password(client, personas.worker.email, "not-the-password")
        assert WRONG_PASSWORD_MESSAGE in response.content.decode()

    response = sign_in_with_password(client, personas.worker.email, PASSWORD)

    assert response.status_code == 200
    assert "You have tried too many times. Wait 5 minutes, then try again." in (
        response.content.decode()
    )
    assert client.get(reverse("home")).status_code == 302


def test_too_many_wrong_passwords_for_one_account_do_not_lock_out_another(
    personas: Personas, client: Client
) -> None:
    for _ in range(6):
        sign_in_with_password(client, personas.worker.email, "not-the-password")

    response = sign_in_with_password(Client(), personas.person.email)

    assert response.status_code == 302


def test_code_sign_in_keeps_working_while_the_password_is_locked(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    for _ in range(6):
        sign_in_with_password(client, personas.person.email, "not-the-password")
    assert "You have tried too many times" in (
        sign_in_with_password(client, personas.person.email).content.decode()
    )

    response = sign_in_with_code(client, personas.person.email, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_the_locked_message_points_to_the_code(personas: Personas, client: Client) -> None:
    for _ in range(6):
        response = sign_in_with_password(client, personas.person.email, "not-the-password")

    assert "Or get a code by email: you do not need a password for that." in (
        response.content.decode()
    )


def test_guesses_from_another_address_do_not_lock_the_person_out_at_home(
    personas: Personas,
) -> None:
    attacker = Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(10):
        sign_in_with_password(attacker, personas.person.email, "not-the-password")
    assert "You have tried too many times" in (
        sign_in_with_password(attacker, personas.person.email).content.decode()
    )

    at_home = Client(REMOTE_ADDR="203.0.113.20")

    assert sign_in_with_password(at_home, personas.person.email).status_code == 302


def test_mistakes_by_one_resident_do_not_lock_out_the_house(personas: Personas) -> None:
    house = "203.0.113.30"
    for _ in range(25):
        sign_in_with_password(Client(REMOTE_ADDR=house), personas.worker.email, "not-the-password")

    response = sign_in_with_password(Client(REMOTE_ADDR=house), personas.person.email)

    assert response.status_code == 302


def test_guessing_spread_over_many_addresses_is_stopped(personas: Personas) -> None:
    for n in range(30):
        sign_in_with_password(
            Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), personas.worker.email, "not-the-password"
        )

    response = sign_in_with_password(Client(REMOTE_ADDR="198.51.100.200"), personas.worker.email)

    assert response.status_code == 200
    assert "You have tried too many times" in response.content.decode()


def test_signing_in_starts_a_new_session(personas: Personas, client: Client) -> None:
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key

    sign_in_with_password(client, personas.person.email)

    after = client.session.session_key
    assert after != before
    assert not SessionStore().exists(before)
    assert client.session.get("visited") is True


def test_sign_out_is_post_only_and_ends_the_session_on_the_server(
    personas: Personas, client: Client
) -> None:
    sign_in_with_password(client, personas.person.email)
    key = client.session.session_key

    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert SessionStore().exists(key)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert not SessionStore().exists(key)
    assert client.get(reverse("home")).status_code == 302


def test_sign_out_of_other_devices_ends_the_other_sessions(personas: Personas) -> None:
    phone, laptop = Client(), Client()
    sign_in_for_tests(phone, personas.worker)
    sign_in_for_tests(laptop, personas.worker)
    laptop_key = laptop.session.session_key
    assert phone.get(reverse("usersessions_list")).status_code == 200

    response = phone.post(reverse("usersessions_list"))

    assert response.status_code == 302
    assert not SessionStore().exists(laptop_key)
    assert laptop.get(reverse("home")).status_code == 302
    assert phone.get(reverse("home")).status_code == 200
    assert list(
        UserSession.objects.filter(user=personas.worker).values_list("session_key", flat=True)
    ) == [phone.session.session_key]
    entry = AuditEntry.objects.filter(actor=personas.worker).first()
    assert entry is not None
    assert entry.action == AuditEntry.Action.SIGN_OUT
    assert entry.summary == "Signed out of 1 other session"


def test_a_real_sign_in_is_listed_among_the_users_sessions(personas: Personas) -> None:
    first, second = Client(), Client()
    sign_in_with_password(first, personas.person.email)
    sign_in_with_password(second, personas.person.email)

    page = first.get(reverse("usersessions_list")).content.decode()

    assert "You are signed in on 2 devices or browsers." in page
    assert "Sign out on all other devices" in page


def test_sign_in_and_sign_out_each_leave_an_audit_entry(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    sign_in_with_code(client, personas.person.email, django_capture_on_commit_callbacks)
    client.post(reverse("account_logout"))

    entries = list(AuditEntry.objects.filter(actor=personas.person).order_by("at", "id"))
    assert [entry.action for entry in entries] == [
        AuditEntry.Action.SIGN_IN,
        AuditEntry.Action.SIGN_OUT,
    ]
    assert entries[0].summary == "Signed in with emailed code"
    assert entries[0].organisation == personas.organisation
    assert entries[0].object_type == "accounts.user"
    assert entries[1].organisation == personas.organisation


def test_sign_in_of_someone_without_an_organisation_is_audited_without_one(
    client: Client, db
) -> None:
    from coproduce.accounts.tests.factories import UserFactory

    user = UserFactory(email="alone@example.test")

    sign_in_with_password(client, user.email)

    entry = AuditEntry.objects.get(actor=user)
    assert entry.action == AuditEntry.Action.SIGN_IN
    assert entry.organisation is None
    assert entry.summary == "Signed in with password"


def test_members_cannot_add_another_email_address_to_sign_in_with(
    personas: Personas,
    client_for,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(personas.person)

    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "other@example.test"}
    )

    assert response.status_code == 200
    assert "ask the person who runs Coproduce for your organisation" in response.content.decode()
    assert not EmailAddress.objects.filter(email="other@example.test").exists()


def test_signing_up_is_closed(client: Client, db) -> None:
    response = client.post(
        reverse("account_signup"), {"email": "new@example.test", "password1": "x" * 12}
    )

    assert response.status_code == 200
    assert "You need an invitation" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_worker_adds_a_passkey_then_signs_in_with_it_alone(personas: Personas) -> None:
    passkey = SoftwarePasskey()
    setup = Client()
    sign_in_for_tests(setup, personas.worker)
    page = setup.get(reverse("mfa_add_webauthn"))
    assert page.status_code == 200
    credential = passkey.register(json_data(page.content.decode())["creation_options"])
    response = setup.post(
        reverse("mfa_add_webauthn"),
        {"name": "My phone", "passwordless": "on", "credential": json.dumps(credential)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    client = Client()
    options = client.get(reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json").json()
    response = client.post(
        reverse("mfa_login_webauthn"),
        {"credential": json.dumps(passkey.sign_in(options["request_options"]))},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    # A passkey is a second factor on its own: the worker reaches home at once.
    assert client.get(reverse("home")).status_code == 200
    entry = AuditEntry.objects.filter(actor=personas.worker, action="sign_in").first()
    assert entry is not None
    assert entry.summary == "Signed in with passkey or security key"
