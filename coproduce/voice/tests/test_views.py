"""The answering and results pages: who may open them, what answering stores, easy read
one question a page, results and downloads, house meetings."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from conftest import signed_in_client
from coproduce.accounts.viewer import viewer_for
from coproduce.voice.actions import survey_close
from coproduce.voice.models import Answer, Participation, Response
from coproduce.voice.tally import RESPONSES, totals

from .voice_helpers import answer_as, choose, house_survey, quick_vote

pytestmark = pytest.mark.django_db


def _url(name: str, survey, **extra) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"voice:{name}", kwargs={"survey_id": survey.pk, **extra})


def _easy_read(client) -> None:  # type: ignore[no-untyped-def]
    session = client.session
    session["easy_read"] = True
    session.save()


def test_kyle_sees_the_vote_waiting_for_him_and_answers_it(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    client = signed_in_client(personas.person)
    page = client.get(reverse("voice:mine")).content.decode()
    assert vote.title in page and "Waiting for your answer" in page
    form = client.get(_url("answer", vote)).content.decode()
    assert "The seaside" in form
    zoo = vote.questions.get().options.get(position=1)
    question = vote.questions.get()
    response = client.post(_url("answer", vote), {f"q{question.pk}": str(zoo.pk)})
    assert response.status_code == 302 and response["Location"] == _url("detail", vote)
    assert totals(vote.pk)[(question.pk, zoo.pk, 0)].count == 1
    # Sent twice (a double click): still one answer.
    again = client.post(_url("answer", vote), {f"q{question.pk}": str(zoo.pk)})
    assert again.status_code == 302
    assert Response.objects.filter(survey=vote).count() == 1
    detail = client.get(_url("detail", vote)).content.decode()
    assert "You answered. Thank you." in detail
    # Results are shown after answering (the default), with the count.
    assert 'data-count="1"' in detail


def test_an_answer_with_nothing_chosen_gets_a_plain_message(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    client = signed_in_client(personas.person)
    response = client.post(_url("answer", vote), {})
    assert response.status_code == 200
    assert "Choose an answer" in response.content.decode()
    question = vote.questions.get()
    bad = client.post(_url("answer", vote), {f"q{question.pk}": "not a number"})
    assert "Choose from the answers shown" in bad.content.decode()
    other = client.post(_url("answer", vote), {f"q{question.pk}": "999999999"})
    assert "Choose from the answers shown" in other.content.decode()
    assert not Participation.objects.filter(survey=vote).exists()


def test_in_easy_read_kyle_answers_one_question_a_page(personas) -> None:  # type: ignore[no-untyped-def]
    survey = house_survey(personas)
    score, listened, follow_up = list(survey.questions.order_by("position"))
    client = signed_in_client(personas.person)
    _easy_read(client)
    first = client.get(_url("answer", survey)).content.decode()
    assert "Question 1 of 2" in first and "How do you feel about our house meetings?" in first
    client.post(
        _url("answer", survey), {"step": "0", f"q{score.pk}": score.options.get(code="5").pk}
    )
    no = listened.options.get(position=1)
    second = client.post(_url("answer", survey), {"step": "1", f"q{listened.pk}": no.pk})
    # Saying "No" brings the follow-up question in.
    assert second["Location"].endswith("?step=2")
    third = client.get(second["Location"]).content.decode()
    assert "What would help you feel listened to?" in third and "Question 3 of 3" in third
    client.post(
        _url("answer", survey), {"step": "2", f"q{follow_up.pk}-text": "Pictures on the agenda"}
    )
    check = client.get(_url("answer", survey) + "?step=3").content.decode()
    assert "Check your answers" in check and "Pictures on the agenda" in check
    assert not Response.objects.filter(survey=survey).exists()
    sent = client.post(_url("answer", survey), {"step": "3", "send": "1"})
    assert sent.status_code == 302
    response = Response.objects.get(survey=survey)
    assert Answer.objects.filter(response=response).count() == 3


def test_a_closed_vote_cannot_be_answered(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    survey_close(viewer=viewer_for(personas.manager, personas.organisation), survey=vote)
    client = signed_in_client(personas.person)
    response = client.get(_url("answer", vote), follow=True)
    assert "This has closed" in response.content.decode()


def test_who_may_open_the_pages(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    # Not asked: a worker of another service, and the other organisation.
    for name in ("other_worker", "outsider", "commissioner"):
        client = signed_in_client(personas.user(name))
        assert client.get(_url("detail", vote)).status_code == 404, name
        assert client.get(_url("answer", vote)).status_code == 404, name
    # Results after answering: Kyle before he answers may not see them.
    kyle = signed_in_client(personas.person)
    assert kyle.get(_url("results", vote)).status_code == 404
    # Leaders and the house's manager see them at any time.
    for name in ("senior_leader", "quality_lead", "manager"):
        assert signed_in_client(personas.user(name)).get(_url("results", vote)).status_code == 200


def test_sana_sees_the_results_and_the_live_fragment(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    sana = signed_in_client(personas.senior_leader)
    page = sana.get(_url("results", vote)).content.decode()
    assert 'data-count="0"' in page and "hx-get" in page
    answer_as(personas.person, personas, vote, choose(vote, 1))
    live = sana.get(_url("results_live", vote) + "?since=0").content.decode()
    assert 'id="responses-count" data-count="1"' in live
    assert "The zoo has the most answers: 1 of 1 (100%)." in live
    assert 'aria-live="polite"' in live
    unchanged = sana.get(_url("results_live", vote) + "?since=1").content.decode()
    assert "aria-live" not in unchanged


def test_downloads_are_formula_safe_and_for_those_who_oversee(personas) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    vote = quick_vote(personas)
    question = vote.questions.get()
    question.options.filter(position=0).update(label='=HYPERLINK("http://x")')
    answer_as(personas.person, personas, vote, choose(vote, 0))
    sana = signed_in_client(personas.senior_leader)
    csv_text = b"".join(sana.get(_url("results_csv", vote)).streaming_content).decode()
    assert "'=HYPERLINK" in csv_text
    xlsx = sana.get(_url("results_xlsx", vote))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    labels = [row[1] for row in sheet.iter_rows(values_only=True)]
    assert '\'=HYPERLINK("http://x")' in labels
    assert signed_in_client(personas.worker).get(_url("results_csv", vote)).status_code == 404
    assert signed_in_client(personas.outsider).get(_url("results_xlsx", vote)).status_code == 404


def test_a_house_meeting_records_each_persons_answer_with_how_they_gave_it(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    worker = signed_in_client(personas.worker)
    meeting = _url("house_meeting", vote, service_id=personas.house.pk)
    page = worker.get(meeting).content.decode()
    assert "Kyle answers now" in page
    answer_url = _url(
        "house_meeting_answer", vote, service_id=personas.house.pk, person_id=personas.kyle.pk
    )
    question = vote.questions.get()
    option = question.options.get(position=2)
    missing_how = worker.post(answer_url, {f"q{question.pk}": option.pk})
    assert "Say how they gave their answers" in missing_how.content.decode()
    done = worker.post(answer_url, {f"q{question.pk}": option.pk, "voice_how": "supported"})
    assert done["Location"] == meeting
    response = Response.objects.get(survey=vote)
    assert response.person_id == personas.kyle.pk
    assert response.voice_how == "supported" and response.voice_helper_id == personas.worker.pk
    after = worker.get(meeting).content.decode()
    assert "has answered" in after and "A football match" not in after
    # Kyle himself cannot answer again.
    kyle = signed_in_client(personas.person)
    kyle.post(_url("answer", vote), {f"q{question.pk}": option.pk})
    assert totals(vote.pk)[RESPONSES].count == 1
    # A worker of another service may not hold this meeting.
    assert signed_in_client(personas.other_worker).get(meeting).status_code == 404
    assert signed_in_client(personas.outsider).get(meeting).status_code == 404


def test_kyle_says_mary_helped_him_answer(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    question = vote.questions.get()
    seaside = question.options.get(position=0)
    client = signed_in_client(personas.person)
    page = client.get(_url("answer", vote)).content.decode()
    assert "Someone helped me" in page and "Mary" in page
    refused = client.post(
        _url("answer", vote),
        {f"q{question.pk}": str(seaside.pk), "voice_how": "supported", "voice_helper": "999999"},
    )
    assert refused.status_code == 200
    assert "Choose who helped you from the list" in refused.content.decode()
    assert not Response.objects.filter(survey=vote).exists()
    client.post(
        _url("answer", vote),
        {
            f"q{question.pk}": str(seaside.pk),
            "voice_how": "supported",
            "voice_helper": str(personas.supporter.pk),
        },
    )
    response = Response.objects.get(survey=vote)
    assert response.voice_how == "supported"
    assert response.voice_helper == personas.supporter
    assert response.voice_recorded_by == personas.person


def test_an_anonymous_answer_never_names_a_helper(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas, anonymous=True)
    question = vote.questions.get()
    client = signed_in_client(personas.person)
    page = client.get(_url("answer", vote)).content.decode()
    assert "Someone helped me" in page and "Who helped you?" not in page
    client.post(
        _url("answer", vote),
        {
            f"q{question.pk}": str(question.options.first().pk),  # type: ignore[union-attr]
            "voice_how": "supported",
            "voice_helper": str(personas.supporter.pk),
        },
    )
    response = Response.objects.get(survey=vote)
    assert response.voice_how == "supported" and response.voice_helper is None
    assert response.person is None


def test_wendy_sees_what_was_decided_at_her_house(personas) -> None:  # type: ignore[no-untyped-def]
    from .voice_helpers import meeting_chosen

    poll = meeting_chosen(personas)
    page = signed_in_client(personas.worker).get(reverse("voice:mine")).content.decode()
    assert "What was decided where you work" in page
    assert _url("detail", poll) in page
    elsewhere = signed_in_client(personas.other_worker).get(reverse("voice:mine")).content.decode()
    assert _url("detail", poll) not in elsewhere
