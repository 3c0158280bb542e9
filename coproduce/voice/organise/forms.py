"""Organisers' forms: a survey's details, its questions (parsed from the editor's rows,
without JavaScript), and its outcome."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.core.date_ranges import VOICE_DATES
from coproduce.core.forms import (
    GovukDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    TimeOfDayField,
)
from coproduce.core.symbols import SYMBOLS
from coproduce.core.tenancy import Viewer
from coproduce.voice.actions import OptionSpec, QuestionSpec, fixed_options
from coproduce.voice.models import (
    OPTION_KINDS,
    Option,
    QuestionKind,
    ResultsShown,
    Survey,
    SurveyKind,
)
from coproduce.voice.organise.actions import Details
from coproduce.voice.organise.queries import (
    area_names,
    organisable_services,
    services_in_areas,
)

# Up to this many services are offered as checkboxes; beyond it, one service from a list
# (or an area, or everyone).
SERVICE_CHECKBOXES = 60
MAX_QUESTIONS = 30
MAX_OPTIONS = 10
FIRST_OPTION_ROWS = 4

ASK_CHOICES = [
    ("people", gettext_lazy("People supported")),
    ("supporters", gettext_lazy("Supporters (family, friends, advocates)")),
    ("staff", gettext_lazy("Staff")),
]
WHO_CHOICES = [
    ("services", gettext_lazy("Services I choose")),
    ("areas", gettext_lazy("Every service in an area")),
    ("everyone", gettext_lazy("The whole organisation")),
]
YES_NO = [("no", gettext_lazy("No, say who answered")), ("yes", gettext_lazy("Yes, anonymous"))]


class DetailsForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What kind is it?"),
        choices=SurveyKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    intro = forms.CharField(
        label=gettext_lazy("What it is about (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    easy_read_intro = forms.CharField(
        label=gettext_lazy("What it is about, in easy read (optional)"),
        help_text=gettext_lazy("Short sentences, one idea each."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    document = forms.CharField(
        label=gettext_lazy("The plan or strategy people are asked about"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )
    document_easy_read = forms.CharField(
        label=gettext_lazy("The plan or strategy, in easy read"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )
    who = forms.ChoiceField(
        label=gettext_lazy("Where are people asked?"),
        choices=WHO_CHOICES,
        widget=forms.RadioSelect,
        initial="services",
    )
    areas = forms.MultipleChoiceField(
        label=gettext_lazy("Areas (for every service in an area)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    ask = forms.MultipleChoiceField(
        label=gettext_lazy("Who answers?"),
        choices=ASK_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=["people"],
        error_messages={
            "required": gettext_lazy("Choose who answers: people supported, supporters or staff"),
            "invalid_choice": gettext_lazy("Choose who answers from the list"),
        },
    )
    anonymous = forms.ChoiceField(
        label=gettext_lazy("Keep answers anonymous?"),
        help_text=gettext_lazy(
            "Anonymous answers are never linked to who gave them. "
            "This cannot change once anyone has answered."
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
        initial="no",
    )
    results_shown = forms.ChoiceField(
        label=gettext_lazy("When can the people asked see the results?"),
        help_text=gettext_lazy("Managers and leaders can always see them."),
        choices=ResultsShown.choices,
        widget=forms.RadioSelect,
        initial=ResultsShown.AFTER_ANSWER,
    )
    opens_on = GovukDateField(
        label=gettext_lazy("Open on a date (optional)"),
        help_text=gettext_lazy("Leave it empty to open it yourself when it is ready."),
        within=VOICE_DATES,
        required=False,
    )
    closes_on = GovukDateField(
        label=gettext_lazy("Closing date"),
        within=VOICE_DATES,
        error_messages={"required": gettext_lazy("Enter the closing date")},
    )
    closes_time = TimeOfDayField(
        label=gettext_lazy("Closing time"),
        help_text=gettext_lazy("For example 5pm"),
        initial="5pm",
        required=False,
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        viewer: Viewer,
        survey: Survey | None = None,
        choose_kind: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.survey = survey
        services = organisable_services(viewer)
        self.many_services = services.count() > SERVICE_CHECKBOXES
        if self.many_services:
            self.fields["services"] = ModelChoiceField(
                label=gettext_lazy("Service"),
                queryset=services,
                required=False,
                empty_label=_("Choose a service"),
                error_messages={"invalid_choice": gettext_lazy("Choose a service from the list")},
            )
        else:
            self.fields["services"] = ModelMultipleChoiceField(
                label=gettext_lazy("Services"),
                queryset=services,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                error_messages={
                    "invalid_choice": gettext_lazy("Choose services from the list"),
                    "invalid_pk_value": gettext_lazy("Choose services from the list"),
                },
            )
        areas = area_names(services)
        self.fields["areas"].choices = [(a, a) for a in areas]  # type: ignore[attr-defined]
        self.has_areas = bool(areas)
        self.may_ask_everyone = viewer.has_role("senior_leader", "quality_lead", "org_admin")
        who = [c for c in WHO_CHOICES if c[0] != "everyone" or self.may_ask_everyone]
        if not areas:
            who = [c for c in who if c[0] != "areas"]
        self.fields["who"].choices = who  # type: ignore[attr-defined]
        self.choose_kind = choose_kind
        if choose_kind:
            self.fields["kind"].required = True
        if not self.is_bound and survey is None and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()
        if not self.is_bound and survey is not None:
            self.initial.update(initial_from(survey, many_services=self.many_services))

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        who = data.get("who")
        if who == "services" and not data.get("services"):
            self.add_error("services", _("Choose at least one service"))
        if who == "areas" and not data.get("areas"):
            self.add_error("areas", _("Choose at least one area"))
        if who == "everyone" and not self.may_ask_everyone:
            self.add_error("who", _("Only leaders can ask the whole organisation"))
        closes_on = data.get("closes_on")
        opens_on = data.get("opens_on")
        if closes_on and opens_on and closes_on <= opens_on:
            self.add_error("closes_on", _("The closing date must be after the opening date"))
        return data

    def details(self) -> Details:
        data = self.cleaned_data
        who = data["who"]
        chosen = data.get("services")
        services = ([chosen] if chosen else []) if self.many_services else list(chosen or [])
        areas: list[str] = []
        if who == "areas":
            areas = list(data["areas"])
            services = services_in_areas(self.viewer, areas)
        tz = timezone.get_current_timezone()
        closes_time = data.get("closes_time") or dt.time(17, 0)
        opens_on = data.get("opens_on")
        ask = set(data["ask"])
        return Details(
            title=data["title"],
            closes_at=dt.datetime.combine(data["closes_on"], closes_time, tzinfo=tz),
            intro=data.get("intro", ""),
            easy_read_intro=data.get("easy_read_intro", ""),
            document=data.get("document", ""),
            document_easy_read=data.get("document_easy_read", ""),
            whole_organisation=who == "everyone",
            services=[] if who == "everyone" else services,
            areas=areas,
            ask_people="people" in ask,
            ask_supporters="supporters" in ask,
            ask_staff="staff" in ask,
            anonymous=data["anonymous"] == "yes",
            results_shown=data["results_shown"],
            opens_at=dt.datetime.combine(opens_on, dt.time(9, 0), tzinfo=tz) if opens_on else None,
        )


def initial_from(survey: Survey, *, many_services: bool) -> dict[str, Any]:
    services = list(survey.services.all())
    who = "everyone" if survey.whole_organisation else ("areas" if survey.areas else "services")
    ask = [
        name
        for name, on in (
            ("people", survey.ask_people),
            ("supporters", survey.ask_supporters),
            ("staff", survey.ask_staff),
        )
        if on
    ]
    closes = timezone.localtime(survey.closes_at)
    opens = timezone.localtime(survey.opens_at) if survey.opens_at else None
    return {
        "kind": survey.kind,
        "title": survey.title,
        "intro": survey.intro,
        "easy_read_intro": survey.easy_read_intro,
        "document": survey.document,
        "document_easy_read": survey.document_easy_read,
        "who": who,
        "services": (services[0].pk if services else None)
        if many_services
        else [s.pk for s in services],
        "areas": survey.areas,
        "ask": ask,
        "anonymous": "yes" if survey.anonymous else "no",
        "results_shown": survey.results_shown,
        "opens_on": opens.date() if opens else None,
        "closes_on": closes.date(),
        "closes_time": closes.time(),
    }


# The questions editor


@dataclass
class OptionRow:
    label: str = ""
    easy_read_label: str = ""
    symbol: str = ""
    is_none: bool = False
    date: str = ""
    start: str = ""
    end: str = ""


@dataclass
class QuestionRow:
    kind: str = QuestionKind.CHOICE
    text: str = ""
    easy_read_text: str = ""
    help_text: str = ""
    required: bool = True
    dots: str = ""
    show_if: str = ""
    options: list[OptionRow] = field(default_factory=list)

    @property
    def has_own_options(self) -> bool:
        return self.kind in OPTION_KINDS and not fixed_options(self.kind)


QUESTION_KINDS = QuestionKind.choices
SYMBOL_CHOICES = [("", gettext_lazy("No picture"))] + [
    (name, symbol.description) for name, symbol in SYMBOLS.items()
]


def rows_from_specs(specs: Sequence[QuestionSpec]) -> list[QuestionRow]:
    rows = []
    for spec in specs:
        options = [
            OptionRow(
                label=o.label,
                easy_read_label=o.easy_read_label,
                symbol=o.symbol,
                is_none=o.is_none,
                date=timezone.localtime(o.starts_at).date().isoformat() if o.starts_at else "",
                start=timezone.localtime(o.starts_at).strftime("%H:%M") if o.starts_at else "",
                end=timezone.localtime(o.ends_at).strftime("%H:%M") if o.ends_at else "",
            )
            for o in spec.options
            if not o.code
        ]
        rows.append(
            QuestionRow(
                kind=spec.kind,
                text=spec.text,
                easy_read_text=spec.easy_read_text,
                help_text=spec.help_text,
                required=spec.required,
                dots=str(spec.dots or ""),
                show_if=f"{spec.show_if[0]}-{spec.show_if[1]}" if spec.show_if else "",
                options=options,
            )
        )
    return rows


def padded(rows: list[QuestionRow]) -> list[QuestionRow]:
    """Give every question with its own answers a few empty rows to fill in."""
    for row in rows:
        if row.has_own_options:
            wanted = min(MAX_OPTIONS, max(FIRST_OPTION_ROWS, len(_filled(row.options)) + 2))
            row.options = _filled(row.options)
            row.options += [OptionRow() for _ in range(wanted - len(row.options))]
    return rows


def _filled(options: list[OptionRow]) -> list[OptionRow]:
    return [o for o in options if o.label.strip()]


def _count(data: Mapping[str, Any], name: str, most: int) -> int:
    raw = str(data.get(name, "") or "")
    return min(int(raw), most) if raw.isascii() and raw.isdigit() else 0


def rows_from_post(data: Mapping[str, Any]) -> list[QuestionRow]:
    """Read the editor's rows as typed, to show them again or turn them into specs."""
    rows = []
    kinds = {value for value, _label in QUESTION_KINDS}
    symbols = set(SYMBOLS)
    for i in range(_count(data, "questions", MAX_QUESTIONS)):
        p = f"q-{i}"
        kind = str(data.get(f"{p}-kind", "") or "")
        options = []
        for j in range(_count(data, f"{p}-options", MAX_OPTIONS)):
            o = f"{p}-o-{j}"
            symbol = str(data.get(f"{o}-symbol", "") or "")
            options.append(
                OptionRow(
                    label=str(data.get(f"{o}-label", "") or "")[:200],
                    easy_read_label=str(data.get(f"{o}-easy", "") or "")[:200],
                    symbol=symbol if symbol in symbols else "",
                    is_none=bool(data.get(f"{o}-none")),
                    date=str(data.get(f"{o}-date", "") or "")[:20],
                    start=str(data.get(f"{o}-start", "") or "")[:10],
                    end=str(data.get(f"{o}-end", "") or "")[:10],
                )
            )
        rows.append(
            QuestionRow(
                kind=kind if kind in kinds else QuestionKind.CHOICE,
                text=str(data.get(f"{p}-text", "") or "")[:300],
                easy_read_text=str(data.get(f"{p}-easy", "") or "")[:300],
                help_text=str(data.get(f"{p}-help", "") or "")[:400],
                required=bool(data.get(f"{p}-required")),
                dots=str(data.get(f"{p}-dots", "") or "")[:4],
                show_if=str(data.get(f"{p}-show_if", "") or "")[:10],
                options=options,
            )
        )
    return rows


DATE_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[ /.-](?P<m>\d{1,2})[ /.-](?P<y>\d{4})$"),
)


def _date(text: str) -> dt.date | None:
    text = text.strip()
    for pattern in DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def _time(text: str) -> dt.time | None:
    try:
        return TimeOfDayField().to_python(text)
    except forms.ValidationError:
        return None


def specs_from_rows(rows: Sequence[QuestionRow]) -> tuple[list[QuestionSpec], list[dict[str, str]]]:
    """Turn the rows into question specs, with the problems found reading them (each
    with the id of the box to fix)."""
    specs: list[QuestionSpec] = []
    problems: list[dict[str, str]] = []
    tz = timezone.get_current_timezone()
    for i, row in enumerate(rows):
        number = i + 1
        options: list[OptionSpec] = []
        if row.has_own_options:
            for j, option in enumerate(row.options):
                if not option.label.strip() and not option.date.strip():
                    continue
                starts_at = ends_at = None
                if row.kind == QuestionKind.MEETING:
                    day = _date(option.date)
                    start = _time(option.start)
                    end = _time(option.end) if option.end.strip() else None
                    if day is None:
                        problems.append(
                            {
                                "text": _("Question %(n)s: enter the meeting date, like 27/3/2027")
                                % {"n": number},
                                "href": f"#q-{i}-o-{j}-date",
                            }
                        )
                        continue
                    if start is None:
                        problems.append(
                            {
                                "text": _("Question %(n)s: enter a start time like 2pm")
                                % {"n": number},
                                "href": f"#q-{i}-o-{j}-start",
                            }
                        )
                        continue
                    starts_at = dt.datetime.combine(day, start, tzinfo=tz)
                    if end is not None:
                        ends_at = dt.datetime.combine(day, end, tzinfo=tz)
                        if ends_at <= starts_at:
                            problems.append(
                                {
                                    "text": _(
                                        "Question %(n)s: the end time must be after the start"
                                    )
                                    % {"n": number},
                                    "href": f"#q-{i}-o-{j}-end",
                                }
                            )
                            continue
                    label = option.label.strip() or starts_at.strftime("%A %d %B %Y %H:%M")
                else:
                    label = option.label
                options.append(
                    OptionSpec(
                        label=label,
                        easy_read_label=option.easy_read_label,
                        symbol=option.symbol,
                        is_none=option.is_none and row.kind == QuestionKind.CHOICES,
                        starts_at=starts_at,
                        ends_at=ends_at,
                    )
                )
        dots = 0
        if row.kind == QuestionKind.DOTS:
            dots = int(row.dots) if row.dots.isascii() and row.dots.isdigit() else 0
            if not 1 <= dots <= 20:
                problems.append(
                    {
                        "text": _("Question %(n)s: give each person between 1 and 20 dots")
                        % {"n": number},
                        "href": f"#q-{i}-dots",
                    }
                )
        show_if = _show_if(row.show_if, i, rows)
        specs.append(
            QuestionSpec(
                kind=row.kind,
                text=row.text,
                easy_read_text=row.easy_read_text,
                help_text=row.help_text,
                required=row.required,
                dots=dots,
                options=options,
                show_if=show_if,
            )
        )
    return specs, problems


def _show_if(value: str, index: int, rows: Sequence[QuestionRow]) -> tuple[int, int] | None:
    """ "2-1": asked only when question 3's second answer was chosen (earlier ones only)."""
    match = re.match(r"^(\d{1,2})-(\d{1,2})$", value)
    if not match:
        return None
    earlier, option = int(match[1]), int(match[2])
    if earlier >= index:
        return None
    row = rows[earlier]
    if row.kind not in (QuestionKind.CHOICE, QuestionKind.CHOICES):
        return None
    if option >= len(_filled(row.options)):
        return None
    return earlier, option


def show_if_choices(rows: Sequence[QuestionRow], index: int) -> list[tuple[str, str]]:
    """The earlier answers a question can depend on: "Question 2: No"."""
    choices = [("", _("Always ask it"))]
    for i, row in enumerate(rows[:index]):
        if row.kind not in (QuestionKind.CHOICE, QuestionKind.CHOICES):
            continue
        for j, option in enumerate(_filled(row.options)):
            choices.append(
                (
                    f"{i}-{j}",
                    _("Only when question %(n)s is answered “%(answer)s”")
                    % {"n": i + 1, "answer": option.label},
                )
            )
    return choices


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=gettext_lazy("What happens next"),
        help_text=gettext_lazy("What you found, what you decided and what will change."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Write what happens next")},
    )
    outcome_easy_read = forms.CharField(
        label=gettext_lazy("What happens next, in easy read"),
        help_text=gettext_lazy("Short sentences, one idea each. Everyone who answered is told."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": gettext_lazy("Write what happens next in easy read too")},
    )

    def __init__(self, *args: Any, slots: Sequence[Option] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if slots:
            self.fields["chosen_slot"] = forms.ChoiceField(
                label=gettext_lazy("The meeting time chosen"),
                help_text=gettext_lazy("Everyone can add it to their calendar."),
                choices=[("", _("No time chosen yet"))] + [(str(o.pk), o.label) for o in slots],
                required=False,
            )
        self.slots = {str(o.pk): o for o in slots}

    def chosen(self) -> Option | None:
        return self.slots.get(self.cleaned_data.get("chosen_slot") or "")
