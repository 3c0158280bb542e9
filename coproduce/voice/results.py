"""The results of a vote or survey, from the running totals, in the shapes pages show:
each answer's count and share, a one-sentence summary per question, and breakdowns by
service, area or role for groups of at least ``SMALL_GROUP`` answers only.

Reading the results asks the database a fixed number of times whatever the number of
answers: one grouped read of the totals, one of the questions and their answers, and
with the words one short read per written-answer question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coproduce.accounts.models import Service
from coproduce.voice.answering import MEETING_MAYBE, MEETING_NO, MEETING_YES
from coproduce.voice.models import Answer, Question, QuestionKind, Survey
from coproduce.voice.tally import EVERYONE, RESPONSES, Count, Key, group_sizes, totals
from coproduce.voice.words import option_label, question_text

# Breakdowns show only groups with at least this many answers, so nobody is recognised.
SMALL_GROUP = 5
WORDS_SHOWN = 50


@dataclass
class OptionResult:
    option_id: int
    label: str
    symbol: str
    count: int
    share: int  # whole per cent of those who answered the question
    points: int = 0
    code: str = ""
    # A meeting time's yes / maybe / no.
    yes: int = 0
    maybe: int = 0
    no: int = 0


@dataclass
class QuestionResult:
    question: Question
    text: str
    answered: int
    options: list[OptionResult] = field(default_factory=list)
    summary: str = ""
    average: float | None = None
    words: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def bar_values(self) -> list[tuple[str, int, str]]:
        """(label, value, value in words) for the chart."""
        if self.kind in (QuestionKind.RANKED, QuestionKind.DOTS):
            unit = _("points") if self.kind == QuestionKind.RANKED else _("dots")
            return [(o.label, o.points, f"{o.points} {unit}") for o in self.options]
        if self.kind == QuestionKind.MEETING:
            return [
                (
                    o.label,
                    o.yes,
                    _("%(yes)s yes, %(maybe)s maybe") % {"yes": o.yes, "maybe": o.maybe},
                )
                for o in self.options
            ]
        return [(o.label, o.count, f"{o.count} ({o.share}%)") for o in self.options]


@dataclass
class SurveyResults:
    survey: Survey
    responses: int
    questions: list[QuestionResult]

    @property
    def headline(self) -> str:
        """The sentence announced when answers arrive."""
        count = ngettext("%(n)s answer so far.", "%(n)s answers so far.", self.responses) % {
            "n": self.responses
        }
        first = next((q.summary for q in self.questions if q.summary and q.options), "")
        return f"{count} {first}".strip()


def _share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _summary(result: QuestionResult) -> str:
    kind = result.kind
    n = result.answered
    if n == 0:
        return _("Nobody has answered this question yet.")
    options = result.options
    if kind in (QuestionKind.OPEN, QuestionKind.SHORT):
        return ngettext("%(n)s person wrote an answer.", "%(n)s people wrote an answer.", n) % {
            "n": n
        }
    if kind == QuestionKind.SCORE and result.average is not None:
        return _("The average score is %(average)s out of 5, from %(n)s answers.") % {
            "average": f"{result.average:.1f}",
            "n": n,
        }
    if kind == QuestionKind.PROPOSAL:
        counts = dict.fromkeys(("agree", "abstain", "disagree", "block"), 0)
        for option in options:
            if option.code in counts:
                counts[option.code] = option.count
        return (
            _(
                "%(agree)s agree, %(abstain)s do not mind, %(disagree)s disagree and "
                "%(block)s would block it."
            )
            % counts
        )
    if kind == QuestionKind.RANKED:
        top = max(options, key=lambda o: o.points)
        return _("%(label)s comes first overall, with %(points)s points.") % {
            "label": top.label,
            "points": top.points,
        }
    if kind == QuestionKind.DOTS:
        top = max(options, key=lambda o: o.points)
        total = sum(o.points for o in options)
        return _("%(label)s has the most dots: %(points)s of %(total)s.") % {
            "label": top.label,
            "points": top.points,
            "total": total,
        }
    if kind == QuestionKind.MEETING:
        top = max(options, key=lambda o: (o.yes, o.maybe))
        return _("%(label)s suits the most people: %(yes)s yes and %(maybe)s maybe.") % {
            "label": top.label,
            "yes": top.yes,
            "maybe": top.maybe,
        }
    top_count = max(o.count for o in options)
    leaders = [o for o in options if o.count == top_count]
    if len(leaders) > 1:
        return _("%(labels)s have the same number of answers: %(count)s each, of %(n)s.") % {
            "labels": _(" and ").join(o.label for o in leaders),
            "count": top_count,
            "n": n,
        }
    return _("%(label)s has the most answers: %(count)s of %(n)s (%(share)s%%).") % {
        "label": leaders[0].label,
        "count": top_count,
        "n": n,
        "share": leaders[0].share,
    }


def _question_result(
    question: Question, found: dict[Key, Count], easy_read: bool
) -> QuestionResult:
    q = question.pk
    answered = found.get((q, 0, 0), Count()).count
    result = QuestionResult(
        question=question, text=question_text(question, easy_read), answered=answered
    )
    score_total = 0
    for option in question.options.all():
        if question.kind == QuestionKind.MEETING:
            yes = found.get((q, option.pk, MEETING_YES), Count()).count
            maybe = found.get((q, option.pk, MEETING_MAYBE), Count()).count
            no = found.get((q, option.pk, MEETING_NO), Count()).count
            result.options.append(
                OptionResult(
                    option.pk,
                    option_label(option, easy_read),
                    option.symbol,
                    yes,
                    _share(yes, answered),
                    yes=yes,
                    maybe=maybe,
                    no=no,
                )
            )
            continue
        count = found.get((q, option.pk, 0), Count())
        result.options.append(
            OptionResult(
                option.pk,
                option_label(option, easy_read),
                option.symbol,
                count.count,
                _share(count.count, answered),
                points=count.points,
                code=option.code,
            )
        )
        if question.kind == QuestionKind.SCORE and option.code.isdigit():
            score_total += int(option.code) * count.count
    if question.kind == QuestionKind.SCORE and answered:
        result.average = score_total / answered
    result.summary = _summary(result)
    return result


def survey_questions(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("options").order_by("position", "pk"))


def survey_results(
    survey: Survey,
    *,
    questions: Sequence[Question] | None = None,
    dimension: str = EVERYONE,
    easy_read: bool = False,
    with_words: bool = False,
) -> SurveyResults:
    """Return the results for everyone (or one breakdown group)."""
    if questions is None:
        questions = survey_questions(survey)
    found = totals(survey.pk, dimension)
    built = results_from_totals(survey, questions, found, easy_read=easy_read)
    results = built.questions
    if with_words:
        text_ids = [
            r.question.pk for r in results if r.kind in (QuestionKind.OPEN, QuestionKind.SHORT)
        ]
        # One short read per text question (a survey has a handful), each walking the
        # (question, id) index backwards, so the newest words come quickly however many
        # answers there are.
        for result in results:
            if result.question.pk in text_ids:
                result.words = list(
                    Answer.objects.filter(question_id=result.question.pk)
                    .exclude(text="")
                    .order_by("-pk")
                    .values_list("text", flat=True)[:WORDS_SHOWN]
                )
    return built


def results_from_totals(
    survey: Survey,
    questions: Sequence[Question],
    found: dict[Key, Count],
    *,
    easy_read: bool = False,
) -> SurveyResults:
    """Build the results from totals already read (one breakdown group's, say)."""
    return SurveyResults(
        survey=survey,
        responses=found.get(RESPONSES, Count()).count,
        questions=[_question_result(question, found, easy_read) for question in questions],
    )


@dataclass
class Group:
    dimension: str
    name: str
    responses: int


@dataclass
class Breakdown:
    kind: str  # "service", "area" or "role"
    groups: list[Group]
    hidden: int  # groups with fewer than SMALL_GROUP answers, not shown


def breakdown_groups(survey: Survey, kind: str) -> Breakdown:
    """The groups of one kind with at least ``SMALL_GROUP`` answers, by name."""
    from coproduce.voice.models import Respondent

    sizes = group_sizes(survey.pk, f"{kind}:")
    shown = {dim: n for dim, n in sizes.items() if n >= SMALL_GROUP}
    names: dict[str, str] = {}
    if kind == "service":
        ids = [int(dim.split(":", 1)[1]) for dim in shown]
        for pk, name in Service.objects.filter(pk__in=ids).values_list("pk", "name"):
            names[f"service:{pk}"] = name
    elif kind == "role":
        labels = dict(Respondent.choices)
        names = {dim: str(labels.get(dim.split(":", 1)[1], dim)) for dim in shown}
    else:
        names = {dim: dim.split(":", 1)[1] for dim in shown}
    groups = sorted(
        (Group(dim, names.get(dim, dim), n) for dim, n in shown.items()),
        key=lambda g: (g.name.lower(), g.dimension),
    )
    return Breakdown(kind=kind, groups=groups, hidden=len(sizes) - len(shown))


@dataclass
class OverTime:
    """One score question's average each time the same survey was asked, oldest first."""

    text: str
    runs: list[tuple[Survey, float | None, int]]


def change_over_time(survey: Survey, earlier: Sequence[Survey]) -> list[OverTime]:
    """For a survey asked again (the same ready-made questions), each score question's
    average in every run, matched by place and kind: "I feel listened to" 3.2, then 3.9."""
    if not earlier:
        return []
    runs = [*reversed(earlier), survey]
    by_run = {run.pk: survey_results(run) for run in runs}
    rows: list[OverTime] = []
    for position, result in enumerate(by_run[survey.pk].questions):
        if result.kind != QuestionKind.SCORE:
            continue
        cells: list[tuple[Survey, float | None, int]] = []
        for run in runs:
            found = by_run[run.pk].questions
            match = found[position] if position < len(found) else None
            if match is None or match.kind != QuestionKind.SCORE:
                cells.append((run, None, 0))
            else:
                cells.append((run, match.average, match.answered))
        rows.append(OverTime(result.text, cells))
    return rows
