"""Probing shows in the audit log.

A request for something that exists but is not for the viewer (another organisation's
record, or one outside the viewer's reach) gets the same 404 as something missing, and
leaves a "refused" entry the viewer's organisation admin can see. Something that does not
exist at all leaves none. A wrong password leaves a "sign-in failed" entry under the
account's organisation.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse
from test_url_policy import GET_RULES

from conftest import PASSWORD, PERSONA_NAMES, Personas, signed_in_client
from coproduce.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _has_arguments(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return True
    return False


# Pages about one object (a person, an entry, a film...): a refusal there names the object.
# The theme stylesheet is public (an organisation's colour).
OBJECT_RULES = [
    (name, rule)
    for name, rule in GET_RULES
    if rule.allowed and not rule.public and _has_arguments(name)
]


def _refused(user) -> int:  # type: ignore[no-untyped-def]
    return AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.REFUSED).count()


@pytest.mark.parametrize(("name", "rule"), OBJECT_RULES, ids=[n for n, _ in OBJECT_RULES])
def test_a_refused_object_request_is_audited(personas: Personas, name: str, rule) -> None:  # type: ignore[no-untyped-def]
    url = reverse(name, kwargs=rule.kwargs(personas))
    refused = [p for p in PERSONA_NAMES if p not in rule.allowed]
    assert refused, f"nobody is refused {name}"
    for persona in refused:
        user = personas.user(persona)
        before = _refused(user)

        response = signed_in_client(user).get(url)

        assert response.status_code == 404
        assert _refused(user) == before + 1, f"{persona} refused {name} without an entry"


def test_a_record_of_another_organisation_is_audited_in_the_askers_organisation(
    personas: Personas,
) -> None:
    url = reverse("people:profile", kwargs={"person_id": personas.outsider_person.pk})

    response = signed_in_client(personas.manager).get(url)

    assert response.status_code == 404
    entry = AuditEntry.objects.get(actor=personas.manager, action=AuditEntry.Action.REFUSED)
    assert entry.organisation == personas.organisation
    assert entry.object_id == str(personas.outsider_person.pk)
    assert "another organisation" in entry.summary
    assert personas.outsider_person.preferred_name not in entry.summary


def test_something_that_does_not_exist_leaves_no_entry(personas: Personas) -> None:
    url = reverse("people:profile", kwargs={"person_id": 987654321})

    response = signed_in_client(personas.manager).get(url)

    assert response.status_code == 404
    assert _refused(personas.manager) == 0


def test_the_admin_finds_refusals_in_the_audit_log(personas: Personas) -> None:
    signed_in_client(personas.other_worker).get(
        reverse("plans:plan", kwargs={"person_id": personas.kyle.pk})
    )

    page = signed_in_client(personas.org_admin).get(
        reverse("core:audit_log"), {"action": "refused"}
    )

    assert page.status_code == 200
    assert "Refused to view the support plan of" in page.content.decode()


def test_a_wrong_password_is_audited_under_the_accounts_organisation(personas: Personas) -> None:
    cache.clear()
    Client(REMOTE_ADDR="198.51.100.9").post(
        reverse("account_login"), {"login": personas.worker.email, "password": "wrong-guess"}
    )

    entry = AuditEntry.objects.get(action=AuditEntry.Action.SIGN_IN_FAILED)
    assert entry.organisation == personas.organisation
    assert entry.object_id == str(personas.worker.pk)
    assert entry.ip_address == "198.51.100.9"
    assert entry.actor is None


def test_a_wrong_password_for_an_unknown_email_keeps_no_email(db) -> None:  # type: ignore[no-untyped-def]
    cache.clear()
    Client().post(
        reverse("account_login"), {"login": "nobody@example.test", "password": "wrong-guess"}
    )

    entry = AuditEntry.objects.get(action=AuditEntry.Action.SIGN_IN_FAILED)
    assert entry.organisation is None
    assert "nobody" not in entry.summary


def test_a_right_password_leaves_no_failed_entry(personas: Personas) -> None:
    cache.clear()
    Client().post(reverse("account_login"), {"login": personas.person.email, "password": PASSWORD})

    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SIGN_IN_FAILED).exists()
