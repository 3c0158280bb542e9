"""Review meetings of a support plan, and reviewing sooner when something is not working."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from coproduce.core.actions import user_preferences_update
from coproduce.core.models import VoiceHow
from coproduce.decisions.models import Decision, Rung
from coproduce.plans.actions import plan_review_record
from coproduce.plans.business_rules import review_brought_forward
from coproduce.plans.checkins.actions import not_working_flag
from coproduce.plans.models import PlanReview, ReviewLedBy, SupportPlan, a_year_from
from coproduce.plans.tests.factories import add_entry, viewer_of

pytestmark = pytest.mark.django_db


def _record(personas, user=None, **kwargs):  # type: ignore[no-untyped-def]
    user = user or personas.person
    defaults = {
        "held_on": timezone.localdate(),
        "led_by": ReviewLedBy.PERSON,
        "what_is_working": "I like my cooking days",
        "what_will_change": "More time at the pool",
    }
    defaults.update(kwargs)
    return plan_review_record(
        viewer=viewer_of(user, personas.kyle), person=personas.kyle, **defaults
    )


# The action


def test_review_sets_the_next_review_a_year_on_and_clears_the_reminder(personas) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    plan = SupportPlan.objects.get(person=personas.kyle)
    plan.review_reminded_on = timezone.localdate()
    plan.save(update_fields=["review_reminded_on"])
    review = _record(personas)
    plan.refresh_from_db()
    assert review.next_review_on == a_year_from(timezone.localdate())
    assert plan.review_due_on == review.next_review_on
    assert plan.review_reminded_on is None
    assert review.voice_how == VoiceHow.TYPED


def test_review_the_person_led_is_co_production_in_the_ledger(personas) -> None:  # type: ignore[no-untyped-def]
    review = _record(personas)
    decision = Decision.objects.get(person=personas.kyle)
    assert decision.rung == Rung.CO_PRODUCTION
    assert decision.person_took_part is True
    assert decision.subject == review


def test_review_led_with_support_is_co_design_and_a_chosen_next_date_is_kept(personas) -> None:  # type: ignore[no-untyped-def]
    next_on = timezone.localdate() + dt.timedelta(days=90)
    _record(
        personas,
        user=personas.worker,
        led_by=ReviewLedBy.PERSON_WITH_SUPPORT,
        voice_how=VoiceHow.SPOKEN,
        next_review_on=next_on,
    )
    assert Decision.objects.get(person=personas.kyle).rung == Rung.CO_DESIGN
    assert SupportPlan.objects.get(person=personas.kyle).review_due_on == next_on


def test_review_staff_led_on_the_persons_behalf_is_consultation_without_them(personas) -> None:  # type: ignore[no-untyped-def]
    _record(
        personas,
        user=personas.worker,
        led_by=ReviewLedBy.STAFF,
        voice_how=VoiceHow.ON_BEHALF,
        voice_helper=personas.supporter,
    )
    decision = Decision.objects.get(person=personas.kyle)
    assert decision.rung == Rung.CONSULTATION
    assert decision.person_took_part is False


def test_review_sent_twice_is_recorded_once(personas) -> None:  # type: ignore[no-untyped-def]
    key = uuid.uuid4()
    first = _record(personas, idempotency_key=key)
    second = _record(personas, idempotency_key=key)
    assert first.pk == second.pk
    assert PlanReview.objects.count() == 1
    assert Decision.objects.filter(person=personas.kyle).count() == 1


# Reviewing sooner


def test_rule_brings_the_review_forward_to_within_four_weeks() -> None:
    today = dt.date(2026, 3, 1)
    assert review_brought_forward(review_due_on=dt.date(2027, 1, 1), today=today) == dt.date(
        2026, 3, 29
    )


def test_rule_never_pushes_the_review_later() -> None:
    today = dt.date(2026, 3, 1)
    soon = dt.date(2026, 3, 10)
    assert review_brought_forward(review_due_on=soon, today=today) == soon


def test_not_working_flag_brings_the_plan_review_forward(personas) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    not_working_flag(
        viewer=viewer_of(personas.person, personas.kyle), person=personas.kyle, what="The bus"
    )
    plan = SupportPlan.objects.get(person=personas.kyle)
    assert plan.review_due_on == timezone.localdate() + dt.timedelta(days=28)


# The pages


def _new_url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("plans:review_new", kwargs={"person_id": personas.kyle.pk})


def _list_url(personas) -> str:  # type: ignore[no-untyped-def]
    return reverse("plans:reviews", kwargs={"person_id": personas.kyle.pk})


def _date(name: str, day: dt.date) -> dict[str, str]:
    return {f"{name}-0": str(day.day), f"{name}-1": str(day.month), f"{name}-2": str(day.year)}


def test_person_records_their_own_review_once_when_sent_twice(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.person)
    assert client.get(_new_url(personas)).status_code == 200
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "led_by": ReviewLedBy.PERSON,
        "what_is_working": "Cooking",
        "what_is_not_working": "The bus",
        "what_will_change": "A taxi on Fridays",
        **_date("held_on", timezone.localdate()),
    }
    assert client.post(_new_url(personas), data).status_code == 302
    assert client.post(_new_url(personas), data).status_code == 302
    review = PlanReview.objects.get()
    assert review.what_will_change == "A taxi on Fridays"
    assert review.voice_how == VoiceHow.TYPED


def test_worker_must_say_how_the_words_were_given(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "led_by": ReviewLedBy.PERSON,
        **_date("held_on", timezone.localdate()),
    }
    response = client_for(personas.worker).post(_new_url(personas), data)
    assert response.status_code == 200
    assert "Select how these words were given" in response.content.decode()
    assert not PlanReview.objects.exists()


def test_reviews_list_shows_words_voice_and_next_date(
    personas, client_for, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    for _n in range(3):
        _record(personas)
    client = client_for(personas.supporter)
    with django_assert_max_num_queries(30):
        page = client.get(_list_url(personas)).content.decode()
    assert page.count("More time at the pool") == 3
    assert "app-voice" in page
    assert reverse("plans:review_new", kwargs={"person_id": personas.kyle.pk}) not in page


def test_easy_read_plan_links_to_reviews(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    add_entry(personas.worker, personas.kyle)
    user_preferences_update(user=personas.person, easy_read=True)
    page = (
        client_for(personas.person)
        .get(reverse("plans:plan", kwargs={"person_id": personas.kyle.pk}))
        .content.decode()
    )
    assert _list_url(personas) in page
    assert _new_url(personas) in page


def test_supporter_may_not_record_a_review(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(personas.supporter).get(_new_url(personas)).status_code == 404


def test_outsider_gets_404_for_review_pages(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for(personas.outsider)
    assert client.get(_new_url(personas)).status_code == 404
    assert client.get(_list_url(personas)).status_code == 404


def test_other_worker_gets_404_for_the_review_list(personas, client_for) -> None:  # type: ignore[no-untyped-def]
    assert client_for(personas.other_worker).get(_list_url(personas)).status_code == 404
