"""Django form fields rendered as GOV.UK components, and a date field in three boxes.

``govuk_field(bound_field)`` returns the name of the GOV.UK macro to call and its
parameters, so ``{{ field(form.name) }}`` in a template renders the right component with
its label, hint and error message.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coproduce.core.date_ranges import FIRST_YEAR, DateRange, example_words


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK date input."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    # The GOV.UK macro names the boxes "<name>-0", "-1", "-2" (prefix and item joined by a
    # hyphen); Django's own "<name>_0" is still read, for forms built without the macro.
    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[Any]:
        return [data.get(f"{name}-{i}", data.get(f"{name}_{i}")) for i in range(3)]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return all(f"{name}-{i}" not in data and f"{name}_{i}" not in data for i in range(3))


class GovukDateField(forms.MultiValueField):
    """A date typed in three boxes, within a range counted from today.

    ``within`` says which dates make sense for this field (see ``core.date_ranges``); the
    hint starts with an example inside that range, worked out when the page is shown, and
    goes on with ``help_text`` if given.
    """

    widget = GovukDateWidget

    default_error_messages = {
        "incomplete": _("Enter a day, month and year."),
        "invalid": _("Enter a real date, for example 27 3 2007."),
    }

    def __init__(self, *, within: DateRange, **kwargs: Any) -> None:
        self.within = within
        more = kwargs.pop("help_text", "")
        kwargs["help_text"] = lazy(self._hint, str)(more)
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _hint(self, more: Any) -> str:
        example = gettext("For example, %(date)s") % {
            "date": example_words(self.within.example_for())
        }
        return f"{example}. {more}" if more else example

    def compress(self, data_list: list[Any]) -> dt.date | None:
        if not data_list or not any(data_list):
            return None
        if not all(data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(str(part).strip()) for part in data_list)
            if year < FIRST_YEAR:
                raise ValueError
            value = dt.date(year, month, day)
        except (ValueError, OverflowError) as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        problem = self.within.problem(value)
        if problem:
            raise ValidationError(problem, code="out_of_range")
        return value


TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class TimeOfDayField(forms.CharField):
    """A time typed the way people write it: 09:00, 9:30, 14.30, 17:00, 9am, 5pm, 5:30pm,
    midday or midnight. Every time field of the platform is this one."""

    default_error_messages = {"invalid": _("Enter a time like 9am, 5:30pm or 17:00")}

    def to_python(self, value: Any) -> dt.time | None:  # type: ignore[override]
        text = str(value or "").strip().lower().replace(" ", "").replace(".m.", "m")
        if not text:
            return None
        if text == "midnight":
            return dt.time(0, 0)
        if text in ("midday", "noon"):
            return dt.time(12, 0)
        match = TIME_PATTERN.match(text)
        if match is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return dt.time(hour, minute)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        return value


# The largest id a database row has (a 64-bit primary key).
LARGEST_ID = 2**63 - 1


def _out_of_range(value: Any) -> bool:
    """Say whether a submitted id is a number no primary key can be (the database would
    fail on it rather than find nothing)."""
    text = str(value).strip()
    if text.startswith("-"):
        text = text[1:]
    return text.isascii() and text.isdigit() and int(text) > LARGEST_ID


class ModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Django's, with an id past what a database holds treated as any unknown choice."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _out_of_range(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Django's, with ids past what a database holds treated as any unknown choice."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if _out_of_range(pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]


def _choices(bf: forms.BoundField, multiple: bool) -> list[dict[str, Any]]:
    value = bf.value()
    selected = {str(v) for v in (value or [])} if multiple else {str(value)}
    # A field may carry a hint for each choice: {value: text}.
    hints = getattr(bf.field, "choice_hints", None) or {}
    items = []
    for choice_value, choice_label in bf.field.choices:  # type: ignore[attr-defined]
        if choice_value in ("", None) and not multiple:
            continue
        item: dict[str, Any] = {
            "value": str(choice_value),
            "text": str(choice_label),
            "checked": str(choice_value) in selected,
        }
        hint = hints.get(str(choice_value))
        if hint:
            item["hint"] = {"text": str(hint)}
        items.append(item)
    return items


def govuk_field(bf: forms.BoundField, options: dict[str, Any] | None = None) -> tuple[str, dict]:
    """Return the GOV.UK macro name and its parameters for a bound field."""
    options = dict(options or {})
    widget = bf.field.widget
    label_text = str(bf.label) if bf.label else ""
    is_page_heading = options.pop("heading", False)
    label: dict[str, Any] = {"text": label_text}
    if is_page_heading:
        label.update({"isPageHeading": True, "classes": "govuk-label--l"})
    params: dict[str, Any] = {
        "id": bf.id_for_label or bf.auto_id,
        "name": bf.html_name,
    }
    if bf.help_text:
        params["hint"] = {"text": str(bf.help_text)}
    if bf.errors:
        params["errorMessage"] = {"text": " ".join(str(e) for e in bf.errors)}

    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        multiple = isinstance(widget, forms.CheckboxSelectMultiple)
        legend: dict[str, Any] = {"text": label_text}
        if is_page_heading:
            legend.update({"isPageHeading": True, "classes": "govuk-fieldset__legend--l"})
        else:
            legend["classes"] = "govuk-fieldset__legend--s"
        params.update(
            {
                "idPrefix": bf.auto_id,
                "fieldset": {"legend": legend},
                "items": _choices(bf, multiple),
            }
        )
        params.pop("id")
        return ("checkboxes" if multiple else "radios"), params | options
    if isinstance(widget, forms.CheckboxInput):
        params.update(
            {
                "idPrefix": bf.auto_id,
                "items": [
                    {
                        "value": "on",
                        "text": label_text,
                        "checked": bool(bf.value()),
                    }
                ],
            }
        )
        params.pop("id")
        return "checkboxes", params | options
    if isinstance(widget, forms.Select):
        params["label"] = label
        params["items"] = [
            {"value": str(v), "text": str(t), "selected": str(v) == str(bf.value())}
            for v, t in bf.field.choices  # type: ignore[attr-defined]
        ]
        return "select", params | options
    if isinstance(widget, GovukDateWidget):
        value = bf.value() or [None, None, None]
        if isinstance(value, dt.date):
            value = [value.day, value.month, value.year]
        error_class = " govuk-input--error" if bf.errors else ""
        names = (_("Day"), _("Month"), _("Year"))
        widths = ("2", "2", "4")
        params.update(
            {
                "id": bf.auto_id,
                "namePrefix": bf.html_name,
                "fieldset": {
                    "legend": {
                        "text": label_text,
                        "classes": "govuk-fieldset__legend--l"
                        if is_page_heading
                        else "govuk-fieldset__legend--s",
                        "isPageHeading": is_page_heading,
                    }
                },
                "items": [
                    {
                        "name": str(index),
                        "label": str(names[index]),
                        "classes": f"govuk-input--width-{widths[index]}{error_class}",
                        "value": value[index] if value[index] is not None else "",
                    }
                    for index in range(3)
                ],
            }
        )
        params.pop("name")
        return "date", params | options
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        params["label"] = label
        return "file", params | options
    if isinstance(widget, forms.Textarea):
        params["label"] = label
        params["value"] = bf.value() or ""
        max_length = getattr(bf.field, "max_length", None)
        if max_length:
            params["maxlength"] = max_length
            return "character_count", params | options
        return "textarea", params | options
    # Text-like inputs.
    input_type = getattr(widget, "input_type", "text")
    params.update({"label": label, "type": input_type})
    if input_type != "password":
        value = bf.value()
        params["value"] = "" if value is None else value
    autocomplete = widget.attrs.get("autocomplete")
    if autocomplete:
        params["autocomplete"] = autocomplete
    if input_type == "email":
        params.update({"spellcheck": False, "autocomplete": autocomplete or "email"})
    return ("password" if input_type == "password" else "input"), params | options


def error_summary_items(form: forms.BaseForm) -> list[dict[str, str]]:
    """Return one error-summary entry per error, linked to its field."""
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items.extend({"text": str(e), "href": "#main-content"} for e in errors)
            continue
        bf = form[name]
        widget = bf.field.widget
        anchor = bf.auto_id
        if isinstance(
            widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput
        ):
            anchor = bf.auto_id
        elif isinstance(widget, GovukDateWidget):
            anchor = f"{bf.auto_id}-0"
        items.extend({"text": str(e), "href": f"#{anchor}"} for e in errors)
    return items
