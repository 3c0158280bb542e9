"""Background work for organisers: tell everyone who answered the outcome, and remind
those who have not answered a survey closing within a day."""

from __future__ import annotations

from django.db import transaction
from django.tasks import task
from django.urls import reverse

from coproduce.accounts.models import User
from coproduce.accounts.notifications.actions import notifications_send
from coproduce.core.jinja2 import date_uk
from coproduce.voice.models import Survey
from coproduce.voice.notifications import SURVEY_CLOSING, SURVEY_OUTCOME
from coproduce.voice.organise.queries import answered_users, not_answered_users


@task()
def tell_outcome(survey_id: int, actor_id: int | None = None) -> None:
    """Tell everyone who answered what happens next (each once, in their own page mode
    and language when they read it)."""
    survey = Survey.objects.select_related("organisation").filter(pk=survey_id).first()
    if survey is None or not survey.outcome:
        return
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    with transaction.atomic():
        notifications_send(
            organisation=survey.organisation,
            recipients=answered_users(survey),
            kind=SURVEY_OUTCOME.code,
            target=reverse("voice:detail", kwargs={"survey_id": survey.pk}),
            key=f"survey_outcome:{survey.pk}",
            params={"title": survey.title},
            actor=actor,
        )


@task()
def send_closing_reminders(survey_id: int) -> None:
    """Remind everyone asked who has not answered that the survey closes soon."""
    survey = Survey.objects.select_related("organisation").filter(pk=survey_id).first()
    if survey is None or not survey.is_open:
        return
    with transaction.atomic():
        notifications_send(
            organisation=survey.organisation,
            recipients=not_answered_users(survey),
            kind=SURVEY_CLOSING.code,
            target=reverse("voice:answer", kwargs={"survey_id": survey.pk}),
            key=f"survey_closing:{survey.pk}",
            params={"title": survey.title, "closes_on": date_uk(survey.closes_at)},
        )
