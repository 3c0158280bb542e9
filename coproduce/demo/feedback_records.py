"""The large demo's comments, complaints and compliments over the last year, and the
"you said, we did" changes some of them led to, in the volumes a provider of that size
sees (per service and year about 1.6 complaints, 2.5 comments and 3 compliments).

Complaints are in every state of their life: just received, late to acknowledge,
acknowledged, being looked into (some with a later answer date agreed, some past it),
answered (upheld, partly or not) and closed, a few reopened; most are acknowledged within
3 working days and answered within two months, as the figures should show. Each has one
or two themes once acknowledged, chosen by whoever handles it: the service's manager or
a quality lead. Some are raised by the person, some by their supporter, some by a worker
on their behalf; comments and compliments are sometimes anonymous. The dates come from the
same rules as the actions' (``feedback.lifecycle``), counted back from today.

About 1 in 12 comments and complaints leads to a change at its service (some gathering
two or three of them): planned, in progress, made or not possible, with its notes.

Rows are made in memory and written with ``bulk_create`` in batches, as the rest of the
large demo is, from their own generator, so the rows written before stay as they were.
The person the page benchmark signs in as (``records.chosen_person``) has a complaint at
their first service, acknowledged by its manager, and a change made from it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.utils import timezone

from coproduce.accounts.models import Organisation, Service, User
from coproduce.core.models import VoiceHow
from coproduce.core.working_days import add_working_days
from coproduce.demo.common import BATCH_SIZE
from coproduce.feedback import lifecycle
from coproduce.feedback.models import (
    About,
    Change,
    ChangeNote,
    ChangeSource,
    ChangeStatus,
    Concern,
    ConcernEvent,
    ConcernKind,
    ConcernStatus,
    RaisedBy,
    SourceKind,
    Theme,
    Upheld,
    themes_in_order,
)
from coproduce.people.models import Person, Supporter

S = ConcernStatus
DAYS = 365
# How many of each kind a service has in a year, on average.
PER_SERVICE = {ConcernKind.COMPLAINT: 1.6, ConcernKind.COMMENT: 2.5, ConcernKind.COMPLIMENT: 3.0}
SHARE_LEADING_TO_A_CHANGE = 0.08

# What people say, by kind, with the themes a handler would give it.
COMPLAINTS = [
    ("My evening visit was late three times this week.", ["visit_times"]),
    ("Nobody came to help me get up on Sunday. I waited until eleven.", ["visit_times"]),
    ("Different staff every day. I do not know who is coming.", ["staffing"]),
    (
        "The new worker did not read my profile and did things wrong.",
        ["staffing", "care_and_support"],
    ),
    ("Staff talked about me as if I was not there.", ["dignity", "staff_attitude"]),
    (
        "My room was cleaned without asking me and my things were moved.",
        ["dignity", "choice_and_control"],
    ),
    ("I was charged for an outing I did not go on.", ["money"]),
    ("The heating in the house has been broken for two weeks.", ["home"]),
    ("I was given my tablets late twice.", ["health"]),
    ("Nobody told me my support times were changing.", ["communication", "visit_times"]),
    (
        "I asked to go to the football and was told there was no one to take me.",
        ["activities", "staffing"],
    ),
    ("The food is the same every week and I cannot choose.", ["food", "choice_and_control"]),
    ("A worker shouted at me when I was upset.", ["staff_attitude"]),
    (
        "I asked for a female worker for personal care and a man came.",
        ["dignity", "choice_and_control"],
    ),
    ("My letter about my bill was never answered.", ["communication", "money"]),
    ("The front door lock is broken and I do not feel safe at night.", ["safety", "home"]),
    ("My visits are rushed and staff leave early.", ["visit_times", "care_and_support"]),
]
COMMENTS = [
    ("Can the house meeting be on Tuesdays?", ["choice_and_control"]),
    ("Could we have more trips out at the weekend?", ["activities"]),
    ("It would help to know who is coming each week.", ["communication", "staffing"]),
    ("Can we have curry on Fridays?", ["food"]),
    ("The garden needs a bench.", ["home"]),
    ("Please use pictures on the rota.", ["communication"]),
    ("I would like to learn to cook on my own.", ["care_and_support", "activities"]),
    ("Could staff knock before coming in?", ["dignity"]),
]
COMPLIMENTS = [
    ("My keyworker is brilliant. She always listens.", ["staff_attitude"]),
    ("Thank you for making my birthday so special.", ["care_and_support"]),
    ("The new cook is great.", ["food"]),
    ("The trip to the seaside was the best day of the year.", ["activities"]),
    ("Staff helped me see my brother. Thank you.", ["care_and_support"]),
    ("The house feels like home.", ["home"]),
    ("My visits are always on time now.", ["visit_times"]),
]
WORDS: dict[str, list[tuple[str, list[str]]]] = {
    ConcernKind.COMPLAINT: COMPLAINTS,
    ConcernKind.COMMENT: COMMENTS,
    ConcernKind.COMPLIMENT: COMPLIMENTS,
}
FEELINGS: dict[str, list[str]] = {
    ConcernKind.COMPLAINT: ["mood_very_sad", "mood_sad", ""],
    ConcernKind.COMMENT: ["mood_ok", ""],
    ConcernKind.COMPLIMENT: ["mood_happy", "mood_very_happy", ""],
}
RESPONSES = [
    (
        "We looked at the rota and the visit records and spoke to the team. You were right, "
        "and we have changed how the visits are planned.",
        "You were right. We have changed the rota.",
    ),
    (
        "We spoke to the staff involved and checked the records. Some of what happened was "
        "not right and we have said sorry to you.",
        "Some of it was wrong. We are sorry.",
    ),
    (
        "We looked into it carefully. We found the support was given as your plan says, and "
        "we have explained why to you.",
        "We looked. The support was as your plan says.",
    ),
]
# What a change from each theme would be.
CHANGES = {
    "visit_times": (
        "Visits were late or rushed.",
        "Visits start at the time in each person's plan",
    ),
    "staffing": (
        "People did not know who was coming.",
        "Each person meets new staff before they work alone",
    ),
    "care_and_support": (
        "Support did not follow the plan.",
        "New staff read the one-page profile first",
    ),
    "dignity": ("People were not asked first.", "Staff always knock and ask before coming in"),
    "staff_attitude": ("Some staff did not listen.", "Listening training for every team"),
    "choice_and_control": (
        "People could not choose.",
        "The house meeting chooses the week's menu and plans",
    ),
    "money": ("Charges were not clear.", "Every bill is explained in easy read"),
    "home": ("Repairs took too long.", "Repairs are reported the same day and tracked"),
    "health": ("Medicines were late.", "A second check of medicines at each visit"),
    "communication": (
        "People were not told about changes.",
        "The rota is shared with pictures each week",
    ),
    "activities": ("There were not enough trips out.", "A trip out every weekend, chosen together"),
    "food": ("The food was always the same.", "People choose the menu each week"),
    "safety": ("People did not feel safe at night.", "The locks are checked every month"),
}
NOTES = ["We talked about it at the team meeting.", "We asked people what they think.", ""]


def _write(model: type, rows: Sequence[object]) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)  # type: ignore[attr-defined]


class FeedbackRecordsWriter:
    def __init__(
        self,
        organisation: Organisation,
        services: Sequence[Service],
        people_at: dict[int, list[Person]],
        supporters_of: dict[int, list[Supporter]],
        workers_at: dict[int, list[User]],
        managers_at: dict[int, list[User]],
        leads: Sequence[User],
        chosen: Person | None,
        seed: int,
    ) -> None:
        self.rng = random.Random(f"feedback:{seed}:{organisation.slug}")
        self.organisation = organisation
        self.services = services
        self.people_at = people_at
        self.supporters_of = supporters_of
        self.workers_at = workers_at
        self.managers_at = managers_at
        self.leads = list(leads)
        self.chosen = chosen
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.concerns: list[Concern] = []
        self.events: list[ConcernEvent] = []
        self.chosen_concern: Concern | None = None
        self.complaints_made = 0

    def at(self, day: dt.date, hour: int) -> dt.datetime:
        moment = timezone.make_aware(
            dt.datetime.combine(day, dt.time(hour, self.rng.randint(0, 59)))
        )
        return min(moment, self.now)

    def handler_for(self, service: Service | None) -> User | None:
        managers = self.managers_at.get(service.pk, []) if service is not None else []
        if managers and self.rng.random() < 0.8:
            return self.rng.choice(managers)
        return self.rng.choice(self.leads) if self.leads else (managers[0] if managers else None)

    def write(self) -> dict[str, int]:
        if self.chosen is not None:
            self.chosen_complaint()
        for service in self.services:
            for kind, per_year in PER_SERVICE.items():
                # A Poisson count from its mean, drawn the same way at every size.
                number, remaining = 0, self.rng.random()
                limit = 2.718281828459045 ** (-per_year)
                while remaining > limit:
                    number += 1
                    remaining *= self.rng.random()
                for _ in range(number):
                    self.concern(kind, service, self.rng.randint(0, DAYS - 1))
        # A few complaints about the organisation as a whole.
        for _ in range(max(1, len(self.services) // 40)):
            self.concern(ConcernKind.COMPLAINT, None, self.rng.randint(0, DAYS - 1))
        _write(Concern, self.concerns)
        for event in self.events:
            event.concern_id = event.concern.pk
        _write(ConcernEvent, self.events)
        changes, sources, notes = self.changes()
        return {
            "comments, complaints and compliments": len(self.concerns),
            "their moves and notes": len(self.events),
            "changes (you said, we did)": changes,
            "their sources": sources,
            "their progress notes": notes,
        }

    # --- one concern -----------------------------------------------------------------------

    def raiser(
        self, kind: str, service: Service | None
    ) -> tuple[User | None, Person | None, str, str]:
        """Who raised it, whose it is, how they are described and how it was given."""
        rng = self.rng
        people = self.people_at.get(service.pk, []) if service is not None else []
        if kind != ConcernKind.COMPLAINT and rng.random() < 0.15:
            return None, None, RaisedBy.ANONYMOUS, VoiceHow.TYPED
        person = rng.choice(people) if people else None
        if person is None:
            staff = self.managers_at.get(service.pk, []) if service is not None else self.leads
            return (staff[0] if staff else None), None, RaisedBy.STAFF, VoiceHow.TYPED
        roll = rng.random()
        supporters = [s for s in self.supporters_of.get(person.pk, []) if s.user_id]
        if person.user_id is not None and roll < 0.55:
            return person.user, person, RaisedBy.PERSON, VoiceHow.TYPED
        if supporters and roll < 0.8:
            return rng.choice(supporters).user, person, RaisedBy.SUPPORTER, VoiceHow.TYPED
        workers = self.workers_at.get(service.pk, []) if service is not None else []
        if workers:
            return (
                rng.choice(workers),
                person,
                RaisedBy.STAFF,
                rng.choice([VoiceHow.SPOKEN, VoiceHow.SUPPORTED, VoiceHow.OBSERVED]),
            )
        if person.user_id is not None:
            return person.user, person, RaisedBy.PERSON, VoiceHow.TYPED
        return None, None, RaisedBy.ANONYMOUS, VoiceHow.TYPED

    def concern(
        self,
        kind: str,
        service: Service | None,
        days_ago: int,
        *,
        given: tuple[User | None, Person | None, str, str] | None = None,
        handler: User | None = None,
    ) -> Concern | None:
        rng = self.rng
        by, person, raiser, how = given or self.raiser(kind, service)
        if kind == ConcernKind.COMPLAINT and by is None:
            return None
        received = self.today - dt.timedelta(days=days_ago)
        what, themes = rng.choice(WORDS[kind])
        complaint = kind == ConcernKind.COMPLAINT
        about = About.SERVICE if service is not None else About.ORGANISATION
        worker = None
        if kind == ConcernKind.COMPLIMENT and service is not None and rng.random() < 0.4:
            workers = self.workers_at.get(service.pk, [])
            if workers:
                about, worker = About.WORKER, rng.choice(workers)
        raised_at = self.at(received, rng.randint(8, 20))
        concern = Concern(
            organisation=self.organisation,
            kind=kind,
            about=about,
            service=service,
            worker=worker,
            raised_by=by,
            person=person,
            raiser=raiser,
            what_happened=what,
            how_i_feel=rng.choice(FEELINGS[kind]),
            happened_on=received - dt.timedelta(days=rng.randint(0, 10)),
            safeguarding=complaint and rng.random() < 0.02,
            received_on=received,
            acknowledge_by=lifecycle.acknowledge_by(received) if complaint else None,
            respond_by=lifecycle.respond_by(received) if complaint else None,
            voice_how=how,
            voice_helper=by if how in (VoiceHow.SUPPORTED,) else None,
            voice_recorded_by=by,
            voice_recorded_at=raised_at,
            created_at=raised_at,
        )
        if concern.safeguarding:
            concern.safeguarding_flagged_at = raised_at
        self.event(concern, raised_at, by, "", S.RECEIVED)
        handler = handler or self.handler_for(service)
        if complaint:
            self.complaint_life(concern, handler, themes, days_ago)
        else:
            self.comment_life(concern, handler, themes, days_ago)
        self.concerns.append(concern)
        return concern

    def event(
        self,
        concern: Concern,
        at: dt.datetime,
        by: User | None,
        from_status: str,
        to_status: str,
        note: str = "",
    ) -> None:
        self.events.append(
            ConcernEvent(
                concern=concern,
                at=at,
                by=by,
                from_status=from_status,
                to_status=to_status,
                note=note,
            )
        )

    def move(
        self, concern: Concern, day: dt.date, by: User | None, to_status: str, note: str = ""
    ) -> dt.datetime:
        # Never before the move it follows (raised at 8pm, acknowledged the same day).
        at = max(self.at(day, self.rng.randint(9, 17)), self.events[-1].at)
        self.event(concern, at, by, concern.status, to_status, note)
        concern.status = to_status
        return at

    def chosen_themes(
        self, concern: Concern, themes: list[str], by: User | None, at: dt.datetime
    ) -> None:
        if self.rng.random() < 0.25:
            themes = [*themes, self.rng.choice(Theme.values)]
        concern.themes = themes_in_order(themes[:2])
        labels = ", ".join(str(Theme(t).label) for t in concern.themes)
        self.event(concern, at, by, "", "", f"Themes: {labels}")

    def complaint_life(
        self, concern: Concern, handler: User | None, themes: list[str], days_ago: int
    ) -> None:
        rng = self.rng
        received = concern.received_on
        self.complaints_made += 1
        number = self.complaints_made
        # Most are acknowledged within 3 working days; one in eight takes longer.
        late = rng.random() < 0.12
        ack_day = add_working_days(received, rng.randint(4, 7) if late else rng.randint(0, 3))
        # One in forty is still not acknowledged, long after its day.
        due = concern.acknowledge_by
        forgotten = number % 40 == 7 and due is not None and due < self.today
        if ack_day > self.today or forgotten:
            return
        concern.handler = handler
        concern.acknowledged_at = self.move(
            concern, ack_day, handler, S.ACKNOWLEDGED, "Offered to talk it through."
        )
        self.chosen_themes(concern, themes, handler, concern.acknowledged_at)
        if rng.random() < 0.08:
            agreed = received + dt.timedelta(days=rng.randint(30, 120))
            concern.respond_by, concern.respond_by_agreed = agreed, True
            concern.delay_reason = "Waiting for records from the rota team."
        look_day = ack_day + dt.timedelta(days=rng.randint(0, 5))
        if look_day <= self.today and rng.random() < 0.8:
            self.move(concern, look_day, handler, S.INVESTIGATING)
        # Answered within about two months; one in twenty goes past its date, and one in
        # twenty-five is still not answered after the date agreed with the complainant.
        answer_day = received + dt.timedelta(days=rng.randint(7, 60))
        if rng.random() < 0.05 and concern.respond_by is not None:
            answer_day = concern.respond_by + dt.timedelta(days=rng.randint(1, 30))
        if number % 25 == 3 and days_ago > 45:
            concern.respond_by, concern.respond_by_agreed = received + dt.timedelta(days=40), True
            concern.delay_reason = "Waiting to speak to a worker who is away."
            return
        answer_day = max(answer_day, look_day, ack_day)
        if answer_day > self.today:
            return
        response, easy = rng.choice(RESPONSES)
        concern.response, concern.response_easy_read = response, easy
        concern.upheld = rng.choices(
            [Upheld.UPHELD, Upheld.PARTLY, Upheld.NOT_UPHELD], weights=[30, 30, 40]
        )[0]
        concern.responded_at = self.move(concern, answer_day, handler, S.RESPONDED)
        close_day = answer_day + dt.timedelta(days=rng.randint(5, 25))
        if close_day <= self.today and rng.random() < 0.85:
            concern.closed_at = self.move(
                concern, close_day, handler, S.CLOSED, "They are happy with the answer."
            )
            reopen_day = close_day + dt.timedelta(days=rng.randint(3, 20))
            if reopen_day <= self.today and rng.random() < 0.03:
                self.move(
                    concern, reopen_day, handler, S.INVESTIGATING, "They say it has happened again."
                )
                concern.closed_at = None
                concern.respond_by = reopen_day + dt.timedelta(days=28)
                concern.respond_by_agreed = True

    def comment_life(
        self, concern: Concern, handler: User | None, themes: list[str], days_ago: int
    ) -> None:
        rng = self.rng
        ack_day = concern.received_on + dt.timedelta(days=rng.randint(0, 6))
        if ack_day > self.today or rng.random() < 0.05:
            return
        concern.handler = handler
        note = "Passed on to the team." if concern.kind == ConcernKind.COMPLIMENT else ""
        concern.acknowledged_at = self.move(concern, ack_day, handler, S.ACKNOWLEDGED, note)
        self.chosen_themes(concern, themes, handler, concern.acknowledged_at)
        close_day = ack_day + dt.timedelta(days=rng.randint(1, 30))
        if close_day <= self.today and rng.random() < 0.7:
            concern.closed_at = self.move(concern, close_day, handler, S.CLOSED)

    def chosen_complaint(self) -> None:
        """The measured person's own complaint at their first service, acknowledged by
        its manager 20 days ago, with a change made from it (``changes``)."""
        person = self.chosen
        assert person is not None
        service = next((s for s in self.services if person in self.people_at.get(s.pk, [])), None)
        managers = self.managers_at.get(service.pk, []) if service is not None else []
        if service is None or person.user is None or not managers:
            return
        self.chosen_concern = self.concern(
            ConcernKind.COMPLAINT,
            service,
            20,
            given=(person.user, person, RaisedBy.PERSON, VoiceHow.TYPED),
            handler=managers[0],
        )

    # --- "you said, we did" --------------------------------------------------------------

    def changes(self) -> tuple[int, int, int]:
        rng = self.rng
        picked: dict[tuple[int, str], list[Concern]] = {}
        chosen = self.chosen_concern
        for concern in self.concerns:
            if concern.kind == ConcernKind.COMPLIMENT or concern.service_id is None:
                continue
            if concern.acknowledged_at is None or not concern.themes:
                continue
            if concern is not chosen and rng.random() >= SHARE_LEADING_TO_A_CHANGE:
                continue
            theme = next((t for t in concern.themes if t in CHANGES), None)
            if theme is None:
                continue
            picked.setdefault((concern.service_id, theme), []).append(concern)
        changes: list[Change] = []
        groups: list[tuple[Change, list[Concern]]] = []
        notes: list[ChangeNote] = []
        for (service_id, theme), found in picked.items():
            you_said, we_will = CHANGES[theme]
            first = min(found, key=lambda c: c.received_on)
            started = max(c.acknowledged_at for c in found if c.acknowledged_at is not None)
            lead = first.handler
            roll = rng.random()
            status = (
                ChangeStatus.MADE
                if roll < 0.55 or chosen in found
                else ChangeStatus.IN_PROGRESS
                if roll < 0.8
                else ChangeStatus.PLANNED
                if roll < 0.95
                else ChangeStatus.NOT_POSSIBLE
            )
            made_at = None
            if status == ChangeStatus.MADE:
                made_at = min(started + dt.timedelta(days=rng.randint(7, 90)), self.now)
            change = Change(
                organisation=self.organisation,
                service_id=service_id,
                you_said=you_said,
                you_said_easy_read=you_said,
                we_will=we_will,
                we_will_easy_read=we_will,
                lead=lead,
                due_on=timezone.localdate(started) + dt.timedelta(days=90),
                status=status,
                not_possible_reason="The landlord will not pay for it."
                if status == ChangeStatus.NOT_POSSIBLE
                else "",
                made_at=made_at,
                created_by=lead,
                created_at=started,
            )
            changes.append(change)
            groups.append((change, found))
            notes.append(
                ChangeNote(change=change, at=started, by=lead, status=ChangeStatus.PLANNED)
            )
            if status != ChangeStatus.PLANNED:
                at = made_at or min(started + dt.timedelta(days=rng.randint(3, 30)), self.now)
                notes.append(
                    ChangeNote(change=change, at=at, by=lead, status=status, text=rng.choice(NOTES))
                )
        _write(Change, changes)
        sources = [
            ChangeSource(
                change_id=change.pk,
                kind=SourceKind.CONCERN,
                object_id=c.pk,
                raised_on=c.received_on,
            )
            for change, found in groups
            for c in found
        ]
        _write(ChangeSource, sources)
        for note in notes:
            note.change_id = note.change.pk
        _write(ChangeNote, notes)
        return len(changes), len(sources), len(notes)
