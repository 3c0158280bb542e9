"""Starting, writing, moving, signing off, publishing and reviewing documents."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from conftest import Personas
from coproduce.accounts.models import Notification
from coproduce.accounts.viewer import viewer_for
from coproduce.codesign.actions import (
    MoveRefused,
    NotAllowed,
    Words,
    document_move,
    document_sign_off,
    reviews_remind,
    version_save,
)
from coproduce.codesign.models import Document, DocumentStatus, DocumentVersion
from coproduce.codesign.tests.document_helpers import (
    charter,
    draft,
    house_information,
    kyle_as_policy_editor,
    publish,
)
from coproduce.core.models import AuditEntry

pytestmark = pytest.mark.django_db
S = DocumentStatus


def _v(p: Personas, user: object) -> object:
    return viewer_for(user, p.organisation)  # type: ignore[arg-type]


def test_a_document_starts_as_a_draft_with_its_first_version(personas: Personas) -> None:
    document = draft(personas)
    assert document.status == S.DRAFT
    assert document.owner == personas.manager
    version = document.current_version
    assert version is not None and version.number == 1
    assert [p.easy_text for p in version.paragraphs.all()] == [
        "Drink lots of water when it is hot."
    ]
    assert AuditEntry.objects.filter(object_id=str(document.pk), action="create").exists()


def test_the_same_form_sent_twice_starts_one_document(personas: Personas) -> None:
    key = uuid.uuid4()
    first = draft(personas, idempotency_key=key)
    second = draft(personas, idempotency_key=key)
    assert first.pk == second.pk
    assert Document.objects.count() == 1


def test_a_document_needs_services_or_the_whole_organisation(personas: Personas) -> None:
    with pytest.raises(ValidationError) as raised:
        draft(personas, services=[])
    assert "services" in raised.value.message_dict


def test_an_easy_read_paragraph_needs_its_standard_words(personas: Personas) -> None:
    with pytest.raises(ValidationError) as raised:
        draft(personas, paragraphs=[Words(text="", easy_text="Only easy read.")])
    assert "paragraphs" in raised.value.message_dict


def test_every_version_is_kept_with_what_changed(personas: Personas) -> None:
    document = draft(personas)
    version_save(
        viewer=_v(personas, personas.manager),  # type: ignore[arg-type]
        document=document,
        title="Keeping safe in hot weather",
        paragraphs=[Words(text="Drink water.", easy_text="Drink water.")],
        what_changed="Shorter words.",
    )
    numbers = list(document.versions.values_list("number", "what_changed"))
    assert numbers == [(2, "Shorter words."), (1, "")]
    assert Document.objects.get(pk=document.pk).current_version.number == 2  # type: ignore[union-attr]


def test_a_new_version_says_what_changed(personas: Personas) -> None:
    document = draft(personas)
    with pytest.raises(ValidationError):
        version_save(
            viewer=_v(personas, personas.manager),  # type: ignore[arg-type]
            document=document,
            title="T",
            paragraphs=[Words(text="Words.")],
        )


def test_a_version_sent_twice_is_kept_once(personas: Personas) -> None:
    document = draft(personas)
    key = uuid.uuid4()
    for _ in range(2):
        version_save(
            viewer=_v(personas, personas.manager),  # type: ignore[arg-type]
            document=document,
            title="T",
            paragraphs=[Words(text="Words.")],
            what_changed="Shorter.",
            idempotency_key=key,
        )
    assert DocumentVersion.objects.filter(document=document).count() == 2


def test_a_draft_cannot_be_published_before_sign_off(personas: Personas) -> None:
    document = draft(personas)
    editor = _v(personas, personas.manager)
    document_move(viewer=editor, document=document, to_status=S.EASY_READ)  # type: ignore[arg-type]
    with pytest.raises(MoveRefused):
        document_move(viewer=editor, document=document, to_status=S.PUBLISHED)  # type: ignore[arg-type]
    with pytest.raises(MoveRefused):
        document_move(viewer=editor, document=document, to_status=S.SIGNED_OFF)  # type: ignore[arg-type]


def test_staff_cannot_sign_off_the_easy_read(personas: Personas) -> None:
    document = draft(personas)
    editor = _v(personas, personas.manager)
    document_move(viewer=editor, document=document, to_status=S.EASY_READ)  # type: ignore[arg-type]
    with pytest.raises(NotAllowed):
        document_sign_off(viewer=editor, document=document, understood=True, minutes=10)  # type: ignore[arg-type]


def test_a_person_without_the_paid_editor_role_cannot_sign_off(personas: Personas) -> None:
    document = draft(personas)
    document_move(viewer=_v(personas, personas.manager), document=document, to_status=S.EASY_READ)  # type: ignore[arg-type]
    with pytest.raises(NotAllowed):
        document_sign_off(
            viewer=_v(personas, personas.person),
            document=document,
            understood=True,
            minutes=10,  # type: ignore[arg-type]
        )


def test_signing_off_records_the_time_for_payment(personas: Personas) -> None:
    from coproduce.involvement.models import ActivityKind, TimeRecord

    document = draft(personas)
    document_move(viewer=_v(personas, personas.manager), document=document, to_status=S.EASY_READ)  # type: ignore[arg-type]
    kyle_as_policy_editor(personas)
    with pytest.raises(ValidationError):
        document_sign_off(
            viewer=_v(personas, personas.person),
            document=document,
            understood=True,
            minutes=0,  # type: ignore[arg-type]
        )
    key = uuid.uuid4()
    for _ in range(2):
        sign_off = document_sign_off(
            viewer=_v(personas, personas.person),  # type: ignore[arg-type]
            document=document,
            understood=True,
            minutes=45,
            idempotency_key=key,
        )
    record = TimeRecord.objects.get(person=personas.kyle)
    assert sign_off.time_record == record
    assert record.minutes == 45
    assert record.activity.kind == ActivityKind.DOCUMENT
    assert record.activity.object_id == document.pk
    assert Document.objects.get(pk=document.pk).status == S.SIGNED_OFF


def test_change_this_keeps_it_in_easy_read_and_tells_the_owner(personas: Personas) -> None:
    document = draft(personas)
    document_move(viewer=_v(personas, personas.manager), document=document, to_status=S.EASY_READ)  # type: ignore[arg-type]
    kyle_as_policy_editor(personas)
    with pytest.raises(ValidationError):
        document_sign_off(
            viewer=_v(personas, personas.person),
            document=document,
            understood=False,
            minutes=5,  # type: ignore[arg-type]
        )
    sign_off = document_sign_off(
        viewer=_v(personas, personas.person),  # type: ignore[arg-type]
        document=document,
        understood=False,
        change_this="Say what a jug is.",
        minutes=20,
    )
    assert sign_off.minutes == 20
    assert Document.objects.get(pk=document.pk).status == S.EASY_READ
    told = Notification.objects.get(recipient=personas.manager, kind="document_change_asked")
    assert "jug" in told.params["what"]


def test_publishing_tells_the_people_it_applies_to(personas: Personas) -> None:
    document = house_information(personas)
    assert document.status == S.PUBLISHED
    assert document.published_version == document.current_version
    assert document.review_on is not None
    told = set(
        Notification.objects.filter(kind="document_published").values_list("recipient", flat=True)
    )
    # Kyle lives at Willow House; Mary supports him. Nobody from elsewhere is told.
    assert told == {personas.person.pk, personas.supporter.pk}


def test_a_new_version_published_tells_them_what_changed(personas: Personas) -> None:
    document = house_information(personas)
    version_save(
        viewer=_v(personas, personas.manager),  # type: ignore[arg-type]
        document=document,
        title="About Willow House",
        paragraphs=[
            Words(text="Willow House has a new garden.", easy_text="There is a new garden.")
        ],
        what_changed="The garden is new.",
    )
    document.refresh_from_db()
    assert document.status == S.DRAFT
    # Readers keep the published version while the new one is written.
    assert document.published_version is not None and document.published_version.number == 1
    publish(personas, document)
    changed = Notification.objects.get(recipient=personas.person, kind="document_changed")
    assert "The garden is new." in changed.params["what_changed"]


def test_the_charter_tells_everyone_in_the_organisation(personas: Personas) -> None:
    charter(personas)
    told = set(
        Notification.objects.filter(kind="document_published").values_list("recipient", flat=True)
    )
    assert personas.person.pk in told
    assert personas.outsider.pk not in told


def test_the_review_date_reminds_the_owner_once(personas: Personas) -> None:
    document = house_information(personas)
    assert document.review_on is not None
    assert reviews_remind(document.review_on - dt.timedelta(days=1)) == 0
    assert reviews_remind(document.review_on) == 1
    assert reviews_remind(document.review_on) == 0
    document.refresh_from_db()
    assert document.status == S.DUE_FOR_REVIEW
    assert (
        Notification.objects.filter(recipient=personas.manager, kind="document_review_due").count()
        == 1
    )


def test_the_reminder_command_runs(personas: Personas, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("codesign_remind")
    assert "Reminded about 0 document(s)." in capsys.readouterr().out


def test_a_suggestion_needs_the_document_open_and_a_declined_one_a_reason(
    personas: Personas,
) -> None:
    from coproduce.codesign.actions import suggestion_answer, suggestion_make
    from coproduce.codesign.tests.document_helpers import kyles_suggestion

    closed = draft(personas)
    with pytest.raises(MoveRefused):
        suggestion_make(
            viewer=_v(personas, personas.person),  # type: ignore[arg-type]
            document=closed,
            position=1,
            kind="comment",
            text="Hello",
        )
    suggestion = kyles_suggestion(personas)
    maya = _v(personas, personas.manager)
    with pytest.raises(ValidationError):
        suggestion_answer(viewer=maya, suggestion=suggestion, accept=False, reason=" ")  # type: ignore[arg-type]
    declined = suggestion_answer(
        viewer=maya,  # type: ignore[arg-type]
        suggestion=suggestion,
        accept=False,
        reason="We say glass already.",
    )
    assert declined.status == "declined"
    assert Document.objects.get(pk=suggestion.document_id).current_version.number == 1  # type: ignore[union-attr]
    with pytest.raises(MoveRefused):
        suggestion_answer(viewer=maya, suggestion=suggestion, accept=True, reason="Again")  # type: ignore[arg-type]
