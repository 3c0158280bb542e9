"""The check-ins and the one-to-one of the small demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from conftest import signed_in_client
from coproduce.accounts.models import User
from coproduce.plans.models.checkins import CheckIn, OneToOne

pytestmark = pytest.mark.django_db


def test_small_demo_has_weeks_of_check_ins_for_kyle_and_ruth_and_a_one_to_one() -> None:
    call_command("demo", stdout=StringIO())
    names = set(CheckIn.objects.values_list("person__preferred_name", flat=True))
    assert {"Kyle", "Ruth"} <= names
    assert CheckIn.objects.filter(person__preferred_name="Kyle").count() >= 10
    meeting = OneToOne.objects.get(person__preferred_name="Kyle")
    assert meeting.actions.filter(decision__isnull=False).count() == 2
    kyle = User.objects.get(email="kyle@riverside.example")
    page = signed_in_client(kyle).get(
        reverse("plans:checkins", kwargs={"person_id": meeting.person_id})
    )
    assert page.status_code == 200
    assert "<svg" in page.content.decode()


def test_tiny_large_demo_has_a_year_of_check_ins_for_people_who_sign_in() -> None:
    call_command("demo", "--size", "large", "--scale", "0.01", stdout=StringIO())
    check_ins = CheckIn.objects.filter(organisation__slug="northern-care")
    assert check_ins.exists()
    assert not check_ins.filter(person__user__isnull=True).exists()
    first = check_ins.order_by("date").values_list("date", flat=True).first()
    last = check_ins.order_by("-date").values_list("date", flat=True).first()
    assert first is not None and last is not None
    assert (last - first).days >= 300
