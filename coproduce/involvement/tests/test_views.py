"""Involvement pages through the test client: recording, claiming, answering, payroll."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from django.urls import reverse

from conftest import Personas, signed_in_client
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import AuditEntry
from coproduce.involvement import actions
from coproduce.involvement.models import ClaimStatus, ExpenseClaim, Interest, Rate, TimeRecord
from coproduce.involvement.tests.involvement_helpers import (
    kyle_on_esa,
    kyles_meeting_hours,
    kyles_travel,
    last_wednesday,
    policy_editor_opportunity,
    receipt_upload,
    set_rates,
)

pytestmark = pytest.mark.django_db


def _hours_form(**overrides: object) -> dict[str, object]:
    day = last_wednesday()
    data: dict[str, object] = {
        "activity_kind": "meeting",
        "description": "Residents' meeting",
        "happened_on_0": day.day,
        "happened_on_1": day.month,
        "happened_on_2": day.year,
        "hours": "2",
        "minutes": "30",
        "payment_choice": "pay",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_kyle_records_hours_once_however_often_he_sends_them(personas: Personas) -> None:
    kyle = signed_in_client(personas.person)
    url = reverse("involvement:time_new", kwargs={"person_id": personas.kyle.pk})
    form = _hours_form()

    first = kyle.post(url, form)
    second = kyle.post(url, form)

    assert first.status_code == second.status_code == 302
    record = TimeRecord.objects.get()
    assert record.minutes == 150 and record.recorded_by == personas.person
    assert first["Location"] == reverse("involvement:time", kwargs={"record_id": record.pk})


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hours": "", "minutes": ""}, "Say how long it took"),
        ({"hours": "two"}, "Enter hours as a number"),
        ({"hours": "30"}, "24 hours at most"),
        ({"minutes": "75"}, "59 or fewer"),
        ({"happened_on_0": "31", "happened_on_1": "2"}, "Enter a real date"),
        ({"payment_choice": "gold"}, "Select a valid choice"),
    ],
)
def test_bad_hours_are_explained_and_nothing_is_saved(
    personas: Personas, overrides: dict[str, object], message: str
) -> None:
    page = signed_in_client(personas.person).post(
        reverse("involvement:time_new", kwargs={"person_id": personas.kyle.pk}),
        _hours_form(**overrides),
    )
    assert page.status_code == 200
    assert message in page.content.decode()
    assert not TimeRecord.objects.exists()


def test_wendy_claims_kyles_travel_with_a_receipt_only_staff_of_his_house_see(
    personas: Personas,
) -> None:
    record = kyles_meeting_hours(personas)
    wendy = signed_in_client(personas.worker)
    url = reverse("involvement:expense_new", kwargs={"person_id": personas.kyle.pk})
    form = {
        "activity": record.activity.pk,
        "kind": "travel",
        "amount": "£14.50",
        "description": "Taxi, the buses were on strike",
        "receipt": receipt_upload(),
        "receipt_description": "A taxi receipt",
        "idempotency_key": str(uuid.uuid4()),
    }

    response = wendy.post(url, form, follow=True)

    claim = ExpenseClaim.objects.get()
    assert claim.amount_pence == 1450 and claim.over_limit
    assert "more than the £10.00 we usually pay for travel" in response.content.decode()
    receipt = reverse("involvement:receipt", kwargs={"claim_id": claim.pk})
    assert signed_in_client(personas.person).get(receipt)["Content-Type"] == "image/jpeg"
    assert signed_in_client(personas.other_worker).get(receipt).status_code == 404
    assert signed_in_client(personas.outsider).get(receipt).status_code == 404


def test_a_wrong_amount_of_money_is_explained(personas: Personas) -> None:
    record = kyles_meeting_hours(personas)
    page = signed_in_client(personas.person).post(
        reverse("involvement:expense_new", kwargs={"person_id": personas.kyle.pk}),
        {
            "activity": record.activity.pk,
            "kind": "meals",
            "amount": "4.505",
            "description": "Lunch",
        },
    )
    assert "Enter an amount in pounds, like 4.50" in page.content.decode()
    assert not ExpenseClaim.objects.exists()


def test_maya_is_warned_about_esa_before_approving_and_kyle_sees_it_in_easy_read(
    personas: Personas,
) -> None:
    kyle_on_esa(personas)
    actions.time_approve(
        viewer=viewer_for(personas.manager, personas.organisation),
        record=kyles_meeting_hours(personas, minutes=15 * 60),
    )
    record = kyles_meeting_hours(personas, minutes=60)
    url = reverse("involvement:time", kwargs={"record_id": record.pk})
    maya = signed_in_client(personas.manager)

    page = maya.get(url).content.decode()
    assert "over the permitted-work limit (up to £195.50" in page

    refused = maya.post(url, {"answer": "approve"})
    assert "tick to approve all the same" in refused.content.decode()
    record.refresh_from_db()
    assert record.status == ClaimStatus.SUBMITTED

    maya.post(url, {"answer": "approve", "confirm_over": "on"})
    record.refresh_from_db()
    assert record.status == ClaimStatus.APPROVED and record.approved_over_permitted_work

    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    waiting = kyles_meeting_hours(personas, minutes=30)
    kyle_page = signed_in_client(personas.person).get(
        reverse("involvement:time", kwargs={"record_id": waiting.pk})
    )
    assert "This payment could change your ESA" in kyle_page.content.decode()


def test_kyle_cannot_approve_his_own_hours(personas: Personas) -> None:
    record = kyles_meeting_hours(personas)
    url = reverse("involvement:time", kwargs={"record_id": record.pk})
    signed_in_client(personas.person).post(url, {"answer": "approve"})
    record.refresh_from_db()
    assert record.status == ClaimStatus.SUBMITTED


def test_the_payroll_csv_is_formula_safe_and_downloads_are_audited(personas: Personas) -> None:
    claim = kyles_travel(personas)
    maya = viewer_for(personas.manager, personas.organisation)
    record = TimeRecord.objects.get(activity=claim.activity)
    record.activity.description = '=HYPERLINK("http://bad.example")'
    record.activity.save(update_fields=["description"])
    actions.time_approve(viewer=maya, record=record)
    actions.expense_approve(viewer=maya, claim=claim)
    ada = signed_in_client(personas.org_admin)
    key = str(uuid.uuid4())

    ada.post(reverse("involvement:payroll"), {"idempotency_key": key})
    ada.post(reverse("involvement:payroll"), {"idempotency_key": key})

    export = record.__class__.objects.get(pk=record.pk).exported_in
    assert export is not None and export.number == 1
    response = ada.get(reverse("involvement:payroll_csv", kwargs={"export_id": export.pk}))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "Export"
    hours_row = next(row for row in rows if row[3] == "hours")
    assert hours_row[4].startswith("'=HYPERLINK")
    assert hours_row[10] == "24.00"
    assert any(row[3] == "expenses: travel" and row[10] == "6.40" for row in rows)
    assert AuditEntry.objects.filter(
        actor=personas.org_admin, action=AuditEntry.Action.EXPORT, summary__startswith="Downloaded"
    ).exists()


def test_kyle_says_he_is_interested_and_maya_says_not_now(personas: Personas) -> None:
    opportunity = policy_editor_opportunity(personas)
    kyle = signed_in_client(personas.person)
    url = reverse("involvement:opportunity", kwargs={"opportunity_id": opportunity.pk})
    kyle.post(url, {"why": "I read every letter we get."})
    kyle.post(url, {"why": "I read every letter we get."})
    interest = Interest.objects.get()

    maya = signed_in_client(personas.manager)
    answer = reverse("involvement:interest", kwargs={"interest_id": interest.pk})
    needs_reason = maya.post(answer, {"answer": "not_now"})
    assert "Say why, so the person knows" in needs_reason.content.decode()
    maya.post(answer, {"answer": "not_now", "reason": "The next round is in March."})

    page = kyle.get(reverse("involvement:person", kwargs={"person_id": personas.kyle.pk}))
    assert "The next round is in March." in page.content.decode()


def test_ada_sets_a_rate_and_a_wrong_one_is_explained(personas: Personas) -> None:
    ada = signed_in_client(personas.org_admin)
    url = reverse("involvement:settings")
    wrong = ada.post(
        url, {"form": "rate-meeting", "rate-meeting-basis": "hourly", "rate-meeting-amount": "lots"}
    )
    assert "Enter an amount in pounds" in wrong.content.decode()
    ada.post(
        url, {"form": "rate-meeting", "rate-meeting-basis": "session", "rate-meeting-amount": "25"}
    )
    rate = Rate.objects.get()
    assert (rate.basis, rate.pence) == ("session", 2500)


def test_the_managers_page_costs_the_same_with_more_claims(
    personas: Personas, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    set_rates(personas)
    for _ in range(6):
        kyles_travel(personas)
    maya = signed_in_client(personas.manager)
    with django_assert_max_num_queries(30):
        page = maya.get(reverse("involvement:manage"))
    assert page.status_code == 200
    assert page.content.decode().count("Meeting: residents&#39; meeting") >= 6


def test_the_figures_count_approved_hours_payments_expenses_and_who_holds_a_role(
    personas: Personas,
) -> None:
    from coproduce.involvement.tests.involvement_helpers import kyles_interest

    claim = kyles_travel(personas)
    maya = viewer_for(personas.manager, personas.organisation)
    actions.time_approve(viewer=maya, record=TimeRecord.objects.get(activity=claim.activity))
    actions.expense_approve(viewer=maya, claim=claim)
    kyles_meeting_hours(personas, minutes=60)  # waiting: not counted
    actions.interest_agree(viewer=maya, interest=kyles_interest(personas))

    page = signed_in_client(personas.manager).get(reverse("involvement:figures"))

    text = page.content.decode()
    assert "1 of 1 people supported hold an involvement role (100%)" in text
    assert "£24.00" in text and "£6.40" in text
    assert "Willow House" in text and "North Home Care" not in text
    assert signed_in_client(personas.worker).get(reverse("involvement:figures")).status_code == 404


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_the_statement_prints_as_a_tagged_pdf_and_the_print_is_audited(
    personas: Personas, easy_read: bool
) -> None:
    claim = kyles_travel(personas)
    maya = viewer_for(personas.manager, personas.organisation)
    actions.time_approve(viewer=maya, record=TimeRecord.objects.get(activity=claim.activity))
    personas.manager.easy_read = easy_read
    personas.manager.save(update_fields=["easy_read"])
    month = last_wednesday().strftime("%Y-%m")

    response = signed_in_client(personas.manager).get(
        reverse("involvement:statement_pdf", kwargs={"person_id": personas.kyle.pk})
        + f"?month={month}"
    )

    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert ("We pay you £24.00." if easy_read else "£24.00") in text
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert AuditEntry.objects.filter(
        actor=personas.manager, action=AuditEntry.Action.EXPORT, summary__contains="statement"
    ).exists()


def test_maya_ends_kyles_role_and_the_dates_stay(personas: Personas) -> None:
    from coproduce.involvement.tests.involvement_helpers import held_kwargs

    url = reverse("involvement:role_end", kwargs=held_kwargs(personas))
    assert signed_in_client(personas.worker).post(url).status_code == 404
    assert signed_in_client(personas.outsider).post(url).status_code == 404

    signed_in_client(personas.manager).post(url)
    signed_in_client(personas.manager).post(url)

    page = signed_in_client(personas.person).get(
        reverse("involvement:person", kwargs={"person_id": personas.kyle.pk})
    )
    assert "Your job: Policy editor" not in page.content.decode()
    personas.person.easy_read = False
    personas.person.save(update_fields=["easy_read"])
    standard = signed_in_client(personas.person).get(
        reverse("involvement:person", kwargs={"person_id": personas.kyle.pk})
    )
    assert "Roles held before" not in standard.content.decode()  # ended today: held until today


def test_maya_closes_an_opportunity_and_kyle_can_no_longer_ask(personas: Personas) -> None:
    opportunity = policy_editor_opportunity(personas)
    url = reverse("involvement:opportunity", kwargs={"opportunity_id": opportunity.pk})
    assert signed_in_client(personas.person).post(url, {"close": "1"}).status_code == 404
    opportunity.refresh_from_db()
    assert opportunity.is_open

    signed_in_client(personas.manager).post(url, {"close": "1"})
    opportunity.refresh_from_db()
    assert not opportunity.is_open
    signed_in_client(personas.person).post(url, {"why": "Me please"})
    assert not Interest.objects.exists()


def test_a_receipt_sent_with_a_mistake_elsewhere_is_asked_for_again(personas: Personas) -> None:
    record = kyles_meeting_hours(personas)
    page = signed_in_client(personas.person).post(
        reverse("involvement:expense_new", kwargs={"person_id": personas.kyle.pk}),
        {
            "activity": record.activity.pk,
            "kind": "travel",
            "amount": "6.40",
            "description": "",
            "receipt": receipt_upload(),
            "receipt_description": "A bus ticket",
        },
    )
    text = page.content.decode()
    assert "Say what you paid for" in text
    assert "Please choose your photo again." in text
    assert not ExpenseClaim.objects.exists()
