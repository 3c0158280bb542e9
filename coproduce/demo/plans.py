"""Support plans for the people in the small demo: Ruth, Kyle and Josie.

- Ruth: every part spoken in her own words and written down by Omar; she said yes to the
  plan and Omar recorded it, over a year ago, so its review is overdue.
- Kyle: written with Wendy, his keyworker; one part Wendy suggested is not yet agreed,
  one Kyle wants changed, and his week has swimming, college and cooking.
- Josie: typed every part herself and ticked to agree the plan.

Rows are written directly, as the rest of the small demo is (see ``profiles.py``): the
actions would add audit entries, and the append-only audit log would then stop the demo
being reset. The rows are the ones the actions would write: every entry has its kept
revision and its entry in the decisions ledger, with the rung the actions would give.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from coproduce.accounts.models import Organisation, User
from coproduce.core.models import VoiceHow
from coproduce.decisions.models import Decision
from coproduce.demo.personas import PERSONAS_BY_KEY
from coproduce.people.models import Person, StaffProfile
from coproduce.plans.business_rules import entry_rung
from coproduce.plans.models import (
    Agreement,
    PlanEntry,
    PlanEntryRevision,
    SupportPlan,
    a_year_from,
)


def _user(key: str) -> User:
    return User.objects.get(email=PERSONAS_BY_KEY[key].email)


def _person(org: Organisation, key: str) -> Person:
    return Person.objects.get(organisation=org, user=_user(key))


def _entry(
    plan: SupportPlan,
    *,
    section: str,
    text: str,
    how: str,
    actor: User,
    helper: User | None = None,
    agreement: str = Agreement.AGREED,
    comment: str = "",
    days_ago: int = 20,
    **words: Any,
) -> PlanEntry:
    when = timezone.now() - dt.timedelta(days=days_ago)
    rung, took_part = entry_rung(voice_how=how)
    decision = Decision.objects.create(
        organisation=plan.organisation,
        person=plan.person,
        what=f"Support plan, {section} (added): {text}"[:2000],
        person_took_part=took_part,
        person_view=text if how else "",
        voice_how=how,
        voice_helper=helper,
        voice_recorded_by=actor if how else None,
        voice_recorded_at=when,
        rung=rung,
        decided_on=when.date(),
        recorded_by=actor,
        created_at=when,
    )
    entry = PlanEntry.objects.create(
        plan=plan,
        section=section,
        text=text,
        voice_how=how,
        voice_helper=helper,
        voice_recorded_by=actor if how else None,
        voice_recorded_at=when,
        agreement=agreement,
        person_comment=comment,
        response_how=VoiceHow.SPOKEN if comment else "",
        response_recorded_by=actor if comment else None,
        response_at=when if comment else None,
        decision=decision,
        created_by=actor,
        created_at=when,
        updated_at=when,
        **words,
    )
    Decision.objects.filter(pk=decision.pk).update(
        subject_type=ContentType.objects.get_for_model(PlanEntry), subject_id=entry.pk
    )
    PlanEntryRevision.objects.create(
        entry=entry,
        version=1,
        kind=PlanEntryRevision.Kind.ADDED,
        text=text,
        voice_how=how,
        voice_helper=helper,
        voice_recorded_by=entry.voice_recorded_by,
        voice_recorded_at=when,
        how_i_will_know=entry.how_i_will_know,
        weekday=entry.weekday,
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        flexible=entry.flexible,
        agreement=agreement,
        person_comment=comment,
        changed_by=actor,
        changed_at=when,
    )
    return entry


def _team_worker(person: Person, gender: str) -> str:
    """Return the first name of a support worker of the person's services with that gender.

    The plan's "who" names people on the person's team, so the names are taken from it.
    """
    worker = (
        StaffProfile.objects.filter(
            organisation=person.organisation,
            gender=gender,
            user__memberships__role="support_worker",
            user__memberships__ended_at__isnull=True,
            user__memberships__services__in=person.services.all(),
        )
        .select_related("user")
        .order_by("user__name", "pk")
        .first()
    )
    if worker is None:
        raise ValueError(f"The demo has no {gender} worker on {person.preferred_name}'s team")
    return worker.user.name.split(" ")[0]


def _plan(person: Person, *, started_days_ago: int) -> SupportPlan:
    started = timezone.localdate() - dt.timedelta(days=started_days_ago)
    return SupportPlan.objects.create(
        organisation=person.organisation,
        person=person,
        review_due_on=a_year_from(started),
        created_at=timezone.now() - dt.timedelta(days=started_days_ago),
    )


def _agree(plan: SupportPlan, *, how: str, voice: str, by: User, days_ago: int) -> None:
    when = timezone.now() - dt.timedelta(days=days_ago)
    plan.status = SupportPlan.Status.AGREED
    plan.agreed_at = when
    plan.agreed_how = how
    plan.voice_how = voice
    plan.voice_recorded_by = by
    plan.voice_recorded_at = when
    plan.save()


def build_support_plans(org: Organisation) -> dict[str, int]:
    """Write the support plans of Ruth, Kyle and Josie; return how many entries were made."""
    omar, wendy = _user("omar"), _user("wendy")
    spoken, supported, typed = VoiceHow.SPOKEN, VoiceHow.SUPPORTED, VoiceHow.TYPED
    entries = 0

    ruth = _plan(_person(org, "ruth"), started_days_ago=400)
    # Ruth wants a woman for personal care (her profile says so): Omar does not help her wash.
    ruth_helper = _team_worker(ruth.person, StaffProfile.Gender.WOMAN)
    ruth_parts: list[tuple[str, str, dict[str, Any]]] = [
        ("what", "Stay in my own home with Pickles.", {"how_i_will_know": "I am still here."}),
        ("where", "At home, and in the garden when it is fine.", {}),
        (
            "who",
            f"{ruth_helper} to help me wash and dress: I want a woman for that. "
            "Omar for my breakfast and a chat. People I know, not new faces.",
            {},
        ),
        ("when", "Morning visit: getting up and breakfast.", {"weekday": 0}),
        ("how", "Let me do what I can myself. Put the kettle on first.", {}),
    ]
    for section, text, extra in ruth_parts:
        if section == "when":
            for day in range(7):
                _entry(
                    ruth,
                    section="when",
                    text=text,
                    how=spoken,
                    actor=omar,
                    days_ago=400,
                    weekday=day,
                    starts_at=dt.time(8, 0),
                    ends_at=dt.time(9, 0),
                )
                entries += 1
            continue
        _entry(ruth, section=section, text=text, how=spoken, actor=omar, days_ago=400, **extra)
        entries += 1
    _agree(ruth, how=SupportPlan.AgreedHow.RECORDED_YES, voice=spoken, by=omar, days_ago=395)

    kyle = _plan(_person(org, "kyle"), started_days_ago=30)
    _entry(
        kyle,
        section="what",
        text="Learn to cook three meals by myself.",
        how=supported,
        helper=wendy,
        actor=wendy,
        how_i_will_know="I cook tea for my mum and she likes it.",
    )
    _entry(
        kyle,
        section="what",
        text="Go swimming every week.",
        how=spoken,
        actor=wendy,
        how_i_will_know="I can swim a length without stopping.",
    )
    _entry(
        kyle,
        section="where",
        text="At Willow House, and at The Hub in the day.",
        how=spoken,
        actor=wendy,
    )
    _entry(
        kyle,
        section="who",
        text="Wendy, and people who like football.",
        how=supported,
        helper=wendy,
        actor=wendy,
        agreement=Agreement.CHANGED,
        comment="Not only football. Music too.",
    )
    for day, start, end, text in [
        (0, dt.time(9, 30), dt.time(15, 0), "The Hub"),
        (1, dt.time(10, 0), dt.time(12, 0), "Swimming at the leisure centre"),
        (2, dt.time(9, 30), dt.time(15, 0), "The Hub"),
        (3, dt.time(17, 0), dt.time(18, 30), "Cooking tea with Wendy"),
    ]:
        _entry(
            kyle,
            section="when",
            text=text,
            how=spoken,
            actor=wendy,
            weekday=day,
            starts_at=start,
            ends_at=end,
        )
        entries += 1
    _entry(
        kyle,
        section="when",
        text="Seeing my mum at weekends.",
        how=spoken,
        actor=wendy,
        flexible=True,
    )
    _entry(
        kyle,
        section="how",
        text="Show me, then let me try. Use pictures for new things.",
        how=supported,
        helper=wendy,
        actor=wendy,
    )
    _entry(
        kyle,
        section="how",
        text="A reminder on my phone before I go out.",
        how="",
        actor=wendy,
        agreement=Agreement.NOT_YET_AGREED,
        days_ago=2,
    )
    entries += 7

    josie = _plan(_person(org, "josie"), started_days_ago=90)
    josie_user = _user("josie")
    josie_worker = _team_worker(josie.person, StaffProfile.Gender.WOMAN)
    josie_parts: list[tuple[str, str, dict[str, Any]]] = [
        ("what", "Get a paid job in a café.", {"how_i_will_know": "I get my first wage."}),
        ("where", "Beech House, and out in town.", {}),
        ("who", f"Staff who let me lead, like {josie_worker}. My sister Nisha when she can.", {}),
        ("when", "Job club", {"weekday": 4, "starts_at": dt.time(13), "ends_at": dt.time(15)}),
        ("how", "Ask me first. Do not talk over me.", {}),
    ]
    for section, text, extra in josie_parts:
        _entry(josie, section=section, text=text, how=typed, actor=josie_user, days_ago=90, **extra)
        entries += 1
    _agree(josie, how=SupportPlan.AgreedHow.TICK, voice=typed, by=josie_user, days_ago=88)

    return {"support plans": 3, "support plan entries": entries}
