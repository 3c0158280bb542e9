"""What people said that can lead to a "you said, we did" change, read the same way
whatever it was: a comment, complaint or compliment, an idea, a vote or survey, a "this is
not working" flag. For each: the service it was about, when it was said, and who raised it
(to tell them at each step of the change), found in the organisation only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from coproduce.accounts.models import User
from coproduce.feedback.models import Concern, SourceKind
from coproduce.plans.models import NotWorkingFlag
from coproduce.voice.models import Idea, Survey
from coproduce.voice.organise.queries import answered_users
from coproduce.voice.queries import survey_service_ids


@dataclass(frozen=True)
class Source:
    kind: str
    object_id: int
    raised_on: dt.date
    service_id: int | None
    raisers: list[User] = field(default_factory=list)


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def source_of(organisation_id: int, kind: str, object_id: int) -> Source | None:
    """The source, or None when the organisation has no such thing."""
    if kind == SourceKind.CONCERN:
        concern = Concern.objects.filter(organisation_id=organisation_id, pk=object_id).first()
        if concern is None:
            return None
        return Source(
            kind,
            object_id,
            concern.received_on,
            concern.service_id,
            [concern.raised_by] if concern.raised_by is not None else [],
        )
    if kind == SourceKind.IDEA:
        idea = (
            Idea.objects.filter(organisation_id=organisation_id, pk=object_id)
            .select_related("author", "person__user")
            .first()
        )
        if idea is None:
            return None
        raisers = [idea.author] if idea.author is not None else []
        if idea.person is not None and idea.person.user is not None:
            raisers.append(idea.person.user)
        return Source(kind, object_id, _day(idea.created_at), idea.service_id, raisers)
    if kind == SourceKind.SURVEY:
        survey = Survey.objects.filter(organisation_id=organisation_id, pk=object_id).first()
        if survey is None:
            return None
        ids = sorted(survey_service_ids(survey))
        service_id = ids[0] if len(ids) == 1 and not survey.whole_organisation else None
        return Source(
            kind,
            object_id,
            _day(survey.opens_at or survey.created_at),
            service_id,
            answered_users(survey),
        )
    if kind == SourceKind.FLAG:
        flag = (
            NotWorkingFlag.objects.filter(organisation_id=organisation_id, pk=object_id)
            .select_related("person__user")
            .first()
        )
        if flag is None:
            return None
        first = flag.person.services.order_by("pk").values_list("pk", flat=True).first()
        raisers = [flag.person.user] if flag.person.user is not None else []
        return Source(kind, object_id, _day(flag.created_at), first, raisers)
    return None
