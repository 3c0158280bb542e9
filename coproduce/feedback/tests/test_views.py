"""A concern's page: who may open it, who sees who raised it, and easy read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import signed_in_client
from coproduce.core.models import AuditEntry

from .feedback_helpers import kyles_acknowledged_complaint

pytestmark = pytest.mark.django_db


def _url(concern) -> str:  # type: ignore[no-untyped-def]
    return reverse("feedback:concern", kwargs={"concern_id": concern.pk})


def test_kyle_follows_his_complaint_in_easy_read(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_acknowledged_complaint(personas)
    client = signed_in_client(personas.person)
    session = client.session
    session["easy_read"] = True
    session.save()
    page = client.get(_url(complaint)).content.decode()
    assert "Your complaint" in page and "We will answer by" in page
    assert "My evening visit was late" in page


def test_maya_sees_who_raised_it_and_the_opening_is_audited(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_acknowledged_complaint(personas)
    page = signed_in_client(personas.manager).get(_url(complaint)).content.decode()
    assert "Raised by" in page and personas.person.name in page
    assert "Acknowledge by" in page and "Answer by" in page
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.READ, object_id=str(complaint.pk)
    ).exists()


def test_the_worker_it_is_about_and_other_organisations_get_nothing(personas) -> None:  # type: ignore[no-untyped-def]
    complaint = kyles_acknowledged_complaint(personas)
    for user in (personas.worker, personas.senior_leader, personas.outsider, personas.supporter):
        assert signed_in_client(user).get(_url(complaint)).status_code == 404
    assert signed_in_client(personas.quality_lead).get(_url(complaint)).status_code == 200


def test_complaints_wait_in_the_to_answer_list_overdue_first(personas) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from coproduce.accounts.viewer import viewer_for
    from coproduce.feedback.queries import complaints_to_answer

    from .feedback_helpers import kyles_complaint

    fresh = kyles_complaint(personas)
    old = kyles_complaint(personas, what_happened="Nobody came on Sunday.")
    type(old).objects.filter(pk=old.pk).update(
        acknowledge_by=dt.date.today() - dt.timedelta(days=2)
    )
    maya = viewer_for(personas.manager, personas.organisation)
    waiting = complaints_to_answer(maya, today=dt.date.today(), limit=10)
    assert waiting is not None and waiting.count == 2 and waiting.overdue == 1
    assert [item.pk for item in waiting.items] == [old.pk, fresh.pk]
    assert all("evening" not in str(item.summary) for item in waiting.items)
    # Wendy, a support worker, has no list; the worker a complaint is about never sees it.
    assert (
        complaints_to_answer(
            viewer_for(personas.worker, personas.organisation), today=dt.date.today(), limit=10
        )
        is None
    )
    page = signed_in_client(personas.manager).get(reverse("to_answer")).content.decode()
    assert _url(old) in page


def _easy(client) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    session["easy_read"] = True
    session.save()


def test_ruth_raises_a_complaint_in_easy_read_and_sending_twice_makes_one(personas) -> None:  # type: ignore[no-untyped-def]
    import uuid

    from coproduce.feedback.models import Concern

    client = signed_in_client(personas.person)
    _easy(client)
    page = client.get(reverse("feedback:raise")).content.decode()
    assert "Step 1 of 4" in page and "Step 4 of 4" in page
    data = {
        "kind": "complaint",
        "about": "service",
        "service": str(personas.house.pk),
        "what_happened": "Nobody came to help me get up on Sunday.",
        "how_i_feel": "mood_sad",
        "what_would_help": "Someone to come at 9.",
        "idempotency_key": str(uuid.uuid4()),
    }
    first = client.post(reverse("feedback:raise"), data)
    second = client.post(reverse("feedback:raise"), data)
    concern = Concern.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == _url(concern)
    assert concern.raised_by == personas.person and concern.person == personas.kyle
    assert concern.acknowledge_by is not None and concern.how_i_feel == "mood_sad"
    mine = client.get(reverse("feedback:mine")).content.decode()
    assert _url(concern) in mine


def test_bad_input_gets_plain_messages_never_an_error(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.models import Concern

    client = signed_in_client(personas.person)
    response = client.post(
        reverse("feedback:raise"),
        {
            "kind": "complaint",
            "about": "service",
            "service": "999999999999999999999",
            "anonymous": "on",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Say what happened" in page
    assert "A complaint needs a name" in page
    assert "Choose a service from the list" in page
    assert not Concern.objects.exists()


def test_wendy_raises_a_compliment_for_kyle_with_how_he_told_her(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.models import Concern

    client = signed_in_client(personas.worker)
    response = client.post(
        reverse("feedback:raise"),
        {
            "kind": "compliment",
            "about": "organisation",
            "what_happened": "Kyle says the new football group is brilliant.",
            "for_person": str(personas.kyle.pk),
            "voice_how": "spoken",
        },
    )
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert concern.person == personas.kyle and concern.raiser == "staff"
    assert concern.voice_how == "spoken" and concern.voice_helper is None
    # Without saying how Kyle told her, the form asks.
    again = client.post(
        reverse("feedback:raise"),
        {
            "kind": "comment",
            "about": "organisation",
            "what_happened": "x",
            "for_person": str(personas.kyle.pk),
        },
    )
    assert "Say how they told you" in again.content.decode()


def test_an_anonymous_compliment_names_nobody(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.feedback.models import Concern

    client = signed_in_client(personas.supporter)
    response = client.post(
        reverse("feedback:raise"),
        {
            "kind": "compliment",
            "about": "service",
            "service": str(personas.house.pk),
            "what_happened": "The staff at Willow House are so kind.",
            "anonymous": "on",
        },
    )
    assert response["Location"] == reverse("feedback:mine")
    concern = Concern.objects.get()
    assert (
        concern.raised_by is None and concern.person is None and concern.voice_recorded_by is None
    )


def test_how_it_works_in_both_modes(personas) -> None:  # type: ignore[no-untyped-def]
    client = signed_in_client(personas.person)
    assert "Ombudsman" in client.get(reverse("feedback:how")).content.decode()
    _easy(client)
    assert "within 3 working days" in client.get(reverse("feedback:how")).content.decode()
    assert signed_in_client(personas.commissioner).get(reverse("feedback:how")).status_code == 404


def test_maya_takes_kyles_complaint_from_acknowledged_to_answered(personas) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from coproduce.accounts.models import Notification
    from coproduce.feedback.models import Concern
    from coproduce.feedback.notifications import CONCERN_RESPONDED

    from .feedback_helpers import kyles_complaint

    complaint = kyles_complaint(personas)
    handle = reverse("feedback:handle", kwargs={"concern_id": complaint.pk})
    client = signed_in_client(personas.manager)
    page = client.get(handle).content.decode()
    assert "Acknowledge it" in page and "Send the answer" not in page
    agreed = dt.date.today() + dt.timedelta(days=30)
    response = client.post(
        handle,
        {
            "move": "acknowledge",
            "acknowledge-note": "Offered to meet on Thursday.",
            "acknowledge-respond_by-0": str(agreed.day),
            "acknowledge-respond_by-1": str(agreed.month),
            "acknowledge-respond_by-2": str(agreed.year),
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "acknowledged" and complaint.respond_by == agreed
    # An answer with nothing in it: plain messages, nothing moves.
    empty = client.post(handle, {"move": "respond"})
    assert "Write the answer in easy read too" in empty.content.decode()
    assert "Choose at least one theme" in empty.content.decode()
    # A theme that is not on the list is refused in plain words.
    made_up = client.post(handle, {"move": "respond", "respond-themes": ["parking"]})
    assert "Choose themes from the list" in made_up.content.decode()
    client.post(
        handle,
        {
            "move": "respond",
            "respond-response": "We checked the rota: the visits were late. They are at 6pm now.",
            "respond-response_easy_read": "You were right. We come at 6pm now.",
            "respond-upheld": "upheld",
            "respond-themes": ["visit_times", "activities"],
        },
    )
    complaint = Concern.objects.get(pk=complaint.pk)
    assert complaint.status == "responded" and complaint.upheld == "upheld"
    assert complaint.themes == ["visit_times", "activities"]
    assert Notification.objects.filter(
        kind=CONCERN_RESPONDED.code, recipient=personas.person
    ).exists()
    # A move the page did not offer changes nothing.
    client.post(handle, {"move": "acknowledge"})
    assert Concern.objects.get(pk=complaint.pk).status == "responded"
    kyle = signed_in_client(personas.person)
    _easy(kyle)
    assert "We come at 6pm now." in kyle.get(_url(complaint)).content.decode()
    assert kyle.get(handle).status_code == 404


def test_the_worker_it_is_about_cannot_handle_it(personas) -> None:  # type: ignore[no-untyped-def]
    from .feedback_helpers import kyles_complaint

    complaint = kyles_complaint(personas, about="worker", worker=personas.manager)
    handle = reverse("feedback:handle", kwargs={"concern_id": complaint.pk})
    assert signed_in_client(personas.manager).get(handle).status_code == 404
    assert signed_in_client(personas.quality_lead).get(handle).status_code == 200
    assert signed_in_client(personas.outsider).get(handle).status_code == 404


def test_mary_raises_for_kyle_only_when_he_shares_his_feedback(personas) -> None:  # type: ignore[no-untyped-def]
    from coproduce.accounts.viewer import viewer_for
    from coproduce.feedback.queries import people_i_raise_for
    from coproduce.people.models import Supporter

    link = personas.kyle.supporters.get(user=personas.supporter)
    Supporter.objects.filter(pk=link.pk).update(scopes=["profile", "plan"])
    mary = viewer_for(personas.supporter, personas.organisation)
    assert personas.kyle not in people_i_raise_for(mary)
    Supporter.objects.filter(pk=link.pk).update(scopes=["feedback"])
    mary = viewer_for(personas.supporter, personas.organisation)
    assert personas.kyle in people_i_raise_for(mary)
