"""The calendar invitation for the time a meeting-time poll chose (``icalendar``)."""

from __future__ import annotations

import datetime as dt

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from coproduce.voice.models import Option, Survey

DEFAULT_LENGTH = dt.timedelta(hours=1)


def invitation_ics(survey: Survey, slot: Option) -> bytes:
    """One event: the survey's title at the chosen time, with the outcome's words and a
    link back. It carries nothing about who answered."""
    assert slot.starts_at is not None
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Coproduce//Votes and surveys//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"survey-{survey.pk}-slot-{slot.pk}@coproduce")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at or slot.starts_at + DEFAULT_LENGTH)
    event.add("summary", survey.title)
    link = settings.SITE_URL.rstrip("/") + reverse("voice:detail", kwargs={"survey_id": survey.pk})
    event.add("description", f"{survey.outcome}\n\n{link}".strip())
    event.add("url", link)
    calendar.add_component(event)
    return calendar.to_ical()
