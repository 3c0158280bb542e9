"""The support plans of the small demo: Kyle's, Ruth's and Josie's."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import signed_in_client
from coproduce.accounts.models import User
from coproduce.plans.models import Agreement, PlanEntry, SupportPlan

pytestmark = pytest.mark.django_db


def test_small_demo_gives_kyle_ruth_and_josie_plans_with_ledger_entries() -> None:
    call_command("demo", stdout=StringIO())
    plans = {p.person.preferred_name: p for p in SupportPlan.objects.select_related("person")}
    assert {"Kyle", "Ruth", "Josie"} <= set(plans)
    assert plans["Ruth"].review_overdue
    assert plans["Josie"].status == SupportPlan.Status.AGREED
    kyle_entries = PlanEntry.objects.filter(plan=plans["Kyle"])
    assert kyle_entries.filter(agreement=Agreement.NOT_YET_AGREED).count() == 1
    assert not kyle_entries.filter(decision__isnull=True).exists()
    mary = User.objects.get(email="mary@riverside.example")
    page = signed_in_client(mary).get(
        reverse("plans:plan", kwargs={"person_id": plans["Kyle"].person_id})
    )
    assert page.status_code == 200
    assert "Not yet agreed with Kyle" in page.content.decode()
