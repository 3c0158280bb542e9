"""Starting a document, writing its words paragraph by paragraph (the standard words, the
easy-read words and a picture beside them, in one row each), and moving its status. Every
form works without JavaScript: one empty paragraph is always offered at the end to add
another."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coproduce.codesign.actions import Words
from coproduce.codesign.models import Document, DocumentKind, Paragraph, SuggestionKind, Topic
from coproduce.codesign.queries import people_i_write_for, services_of
from coproduce.core.forms import ModelChoiceField, ModelMultipleChoiceField
from coproduce.core.models import VoiceHow
from coproduce.core.symbols import SYMBOLS
from coproduce.core.tenancy import Viewer

MAX_PARAGRAPHS = 60
EXTRA_PARAGRAPHS = 1
# Pictures offered beside an easy-read point: every OpenMoji symbol the site ships.
SYMBOL_CHOICES = [("", gettext_lazy("No picture"))] + [
    (name, symbol.description) for name, symbol in SYMBOLS.items()
]


def _with_key(form: forms.Form) -> None:
    form.fields["idempotency_key"] = forms.UUIDField(
        widget=forms.HiddenInput, required=False, initial=uuid.uuid4
    )


class WordsForm(forms.Form):
    """The title and the paragraphs of one version."""

    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Give the document a title")},
    )
    title_easy_read = forms.CharField(
        label=gettext_lazy("Title in easy read"), max_length=200, required=False
    )

    def __init__(
        self, *args: Any, paragraphs: list[Paragraph] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _with_key(self)
        data = self.data if self.is_bound else None
        if data is not None:
            count = sum(1 for key in data if key.startswith("p") and key.endswith("-text"))
        else:
            count = len(paragraphs or []) + EXTRA_PARAGRAPHS
        self.paragraph_count = max(1, min(count, MAX_PARAGRAPHS))
        for index in range(self.paragraph_count):
            number = index + 1
            existing = (paragraphs or [])[index] if paragraphs and index < len(paragraphs) else None
            self.fields[f"p{number}-text"] = forms.CharField(
                label=_("Paragraph %(number)s") % {"number": number},
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                initial=existing.text if existing else "",
            )
            self.fields[f"p{number}-easy"] = forms.CharField(
                label=_("Paragraph %(number)s in easy read") % {"number": number},
                help_text=_("Short sentences, one idea each, 15 words or fewer."),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=existing.easy_text if existing else "",
            )
            self.fields[f"p{number}-symbol"] = forms.ChoiceField(
                label=_("Picture beside paragraph %(number)s") % {"number": number},
                choices=SYMBOL_CHOICES,
                required=False,
                initial=existing.symbol if existing else "",
            )

    def paragraph_rows(
        self,
    ) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (n, self[f"p{n}-text"], self[f"p{n}-easy"], self[f"p{n}-symbol"])
            for n in range(1, self.paragraph_count + 1)
        ]

    def words(self) -> list[Words]:
        data = self.cleaned_data
        return [
            Words(
                text=data.get(f"p{n}-text") or "",
                easy_text=data.get(f"p{n}-easy") or "",
                symbol=data.get(f"p{n}-symbol") or "",
            )
            for n in range(1, self.paragraph_count + 1)
        ]


class DocumentForm(WordsForm):
    """A new document: what kind, its topic, whom it is for, and its first words."""

    kind = forms.ChoiceField(
        label=gettext_lazy("What kind of document is it?"),
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose what kind of document it is")},
    )
    topic = forms.ChoiceField(
        label=gettext_lazy("Topic"),
        help_text=gettext_lazy("Readers find documents by the picture of their topic."),
        choices=Topic.choices,
        initial=Topic.OTHER,
    )
    whole_organisation = forms.BooleanField(
        label=gettext_lazy("It is for the whole organisation"), required=False
    )

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_id = viewer.organisation.pk if viewer.organisation else 0
        self.fields["services"] = ModelMultipleChoiceField(
            label=gettext_lazy("Which services is it for?"),
            queryset=services_of(organisation_id),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("whole_organisation") and not data.get("services"):
            self.add_error(
                "services", _("Choose the services it is for, or the whole organisation")
            )
        return data


class VersionForm(WordsForm):
    """A new version of the words, with what changed."""

    what_changed = forms.CharField(
        label=gettext_lazy("What changed in this version?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Say what changed in this version")},
    )
    what_changed_easy_read = forms.CharField(
        label=gettext_lazy("What changed, in easy read"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class MoveForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


# How the person gave their words, when someone else writes them down.
ON_BEHALF_HOW = [
    (VoiceHow.SPOKEN, gettext_lazy("They told me and I wrote down their words")),
    (VoiceHow.SUPPORTED, gettext_lazy("I helped them say it")),
    (VoiceHow.OBSERVED, gettext_lazy("I saw it: they do not use words")),
    (VoiceHow.ON_BEHALF, gettext_lazy("I am saying it on their behalf")),
]


class SuggestionForm(forms.Form):
    easy_read = forms.TypedChoiceField(
        label=gettext_lazy("Which words is it about?"),
        choices=[("0", gettext_lazy("The standard words")), ("1", gettext_lazy("The easy read"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="0",
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What do you want to do?"),
        choices=SuggestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose a comment or different words")},
    )
    text = forms.CharField(
        label=gettext_lazy("Your comment or your words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": gettext_lazy("Write your comment or your words")},
    )

    def __init__(self, *args: Any, viewer: Viewer, document: Document, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_key(self)
        people = people_i_write_for(viewer, document)
        self.speaks_for = viewer.has_role("supporter", "support_worker", "service_manager")
        if self.speaks_for:
            self.fields["for_person"] = ModelChoiceField(
                label=gettext_lazy("Whose words are these?"),
                queryset=people,
                required=False,
                empty_label=gettext_lazy("My own"),
            )
            self.fields["voice_how"] = forms.ChoiceField(
                label=gettext_lazy("If they are someone else's words, how did they tell you?"),
                choices=ON_BEHALF_HOW,
                widget=forms.RadioSelect,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("for_person") is not None and not data.get("voice_how"):
            self.add_error("voice_how", _("Say how they told you"))
        return data


class AnswerForm(forms.Form):
    accept = forms.TypedChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[("1", gettext_lazy("Accept it")), ("0", gettext_lazy("Do not take it up"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose to accept it or not")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Why? They are told your reason."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": gettext_lazy("Say why")},
    )


class SignOffForm(forms.Form):
    understood = forms.TypedChoiceField(
        label=gettext_lazy("Did you understand it?"),
        choices=[("1", gettext_lazy("I understood it")), ("0", gettext_lazy("Change this"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say if you understood it")},
    )
    change_this = forms.CharField(
        label=gettext_lazy("What should we change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    minutes = forms.TypedChoiceField(
        label=gettext_lazy("How long did it take you?"),
        help_text=gettext_lazy("You are paid for this time."),
        choices=[
            ("15", gettext_lazy("15 minutes")),
            ("30", gettext_lazy("30 minutes")),
            ("60", gettext_lazy("1 hour")),
            ("90", gettext_lazy("1 and a half hours")),
            ("120", gettext_lazy("2 hours")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say how long it took")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_key(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("understood") is False and not (data.get("change_this") or "").strip():
            self.add_error("change_this", _("Say what to change"))
        return data
