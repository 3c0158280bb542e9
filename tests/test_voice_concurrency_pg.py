"""Answers arriving together, on PostgreSQL with real threads: every answer is counted,
the same person answering twice at once is one answer, and closing while answers arrive
loses none of those it accepted and keeps none after it.

Runs on PostgreSQL only (``DATABASE_URL=postgres://...``): there the survey's row lock
is shared by answers and taken alone by closing, and each thread has its own connection,
as gunicorn's workers do. SQLite writes one transaction at a time, so it cannot show it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.db import connection, connections

from coproduce.accounts.models import User
from coproduce.accounts.tests.factories import MembershipFactory, PersonFactory, UserFactory
from coproduce.accounts.viewer import viewer_for
from coproduce.voice.actions import AlreadyAnswered, SurveyClosed, answer_submit, survey_close
from coproduce.voice.models import Answer, Participation, Response, Survey
from coproduce.voice.queries import audience_for, survey_service_ids
from coproduce.voice.tally import RESPONSES, totals
from coproduce.voice.tally import tally_add as real_tally_add
from coproduce.voice.tests.voice_helpers import choose, quick_vote

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: real row locks between connections "
        "(run with DATABASE_URL=postgres://...)",
    ),
]

TIMEOUT = 60


def _people_at_the_house(personas: Any, how_many: int) -> list[User]:
    """People supported at Willow House who sign in, as many as asked for."""
    users = []
    for number in range(how_many):
        user = UserFactory(name=f"Resident {number}")
        MembershipFactory(user=user, organisation=personas.organisation, role="person")
        PersonFactory(
            organisation=personas.organisation,
            user=user,
            preferred_name=f"Resident {number}",
            services=[personas.house],
        )
        users.append(user)
    return users


def _answering(user: User, personas: Any, survey: Survey, option: int) -> Callable[[], str]:
    """Get ready to answer as the user (their viewer and place), then answer when called."""
    viewer = viewer_for(user, personas.organisation)
    from coproduce.voice.rules import respondent_for

    answerer = respondent_for(viewer, audience_for(viewer), survey, survey_service_ids(survey))
    assert answerer is not None
    answers = choose(survey, option)

    def answer() -> str:
        try:
            answer_submit(viewer=viewer, survey=survey, answerer=answerer, answers=answers)
        except AlreadyAnswered:
            return "already answered"
        except SurveyClosed:
            return "closed"
        return "counted"

    return answer


def _at_once(*calls: Callable[[], str]) -> list[str]:
    """Run each call in its own thread (its own connection), all released together."""
    barrier = threading.Barrier(len(calls), timeout=TIMEOUT)
    outcomes = ["not run"] * len(calls)

    def run(index: int, call: Callable[[], str]) -> None:
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # shown by the assertions on the outcomes
            outcomes[index] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def _stored(survey: Survey) -> tuple[int, int, int, int]:
    """Responses, participations, answers, and the running total of responses."""
    counted = totals(survey.pk).get(RESPONSES)
    return (
        Response.objects.filter(survey=survey).count(),
        Participation.objects.filter(survey=survey).count(),
        Answer.objects.filter(response__survey=survey).count(),
        counted.count if counted is not None else 0,
    )


def test_twenty_people_answering_at_once_are_all_counted(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    people = _people_at_the_house(personas, 20)

    outcomes = _at_once(*(_answering(user, personas, vote, n % 3) for n, user in enumerate(people)))

    assert outcomes == ["counted"] * 20
    assert _stored(vote) == (20, 20, 20, 20)
    question = vote.questions.get()
    shown = totals(vote.pk)
    for position, option in enumerate(question.options.order_by("position")):
        expected = sum(1 for n in range(20) if n % 3 == position)
        assert shown[(question.pk, option.pk, 0)].count == expected
        assert Answer.objects.filter(option=option).count() == expected
    # In every breakdown too: all of them are people supported at Willow House.
    assert totals(vote.pk, "role:person")[RESPONSES].count == 20
    assert totals(vote.pk, f"service:{personas.house.pk}")[RESPONSES].count == 20


def test_the_same_person_answering_twice_at_once_is_one_answer(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    # Kyle presses "Send" on his phone and his tablet at the same moment, ten times over.
    presses = [_answering(personas.person, personas, vote, n % 3) for n in range(10)]

    outcomes = _at_once(*presses)

    assert sorted(outcomes) == ["already answered"] * 9 + ["counted"]
    assert _stored(vote) == (1, 1, 1, 1)
    assert Participation.objects.get(survey=vote).respondent_key == f"person:{personas.kyle.pk}"


def test_closing_while_people_answer_loses_none_and_keeps_none_after(personas) -> None:  # type: ignore[no-untyped-def]
    vote = quick_vote(personas)
    people = _people_at_the_house(personas, 45)
    early, under_way, arriving, late = people[:10], people[10:30], people[30:40], people[40:]
    manager = viewer_for(personas.manager, personas.organisation)
    first = _at_once(*(_answering(u, personas, vote, 0) for u in early))

    # Answers under way hold the survey's shared lock a while (slow totals); the close
    # is asked while they do, and more answers arrive while it waits.
    def slow_totals(**kwargs: Any) -> None:
        real_tally_add(**kwargs)
        time.sleep(0.5)

    def close() -> str:
        time.sleep(0.2)
        survey_close(viewer=manager, survey=Survey.objects.get(pk=vote.pk))
        return "closed it"

    def later(answer: Callable[[], str]) -> Callable[[], str]:
        def call() -> str:
            time.sleep(0.3)
            return answer()

        return call

    with mock.patch("coproduce.voice.actions.tally_add", slow_totals):
        during = _at_once(
            *(_answering(u, personas, vote, 1) for u in under_way),
            *(later(_answering(u, personas, vote, 2)) for u in arriving),
            close,
        )
    after = _at_once(*(_answering(u, personas, vote, 2) for u in late))

    assert first == ["counted"] * 10
    assert during[-1] == "closed it"
    assert set(during[:-1]) <= {"counted", "closed"}, during
    # The answers already under way when the close was asked finished first, and count.
    assert during[: len(under_way)] == ["counted"] * len(under_way), during
    assert after == ["closed"] * len(late)
    counted = first.count("counted") + during.count("counted")
    # Every answer accepted is stored and counted, once; none refused is.
    assert _stored(vote) == (counted, counted, counted, counted)
    vote.refresh_from_db()
    assert vote.closed_at is not None
    latest = Response.objects.filter(survey=vote).order_by("-created_at").first()
    assert latest is not None and latest.created_at <= vote.closed_at
    answered = set(Participation.objects.filter(survey=vote).values_list("user_id", flat=True))
    racing = [*under_way, *arriving]
    accepted = {u.pk for u, got in zip(racing, during, strict=False) if got == "counted"}
    assert answered == {u.pk for u in early} | accepted
