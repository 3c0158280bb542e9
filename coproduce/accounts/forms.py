"""Forms for the organisation admin pages: services, invitations and roles."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from coproduce.accounts import queries
from coproduce.accounts.models import Organisation, Role, Service
from coproduce.accounts.rules import ROLES_WITH_SERVICES
from coproduce.core.forms import ModelMultipleChoiceField

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise
else:
    StrOrPromise = str

# Outward code (area, district) and inward code (sector, unit); GIR 0AA is the one oddity.
UK_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA)$")
COORDINATE_PLACES = Decimal("0.00001")


def normalise_uk_postcode(value: str) -> str | None:
    """Return the postcode in capitals with one space before the last three characters,
    or None if it is not shaped like a UK postcode."""
    compact = re.sub(r"\s+", "", value).upper()
    if not UK_POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def _coordinate(
    label: StrOrPromise, limit: int, message: StrOrPromise, hint: StrOrPromise = ""
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=hint,
        required=False,
        min_value=-limit,
        max_value=limit,
        error_messages={"invalid": message, "min_value": message, "max_value": message},
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class ServiceForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the service"),
        max_length=200,
        error_messages={"required": _("Enter the name of the service.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of service"),
        choices=Service.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of service.")},
    )
    address = forms.CharField(label=_("Address (optional)"), required=False, widget=forms.Textarea)
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        required=False,
        max_length=10,
        help_text=_("For example, LS1 4AP"),
    )
    latitude = _coordinate(
        _("Latitude (optional)"),
        90,
        _("Enter a latitude between -90 and 90, like 53.79648."),
        _("Used to show the service on a map. Enter both latitude and longitude, or neither."),
    )
    longitude = _coordinate(
        _("Longitude (optional)"), 180, _("Enter a longitude between -180 and 180, like -1.54785.")
    )
    area = forms.CharField(
        label=_("Area (optional)"),
        required=False,
        max_length=120,
        help_text=_("The town, borough or team area, for example North Leeds"),
    )

    def __init__(
        self, *args: Any, organisation: Organisation, service: Service | None = None, **kwargs: Any
    ) -> None:
        if service is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                field: getattr(service, field)
                for field in (
                    "name",
                    "kind",
                    "address",
                    "postcode",
                    "latitude",
                    "longitude",
                    "area",
                )
            }
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.service = service

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        exclude_id = self.service.pk if self.service else None
        if queries.service_name_taken(self.organisation, name, exclude_id=exclude_id):
            raise ValidationError(
                _("There is already a service called %(name)s. Choose another name."),
                params={"name": name},
            )
        return name

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        postcode = normalise_uk_postcode(value)
        if postcode is None:
            raise ValidationError(_("Enter a real postcode, like LS1 4AP."))
        return postcode

    def _clean_coordinate(self, name: str) -> Decimal | None:
        value = self.cleaned_data[name]
        return None if value is None else value.quantize(COORDINATE_PLACES, ROUND_HALF_UP)

    def clean_latitude(self) -> Decimal | None:
        return self._clean_coordinate("latitude")

    def clean_longitude(self) -> Decimal | None:
        return self._clean_coordinate("longitude")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_latitude = data.get("latitude") is not None
        has_longitude = data.get("longitude") is not None
        if has_latitude and not has_longitude and "longitude" not in self.errors:
            self.add_error("longitude", _("Enter the longitude too, or leave both empty."))
        if has_longitude and not has_latitude and "latitude" not in self.errors:
            self.add_error("latitude", _("Enter the latitude too, or leave both empty."))
        return data


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or area"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All services")),
            ("active", _("Running services")),
            ("inactive", _("Deactivated services")),
        ],
    )


class MembershipSearchForm(forms.Form):
    q = forms.CharField(label=_("Search by name or email"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("Any role")), *Role.choices]
    )
    # A search, not a select: an organisation can run over a thousand services.
    service = forms.CharField(label=_("Service name contains"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("Current and ended")),
            ("current", _("Current only")),
            ("ended", _("Ended only")),
        ],
    )


SERVICES_HINT = _(
    "Only for a support worker, service manager, quality checker or person supported. "
    "For staff, leave every box empty to cover all services."
)
SERVICE_NAMES_HINT = _(
    "Type the name of each service, one on each line, as it is on the Services page. "
    "Only for a support worker, service manager, quality checker or person supported. "
    "For staff, leave this empty to cover all services."
)
# Above this many services the form asks for names rather than showing a box for each.
MANY_SERVICES = 30


def _typed_names(value: str) -> list[str]:
    """Split what was typed into names: one a line, or separated by commas."""
    names: list[str] = []
    for line in value.splitlines():
        for name in line.split(","):
            name = " ".join(name.split())
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names


class _RoleAndServicesForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role.")},
    )
    services = ModelMultipleChoiceField(
        label=_("Services"),
        required=False,
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=SERVICES_HINT,
    )

    def __init__(
        self, *args: Any, organisation: Organisation, keep: list[int] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        services = queries.services_of(organisation)
        # Running services, plus any already chosen that have since been deactivated.
        self.offered = services.filter(Q(is_active=True) | Q(pk__in=keep or [])).order_by("name")
        self.by_name = self.offered.count() > MANY_SERVICES
        if not self.by_name:
            self.fields["services"].queryset = self.offered  # type: ignore[attr-defined]
            return
        self.fields["services"] = forms.CharField(
            label=_("Services"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
            help_text=SERVICE_NAMES_HINT,
        )
        chosen = self.initial.get("services")
        if chosen and not isinstance(chosen, str):
            self.initial["services"] = "\n".join(sorted(service.name for service in chosen))

    def clean_services(self) -> list[Service]:
        value = self.cleaned_data["services"]
        if not self.by_name:
            return list(value)
        names = _typed_names(value)
        if not names:
            return []
        found = {
            service.lower_name: service
            for service in self.offered.annotate(lower_name=Lower("name")).filter(
                lower_name__in=[name.lower() for name in names]
            )
        }
        unknown = [name for name in names if name.lower() not in found]
        if unknown:
            raise ValidationError(
                [
                    ValidationError(
                        _(
                            "We could not find a service called '%(name)s'. "
                            "Check the spelling on the Services page."
                        ),
                        params={"name": name},
                    )
                    for name in unknown
                ]
            )
        return [found[name.lower()] for name in names]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, services = data.get("role"), data.get("services")
        if role and services and role not in ROLES_WITH_SERVICES:
            self.add_error(
                "services",
                _("Leave services empty for this role: it covers the whole organisation."),
            )
        return data


class InviteForm(_RoleAndServicesForm):
    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        error_messages={"required": _("Enter the person's full name.")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("The invitation and sign-in codes go to this address."),
        error_messages={
            "required": _("Enter an email address."),
            "invalid": _("Enter an email address like name@example.com."),
        },
    )
    field_order = ["name", "email", "role", "services"]


class MembershipEditForm(_RoleAndServicesForm):
    pass
