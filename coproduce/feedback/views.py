"""Comments, complaints and compliments: how to raise one, raising it (one page, or picture
steps in easy read, with a photo if you like), what I raised, and one concern's page (and
its photo) for whoever raised it and those handling it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.access import refused, require_roles
from coproduce.core.models import VoiceHow
from coproduce.core.roles import STAFF
from coproduce.feedback import lifecycle
from coproduce.feedback.access import access_concern
from coproduce.feedback.actions import (
    MoveRefused,
    concern_acknowledge,
    concern_close,
    concern_investigate,
    concern_raise,
    concern_respond,
    respond_by_agree,
)
from coproduce.feedback.forms import (
    FEELINGS,
    AcknowledgeForm,
    AgreeDateForm,
    NoteForm,
    RaiseForm,
    RespondForm,
)
from coproduce.feedback.models import (
    About,
    Concern,
    ConcernKind,
    ConcernStatus,
    Theme,
    themes_in_order,
)
from coproduce.feedback.queries import concerns_raised_by
from coproduce.feedback.rules import FIGURE_READERS
from coproduce.people.images import image_response
from coproduce.people.queries import own_person

PER_PAGE = 25

# What each status means for the person who raised it, in easy read.
STATUS_SYMBOLS: dict[str, str] = {
    ConcernStatus.RECEIVED: "wait",
    ConcernStatus.ACKNOWLEDGED: "listen",
    ConcernStatus.INVESTIGATING: "search",
    ConcernStatus.RESPONDED: "tell",
    ConcernStatus.CLOSED: "yes",
}


@login_required
def concern(request: HttpRequest, concern_id: int) -> HttpResponse:
    reached = access_concern(request.viewer, concern_id)  # type: ignore[attr-defined]
    item = reached.concern
    today = timezone.localdate()
    is_complaint = item.kind == ConcernKind.COMPLAINT
    return render(
        request,
        "feedback/concern.jinja",
        {
            "concern": item,
            "reached": reached,
            "events": list(item.events.select_related("by")),
            "is_complaint": is_complaint,
            "symbol": STATUS_SYMBOLS.get(item.status, "info"),
            "acknowledge_late": is_complaint
            and lifecycle.overdue(
                item.acknowledge_by, today, done=item.acknowledged_at is not None
            ),
            "respond_late": is_complaint
            and lifecycle.overdue(item.respond_by, today, done=item.responded_at is not None),
            "raised_late": is_complaint
            and lifecycle.raised_late(item.happened_on, item.received_on),
            "themes": [Theme(theme).label for theme in themes_in_order(item.themes or [])],
        },
    )


@login_required
def concern_photo(request: HttpRequest, concern_id: int) -> FileResponse:
    """The concern's photo, to whoever may open the concern (never the worker a complaint
    is about): never cached, never sniffed. Opening the page is audited; the photo it
    shows is not audited again."""
    reached = access_concern(request.viewer, concern_id, audit=False)  # type: ignore[attr-defined]
    return image_response(reached.concern.photo.name)


ROLES_WHO_RAISE = ("person", "supporter", *STAFF)


@require_roles(*ROLES_WHO_RAISE)
def mine(request: HttpRequest) -> HttpResponse:
    """What I raised (and what was raised for me), newest first."""
    viewer = request.viewer  # type: ignore[attr-defined]
    page = Paginator(concerns_raised_by(viewer), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/mine.jinja",
        {
            "page": page,
            "concerns": page.object_list,
            "reads_figures": viewer.has_role(*FIGURE_READERS),
        },
    )


@require_roles(*ROLES_WHO_RAISE)
def how(request: HttpRequest) -> HttpResponse:
    """How to raise a comment, complaint or compliment, and what will happen."""
    return render(request, "feedback/how.jinja", {})


@require_roles(*ROLES_WHO_RAISE)
def raise_concern(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    initial = {"kind": request.GET.get("kind", "")}
    posted = request.method == "POST"
    form = RaiseForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        viewer=viewer,
        initial=initial,
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        person = data.get("for_person") or own_person(viewer)
        on_behalf = data.get("for_person") is not None
        how_given = data["voice_how"] if on_behalf else VoiceHow.TYPED
        try:
            concern = concern_raise(
                viewer=viewer,
                kind=data["kind"],
                about=data["about"],
                service=data.get("service") if data["about"] != About.ORGANISATION else None,
                worker=data.get("worker") if data["about"] == About.WORKER else None,
                person=person,
                raiser=form.raiser(),
                what_happened=data["what_happened"],
                how_i_feel=data.get("how_i_feel") or "",
                what_would_help=data.get("what_would_help") or "",
                happened_on=data.get("happened_on"),
                voice_how=how_given,
                voice_helper=viewer.user
                if on_behalf and how_given in (VoiceHow.SUPPORTED, VoiceHow.ON_BEHALF)
                else None,
                photo=form.checked_photo,
                photo_description=data.get("photo_description") or "",
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            for name, texts in error.message_dict.items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
        else:
            if concern.raised_by_id is None:
                messages.success(request, _("Thank you. We have it. You did not give your name."))
                return redirect("feedback:mine")
            messages.success(request, _("Thank you. We have it."))
            return redirect("feedback:concern", concern_id=concern.pk)
    # A file input cannot be filled in again: say so when something else needs changing.
    photo_lost = posted and bool(request.FILES.get("photo")) and not form["photo"].errors
    return render(
        request,
        "feedback/raise.jinja",
        {"form": form, "feelings": FEELINGS, "photo_lost": photo_lost and bool(form.errors)},
    )


# The moves a handler can make from each status, in the order the page offers them.
MOVES: dict[str, tuple[str, ...]] = {
    ConcernStatus.RECEIVED: ("acknowledge",),
    ConcernStatus.ACKNOWLEDGED: ("investigate", "agree_date", "respond", "close"),
    ConcernStatus.INVESTIGATING: ("agree_date", "respond"),
    ConcernStatus.RESPONDED: ("close", "reopen"),
    ConcernStatus.CLOSED: ("reopen",),
}
FORMS = {
    "acknowledge": AcknowledgeForm,
    "investigate": NoteForm,
    "agree_date": AgreeDateForm,
    "respond": RespondForm,
    "close": NoteForm,
    "reopen": NoteForm,
}


def _offered(concern: Concern) -> list[str]:
    moves = MOVES.get(concern.status, ())
    if concern.kind != ConcernKind.COMPLAINT:
        return [m for m in moves if m in ("acknowledge", "close")]
    return [m for m in moves if not (m == "close" and concern.status == ConcernStatus.ACKNOWLEDGED)]


@login_required
def handle(request: HttpRequest, concern_id: int) -> HttpResponse:
    """The handler's page: acknowledge, look into it, agree a date, answer, close, reopen."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_concern(viewer, concern_id)
    if not reached.handles:
        raise refused(viewer, reached.concern, "handle the concern")
    item = reached.concern
    offered = _offered(item)
    chosen = request.POST.get("move", "") if request.method == "POST" else ""
    # The themes chosen so far are ticked again when answering.
    initial = {"themes": list(item.themes or [])}
    forms = {
        move: FORMS[move](request.POST if move == chosen else None, prefix=move, initial=initial)
        for move in offered
    }
    if chosen in forms and forms[chosen].is_valid():
        data = forms[chosen].cleaned_data
        try:
            if chosen == "acknowledge":
                concern_acknowledge(
                    viewer=viewer,
                    concern=item,
                    note=data["note"],
                    respond_by=data.get("respond_by"),
                    late_reason=data.get("late_reason", ""),
                    themes=data.get("themes"),
                )
            elif chosen in ("investigate", "reopen"):
                concern_investigate(viewer=viewer, concern=item, note=data["note"])
            elif chosen == "agree_date":
                respond_by_agree(
                    viewer=viewer,
                    concern=item,
                    respond_by=data["respond_by"],
                    reason=data["reason"],
                )
            elif chosen == "respond":
                concern_respond(
                    viewer=viewer,
                    concern=item,
                    response=data["response"],
                    response_easy_read=data["response_easy_read"],
                    upheld=data["upheld"],
                    themes=data["themes"],
                )
            else:
                concern_close(viewer=viewer, concern=item, note=data["note"])
        except ValidationError as error:
            for name, texts in error.message_dict.items():
                for text in texts:
                    target = name if name in forms[chosen].fields else None
                    forms[chosen].add_error(target, text)
        except MoveRefused:
            messages.info(request, _("Someone moved it on while you were writing."))
            return redirect("feedback:handle", concern_id=item.pk)
        else:
            messages.success(request, _("Saved."))
            return redirect("feedback:concern", concern_id=item.pk)
    return render(
        request,
        "feedback/handle.jinja",
        {
            "concern": item,
            "forms": [(move, forms[move]) for move in offered],
            "raised_late": item.kind == ConcernKind.COMPLAINT
            and lifecycle.raised_late(item.happened_on, item.received_on),
        },
    )
