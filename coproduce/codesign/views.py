"""Documents: the library readers find them in, one document to read (standard or easy
read, read aloud by the page's toolbar), and for those who write them, the list to manage,
starting one, writing a new version, moving it on and comparing versions."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coproduce.codesign import lifecycle
from coproduce.codesign.access import access_document
from coproduce.codesign.actions import (
    MoveRefused,
    NotAllowed,
    document_create,
    document_move,
    document_sign_off,
    suggestion_answer,
    suggestion_make,
    version_save,
)
from coproduce.codesign.checks import (
    check_paragraphs,
    failures_in,
    glossary_for,
    with_glossary_links,
)
from coproduce.codesign.forms import (
    AnswerForm,
    DocumentForm,
    MoveForm,
    SignOffForm,
    SuggestionForm,
    VersionForm,
)
from coproduce.codesign.models import TOPIC_SYMBOLS, DocumentStatus, DocumentVersion, Topic
from coproduce.codesign.queries import (
    documents_for_me,
    documents_to_manage,
    open_for_my_comments,
    services_of,
    suggestion_in,
    suggestions_by,
    suggestions_on,
    waiting_for_sign_off,
)
from coproduce.codesign.queries import (
    library as library_of,
)
from coproduce.codesign.rules import WRITERS, may_sign_off_easy_read
from coproduce.core.access import not_found, number_or_404, require_roles

PER_PAGE = 25
S = DocumentStatus

# The moves an editor is offered from each status (signing off is the editor's own page).
OFFERED: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.OPEN_FOR_COMMENTS, S.EASY_READ),
    S.OPEN_FOR_COMMENTS: (S.EASY_READ, S.DRAFT),
    S.EASY_READ: (S.DRAFT,),
    S.SIGNED_OFF: (S.PUBLISHED, S.EASY_READ),
    S.PUBLISHED: (S.DUE_FOR_REVIEW,),
    S.DUE_FOR_REVIEW: (S.PUBLISHED,),
}
MOVE_LABELS: dict[str, Any] = {
    S.OPEN_FOR_COMMENTS: gettext_lazy("Open it for comments"),
    S.EASY_READ: gettext_lazy("Write the easy-read version"),
    S.DRAFT: gettext_lazy("Back to draft"),
    S.PUBLISHED: gettext_lazy("Publish it"),
    S.DUE_FOR_REVIEW: gettext_lazy("Mark it due for review"),
}


def _topics() -> list[tuple[str, str, str]]:
    return [(topic.value, str(topic.label), TOPIC_SYMBOLS[topic]) for topic in Topic]


@login_required
def library(request: HttpRequest) -> HttpResponse:
    """Published documents by topic picture, by search words and by service; the charter
    and the viewer's own services' information first."""
    viewer = request.viewer  # type: ignore[attr-defined]
    organisation_id = viewer.organisation.pk
    topic = request.GET.get("topic", "")
    topic = topic if topic in Topic.values else ""
    words = request.GET.get("q", "")[:100]
    services = list(services_of(organisation_id))
    service_id = request.GET.get("service", "")
    service = next((s for s in services if str(s.pk) == service_id), None)
    found = library_of(organisation_id, topic=topic, words=words, service=service)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    searching = bool(topic or words or service)
    return render(
        request,
        "codesign/library.jinja",
        {
            "page": page,
            "documents": page.object_list,
            "for_me": [] if searching else documents_for_me(viewer),
            "open_for_comments": [] if searching else open_for_my_comments(viewer),
            "to_sign_off": waiting_for_sign_off(viewer)
            if not searching and may_sign_off_easy_read(viewer, today=timezone.localdate())
            else [],
            "topics": _topics(),
            "topic": topic,
            "topic_symbols": TOPIC_SYMBOLS,
            "words": words,
            "services": services,
            "service": service,
            "searching": searching,
            "writes": viewer.has_role(*WRITERS),
        },
    )


@login_required
def document(request: HttpRequest, document_id: int) -> HttpResponse:
    """One document to read: the published version (or, for its editors, the version being
    written), in standard words or in easy read with a picture beside each point."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_document(viewer, document_id)
    item = reached.document
    version = item.published_version
    draft = False
    if reached.edits and (version is None or request.GET.get("draft")):
        version = item.current_version
        draft = version is not None and version.pk != item.published_version_id
    assert version is not None
    show_easy = request.GET.get("easy") == "1"
    paragraphs = list(version.paragraphs.all())
    easy = show_easy or bool(getattr(request, "easy_read", False))
    texts = [p.easy_text if easy else p.text for p in paragraphs]
    glossary = glossary_for(texts)
    return render(
        request,
        "codesign/document.jinja",
        {
            "document": item,
            "version": version,
            "paragraphs": paragraphs,
            "linked": {
                p.position: with_glossary_links(text, glossary)
                for p, text in zip(paragraphs, texts, strict=True)
            },
            "glossary": glossary,
            "draft": draft or item.published_version_id is None,
            "show_easy": show_easy,
            "edits": reached.edits,
            "topic_symbol": TOPIC_SYMBOLS.get(item.topic, "document"),
        },
    )


@require_roles(*WRITERS)
def manage(request: HttpRequest) -> HttpResponse:
    """The documents the viewer writes, with where each stands."""
    viewer = request.viewer  # type: ignore[attr-defined]
    page = Paginator(documents_to_manage(viewer), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "codesign/manage.jinja", {"page": page, "documents": page.object_list})


def _add_errors(form: DocumentForm | VersionForm, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


@require_roles(*WRITERS)
def new(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    posted = request.method == "POST"
    form = DocumentForm(request.POST if posted else None, viewer=viewer)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            created = document_create(
                viewer=viewer,
                kind=data["kind"],
                topic=data["topic"],
                title=data["title"],
                title_easy_read=data.get("title_easy_read") or "",
                paragraphs=form.words(),
                services=data.get("services") or [],
                whole_organisation=bool(data.get("whole_organisation")),
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The document is started as a draft."))
            version = created.current_version
            failing = (
                failures_in(check_paragraphs(list(version.paragraphs.all()))) if version else 0
            )
            if failing:
                messages.info(
                    request,
                    _("The easy-read check found %(count)s things to change. See below.")
                    % {"count": failing},
                )
            return redirect("codesign:edit", document_id=created.pk)
    return render(request, "codesign/new.jinja", {"form": form})


@login_required
def edit(request: HttpRequest, document_id: int) -> HttpResponse:
    """Write a new version of the words, and move the document on."""
    viewer = request.viewer  # type: ignore[attr-defined]
    item = access_document(viewer, document_id, "edit").document
    version = item.current_version
    paragraphs = list(version.paragraphs.all()) if version else []
    posted = request.method == "POST"
    initial = (
        {"title": version.title, "title_easy_read": version.title_easy_read} if version else {}
    )
    form = VersionForm(request.POST if posted else None, paragraphs=paragraphs, initial=initial)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            saved = version_save(
                viewer=viewer,
                document=item,
                title=data["title"],
                title_easy_read=data.get("title_easy_read") or "",
                paragraphs=form.words(),
                what_changed=data["what_changed"],
                what_changed_easy_read=data.get("what_changed_easy_read") or "",
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        except MoveRefused:
            messages.info(request, _("It cannot be changed now. Move it back to draft first."))
            return redirect("codesign:edit", document_id=item.pk)
        else:
            messages.success(request, _("Saved as version %(number)s.") % {"number": saved.number})
            failing = failures_in(check_paragraphs(list(saved.paragraphs.all())))
            if failing:
                messages.info(
                    request,
                    _("The easy-read check found %(count)s things to change. See below.")
                    % {"count": failing},
                )
            return redirect("codesign:edit", document_id=item.pk)
    moves = [(to, MOVE_LABELS[to]) for to in OFFERED.get(item.status, ())]
    suggestions = list(suggestions_on(item))
    return render(
        request,
        "codesign/edit.jinja",
        {
            "open_suggestions": [
                (suggestion, AnswerForm(prefix=f"s{suggestion.pk}"))
                for suggestion in suggestions
                if suggestion.status == "open"
            ],
            "answered_suggestions": [s for s in suggestions if s.status != "open"],
            "document": item,
            "version": version,
            "form": form,
            "moves": moves,
            "move_form": MoveForm(),
            "words_change": lifecycle.may_edit_words(item.status),
            "checks": {check.position: check for check in check_paragraphs(paragraphs)},
            "events": list(item.events.select_related("by")),
        },
    )


@require_POST
@login_required
def move(request: HttpRequest, document_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    item = access_document(viewer, document_id, "edit").document
    form = MoveForm(request.POST)
    if not form.is_valid() or form.cleaned_data["to_status"] not in OFFERED.get(item.status, ()):
        messages.info(request, _("Someone moved it on while you were writing."))
        return redirect("codesign:edit", document_id=item.pk)
    try:
        document_move(
            viewer=viewer,
            document=item,
            to_status=form.cleaned_data["to_status"],
            note=form.cleaned_data.get("note") or "",
        )
    except MoveRefused:
        messages.info(request, _("Someone moved it on while you were writing."))
    else:
        messages.success(request, _("Now: %(status)s.") % {"status": item.get_status_display()})
    return redirect("codesign:edit", document_id=item.pk)


def _lines(version: DocumentVersion, easy: bool) -> list[str]:
    lines = [version.title_easy_read if easy else version.title]
    for paragraph in version.paragraphs.all():
        lines.append(paragraph.easy_text if easy else paragraph.text)
    return [line for line in lines if line]


@login_required
def versions(request: HttpRequest, document_id: int) -> HttpResponse:
    """Every version kept, and two of them compared paragraph by paragraph."""
    viewer = request.viewer  # type: ignore[attr-defined]
    item = access_document(viewer, document_id, "edit").document
    kept = list(item.versions.select_related("created_by"))
    numbers = {version.number: version for version in kept}
    compare = None
    if "old" in request.GET and "new" in request.GET:
        old = numbers.get(number_or_404(request.GET.get("old")))
        new_version = numbers.get(number_or_404(request.GET.get("new")))
        if old is not None and new_version is not None:
            easy = request.GET.get("easy") == "1"
            compare = {
                "old": old,
                "new": new_version,
                "easy": easy,
                "lines": [
                    (line[:1], line[2:])
                    for line in difflib.ndiff(_lines(old, easy), _lines(new_version, easy))
                    if not line.startswith("?")
                ],
            }
    return render(
        request,
        "codesign/versions.jinja",
        {"document": item, "versions": kept, "compare": compare},
    )


@login_required
def comment(request: HttpRequest, document_id: int) -> HttpResponse:
    """The version being written, paragraph by paragraph, for the people it is for to
    comment on one paragraph or suggest other words; what the viewer said, and the answers."""
    viewer = request.viewer  # type: ignore[attr-defined]
    reached = access_document(viewer, document_id, "comment")
    item = reached.document
    version = item.current_version
    assert version is not None
    paragraphs = list(version.paragraphs.all())
    positions = {paragraph.position for paragraph in paragraphs}
    chosen_text = request.POST.get("position") if request.method == "POST" else request.GET.get("p")
    chosen = number_or_404(chosen_text) if chosen_text else None
    if chosen is not None and chosen not in positions:
        chosen = None
    posted = request.method == "POST" and chosen is not None
    form = SuggestionForm(request.POST if posted else None, viewer=viewer, document=item)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            suggestion_make(
                viewer=viewer,
                document=item,
                position=chosen or 0,
                kind=data["kind"],
                text=data["text"],
                easy_read=bool(data.get("easy_read")),
                person=data.get("for_person"),
                voice_how=data.get("voice_how") or "typed",
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            _add_errors(form, error)  # type: ignore[arg-type]
        except MoveRefused:
            messages.info(request, _("Comments on this document have closed."))
            return redirect("codesign:library")
        else:
            messages.success(request, _("Thank you. The people writing it will answer you."))
            return redirect("codesign:comment", document_id=item.pk)
    return render(
        request,
        "codesign/comment.jinja",
        {
            "document": item,
            "version": version,
            "paragraphs": paragraphs,
            "chosen": chosen,
            "form": form,
            "mine": list(suggestions_by(viewer, item)[:50]),
            "topic_symbol": TOPIC_SYMBOLS.get(item.topic, "document"),
        },
    )


@require_POST
@login_required
def answer(request: HttpRequest, document_id: int, suggestion_id: int) -> HttpResponse:
    """The editor accepts or declines one suggestion, with a reason."""
    viewer = request.viewer  # type: ignore[attr-defined]
    item = access_document(viewer, document_id, "edit").document
    suggestion = suggestion_in(item, suggestion_id)
    if suggestion is None:
        raise not_found()
    form = AnswerForm(request.POST, prefix=f"s{suggestion.pk}")
    if not form.is_valid():
        messages.info(request, _("Choose to accept it or not, and say why."))
        return redirect("codesign:edit", document_id=item.pk)
    try:
        suggestion_answer(
            viewer=viewer,
            suggestion=suggestion,
            accept=form.cleaned_data["accept"],
            reason=form.cleaned_data["reason"],
        )
    except MoveRefused:
        messages.info(request, _("Someone answered it already."))
    else:
        messages.success(request, _("Answered. They are told."))
    return redirect("codesign:edit", document_id=item.pk)


@login_required
def sign_off(request: HttpRequest, document_id: int) -> HttpResponse:
    """A person in the paid policy editor role reads the easy-read version and says "I
    understood it" or "change this" with what, and how long it took (paid)."""
    viewer = request.viewer  # type: ignore[attr-defined]
    item = access_document(viewer, document_id, "sign_off").document
    version = item.current_version
    assert version is not None
    posted = request.method == "POST"
    form = SignOffForm(request.POST if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            document_sign_off(
                viewer=viewer,
                document=item,
                understood=data["understood"],
                change_this=data.get("change_this") or "",
                minutes=data["minutes"],
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as error:
            _add_errors(form, error)  # type: ignore[arg-type]
        except (MoveRefused, NotAllowed):
            messages.info(request, _("Someone signed it off already."))
            return redirect("codesign:library")
        else:
            messages.success(
                request,
                _("Thank you. You said you understood it.")
                if data["understood"]
                else _("Thank you. We will change it and ask you again."),
            )
            return redirect("codesign:library")
    return render(
        request,
        "codesign/sign_off.jinja",
        {
            "document": item,
            "version": version,
            "paragraphs": list(version.paragraphs.all()),
            "form": form,
            "topic_symbol": TOPIC_SYMBOLS.get(item.topic, "document"),
        },
    )
