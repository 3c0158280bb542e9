"""The large demo's votes and surveys, on a tiny copy: every stored answer keeps the rules
of its question, and the running totals computed in SQL are exactly what the answer
action would have added for the same answers."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count as Number

from coproduce.accounts.models import Organisation
from coproduce.demo.large import LARGE_ORGANISATION_SLUGS
from coproduce.demo.targets import choose_targets, open_survey_for
from coproduce.voice.answering import GivenAnswer, answer_rows, check_answers
from coproduce.voice.forms import NUMBER_KINDS
from coproduce.voice.models import (
    TEXT_KINDS,
    Answer,
    Participation,
    Question,
    Response,
    Survey,
    SurveyKind,
    Tally,
)
from coproduce.voice.queries import audience_for, survey_service_ids
from coproduce.voice.rules import respondent_for
from coproduce.voice.tally import Count, Key, dimensions_of, totals

pytestmark = pytest.mark.django_db


def _load(scale: str = "0.01") -> None:
    call_command("demo", "--size", "large", "--scale", scale, stdout=StringIO())


def _given(question: Question, rows: list[Answer]) -> GivenAnswer:
    """A question's answer as the form would have given it, from its stored rows."""
    given = GivenAnswer(question.pk)
    for row in rows:
        if row.option_id is None:
            given.text = row.text
        elif question.kind in NUMBER_KINDS:
            given.values[row.option_id] = row.value  # type: ignore[assignment]
        else:
            given.option_ids.append(row.option_id)
            given.text = given.text or row.text
    return given


def _expected_totals(survey: Survey, questions: list[Question]) -> dict[str, dict[Key, Count]]:
    """Add up what ``answer_rows`` gives for each stored response, in each breakdown."""
    rows_of: dict[object, dict[int, list[Answer]]] = defaultdict(lambda: defaultdict(list))
    for row in Answer.objects.filter(response__survey=survey).order_by("pk"):
        rows_of[row.response_id][row.question_id].append(row)
    expected: dict[str, dict[Key, Count]] = defaultdict(dict)
    for response in Response.objects.filter(survey=survey):
        by_question = rows_of[response.pk]
        answers = {q.pk: _given(q, by_question[q.pk]) for q in questions if q.pk in by_question}
        # Every stored answer keeps its question's rules (the action would refuse it).
        kept = check_answers(questions, answers)
        assert set(kept) == set(answers), (survey.title, response.pk)
        _, additions = answer_rows(questions, kept)
        for dimension in dimensions_of(
            service_id=response.service_id, area=response.area, role=response.role
        ):
            found = expected[dimension]
            for key, add in additions.items():
                before = found.get(key, Count())
                found[key] = Count(before.count + add.count, before.points + add.points)
    return expected


def test_tiny_large_demo_totals_are_what_the_answers_add_up_to() -> None:
    _load()
    surveys = list(Survey.objects.filter(organisation__slug__in=LARGE_ORGANISATION_SLUGS))
    kinds = {survey.kind for survey in surveys}
    assert kinds == {SurveyKind.VOTE, SurveyKind.SURVEY, SurveyKind.CONSULTATION}
    question_kinds = set(Question.objects.filter(survey__in=surveys).values_list("kind", flat=True))
    assert {"score", "choice", "choices", "ranked", "dots", "proposal", "meeting"} <= question_kinds
    assert question_kinds >= TEXT_KINDS
    for survey in surveys:
        questions = list(survey.questions.prefetch_related("options").order_by("position", "pk"))
        expected = _expected_totals(survey, questions)
        stored_dimensions = set(
            Tally.objects.filter(survey=survey).values_list("dimension", flat=True)
        )
        assert stored_dimensions == set(expected), survey.title
        for dimension, wanted in expected.items():
            assert totals(survey.pk, dimension) == wanted, (survey.title, dimension)
        responses = Response.objects.filter(survey=survey).count()
        assert Participation.objects.filter(survey=survey).count() == responses


def test_tiny_large_demo_has_open_closed_and_anonymous_surveys_and_one_big_one() -> None:
    _load()
    northern = Organisation.objects.get(slug="northern-care")
    surveys = Survey.objects.filter(organisation=northern)
    assert surveys.filter(anonymous=True).exists()
    closed = [s for s in surveys if s.is_closed]
    assert closed and all(s.outcome for s in closed)
    assert (
        not Response.objects.filter(survey__anonymous=True, person__isnull=False).exists()
        and not Response.objects.filter(survey__anonymous=True, user__isnull=False).exists()
    )
    assert not Response.objects.filter(survey__anonymous=True, created_at__isnull=False).exists()
    # The open survey asking the whole organisation has the most answers.
    big = open_survey_for(northern)
    assert big is not None and big.is_open
    answers = dict(
        Answer.objects.filter(response__survey__organisation=northern)
        .values_list("response__survey")
        .annotate(n=Number("id"))
        .values_list("response__survey", "n")
    )
    assert max(answers, key=lambda pk: answers[pk]) == big.pk
    # Nobody measured by the page benchmark has answered it, and each of them is asked.
    chosen = choose_targets(northern)
    from coproduce.accounts.viewer import viewer_for

    for role in ("person", "supporter", "worker", "manager", "senior_leader"):
        viewer = viewer_for(chosen.users[role], northern)
        answerer = respondent_for(viewer, audience_for(viewer), big, survey_service_ids(big))
        assert answerer is not None, role
        assert not Participation.objects.filter(survey=big, respondent_key=answerer.key).exists(), (
            role
        )
