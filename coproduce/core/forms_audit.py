"""The audit log search form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coproduce.core.date_ranges import PAST
from coproduce.core.forms import GovukDateField
from coproduce.core.models import AuditEntry


class AuditSearchForm(forms.Form):
    actor_email = forms.EmailField(label=_("Who (email address)"), required=False)
    action = forms.ChoiceField(
        label=_("What they did"),
        required=False,
        choices=[("", _("Anything")), *AuditEntry.Action.choices],
    )
    object_type = forms.CharField(label=_("Kind of record"), required=False, max_length=64)
    object_id = forms.CharField(label=_("Record number"), required=False, max_length=64)
    date_from = GovukDateField(label=_("From"), within=PAST, required=False)
    date_to = GovukDateField(label=_("To"), within=PAST, required=False)

    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(_("The 'from' date must be on or before the 'to' date."))
        return data
