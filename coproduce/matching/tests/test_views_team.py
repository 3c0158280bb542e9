"""The choose-my-team page and the manager's review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coproduce.decisions.models import Decision, Rung
from coproduce.matching.models import TeamChoice
from coproduce.matching.tests.team_helpers import suggested_worker
from coproduce.plans.models import PlanEntry

pytestmark = pytest.mark.django_db


def _url(p, name="matching:choose"):
    return reverse(name, kwargs={"person_id": p.kyle.pk})


def test_choose_page_without_suggestions_says_so_plainly(personas, client_for):
    response = client_for(personas.person).get(_url(personas))
    assert response.status_code == 200
    assert "There is nobody to suggest yet. Your manager will help." in response.text


def test_kyle_sees_a_card_with_profile_and_can_answer(personas, client_for):
    sally = suggested_worker(personas)
    response = client_for(personas.person).get(_url(personas))
    assert response.status_code == 200
    assert "Sally Suggested" in response.text
    assert "Being outdoors and cooking together." in response.text
    assert f'name="answer_{sally.pk}"' in response.text


def test_kyles_yes_goes_into_ledger_as_co_production_and_into_plan_who(personas, client_for):
    sally = suggested_worker(personas)
    client = client_for(personas.person)
    data = {f"answer_{sally.pk}": "yes", f"meet_{sally.pk}": "on"}
    response = client.post(_url(personas), data)
    assert response.status_code == 302
    client.post(_url(personas), data)  # sent twice
    choice = TeamChoice.objects.get(person=personas.kyle, worker=sally)
    assert TeamChoice.objects.filter(person=personas.kyle).count() == 1
    assert choice.meet_first and choice.voice_how == "typed"
    assert choice.decision.rung == Rung.CO_PRODUCTION
    assert Decision.objects.filter(person=personas.kyle, what__startswith="Choosing").count() == 1
    who = PlanEntry.objects.filter(plan__person=personas.kyle, section="who")
    assert [e.text for e in who] == ["Sally Suggested supports me."]


def test_supporter_answers_on_kyles_behalf_at_consultation(personas, client_for):
    sally = suggested_worker(personas)
    response = client_for(personas.supporter).post(_url(personas), {f"answer_{sally.pk}": "maybe"})
    assert response.status_code == 302
    choice = TeamChoice.objects.get(person=personas.kyle, worker=sally)
    assert choice.voice_how == "on_behalf"
    assert choice.decision.rung == Rung.CONSULTATION


def test_worker_sitting_with_kyle_must_say_how_he_answered(personas, client_for):
    sally = suggested_worker(personas)
    client = client_for(personas.worker)
    response = client.post(_url(personas), {f"answer_{sally.pk}": "yes"})
    assert response.status_code == 200
    assert not TeamChoice.objects.exists()
    response = client.post(_url(personas), {f"answer_{sally.pk}": "yes", "voice_how": "spoken"})
    assert response.status_code == 302
    assert TeamChoice.objects.get().decision.rung == Rung.CO_PRODUCTION


def test_lead_reads_the_choose_page_but_cannot_answer(personas, client_for):
    sally = suggested_worker(personas)
    client = client_for(personas.quality_lead)
    assert client.get(_url(personas)).status_code == 200
    response = client.post(_url(personas), {f"answer_{sally.pk}": "yes", "voice_how": "spoken"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["commissioner", "other_worker", "outsider"])
def test_choose_page_is_404_for_others(personas, client_for, name):
    assert client_for(personas.user(name)).get(_url(personas)).status_code == 404


def test_easy_read_asks_about_one_worker_per_page(personas, client_for):
    sally = suggested_worker(personas)
    tom = suggested_worker(personas, name="Tom Two")
    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    client = client_for(personas.person)
    page = client.get(_url(personas)).text
    assert page.count("govuk-radios__input") == 3
    assert "Person 1 of 2" in page
    first = sally.pk if f'name="answer_{sally.pk}"' in page else tom.pk
    response = client.post(_url(personas), {f"answer_{first}": "no"})
    assert response.status_code == 302
    assert response.url.endswith("?step=1")
    assert TeamChoice.objects.get().answer == "no"
    page = client.get(_url(personas) + "?step=2").text
    assert "Your answers" in page


def test_choose_page_queries_do_not_grow_with_suggestions(
    personas, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas.person)
    made = iter(range(100))

    def queries_with(workers: int) -> int:
        for _ in range(workers):
            suggested_worker(personas, name=f"Worker{next(made)} Test")
        client.get(_url(personas))  # warm the index cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(personas)).status_code == 200
        return len(captured)

    two = queries_with(2)
    assert queries_with(2) == two  # four suggestions cost what two did
    with django_assert_max_num_queries(26):
        assert client.get(_url(personas)).status_code == 200


def test_manager_confirms_and_kyle_sees_it(personas, client_for):
    sally = suggested_worker(personas)
    client_for(personas.person).post(_url(personas), {f"answer_{sally.pk}": "yes"})
    manager = client_for(personas.manager)
    response = manager.post(_url(personas, "matching:manager_review"), {"confirm": "yes"})
    assert response.status_code == 302
    assert TeamChoice.objects.get().status == "confirmed"
    assert (
        "The manager confirmed the team: Sally Suggested."
        in client_for(personas.person).get(_url(personas)).text
    )


def test_manager_must_say_why_not(personas, client_for):
    sally = suggested_worker(personas)
    client_for(personas.person).post(_url(personas), {f"answer_{sally.pk}": "yes"})
    manager = client_for(personas.manager)
    url = _url(personas, "matching:manager_review")
    assert manager.post(url, {"confirm": "no"}).status_code == 200
    assert TeamChoice.objects.get().status == "waiting"
    manager.post(url, {"confirm": "no", "note": "Sally has no free hours until May."})
    assert TeamChoice.objects.get().status == "not_confirmed"
    page = client_for(personas.person).get(_url(personas)).text
    assert "Sally has no free hours until May." in page
    assert Decision.objects.filter(rung=Rung.INFORMING, person=personas.kyle).exists()


@pytest.mark.parametrize("name", ["worker", "quality_lead"])
def test_workers_and_leads_cannot_confirm_the_team(personas, client_for, name):
    sally = suggested_worker(personas)
    client_for(personas.person).post(_url(personas), {f"answer_{sally.pk}": "yes"})
    response = client_for(personas.user(name)).post(
        _url(personas, "matching:manager_review"), {"confirm": "yes"}
    )
    assert response.status_code == 404
    assert TeamChoice.objects.get().status == "waiting"


@pytest.mark.parametrize("name", ["person", "commissioner", "outsider"])
def test_review_page_is_404_for_others(personas, client_for, name):
    url = _url(personas, "matching:manager_review")
    assert client_for(personas.user(name)).get(url).status_code == 404


def test_a_card_shows_the_workers_film_with_captions_and_kyle_may_watch_it(personas, client_for):
    from coproduce.people.staff.tests.staff_helpers import stored_film

    sally = suggested_worker(personas)
    film = stored_film(personas, sally)
    client = client_for(personas.person)
    page = client.get(_url(personas)).text
    video = reverse("people:film_video", kwargs={"film_id": film.pk})
    assert video in page
    assert reverse("people:film_captions", kwargs={"film_id": film.pk}) in page
    assert client.get(video).status_code in (200, 206)


def test_a_card_shows_the_workers_picture_instead_of_initials(personas, client_for):
    from coproduce.people.staff.tests.staff_helpers import profile_with_photo

    sally = suggested_worker(personas)
    profile = profile_with_photo(personas, sally)
    client = client_for(personas.person)
    photo = reverse("people:staff_photo", kwargs={"staff_id": profile.pk})
    first_name = sally.name.split(" ")[0]

    page = client.get(_url(personas)).text
    assert f'src="{photo}"' in page
    assert f'alt="Picture of {first_name}"' in page
    assert client.get(photo)["Content-Type"] == "image/png"

    personas.person.easy_read = True
    personas.person.save(update_fields=["easy_read"])
    easy = client.get(_url(personas)).text
    assert f'src="{photo}"' in easy and f'alt="Picture of {first_name}"' in easy


def test_a_card_without_a_picture_shows_initials(personas, client_for):
    suggested_worker(personas, "Sally Suggested")
    page = client_for(personas.person).get(_url(personas)).text
    assert ">SS</span>" in page
    assert "people/staff/" not in page.split("Sally Suggested")[0].rsplit("<h2", 1)[-1]


def test_supporter_without_the_plan_scope_cannot_choose_or_ask(personas, client_for):
    from coproduce.people.models import Supporter

    Supporter.objects.filter(user=personas.supporter).update(scopes=["profile"])
    client = client_for(personas.supporter)
    assert client.get(_url(personas)).status_code == 404
    url = reverse("matching:change_request_new", kwargs={"person_id": personas.kyle.pk})
    assert client.get(url).status_code == 404


def test_answers_about_a_whole_team_are_saved_together_or_not_at_all(personas):
    from coproduce.decisions.models import Decision
    from coproduce.matching import actions
    from coproduce.matching.tests.team_helpers import viewer_of

    first = suggested_worker(personas, "Sally Suggested")
    second = suggested_worker(personas, "Tom Tried")
    third = suggested_worker(personas, "Una Unsure")
    decisions_before = Decision.objects.filter(person=personas.kyle).count()

    with pytest.raises(ValueError):
        actions.team_choices_record(
            viewer=viewer_of(personas.person, personas.organisation),
            person=personas.kyle,
            answers=[(first, "yes", False), (second, "no", False), (third, "not-an-answer", False)],
        )

    assert not TeamChoice.objects.filter(person=personas.kyle).exists()
    assert Decision.objects.filter(person=personas.kyle).count() == decisions_before
    assert not PlanEntry.objects.filter(plan__person=personas.kyle).exists()
