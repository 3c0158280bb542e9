"""Votes, surveys and ideas in the small demo, so Kyle finds a vote waiting for him, Sana
finds answers coming in, a closed proposal shows its outcome, and Willow House has ideas
answered, being thought about and waiting for Maya.

Written straight to the tables, as the rest of the small demo is (the actions would add
audit entries, and the append-only audit log would stop the demo being reset). The
running totals are written from exactly the answers stored, by the same code the answer
action uses.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import Notification, Organisation, Service, User
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.people.models import Person
from coproduce.voice.actions import OptionSpec, QuestionSpec, questions_replace
from coproduce.voice.answering import GivenAnswer, answer_rows
from coproduce.voice.models import (
    Answer,
    Idea,
    IdeaStatus,
    MeToo,
    Participation,
    Question,
    QuestionKind,
    Respondent,
    Response,
    ResultsShown,
    Survey,
    SurveyKind,
)
from coproduce.voice.tally import SHARDS, dimensions_of, tally_add


def _user(key: str) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def _survey(
    org: Organisation,
    *,
    kind: str,
    title: str,
    services: Sequence[Service],
    questions: list[QuestionSpec],
    by: User,
    opened_days_ago: int,
    closes_in_days: int,
    **extra: object,
) -> Survey:
    now = timezone.now()
    survey = Survey.objects.create(
        organisation=org,
        kind=kind,
        title=title,
        opens_at=now - dt.timedelta(days=opened_days_ago),
        closes_at=now + dt.timedelta(days=closes_in_days),
        created_by=by,
        created_at=now - dt.timedelta(days=opened_days_ago, hours=2),
        **extra,  # type: ignore[arg-type]
    )
    survey.services.set(services)
    questions_replace(survey=survey, questions=questions)
    return survey


def _answer(
    survey: Survey, person: Person, service: Service, answers: dict[int, GivenAnswer], day: dt.date
) -> None:
    questions = list(survey.questions.prefetch_related("options"))
    Participation.objects.create(
        survey=survey,
        respondent_key=f"person:{person.pk}",
        user_id=person.user_id,
        person=person,
        answered_on=day,
    )
    anonymous = survey.anonymous
    recorded_at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    response = Response.objects.create(
        survey=survey,
        organisation_id=survey.organisation_id,
        person=None if anonymous else person,
        user_id=None if anonymous else person.user_id,
        role=Respondent.PERSON,
        service=service,
        area=service.area,
        submitted_on=day,
        created_at=None if anonymous else recorded_at,
        voice_how="typed",
        voice_recorded_at=recorded_at,
    )
    rows, additions = answer_rows(questions, answers)
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    tally_add(
        survey_id=survey.pk,
        additions=additions,
        dimensions=dimensions_of(service_id=service.pk, area=service.area, role=Respondent.PERSON),
        shard=person.pk % SHARDS,
    )


def _pick(question: Question, rng: random.Random, weights: Sequence[int]) -> GivenAnswer:
    options = list(question.options.all())
    chosen = rng.choices(options, weights=list(weights)[: len(options)])[0]
    return GivenAnswer(question.pk, [chosen.pk])


def build_surveys(org: Organisation, *, seed: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    maya, sana = _user("maya"), _user("sana")
    kyle = Person.objects.get(organisation=org, user=_user("kyle"))
    willow = Service.objects.get(organisation=org, name="Willow House")
    hub = Service.objects.get(organisation=org, name="The Hub")
    beech = Service.objects.get(organisation=org, name="Beech House")
    today = timezone.localdate()

    trip = _survey(
        org,
        kind=SurveyKind.VOTE,
        title="Where shall we go on the summer trip?",
        services=[willow],
        by=maya,
        opened_days_ago=2,
        closes_in_days=5,
        ask_supporters=True,
        results_shown=ResultsShown.AFTER_ANSWER,
        easy_read_intro="Choose one place. We go where most people want.",
        questions=[
            QuestionSpec(
                QuestionKind.CHOICE,
                "Where shall we go on the summer trip?",
                easy_read_text="Where shall we go?",
                options=[
                    OptionSpec("The seaside at Scarborough", "The beach", symbol="swimming"),
                    OptionSpec("Yorkshire Wildlife Park", "The animal park", symbol="animals"),
                    OptionSpec("A Leeds United match", "Football", symbol="football"),
                    OptionSpec("Bowling and a meal out", "Bowling and food", symbol="cafe"),
                ],
            )
        ],
    )
    evaluation_questions = [
        QuestionSpec(
            QuestionKind.SCORE,
            "I choose who supports me",
            easy_read_text="I choose who helps me.",
        ),
        QuestionSpec(
            QuestionKind.SCORE, "I feel listened to", easy_read_text="People listen to me."
        ),
        QuestionSpec(
            QuestionKind.CHOICE,
            "I do things that matter to me",
            easy_read_text="I do things I like.",
            options=[
                OptionSpec("Yes, most days", "Yes", symbol="yes"),
                OptionSpec("Sometimes", "Sometimes", symbol="not_sure"),
                OptionSpec("No, not often", "No", symbol="no"),
            ],
        ),
        QuestionSpec(
            QuestionKind.OPEN,
            "What would you like to do more of?",
            easy_read_text="What would you like to do more?",
            required=False,
            show_if=(2, 2),
        ),
    ]
    # Asked three months ago too, so its results show change over time.
    evaluation_before = _survey(
        org,
        kind=SurveyKind.SURVEY,
        title="How is your support going?",
        services=[willow, beech, hub],
        by=sana,
        opened_days_ago=100,
        closes_in_days=-86,
        anonymous=True,
        results_shown=ResultsShown.AFTER_CLOSE,
        template="evaluating_my_service",
        intro="Four short questions about your support. Nobody will know which answers are yours.",
        easy_read_intro="Tell us how your support is going. Nobody will know what you said.",
        questions=evaluation_questions,
    )
    evaluation = _survey(
        org,
        kind=SurveyKind.SURVEY,
        title="How is your support going?",
        services=[willow, beech, hub],
        by=sana,
        opened_days_ago=6,
        closes_in_days=8,
        anonymous=True,
        results_shown=ResultsShown.AFTER_CLOSE,
        template="evaluating_my_service",
        intro="Four short questions about your support. Nobody will know which answers are yours.",
        easy_read_intro="Tell us how your support is going. Nobody will know what you said.",
        questions=evaluation_questions,
    )
    saturday = _survey(
        org,
        kind=SurveyKind.VOTE,
        title="Should The Hub open on Saturdays?",
        services=[hub],
        by=maya,
        opened_days_ago=30,
        closes_in_days=-16,
        questions=[
            QuestionSpec(
                QuestionKind.PROPOSAL,
                "The Hub opens on Saturdays from 10am to 3pm, and closes on Mondays.",
                easy_read_text="The Hub opens on Saturday. It closes on Monday.",
            )
        ],
    )
    counts = {"votes and surveys": 4, "answers to votes and surveys": 0}

    people_at = {
        service.pk: list(Person.objects.filter(services=service).exclude(pk=kyle.pk).order_by("pk"))
        for service in (willow, beech, hub)
    }
    trip_question = trip.questions.get()
    for person in people_at[willow.pk][:5]:
        _answer(
            trip, person, willow, {trip_question.pk: _pick(trip_question, rng, [3, 2, 1, 2])}, today
        )
        counts["answers to votes and surveys"] += 1

    score1, score2, doing, more = list(evaluation.questions.order_by("position"))
    answered: set[int] = set()
    for service in (willow, beech, hub):
        for person in people_at[service.pk][:6]:
            if person.pk in answered:
                continue
            answered.add(person.pk)
            answers = {
                score1.pk: _pick(score1, rng, [1, 1, 2, 4, 3]),
                score2.pk: _pick(score2, rng, [1, 2, 2, 3, 3]),
                doing.pk: _pick(doing, rng, [4, 3, 2]),
            }
            no = doing.options.get(position=2)
            if no.pk in answers[doing.pk].option_ids:
                answers[more.pk] = GivenAnswer(
                    more.pk,
                    text=rng.choice(["Swimming", "Going to the pictures", "Cooking my own tea"]),
                )
            _answer(
                evaluation, person, service, answers, today - dt.timedelta(days=rng.randint(0, 5))
            )
            counts["answers to votes and surveys"] += 1

    # Three months ago fewer people felt they chose who supports them.
    before1, before2, before_doing, _before_more = list(
        evaluation_before.questions.order_by("position")
    )
    answered = set()
    for service in (willow, beech, hub):
        for person in people_at[service.pk][:6]:
            if person.pk in answered:
                continue
            answered.add(person.pk)
            _answer(
                evaluation_before,
                person,
                service,
                {
                    before1.pk: _pick(before1, rng, [2, 3, 3, 2, 1]),
                    before2.pk: _pick(before2, rng, [1, 2, 3, 3, 2]),
                    before_doing.pk: _pick(before_doing, rng, [3, 3, 2]),
                },
                today - dt.timedelta(days=rng.randint(87, 99)),
            )
            counts["answers to votes and surveys"] += 1
    Survey.objects.filter(pk=evaluation_before.pk).update(
        created_at=timezone.now() - dt.timedelta(days=100),
        closed_at=timezone.now() - dt.timedelta(days=86),
        outcome=(
            "Fewer than half of you felt you choose who supports you. From now on, everyone "
            "chooses their team from workers' one-page profiles and films, and can ask to "
            "change a worker at any time."
        ),
        outcome_easy_read="You want to choose who helps you. Now you can choose your team.",
        outcome_at=timezone.now() - dt.timedelta(days=80),
        outcome_by=sana,
    )

    proposal = saturday.questions.get()
    by_code = {o.code: o for o in proposal.options.all()}
    hub_people = [kyle, *people_at[hub.pk][:7]]
    for index, person in enumerate(hub_people):
        code = ["agree", "agree", "agree", "abstain", "agree", "disagree", "agree", "agree"][
            index % 8
        ]
        reason = "I go swimming on Saturday mornings." if code == "disagree" else ""
        _answer(
            saturday,
            person,
            hub,
            {proposal.pk: GivenAnswer(proposal.pk, [by_code[code].pk], text=reason)},
            today - dt.timedelta(days=20),
        )
        counts["answers to votes and surveys"] += 1
    Survey.objects.filter(pk=saturday.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=16),
        outcome=(
            "Most people agreed, so The Hub opens on Saturdays from 10am to 3pm from "
            "January. It closes on Mondays. Dev asked about swimming on Saturday mornings: "
            "we will go to the pool together at 11."
        ),
        outcome_easy_read="The Hub opens on Saturday from January. It closes on Monday. We go swimming on Saturday at 11.",
        outcome_at=timezone.now() - dt.timedelta(days=10),
        outcome_by=maya,
    )
    return counts


def _idea(
    org: Organisation,
    *,
    by: User,
    role: str,
    title: str,
    text: str,
    service: Service,
    days_ago: int,
    person: Person | None = None,
    me_too: Sequence[User] = (),
) -> Idea:
    at = timezone.now() - dt.timedelta(days=days_ago, hours=3)
    idea = Idea.objects.create(
        organisation=org,
        service=service,
        author=by,
        person=person,
        role=role,
        title=title,
        text=text,
        voice_how="typed",
        voice_recorded_by=by,
        voice_recorded_at=at,
        created_at=at,
        me_too_count=len(me_too),
    )
    MeToo.objects.bulk_create(
        [
            MeToo(idea=idea, user=user, created_at=at + dt.timedelta(hours=n + 1))
            for n, user in enumerate(me_too)
        ]
    )
    return idea


def _answered(idea: Idea, *, status: str, answer: str, by: User, days_ago: int) -> Notification:
    """Answer the idea and tell whoever put it forward, as the answer action does."""
    at = timezone.now() - dt.timedelta(days=days_ago)
    Idea.objects.filter(pk=idea.pk).update(
        status=status, answer=answer, answered_by=by, answered_at=at
    )
    assert idea.author is not None
    return Notification(
        organisation=idea.organisation,
        recipient=idea.author,
        kind="idea_answered",
        params={"answerer": by.get_short_name(), "title": idea.title},
        target=reverse("voice:idea", kwargs={"idea_id": idea.pk}),
        key=f"idea:{idea.pk}:answered:{at.isoformat()}",
        created_at=at,
        emailed_at=at,
    )


def build_ideas(org: Organisation) -> dict[str, int]:
    """Three ideas for Willow House: Kyle's film night (yes, we will), Mary's garden bench
    (Maya is thinking about it) and Wendy's pictures on the agenda (new, waiting for
    Maya's answer)."""
    maya, mary, wendy = _user("maya"), _user("mary"), _user("wendy")
    kyle = Person.objects.get(organisation=org, user=_user("kyle"))
    willow = Service.objects.get(organisation=org, name="Willow House")
    film = _idea(
        org,
        by=kyle.user,  # type: ignore[arg-type]
        person=kyle,
        role="person",
        title="A film night every Friday",
        text="We could watch a film together in the lounge on Friday nights, with popcorn. "
        "Everyone takes turns to choose the film.",
        service=willow,
        days_ago=12,
        me_too=[mary, wendy],
    )
    bench = _idea(
        org,
        by=mary,
        role="supporter",
        title="A bench in the garden for visitors",
        text="When I visit Kyle there is nowhere to sit outside. A bench by the back door "
        "would let us have a cup of tea in the garden.",
        service=willow,
        days_ago=9,
        me_too=[kyle.user],  # type: ignore[list-item]
    )
    _idea(
        org,
        by=wendy,
        role="staff",
        title="Pictures on the house meeting agenda",
        text="A picture beside each thing on the agenda, so everyone can follow the meeting "
        "and say what they think.",
        service=willow,
        days_ago=3,
    )
    told = [
        _answered(
            film,
            status=IdeaStatus.YES,
            answer="Yes, we will. Film night starts on the first Friday of next month at 7pm. "
            "Kyle chooses the first film.",
            by=maya,
            days_ago=8,
        ),
        _answered(
            bench,
            status=IdeaStatus.THINKING,
            answer="We are asking the landlord if we may put a bench by the back door. "
            "We will tell you by the end of the month.",
            by=maya,
            days_ago=5,
        ),
    ]
    Notification.objects.bulk_create(told)
    return {"ideas": 3, "ideas answered": len(told)}
