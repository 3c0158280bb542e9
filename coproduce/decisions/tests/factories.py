"""Factories for the decisions ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.accounts.viewer import viewer_for
from coproduce.core.models import VoiceHow
from coproduce.decisions.actions import decision_record
from coproduce.decisions.models import Decision, Rung


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision about a person, written straight to the table (for bulk set-ups)."""

    class Meta:
        model = Decision
        skip_postgeneration_save = True

    organisation = factory.LazyAttribute(lambda o: o.person.organisation if o.person else None)
    person = None
    service = None
    what = factory.Sequence(lambda n: f"Decision {n}: change the day of the house meeting")
    person_took_part = True
    person_view = "I want Tuesdays."
    voice_how = VoiceHow.TYPED
    rung = Rung.CO_PRODUCTION
    decided_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=3))

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.participants.set(extracted)


def record_decision(recorder: User, **overrides: Any) -> Decision:
    """Record a decision through the real action, as ``recorder`` in their organisation."""
    organisation = overrides.pop("organisation", None)
    if organisation is None:
        about = overrides.get("person") or overrides.get("service")
        organisation = about.organisation
    arguments: dict[str, Any] = {
        "what": "Kyle moves his day at the allotment to Thursdays.",
        "person_took_part": True,
        "participants": [],
        "other_participants": "",
        "person_view": "I like Thursdays because my friend is there.",
        "voice_how": VoiceHow.TYPED,
        "voice_helper": None,
        "rung": Rung.CO_PRODUCTION,
        "decided_on": timezone.localdate() - dt.timedelta(days=1),
    }
    arguments.update(overrides)
    return decision_record(viewer=viewer_for(recorder, organisation), **arguments)
