"""Ideas: put one forward, see them, say "me too", answer them.

- ``ideas``: the ideas the viewer may see, newest first, by status, 25 a page.
- ``idea_new``: the whole form on one page; in easy read three steps (what is your idea,
  a picture if you like, check and send), kept in the session until "Send my idea".
- ``idea``: one idea, its picture, where it stands, the answer and "me too".
- ``idea_picture``: the picture, served to whoever may see the idea (never a public URL).
- ``idea_me_too``: say "me too", once.
- ``idea_answer``: a leader, or a manager of the idea's service, answers it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.access import not_found, number_or_404, require_roles
from coproduce.core.tenancy import Viewer
from coproduce.people.images import image_response
from coproduce.people.queries import own_person, voice_helpers_for_person
from coproduce.voice.ideas import actions
from coproduce.voice.ideas.access import ReachedIdea, access_idea
from coproduce.voice.ideas.forms import STEPS, IdeaAnswerForm, IdeaForm
from coproduce.voice.ideas.queries import (
    MANY_PEOPLE,
    idea_by_key,
    ideas_for,
    people_to_post_for,
    services_to_choose,
    whose_idea,
)
from coproduce.voice.ideas.rules import (
    ANSWER_ROLES,
    IDEA_ROLES,
    may_post_for_people,
    poster_role,
    shows_author,
)
from coproduce.voice.models import IDEA_STATUS_EASY_READ, Idea, IdeaStatus
from coproduce.voice.queries import audience_for
from coproduce.voice.rules import Audience

PER_PAGE = 25
DRAFT_KEY = "voice:idea_draft"
STATUS_SYMBOLS = {
    IdeaStatus.NEW: "wait",
    IdeaStatus.THINKING: "not_sure",
    IdeaStatus.YES: "yes",
    IdeaStatus.NOT_POSSIBLE: "no",
}
STATUS_TAGS = {
    IdeaStatus.NEW: "govuk-tag--grey",
    IdeaStatus.THINKING: "govuk-tag--yellow",
    IdeaStatus.YES: "govuk-tag--green",
    IdeaStatus.NOT_POSSIBLE: "govuk-tag--red",
}


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined, no-any-return]


def _easy(request: HttpRequest) -> bool:
    return bool(getattr(request, "easy_read", False))


def status_words(idea: Idea, easy_read: bool) -> str:
    """Where the idea stands, in words (easy read: short sentences)."""
    if easy_read:
        return str(IDEA_STATUS_EASY_READ[idea.status])
    return str(IdeaStatus(idea.status).label)


def who_put_it_forward(viewer: Viewer, idea: Idea) -> str:
    """Whose idea it is, as the viewer may read it: named for leaders and staff of its
    service, "Someone at Willow House" for everyone else."""
    someone_else = idea.person is not None and idea.person_id != viewer.person_id
    if idea.person_id is not None and idea.person_id == viewer.person_id:
        return _("Your idea")
    if idea.author_id == viewer.user.pk:
        if someone_else and idea.person is not None:
            return _("%(name)s's idea, put forward by you") % {"name": idea.person.preferred_name}
        return _("Your idea")
    if shows_author(viewer, idea):
        name = whose_idea(idea)
        if (
            idea.person is not None
            and idea.author is not None
            and (idea.person.user_id != idea.author_id)
        ):
            return _("%(name)s's idea, put forward by %(author)s") % {
                "name": name,
                "author": idea.author.get_short_name(),
            }
        return name
    place = idea.service.name if idea.service is not None else _viewer_org_name(viewer)
    return _("Someone at %(place)s") % {"place": place}


def _viewer_org_name(viewer: Viewer) -> str:
    return viewer.organisation.name if viewer.organisation is not None else ""


def _place(viewer: Viewer, idea: Idea) -> str:
    if idea.service is not None:
        return idea.service.name
    return _("All of %(organisation)s") % {"organisation": _viewer_org_name(viewer)}


def _row(viewer: Viewer, idea: Idea, easy_read: bool) -> dict[str, Any]:
    return {
        "idea": idea,
        "who": who_put_it_forward(viewer, idea),
        "place": _place(viewer, idea),
        "status": status_words(idea, easy_read),
        "symbol": STATUS_SYMBOLS[IdeaStatus(idea.status)],
        "tag": STATUS_TAGS[IdeaStatus(idea.status)],
    }


@require_roles(*IDEA_ROLES)
def ideas(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    easy_read = _easy(request)
    status = request.GET.get("status", "")
    if status and status not in IdeaStatus.values:
        raise not_found()
    audience = audience_for(viewer)
    page = Paginator(ideas_for(viewer, audience, status), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "voice/ideas/list.jinja",
        {
            "page": page,
            "rows": [_row(viewer, idea, easy_read) for idea in page.object_list],
            "status": status,
            "statuses": [(value, label) for value, label in IdeaStatus.choices],
        },
    )


# Putting an idea forward


def _form(
    request: HttpRequest, viewer: Viewer, audience: Audience, *, data: Any = None, **kw: Any
) -> IdeaForm:
    role = poster_role(viewer)
    poster = {"person": "person", "supporter": "supporter"}.get(str(role), "staff")
    person = own_person(viewer) if poster == "person" else None
    people = (
        list(people_to_post_for(viewer)[:MANY_PEOPLE])
        if poster == "staff" and may_post_for_people(viewer)
        else []
    )
    return IdeaForm(
        data,
        request.FILES if data is not None else None,
        poster=poster,
        organisation_name=_viewer_org_name(viewer),
        services=services_to_choose(viewer, audience),
        helpers=voice_helpers_for_person(person) if person is not None else None,
        people=people,
        **kw,
    )


def _already_sent(request: HttpRequest, viewer: Viewer) -> HttpResponse | None:
    """A second press of "Send": go to the idea the first one made."""
    raw = request.POST.get("idempotency_key", "")
    try:
        key = uuid.UUID(raw)
    except ValueError:
        return None
    idea = idea_by_key(viewer, key)
    if idea is None:
        return None
    request.session.pop(DRAFT_KEY, None)
    messages.info(request, _("Your idea is sent. Thank you."))
    return redirect("voice:idea", idea_id=idea.pk)


def _post(form: IdeaForm, viewer: Viewer, values: dict[str, Any]) -> Idea | None:
    """Send the idea; put the action's problems on the form."""
    try:
        return actions.idea_post(viewer=viewer, **values)
    except ValidationError as problem:
        for name, errors in problem.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return None


def _sent(request: HttpRequest, idea: Idea) -> HttpResponse:
    request.session.pop(DRAFT_KEY, None)
    messages.success(request, _("Thank you. Your idea is sent. A manager will answer it."))
    return redirect("voice:idea", idea_id=idea.pk)


@require_roles(*IDEA_ROLES)
def idea_new(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    if request.method == "POST" and (done := _already_sent(request, viewer)) is not None:
        return done
    if _easy(request):
        return _idea_steps(request, viewer)
    audience = audience_for(viewer)
    if request.method == "POST":
        form = _form(request, viewer, audience, data=request.POST)
        if form.is_valid():
            data = form.cleaned_data
            idea = _post(
                form,
                viewer,
                {
                    "title": data["title"],
                    "text": data.get("text") or "",
                    "service": data.get("service"),
                    "picture": form.checked_picture,
                    "picture_description": data.get("picture_description") or "",
                    "for_person": data.get("for_person"),
                    "voice_how": data.get("voice_how") or "",
                    "voice_helper": data.get("voice_helper"),
                    "idempotency_key": data["idempotency_key"],
                },
            )
            if idea is not None:
                return _sent(request, idea)
    else:
        form = _form(request, viewer, audience, initial=_initial(uuid.uuid4()))
    return render(
        request,
        "voice/ideas/new.jinja",
        {
            "form": form,
            "picture_lost": request.method == "POST" and bool(request.FILES.get("picture")),
        },
    )


def _initial(key: uuid.UUID) -> dict[str, Any]:
    return {"idempotency_key": key, "voice_how": "typed"}


def _idea_steps(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    """Easy read: one step a page, kept in the session until the idea is sent."""
    audience = audience_for(viewer)
    draft: dict[str, Any] = dict(request.session.get(DRAFT_KEY) or {})
    if "key" not in draft:
        draft = {"key": str(uuid.uuid4())}
    raw_step = request.POST.get("step") if request.method == "POST" else request.GET.get("step")
    step = number_or_404(raw_step) if raw_step else 0
    step = min(step, len(STEPS) - 1)
    # A later step needs the idea's words: start again if they are gone.
    if step > 0 and not draft.get("title"):
        return redirect(reverse("voice:idea_new"))
    url = reverse("voice:idea_new")
    kept_picture = bool(draft.get("picture"))
    initial = {
        "idempotency_key": draft["key"],
        "title": draft.get("title", ""),
        "text": draft.get("text", ""),
        "service": draft.get("service", ""),
        "picture_description": draft.get("picture_description", ""),
        "voice_how": "typed",
    }
    post = request.method == "POST"
    form = _form(
        request,
        viewer,
        audience,
        data=request.POST if post else None,
        initial=initial,
        kept_picture=kept_picture,
    )
    services = {str(s.pk): s for s in services_to_choose(viewer, audience)}
    form.limit_to(STEPS[step])
    # The key is kept with the draft; the one on the page is for a second press of "Send".
    form.fields["idempotency_key"].required = False
    if post and step == 1 and "no_picture" in request.POST:
        draft.pop("picture", None)
        draft.pop("picture_description", None)
        request.session[DRAFT_KEY] = draft
        return redirect(f"{url}?step=2")
    if post and form.is_valid():
        data = form.cleaned_data
        if step == 0:
            service = data.get("service")
            draft.update(
                title=data["title"],
                text=data.get("text") or "",
                service=str(service.pk) if service is not None else "",
            )
            request.session[DRAFT_KEY] = draft
            return redirect(f"{url}?step=1")
        if step == 1:
            if form.checked_picture is not None:
                draft["picture"] = actions.idea_picture_store(form.checked_picture)
            if draft.get("picture"):
                draft["picture_description"] = data.get("picture_description") or ""
            request.session[DRAFT_KEY] = draft
            return redirect(f"{url}?step=2")
        idea = _post(
            form,
            viewer,
            {
                "title": draft.get("title", ""),
                "text": draft.get("text", ""),
                "service": services.get(draft.get("service", "")),
                "picture_name": draft.get("picture", ""),
                "picture_description": draft.get("picture_description", ""),
                "for_person": data.get("for_person"),
                "voice_how": data.get("voice_how") or "",
                "voice_helper": data.get("voice_helper"),
                "idempotency_key": uuid.UUID(draft["key"]),
            },
        )
        if idea is not None:
            return _sent(request, idea)
    if not post:
        request.session[DRAFT_KEY] = draft
    service = services.get(draft.get("service", ""))
    return render(
        request,
        "voice/ideas/new.jinja",
        {
            "form": form,
            "step": step,
            "steps": len(STEPS),
            "draft": draft,
            "draft_place": service.name
            if service is not None
            else _("All of %(organisation)s") % {"organisation": _viewer_org_name(viewer)},
            "step_url": url,
            "picture_lost": post and bool(request.FILES.get("picture")),
        },
    )


# One idea


def _detail_context(request: HttpRequest, reached: ReachedIdea) -> dict[str, Any]:
    viewer = _viewer(request)
    idea = reached.idea
    easy_read = _easy(request)
    return {
        "reached": reached,
        "idea": idea,
        "row": _row(viewer, idea, easy_read),
        "easy_status": str(IDEA_STATUS_EASY_READ[idea.status]),
        "person_name": idea.person.preferred_name if idea.person is not None else None,
    }


@login_required
def idea(request: HttpRequest, idea_id: int) -> HttpResponse:
    reached = access_idea(_viewer(request), idea_id, "view")
    return render(request, "voice/ideas/detail.jinja", _detail_context(request, reached))


@login_required
def idea_picture(request: HttpRequest, idea_id: int) -> FileResponse:
    """The idea's picture, to whoever may see the idea: never cached, never sniffed."""
    reached = access_idea(_viewer(request), idea_id, "picture")
    return image_response(reached.idea.picture.name)


@login_required
@require_POST
def idea_me_too(request: HttpRequest, idea_id: int) -> HttpResponse:
    viewer = _viewer(request)
    reached = access_idea(viewer, idea_id, "me_too", audit=False)
    if actions.idea_me_too(viewer=viewer, idea=reached.idea):
        messages.success(request, _("Thank you. You said “me too”."))
    else:
        messages.info(request, _("You said “me too” already."))
    return redirect("voice:idea", idea_id=idea_id)


@require_roles(*ANSWER_ROLES)
def idea_answer(request: HttpRequest, idea_id: int) -> HttpResponse:
    viewer = _viewer(request)
    reached = access_idea(viewer, idea_id, "answer", audit=request.method != "POST")
    idea = reached.idea
    initial = (
        {"status": idea.status, "answer": idea.answer} if idea.status != IdeaStatus.NEW else {}
    )
    form = IdeaAnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.idea_answer(
                viewer=viewer,
                idea=idea,
                status=form.cleaned_data["status"],
                answer=form.cleaned_data.get("answer") or "",
            )
        except ValidationError as problem:
            for name, errors in problem.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("Your answer is saved. We told whoever put it forward."))
            return redirect("voice:idea", idea_id=idea.pk)
    context = _detail_context(request, reached)
    context["form"] = form
    return render(request, "voice/ideas/answer.jinja", context)
