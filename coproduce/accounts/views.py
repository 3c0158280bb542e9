"""Organisation admin pages: services, and the people who hold roles."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.accounts import actions, queries
from coproduce.accounts.access import access_membership, access_service
from coproduce.accounts.forms import (
    InviteForm,
    MembershipEditForm,
    MembershipSearchForm,
    ServiceForm,
    ServiceSearchForm,
)
from coproduce.accounts.models import Membership, Role
from coproduce.accounts.rules import organisation_keeps_an_admin
from coproduce.core.access import require_roles

PAGE_SIZE = 25


def _service_values(form: ServiceForm) -> dict[str, Any]:
    fields = ("name", "kind", "address", "postcode", "latitude", "longitude", "area")
    return {name: form.cleaned_data[name] for name in fields}


@require_roles(Role.ORG_ADMIN)
def service_list(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    form = ServiceSearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    services = queries.search_services(
        viewer.organisation, text=criteria.get("q", ""), status=criteria.get("status", "")
    )
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    searching = bool(criteria.get("q") or criteria.get("status"))
    return render(
        request,
        "accounts/service_list.jinja",
        {"form": form, "page": page, "searching": searching},
    )


@require_roles(Role.ORG_ADMIN)
def service_add(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    form = ServiceForm(request.POST or None, organisation=viewer.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            service = actions.service_create(
                actor=request.user,  # type: ignore[arg-type]
                organisation=viewer.organisation,
                **_service_values(form),
            )
        except actions.ServiceNameTaken as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": service.name})
            return redirect("accounts:service_list")
    return render(request, "accounts/service_form.jinja", {"form": form, "service": None})


@require_roles(Role.ORG_ADMIN)
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    service = access_service(viewer, service_id, "change")
    form = ServiceForm(request.POST or None, organisation=viewer.organisation, service=service)
    if request.method == "POST" and form.is_valid():
        try:
            actions.service_update(
                actor=request.user,  # type: ignore[arg-type]
                service=service,
                **_service_values(form),
            )
        except actions.ServiceNameTaken as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, _("%(name)s has been saved.") % {"name": service.name})
            return redirect("accounts:service_list")
    return render(request, "accounts/service_form.jinja", {"form": form, "service": service})


@require_roles(Role.ORG_ADMIN)
def service_deactivate(request: HttpRequest, service_id: int) -> HttpResponse:
    """Ask, then mark the service as no longer running."""
    viewer = request.viewer  # type: ignore[attr-defined]
    service = access_service(viewer, service_id, "deactivate")
    if request.method == "POST":
        actions.service_deactivate(actor=request.user, service=service)  # type: ignore[arg-type]
        messages.success(request, _("%(name)s has been deactivated.") % {"name": service.name})
        return redirect("accounts:service_list")
    return render(request, "accounts/service_deactivate.jinja", {"service": service})


@require_roles(Role.ORG_ADMIN)
@require_POST
def service_reactivate(request: HttpRequest, service_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    service = access_service(viewer, service_id, "reactivate")
    actions.service_reactivate(actor=request.user, service=service)  # type: ignore[arg-type]
    messages.success(request, _("%(name)s is running again.") % {"name": service.name})
    return redirect("accounts:service_edit", service_id=service.pk)


@require_roles(Role.ORG_ADMIN)
def membership_list(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    form = MembershipSearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    memberships = queries.filter_memberships(
        queries.memberships_of(viewer.organisation),
        text=criteria.get("q", ""),
        role=criteria.get("role", ""),
        service=criteria.get("service", ""),
        status=criteria.get("status", ""),
    )
    # CurrentThenEnded has the count and slicing Paginator uses, not the whole protocol.
    paginator: Paginator[Membership] = Paginator(
        queries.CurrentThenEnded(memberships),  # type: ignore[arg-type]
        PAGE_SIZE,
    )
    page = paginator.get_page(request.GET.get("page"))
    searching = any(criteria.get(key) for key in ("q", "role", "service", "status"))
    service_text = criteria.get("service", "").strip()
    no_such_service = bool(
        service_text
        and not page.object_list
        and not queries.services_of(viewer.organisation)
        .filter(name__icontains=service_text)
        .exists()
    )
    return render(
        request,
        "accounts/membership_list.jinja",
        {
            "form": form,
            "page": page,
            "searching": searching,
            "service_text": service_text,
            "no_such_service": no_such_service,
        },
    )


@require_roles(Role.ORG_ADMIN)
def invite(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    form = InviteForm(request.POST or None, organisation=viewer.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = actions.membership_invite(
                actor=request.user,  # type: ignore[arg-type]
                organisation=viewer.organisation,
                email=data["email"],
                name=data["name"],
                role=data["role"],
                services=data["services"],
            )
        except actions.MembershipExists as exc:
            form.add_error("email", str(exc))
        else:
            messages.success(
                request,
                _("%(name)s has been invited. We have emailed %(email)s how to sign in.")
                % {"name": data["name"], "email": membership.user.email},
            )
            return redirect("accounts:membership_list")
    return render(request, "accounts/invite.jinja", {"form": form})


@require_roles(Role.ORG_ADMIN)
def membership_edit(request: HttpRequest, membership_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    membership = access_membership(viewer, membership_id, "change")
    current_services = list(membership.services.all())
    form = MembershipEditForm(
        request.POST or None,
        organisation=viewer.organisation,
        keep=[service.pk for service in current_services],
        initial={"role": membership.role, "services": current_services},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.membership_update(
                actor=request.user,  # type: ignore[arg-type]
                membership=membership,
                role=form.cleaned_data["role"],
                services=form.cleaned_data["services"],
            )
        except (actions.MembershipExists, actions.LastAdminError) as exc:
            form.add_error("role", str(exc))
        else:
            messages.success(
                request,
                _("%(name)s's role has been saved.") % {"name": membership.user},
            )
            return redirect("accounts:membership_list")
    return render(
        request, "accounts/membership_edit.jinja", {"form": form, "membership": membership}
    )


@require_roles(Role.ORG_ADMIN)
def membership_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    """Ask, then end the membership. It is kept, with the date it ended."""
    viewer = request.viewer  # type: ignore[attr-defined]
    membership = access_membership(viewer, membership_id, "end")
    error = ""
    if request.method == "POST":
        try:
            actions.membership_end(actor=request.user, membership=membership)  # type: ignore[arg-type]
        except actions.LastAdminError as exc:
            error = str(exc)
        else:
            messages.success(
                request,
                _("%(name)s is no longer %(role)s.")
                % {"name": membership.user, "role": membership.get_role_display()},
            )
            return redirect("accounts:membership_list")
    keeps_admin = organisation_keeps_an_admin(
        membership, queries.current_admin_ids(viewer.organisation)
    )
    return render(
        request,
        "accounts/membership_end.jinja",
        {"membership": membership, "error": error, "keeps_admin": keeps_admin},
    )
