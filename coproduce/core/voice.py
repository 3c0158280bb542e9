"""Voice provenance: how a person's view was given, the rules it keeps, and its form fields.

Every view recorded about a person says how it was captured (typed or spoken in their own
words, with support from a named person, observed, or given on their behalf) and who
recorded it. Models mix in ``coproduce.core.models.VoiceProvenance``; forms inherit
``VoiceForm``; templates show it with ``voice_badge`` from ``components/voice.jinja``.
What needs the person, their supporters or the helper's roles is in
``coproduce.people.voice``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from coproduce.core.forms import ModelChoiceField
from coproduce.core.models import VoiceHow

if TYPE_CHECKING:
    from coproduce.accounts.models import Organisation, User

# The ways of giving a view that need a named helper.
HELPER_NEEDED = frozenset({VoiceHow.SUPPORTED, VoiceHow.ON_BEHALF})
OWN_WORDS = frozenset({VoiceHow.TYPED, VoiceHow.SPOKEN})

MESSAGES = {
    "how_missing": _("Select how the person gave this view"),
    "helper_missing_supported": _("Select who helped them give this view"),
    "helper_missing_on_behalf": _("Select who gave this view on their behalf"),
    "helper_is_person": _(
        "Select someone other than the person: nobody can support themself or speak "
        "on their own behalf"
    ),
    "helper_not_needed": _(
        "Only choose a helper if the person had support or someone spoke for them"
    ),
    "helper_outside": _("Select someone from the list"),
}


# The rules. Each returns the field the problem belongs to and a plain message, or None.


def rule_how_is_given(*, how: str, view_given: bool) -> tuple[str, Any] | None:
    """A view that was written down says how the person gave it."""
    if view_given and not how:
        return "voice_how", MESSAGES["how_missing"]
    return None


def rule_helper_named_when_needed(*, how: str, helper: User | None) -> tuple[str, Any] | None:
    """A view given with support, or on the person's behalf, names who helped or spoke
    for them."""
    if how in HELPER_NEEDED and helper is None:
        key = (
            "helper_missing_supported" if how == VoiceHow.SUPPORTED else "helper_missing_on_behalf"
        )
        return "voice_helper", MESSAGES[key]
    return None


def rule_helper_is_not_the_person(
    *, how: str, helper: User | None, person_user: User | None
) -> tuple[str, Any] | None:
    """Nobody supports themself or speaks on their own behalf: the helper is someone else."""
    if (
        how in HELPER_NEEDED
        and helper is not None
        and person_user is not None
        and helper.pk == person_user.pk
    ):
        return "voice_helper", MESSAGES["helper_is_person"]
    return None


def rule_helper_only_when_needed(*, how: str, helper: User | None) -> tuple[str, Any] | None:
    """A view in the person's own words, or observed, names no helper."""
    if helper is not None and how not in HELPER_NEEDED:
        return "voice_helper", MESSAGES["helper_not_needed"]
    return None


def rule_helper_belongs_to_organisation(
    *, helper: User | None, organisation: Organisation | None
) -> tuple[str, Any] | None:
    """Whoever helped or spoke for the person is a member of the same organisation."""
    if helper is None or organisation is None:
        return None
    if not voice_helper_candidates(organisation).filter(pk=helper.pk).exists():
        return "voice_helper", MESSAGES["helper_outside"]
    return None


def voice_problems(
    *,
    how: str,
    helper: User | None,
    person_user: User | None = None,
    organisation: Organisation | None = None,
    view_given: bool = True,
) -> dict[str, str]:
    """Return the broken voice rules as {field name: message}, the first per field."""
    if not view_given:
        if how:
            return {"voice_how": str(_("Write down the view, or do not say how it was given"))}
        if helper is not None:
            return {"voice_helper": str(MESSAGES["helper_not_needed"])}
        return {}
    found = [
        rule_how_is_given(how=how, view_given=view_given),
        rule_helper_named_when_needed(how=how, helper=helper),
        rule_helper_is_not_the_person(how=how, helper=helper, person_user=person_user),
        rule_helper_only_when_needed(how=how, helper=helper),
        rule_helper_belongs_to_organisation(helper=helper, organisation=organisation),
    ]
    problems: dict[str, str] = {}
    for problem in found:
        if problem is not None:
            problems.setdefault(problem[0], str(problem[1]))
    return problems


def voice_helper_candidates(organisation: Organisation) -> QuerySet[User]:
    """Return the users who currently belong to the organisation, by name."""
    user_model = get_user_model()
    return (
        user_model.objects.filter(
            memberships__organisation=organisation,
            memberships__ended_at__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("name", "pk")
    )


# How a view is shown.


@dataclass(frozen=True)
class VoiceBadge:
    how: str
    tag: str
    tag_colour: str
    summary: str
    recorded: str


TAGS: dict[str, tuple[Any, str]] = {
    VoiceHow.TYPED: (_("Own words"), "green"),
    VoiceHow.SPOKEN: (_("Own words"), "green"),
    VoiceHow.SUPPORTED: (_("With support"), "blue"),
    VoiceHow.OBSERVED: (_("Observed"), "purple"),
    VoiceHow.ON_BEHALF: (_("On their behalf"), "orange"),
}


def _helper_with_note(helper: Any, note: str) -> str:
    name = helper.get_short_name() if helper is not None else gettext_now("someone")
    return f"{name} ({note})" if note else name


def voice_badge_parts(
    obj: Any, person_name: str | None = None, helper_note: str | None = None
) -> VoiceBadge | None:
    """Return the words that say how a view was given and who recorded it, or None when
    no view was given. Read ``voice_helper``, ``voice_recorded_by`` and
    ``voice_recorded_at`` from ``obj``; select them with the object to save queries."""
    from coproduce.core.jinja2 import date_uk

    how = getattr(obj, "voice_how", "") or ""
    if not how:
        return None
    if helper_note is None:
        helper_note = getattr(obj, "voice_helper_note", "") or ""
    helper = _helper_with_note(obj.voice_helper, helper_note)
    texts: dict[str, str]
    if person_name:
        texts = {
            VoiceHow.TYPED: gettext_now("In %(name)s's own words, typed"),
            VoiceHow.SPOKEN: gettext_now("In %(name)s's own words, spoken and written down"),
            VoiceHow.SUPPORTED: gettext_now("%(name)s's view, given with support from %(helper)s"),
            VoiceHow.OBSERVED: gettext_now("Observed: %(name)s does not use words"),
            VoiceHow.ON_BEHALF: gettext_now("Given on %(name)s's behalf by %(helper)s"),
        }
    else:
        texts = {
            VoiceHow.TYPED: gettext_now("In their own words, typed"),
            VoiceHow.SPOKEN: gettext_now("In their own words, spoken and written down"),
            VoiceHow.SUPPORTED: gettext_now("Their view, given with support from %(helper)s"),
            VoiceHow.OBSERVED: gettext_now("Observed: they do not use words"),
            VoiceHow.ON_BEHALF: gettext_now("Given on their behalf by %(helper)s"),
        }
    summary = texts.get(str(how), str(how)) % {"name": person_name or "", "helper": helper}
    recorded_by = obj.voice_recorded_by
    recorded_at = date_uk(obj.voice_recorded_at)
    if recorded_by is not None:
        recorded = gettext_now("recorded by %(who)s on %(date)s") % {
            "who": recorded_by.get_short_name(),
            "date": recorded_at,
        }
    else:
        recorded = gettext_now("recorded on %(date)s") % {"date": recorded_at}
    tag, colour = TAGS.get(str(how), (how, "grey"))
    return VoiceBadge(how=how, tag=str(tag), tag_colour=colour, summary=summary, recorded=recorded)


class VoiceForm(forms.Form):
    """Ask how the person gave their view and who helped or spoke for them.

    Inherit it and pass ``organisation`` (and ``person_user``, the person's own sign-in
    if they have one). Set ``voice_view_field`` to the name of the text field holding the
    view when giving a view is optional: the questions then apply only when it has text.
    """

    voice_view_field: str | None = None

    voice_how = forms.ChoiceField(
        label=_("How did the person give this view?"),
        choices=VoiceHow.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    voice_helper = ModelChoiceField(
        label=_("Who helped or spoke for them"),
        help_text=_("Only if they had support, or someone gave the view on their behalf."),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody"),
        error_messages={"invalid_choice": MESSAGES["helper_outside"]},
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        person_user: User | None = None,
        helper_queryset: QuerySet[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.voice_organisation = organisation
        self.voice_person_user = person_user
        helper_field = self.fields["voice_helper"]
        helper_field.queryset = (  # type: ignore[attr-defined]
            helper_queryset
            if helper_queryset is not None
            else voice_helper_candidates(organisation)
        )
        helper_field.label_from_instance = lambda user: user.name or user.email  # type: ignore[attr-defined]

    def voice_view_given(self, data: dict[str, Any]) -> bool:
        if not self.voice_view_field:
            return True
        return bool(str(data.get(self.voice_view_field) or "").strip())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "voice_helper" in self.errors:
            return data
        if not self.voice_view_given(data):
            # Radios cannot be cleared without a script, so a choice left over from an
            # emptied view is dropped rather than reported.
            data["voice_how"] = ""
            data["voice_helper"] = None
            return data
        how = data.get("voice_how") or ""
        if how not in HELPER_NEEDED:
            # The helper list stays visible for every choice; a name left selected
            # there does not apply to a view in the person's own words.
            data["voice_helper"] = None
        problems = voice_problems(
            how=how,
            helper=data.get("voice_helper"),
            person_user=self.voice_person_user,
            view_given=True,
        )
        for field_name, message in problems.items():
            self.add_error(field_name, message)
        return data
