"""A change request where the manager offers named workers: the offer, Kyle's answer per
card (kept when he answers only some), the manager's confirmation and the team after it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coproduce.accounts.viewer import viewer_for
from coproduce.decisions.models import Decision, Rung
from coproduce.matching import actions
from coproduce.matching.models import ChangeOffer, ChangeRequest, TeamChoice
from coproduce.matching.tests.team_helpers import (
    kyle_change_request,
    kyle_request_with_offers,
    suggested_worker,
)
from coproduce.plans.models import PlanEntry

pytestmark = pytest.mark.django_db
S = ChangeRequest.Status


def _as(p, name):
    return viewer_for(p.user(name), p.organisation)


def _answer(p, req, pairs, name="person", **voice):
    return actions.change_offer_answer(viewer=_as(p, name), request=req, answers=pairs, **voice)


def _confirm(p, req, workers, name="manager"):
    return actions.change_request_confirm(viewer=_as(p, name), request=req, workers=workers)


def _page(req, name="matching:change_request"):
    return reverse(name, kwargs={"request_id": req.pk})


def _team(p):
    return reverse("matching:choose", kwargs={"person_id": p.kyle.pk})


# --- actions -----------------------------------------------------------------------------


def test_offering_named_workers_moves_the_request_on_once_even_if_sent_twice(personas):
    req, (sally, tom) = kyle_request_with_offers(personas)
    assert req.status == S.OPTIONS_OFFERED
    again = actions.change_request_offer(
        viewer=_as(personas, "manager"),
        request=req,
        workers=[sally, tom],
        answer="You could meet them at the house on Tuesday.",
    )
    assert again.status == S.OPTIONS_OFFERED
    assert list(ChangeOffer.objects.values_list("worker_id", flat=True)) == [sally.pk, tom.pk]
    assert all(o.answer == "" for o in ChangeOffer.objects.all())


def test_more_workers_can_be_offered_while_the_request_waits(personas):
    req, _workers = kyle_request_with_offers(personas)
    una = suggested_worker(personas, name="Una Unsure")
    actions.change_request_offer(viewer=_as(personas, "manager"), request=req, workers=[una])
    assert ChangeOffer.objects.filter(request=req).count() == 3


def test_the_worker_asked_about_cannot_be_offered_instead_of_themself(personas):
    req = kyle_change_request(personas)
    with pytest.raises(ValidationError) as raised:
        actions.change_request_offer(
            viewer=_as(personas, "manager"), request=req, workers=[personas.worker]
        )
    assert "workers" in raised.value.message_dict
    req.refresh_from_db()
    assert req.status == S.ASKED and not ChangeOffer.objects.exists()


def test_a_worker_of_another_organisation_cannot_be_offered(personas):
    req = kyle_change_request(personas)
    with pytest.raises(ValidationError):
        actions.change_request_offer(
            viewer=_as(personas, "manager"), request=req, workers=[personas.user("outsider")]
        )
    assert not ChangeOffer.objects.exists()


def test_nothing_can_be_offered_once_the_request_is_closed(personas):
    req = kyle_change_request(personas)
    actions.change_request_move(
        viewer=_as(personas, "manager"), request=req, to=S.NOT_POSSIBLE, answer="Nobody is free."
    )
    sally = suggested_worker(personas)
    with pytest.raises(ValidationError):
        actions.change_request_offer(viewer=_as(personas, "manager"), request=req, workers=[sally])


def test_kyle_answers_one_card_now_and_the_other_later(personas):
    req, (sally, tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "yes")])
    offers = {o.worker_id: o for o in ChangeOffer.objects.all()}
    assert offers[sally.pk].answer == "yes" and offers[sally.pk].voice_how == "typed"
    assert offers[tom.pk].answer == ""
    _answer(personas, req, [(tom, "meet_first")])
    offers = {o.worker_id: o for o in ChangeOffer.objects.all()}
    assert (offers[sally.pk].answer, offers[tom.pk].answer) == ("yes", "meet_first")
    ledger = Decision.objects.filter(person=personas.kyle, what__startswith="Changing a worker")
    assert sorted(d.person_view for d in ledger) == [
        "I want to meet Tom Twostep first.",
        "Yes, I want Sally Suggested to support me.",
    ]
    assert {d.rung for d in ledger} == {Rung.CO_PRODUCTION}


def test_the_same_answer_sent_twice_keeps_one_record(personas):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "maybe")])
    _answer(personas, req, [(sally, "maybe")])
    assert Decision.objects.filter(what__startswith="Changing a worker").count() == 1


def test_a_supporter_answers_on_kyles_behalf(personas):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "yes")], name="supporter")
    offer = ChangeOffer.objects.get(worker=sally)
    assert offer.voice_how == "on_behalf" and offer.voice_helper == personas.supporter
    assert offer.decision.rung == Rung.CONSULTATION


def test_staff_beside_kyle_say_how_he_answered(personas):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    with pytest.raises(ValidationError):
        _answer(personas, req, [(sally, "yes")], name="manager")
    _answer(personas, req, [(sally, "yes")], name="manager", voice_how="spoken")
    assert ChangeOffer.objects.get(worker=sally).voice_how == "spoken"


def test_answers_need_at_least_one_card_and_only_offered_workers(personas):
    req, _workers = kyle_request_with_offers(personas)
    with pytest.raises(ValidationError):
        _answer(personas, req, [])
    with pytest.raises(ValidationError):
        _answer(personas, req, [(personas.worker, "yes")])


def test_the_change_needs_a_worker_kyle_said_yes_to(personas):
    req, (sally, tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "yes"), (tom, "maybe")])
    with pytest.raises(ValidationError) as raised:
        _confirm(personas, req, [tom])
    assert raised.value.message_dict == {"workers": ["Choose only workers the person said yes to"]}
    with pytest.raises(ValidationError):
        _confirm(personas, req, [])
    req.refresh_from_db()
    assert req.status == S.OPTIONS_OFFERED


def test_once_workers_are_offered_only_confirming_closes_as_changed(personas):
    req, _workers = kyle_request_with_offers(personas)
    with pytest.raises(ValidationError):
        actions.change_request_move(viewer=_as(personas, "manager"), request=req, to=S.CHANGED)


def test_confirming_changes_the_team_in_one_go(personas):
    p = personas
    # Kyle's team before: Wendy, confirmed.
    actions.team_choice_record(
        viewer=_as(p, "person"), person=p.kyle, worker=p.worker, answer="yes"
    )
    actions.team_review(viewer=_as(p, "manager"), person=p.kyle, confirm=True)
    req, (sally, tom) = kyle_request_with_offers(p)
    _answer(p, req, [(sally, "yes")])
    _answer(p, req, [(tom, "no")])
    closed = _confirm(p, req, [sally])
    assert closed.status == S.CHANGED and closed.closed_at is not None
    team = {c.worker_id: c.status for c in TeamChoice.objects.filter(person=p.kyle)}
    assert team == {p.worker.pk: TeamChoice.Status.CHANGED, sally.pk: TeamChoice.Status.CONFIRMED}
    sally_choice = TeamChoice.objects.get(worker=sally)
    assert sally_choice.voice_how == "typed" and sally_choice.chosen_by == p.person
    assert ChangeOffer.objects.get(worker=sally).confirmed
    who = [e.text for e in PlanEntry.objects.filter(plan__person=p.kyle, section="who")]
    assert "Sally Suggested supports me." in who
    ledger = Decision.objects.get(person=p.kyle, what__contains="changed to Sally Suggested")
    assert ledger.rung == Rung.CO_PRODUCTION and ledger.person_took_part
    # Sent twice: still one closing entry.
    assert _confirm(p, req, [sally]).status == S.CHANGED
    assert Decision.objects.filter(what__contains="changed to Sally Suggested").count() == 1


def test_answers_cannot_change_after_the_change_is_confirmed(personas):
    req, (sally, tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "yes")])
    _confirm(personas, req, [sally])
    with pytest.raises(ValidationError):
        _answer(personas, req, [(tom, "yes")])


# --- the manager's offer page ------------------------------------------------------------


def test_manager_offers_workers_on_their_cards_once_even_if_sent_twice(personas, client_for):
    req = kyle_change_request(personas)
    sally = suggested_worker(personas, name="Sally Suggested")
    tom = suggested_worker(personas, name="Tom Twostep")
    client = client_for(personas.manager)
    page = client.get(_page(req, "matching:change_request_offer"))
    assert page.status_code == 200
    assert "Offer Sally Suggested to Kyle" in page.text
    assert "What you have in common" in page.text
    assert f'name="offer_{personas.worker.pk}"' not in page.text
    data = {f"offer_{sally.pk}": "on", f"offer_{tom.pk}": "on"}
    first = client.post(_page(req, "matching:change_request_offer"), data)
    assert first.status_code == 302 and first.url == _page(req)
    # The same form again: both are already offered, so it goes back to the request.
    second = client.post(_page(req, "matching:change_request_offer"), data)
    assert second.status_code == 302 and second.url == _page(req)
    assert ChangeOffer.objects.filter(request=req).count() == 2
    req.refresh_from_db()
    assert req.status == S.OPTIONS_OFFERED


def test_manager_must_tick_a_worker_to_offer(personas, client_for):
    req = kyle_change_request(personas)
    suggested_worker(personas)
    response = client_for(personas.manager).post(_page(req, "matching:change_request_offer"), {})
    assert response.status_code == 200
    assert "Choose at least one worker to offer" in response.text
    assert not ChangeOffer.objects.exists()


@pytest.mark.parametrize("name", ["worker", "person", "supporter", "quality_lead"])
def test_only_managers_of_kyles_service_offer_workers(personas, client_for, name):
    req = kyle_change_request(personas)
    sally = suggested_worker(personas)
    client = client_for(personas.user(name))
    url = _page(req, "matching:change_request_offer")
    assert client.get(url).status_code == 404
    assert client.post(url, {f"offer_{sally.pk}": "on"}).status_code == 404
    assert not ChangeOffer.objects.exists()


@pytest.mark.parametrize("name", ["other_worker", "outsider", "commissioner"])
def test_offer_and_answer_pages_are_404_for_others(personas, client_for, name):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    client = client_for(personas.user(name))
    assert client.get(_page(req, "matching:change_request_offer")).status_code == 404
    answers = _page(req, "matching:change_request_answers")
    assert client.get(answers).status_code == 404
    assert client.post(answers, {f"answer_{sally.pk}": "yes"}).status_code == 404
    assert not ChangeOffer.objects.exclude(answer="").exists()


# --- Kyle's answers ----------------------------------------------------------------------


def test_kyle_sees_offered_cards_and_answers_some_then_comes_back(personas, client_for):
    req, (sally, tom) = kyle_request_with_offers(personas)
    client = client_for(personas.person)
    status = client.get(_page(req)).text
    assert "Answer about the workers offered" in status
    url = _page(req, "matching:change_request_answers")
    page = client.get(url).text
    assert "Sally Suggested" in page and "Tom Twostep" in page
    assert "Being outdoors and cooking together." in page
    assert "I want to meet them first" in page
    assert "2 workers have no answer yet." in page
    response = client.post(url, {f"answer_{sally.pk}": "yes"})
    assert response.status_code == 302
    page = client.get(url).text
    assert "1 worker has no answer yet." in page
    assert f'name="answer_{sally.pk}" value="yes" class="govuk-radios__input" checked' in page or (
        'value="yes" checked' in page
    )
    client.post(url, {f"answer_{sally.pk}": "yes", f"answer_{tom.pk}": "meet_first"})
    answers = dict(ChangeOffer.objects.values_list("worker_id", "answer"))
    assert answers == {sally.pk: "yes", tom.pk: "meet_first"}


def test_kyle_must_answer_at_least_one_card(personas, client_for):
    req, _workers = kyle_request_with_offers(personas)
    response = client_for(personas.person).post(_page(req, "matching:change_request_answers"), {})
    assert response.status_code == 200
    assert "Say yes, maybe, no or meet first for at least one worker" in response.text


def test_the_worker_kyle_asked_to_change_cannot_answer_for_him(personas, client_for):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    client = client_for(personas.worker)
    url = _page(req, "matching:change_request_answers")
    assert client.get(url).status_code == 404
    assert client.post(url, {f"answer_{sally.pk}": "yes", "voice_how": "spoken"}).status_code == 404


def test_a_lead_reads_the_answers_but_does_not_answer(personas, client_for):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "maybe")])
    client = client_for(personas.quality_lead)
    page = client.get(_page(req))
    assert page.status_code == 200 and "Maybe" in page.text
    assert client.get(_page(req, "matching:change_request_answers")).status_code == 404


def test_easy_read_asks_about_one_offered_worker_a_page_and_comes_back_to_the_next(
    personas, client_for
):
    req, (sally, tom) = kyle_request_with_offers(personas)
    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    client = client_for(personas.person)
    url = _page(req, "matching:change_request_answers")
    page = client.get(url).text
    assert "Person 1 of 2" in page and page.count("govuk-radios__input") == 4
    assert client.post(url, {}).status_code == 200  # this card needs an answer
    response = client.post(url + "?step=0", {f"answer_{sally.pk}": "yes"})
    assert response.status_code == 302 and response.url.endswith("?step=1")
    # Coming back later starts at Tom, the one with no answer yet.
    page = client.get(url).text
    assert "Person 2 of 2" in page and "Do you want Tom to support you?" in page
    client.post(url + "?step=1", {f"answer_{tom.pk}": "no"})
    summary = client.get(url).text
    assert "Your answers" in summary and "Sally: Yes." in summary and "Tom: No." in summary


# --- the manager confirms; Kyle sees his team now ------------------------------------------


def test_manager_confirms_on_the_request_page_and_kyle_sees_his_team_now(personas, client_for):
    from coproduce.people.staff.tests.staff_helpers import profile_with_photo

    req, (sally, tom) = kyle_request_with_offers(personas)
    profile = profile_with_photo(personas, sally)
    _answer(personas, req, [(sally, "yes"), (tom, "maybe")])
    manager = client_for(personas.manager)
    page = manager.get(_page(req)).text
    assert "Who joins Kyle&#39;s team?" in page and f'value="{tom.pk}"' not in page
    assert manager.post(_page(req), {"confirm": "1"}).status_code == 200  # nobody chosen
    response = manager.post(_page(req), {"confirm": "1", "workers": [str(sally.pk)]})
    assert response.status_code == 302
    again = manager.post(_page(req), {"confirm": "1", "workers": [str(sally.pk)]})
    assert again.status_code == 302  # sent twice: one change
    req.refresh_from_db()
    assert req.status == S.CHANGED
    assert TeamChoice.objects.filter(person=personas.kyle, worker=sally).count() == 1
    assert Decision.objects.filter(what__contains="changed to Sally Suggested").count() == 1
    team = client_for(personas.person).get(_team(personas)).text
    assert "Your team now" in team
    photo = reverse("people:staff_photo", kwargs={"staff_id": profile.pk})
    assert f'src="{photo}"' in team and "Sally Suggested" in team
    assert 'name="answer_' not in team  # the four questions are not asked again
    assert "You asked to change Wendy Worker. It is done: you have a new worker." in team
    assert "Ask to change a worker" in team


@pytest.mark.parametrize("name", ["worker", "person", "quality_lead"])
def test_only_the_manager_confirms(personas, client_for, name):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "yes")])
    response = client_for(personas.user(name)).post(
        _page(req), {"confirm": "1", "workers": [str(sally.pk)]}
    )
    assert response.status_code == 404
    req.refresh_from_db()
    assert req.status == S.OPTIONS_OFFERED


def test_team_page_lists_open_requests_in_plain_words(personas, client_for):
    actions.team_choice_record(
        viewer=_as(personas, "person"), person=personas.kyle, worker=personas.worker, answer="yes"
    )
    actions.team_review(viewer=_as(personas, "manager"), person=personas.kyle, confirm=True)
    kyle_change_request(personas)
    page = client_for(personas.person).get(_team(personas)).text
    assert "Your team now" in page and "Wendy Worker" in page
    assert "You asked to change Wendy Worker. Your manager has not read it yet." in page
    assert "(asked)" not in page
    staff = client_for(personas.manager).get(_team(personas)).text
    assert "Kyle's team now" in staff
    assert "Kyle asked to change Wendy Worker. The manager has not read it yet." in staff


def test_team_now_in_easy_read(personas, client_for):
    actions.team_choice_record(
        viewer=_as(personas, "person"), person=personas.kyle, worker=personas.worker, answer="yes"
    )
    actions.team_review(viewer=_as(personas, "manager"), person=personas.kyle, confirm=True)
    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    page = client_for(personas.person).get(_team(personas)).text
    assert "Your team now" in page and "Wendy Worker" in page
    assert "You can ask for a new worker at any time." in page
    assert "govuk-radios__input" not in page


def test_answers_sent_after_the_change_go_back_to_the_answers(personas, client_for):
    req, (sally, tom) = kyle_request_with_offers(personas)
    _answer(personas, req, [(sally, "yes")])
    _confirm(personas, req, [sally])
    client = client_for(personas.person)
    url = _page(req, "matching:change_request_answers")
    response = client.post(url, {f"answer_{tom.pk}": "yes"})
    assert response.status_code == 302 and response.url == url
    assert ChangeOffer.objects.get(worker=tom).answer == ""
    page = client.get(url).text
    assert "This request has moved on. These are the answers." in page


def test_with_workers_who_match_the_manager_offers_them_by_name_not_in_words_only(
    personas, client_for
):
    req = kyle_change_request(personas)
    manager = client_for(personas.manager)
    words_only = manager.get(_page(req)).text
    assert 'value="options_offered"' in words_only  # nobody matches: words are all there is
    assert "Offer named workers who match" not in words_only
    suggested_worker(personas)
    named = manager.get(_page(req)).text
    assert 'value="options_offered"' not in named
    assert "Offer named workers who match" in named


def test_kyle_is_told_when_workers_are_offered_and_when_the_change_is_made(personas):
    from coproduce.accounts.models import Notification

    req, (sally, _tom) = kyle_request_with_offers(personas)
    told = Notification.objects.filter(recipient=personas.person, kind="change_request_answered")
    assert [n.key for n in told] == [f"change_request:{req.pk}:options_offered"]
    assert told[0].target == _page(req)
    _answer(personas, req, [(sally, "yes")])
    _confirm(personas, req, [sally])
    assert sorted(n.key for n in told.all()) == [
        f"change_request:{req.pk}:changed",
        f"change_request:{req.pk}:options_offered",
    ]


def test_staff_beside_kyle_answer_on_the_page_and_say_how_he_gave_it(personas, client_for):
    req, (sally, _tom) = kyle_request_with_offers(personas)
    client = client_for(personas.manager)
    url = _page(req, "matching:change_request_answers")
    page = client.get(url).text
    assert "The workers Kyle could have" in page and 'name="voice_how"' in page
    response = client.post(url, {f"answer_{sally.pk}": "yes"})
    assert response.status_code == 200
    assert ChangeOffer.objects.get(worker=sally).answer == ""
    response = client.post(url, {f"answer_{sally.pk}": "yes", "voice_how": "spoken"})
    assert response.status_code == 302
    offer = ChangeOffer.objects.get(worker=sally)
    assert (offer.answer, offer.voice_how, offer.voice_recorded_by) == (
        "yes",
        "spoken",
        personas.manager,
    )


def test_answer_page_queries_do_not_grow_with_the_workers_offered(
    personas, client_for, django_assert_max_num_queries
):
    req, _workers = kyle_request_with_offers(
        personas, names=("Sally Suggested", "Tom Twostep", "Una Unsure", "Vic Very")
    )
    client = client_for(personas.person)
    url = _page(req, "matching:change_request_answers")
    client.get(url)  # warm the index cache
    with django_assert_max_num_queries(24):  # 21 with two offered, as with four
        assert client.get(url).status_code == 200


def test_after_a_change_the_team_now_names_the_new_worker_not_the_one_changed(personas, client_for):
    p = personas
    actions.team_choice_record(
        viewer=_as(p, "person"), person=p.kyle, worker=p.worker, answer="yes"
    )
    actions.team_review(viewer=_as(p, "manager"), person=p.kyle, confirm=True)
    req, (sally, _tom) = kyle_request_with_offers(p)
    _answer(p, req, [(sally, "yes")])
    _confirm(p, req, [sally])
    page = client_for(p.person).get(_team(p)).text
    assert "The manager confirmed the team: Sally Suggested." in page
    team = page.split("These are the people who support you.")[1].split("Changing a worker")[0]
    assert "Sally Suggested" in team and "Wendy Worker" not in team
