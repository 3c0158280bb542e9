""" "You said, we did" pages: the organisation's changes, each service's, one change, and
starting one from what people said (a complaint, an idea, a vote or survey's outcome, a
"this is not working" flag, a one-to-one meeting, a plan review) or linking it to a change
already under way."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.access import missing, not_found, number_or_404, refused, require_roles
from coproduce.core.roles import MANAGERS_AND_LEADS, STAFF
from coproduce.feedback.changes import (
    MOVES,
    change_link,
    change_move,
    change_start,
    may_manage_change,
    may_start_change,
)
from coproduce.feedback.forms import ChangeForm, ChangeMoveForm
from coproduce.feedback.models import Change, ChangeStatus, SourceKind
from coproduce.feedback.queries import (
    change_in,
    changes_in,
    open_changes_for,
    service_in,
    source_counts,
)
from coproduce.feedback.sources import Source, in_a_plan, reach_source

PER_PAGE = 25
# "You said, we did" is for everyone who can raise something; commissioners read figures.
READERS = ("person", "supporter", *STAFF)


def _member(request: HttpRequest) -> int:
    viewer = request.viewer  # type: ignore[attr-defined]
    if viewer.organisation is None:
        raise not_found()
    return int(viewer.organisation.pk)


def _list(request: HttpRequest, service_id: int | None) -> HttpResponse:
    organisation_id = _member(request)
    service = None
    if service_id is not None:
        service = service_in(organisation_id, service_id)
        if service is None:
            from coproduce.accounts.models import Service

            raise missing(request.viewer, Service, service_id)  # type: ignore[attr-defined]
    status = request.GET.get("status", "")
    status = status if status in ChangeStatus.values else ""
    page = Paginator(
        changes_in(organisation_id, service_id=service_id, status=status), PER_PAGE
    ).get_page(request.GET.get("page"))
    viewer = request.viewer  # type: ignore[attr-defined]
    return render(
        request,
        "feedback/changes.jinja",
        {
            "page": page,
            "changes": page.object_list,
            "service": service,
            "status": status,
            "statuses": ChangeStatus.choices,
            "may_start": may_start_change(viewer, service_id) or viewer.has_role("service_manager"),
        },
    )


@require_roles(*READERS)
def changes(request: HttpRequest) -> HttpResponse:
    return _list(request, None)


@require_roles(*READERS)
def service_changes(request: HttpRequest, service_id: int) -> HttpResponse:
    return _list(request, service_id)


def _change(request: HttpRequest, change_id: int) -> Change:
    viewer = request.viewer  # type: ignore[attr-defined]
    change = change_in(_member(request), change_id)
    if change is None:
        raise missing(viewer, Change, change_id)
    return change


@require_roles(*READERS)
def change(request: HttpRequest, change_id: int) -> HttpResponse:
    item = _change(request, change_id)
    viewer = request.viewer  # type: ignore[attr-defined]
    manages = may_manage_change(viewer, item)
    form = ChangeMoveForm(initial={"status": item.status}) if manages else None
    if form is not None:
        allowed = {item.status, *MOVES.get(item.status, frozenset())}
        form.fields["status"].choices = [  # type: ignore[attr-defined]
            c for c in ChangeStatus.choices if c[0] in allowed
        ]
    return render(
        request,
        "feedback/change.jinja",
        {
            "change": item,
            "notes": list(item.notes.select_related("by")),
            "counts": [(SourceKind(kind).label, n) for kind, n in source_counts(item).items()],
            "surveys": list(
                item.sources.filter(kind=SourceKind.SURVEY).values_list("object_id", flat=True)
            ),
            "ideas": list(
                item.sources.filter(kind=SourceKind.IDEA).values_list("object_id", flat=True)
            ),
            "in_a_plan": in_a_plan(viewer, list(item.sources.all())),
            "form": form,
        },
    )


@require_POST
@login_required
def change_update(request: HttpRequest, change_id: int) -> HttpResponse:
    item = _change(request, change_id)
    viewer = request.viewer  # type: ignore[attr-defined]
    if not may_manage_change(viewer, item):
        raise refused(viewer, item, "move the change on")
    form = ChangeMoveForm(request.POST)
    if form.is_valid():
        try:
            change_move(
                viewer=viewer,
                change=item,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for texts in error.message_dict.values():
                for text in texts:
                    messages.error(request, text)
        else:
            messages.success(request, _("Saved. Everyone who raised it is told."))
    else:
        for errors in form.errors.values():
            for problem in errors:
                messages.error(request, str(problem))
    return redirect("feedback:change", change_id=item.pk)


def _source_from(request: HttpRequest) -> Source | None:
    """The source named in the address or the form: ?concern=5, ?idea=2, ?survey=3,
    ?flag=4, ?one_to_one=6, ?plan_review=7; a 404 for one the viewer may not reach."""
    _member(request)
    for kind in SourceKind.values:
        raw = request.POST.get(kind) or request.GET.get(kind)
        if raw:
            return reach_source(request.viewer, kind, number_or_404(raw))  # type: ignore[attr-defined]
    return None


@require_roles(*MANAGERS_AND_LEADS)
def change_new(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    source = _source_from(request)
    initial = {"service": source.service_id} if source else {}
    form = ChangeForm(request.POST or None, viewer=viewer, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = change_start(
                viewer=viewer,
                you_said=data["you_said"],
                you_said_easy_read=data["you_said_easy_read"],
                we_will=data["we_will"],
                we_will_easy_read=data["we_will_easy_read"],
                service=data.get("service"),
                due_on=data.get("due_on"),
                sources=[source] if source else [],
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            for name, texts in error.message_dict.items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
        else:
            messages.success(request, _("The change is written. Whoever raised it is told."))
            return redirect("feedback:change", change_id=made.pk)
    return render(
        request,
        "feedback/change_new.jinja",
        {
            "form": form,
            "source": source,
            "source_label": SourceKind(source.kind).label if source else "",
            "open_changes": open_changes_for(_member(request), source.service_id) if source else [],
        },
    )


@require_POST
@login_required
def change_add_source(request: HttpRequest, change_id: int) -> HttpResponse:
    item = _change(request, change_id)
    viewer = request.viewer  # type: ignore[attr-defined]
    if not may_manage_change(viewer, item):
        raise refused(viewer, item, "link to the change")
    source = _source_from(request)
    if source is None:
        raise not_found()
    change_link(viewer=viewer, change=item, source=source)
    messages.success(request, _("Linked. Whoever raised it is told where the change stands."))
    return redirect("feedback:change", change_id=item.pk)
