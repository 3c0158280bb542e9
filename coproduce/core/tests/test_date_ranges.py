"""Every typed date has a range counted from today, a plain-words message for a date out
of it and an example inside it; the actions keep the same limits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coproduce.core import date_ranges
from coproduce.core.date_ranges import DateRange, years_from
from coproduce.core.forms import GovukDateField
from coproduce.core.forms_audit import AuditSearchForm
from coproduce.decisions.forms import DecisionForm, OwnDecisionForm
from coproduce.people.forms import DetailsForm
from coproduce.plans.checkins import actions as checkin_actions
from coproduce.plans.checkins.forms import OneToOneActionForm, OneToOneNewForm
from coproduce.plans.checkins.tests.checkin_helpers import kyle_one_to_one
from coproduce.plans.forms import ReviewForm
from coproduce.plans.models.checkins import OneToOne
from coproduce.plans.tests.factories import viewer_of

# Each typed date of the platform, with the range it must keep.
FIELDS = [
    (OneToOneNewForm, "date", date_ranges.MEETING),
    (OneToOneActionForm, "due_on", date_ranges.ACTION_DUE),
    (ReviewForm, "held_on", date_ranges.REVIEW_HELD),
    (ReviewForm, "next_review_on", date_ranges.NEXT_REVIEW),
    (DecisionForm, "decided_on", date_ranges.DECISION),
    (OwnDecisionForm, "decided_on", date_ranges.DECISION),
    (DetailsForm, "date_of_birth", date_ranges.DATE_OF_BIRTH),
    (AuditSearchForm, "date_from", date_ranges.PAST),
    (AuditSearchForm, "date_to", date_ranges.PAST),
]
IDS = [f"{form.__name__}.{name}" for form, name, _range in FIELDS]


def _boxes(day: dt.date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def _field(form: type, name: str) -> GovukDateField:
    field = form.base_fields[name]
    assert isinstance(field, GovukDateField)
    return field


def test_every_date_field_of_the_platform_is_listed_here() -> None:
    found = set()
    for form in (
        OneToOneNewForm,
        OneToOneActionForm,
        ReviewForm,
        DecisionForm,
        OwnDecisionForm,
        DetailsForm,
        AuditSearchForm,
    ):
        found |= {(form, n) for n, f in form.base_fields.items() if isinstance(f, GovukDateField)}
    assert found == {(form, name) for form, name, _range in FIELDS}


@pytest.mark.parametrize(("form", "name", "within"), FIELDS, ids=IDS)
def test_each_date_field_accepts_its_edges_and_refuses_past_them(
    form: type, name: str, within: DateRange
) -> None:
    field = _field(form, name)
    assert field.within is within
    today = timezone.localdate()
    earliest, latest = within.earliest(today), within.latest(today)
    assert field.clean(_boxes(earliest)) == earliest
    assert field.clean(_boxes(latest)) == latest
    for outside, message in (
        (latest + dt.timedelta(days=1), within.too_late),
        (earliest - dt.timedelta(days=1), within.too_early),
    ):
        if outside.year < date_ranges.FIRST_YEAR:
            continue
        with pytest.raises(ValidationError) as exc:
            field.clean(_boxes(outside))
        assert exc.value.messages == [str(message)]


@pytest.mark.parametrize(("form", "name", "within"), FIELDS, ids=IDS)
def test_each_hint_gives_an_example_inside_the_range(
    form: type, name: str, within: DateRange
) -> None:
    hint = str(_field(form, name).help_text)
    match = re.match(r"For example, (\d{1,2}) (\d{1,2}) (\d{4})", hint)
    assert match, hint
    day, month, year = (int(part) for part in match.groups())
    example = dt.date(year, month, day)
    today = timezone.localdate()
    assert within.earliest(today) <= example <= within.latest(today)
    assert within.problem(example) is None


def test_examples_are_worked_out_from_today() -> None:
    today = dt.date(2026, 12, 2)
    assert date_ranges.MEETING.example_for(today) == dt.date(2026, 12, 9)
    assert date_ranges.DECISION.example_for(today) == dt.date(2026, 11, 11)
    assert date_ranges.NEXT_REVIEW.example_for(today) == dt.date(2027, 12, 2)
    assert date_ranges.DATE_OF_BIRTH.example_for(today) == dt.date(1990, 3, 27)
    assert date_ranges.DATE_OF_BIRTH.example_for(dt.date(2031, 6, 1)) == dt.date(1990, 3, 27)


def test_a_hint_keeps_what_it_says_after_the_example() -> None:
    hint = str(_field(OwnDecisionForm, "decided_on").help_text)
    assert hint.startswith("For example, ")
    assert hint.endswith(". Leave it empty if it was today.")


def test_the_meeting_message_names_the_limit() -> None:
    assert date_ranges.MEETING.too_late == "The meeting must be in the next 2 years"
    assert date_ranges.DATE_OF_BIRTH.too_late == "Date of birth must be in the past"


def test_years_from_keeps_29_february_in_range() -> None:
    assert years_from(dt.date(2028, 2, 29), 2) == dt.date(2030, 2, 28)
    assert years_from(dt.date(2028, 2, 29), -5) == dt.date(2023, 2, 28)


# The actions keep the same limits, for whatever calls them.


@pytest.mark.django_db
def test_a_one_to_one_in_2099_is_refused_on_the_page_with_no_record(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    url = reverse("plans:one_to_one_new", kwargs={"person_id": personas.kyle.pk})
    page = client.get(url).content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    response = client.post(
        url,
        {
            "idempotency_key": key,
            "agenda": "College",
            "date-0": "3",
            "date-1": "3",
            "date-2": "2099",
            "keyworker": personas.worker.pk,
        },
    )
    assert response.status_code == 200
    assert "The meeting must be in the next 2 years" in response.content.decode()
    assert not OneToOne.objects.exists()


@pytest.mark.django_db
def test_a_one_to_one_in_2099_is_refused_by_the_action(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        checkin_actions.one_to_one_create(
            viewer=viewer_of(personas.worker, personas.kyle),
            person=personas.kyle,
            keyworker=personas.worker,
            day=dt.date(2099, 3, 3),
            agenda="College",
        )
    assert exc.value.message_dict == {"date": ["The meeting must be in the next 2 years"]}
    assert not OneToOne.objects.exists()


@pytest.mark.django_db
def test_an_action_due_in_2099_is_refused_by_the_action(personas) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    with pytest.raises(ValidationError) as exc:
        checkin_actions.one_to_one_action_add(
            viewer=viewer_of(personas.worker, personas.kyle),
            meeting=meeting,
            what="Ring the college",
            owner="Wendy",
            due_on=dt.date(2099, 1, 1),
        )
    assert exc.value.message_dict == {"due_on": ["The date must be in the next 2 years"]}
    assert not meeting.actions.exists()


@pytest.mark.django_db
def test_a_decision_dated_in_2099_or_before_its_range_is_refused_by_the_action(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.decisions.models import Decision
    from coproduce.decisions.tests.factories import record_decision

    today = timezone.localdate()
    for day, message in (
        (dt.date(2099, 3, 3), "The date the decision was made must be today or in the past"),
        (
            years_from(today, -10) - dt.timedelta(days=1),
            "The decision must be in the last 10 years",
        ),
    ):
        with pytest.raises(ValidationError) as exc:
            record_decision(personas.worker, person=personas.kyle, decided_on=day)
        assert exc.value.message_dict["decided_on"] == [message]
    assert not Decision.objects.exists()
    assert record_decision(personas.worker, person=personas.kyle, decided_on=years_from(today, -10))


@pytest.mark.django_db
def test_a_review_in_the_future_or_a_next_review_in_2099_is_refused_by_the_action(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.plans.actions import plan_review_record
    from coproduce.plans.models import PlanReview
    from coproduce.plans.tests.factories import add_entry

    add_entry(personas.worker, personas.kyle)
    today = timezone.localdate()
    viewer = viewer_of(personas.worker, personas.kyle)
    for held_on, next_on, field, message in (
        (
            today + dt.timedelta(days=1),
            None,
            "held_on",
            "The review date must be today or in the past",
        ),
        (
            years_from(today, -5) - dt.timedelta(days=1),
            None,
            "held_on",
            "The review must be in the last 5 years",
        ),
        (
            today,
            dt.date(2099, 1, 1),
            "next_review_on",
            "The next review must be in the next 2 years",
        ),
    ):
        with pytest.raises(ValidationError) as exc:
            plan_review_record(
                viewer=viewer,
                person=personas.kyle,
                held_on=held_on,
                next_review_on=next_on,
                led_by="person",
                voice_how="spoken",
            )
        assert exc.value.message_dict == {field: [message]}
    assert not PlanReview.objects.exists()


@pytest.mark.django_db
def test_a_check_in_or_progress_note_for_a_day_to_come_is_refused_by_the_action(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.plans.actions import progress_note_add
    from coproduce.plans.models.checkins import CheckIn
    from coproduce.plans.tests.factories import add_entry

    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        checkin_actions.checkin_record(
            viewer=viewer_of(personas.person, personas.kyle),
            person=personas.kyle,
            mood="happy",
            day=tomorrow,
        )
    assert exc.value.message_dict == {"day": ["The day must be today or in the past"]}
    assert not CheckIn.objects.exists()
    entry = add_entry(personas.person, personas.kyle, voice_how="typed")
    with pytest.raises(ValidationError) as exc:
        progress_note_add(
            viewer=viewer_of(personas.person, personas.kyle),
            entry=entry,
            text="I swam",
            noted_on=tomorrow,
        )
    assert exc.value.message_dict == {"noted_on": ["The day must be today or in the past"]}
