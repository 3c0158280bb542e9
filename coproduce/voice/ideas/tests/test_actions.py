"""Putting ideas forward, "me too" and answers, through the actions."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coproduce.accounts.models import Notification
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import AuditEntry, VoiceHow
from coproduce.people.images import check_image
from coproduce.voice.ideas.actions import idea_answer, idea_me_too, idea_post
from coproduce.voice.models import Idea, IdeaStatus, MeToo, Respondent
from coproduce.voice.tests.voice_helpers import kyles_idea, picture_upload

pytestmark = pytest.mark.django_db


def _viewer(personas, name):  # type: ignore[no-untyped-def]
    return viewer_for(personas.user(name), personas.organisation)


def test_kyles_idea_is_his_in_his_own_words_and_audited(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    assert idea.role == Respondent.PERSON
    assert idea.person == personas.kyle
    assert idea.author == personas.person
    assert idea.voice_how == VoiceHow.TYPED and idea.voice_helper is None
    assert idea.voice_recorded_by == personas.person
    assert idea.status == IdeaStatus.NEW
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.CREATE, object_id=str(idea.pk), summary__contains="film night"
    ).exists()


def test_a_double_submit_makes_one_idea(personas) -> None:  # type: ignore[no-untyped-def]
    key = uuid.uuid4()
    first = kyles_idea(personas, idempotency_key=key)
    second = kyles_idea(personas, idempotency_key=key, title="Something else")
    assert first.pk == second.pk
    assert Idea.objects.filter(organisation=personas.organisation).count() == 1
    # Another organisation may use the same key: keys are per organisation.
    elsewhere = idea_post(
        viewer=viewer_for(personas.outsider, personas.other_organisation),
        title="A Hillside idea",
        idempotency_key=key,
    )
    assert elsewhere.pk != first.pk


def test_someone_helped_kyle_and_is_named(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas, voice_how=VoiceHow.SUPPORTED, voice_helper=personas.supporter)
    assert idea.voice_how == VoiceHow.SUPPORTED and idea.voice_helper == personas.supporter
    with pytest.raises(ValidationError) as problem:
        kyles_idea(personas, voice_how=VoiceHow.SUPPORTED)
    assert "voice_helper" in problem.value.message_dict


def test_a_worker_puts_forward_kyles_idea_for_him(personas) -> None:  # type: ignore[no-untyped-def]
    idea = idea_post(
        viewer=_viewer(personas, "worker"),
        title="Swimming on Saturdays",
        service=personas.house,
        for_person=personas.kyle,
        voice_how=VoiceHow.SUPPORTED,
    )
    assert idea.person == personas.kyle and idea.author == personas.worker
    assert idea.role == Respondent.PERSON
    assert idea.voice_helper == personas.worker
    observed = idea_post(
        viewer=_viewer(personas, "worker"),
        title="More music",
        for_person=personas.kyle,
        voice_how=VoiceHow.OBSERVED,
    )
    assert observed.voice_helper is None
    with pytest.raises(ValidationError):
        idea_post(viewer=_viewer(personas, "worker"), title="X", for_person=personas.kyle)


def test_a_supporters_and_a_workers_own_ideas_are_theirs(personas) -> None:  # type: ignore[no-untyped-def]
    mary = idea_post(viewer=_viewer(personas, "supporter"), title="A bench for visitors")
    wendy = idea_post(viewer=_viewer(personas, "worker"), title="Pictures on the agenda")
    assert mary.role == Respondent.SUPPORTER and mary.person is None
    assert wendy.role == Respondent.STAFF and wendy.person is None
    assert mary.voice_how == wendy.voice_how == VoiceHow.TYPED


def test_an_idea_needs_words_and_a_picture_needs_its_description(personas) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as no_words:
        kyles_idea(personas, title="   ")
    assert "title" in no_words.value.message_dict
    picture = check_image(picture_upload())
    with pytest.raises(ValidationError) as no_description:
        kyles_idea(personas, picture=picture)
    assert "picture_description" in no_description.value.message_dict
    idea = kyles_idea(personas, picture=picture, picture_description="A drawing of popcorn")
    assert idea.picture.name.startswith("ideas/") and idea.picture.name.endswith(".png")


def test_me_too_once_each_not_for_the_author_and_counted(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    assert idea_me_too(viewer=_viewer(personas, "supporter"), idea=idea) is True
    assert idea_me_too(viewer=_viewer(personas, "supporter"), idea=idea) is False
    assert idea_me_too(viewer=_viewer(personas, "worker"), idea=idea) is True
    assert idea_me_too(viewer=_viewer(personas, "person"), idea=idea) is False
    idea.refresh_from_db()
    assert idea.me_too_count == 2 == MeToo.objects.filter(idea=idea).count()


def test_not_possible_needs_a_reason(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    with pytest.raises(ValidationError) as problem:
        idea_answer(
            viewer=_viewer(personas, "manager"),
            idea=idea,
            status=IdeaStatus.NOT_POSSIBLE,
            answer="",
        )
    assert "answer" in problem.value.message_dict
    with pytest.raises(ValidationError):
        idea_answer(
            viewer=_viewer(personas, "manager"), idea=idea, status=IdeaStatus.NEW, answer="x"
        )
    answered = idea_answer(
        viewer=_viewer(personas, "manager"),
        idea=idea,
        status=IdeaStatus.NOT_POSSIBLE,
        answer="The lounge is used for the residents' meeting on Fridays.",
    )
    assert answered.status == IdeaStatus.NOT_POSSIBLE and answered.answered_by == personas.manager


def test_the_author_is_told_of_the_answer_once(personas) -> None:  # type: ignore[no-untyped-def]
    idea = kyles_idea(personas)
    maya = _viewer(personas, "manager")
    idea_answer(viewer=maya, idea=idea, status=IdeaStatus.YES, answer="Yes, from next Friday.")
    told = Notification.objects.get(recipient=personas.person, kind="idea_answered")
    assert told.target == reverse("voice:idea", kwargs={"idea_id": idea.pk})
    assert told.params == {"answerer": "Maya", "title": "A film night every Friday"}
    # Sent twice (a double click): the same answer tells nobody again.
    idea_answer(viewer=maya, idea=idea, status=IdeaStatus.YES, answer="Yes, from next Friday.")
    assert Notification.objects.filter(kind="idea_answered").count() == 1
    assert (
        AuditEntry.objects.filter(
            action=AuditEntry.Action.UPDATE,
            object_id=str(idea.pk),
            summary__contains="yes, we will",
        ).count()
        == 1
    )


def test_a_persons_idea_put_forward_by_a_worker_tells_both(personas) -> None:  # type: ignore[no-untyped-def]
    idea = idea_post(
        viewer=_viewer(personas, "worker"),
        title="Swimming on Saturdays",
        service=personas.house,
        for_person=personas.kyle,
        voice_how=VoiceHow.SPOKEN,
    )
    idea_answer(
        viewer=_viewer(personas, "senior_leader"),
        idea=idea,
        status=IdeaStatus.THINKING,
        answer="We are looking at the pool times.",
    )
    told = set(
        Notification.objects.filter(kind="idea_answered").values_list("recipient", flat=True)
    )
    assert told == {personas.person.pk, personas.worker.pk}
