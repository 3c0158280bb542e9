"""Votes, surveys and consultations, their answers and running totals, and ideas.

A ``Survey`` holds one question (a quick vote) or several (a survey, a consultation).
Each submission is a ``Response`` with its ``Answer`` rows; ``Participation`` says only
who has answered, to stop double voting and to tell them the outcome. For an anonymous
survey the response names nobody and nothing joins it to the participation: no foreign
key, random keys on both, and no time finer than the day (ADR 0020).

``Tally`` rows are the running totals, written in the answer's own transaction and split
into shards so that answers arriving together do not queue on one row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coproduce.accounts.models import Organisation, Service
from coproduce.core.models import VoiceProvenance


class SurveyKind(models.TextChoices):
    VOTE = "vote", _("Quick vote")
    SURVEY = "survey", _("Survey")
    CONSULTATION = "consultation", _("Consultation")


class ResultsShown(models.TextChoices):
    ALWAYS = "always", _("At any time")
    AFTER_ANSWER = "after_answer", _("After they answer")
    AFTER_CLOSE = "after_close", _("After it closes")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Not open yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Survey(models.Model):
    """A quick vote, a survey or a consultation, and who is asked."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=SurveyKind.choices, default=SurveyKind.VOTE)
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    easy_read_intro = models.TextField(blank=True)
    # A consultation's text: the plan or strategy people are asked about.
    document = models.TextField(blank=True)
    document_easy_read = models.TextField(blank=True)
    # The ready-made set it started from (``coproduce.voice.ready_made``), if any.
    template = models.CharField(max_length=40, blank=True)

    # Who is asked. Choosing an area stores its services; ``areas`` keeps the names.
    whole_organisation = models.BooleanField(default=False)
    services = models.ManyToManyField(Service, blank=True, related_name="+")
    areas = models.JSONField(default=list, blank=True)
    ask_people = models.BooleanField(default=True)
    ask_supporters = models.BooleanField(default=False)
    ask_staff = models.BooleanField(default=False)

    anonymous = models.BooleanField(default=False)
    results_shown = models.CharField(
        max_length=16, choices=ResultsShown.choices, default=ResultsShown.AFTER_ANSWER
    )
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    outcome = models.TextField(blank=True)
    outcome_easy_read = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A meeting-time poll's chosen slot, sent as a calendar invitation with the outcome.
    chosen_slot = models.ForeignKey(
        "Option", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="voice_survey_one_per_key",
            )
        ]
        indexes = [models.Index(fields=["organisation", "closed_at", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def status_at(self, now: object | None = None) -> str:
        now = now or timezone.now()
        if self.closed_at is not None or self.closes_at <= now:  # type: ignore[operator]
            return SurveyStatus.CLOSED
        if self.opens_at is None or self.opens_at > now:  # type: ignore[operator]
            return SurveyStatus.DRAFT
        return SurveyStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return str(SurveyStatus(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == SurveyStatus.CLOSED


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("Choose one")
    CHOICES = "choices", _("Choose one or more")
    PROPOSAL = "proposal", _("A proposal: agree, abstain, disagree or block")
    SCORE = "score", _("A score: faces from 1 to 5")
    RANKED = "ranked", _("Put in order")
    DOTS = "dots", _("Share out dots")
    MEETING = "meeting", _("When can you meet?")
    OPEN = "open", _("Say it in your own words (long)")
    SHORT = "short", _("A short answer in words")


# Kinds whose answers are options; the rest are words.
OPTION_KINDS = frozenset(
    {
        QuestionKind.CHOICE,
        QuestionKind.CHOICES,
        QuestionKind.PROPOSAL,
        QuestionKind.SCORE,
        QuestionKind.RANKED,
        QuestionKind.DOTS,
        QuestionKind.MEETING,
    }
)
TEXT_KINDS = frozenset({QuestionKind.OPEN, QuestionKind.SHORT})


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    text = models.CharField(max_length=300)
    easy_read_text = models.CharField(max_length=300, blank=True)
    help_text = models.CharField(max_length=400, blank=True)
    required = models.BooleanField(default=True)
    # A dot vote's dots to share out.
    dots = models.PositiveSmallIntegerField(default=0)
    # Shown only when an earlier answer chose this option.
    show_if_option = models.ForeignKey(
        "Option", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["survey", "position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind in OPTION_KINDS


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(max_length=200)
    easy_read_label = models.CharField(max_length=200, blank=True)
    # A picture from ``coproduce.core.symbols``.
    symbol = models.CharField(max_length=40, blank=True)
    # The fixed answers of a proposal ("agree", "abstain", "disagree", "block") and of a
    # score ("1" to "5"); empty for the organiser's own answers.
    code = models.CharField(max_length=16, blank=True)
    # "None of these": chosen alone, never with another option.
    is_none = models.BooleanField(default=False)
    # A meeting-time poll's slot.
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.label


class Respondent(models.TextChoices):
    PERSON = "person", _("People supported")
    SUPPORTER = "supporter", _("Supporters")
    STAFF = "staff", _("Staff")


class Response(VoiceProvenance):
    """One submission. Anonymous: ``person``, ``user`` and ``created_at`` stay empty."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=16, choices=Respondent.choices)
    # For breakdowns, shown only for groups of five or more.
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    area = models.CharField(max_length=120, blank=True)
    submitted_on = models.DateField()
    created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["survey", "submitted_on"])]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # A proposal's reason, or the words of an open or short answer.
    text = models.TextField(blank=True)
    # Ranked: the place (1 is first). Dots: how many. Meeting: 2 yes, 1 maybe, 0 no.
    value = models.SmallIntegerField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["question", "option"]),
            # The newest written answers to a question, for the results page.
            models.Index(fields=["question", "id"], name="voice_answer_newest"),
        ]

    def __str__(self) -> str:
        return f"An answer to question {self.question_id}"


class Participation(models.Model):
    """Who has answered a survey, kept apart from what they answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    # "person:<id>" or "user:<id>": one answer each.
    respondent_key = models.CharField(max_length=40)
    # Who to tell the outcome (a person without a sign-in is told through their supporters).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent_key"], name="voice_one_answer_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.respondent_key} answered survey {self.survey_id}"


class Tally(models.Model):
    """A running total: how many answers chose an option (``question_id`` 0 counts the
    survey's responses), in one breakdown (``dimension``: "" for everyone,
    "service:<id>", "area:<name>" or "role:<role>"), in one of a few shards."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    question_id = models.BigIntegerField(default=0)
    option_id = models.BigIntegerField(default=0)
    value = models.SmallIntegerField(default=0)
    dimension = models.CharField(max_length=140, default="", blank=True)
    shard = models.SmallIntegerField(default=0)
    count = models.IntegerField(default=0)
    # Ranked choice: points (first of n gets n); dots: dots given.
    points = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question_id", "option_id", "value", "dimension", "shard"],
                name="voice_tally_key",
            )
        ]
        # The results page reads one breakdown of a survey at a time.
        indexes = [
            models.Index(
                fields=["survey", "dimension", "question_id", "option_id", "value"],
                name="voice_tally_read",
            )
        ]

    def __str__(self) -> str:
        return f"Survey {self.survey_id} {self.question_id}/{self.option_id}: {self.count}"


class IdeaStatus(models.TextChoices):
    NEW = "new", _("Waiting for an answer")
    THINKING = "thinking", _("We are thinking about it")
    YES = "yes", _("Yes, we will do it")
    NOT_POSSIBLE = "not_possible", _("We cannot do it")


IDEA_STATUS_EASY_READ: dict[str, str | Promise] = {
    IdeaStatus.NEW: _("No answer yet."),
    IdeaStatus.THINKING: _("We are thinking about it."),
    IdeaStatus.YES: _("Yes. We will do it."),
    IdeaStatus.NOT_POSSIBLE: _("We cannot do it. We say why."),
}


class Idea(VoiceProvenance):
    """An idea put forward by a person supported, a supporter or a member of staff."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The service it is about, if any (its managers answer it).
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The person supported whose idea it is, when it is theirs.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=16, choices=Respondent.choices)
    title = models.CharField(max_length=120)
    text = models.TextField(blank=True)
    picture = models.ImageField(upload_to="ideas/", blank=True)
    picture_description = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=IdeaStatus.choices, default=IdeaStatus.NEW)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    me_too_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    idempotency_key = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="voice_idea_one_per_key",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status", "created_at"])]

    def __str__(self) -> str:
        return self.title


class MeToo(models.Model):
    """Someone says "me too" to an idea: once each."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="me_toos")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="voice_me_too_once")]

    def __str__(self) -> str:
        return f"Me too: idea {self.idea_id}"
