"""Voice provenance: the rules for how a view was given, the form fields and the badge words."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django import forms

from coproduce.accounts.models import User
from coproduce.accounts.tests.factories import MembershipFactory, UserFactory
from coproduce.core.models import VoiceHow
from coproduce.core.voice import (
    VoiceForm,
    rule_helper_belongs_to_organisation,
    rule_helper_is_not_the_person,
    rule_helper_named_when_needed,
    rule_helper_only_when_needed,
    rule_how_is_given,
    voice_badge_parts,
    voice_problems,
)

WENDY = User(pk=101, name="Wendy Worker", email="wendy@example.test")
MARY = User(pk=102, name="Mary Brown", email="mary@example.test")
KYLE = User(pk=103, name="Kyle Brown", email="kyle@example.test")


@pytest.mark.parametrize("how", [VoiceHow.SUPPORTED, VoiceHow.ON_BEHALF])
def test_helper_is_required_for_support_or_on_behalf(how: str) -> None:
    problem = rule_helper_named_when_needed(how=how, helper=None)
    assert problem is not None
    assert problem[0] == "voice_helper"
    assert rule_helper_named_when_needed(how=how, helper=MARY) is None


@pytest.mark.parametrize("how", [VoiceHow.TYPED, VoiceHow.SPOKEN, VoiceHow.OBSERVED])
def test_no_helper_is_needed_for_own_words_or_observation(how: str) -> None:
    assert rule_helper_named_when_needed(how=how, helper=None) is None


@pytest.mark.parametrize("how", [VoiceHow.ON_BEHALF, VoiceHow.SUPPORTED])
def test_the_person_cannot_speak_on_their_own_behalf_or_support_themself(how: str) -> None:
    problem = rule_helper_is_not_the_person(how=how, helper=KYLE, person_user=KYLE)
    assert problem is not None
    assert "someone other than the person" in str(problem[1])
    assert rule_helper_is_not_the_person(how=how, helper=MARY, person_user=KYLE) is None


def test_a_view_in_own_words_names_no_helper() -> None:
    assert rule_helper_only_when_needed(how=VoiceHow.TYPED, helper=MARY) is not None
    assert rule_helper_only_when_needed(how=VoiceHow.ON_BEHALF, helper=MARY) is None


def test_a_written_view_says_how_it_was_given() -> None:
    assert rule_how_is_given(how="", view_given=True) is not None
    assert rule_how_is_given(how="", view_given=False) is None


def test_no_view_means_no_provenance() -> None:
    assert voice_problems(how="", helper=None, view_given=False) == {}
    assert "voice_how" in voice_problems(how=VoiceHow.TYPED, helper=None, view_given=False)


def test_problems_are_in_plain_words_one_per_field() -> None:
    problems = voice_problems(how=VoiceHow.ON_BEHALF, helper=None)
    assert problems == {"voice_helper": "Select who gave this view on their behalf"}
    problems = voice_problems(how=VoiceHow.SUPPORTED, helper=None)
    assert problems == {"voice_helper": "Select who helped them give this view"}


@pytest.mark.django_db
def test_helper_must_belong_to_the_organisation(personas) -> None:  # type: ignore[no-untyped-def]
    stranger = UserFactory()
    assert (
        rule_helper_belongs_to_organisation(helper=stranger, organisation=personas.organisation)
        is not None
    )
    assert (
        rule_helper_belongs_to_organisation(
            helper=personas.supporter, organisation=personas.organisation
        )
        is None
    )
    ended = UserFactory()
    membership = MembershipFactory(user=ended, organisation=personas.organisation)
    membership.ended_at = dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))
    membership.save(update_fields=["ended_at"])
    assert (
        rule_helper_belongs_to_organisation(helper=ended, organisation=personas.organisation)
        is not None
    )


class ViewForm(VoiceForm):
    voice_view_field = "view"
    view = forms.CharField(required=False)


@pytest.mark.django_db
class TestVoiceForm:
    def form(self, personas, **data):  # type: ignore[no-untyped-def]
        return ViewForm(data, organisation=personas.organisation, person_user=personas.kyle.user)

    def test_helper_is_required_for_on_behalf(self, personas) -> None:  # type: ignore[no-untyped-def]
        form = self.form(personas, view="Tuesdays", voice_how="on_behalf")
        assert not form.is_valid()
        assert form.errors["voice_helper"] == ["Select who gave this view on their behalf"]

    def test_helper_is_offered_from_the_organisation_only(self, personas) -> None:  # type: ignore[no-untyped-def]
        offered = set(ViewForm(organisation=personas.organisation).fields["voice_helper"].queryset)
        assert personas.supporter in offered
        assert personas.worker in offered
        assert personas.outsider not in offered
        form = self.form(
            personas, view="Tuesdays", voice_how="on_behalf", voice_helper=personas.outsider.pk
        )
        assert not form.is_valid()
        assert form.errors["voice_helper"] == ["Select someone from the list"]

    def test_the_person_cannot_be_their_own_helper(self, personas) -> None:  # type: ignore[no-untyped-def]
        form = self.form(
            personas, view="Tuesdays", voice_how="on_behalf", voice_helper=personas.person.pk
        )
        assert not form.is_valid()
        assert "someone other than the person" in form.errors["voice_helper"][0]

    def test_a_view_needs_to_say_how_it_was_given(self, personas) -> None:  # type: ignore[no-untyped-def]
        form = self.form(personas, view="Tuesdays")
        assert not form.is_valid()
        assert form.errors["voice_how"] == ["Select how the person gave this view"]

    def test_supported_view_with_helper_is_accepted(self, personas) -> None:  # type: ignore[no-untyped-def]
        form = self.form(
            personas, view="Tuesdays", voice_how="supported", voice_helper=personas.worker.pk
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["voice_helper"] == personas.worker

    def test_helper_left_selected_for_own_words_is_dropped(self, personas) -> None:  # type: ignore[no-untyped-def]
        form = self.form(
            personas, view="Tuesdays", voice_how="typed", voice_helper=personas.worker.pk
        )
        assert form.is_valid(), form.errors
        assert form.cleaned_data["voice_helper"] is None

    def test_no_view_clears_the_provenance(self, personas) -> None:  # type: ignore[no-untyped-def]
        form = self.form(personas, view="  ", voice_how="typed")
        assert form.is_valid(), form.errors
        assert form.cleaned_data["voice_how"] == ""


def _view(how: str, helper: User | None = None, note: str = "") -> SimpleNamespace:
    return SimpleNamespace(
        voice_how=how,
        voice_helper=helper,
        voice_helper_note=note,
        voice_recorded_by=WENDY,
        voice_recorded_at=dt.datetime(2027, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/London")),
    )


def test_badge_says_own_words_and_who_recorded_it() -> None:
    badge = voice_badge_parts(_view(VoiceHow.TYPED), "Kyle")
    assert badge is not None
    assert f"{badge.summary} · {badge.recorded}" == (
        "In Kyle's own words, typed · recorded by Wendy on 3 March 2027"
    )


def test_badge_says_observed_for_someone_who_does_not_use_words() -> None:
    badge = voice_badge_parts(_view(VoiceHow.OBSERVED), "Kyle")
    assert badge is not None
    assert badge.summary == "Observed: Kyle does not use words"


def test_badge_names_who_spoke_on_their_behalf_and_how_they_relate() -> None:
    badge = voice_badge_parts(_view(VoiceHow.ON_BEHALF, MARY), "Kyle", "mum")
    assert badge is not None
    assert badge.summary == "Given on Kyle's behalf by Mary (mum)"
    badge = voice_badge_parts(_view(VoiceHow.SUPPORTED, WENDY, "support worker"), "Kyle")
    assert badge is not None
    assert badge.summary == "Kyle's view, given with support from Wendy (support worker)"


def test_no_badge_without_a_view() -> None:
    assert voice_badge_parts(_view(""), "Kyle") is None
