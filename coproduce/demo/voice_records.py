"""The large demo's votes and surveys, with about a million answers at full size.

For each organisation: an organisation-wide survey open now, asking people supported,
supporters and staff (the one with the most answers, for the results page), a quick
vote at a third of the services (some closed, with their outcome), a survey for each
area (a quarter of them anonymous, half closed), an anonymous staff survey and a
consultation on the three-year plan (both closed, with their outcomes), and a poll of
meeting times for the staff of one area. The questions are the kinds people really get:
scores, choices, rankings, dots, proposals, meeting times and words of their own.

Rows are written fast: surveys, questions and options with ``bulk_create``; responses,
participations and answers with ``COPY`` on PostgreSQL (``bulk_create`` elsewhere, for
the small scales the tests use), streamed in batches so the million answers are never
all in memory. The running totals (``Tally``) are then computed from the answers stored,
in SQL (``INSERT … SELECT … GROUP BY``), with exactly what ``answering.answer_rows`` adds
for each answer, so the totals shown equal a count over the answers.

Who the page benchmark and the query-count tests sign in as (``targets.choose_targets``)
has not answered the open organisation-wide survey, so its answer page shows its form
at every size: the chosen person, their supporters, the staff of their services and the
first leader of each role are left out of its answers. Everything draws from its own
generator, so the rows written before stay as they were.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models
from django.utils import timezone

from coproduce.accounts.models import Organisation, Service
from coproduce.core.models import VoiceHow
from coproduce.people.models import Person, Supporter
from coproduce.voice.actions import OptionSpec, QuestionSpec, fixed_options
from coproduce.voice.models import (
    Answer,
    Option,
    Participation,
    Question,
    QuestionKind,
    Respondent,
    Response,
    ResultsShown,
    Survey,
    SurveyKind,
    Tally,
)
from coproduce.voice.tally import SHARDS

# Rows held before they are written (a COPY, or bulk_create's batches).
FLUSH_EVERY = 50_000
BATCH = 2000
LEAD_ROLES = ("quality_lead", "senior_leader", "org_admin", "commissioner")
ASKED_STAFF_ROLES = (
    "support_worker",
    "service_manager",
    "quality_lead",
    "senior_leader",
    "org_admin",
)

# Who answers, of those asked, by kind of survey and role.
BIG_SURVEY_SHARE = {Respondent.PERSON: 0.85, Respondent.SUPPORTER: 0.65, Respondent.STAFF: 0.75}
AREA_SURVEY_SHARE = {Respondent.PERSON: 0.7, Respondent.SUPPORTER: 0.4}
VOTE_SHARE = {Respondent.PERSON: 0.7, Respondent.SUPPORTER: 0.5}
STAFF_SURVEY_SHARE = {Respondent.STAFF: 0.7}
CONSULTATION_SHARE = {Respondent.PERSON: 0.45, Respondent.SUPPORTER: 0.35}
MEETING_POLL_SHARE = {Respondent.STAFF: 0.8}

FEELING = [
    ("How happy are you with your support?", "Are you happy with your support?"),
    ("How happy are you with where you live or spend your day?", "Do you like where you live?"),
    ("How well do staff listen to you?", "Do staff listen to you?"),
    ("How much say do you have in your support plan?", "Do you choose what is in your plan?"),
    ("How safe do you feel?", "Do you feel safe?"),
    ("How happy are you with the things there are to do?", "Do you like the things you do?"),
    ("How well do we tell you what is going on?", "Do we tell you what is happening?"),
    ("How happy are you with the staff who support you?", "Do you like your staff?"),
    ("How well do we help you stay healthy?", "Do we help you stay well?"),
    ("How much help do you get to see family and friends?", "Do you see your friends?"),
    ("How easy is it to say when something is wrong?", "Can you tell us if something is wrong?"),
    ("How well do we help you try new things?", "Do we help you try new things?"),
]
LISTENED = [("Yes", "yes"), ("Sometimes", "not_sure"), ("No", "no")]
MATTERS = [
    ("Seeing my family and friends", "Family and friends", "family"),
    ("Going out and about", "Going out", "walking"),
    ("A job or volunteering", "A job", "worker"),
    ("Staying healthy", "Being healthy", "health"),
    ("Having my own money", "My money", "money"),
    ("Learning new things", "Learning", "books"),
    ("Choosing my staff", "Choosing my staff", "choose"),
    ("None of these", "None of these", "no"),
]
PRIORITIES = [
    ("Fewer different staff each week", "Staff I know", "people"),
    ("More trips out", "More trips", "train"),
    ("Better food", "Better food", "cooking"),
    ("More say in the rota", "Choose when staff come", "time"),
    ("Easier ways to complain", "Easy to complain", "say"),
]
SPENDING = [
    ("A minibus", "A minibus", "car"),
    ("A new garden", "A garden", "gardening"),
    ("Music and art sessions", "Music and art", "music"),
    ("Computers and tablets", "Computers", "computer"),
    ("Day trips", "Day trips", "train"),
    ("A sensory room", "A quiet room", "nature"),
]
RECOMMEND = [("Yes", "yes"), ("I am not sure", "not_sure"), ("No", "no")]
HELP_LISTEN = [
    "Give me more time to answer.",
    "Ask me, not my mum.",
    "Use pictures when you explain things.",
    "Do not talk over me.",
    "Come back to me when you say you will.",
    "Write it down for me.",
]
ANYTHING_ELSE = [
    "My keyworker is brilliant.",
    "I want to go out more at weekends.",
    "The evening visits are too rushed.",
    "Thank you for listening to me this year.",
    "I would like a say in who is on the rota.",
    "The new cook is good.",
    "Please stop changing my visit times.",
    "I like the house meetings.",
    "We need more staff who can drive.",
    "I want to learn to cook on my own.",
]
ONE_WORD = ["Happy", "Good", "OK", "Safe", "Fine", "Listened to", "Tired", "Rushed", "Great"]
VOTE_TOPICS = [
    (
        "Where shall we go on the summer trip?",
        "Where shall we go?",
        [
            ("The seaside at Scarborough", "The beach", "swimming"),
            ("Yorkshire Wildlife Park", "The animal park", "animals"),
            ("A football match", "Football", "football"),
            ("Bowling and a meal out", "Bowling and food", "cafe"),
        ],
    ),
    (
        "What shall we have for the Christmas meal?",
        "What shall we eat at Christmas?",
        [
            ("Turkey and all the trimmings", "Turkey", "cooking"),
            ("A curry night", "Curry", "cooking"),
            ("Pizza and a film", "Pizza", "film"),
        ],
    ),
    (
        "Which film shall we watch on Friday?",
        "Which film on Friday?",
        [
            ("A comedy", "Something funny", "happy"),
            ("A musical", "A musical", "music"),
            ("An action film", "Action", "film"),
            ("A nature film", "Animals and nature", "nature"),
        ],
    ),
    (
        "What colour shall we paint the living room?",
        "What colour for the living room?",
        [
            ("Pale green", "Green", "nature"),
            ("Sky blue", "Blue", "picture"),
            ("Sunny yellow", "Yellow", "happy"),
        ],
    ),
    (
        "Which new activity shall we try?",
        "What shall we try?",
        [
            ("Gardening club", "Gardening", "gardening"),
            ("Dance class", "Dancing", "dancing"),
            ("Cooking club", "Cooking", "cooking"),
            ("Arts and crafts", "Crafts", "crafts"),
        ],
    ),
]
BETTER = [
    "More staff at weekends.",
    "Visits at the times I asked for.",
    "Someone to help me with my letters.",
    "More trips out in the evening.",
    "Staff who know me.",
    "A ramp at the front door.",
]
MORE_OF = [
    ("Trips out", "Trips", "train"),
    ("Time with friends", "Friends", "people"),
    ("Exercise and sport", "Sport", "gym"),
    ("Help to find a job", "A job", "worker"),
    ("Time to myself", "Time alone", "private"),
    ("Music and art", "Music and art", "music"),
]
STAFF_FEELING = [
    "How manageable is your workload?",
    "How well does your training prepare you for your work?",
    "How well does your manager support you?",
    "How much time do you get to listen to the people you support?",
    "How well do rotas give people the staff they know?",
    "How happy are you with your pay and conditions?",
    "How safe do you feel at work?",
    "How well do teams share what they learn?",
    "How proud are you of the support your team gives?",
    "How often can you take your breaks?",
    "How well are you told about changes?",
    "How likely are you to recommend working here?",
]
STAYING = [("Yes", "yes"), ("I am not sure", "not_sure"), ("No", "no")]
STAFF_HELP = [
    ("Fewer last-minute rota changes", "", "time"),
    ("More training", "", "books"),
    ("More time with each person", "", "together"),
    ("Better pay", "", "money"),
    ("Supervision every month", "", "talk"),
    ("Help with travel between visits", "", "car"),
]
STAFF_WORDS = [
    "Rotas change too late in the week.",
    "My manager is supportive.",
    "More double-up visits for people who need two staff.",
    "Mileage does not cover the petrol.",
    "The new training on communication was really useful.",
    "We need more time to write notes.",
]
PROPOSALS = [
    (
        "Every person chooses who is on their rota at least once a year.",
        "You choose your staff once a year.",
    ),
    (
        "People supported sit on the panel for every new manager we appoint.",
        "People we support help choose new managers.",
    ),
    (
        "Every house has a meeting each month, run by the people who live there.",
        "Each house has a meeting every month. You run it.",
    ),
    (
        "We close two day centres and spend the money on support in the community.",
        "We close two day centres. We spend the money on going out.",
    ),
]
BLOCK_REASONS = [
    "The day centre is where I see my friends.",
    "I do not want to lose my day out.",
    "Nobody asked us first.",
]
PLAN_VIEWS = [
    "Please keep the day centre open on Fridays.",
    "I want to be on the panel.",
    "Monthly meetings are a good idea.",
    "Ask us before you change things.",
]
PLAN_DOCUMENT = (
    "Our plan for the next three years says how we will put the people we support at the "
    "centre of every decision: who supports them, where the money goes, and how services "
    "change. Read each proposal and say what you think."
)
PLAN_DOCUMENT_EASY_READ = (
    "This is our plan for the next 3 years. It is about you choosing your support. Tell us "
    "what you think of each idea."
)


@dataclass(frozen=True)
class Asked:
    """Someone a survey may ask: who they answer as and through which services."""

    key: str
    role: str
    user_id: int | None
    person_id: int | None
    services: tuple[int, ...]  # sorted; empty for leaders, who are asked everywhere
    how: str = VoiceHow.TYPED
    helper_id: int | None = None  # who recorded a person's answer in a house meeting


@dataclass
class QuestionFacts:
    """What the answer generator needs of a question once it is saved."""

    pk: int
    kind: str
    required: bool
    dots: int
    show_if_option_id: int | None
    options: list[tuple[int, str, bool]]  # (pk, code, is_none)
    labels: dict[int, str] = field(default_factory=dict)
    words: Sequence[str] = ()


@dataclass
class Plan:
    """One survey to write, who it asks, and who of them answers."""

    survey: Survey
    questions: list[QuestionSpec]
    asked: list[Asked]
    share: dict[Respondent, float]
    services: tuple[int, ...] = ()
    answered_from: dt.datetime | None = None
    answered_until: dt.datetime | None = None
    outcome: str = ""
    words: dict[int, Sequence[str]] = field(default_factory=dict)
    facts: list[QuestionFacts] = field(default_factory=list)


def _first_service(asked: Asked, services: frozenset[int] | None) -> int | None:
    """The service the answer counts in (``rules._first``): the lowest shared one."""
    if not asked.services:
        return None
    if services is None:
        return asked.services[0]
    inside = [s for s in asked.services if s in services]
    return inside[0] if inside else None


def _options(rows: Iterable[tuple[str, str, str]], none_last: bool = False) -> list[OptionSpec]:
    specs = [OptionSpec(label, easy, symbol=symbol) for label, easy, symbol in rows]
    if none_last:
        specs[-1].is_none = True
    return specs


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class _Sink:
    """Rows of one table, written in batches: COPY on PostgreSQL, bulk_create elsewhere."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        self.model = model
        self.columns = list(columns)
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def add(self, row: tuple[Any, ...]) -> None:
        self.rows.append(row)

    def flush(self) -> None:
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            table = connection.ops.quote_name(self.model._meta.db_table)
            names = ", ".join(connection.ops.quote_name(c) for c in self.columns)
            raw = connection.connection
            assert raw is not None
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in self.rows:
                    copy.write_row(row)
        else:
            self.model.objects.bulk_create(  # type: ignore[attr-defined]
                [self.model(**dict(zip(self.columns, row, strict=True))) for row in self.rows],
                batch_size=BATCH,
            )
        self.written += len(self.rows)
        self.rows = []


class VoiceRecordsWriter:
    def __init__(
        self,
        organisation: Organisation,
        services: Sequence[Service],
        people: Sequence[Person],
        services_of: dict[int, list[int]],
        staff: Sequence[tuple[int, str, tuple[int, ...]]],
        supporters: Sequence[Supporter],
        chosen: Person | None,
        seed: int,
    ) -> None:
        self.rng = random.Random(f"voice:{seed}:{organisation.slug}")
        self.organisation = organisation
        self.services = list(services)
        self.now = timezone.now()
        self.area_of = {s.pk: s.area for s in services}
        workers_at: dict[int, list[int]] = {}
        managers_at: dict[int, list[int]] = {}
        leaders: list[int] = []
        for user_id, role, places in staff:
            for service_id in places:
                if role == "support_worker":
                    workers_at.setdefault(service_id, []).append(user_id)
                elif role == "service_manager":
                    managers_at.setdefault(service_id, []).append(user_id)
            if role == "senior_leader":
                leaders.append(user_id)
        self.managers_at = managers_at
        self.leader = leaders[0] if leaders else None
        self.people: list[Asked] = []
        for person in people:
            places = tuple(sorted(services_of.get(person.pk, [])))
            helper = None
            if person.user_id is None:
                helper = next((workers_at[s][0] for s in places if workers_at.get(s)), None)
            self.people.append(
                Asked(
                    key=f"person:{person.pk}",
                    role=Respondent.PERSON,
                    user_id=person.user_id,
                    person_id=person.pk,
                    services=places,
                    how=VoiceHow.TYPED if person.user_id is not None else VoiceHow.SUPPORTED,
                    helper_id=helper,
                )
            )
        self.supporters = [
            Asked(
                key=f"user:{link.user_id}",
                role=Respondent.SUPPORTER,
                user_id=link.user_id,
                person_id=None,
                services=tuple(sorted(services_of.get(link.person.pk, []))),
            )
            for link in supporters
            if link.user_id is not None
        ]
        self.staff = [
            Asked(
                key=f"user:{user_id}",
                role=Respondent.STAFF,
                user_id=user_id,
                person_id=None,
                services=tuple(sorted(places))
                if role in ("support_worker", "service_manager")
                else (),
            )
            for user_id, role, places in staff
            if role in ASKED_STAFF_ROLES
        ]
        # The members the page benchmark signs in as have not answered the open survey.
        measured: set[str] = set()
        if chosen is not None:
            measured.add(f"person:{chosen.pk}")
            chosen_services = set(services_of.get(chosen.pk, []))
            measured.update(f"user:{s.user_id}" for s in supporters if s.person.pk == chosen.pk)
            measured.update(
                f"user:{user_id}"
                for user_id, role, places in staff
                if role in ("support_worker", "service_manager") and chosen_services & set(places)
            )
        for role in LEAD_ROLES:
            first = next((user_id for user_id, r, _ in staff if r == role), None)
            if first is not None:
                measured.add(f"user:{first}")
        self.measured = measured

    # --- the surveys -----------------------------------------------------------------------

    def _survey(self, **fields: Any) -> Survey:
        return Survey(organisation=self.organisation, created_by_id=self.leader, **fields)

    def _days_ago(self, days: float) -> dt.datetime:
        return self.now - dt.timedelta(days=days)

    def big_survey(self) -> Plan:
        opened = self._days_ago(21)
        feeling = [QuestionSpec(QuestionKind.SCORE, text, easy) for text, easy in FEELING]
        meeting_days = [self.now + dt.timedelta(days=days) for days in (16, 17, 23, 24)]
        questions = [
            *feeling,
            QuestionSpec(
                QuestionKind.CHOICE,
                "Do you feel listened to?",
                "Do people listen to you?",
                options=[OptionSpec(label, symbol=symbol) for label, symbol in LISTENED],
            ),
            QuestionSpec(
                QuestionKind.OPEN,
                "What would help you feel listened to?",
                "What would help people listen to you?",
                required=False,
                show_if=(len(feeling), 2),
            ),
            QuestionSpec(
                QuestionKind.CHOICES,
                "What matters most to you? Choose as many as you like.",
                "What is important to you?",
                options=_options(MATTERS, none_last=True),
            ),
            QuestionSpec(
                QuestionKind.RANKED,
                "Put these in order: what should we work on first?",
                "What should we do first?",
                options=_options(PRIORITIES),
            ),
            QuestionSpec(
                QuestionKind.DOTS,
                "You have 10 dots. Share them out between the things you would spend money on.",
                "Give your 10 dots to what you want.",
                dots=10,
                options=_options(SPENDING),
            ),
            QuestionSpec(
                QuestionKind.PROPOSAL,
                "We plan to hold house meetings in the evening, so more people can come.",
                "House meetings in the evening.",
            ),
            QuestionSpec(
                QuestionKind.MEETING,
                "Which days could you come to our open day?",
                "When can you come to the open day?",
                options=[
                    OptionSpec(
                        f"{day:%A %-d %B}, 11am to 3pm",
                        starts_at=day.replace(hour=11, minute=0, second=0, microsecond=0),
                        ends_at=day.replace(hour=15, minute=0, second=0, microsecond=0),
                    )
                    for day in meeting_days
                ],
            ),
            QuestionSpec(
                QuestionKind.CHOICE,
                "Would you tell a friend to get their support from us?",
                "Would you tell a friend about us?",
                options=[OptionSpec(label, symbol=symbol) for label, symbol in RECOMMEND],
            ),
            QuestionSpec(
                QuestionKind.OPEN,
                "Is there anything else you want to tell us?",
                "Anything else?",
                required=False,
            ),
            QuestionSpec(
                QuestionKind.SHORT,
                "One word for how you feel about your support",
                "One word: how do you feel?",
                required=False,
            ),
        ]
        base = len(feeling)
        return Plan(
            survey=self._survey(
                kind=SurveyKind.SURVEY,
                title=f"Our big survey {self.now:%Y}: how are we doing?",
                intro=(
                    "Once a year we ask everyone: the people we support, their families and "
                    "friends, and our staff. It takes about ten minutes."
                ),
                easy_read_intro="Tell us what you think of your support. It takes 10 minutes.",
                whole_organisation=True,
                ask_people=True,
                ask_supporters=True,
                ask_staff=True,
                results_shown=ResultsShown.AFTER_ANSWER,
                opens_at=opened,
                closes_at=self.now + dt.timedelta(days=9),
                created_at=opened - dt.timedelta(days=2),
            ),
            questions=questions,
            asked=[*self.people, *self.supporters, *self.staff],
            share=BIG_SURVEY_SHARE,
            answered_from=opened,
            answered_until=self.now,
            words={
                base + 1: HELP_LISTEN,
                len(questions) - 2: ANYTHING_ELSE,
                len(questions) - 1: ONE_WORD,
            },
        )

    def service_votes(self) -> list[Plan]:
        plans = []
        people_at: dict[int, list[Asked]] = {}
        for asked in self.people:
            for service_id in asked.services:
                people_at.setdefault(service_id, []).append(asked)
        supporters_at: dict[int, list[Asked]] = {}
        for asked in self.supporters:
            for service_id in asked.services:
                supporters_at.setdefault(service_id, []).append(asked)
        for index, service in enumerate(self.services):
            if index % 3 or not people_at.get(service.pk):
                continue
            title, easy, options = VOTE_TOPICS[(index // 3) % len(VOTE_TOPICS)]
            closed = self.rng.random() < 0.4
            if closed:
                opened = self._days_ago(self.rng.randint(40, 120))
                closes_at = opened + dt.timedelta(days=10)
                until = closes_at
            else:
                opened = self._days_ago(self.rng.randint(1, 6))
                closes_at = self.now + dt.timedelta(days=self.rng.randint(3, 10))
                until = self.now
            managers = self.managers_at.get(service.pk)
            manager = managers[0] if managers else self.leader
            plans.append(
                Plan(
                    survey=Survey(
                        organisation=self.organisation,
                        created_by_id=manager,
                        kind=SurveyKind.VOTE,
                        title=title,
                        easy_read_intro="Choose one. We do what most people want.",
                        ask_people=True,
                        ask_supporters=True,
                        results_shown=ResultsShown.AFTER_ANSWER,
                        opens_at=opened,
                        closes_at=closes_at,
                        created_at=opened - dt.timedelta(hours=3),
                    ),
                    questions=[
                        QuestionSpec(QuestionKind.CHOICE, title, easy, options=_options(options))
                    ],
                    asked=[*people_at[service.pk], *supporters_at.get(service.pk, [])],
                    share=VOTE_SHARE,
                    services=(service.pk,),
                    answered_from=opened,
                    answered_until=until,
                    outcome="vote" if closed else "",
                )
            )
        return plans

    def area_surveys(self) -> list[Plan]:
        plans = []
        areas: dict[str, list[int]] = {}
        for service in self.services:
            areas.setdefault(service.area, []).append(service.pk)
        for number, (area, ids) in enumerate(sorted(areas.items())):
            inside = set(ids)
            asked = [a for a in (*self.people, *self.supporters) if inside & set(a.services)]
            if not asked:
                continue
            closed = number % 2 == 1
            opened = self._days_ago(80 if closed else 9)
            until = opened + dt.timedelta(days=21) if closed else self.now
            closes_at = until if closed else self.now + dt.timedelta(days=12)
            questions = [
                QuestionSpec(
                    QuestionKind.SCORE,
                    "How do you feel about your support?",
                    "Are you happy with your support?",
                ),
                QuestionSpec(
                    QuestionKind.SCORE, "I choose who supports me", "I choose who helps me."
                ),
                QuestionSpec(QuestionKind.SCORE, "I feel listened to", "People listen to me."),
                QuestionSpec(
                    QuestionKind.CHOICE,
                    "Do you see the same staff most days?",
                    "Do the same staff come?",
                    options=[OptionSpec(label, symbol=symbol) for label, symbol in LISTENED],
                ),
                QuestionSpec(
                    QuestionKind.CHOICES,
                    "What would you like more of?",
                    "What do you want more of?",
                    options=_options(MORE_OF),
                ),
                QuestionSpec(
                    QuestionKind.OPEN,
                    "What could be better?",
                    "What could be better?",
                    required=False,
                ),
            ]
            plans.append(
                Plan(
                    survey=self._survey(
                        kind=SurveyKind.SURVEY,
                        title=f"How is support going in {area}?",
                        intro="Six short questions about your support in your area.",
                        easy_read_intro="Tell us how your support is going.",
                        areas=[area],
                        ask_people=True,
                        ask_supporters=True,
                        anonymous=number % 4 == 0,
                        results_shown=ResultsShown.AFTER_CLOSE,
                        opens_at=opened,
                        closes_at=closes_at,
                        created_at=opened - dt.timedelta(days=1),
                    ),
                    questions=questions,
                    asked=asked,
                    share=AREA_SURVEY_SHARE,
                    services=tuple(sorted(ids)),
                    answered_from=opened,
                    answered_until=until,
                    outcome="area" if closed else "",
                    words={5: BETTER},
                )
            )
        return plans

    def staff_survey(self) -> Plan:
        opened = self._days_ago(60)
        until = self._days_ago(30)
        questions = [QuestionSpec(QuestionKind.SCORE, text) for text in STAFF_FEELING]
        questions += [
            QuestionSpec(
                QuestionKind.CHOICE,
                "Do you plan to be working here in a year?",
                options=[OptionSpec(label, symbol=symbol) for label, symbol in STAYING],
            ),
            QuestionSpec(
                QuestionKind.CHOICES, "What would help you most?", options=_options(STAFF_HELP)
            ),
            QuestionSpec(QuestionKind.OPEN, "What should we change first?", required=False),
        ]
        return Plan(
            survey=self._survey(
                kind=SurveyKind.SURVEY,
                title=f"Staff survey {until:%Y}",
                intro="Anonymous: nobody can see which answers are yours.",
                whole_organisation=True,
                ask_people=False,
                ask_staff=True,
                anonymous=True,
                results_shown=ResultsShown.AFTER_CLOSE,
                opens_at=opened,
                closes_at=until,
                created_at=opened - dt.timedelta(days=3),
            ),
            questions=questions,
            asked=self.staff,
            share=STAFF_SURVEY_SHARE,
            answered_from=opened,
            answered_until=until,
            outcome="staff",
            words={len(questions) - 1: STAFF_WORDS},
        )

    def consultation(self) -> Plan:
        opened = self._days_ago(100)
        until = self._days_ago(60)
        questions = [QuestionSpec(QuestionKind.PROPOSAL, text, easy) for text, easy in PROPOSALS]
        questions.append(
            QuestionSpec(
                QuestionKind.OPEN,
                "What else should the plan say?",
                "What else should we do?",
                required=False,
            )
        )
        return Plan(
            survey=self._survey(
                kind=SurveyKind.CONSULTATION,
                title="Our plan for the next three years",
                document=PLAN_DOCUMENT,
                document_easy_read=PLAN_DOCUMENT_EASY_READ,
                whole_organisation=True,
                ask_people=True,
                ask_supporters=True,
                results_shown=ResultsShown.ALWAYS,
                opens_at=opened,
                closes_at=until,
                created_at=opened - dt.timedelta(days=5),
            ),
            questions=questions,
            asked=[*self.people, *self.supporters],
            share=CONSULTATION_SHARE,
            answered_from=opened,
            answered_until=until,
            outcome="consultation",
            words={len(questions) - 1: PLAN_VIEWS},
        )

    def meeting_poll(self) -> Plan | None:
        if not self.services:
            return None
        area = self.services[0].area
        ids = tuple(sorted(s.pk for s in self.services if s.area == area))
        inside = set(ids)
        asked = [a for a in self.staff if a.services and inside & set(a.services)]
        if not asked:
            return None
        opened = self._days_ago(3)
        slots = [self.now + dt.timedelta(days=days) for days in (8, 9, 10, 15)]
        title = f"When shall we meet to plan the {area} open day?"
        return Plan(
            survey=self._survey(
                kind=SurveyKind.VOTE,
                title=title,
                ask_people=False,
                ask_staff=True,
                results_shown=ResultsShown.ALWAYS,
                opens_at=opened,
                closes_at=self.now + dt.timedelta(days=4),
                created_at=opened,
            ),
            questions=[
                QuestionSpec(
                    QuestionKind.MEETING,
                    title,
                    options=[
                        OptionSpec(
                            f"{slot:%A %-d %B}, 2pm",
                            starts_at=slot.replace(hour=14, minute=0, second=0, microsecond=0),
                            ends_at=slot.replace(hour=15, minute=30, second=0, microsecond=0),
                        )
                        for slot in slots
                    ],
                )
            ],
            asked=asked,
            share=MEETING_POLL_SHARE,
            services=ids,
            answered_from=opened,
            answered_until=self.now,
        )

    # --- writing ---------------------------------------------------------------------------

    def write_surveys(self, plans: list[Plan]) -> None:
        """The surveys, whom they ask, their questions and their options, in bulk."""
        Survey.objects.bulk_create([p.survey for p in plans], batch_size=BATCH)
        through = Survey.services.through
        through.objects.bulk_create(
            [through(survey_id=p.survey.pk, service_id=s) for p in plans for s in p.services],
            batch_size=BATCH,
        )
        questions: list[Question] = []
        for plan in plans:
            for position, spec in enumerate(plan.questions):
                questions.append(
                    Question(
                        survey=plan.survey,
                        position=position,
                        kind=spec.kind,
                        text=spec.text,
                        easy_read_text=spec.easy_read_text,
                        help_text=spec.help_text,
                        required=spec.required,
                        dots=spec.dots,
                    )
                )
        Question.objects.bulk_create(questions, batch_size=BATCH)
        options: list[Option] = []
        by_question: list[list[Option]] = []
        for question, spec in zip(questions, (s for p in plans for s in p.questions), strict=True):
            made = [
                Option(
                    question=question,
                    position=index,
                    label=o.label,
                    easy_read_label=o.easy_read_label,
                    symbol=o.symbol,
                    is_none=o.is_none,
                    code=o.code,
                    starts_at=o.starts_at,
                    ends_at=o.ends_at,
                )
                for index, o in enumerate(fixed_options(spec.kind) or spec.options)
            ]
            options.extend(made)
            by_question.append(made)
        Option.objects.bulk_create(options, batch_size=BATCH)
        depending: list[Question] = []
        at = 0
        for plan in plans:
            saved = questions[at : at + len(plan.questions)]
            saved_options = by_question[at : at + len(plan.questions)]
            at += len(plan.questions)
            for question, spec in zip(saved, plan.questions, strict=True):
                if spec.show_if is not None:
                    earlier, option_index = spec.show_if
                    question.show_if_option = saved_options[earlier][option_index]
                    depending.append(question)
            plan.facts = [
                QuestionFacts(
                    pk=question.pk,
                    kind=question.kind,
                    required=question.required,
                    dots=question.dots,
                    show_if_option_id=question.show_if_option.pk
                    if question.show_if_option
                    else None,
                    options=[(o.pk, o.code, o.is_none) for o in options_of],
                    labels={o.pk: o.label for o in options_of},
                    words=plan.words.get(position, ANYTHING_ELSE),
                )
                for position, (question, options_of) in enumerate(
                    zip(saved, saved_options, strict=True)
                )
            ]
        Question.objects.bulk_update(depending, ["show_if_option"], batch_size=BATCH)

    def answers_for(
        self, facts: list[QuestionFacts], asked: Asked
    ) -> dict[int, list[tuple[int | None, str, int | None]]]:
        """One respondent's answers: for each question answered, its rows (option, words,
        value), as ``answering.answer_rows`` stores them. Scores lean on a mood of their own."""
        rng = self.rng
        mood = rng.choices(
            (1, 2, 3, 4, 5),
            weights=(1, 2, 4, 6, 4) if asked.role != Respondent.STAFF else (1, 3, 5, 5, 2),
        )[0]
        chosen_options: set[int] = set()
        found: dict[int, list[tuple[int | None, str, int | None]]] = {}
        for q in facts:
            if q.show_if_option_id is not None and q.show_if_option_id not in chosen_options:
                continue
            rows: list[tuple[int | None, str, int | None]] = []
            kind = q.kind
            if kind in (QuestionKind.OPEN, QuestionKind.SHORT):
                share = (
                    0.7
                    if q.show_if_option_id is not None
                    else (0.25 if kind == QuestionKind.OPEN else 0.35)
                )
                if q.required or rng.random() < share:
                    rows = [(None, rng.choice(list(q.words)), None)]
            elif kind == QuestionKind.SCORE:
                score = min(5, max(1, mood + rng.choice((-1, 0, 0, 0, 1))))
                rows = [(q.options[score - 1][0], "", None)]
            elif kind == QuestionKind.CHOICE:
                n = len(q.options)
                # Happier respondents lean to the first answers.
                weights = [
                    max(1, (n - i) * mood if mood >= 3 else (i + 1) * (6 - mood)) for i in range(n)
                ]
                pk = rng.choices([o[0] for o in q.options], weights=weights)[0]
                rows = [(pk, "", None)]
            elif kind == QuestionKind.CHOICES:
                plain = [o for o in q.options if not o[2]]
                none = [o for o in q.options if o[2]]
                if none and rng.random() < 0.04:
                    rows = [(none[0][0], "", None)]
                else:
                    picked = [o for o in plain if rng.random() < 0.45] or [rng.choice(plain)]
                    rows = [(o[0], "", None) for o in picked]
            elif kind == QuestionKind.RANKED:
                # Earlier options are a little more often put first.
                leaning = sorted(
                    (rng.random() + 0.15 * index, o[0]) for index, o in enumerate(q.options)
                )
                rows = [(pk, "", place) for place, (_, pk) in enumerate(leaning, start=1)]
            elif kind == QuestionKind.DOTS:
                given: Counter[int] = Counter()
                favourites = rng.sample(
                    [o[0] for o in q.options], rng.randint(1, min(4, len(q.options)))
                )
                for _ in range(q.dots):
                    given[rng.choice(favourites)] += 1
                rows = [(pk, "", dots) for pk, dots in sorted(given.items())]
            elif kind == QuestionKind.MEETING:
                rows = [(o[0], "", rng.choices((2, 1, 0), weights=(5, 2, 3))[0]) for o in q.options]
            elif kind == QuestionKind.PROPOSAL:
                codes = {o[1]: o[0] for o in q.options}
                code = rng.choices(
                    ("agree", "abstain", "disagree", "block"), weights=(12, 3, 3, 1)
                )[0]
                reason = ""
                if code == "block":
                    reason = rng.choice(BLOCK_REASONS)
                elif rng.random() < 0.1:
                    reason = rng.choice(PLAN_VIEWS)
                rows = [(codes[code], reason, None)]
            if rows:
                found[q.pk] = rows
                chosen_options.update(pk for pk, _, _ in rows if pk is not None)
        return found

    def write(self) -> dict[str, int]:
        plans = [self.big_survey(), *self.service_votes(), *self.area_surveys()]
        plans += [self.staff_survey(), self.consultation()]
        poll = self.meeting_poll()
        if poll is not None:
            plans.append(poll)
        self.write_surveys(plans)
        responses = _Sink(Response, RESPONSE_COLUMNS)
        participations = _Sink(Participation, PARTICIPATION_COLUMNS)
        answers = _Sink(Answer, ANSWER_COLUMNS)
        with foreign_keys_checked_once(Response, Participation, Answer, Tally):
            for plan in plans:
                firsts = self.write_answers(
                    plan, plan is plans[0], responses, participations, answers
                )
                if plan.outcome:
                    self.close_with_outcome(plan, firsts)
            for sink in (responses, participations, answers):
                sink.flush()
            tallies = write_tallies(self.organisation)
        Survey.objects.bulk_update(
            [p.survey for p in plans if p.outcome],
            ["closed_at", "outcome", "outcome_easy_read", "outcome_at", "outcome_by"],
            batch_size=BATCH,
        )
        return {
            "votes and surveys": len(plans),
            "survey questions": sum(len(p.facts) for p in plans),
            "survey responses": responses.written,
            "survey participations": participations.written,
            "survey answers": answers.written,
            "survey running totals": tallies,
        }

    def write_answers(
        self,
        plan: Plan,
        leave_out_measured: bool,
        responses: _Sink,
        participations: _Sink,
        answers: _Sink,
    ) -> Counter[int]:
        """Write who answered and what; return how often each option of the first question
        was chosen (for the outcome)."""
        rng = self.rng
        survey = plan.survey
        services = None if survey.whole_organisation else frozenset(plan.services)
        start = plan.answered_from or self.now
        window = max(60, int(((plan.answered_until or self.now) - start).total_seconds()) - 60)
        firsts: Counter[int] = Counter()
        first_question = plan.facts[0].pk
        for asked in plan.asked:
            if rng.random() >= plan.share.get(Respondent(asked.role), 0.0):
                continue
            if leave_out_measured and asked.key in self.measured:
                continue
            given = self.answers_for(plan.facts, asked)
            if not given:
                continue
            at = start + dt.timedelta(seconds=rng.randint(0, window))
            day = timezone.localdate(at)
            service_id = _first_service(asked, services)
            area = self.area_of.get(service_id, "") if service_id is not None else ""
            anonymous = survey.anonymous
            response_id = _uuid(rng)
            recorder = asked.helper_id if asked.how == VoiceHow.SUPPORTED else asked.user_id
            responses.add(
                (
                    response_id,
                    survey.pk,
                    self.organisation.pk,
                    None if anonymous else asked.person_id,
                    None if anonymous else asked.user_id,
                    asked.role,
                    service_id,
                    area,
                    day,
                    None if anonymous else at,
                    asked.how,
                    None if anonymous or asked.how != VoiceHow.SUPPORTED else asked.helper_id,
                    None if anonymous else recorder,
                    timezone.make_aware(dt.datetime.combine(day, dt.time())) if anonymous else at,
                )
            )
            participations.add(
                (_uuid(rng), survey.pk, asked.key, asked.user_id, asked.person_id, day)
            )
            for question_id, rows in given.items():
                for option_id, text, value in rows:
                    answers.add((response_id, question_id, option_id, text, value))
            for option_id, _, _ in given.get(first_question, []):
                if option_id is not None:
                    firsts[option_id] += 1
            if len(answers.rows) >= FLUSH_EVERY:
                for sink in (responses, participations, answers):
                    sink.flush()
        return firsts

    def close_with_outcome(self, plan: Plan, firsts: Counter[int]) -> None:
        survey = plan.survey
        closed_at = plan.answered_until or self.now
        labels = plan.facts[0].labels
        top = labels.get(firsts.most_common(1)[0][0], "") if firsts else ""
        words = {
            "vote": (
                f"Most people chose “{top}”, so that is what we will do. Thank you for voting.",
                f"Most people chose {top}. We will do that.",
            ),
            "area": (
                "Thank you. We have shared what you said with every service in the area, and "
                "each manager will say at the next house meeting what they will change.",
                "Thank you. Your manager will tell you what changes.",
            ),
            "staff": (
                "Thank you to everyone who answered. Rotas will now be fixed two weeks ahead, "
                "and every worker has supervision each month.",
                "",
            ),
            "consultation": (
                "Most people agreed with the first three proposals, and we will do them from "
                "April. Many people would block closing the day centres, so they stay open; "
                "we will ask again about the money next year.",
                "We will do the first 3 ideas. The day centres stay open.",
            ),
        }[plan.outcome]
        survey.closed_at = closed_at
        survey.outcome, survey.outcome_easy_read = words
        survey.outcome_at = closed_at + dt.timedelta(days=3)
        survey.outcome_by_id = survey.created_by_id


@contextmanager
def foreign_keys_checked_once(*tables: type[models.Model]) -> Iterator[None]:
    """On PostgreSQL, check these tables' foreign keys once at the end, not row by row.

    Each key is a deferred trigger per row, fired at commit: for a million answers that
    is millions of look-ups. The keys are dropped while the rows are written, in this
    transaction, and added again; adding one checks every row in one query, and the
    transaction fails if any is wrong. Other databases keep their keys as they are.
    """
    if connection.vendor != "postgresql":
        yield
        return
    names = [t._meta.db_table for t in tables]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) "
            "ORDER BY 1, 2",
            [names],
        )
        keys = cursor.fetchall()
        # Rows written earlier in this transaction are checked now, so the tables
        # these keys point at may be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, name, _ in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table, name, definition in keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )


RESPONSE_COLUMNS = (
    "id",
    "survey_id",
    "organisation_id",
    "person_id",
    "user_id",
    "role",
    "service_id",
    "area",
    "submitted_on",
    "created_at",
    "voice_how",
    "voice_helper_id",
    "voice_recorded_by_id",
    "voice_recorded_at",
)
PARTICIPATION_COLUMNS = ("id", "survey_id", "respondent_key", "user_id", "person_id", "answered_on")
ANSWER_COLUMNS = ("response_id", "question_id", "option_id", "text", "value")


def _shard_sql() -> str:
    """A response's shard, from the last hex digit of its random id."""
    if connection.vendor == "postgresql":
        return f"(get_byte(uuid_send(r.id), 15) %% {SHARDS})"
    return f"((instr('0123456789abcdef', lower(substr(r.id, -1, 1))) - 1) %% {SHARDS})"


def write_tallies(organisation: Organisation) -> int:
    """Compute the running totals of the organisation's surveys from the answers stored.

    Each response counts in the survey's responses (question 0), in each question it
    answered, and per answer row as ``answering.answer_rows`` adds it: a ranked place
    gives points (first of n gets n) and counts once if first; dots give their number as
    points; a meeting time counts under its yes, maybe or no. All of it for everyone and
    for the response's role, service and area, in the response's shard.
    """
    q = connection.ops.quote_name
    response, answer = q(Response._meta.db_table), q(Answer._meta.db_table)
    question, option = q(Question._meta.db_table), q(Option._meta.db_table)
    tally = q(Tally._meta.db_table)
    shard = _shard_sql()
    dims = (
        f"SELECT r.id AS response_id, r.survey_id, {shard} AS shard, '' AS dimension "  # noqa: S608
        f"FROM {response} r WHERE r.organisation_id = %s "
        f"UNION ALL SELECT r.id, r.survey_id, {shard}, 'role:' || r.role "
        f"FROM {response} r WHERE r.organisation_id = %s "
        f"UNION ALL SELECT r.id, r.survey_id, {shard}, 'service:' || CAST(r.service_id AS TEXT) "
        f"FROM {response} r WHERE r.organisation_id = %s AND r.service_id IS NOT NULL "
        f"UNION ALL SELECT r.id, r.survey_id, {shard}, 'area:' || substr(r.area, 1, 130) "
        f"FROM {response} r WHERE r.organisation_id = %s AND r.area <> ''"
    )
    sql = (
        f"INSERT INTO {tally} "  # noqa: S608 (own table names; values are parameters)
        "(survey_id, question_id, option_id, value, dimension, shard, count, points) "
        "SELECT survey_id, question_id, option_id, value, dimension, shard, SUM(n), SUM(p) "
        "FROM ("
        # The survey's count of responses.
        "SELECT d.survey_id, 0 AS question_id, 0 AS option_id, 0 AS value, d.dimension, "
        "d.shard, 1 AS n, 0 AS p FROM dims d "
        # Each question answered, once a response.
        "UNION ALL SELECT d.survey_id, qa.question_id, 0, 0, d.dimension, d.shard, 1, 0 "
        f"FROM (SELECT DISTINCT a.response_id, a.question_id FROM {answer} a "
        f"JOIN {response} r ON r.id = a.response_id WHERE r.organisation_id = %s) qa "
        "JOIN dims d ON d.response_id = qa.response_id "
        # Each answer row that names an option.
        "UNION ALL SELECT d.survey_id, a.question_id, a.option_id, "
        "CASE WHEN qu.kind = 'meeting' THEN a.value ELSE 0 END, d.dimension, d.shard, "
        "CASE WHEN qu.kind = 'ranked' THEN (CASE WHEN a.value = 1 THEN 1 ELSE 0 END) ELSE 1 END, "
        "CASE WHEN qu.kind = 'ranked' THEN sizes.n - a.value + 1 "
        "WHEN qu.kind = 'dots' THEN a.value ELSE 0 END "
        f"FROM {answer} a JOIN {question} qu ON qu.id = a.question_id "
        f"JOIN (SELECT question_id, COUNT(*) AS n FROM {option} GROUP BY question_id) sizes "
        "ON sizes.question_id = a.question_id "
        "JOIN dims d ON d.response_id = a.response_id "
        "WHERE a.option_id IS NOT NULL"
        ") contributions "
        "GROUP BY survey_id, question_id, option_id, value, dimension, shard "
        # In the unique key's order, which builds its index fastest.
        "ORDER BY survey_id, question_id, option_id, value, dimension, shard"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Millions of rows to group: in memory rather than sorted on disk, and no time
            # spent compiling the plan (its row estimates are far too high for JIT).
            cursor.execute("SET LOCAL work_mem = '256MB'")
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(f"WITH dims AS ({dims}) {sql}", [organisation.pk] * 5)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem TO DEFAULT")
            cursor.execute("SET LOCAL jit TO DEFAULT")
    return Tally.objects.filter(survey__organisation=organisation).count()
