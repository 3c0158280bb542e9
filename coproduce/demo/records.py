"""The records the large demo's pages are about: support plans and their entries, decisions,
one-to-ones, "this is not working" flags, requests to change a worker with the workers
offered, and the managers' notifications about them.

Rows are made in memory and written with ``bulk_create`` in batches, as the rest of the
large demo is; their fields are the ones the small demo writes (``plans.py``,
``checkins.py``, ``team.py``, ``notices.py``), ledger entries included: every plan entry
and every agreed one-to-one action has its Decision, pointing back at it. They draw from
their own generator, so the rows written before them stay as they were.

The person the page benchmark signs in as (``targets.choose_targets``: the first person
who signs in and shares everything with a supporter) always has one of each.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from coproduce.accounts.models import Notification, Organisation, User
from coproduce.core.models import VoiceHow
from coproduce.decisions.models import Decision, Rung
from coproduce.demo.common import BATCH_SIZE
from coproduce.matching.models import ChangeOffer, ChangeRequest
from coproduce.people.models import Person, Supporter
from coproduce.plans.business_rules import entry_rung, flag_answer_by
from coproduce.plans.models import (
    Agreement,
    NotWorkingFlag,
    PlanEntry,
    PlanEntryRevision,
    SupportPlan,
    a_year_from,
)
from coproduce.plans.models.checkins import OneToOne, OneToOneAction

PLAN_WORDS = {
    "what": [
        ("Learn to cook a meal by myself.", "I cook tea for someone and they like it."),
        ("Go swimming every week.", "I can swim a length without stopping."),
        ("Get a paid job.", "I get my first wage."),
        ("Stay in my own home.", "I am still here next year."),
        ("Make a new friend.", "I have someone to ring at the weekend."),
        ("Go on the bus on my own.", "I get to town and back by myself."),
        ("Grow vegetables in the garden.", "We eat something I grew."),
    ],
    "where": [
        ("At home, and in the garden when it is fine.", ""),
        ("At the day centre in the week.", ""),
        ("At home, and out in town.", ""),
        ("At college, and at my sister's house.", ""),
        ("In my flat. I like it quiet.", ""),
    ],
    "who": [
        ("People I know, not new faces.", ""),
        ("Staff who let me lead.", ""),
        ("My mum when she can, and my keyworker.", ""),
        ("Someone who likes music, like me.", ""),
        ("A woman to help me wash and dress.", ""),
    ],
    "when": [
        ("Swimming at the leisure centre", ""),
        ("The day centre", ""),
        ("Cooking tea with my keyworker", ""),
        ("Morning visit: getting up and breakfast", ""),
        ("Shopping in town", ""),
        ("Job club", ""),
    ],
    "how": [
        ("Show me, then let me try.", ""),
        ("Ask me first. Do not talk over me.", ""),
        ("Let me do what I can myself.", ""),
        ("Use pictures for new things.", ""),
        ("Give me time to answer.", ""),
        ("A reminder on my phone before I go out.", ""),
    ],
}
CHANGE_COMMENTS = ["Not only that. Music too.", "Later in the day, please.", "I want to choose."]
DECISIONS = [
    "Change the time of my morning visit",
    "Try the cooking class at college",
    "Move my bedroom round",
    "Go to the seaside for a day in the summer",
    "Have my own key to the front door",
    "Start going to the gym on Thursdays",
    "Choose a new keyworker",
    "Buy a new chair for my room",
    "Have tea with my family on Sundays",
]
VIEWS = ["I want this.", "Yes, I would like that.", "I am not sure yet, but I want to try.", ""]
AGENDAS = [
    "Going to college in September\nMy evening visits",
    "My holiday\nMy money",
    "Seeing my brother more\nMy new room",
    "What I want to do at weekends",
    "My health\nThe garden",
]
NOTES = [
    "I want to do the cooking course. Evening visits feel rushed.",
    "We talked about a trip to the coast in the summer.",
    "I am happier now I go out more.",
    "I want more say in who comes in the mornings.",
]
ACTIONS = [
    ("Find out about the course", "keyworker"),
    ("Ask my brother which Saturday is good", "person"),
    ("Book the bus pass", "keyworker"),
    ("Write down what I want to buy", "person"),
]
NOT_WORKING = [
    "My morning visit comes too late. I need my tablets at eight.",
    "Different people come every day. I do not know them.",
    "Nobody listens when I say I want to go out.",
    "My evening visit is rushed and we do not talk.",
    "I cannot reach my things since the room was moved round.",
]
CHANGE_REASONS = [
    "Evening visits feel rushed and we do not talk much.",
    "I would like someone who likes music.",
    "I would feel better with a woman helping me.",
    "We do not get on. I want someone else.",
]
OFFER_WORDS = "You could meet them at the house next week. Tell me what you think."

WEEKDAY_TIMES = [(dt.time(9, 30), dt.time(15, 0)), (dt.time(10, 0), dt.time(12, 0))]
WEEKDAY_TIMES += [(dt.time(17, 0), dt.time(18, 30)), (dt.time(8, 0), dt.time(9, 0))]

SHARE_WITH_DECISIONS = 1 / 3
SHARE_WITH_A_FLAG = 0.02
SHARE_WITH_A_REQUEST = 0.01


def _write(model: type[models.Model], rows: Sequence[models.Model]) -> int:
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)  # type: ignore[attr-defined]
    return len(rows)


def _point_back(decisions: list[Decision], subjects: Sequence[models.Model]) -> None:
    """Point each ledger entry at the record it is about (saved after it)."""
    for decision, subject in zip(decisions, subjects, strict=True):
        decision.subject_id = subject.pk
    Decision.objects.bulk_update(decisions, ["subject_id"], batch_size=BATCH_SIZE)


def chosen_person(supporters: Sequence[Supporter]) -> Person | None:
    """The person ``targets.choose_targets`` will choose, from rows saved already."""
    everything = set(Supporter.Scope.values)
    found = [
        s.person
        for s in supporters
        if s.user is not None and s.person.user is not None and set(s.scopes) >= everything
    ]
    return min(found, key=lambda p: p.pk) if found else None


class RecordsWriter:
    def __init__(
        self,
        organisation: Organisation,
        people: Sequence[Person],
        services_of: dict[int, list[int]],
        workers_at: dict[int, list[User]],
        managers_at: dict[int, list[User]],
        chosen: Person | None,
        seed: int,
    ) -> None:
        self.rng = random.Random(f"records:{seed}:{organisation.slug}")
        self.organisation = organisation
        self.people = people
        self.services_of = services_of
        self.workers_at = workers_at
        self.managers_at = managers_at
        self.chosen = chosen
        self.now = timezone.now()
        self.all_workers = [w for ws in workers_at.values() for w in ws]

    def worker_for(self, person: Person) -> User | None:
        for service_id in self.services_of.get(person.pk, []):
            if self.workers_at.get(service_id):
                return self.rng.choice(self.workers_at[service_id])
        return self.rng.choice(self.all_workers) if self.all_workers else None

    def managers_of(self, person: Person) -> list[User]:
        found: dict[int, User] = {}
        for service_id in self.services_of.get(person.pk, []):
            for manager in self.managers_at.get(service_id, []):
                found[manager.pk] = manager
        return list(found.values())

    def picked(self, person: Person, share: float) -> bool:
        # Drawn for everyone, so the chosen person leaves the others' draws as they were.
        drawn = self.rng.random() < share
        return drawn or person is self.chosen

    def write(self) -> dict[str, int]:
        counts = self.write_plans()
        counts.update(self.write_decisions())
        counts.update(self.write_one_to_ones())
        counts.update(self.write_flags_and_requests())
        return counts

    # --- support plans ---------------------------------------------------------------------

    def write_plans(self) -> dict[str, int]:
        rng, org = self.rng, self.organisation
        plans: list[SupportPlan] = []
        for person in self.people:
            days_ago = rng.randint(10, 420)
            started = timezone.localdate() - dt.timedelta(days=days_ago)
            plan = SupportPlan(
                organisation=org,
                person_id=person.pk,
                review_due_on=a_year_from(started),
                created_at=self.now - dt.timedelta(days=days_ago),
                voice_recorded_at=self.now - dt.timedelta(days=days_ago),
            )
            if rng.random() < 0.6:
                agreed = self.now - dt.timedelta(days=max(1, days_ago - 3))
                plan.status = SupportPlan.Status.AGREED
                plan.agreed_at = agreed
                if person.user_id is not None and rng.random() < 0.5:
                    plan.agreed_how = SupportPlan.AgreedHow.TICK
                    plan.voice_how = VoiceHow.TYPED
                    plan.voice_recorded_by_id = person.user_id
                else:
                    plan.agreed_how = SupportPlan.AgreedHow.RECORDED_YES
                    plan.voice_how = VoiceHow.SPOKEN
                plan.voice_recorded_at = agreed
            plans.append(plan)
        _write(SupportPlan, plans)

        entries: list[PlanEntry] = []
        decisions: list[Decision] = []
        sections = list(PLAN_WORDS)
        entry_type = ContentType.objects.get_for_model(PlanEntry)
        for person, plan in zip(self.people, plans, strict=True):
            worker = self.worker_for(person)
            if worker is None:
                continue
            started_days = (self.now - plan.created_at).days
            chosen = sections + [rng.choice(sections) for _ in range(rng.randint(0, 3))]
            if rng.random() < 0.3:
                chosen = rng.sample(sections, 3)
            for number, section in enumerate(chosen):
                text, know = rng.choice(PLAN_WORDS[section])
                how: str = rng.choice([VoiceHow.SPOKEN, VoiceHow.SUPPORTED, VoiceHow.TYPED])
                if how == VoiceHow.TYPED and person.user_id is None:
                    how = VoiceHow.SPOKEN
                agreement, comment = Agreement.AGREED, ""
                roll = rng.random()
                # The measured person's first entry waits for their answer, so the pages
                # that ask it (agree, respond) show their forms at every size of the demo.
                if person is self.chosen and number == 0:
                    roll = 0.0
                if roll < 0.08:
                    how, agreement = "", Agreement.NOT_YET_AGREED
                elif roll < 0.14:
                    agreement, comment = Agreement.CHANGED, rng.choice(CHANGE_COMMENTS)
                when = self.now - dt.timedelta(days=rng.randint(0, started_days))
                actor_id = person.user_id if how == VoiceHow.TYPED else worker.pk
                rung, took_part = entry_rung(voice_how=how)
                extra: dict[str, Any] = {}
                if section == "when":
                    starts, ends = rng.choice(WEEKDAY_TIMES)
                    extra = {"weekday": rng.randint(0, 6), "starts_at": starts, "ends_at": ends}
                decision = Decision(
                    organisation=org,
                    person_id=person.pk,
                    what=f"Support plan, {section} (added): {text}"[:2000],
                    person_took_part=took_part,
                    person_view=text if how else "",
                    voice_how=how,
                    voice_helper_id=worker.pk if how == VoiceHow.SUPPORTED else None,
                    voice_recorded_by_id=actor_id if how else None,
                    voice_recorded_at=when,
                    rung=rung,
                    decided_on=when.date(),
                    recorded_by_id=actor_id,
                    created_at=when,
                    subject_type=entry_type,
                )
                decisions.append(decision)
                entries.append(
                    PlanEntry(
                        plan=plan,
                        section=section,
                        text=text,
                        how_i_will_know=know,
                        voice_how=how,
                        voice_helper_id=decision.voice_helper_id,
                        voice_recorded_by_id=decision.voice_recorded_by_id,
                        voice_recorded_at=when,
                        agreement=agreement,
                        person_comment=comment,
                        response_how=VoiceHow.SPOKEN if comment else "",
                        response_recorded_by_id=worker.pk if comment else None,
                        response_at=when if comment else None,
                        decision=decision,
                        created_by_id=actor_id,
                        created_at=when,
                        updated_at=when,
                        **extra,
                    )
                )
        _write(Decision, decisions)
        for entry in entries:
            entry.decision_id = entry.decision.pk  # type: ignore[union-attr]
        _write(PlanEntry, entries)
        _point_back(decisions, entries)
        revisions = [
            PlanEntryRevision.of(
                entry,
                kind=PlanEntryRevision.Kind.ADDED,
                changed_by_id=entry.created_by_id,
                changed_at=entry.created_at,
            )
            for entry in entries
        ]
        _write(PlanEntryRevision, revisions)
        return {
            "support plans": len(plans),
            "support plan entries": len(entries),
            "support plan revisions": len(revisions),
            "plan decisions": len(decisions),
        }

    # --- decisions -------------------------------------------------------------------------

    def write_decisions(self) -> dict[str, int]:
        rng = self.rng
        rows: list[Decision] = []
        for person in self.people:
            if not self.picked(person, SHARE_WITH_DECISIONS):
                continue
            worker = self.worker_for(person)
            for _ in range(rng.randint(1, 6)):
                when = self.now - dt.timedelta(days=rng.randint(1, 360))
                view = rng.choice(VIEWS)
                took_part = bool(view) or rng.random() < 0.5
                rows.append(
                    Decision(
                        organisation=self.organisation,
                        person_id=person.pk,
                        what=rng.choice(DECISIONS),
                        person_took_part=took_part,
                        person_view=view,
                        voice_how=VoiceHow.SPOKEN if view else "",
                        voice_recorded_by=worker if view else None,
                        voice_recorded_at=when,
                        rung=rng.choice([Rung.CO_PRODUCTION, Rung.CONSULTATION])
                        if took_part
                        else Rung.INFORMING,
                        decided_on=when.date(),
                        recorded_by=worker,
                        created_at=when,
                    )
                )
        return {"decisions": _write(Decision, rows)}

    # --- one-to-ones -----------------------------------------------------------------------

    def write_one_to_ones(self) -> dict[str, int]:
        rng, org = self.rng, self.organisation
        meetings: list[OneToOne] = []
        for person in self.people:
            if person.user_id is None:
                continue
            keyworker = self.worker_for(person)
            if keyworker is None:
                continue
            for _ in range(rng.randint(1, 2)):
                day = timezone.localdate() - dt.timedelta(days=rng.randint(1, 300))
                at = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))
                meetings.append(
                    OneToOne(
                        organisation=org,
                        person_id=person.pk,
                        keyworker=keyworker,
                        date=day,
                        agenda=rng.choice(AGENDAS),
                        notes=rng.choice(NOTES),
                        voice_how=VoiceHow.TYPED,
                        voice_recorded_by_id=person.user_id,
                        voice_recorded_at=at,
                        listened=rng.choice(list(OneToOne.Listened.values)),
                        created_by_id=person.user_id,
                        created_at=at,
                    )
                )
        _write(OneToOne, meetings)
        actions: list[OneToOneAction] = []
        decisions: list[Decision] = []
        subject_type = ContentType.objects.get_for_model(OneToOneAction)
        people = {p.pk: p for p in self.people}
        for meeting in meetings:
            person = people[meeting.person_id]
            for what, owner in rng.sample(ACTIONS, rng.randint(0, 2)):
                name = meeting.keyworker.name.split(" ")[0]
                owner_name = person.preferred_name if owner == "person" else name
                decision = Decision(
                    organisation=org,
                    person_id=person.pk,
                    what=(
                        f"One-to-one on {meeting.date.day} {meeting.date:%B %Y}, agreed: "
                        f"{what} ({owner_name})"
                    ),
                    person_took_part=True,
                    rung=Rung.CO_PRODUCTION,
                    decided_on=meeting.date,
                    recorded_by=meeting.keyworker,
                    created_at=meeting.created_at,
                    voice_recorded_at=meeting.created_at,
                    subject_type=subject_type,
                )
                decisions.append(decision)
                actions.append(
                    OneToOneAction(
                        one_to_one=meeting,
                        what=what,
                        owner=owner_name,
                        due_on=meeting.date + dt.timedelta(days=rng.choice([7, 14, 28])),
                        decision=decision,
                    )
                )
        _write(Decision, decisions)
        for action in actions:
            action.decision_id = action.decision.pk  # type: ignore[union-attr]
        _write(OneToOneAction, actions)
        _point_back(decisions, actions)
        return {
            "one-to-ones": len(meetings),
            "one-to-one actions": len(actions),
            "one-to-one decisions": len(decisions),
        }

    # --- what is waiting for an answer -----------------------------------------------------

    def write_flags_and_requests(self) -> dict[str, int]:
        rng, org = self.rng, self.organisation
        flags: list[NotWorkingFlag] = []
        requests: list[ChangeRequest] = []
        offers: list[ChangeOffer] = []
        for person in self.people:
            if self.picked(person, SHARE_WITH_A_FLAG):
                said = self.now - dt.timedelta(days=rng.randint(0, 6), minutes=rng.randint(0, 600))
                flags.append(
                    NotWorkingFlag(
                        organisation=org,
                        person_id=person.pk,
                        what=rng.choice(NOT_WORKING),
                        created_by_id=person.user_id,
                        created_at=said,
                    )
                )
            if not self.picked(person, SHARE_WITH_A_REQUEST):
                continue
            worker = self.worker_for(person)
            if worker is None:
                continue
            asked = self.now - dt.timedelta(days=rng.randint(1, 6))
            request = ChangeRequest(
                organisation=org,
                person_id=person.pk,
                service_id=next(iter(self.services_of.get(person.pk) or []), None),
                worker=worker,
                reason=rng.choice(CHANGE_REASONS),
                asked_by_id=person.user_id,
                status=ChangeRequest.Status.ASKED,
                due_on=asked.date() + dt.timedelta(days=settings.CHANGE_REQUEST_ANSWER_DAYS),
                created_at=asked,
                updated_at=asked,
            )
            requests.append(request)
            others = [w for w in self.all_workers if w.pk != worker.pk]
            if len(others) >= 2 and (rng.random() < 0.5 or person is self.chosen):
                managers = self.managers_of(person)
                offered = asked + dt.timedelta(days=1)
                for other in rng.sample(others, 2):
                    offers.append(
                        ChangeOffer(
                            organisation=org,
                            request=request,
                            worker=other,
                            offered_by=managers[0] if managers else None,
                            offered_at=offered,
                            voice_recorded_at=offered,
                        )
                    )
                request.status = ChangeRequest.Status.OPTIONS_OFFERED
                request.answer = OFFER_WORDS
                request.updated_at = offered
        _write(NotWorkingFlag, flags)
        _write(ChangeRequest, requests)
        for offer in offers:
            offer.request_id = offer.request.pk
        _write(ChangeOffer, offers)

        people = {p.pk: p for p in self.people}
        notices: list[Notification] = []
        for flag in flags:
            person = people[flag.person_id]
            notices.extend(
                Notification(
                    organisation=org,
                    recipient=manager,
                    kind="not_working_raised",
                    params={
                        "name": person.preferred_name,
                        "due_on": flag_answer_by(flag.created_at).isoformat(),
                    },
                    target=reverse("plans:not_working", kwargs={"flag_id": flag.pk}),
                    key=f"not_working:{flag.pk}:raised",
                    created_at=flag.created_at,
                    emailed_at=flag.created_at,
                )
                for manager in self.managers_of(person)
            )
        for request in requests:
            person = people[request.person_id]
            notices.extend(
                Notification(
                    organisation=org,
                    recipient=manager,
                    kind="change_request_asked",
                    params={"name": person.preferred_name, "due_on": request.due_on.isoformat()},
                    target=reverse("matching:change_request", kwargs={"request_id": request.pk}),
                    key=f"change_request:{request.pk}:asked",
                    created_at=request.created_at,
                    emailed_at=request.created_at,
                )
                for manager in self.managers_of(person)
            )
        return {
            "not working flags": len(flags),
            "change requests": len(requests),
            "workers offered": len(offers),
            "notifications": _write(Notification, notices),
        }
