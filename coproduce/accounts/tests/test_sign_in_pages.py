"""Every sign-in page a user meets renders from its Jinja2 template, within the CSP."""

from __future__ import annotations

import json
import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import Personas
from coproduce.accounts.testing import sign_in_for_tests
from coproduce.accounts.tests.passkeys import SoftwarePasskey
from coproduce.accounts.tests.sign_in_helpers import (
    give_totp,
    json_data,
    request_code,
    sign_in_with_password,
)

pytestmark = pytest.mark.django_db

# Pages a signed-in staff member with an authenticator app and a passkey can open.
SIGNED_IN_PAGES = [
    "account_logout",
    "account_change_password",
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_reauthenticate_webauthn",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_list_webauthn",
    "mfa_add_webauthn",
    "usersessions_list",
    "account_email",
]
SIGNED_OUT_PAGES = [
    "account_login",
    "account_request_login_code",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_signup",
]


@pytest.fixture(autouse=True)
def fresh_limits():  # type: ignore[no-untyped-def]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_with_factors(personas: Personas) -> Client:
    """The manager, signed in, with an authenticator app and a passkey."""
    user = personas.manager
    give_totp(user)
    client = Client()
    sign_in_for_tests(client, user)
    page = client.get(reverse("mfa_add_webauthn")).content.decode()
    credential = SoftwarePasskey().register(json_data(page)["creation_options"])
    response = client.post(
        reverse("mfa_add_webauthn"),
        {"name": "Work laptop", "credential": json.dumps(credential)},
    )
    assert response.status_code == 302
    return client


def assert_our_page(response, title: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """Check the page came from our Jinja2 layout and every script carries the nonce."""
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="govuk-template' in page, "rendered without the GOV.UK layout"
    assert "Skip to main content" in page
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert 'type="application/json"' in tag or "nonce=" in tag, tag
    assert "style=" not in page, "inline styles are blocked by the CSP"
    if title:
        assert f"<title>{title}" in page or f"<title>\n{title}" in page or title in page
    return page


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_staff_page_renders(staff_with_factors: Client, name: str) -> None:
    assert_our_page(staff_with_factors.get(reverse(name)))


@pytest.mark.parametrize("name", SIGNED_OUT_PAGES)
def test_signed_out_page_renders(client: Client, name: str, db) -> None:
    assert_our_page(client.get(reverse(name)))


def test_passkey_pages_render_with_each_key(staff_with_factors: Client, personas: Personas) -> None:
    key = Authenticator.objects.get(user=personas.manager, type=Authenticator.Type.WEBAUTHN)

    for name in ("mfa_edit_webauthn", "mfa_remove_webauthn"):
        page = assert_our_page(staff_with_factors.get(reverse(name, kwargs={"pk": key.pk})))
        assert "Work laptop" in page


def test_passkey_can_be_renamed_and_removed(staff_with_factors: Client, personas: Personas) -> None:
    key = Authenticator.objects.get(user=personas.manager, type=Authenticator.Type.WEBAUTHN)

    staff_with_factors.post(reverse("mfa_edit_webauthn", kwargs={"pk": key.pk}), {"name": "Phone"})
    key.refresh_from_db()
    assert key.wrap().name == "Phone"

    response = staff_with_factors.post(reverse("mfa_remove_webauthn", kwargs={"pk": key.pk}))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=key.pk).exists()


def test_recovery_codes_download_as_a_text_file(staff_with_factors: Client) -> None:
    response = staff_with_factors.get(reverse("mfa_download_recovery_codes"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert len(response.content.decode().split()) == 10


def test_set_password_page_renders_for_someone_without_a_password(personas: Personas) -> None:
    user = personas.person
    user.set_unusable_password()
    user.save(update_fields=["password"])
    client = Client()
    sign_in_for_tests(client, user)

    assert_our_page(client.get(reverse("account_set_password")))


def test_authenticator_app_set_up_page_shows_the_qr_code_and_key(
    personas: Personas,
    client_for,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(personas.person)

    page = assert_our_page(client.get(reverse("mfa_activate_totp")))

    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="QR code', page)
    secret = client.session["mfa.totp.secret"]
    shown = re.search(r'id="authenticator-key">([^<]*)<', page)
    assert shown and shown.group(1).replace(" ", "") == secret


def test_code_and_second_step_pages_render_during_sign_in(
    personas: Personas, django_capture_on_commit_callbacks
) -> None:
    client = Client()
    request_code(client, personas.person.email, django_capture_on_commit_callbacks)
    assert_our_page(client.get(reverse("account_confirm_login_code")))

    give_totp(personas.worker)
    client = Client()
    sign_in_with_password(client, personas.worker.email)
    page = assert_our_page(client.get(reverse("mfa_authenticate")))
    assert "Enter the code from your authenticator app" in page


def test_password_reset_link_page_renders_and_says_when_a_link_is_bad(personas: Personas) -> None:
    user = personas.person
    key = default_token_generator.make_token(user)
    uid = user_pk_to_url_str(user)
    client = Client()

    response = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": key})
    )
    assert response.status_code == 302
    page = assert_our_page(client.get(response["Location"]))
    assert "Choose a new password" in page

    bad = assert_our_page(
        Client().get(
            reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": "bad-key"})
        )
    )
    assert "This link does not work" in bad


def test_login_page_offers_the_emailed_code_first_then_password_then_passkey(
    client: Client, db
) -> None:
    page = assert_our_page(client.get(reverse("account_login")))

    code = page.index("Send me a code")
    password = page.index("Sign in with your password")
    passkey = page.index("Sign in with a passkey")
    assert code < password < passkey
    # The passkey button needs JavaScript and WebAuthn; it starts hidden.
    assert re.search(r"<div data-passkey-only hidden>", page)
