"""Comments, complaints and compliments in the small demo: a complaint in every state of
its life (one late to acknowledge), compliments that reached the workers they name, and a
comment, so Maya's "to answer" list, Ruth's page and Lee's view have real things in them.

Written straight to the tables, as the rest of the small demo is (the actions would add
audit entries, and the append-only audit log would stop the demo being reset); the dates
come from the same rules the actions use (``feedback.lifecycle``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coproduce.accounts.models import Organisation, Service, User
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.feedback import lifecycle
from coproduce.feedback.models import (
    About,
    Concern,
    ConcernEvent,
    ConcernKind,
    ConcernStatus,
    RaisedBy,
    Upheld,
)
from coproduce.people.models import Person

S = ConcernStatus


def _user(key: str) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def _at(day: dt.date, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _concern(
    org: Organisation,
    *,
    kind: str,
    by: User | None,
    person: Person | None,
    raiser: str,
    service: Service | None,
    what: str,
    days_ago: int,
    moves: tuple[tuple[str, int, User, str], ...] | list[tuple[str, int, User, str]] = (),
    about: str = About.SERVICE,
    **extra: object,
) -> Concern:
    """A concern received ``days_ago`` days ago, moved through ``moves`` (status, days
    after receipt, by whom, note)."""
    received = timezone.localdate() - dt.timedelta(days=days_ago)
    complaint = kind == ConcernKind.COMPLAINT
    concern = Concern.objects.create(
        organisation=org,
        kind=kind,
        about=about,
        service=service,
        raised_by=by,
        person=person,
        raiser=raiser,
        what_happened=what,
        received_on=received,
        acknowledge_by=lifecycle.acknowledge_by(received) if complaint else None,
        respond_by=lifecycle.respond_by(received) if complaint else None,
        voice_how="typed",
        voice_recorded_by=by,
        voice_recorded_at=_at(received, 10),
        created_at=_at(received, 10),
        **extra,  # type: ignore[arg-type]
    )
    events = [ConcernEvent(concern=concern, at=_at(received, 10), by=by, to_status=S.RECEIVED)]
    status: str = S.RECEIVED
    fields: dict[str, object] = {}
    for to_status, after, handler, note in moves:
        at = _at(received + dt.timedelta(days=after), 14)
        events.append(
            ConcernEvent(
                concern=concern,
                at=at,
                by=handler,
                from_status=status,
                to_status=to_status,
                note=note,
            )
        )
        status = to_status
        fields["handler"] = handler
        if to_status == S.ACKNOWLEDGED:
            fields["acknowledged_at"] = at
        elif to_status == S.RESPONDED:
            fields["responded_at"] = at
        elif to_status == S.CLOSED:
            fields["closed_at"] = at
    ConcernEvent.objects.bulk_create(events)
    Concern.objects.filter(pk=concern.pk).update(status=status, **fields)
    concern.refresh_from_db()
    return concern


def build_feedback(org: Organisation) -> dict[str, int]:
    maya, lee, wendy, mary = _user("maya"), _user("lee"), _user("wendy"), _user("mary")
    ruth = Person.objects.get(organisation=org, user=_user("ruth"))
    kyle = Person.objects.get(organisation=org, user=_user("kyle"))
    willow = Service.objects.get(organisation=org, name="Willow House")
    hub = Service.objects.get(organisation=org, name="The Hub")
    home_care = Service.objects.get(organisation=org, name="North Leeds Home Care")
    made = [
        # Received ten days ago and not acknowledged: late, first on Lee's list.
        _concern(
            org,
            kind=ConcernKind.COMPLAINT,
            by=ruth.user,
            person=ruth,
            raiser=RaisedBy.PERSON,
            service=home_care,
            what="Nobody came to help me get up on Sunday morning. I waited until 11.",
            days_ago=10,
            how_i_feel="mood_sad",
            what_would_help="Someone to come at 9 like my plan says.",
        ),
        _concern(
            org,
            kind=ConcernKind.COMPLAINT,
            by=mary,
            person=kyle,
            raiser=RaisedBy.SUPPORTER,
            service=willow,
            what="Kyle's evening visits were late three times last week and he missed football.",
            days_ago=9,
            moves=[(S.ACKNOWLEDGED, 1, maya, "Offered to meet Kyle and Mary on Thursday.")],
            themes=["visit_times", "activities"],
        ),
        _concern(
            org,
            kind=ConcernKind.COMPLAINT,
            by=ruth.user,
            person=ruth,
            raiser=RaisedBy.PERSON,
            service=home_care,
            what="My carer left after ten minutes instead of staying for half an hour.",
            days_ago=25,
            themes=["care_and_support", "visit_times"],
            moves=[
                (S.ACKNOWLEDGED, 2, lee, "Talked it through with Ruth."),
                (S.INVESTIGATING, 4, lee, "Checking the visit times in the rota."),
            ],
        ),
        _concern(
            org,
            kind=ConcernKind.COMPLAINT,
            by=kyle.user,
            person=kyle,
            raiser=RaisedBy.PERSON,
            service=willow,
            what="My room was cleaned without asking me and my football cards were moved.",
            days_ago=40,
            themes=["choice_and_control", "dignity"],
            moves=[
                (S.ACKNOWLEDGED, 1, maya, "Said sorry and offered to talk."),
                (S.INVESTIGATING, 3, maya, ""),
                (S.RESPONDED, 20, maya, ""),
            ],
            upheld=Upheld.UPHELD,
            response=(
                "We spoke to the staff team. Nobody goes into your room without asking you "
                "first, and nobody moves your things. We have added this to your plan."
            ),
            response_easy_read="You were right. We will always ask before we go in your room.",
        ),
        _concern(
            org,
            kind=ConcernKind.COMPLAINT,
            by=ruth.user,
            person=ruth,
            raiser=RaisedBy.PERSON,
            service=home_care,
            what="The new carer did not know how I like my tea.",
            days_ago=90,
            themes=["care_and_support", "staffing"],
            moves=[
                (S.ACKNOWLEDGED, 2, lee, ""),
                (S.RESPONDED, 10, lee, ""),
                (S.CLOSED, 20, lee, "Ruth is happy with the answer."),
            ],
            upheld=Upheld.PARTLY,
            response="Every new carer now reads your one-page profile before their first visit.",
            response_easy_read="New carers read about you first.",
        ),
        _concern(
            org,
            kind=ConcernKind.COMPLIMENT,
            by=mary,
            person=kyle,
            raiser=RaisedBy.SUPPORTER,
            service=willow,
            about=About.WORKER,
            worker=wendy,
            what="Wendy made Kyle's birthday so special. Thank you.",
            days_ago=12,
            moves=[(S.ACKNOWLEDGED, 1, maya, "Passed on to Wendy.")],
            themes=["care_and_support"],
        ),
        _concern(
            org,
            kind=ConcernKind.COMPLIMENT,
            by=None,
            person=None,
            raiser=RaisedBy.ANONYMOUS,
            service=hub,
            what="The cooking group is the best part of my week.",
            days_ago=5,
        ),
        _concern(
            org,
            kind=ConcernKind.COMMENT,
            by=kyle.user,
            person=kyle,
            raiser=RaisedBy.PERSON,
            service=willow,
            what="Can the house meeting be on Tuesday? I have football on Wednesday.",
            days_ago=3,
            moves=[(S.ACKNOWLEDGED, 1, lee, "")],
            themes=["choice_and_control"],
        ),
    ]
    return {"comments, complaints and compliments": len(made)}
