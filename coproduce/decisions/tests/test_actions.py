"""Recording decisions in the ledger: the rules, the audit entry, one record per form."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from coproduce.accounts.tests.factories import (
    MembershipFactory,
    PersonFactory,
    ServiceFactory,
    SupporterFactory,
    UserFactory,
)
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.decisions import business_rules
from coproduce.decisions.business_rules import ProposedDecision
from coproduce.decisions.models import Decision, Rung
from coproduce.decisions.tests.factories import DecisionFactory, record_decision

pytestmark = pytest.mark.django_db


def _errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_recording_a_decision_writes_it_and_an_audit_entry(personas) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(
        personas.worker,
        person=personas.kyle,
        participants=[personas.manager],
        other_participants="Dr Patel (GP)",
    )
    assert decision.organisation == personas.organisation
    assert decision.recorded_by == personas.worker
    assert decision.voice_recorded_by == personas.worker
    assert list(decision.participants.all()) == [personas.manager]
    assert decision.other_participants == "Dr Patel (GP)"
    entry = AuditEntry.objects.get(object_type="decisions.decision", object_id=str(decision.pk))
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.actor == personas.worker
    assert "Kyle" in entry.summary


def test_rule_docstrings_state_the_rules() -> None:
    assert business_rules.rule_shaping_rungs_need_the_person.__doc__ == (
        "A decision recorded as co-production or co-design must have the person taking part."
    )
    for rule in business_rules.DECISION_RULES:
        assert rule.__doc__, f"{rule.__name__} needs its rule as a docstring"


@pytest.mark.parametrize("rung", [Rung.CO_PRODUCTION, Rung.CO_DESIGN])
def test_co_production_and_co_design_need_the_person_taking_part(personas, rung) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(personas.worker, person=personas.kyle, rung=rung, person_took_part=False)
    assert "only co-production or co-design if the person took part" in _errors(exc)["rung"][0]
    assert not Decision.objects.exists()


def test_a_decision_taken_without_the_person_is_allowed_and_marked(personas) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(
        personas.worker, person=personas.kyle, rung=Rung.INFORMING, person_took_part=False
    )
    assert decision.taken_without_person
    assert "without them" in AuditEntry.objects.filter(action="create").first().summary


def test_a_decision_is_about_a_person_or_a_service_never_both(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(personas.manager, person=personas.kyle, service=personas.house)
    assert "__all__" in _errors(exc)
    with pytest.raises(ValidationError):
        record_decision(personas.manager, organisation=personas.organisation)


def test_the_database_refuses_a_decision_about_both(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError):
        DecisionFactory(person=personas.kyle, service=personas.house)


def test_a_decision_about_someone_in_another_organisation_is_refused(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(
            personas.worker, organisation=personas.organisation, person=personas.outsider_person
        )
    assert "__all__" in _errors(exc)


def test_a_decision_says_what_was_decided_and_is_not_dated_in_the_future(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(
            personas.worker,
            person=personas.kyle,
            what="   ",
            decided_on=timezone.localdate() + dt.timedelta(days=1),
        )
    errors = _errors(exc)
    assert errors["what"] == ["Enter what was decided"]
    assert errors["decided_on"] == ["The date the decision was made must be today or in the past"]


def test_participants_must_belong_to_the_organisation(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(personas.worker, person=personas.kyle, participants=[personas.outsider])
    assert _errors(exc)["participants"] == ["Select people from the list"]


def test_a_view_given_on_behalf_names_who_gave_it(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(personas.worker, person=personas.kyle, voice_how=VoiceHow.ON_BEHALF)
    assert _errors(exc)["voice_helper"] == ["Select who gave this view on their behalf"]


def test_the_person_cannot_give_a_view_on_their_own_behalf(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(
            personas.worker,
            person=personas.kyle,
            voice_how=VoiceHow.ON_BEHALF,
            voice_helper=personas.person,
        )
    assert "someone other than the person" in _errors(exc)["voice_helper"][0]


def test_a_view_needs_its_provenance_and_provenance_needs_a_view(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        record_decision(personas.worker, person=personas.kyle, voice_how="")
    assert _errors(exc)["voice_how"] == ["Select how the person gave this view"]
    with pytest.raises(ValidationError):
        record_decision(personas.worker, person=personas.kyle, person_view="")
    decision = record_decision(personas.worker, person=personas.kyle, person_view="", voice_how="")
    assert decision.voice_how == ""
    assert decision.voice_recorded_by is None


def test_the_helper_relationship_is_kept_with_the_view(personas) -> None:  # type: ignore[no-untyped-def]
    by_mary = record_decision(
        personas.worker,
        person=personas.kyle,
        voice_how=VoiceHow.ON_BEHALF,
        voice_helper=personas.supporter,
    )
    assert by_mary.voice_helper_note == "family member"
    with_wendy = record_decision(
        personas.manager,
        person=personas.kyle,
        voice_how=VoiceHow.SUPPORTED,
        voice_helper=personas.worker,
    )
    assert with_wendy.voice_helper_note == "support worker"


def test_the_same_form_sent_twice_records_one_decision(personas) -> None:  # type: ignore[no-untyped-def]
    key = uuid.uuid4()
    first = record_decision(personas.worker, person=personas.kyle, idempotency_key=key)
    second = record_decision(personas.worker, person=personas.kyle, idempotency_key=key)
    assert first.pk == second.pk
    assert Decision.objects.count() == 1
    assert AuditEntry.objects.filter(action="create", object_type="decisions.decision").count() == 1


def test_a_decision_can_link_to_what_was_decided(personas) -> None:  # type: ignore[no-untyped-def]
    decision = record_decision(personas.manager, service=personas.house, subject=personas.home_care)
    decision.refresh_from_db()
    assert decision.subject == personas.home_care


def test_the_ladder_is_in_order() -> None:
    assert [Rung.order(value) for value in Rung.values] == list(range(7))
    assert (
        Rung.order(Rung.COERCION) < Rung.order(Rung.CONSULTATION) < Rung.order(Rung.CO_PRODUCTION)
    )
    assert Decision(rung=Rung.CO_DESIGN).rung_order == 5


def test_rules_run_on_a_proposed_decision_without_a_database_write(personas) -> None:  # type: ignore[no-untyped-def]
    proposed = ProposedDecision(
        organisation=personas.organisation,
        person=personas.kyle,
        what="Move to a new flat",
        person_took_part=False,
        rung=Rung.CO_PRODUCTION,
        decided_on=timezone.localdate(),
    )
    assert set(business_rules.decision_problems(proposed)) == {"rung"}


# Queries the home page and the overview use.


def test_home_counts_for_the_person_this_year(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.viewer import viewer_for
    from coproduce.decisions.queries import decision_counts_for_home

    record_decision(personas.worker, person=personas.kyle)
    record_decision(
        personas.worker, person=personas.kyle, rung=Rung.INFORMING, person_took_part=False
    )
    DecisionFactory(person=personas.kyle, decided_on=dt.date(2001, 1, 1))
    counts = decision_counts_for_home(viewer_for(personas.person, personas.organisation))
    assert counts["me"]["total"] == 2
    assert counts["me"]["without"] == 1
    supporter_counts = decision_counts_for_home(
        viewer_for(personas.supporter, personas.organisation)
    )
    assert supporter_counts["shared"][0]["name"] == "Kyle"
    assert supporter_counts["shared"][0]["total"] == 2
    manager_counts = decision_counts_for_home(viewer_for(personas.manager, personas.organisation))
    assert manager_counts["services"] == {"total": 2, "without": 1}
    assert decision_counts_for_home(viewer_for(personas.commissioner, personas.organisation)) == {}


def test_home_counts_leave_out_people_who_do_not_share_their_plan(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.viewer import viewer_for
    from coproduce.decisions.queries import decision_counts_for_home

    friend = UserFactory(name="Fran Friend")
    MembershipFactory(user=friend, organisation=personas.organisation, role="supporter")
    SupporterFactory(person=personas.kyle, user=friend, scopes=["profile"])
    record_decision(personas.worker, person=personas.kyle)
    assert decision_counts_for_home(viewer_for(friend, personas.organisation)) == {}


def test_service_counts_come_from_one_query_and_count_people_in_the_service(
    personas, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.viewer import viewer_for
    from coproduce.decisions.queries import service_decision_counts

    jo = PersonFactory(
        organisation=personas.organisation, services=[personas.house, personas.home_care]
    )
    record_decision(personas.worker, person=personas.kyle, rung=Rung.CO_DESIGN)
    record_decision(
        personas.org_admin,
        person=jo,
        rung=Rung.COERCION,
        person_took_part=False,
        person_view="",
        voice_how="",
    )
    record_decision(personas.manager, service=personas.house, rung=Rung.CONSULTATION)
    for number in range(5):
        ServiceFactory(organisation=personas.organisation, name=f"Extra {number}")
    viewer = viewer_for(personas.quality_lead, personas.organisation)
    with django_assert_num_queries(2):
        rows = {row.service.name: row for row in service_decision_counts(viewer, sort="total")}
    house = rows["Willow House"]
    assert (house.total, house.without_person, house.shaping) == (3, 1, 1)
    assert house.by_rung[Rung.COERCION] == 1
    assert house.shaping_percent == 33
    home_care = rows["North Home Care"]
    assert (home_care.total, home_care.without_person) == (1, 1)
    assert rows["Extra 0"].total == 0
    assert "Hillside House" not in rows


def test_easy_read_rung_sentences_keep_to_the_easy_read_limits() -> None:
    from coproduce.core.plain_language import check_easy_read
    from coproduce.decisions.models import RUNG_EASY_READ, RUNG_EASY_READ_ABOUT

    for sentences in (RUNG_EASY_READ, RUNG_EASY_READ_ABOUT):
        assert set(sentences) == set(Rung.values)
        for text in sentences.values():
            assert not check_easy_read(str(text)).issues, text


@pytest.mark.parametrize("sort", ["name", "without", "shaping", "total"])
def test_service_pages_read_one_page_and_keep_the_order_of_every_sort(
    personas, sort: str, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    """The overview pages through the services a page at a time, in the same order as
    sorting them all would give, whatever the sort."""
    from django.core.paginator import Paginator

    from coproduce.accounts.viewer import viewer_for
    from coproduce.decisions.queries import service_decision_counts, service_decision_pages

    extras = [
        ServiceFactory(organisation=personas.organisation, name=f"Extra {n:02}") for n in range(12)
    ]
    record_decision(personas.org_admin, service=extras[3], rung=Rung.COERCION,
                    person_took_part=False, person_view="", voice_how="")  # fmt: skip
    record_decision(personas.org_admin, service=extras[7], rung=Rung.CO_PRODUCTION)
    record_decision(personas.org_admin, service=extras[7], rung=Rung.CONSULTATION)
    record_decision(personas.worker, person=personas.kyle, rung=Rung.CO_DESIGN)
    viewer = viewer_for(personas.senior_leader, personas.organisation)
    everything = [(c.service.pk, c.total) for c in service_decision_counts(viewer, sort=sort)]

    paginator = Paginator(service_decision_pages(viewer, sort=sort), 5)
    paged = []
    for number in paginator.page_range:
        with django_assert_max_num_queries(4):
            page = Paginator(service_decision_pages(viewer, sort=sort), 5).page(number)
            paged.extend((c.service.pk, c.total) for c in page.object_list)
    assert paged == everything
    assert paginator.count == len(everything)
