"""Ready-made question sets in plain words, to start a vote or survey from.

Each is written in the first person where it asks about someone's own support, and every
answer has a picture. "Evaluating my service" asks the same outcome questions each time it
is run, so a service can see change over time (``run again`` copies it).

The words are translated into the organiser's language when the survey is written: what
is stored is what people are asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coproduce.voice.actions import OptionSpec, QuestionSpec
from coproduce.voice.models import QuestionKind, SurveyKind

Words = str | Promise


@dataclass(frozen=True)
class ReadyOption:
    label: Words
    easy_read_label: Words = ""
    symbol: str = ""
    is_none: bool = False


@dataclass(frozen=True)
class ReadyQuestion:
    kind: str
    text: Words
    easy_read_text: Words = ""
    options: tuple[ReadyOption, ...] = ()
    required: bool = True
    show_if: tuple[int, int] | None = None


@dataclass(frozen=True)
class ReadyMade:
    code: str
    name: Words
    description: Words
    kind: str
    title: Words
    intro: Words
    easy_read_intro: Words
    symbol: str
    questions: tuple[ReadyQuestion, ...] = field(default_factory=tuple)

    def question_specs(self) -> list[QuestionSpec]:
        return [
            QuestionSpec(
                kind=q.kind,
                text=str(q.text),
                easy_read_text=str(q.easy_read_text),
                required=q.required,
                show_if=q.show_if,
                options=[
                    OptionSpec(
                        label=str(o.label),
                        easy_read_label=str(o.easy_read_label),
                        symbol=o.symbol,
                        is_none=o.is_none,
                    )
                    for o in q.options
                ],
            )
            for q in self.questions
        ]


YES_NO = (
    ReadyOption(_("Yes"), symbol="yes"),
    ReadyOption(_("Sometimes"), symbol="not_sure"),
    ReadyOption(_("No"), symbol="no"),
)


def _score(text: Words, easy: Words) -> ReadyQuestion:
    return ReadyQuestion(QuestionKind.SCORE, text, easy)


READY_MADE: tuple[ReadyMade, ...] = (
    ReadyMade(
        code="evaluating_my_service",
        name=_("Evaluating my service"),
        description=_(
            "The same outcome questions each time, in the first person, so a service can see "
            "change over time. Run it again every few months."
        ),
        kind=SurveyKind.SURVEY,
        title=_("How is my service doing?"),
        intro=_("Tell us how your support is going for you. It takes about 5 minutes."),
        easy_read_intro=_("Tell us how your support is going."),
        symbol="good",
        questions=(
            _score(_("I choose who supports me"), _("I choose who helps me.")),
            _score(_("I choose when and how I am supported"), _("I choose when I get help.")),
            _score(_("I feel listened to"), _("People listen to me.")),
            _score(_("I do things that matter to me"), _("I do things I like.")),
            _score(_("I feel safe where I live"), _("I feel safe at home.")),
            _score(_("I see the people who matter to me"), _("I see my friends and family.")),
            ReadyQuestion(
                QuestionKind.OPEN,
                _("What one thing would make your support better?"),
                _("What would make your help better?"),
                required=False,
            ),
        ),
    ),
    ReadyMade(
        code="care_experience",
        name=_("My care experience"),
        description=_("How support feels day to day: kind, on time, done the way I like."),
        kind=SurveyKind.SURVEY,
        title=_("How does your support feel?"),
        intro=_("A few questions about your support this month."),
        easy_read_intro=_("Tell us about your help this month."),
        symbol="happy",
        questions=(
            _score(_("How happy are you with your support?"), _("Are you happy with your help?")),
            ReadyQuestion(
                QuestionKind.CHOICE,
                _("Do your workers support you the way you like?"),
                _("Do your workers help you the way you like?"),
                options=YES_NO,
            ),
            ReadyQuestion(
                QuestionKind.OPEN,
                _("What could we do differently?"),
                _("What should we change?"),
                required=False,
                show_if=(1, 2),
            ),
        ),
    ),
    ReadyMade(
        code="activities",
        name=_("Activities"),
        description=_("A quick vote on what to do next, with a picture for every answer."),
        kind=SurveyKind.VOTE,
        title=_("What shall we do next month?"),
        intro=_("Choose the activity you would most like to do."),
        easy_read_intro=_("Choose what you want to do."),
        symbol="choose",
        questions=(
            ReadyQuestion(
                QuestionKind.CHOICE,
                _("What would you like to do next month?"),
                _("What do you want to do?"),
                options=(
                    ReadyOption(_("Go swimming"), _("Swimming"), "swimming"),
                    ReadyOption(_("A film night"), _("Film night"), "film"),
                    ReadyOption(_("Cooking together"), _("Cooking"), "cooking"),
                    ReadyOption(_("A day out on the train"), _("Train trip"), "train"),
                ),
            ),
        ),
    ),
    ReadyMade(
        code="staff_practice",
        name=_("Staff practice"),
        description=_("What people think of how staff work with them."),
        kind=SurveyKind.SURVEY,
        title=_("How do our staff work with you?"),
        intro=_("Tell us what staff do well and what they could do better."),
        easy_read_intro=_("Tell us about the staff who help you."),
        symbol="worker",
        questions=(
            ReadyQuestion(
                QuestionKind.CHOICE,
                _("Do staff ask you before they do things?"),
                _("Do staff ask you first?"),
                options=YES_NO,
            ),
            ReadyQuestion(
                QuestionKind.CHOICE,
                _("Do staff explain things in a way you understand?"),
                _("Do staff explain things well?"),
                options=YES_NO,
            ),
            ReadyQuestion(
                QuestionKind.OPEN,
                _("What do staff do well?"),
                _("What do staff do well?"),
                required=False,
            ),
        ),
    ),
    ReadyMade(
        code="service_design",
        name=_("Service design"),
        description=_("Put a change to the service as a proposal people can agree with or block."),
        kind=SurveyKind.SURVEY,
        title=_("A change to how our service works"),
        intro=_("We want to change something. Tell us what you think before we decide."),
        easy_read_intro=_("We want to change something. What do you think?"),
        symbol="change",
        questions=(
            ReadyQuestion(
                QuestionKind.PROPOSAL,
                _("Do you agree with the change?"),
                _("Do you agree?"),
            ),
            ReadyQuestion(
                QuestionKind.OPEN,
                _("Is there anything we should think about?"),
                _("Is there anything else?"),
                required=False,
            ),
        ),
    ),
    ReadyMade(
        code="strategic_question",
        name=_("A strategic question"),
        description=_("Ask everyone what matters most for the organisation's next years."),
        kind=SurveyKind.SURVEY,
        title=_("What should matter most to us?"),
        intro=_("Help us decide what the organisation works on next."),
        easy_read_intro=_("Help us choose what to work on."),
        symbol="important",
        questions=(
            ReadyQuestion(
                QuestionKind.RANKED,
                _("Put these in order: the most important first"),
                _("What is most important?"),
                options=(
                    ReadyOption(
                        _("More choice of who supports me"), _("Choose my workers"), "choose"
                    ),
                    ReadyOption(_("More to do in the evenings"), _("Things to do"), "music"),
                    ReadyOption(_("Help to find work"), _("Work"), "computer"),
                    ReadyOption(_("Better homes"), _("Homes"), "home"),
                ),
            ),
            ReadyQuestion(
                QuestionKind.OPEN,
                _("Anything else we should work on?"),
                _("Anything else?"),
                required=False,
            ),
        ),
    ),
)

BY_CODE = {ready.code: ready for ready in READY_MADE}
