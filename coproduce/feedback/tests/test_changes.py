""" "You said, we did": a change linked to a poll outcome and a complaint tells both
raisers at each status; who may start and move a change; the pages in both modes."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import signed_in_client
from coproduce.accounts.models import Notification
from coproduce.accounts.viewer import viewer_for
from coproduce.feedback.changes import change_link, change_move
from coproduce.feedback.models import Change, ChangeStatus, SourceKind
from coproduce.feedback.notifications import CHANGE_MADE, CHANGE_PLANNED
from coproduce.feedback.sources import source_of
from coproduce.voice.tests.voice_helpers import answer_as, choose, quick_vote

from .feedback_helpers import change_at_willow, kyles_complaint

pytestmark = pytest.mark.django_db


def _maya(p):  # type: ignore[no-untyped-def]
    return viewer_for(p.manager, p.organisation)


def test_a_change_from_a_poll_outcome_and_a_complaint_tells_both_raisers(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.voice.actions import survey_close

    vote = quick_vote(personas)
    answer_as(personas.supporter, personas, vote, choose(vote, 1))
    survey_close(viewer=_maya(personas), survey=vote)
    change = change_at_willow(personas)  # from Kyle's complaint
    planned = Notification.objects.filter(kind=CHANGE_PLANNED.code)
    assert {n.recipient for n in planned} == {personas.person}
    survey = source_of(personas.organisation.pk, SourceKind.SURVEY, vote.pk)
    assert survey is not None
    change_link(viewer=_maya(personas), change=change, source=survey)
    change_link(viewer=_maya(personas), change=change, source=survey)  # once
    assert change.sources.count() == 2
    assert {n.recipient for n in Notification.objects.filter(kind=CHANGE_PLANNED.code)} == {
        personas.person,
        personas.supporter,
    }
    change_move(viewer=_maya(personas), change=change, status=ChangeStatus.MADE, note="Rota fixed")
    made = Notification.objects.filter(kind=CHANGE_MADE.code)
    assert {n.recipient for n in made} == {personas.person, personas.supporter}
    assert made.first().target == reverse("feedback:change", kwargs={"change_id": change.pk})  # type: ignore[union-attr]
    change.refresh_from_db()
    assert change.made_at is not None


def test_not_possible_needs_a_reason_and_moves_are_checked(personas) -> None:  # type: ignore[no-untyped-def]
    change = change_at_willow(personas)
    with pytest.raises(ValidationError):
        change_move(viewer=_maya(personas), change=change, status=ChangeStatus.NOT_POSSIBLE)
    change_move(
        viewer=_maya(personas),
        change=change,
        status=ChangeStatus.NOT_POSSIBLE,
        reason="The bus company will not change its times.",
    )
    with pytest.raises(ValidationError):
        change_move(viewer=_maya(personas), change=change, status=ChangeStatus.MADE)


def test_maya_starts_a_change_from_a_complaint_once_however_often_she_clicks(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_complaint(personas)
    client = signed_in_client(personas.manager)
    url = reverse("feedback:change_new") + f"?concern={complaint.pk}"
    page = client.get(url).content.decode()
    assert "It starts from" in page
    data = {
        "you_said": "Visits were late.",
        "we_will": "Visits start on time",
        "service": str(personas.house.pk),
        "idempotency_key": str(uuid.uuid4()),
    }
    first = client.post(url, data)
    client.post(url, data)
    change = Change.objects.get()
    assert first["Location"] == reverse("feedback:change", kwargs={"change_id": change.pk})
    assert change.sources.get().object_id == complaint.pk
    empty = client.post(url, {"idempotency_key": str(uuid.uuid4())})
    assert "Say what people said" in empty.content.decode()
    assert client.get(reverse("feedback:change_new") + "?concern=999999").status_code == 404


def test_a_manager_cannot_start_a_change_elsewhere_or_across_the_organisation(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.manager)
    response = client.post(
        reverse("feedback:change_new"), {"you_said": "x", "we_will": "y", "service": ""}
    )
    assert response.status_code == 200 and not Change.objects.exists()
    assert "ask a leader" in response.content.decode()


def test_moving_a_change_on_the_page_and_who_may(personas) -> None:  # type: ignore[no-untyped-def]
    change = change_at_willow(personas)
    url = reverse("feedback:change_update", kwargs={"change_id": change.pk})
    for user in (personas.worker, personas.person, personas.outsider):
        assert signed_in_client(user).post(url, {"status": "made"}).status_code == 404
    response = signed_in_client(personas.manager).post(
        url, {"status": "in_progress", "note": "Rota drafted"}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == "in_progress"


def test_the_pages_in_both_modes(personas) -> None:  # type: ignore[no-untyped-def]
    change = change_at_willow(personas)
    kyle = signed_in_client(personas.person)
    session = kyle.session
    session["easy_read"] = True
    session.save()
    detail = kyle.get(reverse("feedback:change", kwargs={"change_id": change.pk})).content.decode()
    assert "We come at the time in your plan." in detail and "Move it on" not in detail
    service = kyle.get(
        reverse("feedback:service_changes", kwargs={"service_id": personas.house.pk})
    ).content.decode()
    assert "We come at the time in your plan." in service
    standard = signed_in_client(personas.manager).get(reverse("feedback:changes")).content.decode()
    assert "Every evening visit starts" in standard and "Start a change" in standard
    assert (
        signed_in_client(personas.outsider)
        .get(reverse("feedback:change", kwargs={"change_id": change.pk}))
        .status_code
        == 404
    )
