"""Writing the support plan: agreement states, the ledger, conflicts and double submits."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError

from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.decisions.models import Decision, Rung
from coproduce.plans import business_rules
from coproduce.plans.actions import (
    EntryConflict,
    EntryWords,
    plan_agree,
    plan_entry_add,
    plan_entry_respond,
    plan_entry_update,
)
from coproduce.plans.models import Agreement, PlanEntry, PlanEntryRevision, SupportPlan
from coproduce.plans.tests.factories import add_entry, add_when_entry, viewer_of

pytestmark = pytest.mark.django_db


def test_entry_written_by_staff_without_the_person_is_not_yet_agreed_and_informing(
    personas,
) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    assert entry.agreement == Agreement.NOT_YET_AGREED
    assert entry.voice_how == ""
    decision = entry.decision
    assert decision is not None
    assert decision.rung == Rung.INFORMING
    assert decision.person_took_part is False
    assert decision.subject == entry
    assert decision.person == personas.kyle


def test_entry_the_person_writes_is_agreed_and_co_production(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.person, personas.kyle, text="I like my tea with two sugars.")
    assert entry.agreement == Agreement.AGREED
    assert entry.voice_how == VoiceHow.TYPED
    assert entry.decision.rung == Rung.CO_PRODUCTION
    assert entry.decision.person_took_part is True
    assert entry.decision.person_view == "I like my tea with two sugars."


def test_entry_in_the_persons_spoken_words_is_co_production_but_waits_for_an_answer(
    personas,
) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, voice_how=VoiceHow.SPOKEN)
    assert entry.agreement == Agreement.NOT_YET_AGREED
    assert entry.decision.rung == Rung.CO_PRODUCTION


def test_entry_given_on_the_persons_behalf_is_consultation_without_them(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(
        personas.worker,
        personas.kyle,
        voice_how=VoiceHow.ON_BEHALF,
        voice_helper=personas.supporter,
    )
    assert entry.decision.rung == Rung.CONSULTATION
    assert entry.decision.person_took_part is False


def test_first_entry_creates_the_plan_with_a_review_in_twelve_months(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    plan = SupportPlan.objects.get(person=personas.kyle)
    assert entry.plan == plan
    assert plan.organisation == personas.organisation
    assert (plan.review_due_on - dt.date.today()).days in (365, 366)
    assert plan.status == SupportPlan.Status.DRAFT


def test_adding_writes_a_revision_and_an_audit_entry(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    assert list(entry.revisions.values_list("version", "kind")) == [(1, "added")]
    audit = AuditEntry.objects.get(object_type="plans.planentry", action=AuditEntry.Action.CREATE)
    assert audit.actor == personas.worker
    assert "Kyle" in audit.summary


def test_the_same_add_form_sent_twice_adds_one_entry_and_one_decision(personas) -> None:  # type: ignore[no-untyped-def]
    key = uuid.uuid4()
    viewer = viewer_of(personas.worker, personas.kyle)
    words = EntryWords(text="Go to the cinema on Fridays")
    first = plan_entry_add(
        viewer=viewer, person=personas.kyle, section="what", words=words, idempotency_key=key
    )
    second = plan_entry_add(
        viewer=viewer, person=personas.kyle, section="what", words=words, idempotency_key=key
    )
    assert first.pk == second.pk
    assert PlanEntry.objects.count() == 1
    assert Decision.objects.filter(person=personas.kyle).count() == 1


def test_when_entry_needs_a_day_and_times_or_flexible(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        add_entry(personas.worker, personas.kyle, section="when", text="Swimming")
    assert set(exc.value.message_dict) == {"weekday", "starts_at", "ends_at"}
    with pytest.raises(ValidationError) as exc:
        add_entry(
            personas.worker,
            personas.kyle,
            section="when",
            text="Swimming",
            weekday=1,
            starts_at=dt.time(12),
            ends_at=dt.time(10),
        )
    assert "ends_at" in exc.value.message_dict
    flexible = add_entry(
        personas.worker, personas.kyle, section="when", text="Shopping", flexible=True
    )
    assert flexible.flexible is True
    assert flexible.weekday is None


def test_answers_outside_the_section_are_dropped(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(
        personas.worker,
        personas.kyle,
        section="how",
        text="Speak slowly",
        how_i_will_know="x",
        weekday=2,
    )
    assert entry.how_i_will_know == ""
    assert entry.weekday is None


def test_a_stale_edit_is_a_conflict_and_keeps_both_versions(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Swimming on Tuesdays")
    kyle = viewer_of(personas.person, personas.kyle)
    plan_entry_update(
        viewer=kyle, entry=entry, base_version=1, words=EntryWords(text="Swimming on Mondays")
    )
    with pytest.raises(EntryConflict) as exc:
        plan_entry_update(
            viewer=viewer_of(personas.manager, personas.kyle),
            entry=entry,
            base_version=1,
            words=EntryWords(text="Swimming on Wednesdays"),
        )
    assert exc.value.current.text == "Swimming on Mondays"
    entry.refresh_from_db()
    assert entry.text == "Swimming on Mondays"
    assert entry.version == 2
    assert list(entry.revisions.values_list("text", flat=True)) == [
        "Swimming on Mondays",
        "Swimming on Tuesdays",
    ]


def test_the_same_edit_sent_twice_saves_once(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    viewer = viewer_of(personas.worker, personas.kyle)
    words = EntryWords(text="Swimming twice a week")
    plan_entry_update(viewer=viewer, entry=entry, base_version=1, words=words)
    again = plan_entry_update(viewer=viewer, entry=entry, base_version=1, words=words)
    assert again.version == 2
    assert PlanEntryRevision.objects.filter(entry=entry).count() == 2


def test_staff_change_to_an_agreed_entry_waits_for_the_person_again(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.person, personas.kyle)
    assert entry.agreement == Agreement.AGREED
    changed = plan_entry_update(
        viewer=viewer_of(personas.worker, personas.kyle),
        entry=entry,
        base_version=entry.version,
        words=EntryWords(text="Swimming with Wendy"),
    )
    assert changed.agreement == Agreement.NOT_YET_AGREED
    assert changed.decision.rung == Rung.INFORMING


def test_the_person_agreeing_an_entry_is_co_production(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    answered = plan_entry_respond(
        viewer=viewer_of(personas.person, personas.kyle),
        entry=entry,
        base_version=1,
        answer=Agreement.AGREED,
    )
    assert answered.agreement == Agreement.AGREED
    assert answered.response_how == VoiceHow.TYPED
    assert answered.response_recorded_by == personas.person
    assert answered.decision.rung == Rung.CO_PRODUCTION
    assert answered.decision.person_took_part is True
    assert Decision.objects.filter(person=personas.kyle).count() == 2
    assert answered.revisions.first().kind == PlanEntryRevision.Kind.RESPONSE


def test_disagreeing_keeps_the_persons_comment_and_is_consultation(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    answered = plan_entry_respond(
        viewer=viewer_of(personas.person, personas.kyle),
        entry=entry,
        base_version=1,
        answer=Agreement.DISAGREED,
        comment="I do not like swimming.",
    )
    assert answered.person_comment == "I do not like swimming."
    assert answered.decision.rung == Rung.CONSULTATION
    assert answered.decision.person_view == "I do not like swimming."


def test_asking_for_a_change_says_what_to_change(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    with pytest.raises(ValidationError) as exc:
        plan_entry_respond(
            viewer=viewer_of(personas.person, personas.kyle),
            entry=entry,
            base_version=1,
            answer=Agreement.CHANGED,
        )
    assert "comment" in exc.value.message_dict


def test_supporter_answering_on_the_persons_behalf_is_consultation_without_them(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    answered = plan_entry_respond(
        viewer=viewer_of(personas.supporter, personas.kyle),
        entry=entry,
        base_version=1,
        answer=Agreement.AGREED,
        voice_how=VoiceHow.ON_BEHALF,
        voice_helper=personas.supporter,
    )
    assert answered.response_how == VoiceHow.ON_BEHALF
    assert answered.response_helper == personas.supporter
    assert answered.decision.rung == Rung.CONSULTATION
    assert answered.decision.person_took_part is False


def test_someone_else_answering_must_say_how_the_person_answered(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    with pytest.raises(ValidationError) as exc:
        plan_entry_respond(
            viewer=viewer_of(personas.supporter, personas.kyle),
            entry=entry,
            base_version=1,
            answer=Agreement.AGREED,
        )
    assert "voice_how" in exc.value.message_dict


def test_the_same_answer_sent_twice_is_saved_once(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    kyle = viewer_of(personas.person, personas.kyle)
    plan_entry_respond(viewer=kyle, entry=entry, base_version=1, answer=Agreement.AGREED)
    again = plan_entry_respond(viewer=kyle, entry=entry, base_version=1, answer=Agreement.AGREED)
    assert again.version == 2
    assert Decision.objects.filter(person=personas.kyle).count() == 2


def test_an_answer_to_an_older_version_is_a_conflict(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    plan_entry_update(
        viewer=viewer_of(personas.worker, personas.kyle),
        entry=entry,
        base_version=1,
        words=EntryWords(text="Swimming on Fridays"),
    )
    with pytest.raises(EntryConflict):
        plan_entry_respond(
            viewer=viewer_of(personas.person, personas.kyle),
            entry=entry,
            base_version=1,
            answer=Agreement.AGREED,
        )


def test_a_plan_is_agreed_only_once_every_entry_has_an_answer(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle)
    kyle = viewer_of(personas.person, personas.kyle)
    plan = entry.plan
    plan.refresh_from_db()
    with pytest.raises(ValidationError):
        plan_agree(viewer=kyle, person=personas.kyle, base_version=plan.version, agreed_how="tick")
    plan_entry_respond(viewer=kyle, entry=entry, base_version=1, answer=Agreement.AGREED)
    plan.refresh_from_db()
    agreed = plan_agree(
        viewer=kyle, person=personas.kyle, base_version=plan.version, agreed_how="tick"
    )
    assert agreed.status == SupportPlan.Status.AGREED
    assert agreed.agreed_how == "tick"
    assert agreed.voice_how == VoiceHow.TYPED
    assert agreed.voice_recorded_by == personas.person
    ledger = Decision.objects.filter(person=personas.kyle).first()
    assert ledger.rung == Rung.CO_PRODUCTION
    assert "agreed their support plan" in ledger.what


def test_only_the_person_ticks_to_agree_and_a_supporter_confirming_is_named(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.person, personas.kyle)
    plan = SupportPlan.objects.get(pk=entry.plan_id)
    mary = viewer_of(personas.supporter, personas.kyle)
    with pytest.raises(ValidationError) as exc:
        plan_agree(viewer=mary, person=personas.kyle, base_version=plan.version, agreed_how="tick")
    assert "agreed_how" in exc.value.message_dict
    agreed = plan_agree(
        viewer=mary, person=personas.kyle, base_version=plan.version, agreed_how="supporter"
    )
    assert agreed.voice_how == VoiceHow.SUPPORTED
    assert agreed.voice_helper == personas.supporter
    again = plan_agree(
        viewer=mary, person=personas.kyle, base_version=plan.version, agreed_how="supporter"
    )
    assert again.version == agreed.version


def test_a_change_after_agreement_sends_the_plan_back_to_be_agreed(personas) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.person, personas.kyle)
    plan = SupportPlan.objects.get(pk=entry.plan_id)
    plan_agree(
        viewer=viewer_of(personas.person, personas.kyle),
        person=personas.kyle,
        base_version=plan.version,
        agreed_how="tick",
    )
    add_when_entry(personas.worker, personas.kyle)
    plan.refresh_from_db()
    assert plan.status == SupportPlan.Status.DRAFT


def test_rule_docstrings_state_the_rules() -> None:
    for rule in (
        business_rules.entry_rung,
        business_rules.response_rung,
        business_rules.when_problems,
        business_rules.comment_problems,
        business_rules.plan_agreement_problems,
    ):
        assert rule.__doc__


def test_progress_note_keeps_the_persons_words_and_is_audited(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.plans.actions import progress_note_add

    entry = add_entry(personas.person, personas.kyle)
    note = progress_note_add(
        viewer=viewer_of(personas.person, personas.kyle), entry=entry, text="I swam 2 lengths!"
    )
    assert note.voice_how == VoiceHow.TYPED
    assert note.noted_on == dt.date.today()
    assert AuditEntry.objects.filter(object_type="plans.progressnote").exists()
    with pytest.raises(ValidationError):
        progress_note_add(viewer=viewer_of(personas.worker, personas.kyle), entry=entry, text=" ")


def test_progress_note_from_staff_says_how_the_person_gave_it(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.plans.actions import progress_note_add

    entry = add_entry(personas.worker, personas.kyle)
    worker = viewer_of(personas.worker, personas.kyle)
    with pytest.raises(ValidationError) as exc:
        progress_note_add(viewer=worker, entry=entry, text="Kyle enjoyed it")
    assert "voice_how" in exc.value.message_dict
    note = progress_note_add(
        viewer=worker, entry=entry, text="I liked it", voice_how=VoiceHow.SPOKEN
    )
    assert note.voice_recorded_by == personas.worker


def test_staff_recording_a_supporter_confirming_name_one_of_the_persons_supporters(
    personas,
) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.person, personas.kyle)
    plan = SupportPlan.objects.get(pk=entry.plan_id)
    worker = viewer_of(personas.worker, personas.kyle)
    with pytest.raises(ValidationError) as exc:
        plan_agree(
            viewer=worker, person=personas.kyle, base_version=plan.version, agreed_how="supporter"
        )
    assert "voice_helper" in exc.value.message_dict
    with pytest.raises(ValidationError):
        plan_agree(
            viewer=worker,
            person=personas.kyle,
            base_version=plan.version,
            agreed_how="supporter",
            voice_helper=personas.manager,
        )
    agreed = plan_agree(
        viewer=worker,
        person=personas.kyle,
        base_version=plan.version,
        agreed_how="supporter",
        voice_helper=personas.supporter,
    )
    assert agreed.voice_helper == personas.supporter
    assert agreed.voice_recorded_by == personas.worker
