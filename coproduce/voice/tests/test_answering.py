"""Answering a vote or a survey through the action: the totals, one answer each, closed
surveys, anonymous answers that name nobody, and the rules of each kind of question."""

from __future__ import annotations

import pytest

from coproduce.accounts.viewer import viewer_for
from coproduce.voice.actions import (
    AlreadyAnswered,
    OptionSpec,
    QuestionSpec,
    SurveyClosed,
    survey_close,
)
from coproduce.voice.answering import AnswerProblem, GivenAnswer, check_answer
from coproduce.voice.models import (
    Answer,
    Participation,
    Question,
    QuestionKind,
    Response,
    SurveyKind,
)
from coproduce.voice.tally import RESPONSES, totals

from .voice_helpers import answer_as, choose, house_survey, quick_vote

pytestmark = pytest.mark.django_db


def test_an_answer_adds_to_the_running_totals(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    answer_as(personas.person, personas, vote, choose(vote, 1))
    answer_as(personas.supporter, personas, vote, choose(vote, 1))
    question = vote.questions.get()
    zoo = question.options.get(position=1)
    shown = totals(vote.pk)
    assert shown[RESPONSES].count == 2
    assert shown[(question.pk, zoo.pk, 0)].count == 2
    by_role = totals(vote.pk, "role:supporter")
    assert by_role[(question.pk, zoo.pk, 0)].count == 1
    assert totals(vote.pk, f"service:{personas.house.pk}")[RESPONSES].count == 2


def test_answering_twice_keeps_the_first_answer(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    answer_as(personas.person, personas, vote, choose(vote, 0))
    with pytest.raises(AlreadyAnswered):
        answer_as(personas.person, personas, vote, choose(vote, 2))
    assert Response.objects.filter(survey=vote).count() == 1
    assert totals(vote.pk)[RESPONSES].count == 1


def test_a_closed_vote_takes_no_answers(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    survey_close(viewer=viewer_for(personas.manager, personas.organisation), survey=vote)
    with pytest.raises(SurveyClosed):
        answer_as(personas.person, personas, vote, choose(vote, 0))
    assert not Participation.objects.filter(survey=vote).exists()


def test_an_anonymous_answer_names_nobody(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas, anonymous=True)
    response = answer_as(personas.person, personas, vote, choose(vote, 0))
    response.refresh_from_db()
    assert response.person_id is None and response.user_id is None
    assert response.created_at is None and response.voice_recorded_by_id is None
    assert response.voice_recorded_at.time().hour == 0 or response.voice_recorded_at.minute == 0
    participation = Participation.objects.get(survey=vote)
    assert participation.respondent_key == f"person:{personas.kyle.pk}"
    # Nothing on the participation points at the response, nor the other way round.
    participation_fields = {f.name for f in Participation._meta.get_fields()}
    assert "response" not in participation_fields
    assert {f.name for f in Response._meta.get_fields()}.isdisjoint({"participation"})


def test_a_follow_up_question_is_asked_only_after_its_answer(personas) -> None:  # type: ignore[no-untyped-def]
    survey = house_survey(personas)
    score, listened, follow_up = list(survey.questions.order_by("position"))
    assert follow_up.show_if_option.question_id == listened.pk
    yes = listened.options.get(position=0)
    answers = {
        score.pk: GivenAnswer(score.pk, [score.options.get(code="4").pk]),
        listened.pk: GivenAnswer(listened.pk, [yes.pk]),
        # Said "Yes", so the follow-up was never asked: its words are dropped.
        follow_up.pk: GivenAnswer(follow_up.pk, text="Never stored"),
    }
    response = answer_as(personas.person, personas, survey, answers)
    assert not Answer.objects.filter(response=response, question=follow_up).exists()
    assert Answer.objects.filter(response=response).count() == 2


def test_a_staff_member_outside_the_service_is_not_asked(personas) -> None:  # type: ignore[no-untyped-def]
    survey = house_survey(personas)
    with pytest.raises(AssertionError, match="is not asked"):
        answer_as(personas.other_worker, personas, survey, {})
    answers = {**choose(survey, 0), **choose(survey, 1, question_position=1)}
    answer_as(personas.worker, personas, survey, answers)
    assert totals(survey.pk, "role:staff")[RESPONSES].count == 1


def _question(personas, kind, options=(), dots=0):  # type: ignore[no-untyped-def]
    survey = quick_vote(
        personas,
        kind=SurveyKind.SURVEY,
        questions=[
            QuestionSpec(kind, "Question", dots=dots, options=[OptionSpec(o) for o in options])
        ],
    )
    return Question.objects.prefetch_related("options").get(survey=survey)


def test_each_kind_of_question_keeps_its_rules(personas) -> None:  # type: ignore[no-untyped-def]
    ranked = _question(personas, QuestionKind.RANKED, ["Bowling", "Cinema", "Park"])
    a, b, c = [o.pk for o in ranked.options.all()]
    check_answer(ranked, GivenAnswer(ranked.pk, values={a: 2, b: 1, c: 3}))
    with pytest.raises(AnswerProblem, match="different place"):
        check_answer(ranked, GivenAnswer(ranked.pk, values={a: 1, b: 1, c: 3}))

    dots = _question(personas, QuestionKind.DOTS, ["Garden", "Kitchen"], dots=5)
    g, k = [o.pk for o in dots.options.all()]
    check_answer(dots, GivenAnswer(dots.pk, values={g: 3, k: 2}))
    with pytest.raises(AnswerProblem, match=r"You have 5 dots to share\. You gave 6\."):
        check_answer(dots, GivenAnswer(dots.pk, values={g: 3, k: 3}))

    proposal = _question(personas, QuestionKind.PROPOSAL)
    block = proposal.options.get(code="block")
    with pytest.raises(AnswerProblem, match="Say why you would block it"):
        check_answer(proposal, GivenAnswer(proposal.pk, [block.pk]))

    meeting = _question(personas, QuestionKind.OPEN)
    with pytest.raises(AnswerProblem, match="Write your answer"):
        check_answer(meeting, GivenAnswer(meeting.pk))

    with pytest.raises(AnswerProblem, match="Choose from the answers shown"):
        check_answer(ranked, GivenAnswer(ranked.pk, [block.pk]))
