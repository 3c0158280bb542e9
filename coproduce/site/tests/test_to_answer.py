"""The managers' and quality leads' "to answer" list and its counts on the home page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import Personas, signed_in_client
from coproduce.accounts.tests.factories import MembershipFactory, PersonFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.core.to_answer import ToAnswer, Waiting, gather
from coproduce.matching.actions import team_choice_record
from coproduce.matching.models import ChangeRequest
from coproduce.matching.tests.team_helpers import kyle_change_request, suggested_worker
from coproduce.plans.checkins.tests.checkin_helpers import kyle_flag
from coproduce.plans.models import SupportPlan
from coproduce.plans.tests.factories import add_entry
from coproduce.site.to_answer import to_answer_page, waiting_for

pytestmark = pytest.mark.django_db


def _item(kind: str, due: dt.date, pk: int) -> ToAnswer:
    return ToAnswer(kind, kind, "Kyle", "summary", due, "/", pk)


def test_gather_puts_the_soonest_due_first_across_kinds_and_keeps_the_limit() -> None:
    day = dt.date(2026, 12, 1)
    a = Waiting("a", "A", 2, 0, [_item("a", day, 1), _item("a", day + dt.timedelta(3), 2)])
    b = Waiting("b", "B", 1, 1, [_item("b", day - dt.timedelta(1), 3)])
    assert [i.pk for i in gather([a, None, b], limit=10)] == [3, 1, 2]
    assert [i.pk for i in gather([a, b], limit=2)] == [3, 1]


def _kinds(viewer, today=None) -> dict[str, Waiting]:  # type: ignore[no-untyped-def]
    today = today or timezone.localdate()
    return {w.kind: w for w in waiting_for(viewer, today=today, limit=25)}


def test_a_manager_sees_every_kind_that_waits_for_them(personas: Personas) -> None:
    p = personas
    request = kyle_change_request(p)
    flag = kyle_flag(p)
    sally = suggested_worker(p)
    team_choice_record(
        viewer=viewer_for(p.person, p.organisation), person=p.kyle, worker=sally, answer="yes"
    )
    add_entry(p.person, p.kyle)
    assert SupportPlan.objects.filter(person=p.kyle).update(
        review_due_on=timezone.localdate() - dt.timedelta(days=3)
    )
    kinds = _kinds(viewer_for(p.manager, p.organisation))
    assert kinds["change_request"].count == 1
    assert kinds["change_request"].items[0].url == reverse(
        "matching:change_request", kwargs={"request_id": request.pk}
    )
    assert kinds["not_working"].items[0].url == reverse(
        "plans:not_working", kwargs={"flag_id": flag.pk}
    )
    assert kinds["team"].count == 1
    assert kinds["team"].items[0].person_name == "Kyle"
    assert kinds["plan_review"].overdue == 1
    assert kinds["plan_review"].items[0].url == reverse(
        "plans:reviews", kwargs={"person_id": p.kyle.pk}
    )


def test_what_was_said_about_a_worker_never_reaches_the_list(personas: Personas) -> None:
    p = personas
    kyle_change_request(p, reason="Wendy shouts at me")
    kinds = _kinds(viewer_for(p.manager, p.organisation))
    shown = " ".join(str(i.summary) for w in kinds.values() for i in w.items)
    assert "shouts" not in shown
    assert "Wendy" not in shown


def test_a_manager_of_another_service_sees_nothing_of_kyle(personas: Personas) -> None:
    p = personas
    kyle_change_request(p)
    kyle_flag(p)
    other = UserFactory(name="Mo Manager", email="mo@example.test")
    MembershipFactory(user=other, organisation=p.organisation, role="service_manager",
                      services=[p.home_care])  # fmt: skip
    kinds = _kinds(viewer_for(other, p.organisation))
    assert all(w.count == 0 for w in kinds.values())


def test_a_quality_lead_answers_flags_everywhere_but_not_worker_changes(
    personas: Personas,
) -> None:
    p = personas
    kyle_change_request(p)
    kyle_flag(p)
    kinds = _kinds(viewer_for(p.quality_lead, p.organisation))
    # Quality leads also answer new ideas and handle complaints (none waits here).
    assert set(kinds) == {"not_working", "idea", "complaint"}
    assert kinds["not_working"].count == 1
    assert kinds["idea"].count == 0
    assert kinds["complaint"].count == 0


def test_roles_that_answer_nothing_have_no_list(personas: Personas) -> None:
    p = personas
    for name in ("worker", "senior_leader", "person", "supporter", "commissioner"):
        assert (
            waiting_for(
                viewer_for(p.user(name), p.organisation), today=timezone.localdate(), limit=5
            )
            == []
        )


def test_overdue_requests_come_first_and_are_counted(personas: Personas) -> None:
    p = personas
    late = kyle_change_request(p)
    ChangeRequest.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(1))
    kyle_flag(p)
    viewer = viewer_for(p.manager, p.organisation)
    waiting, items, total = to_answer_page(viewer, today=timezone.localdate(), page=1, per_page=25)
    assert items[0].kind == "change_request"
    assert items[0].overdue(timezone.localdate())
    assert {w.kind: w.overdue for w in waiting}["change_request"] == 1
    assert total >= 2


def test_the_list_is_paginated_across_kinds(personas: Personas) -> None:
    p = personas
    for n in range(4):
        person = PersonFactory(organisation=p.organisation, preferred_name=f"P{n}",
                               services=[p.house])  # fmt: skip
        from coproduce.plans.checkins.actions import not_working_flag

        not_working_flag(viewer=viewer_for(p.manager, p.organisation), person=person, what="x")
    viewer = viewer_for(p.quality_lead, p.organisation)
    today = timezone.localdate()
    _w, first, total = to_answer_page(viewer, today=today, page=1, per_page=3)
    _w, second, _t = to_answer_page(viewer, today=today, page=2, per_page=3)
    assert total == 4
    assert len(first) == 3 and len(second) == 1
    assert {i.pk for i in first}.isdisjoint({i.pk for i in second})


def test_the_page_for_the_manager_links_to_what_waits(personas: Personas) -> None:
    p = personas
    request = kyle_change_request(p)
    page = signed_in_client(p.manager).get(reverse("to_answer"))
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("matching:change_request", kwargs={"request_id": request.pk}) in html
    assert "Kyle asked to change a worker" in html


def test_the_page_filters_by_kind_and_refuses_an_unknown_kind(personas: Personas) -> None:
    p = personas
    kyle_change_request(p)
    kyle_flag(p)
    client = signed_in_client(p.manager)
    html = client.get(reverse("to_answer") + "?kind=not_working").content.decode()
    assert "said something is not working" in html
    assert "asked to change a worker" not in html
    assert client.get(reverse("to_answer") + "?kind=nonsense").status_code == 404
    assert client.get(reverse("to_answer") + "?page=99").status_code == 404
    assert client.get(reverse("to_answer") + "?page=abc").status_code == 404


@pytest.mark.parametrize("name", ["worker", "person", "senior_leader", "commissioner", "outsider"])
def test_other_roles_and_organisations_get_not_found(personas: Personas, name: str) -> None:
    assert signed_in_client(personas.user(name)).get(reverse("to_answer")).status_code == 404


def test_the_home_page_counts_what_waits_and_links_to_the_list(personas: Personas) -> None:
    p = personas
    late = kyle_change_request(p)
    ChangeRequest.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(1))
    html = signed_in_client(p.manager).get(reverse("home")).content.decode()
    assert "1 thing is waiting for your answer" in html
    assert "1 is overdue" in html
    assert reverse("to_answer") + "?kind=change_request" in html
    worker_home = signed_in_client(p.worker).get(reverse("home")).content.decode()
    assert "waiting for your answer" not in worker_home


def test_a_quality_lead_may_answer_a_flag_they_can_see(personas: Personas) -> None:
    p = personas
    flag = kyle_flag(p)
    client = signed_in_client(p.quality_lead)
    url = reverse("plans:not_working", kwargs={"flag_id": flag.pk})
    response = client.post(url, {"answer": "We will change the evening visits"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "answered"
    assert flag.answered_by == p.quality_lead
    # A senior leader reads it but does not answer.
    other = kyle_flag(p)
    refused = signed_in_client(p.senior_leader).post(
        reverse("plans:not_working", kwargs={"flag_id": other.pk}), {"answer": "No"}
    )
    assert refused.status_code == 404
