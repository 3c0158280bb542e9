""" "You said, we did" from a one-to-one meeting or a plan review: read like any source
(the person's first service, the day it was said, the person's own account told at each
status), started only by someone who may start a change there and may read that part of
the person's plan, offered on the plans pages through ``core.follow_ups``, and shown on
the change's page as the kind and the date, never the words."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in_client
from coproduce.accounts.models import Notification
from coproduce.accounts.tests.factories import MembershipFactory, PersonFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.core.follow_ups import follow_ups_for
from coproduce.core.models import AuditEntry
from coproduce.feedback.changes import change_move, change_start
from coproduce.feedback.models import Change, ChangeStatus, SourceKind
from coproduce.feedback.notifications import (
    CHANGE_IN_PROGRESS,
    CHANGE_MADE,
    CHANGE_NOT_POSSIBLE,
    CHANGE_PLANNED,
)
from coproduce.feedback.sources import source_of
from coproduce.plans.checkins.tests.checkin_helpers import kyle_one_to_one

from .feedback_helpers import kyles_review

pytestmark = pytest.mark.django_db

START = "Start a “you said, we did” change from it"


def _maya(p):  # type: ignore[no-untyped-def]
    return viewer_for(p.manager, p.organisation)


def _change_from(p, kind: str, object_id: int) -> Change:  # type: ignore[no-untyped-def]
    source = source_of(p.organisation.pk, kind, object_id)
    assert source is not None
    return change_start(
        viewer=_maya(p),
        you_said="People want more time for what they enjoy.",
        we_will="Longer Saturday sessions",
        service=p.house,
        sources=[source],
    )


def _told(kind) -> set:  # type: ignore[no-untyped-def]
    return {n.recipient for n in Notification.objects.filter(kind=kind.code)}


def test_a_one_to_one_and_a_review_are_read_like_any_source(personas) -> None:  # type: ignore[no-untyped-def]
    personas.kyle.services.add(personas.home_care)  # a second service, after Willow House
    meeting = kyle_one_to_one(personas)
    review = kyles_review(personas)
    for kind, pk, day in (
        (SourceKind.ONE_TO_ONE, meeting.pk, meeting.date),
        (SourceKind.PLAN_REVIEW, review.pk, review.held_on),
    ):
        source = source_of(personas.organisation.pk, kind, pk)
        assert source is not None
        assert source.service_id == min(personas.house.pk, personas.home_care.pk)
        assert source.raised_on == day
        assert source.raisers == [personas.person]
        assert source_of(personas.other_organisation.pk, kind, pk) is None


def test_a_person_without_an_account_is_a_source_nobody_is_told_about(personas) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from coproduce.plans.checkins.actions import one_to_one_create

    dot = PersonFactory(
        organisation=personas.organisation,
        preferred_name="Dot",
        user=None,
        services=[personas.house],
    )
    meeting = one_to_one_create(
        viewer=viewer_for(personas.worker, personas.organisation),
        person=dot,
        keyworker=personas.worker,
        day=timezone.localdate(),
        agenda="My garden",
        voice_how="spoken",
    )
    source = source_of(personas.organisation.pk, SourceKind.ONE_TO_ONE, meeting.pk)
    assert source is not None and source.raisers == [] and source.service_id == personas.house.pk


def test_kyle_is_told_at_each_status_of_a_change_from_his_one_to_one(personas) -> None:  # type: ignore[no-untyped-def]
    change = _change_from(personas, SourceKind.ONE_TO_ONE, kyle_one_to_one(personas).pk)
    assert _told(CHANGE_PLANNED) == {personas.person}
    change_move(viewer=_maya(personas), change=change, status=ChangeStatus.IN_PROGRESS)
    change_move(viewer=_maya(personas), change=change, status=ChangeStatus.MADE)
    assert _told(CHANGE_IN_PROGRESS) == {personas.person}
    assert _told(CHANGE_MADE) == {personas.person}
    made = Notification.objects.get(kind=CHANGE_MADE.code)
    assert made.target == reverse("feedback:change", kwargs={"change_id": change.pk})


def test_kyle_is_told_when_a_change_from_his_review_cannot_be_made(personas) -> None:  # type: ignore[no-untyped-def]
    change = _change_from(personas, SourceKind.PLAN_REVIEW, kyles_review(personas).pk)
    change_move(
        viewer=_maya(personas),
        change=change,
        status=ChangeStatus.NOT_POSSIBLE,
        reason="The pool is closed on Saturdays until June.",
    )
    assert _told(CHANGE_PLANNED) == _told(CHANGE_NOT_POSSIBLE) == {personas.person}


def test_maya_starts_a_change_from_kyles_one_to_one_once(personas) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    client = signed_in_client(personas.manager)
    url = reverse("feedback:change_new") + f"?one_to_one={meeting.pk}"
    page = client.get(url).content.decode()
    assert "It starts from: A one-to-one meeting." in page
    assert "Going to college" not in page  # the agenda stays in his plan
    assert f'<option value="{personas.house.pk}" selected' in page
    data = {
        "you_said": "Kyle wants to go to college.",
        "we_will": "Help with college applications",
        "service": str(personas.house.pk),
        "one_to_one": str(meeting.pk),
        "idempotency_key": str(uuid.uuid4()),
    }
    first = client.post(url, data)
    client.post(url, data)
    change = Change.objects.get()
    assert first["Location"] == reverse("feedback:change", kwargs={"change_id": change.pk})
    link = change.sources.get()
    assert (link.kind, link.object_id, link.raised_on) == ("one_to_one", meeting.pk, meeting.date)


def test_a_review_joins_a_change_under_way(personas) -> None:  # type: ignore[no-untyped-def]
    change = _change_from(personas, SourceKind.ONE_TO_ONE, kyle_one_to_one(personas).pk)
    review = kyles_review(personas)
    client = signed_in_client(personas.manager)
    page = client.get(reverse("feedback:change_new") + f"?plan_review={review.pk}")
    assert "Or add it to a change already under way" in page.content.decode()
    response = client.post(
        reverse("feedback:change_link", kwargs={"change_id": change.pk}),
        {"plan_review": str(review.pk)},
    )
    assert response.status_code == 302
    assert sorted(change.sources.values_list("kind", flat=True)) == ["one_to_one", "plan_review"]


def test_who_may_start_a_change_from_a_one_to_one_or_a_review(personas) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    review = kyles_review(personas)
    urls = [
        reverse("feedback:change_new") + f"?one_to_one={meeting.pk}",
        reverse("feedback:change_new") + f"?plan_review={review.pk}",
    ]
    # A manager of another service, who may not read Kyle's plan: refused, and it shows.
    elsewhere = UserFactory(name="Hana Homecare", email="hana@example.test")
    MembershipFactory(
        user=elsewhere,
        organisation=personas.organisation,
        role="service_manager",
        services=[personas.home_care],
    )
    for url in urls:
        assert signed_in_client(personas.manager).get(url).status_code == 200
        assert signed_in_client(personas.quality_lead).get(url).status_code == 200
        for user in (personas.worker, personas.person, personas.supporter):
            assert signed_in_client(user).get(url).status_code == 404
        before = AuditEntry.objects.filter(actor=elsewhere, action="refused").count()
        assert signed_in_client(elsewhere).get(url).status_code == 404
        assert AuditEntry.objects.filter(actor=elsewhere, action="refused").count() == before + 1
        # Another organisation's admin asking for Kyle's: the same 404, recorded.
        before = AuditEntry.objects.filter(actor=personas.outsider, action="refused").count()
        assert signed_in_client(personas.outsider).get(url).status_code == 404
        after = AuditEntry.objects.filter(actor=personas.outsider, action="refused").count()
        assert after == before + 1
    assert not Change.objects.exists()


def test_the_change_page_names_the_meeting_and_review_but_never_their_words(personas) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    review = kyles_review(personas)
    change = _change_from(personas, SourceKind.ONE_TO_ONE, meeting.pk)
    source = source_of(personas.organisation.pk, SourceKind.PLAN_REVIEW, review.pk)
    assert source is not None
    from coproduce.feedback.changes import change_link

    change_link(viewer=_maya(personas), change=change, source=source)
    url = reverse("feedback:change", kwargs={"change_id": change.pk})
    meeting_url = reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    review_url = (
        reverse("plans:reviews", kwargs={"person_id": personas.kyle.pk}) + f"#review-{review.pk}"
    )
    for user in (personas.manager, personas.worker, personas.person, personas.quality_lead):
        page = signed_in_client(user).get(url).content.decode()
        assert f'href="{meeting_url}"' in page and f'href="{review_url}"' in page, user
    # Omar works in another service: he reads the change, not Kyle's meeting or review.
    page = signed_in_client(personas.other_worker).get(url).content.decode()
    assert "A one-to-one meeting, " in page and "A review of a support plan, " in page
    assert meeting_url not in page and "#review-" not in page
    for user in (personas.manager, personas.other_worker, personas.person):
        page = signed_in_client(user).get(url).content.decode()
        for words in ("Going to college", "My evenings", "pool on Saturdays", "too short"):
            assert words not in page
        assert "Kyle" not in page.split("<main", 1)[1]


def test_the_one_to_one_page_offers_a_change_to_those_who_may_start_one(personas) -> None:  # type: ignore[no-untyped-def]
    meeting = kyle_one_to_one(personas)
    url = reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    start = reverse("feedback:change_new") + f"?one_to_one={meeting.pk}"
    for user in (personas.manager, personas.quality_lead):
        page = signed_in_client(user).get(url).content.decode()
        assert START in page and f'href="{start}"' in page
    for user in (personas.worker, personas.person):
        page = signed_in_client(user).get(url).content.decode()
        assert START not in page and "change_new" not in page
    change = _change_from(personas, SourceKind.ONE_TO_ONE, meeting.pk)
    page = signed_in_client(personas.manager).get(url).content.decode()
    assert "It led to the change: Longer Saturday sessions" in page and START not in page
    assert reverse("feedback:change", kwargs={"change_id": change.pk}) in page


def test_the_reviews_page_offers_a_change_for_each_review(personas) -> None:  # type: ignore[no-untyped-def]
    first = kyles_review(personas)
    second = kyles_review(personas)
    url = reverse("plans:reviews", kwargs={"person_id": personas.kyle.pk})
    _change_from(personas, SourceKind.PLAN_REVIEW, first.pk)
    page = signed_in_client(personas.manager).get(url).content.decode()
    assert page.count("It led to the change: Longer Saturday sessions") == 1
    assert f"?plan_review={second.pk}" in page and f"?plan_review={first.pk}" not in page
    assert "(the review on " in page  # each link says which review, for screen readers
    for user in (personas.worker, personas.person, personas.supporter):
        response = signed_in_client(user).get(url)
        assert START not in response.content.decode()


def test_the_links_cost_the_same_queries_for_one_review_or_many(personas) -> None:  # type: ignore[no-untyped-def]
    reviews = [kyles_review(personas) for _ in range(4)]
    _change_from(personas, SourceKind.PLAN_REVIEW, reviews[0].pk)
    maya = _maya(personas)
    with CaptureQueriesContext(connection) as one:
        follow_ups_for(maya, "plan_review", [reviews[0].pk])
    with CaptureQueriesContext(connection) as four:
        links = follow_ups_for(maya, "plan_review", [r.pk for r in reviews])
    assert len(one.captured_queries) == len(four.captured_queries)
    assert [len(links[r.pk]) for r in reviews] == [1, 1, 1, 1]
    assert follow_ups_for(maya, "check_in", [reviews[0].pk]) == {reviews[0].pk: []}
