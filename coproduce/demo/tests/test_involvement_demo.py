"""The small demo's involvement: Josie holds the policy editor role with hours and
expenses in every state, one payroll export already paid, and what waits for Maya."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import signed_in_client
from coproduce.accounts.models import Organisation, User
from coproduce.accounts.viewer import viewer_for
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.involvement import actions
from coproduce.involvement.models import ClaimStatus, ExpenseClaim, StandardRole, TimeRecord
from coproduce.involvement.queries import export_rows, holds_role, involvement_to_answer
from coproduce.people.models import Person

pytestmark = pytest.mark.django_db


def _user(key: str) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def test_josie_is_a_policy_editor_whose_next_payroll_pays_her_hours_and_expenses() -> None:
    call_command("demo", "--size", "small", verbosity=0)
    riverside = Organisation.objects.get(slug="riverside")
    josie = Person.objects.get(organisation=riverside, user=_user("josie"))
    assert holds_role(josie, StandardRole.POLICY_EDITOR, today=timezone.localdate())
    statuses = set(TimeRecord.objects.filter(person=josie).values_list("status", flat=True))
    assert statuses == {ClaimStatus.PAID, ClaimStatus.APPROVED, ClaimStatus.SUBMITTED}
    bus = ExpenseClaim.objects.filter(person=josie, status=ClaimStatus.PAID).get()
    assert bus.receipt and bus.exported_in is not None and bus.exported_in.number == 1

    maya = viewer_for(_user("maya"), riverside)
    waiting = involvement_to_answer(maya, today=timezone.localdate(), limit=10)
    assert waiting is not None
    assert {item.person_name for item in waiting.items} == {"Josie", "Kyle"}

    # Maya approves what waits; Ada's next export pays it, and nothing already paid.
    for record in TimeRecord.objects.filter(person=josie, status=ClaimStatus.SUBMITTED):
        actions.time_approve(viewer=maya, record=record)
    for claim in ExpenseClaim.objects.filter(person=josie, status=ClaimStatus.SUBMITTED):
        actions.expense_approve(viewer=maya, claim=claim)
    export = actions.payroll_export(viewer=viewer_for(_user("ada"), riverside))
    rows = export_rows(export)
    assert export.number == 2
    assert [row[3] for row in rows] == ["hours", "hours", "expenses: travel"]
    assert {row[1] for row in rows} == {"Josie Patel"}

    josies_page = signed_in_client(_user("josie")).get(
        reverse("involvement:person", kwargs={"person_id": josie.pk})
    )
    assert "Policy editor" in josies_page.content.decode()
    receipt = signed_in_client(_user("maya")).get(
        reverse("involvement:receipt", kwargs={"claim_id": bus.pk})
    )
    assert receipt["Content-Type"] == "image/jpeg"
