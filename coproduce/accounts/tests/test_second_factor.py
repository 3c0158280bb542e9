"""The second factor staff must give before any page with personal data."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from conftest import Personas
from coproduce.accounts.sign_in.second_factor import DEMO_SIGN_IN_SESSION_KEY
from coproduce.accounts.tests.sign_in_helpers import (
    give_totp,
    recovery_code,
    sign_in_with_code,
    sign_in_with_password,
    totp_code,
)
from coproduce.core.models import AuditEntry

pytestmark = pytest.mark.django_db

HOME = reverse("home")


@pytest.fixture(autouse=True)
def fresh_limits(settings):  # type: ignore[no-untyped-def]
    """No attempts counted, no TOTP code marked used; accept the code either side of now,
    so a test crossing a 30-second boundary still passes."""
    settings.MFA_TOTP_TOLERANCE = 1
    cache.clear()
    yield
    cache.clear()


def test_support_worker_without_a_second_factor_must_set_one_up_before_home(
    personas: Personas, client: Client
) -> None:
    sign_in_with_password(client, personas.worker.email)

    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    for name in ("decisions:mine", "core:audit_log"):
        assert client.get(reverse(name))["Location"] == reverse("mfa_activate_totp")

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200

    # Setting up the app meant typing a code from it: that is this session's second factor.
    assert client.get(HOME).status_code == 200


def test_worker_signed_in_by_code_is_also_sent_to_set_up_a_second_factor(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    sign_in_with_code(client, personas.manager.email, django_capture_on_commit_callbacks)

    assert client.get(HOME)["Location"] == reverse("mfa_activate_totp")


def test_worker_with_an_authenticator_app_enters_a_code_then_reaches_home(
    personas: Personas, client: Client
) -> None:
    secret = give_totp(personas.worker)

    response = sign_in_with_password(client, personas.worker.email)
    assert response["Location"] == reverse("mfa_authenticate")
    # The password alone does not sign in.
    assert client.get(HOME).status_code == 302
    assert client.get(HOME)["Location"].startswith(reverse("account_login"))

    page = client.get(reverse("mfa_authenticate"))
    assert "Enter the code from your authenticator app" in page.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    entry = AuditEntry.objects.get(actor=personas.worker, action=AuditEntry.Action.SIGN_IN)
    assert entry.summary == "Signed in with password and authenticator app"


def test_emailed_code_is_followed_by_the_authenticator_code_for_staff(
    personas: Personas, client: Client, django_capture_on_commit_callbacks
) -> None:
    secret = give_totp(personas.manager)

    response = sign_in_with_code(client, personas.manager.email, django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    entry = AuditEntry.objects.get(actor=personas.manager, action=AuditEntry.Action.SIGN_IN)
    assert entry.summary == "Signed in with emailed code and authenticator app"


def test_wrong_authenticator_code_is_refused_with_a_plain_message(
    personas: Personas, client: Client
) -> None:
    secret = give_totp(personas.worker)
    sign_in_with_password(client, personas.worker.email)
    wrong = "000000" if totp_code(secret) != "000000" else "111111"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_a_recovery_code_stands_in_for_the_app(personas: Personas, client: Client) -> None:
    give_totp(personas.worker)
    sign_in_with_password(client, personas.worker.email)

    client.post(reverse("mfa_authenticate"), {"code": recovery_code(personas.worker)})

    assert client.get(HOME).status_code == 200


def test_session_without_a_second_factor_step_is_asked_for_a_code(
    personas: Personas, client: Client
) -> None:
    secret = give_totp(personas.manager)
    client.force_login(personas.manager)

    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa_reauthenticate')}?next=%2F"

    response = client.post(response["Location"], {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("persona", ["person", "supporter", "quality_checker"])
def test_people_supported_supporters_and_quality_checkers_are_never_asked(
    personas: Personas, client: Client, persona: str
) -> None:
    sign_in_with_password(client, personas.user(persona).email)

    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize(
    "persona",
    ["worker", "manager", "quality_lead", "senior_leader", "commissioner", "org_admin"],
)
def test_every_staff_role_must_give_a_second_factor(
    personas: Personas, client: Client, persona: str
) -> None:
    client.force_login(personas.user(persona))

    assert client.get(HOME)["Location"] == reverse("mfa_activate_totp")


def test_sign_in_pages_preferences_and_accessibility_stay_open_before_the_second_factor(
    personas: Personas, client: Client
) -> None:
    client.force_login(personas.worker)

    for name in ("mfa_index", "account_logout", "usersessions_list", "core:accessibility"):
        assert client.get(reverse(name)).status_code == 200, name
    response = client.post(
        reverse("core:preferences"), {"easy_read": "1", "next": "/accessibility/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/"
    # The second-factor pages load the organisation's stylesheet and offer Welsh.
    theme = reverse("core:theme_css", kwargs={"slug": personas.organisation.slug})
    assert client.get(theme).status_code == 200
    response = client.post(reverse("set_language"), {"language": "cy", "next": "/accessibility/"})
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/"


def test_demo_persona_is_waived_only_while_demo_sign_in_is_enabled(
    personas: Personas, client: Client, settings
) -> None:
    client.force_login(personas.worker)
    session = client.session
    session[DEMO_SIGN_IN_SESSION_KEY] = True
    session.save()

    settings.DEMO_SIGN_IN_ENABLED = True
    assert client.get(HOME).status_code == 200

    settings.DEMO_SIGN_IN_ENABLED = False
    assert client.get(HOME)["Location"] == reverse("mfa_activate_totp")


def test_demo_flag_set_to_anything_but_true_is_not_a_waiver(
    personas: Personas, client: Client, settings
) -> None:
    settings.DEMO_SIGN_IN_ENABLED = True
    client.force_login(personas.worker)
    session = client.session
    session[DEMO_SIGN_IN_SESSION_KEY] = "yes"
    session.save()

    assert client.get(HOME)["Location"] == reverse("mfa_activate_totp")


def test_sign_in_for_tests_counts_as_a_second_factor(personas: Personas, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(personas.worker).get(HOME).status_code == 200


def test_second_factor_of_one_user_does_not_carry_to_another_in_the_same_session(
    personas: Personas,
    client_for,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(personas.person)
    client.force_login(personas.worker)

    assert client.get(HOME)["Location"] == reverse("mfa_activate_totp")


def test_setting_up_an_authenticator_app_is_confirmed_by_a_plain_email(
    personas: Personas,
    client_for,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    client = client_for(personas.worker)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert [message.subject for message in mail.outbox] == [
        "You set up an authenticator app for Coproduce"
    ]
    body = mail.outbox[0].body
    assert "Someone changed how you sign in to Coproduce" in body
    assert "An authenticator app was set up as your second step." in body
    assert "Internet address: 127.0.0.1" in body
