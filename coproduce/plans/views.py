"""Pages of the support plan: the plan, adding and changing entries, answers, agreement,
versions, and the reviews that are overdue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.access import not_found, number_or_404, require_roles
from coproduce.core.roles import MANAGERS_AND_LEADS
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Supporter
from coproduce.people.presenters import word_diff
from coproduce.people.queries import voice_helpers_for_person
from coproduce.people.rules import is_the_person, supporter_may
from coproduce.plans import actions, presenters, queries
from coproduce.plans.access import access_plan, access_plan_entry
from coproduce.plans.actions import EntryConflict, EntryWords
from coproduce.plans.forms import WITHOUT_THE_PERSON, AgreeForm, EntryForm, RespondForm
from coproduce.plans.models import (
    SECTION_QUESTIONS,
    SECTION_SYMBOLS,
    Agreement,
    PlanSection,
)
from coproduce.plans.rules import plan_rules


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined,no-any-return]


def _easy(request: HttpRequest) -> bool:
    return bool(getattr(request, "easy_read", False))


def _plan_url(person_id: int, anchor: str = "") -> str:
    url = reverse("plans:plan", kwargs={"person_id": person_id})
    return f"{url}#{anchor}" if anchor else url


def _form_errors(form: Form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _section_or_404(section: str) -> PlanSection:
    try:
        return PlanSection(section)
    except ValueError:
        raise not_found() from None


@login_required
def plan(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show the person's plan: what, where, who, when and how, each entry with its voice,
    whether the person agreed it, and its place in the decisions record."""
    viewer = _viewer(request)
    person, support_plan = access_plan(viewer, person_id, "view")
    entries = list(queries.plan_entries(support_plan))
    return render(
        request,
        "plans/plan.jinja",
        {
            "person": person,
            "plan": support_plan,
            "sections": list(PlanSection),
            "questions": SECTION_QUESTIONS,
            "symbols": SECTION_SYMBOLS,
            "entries": presenters.by_section(entries),
            "week": presenters.week_of(entries),
            "time_range": presenters.time_range,
            "waiting": sum(1 for e in entries if e.agreement == Agreement.NOT_YET_AGREED),
            "is_self": is_the_person(viewer, person),
            "can_add": plan_rules.test_rule("add_entry", viewer, person),
            "can_respond": plan_rules.test_rule("respond", viewer, person),
            "Agreement": Agreement,
        },
    )


def _words(data: dict[str, Any]) -> EntryWords:
    return EntryWords(
        text=data.get("text") or "",
        how_i_will_know=data.get("how_i_will_know") or "",
        weekday=data.get("weekday"),
        starts_at=data.get("starts_at"),
        ends_at=data.get("ends_at"),
        flexible=bool(data.get("flexible")),
    )


@login_required
def entry_add(request: HttpRequest, person_id: int, section: str) -> HttpResponse:
    viewer = _viewer(request)
    part = _section_or_404(section)
    person, _plan = access_plan(viewer, person_id, "add_entry")
    is_self = is_the_person(viewer, person)
    form = EntryForm(
        request.POST if request.method == "POST" else None,
        organisation=person.organisation,
        person_user=person.user,
        helper_queryset=voice_helpers_for_person(person),
        section=part.value,
        is_self=is_self,
        person_name=person.preferred_name,
        initial={"base_version": 0},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.plan_entry_add(
                viewer=viewer,
                person=person,
                section=part.value,
                words=_words(data),
                voice_how=data.get("voice_how") or "",
                voice_helper=data.get("voice_helper"),
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Added to the plan"))
            return redirect(_plan_url(person.pk, f"section-{part.value}"))
    return render(
        request,
        "plans/entry_form.jinja",
        {
            "person": person,
            "section": part,
            "form": form,
            "is_self": is_self,
            "symbol_name": SECTION_SYMBOLS[part],
            "title": _("Add to “%(part)s”") % {"part": SECTION_QUESTIONS[part]},
            "action_url": request.path,
        },
    )


@login_required
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    viewer = _viewer(request)
    entry = access_plan_entry(viewer, entry_id, "edit_entry")
    person = entry.plan.person
    is_self = is_the_person(viewer, person)
    helpers = voice_helpers_for_person(person)

    def make_form(data: Any) -> EntryForm:
        return EntryForm(
            data,
            organisation=person.organisation,
            person_user=person.user,
            helper_queryset=helpers,
            section=entry.section,
            is_self=is_self,
            person_name=person.preferred_name,
            initial={
                "base_version": entry.version,
                "text": entry.text,
                "how_i_will_know": entry.how_i_will_know,
                "weekday": entry.weekday,
                "starts_at": entry.starts_at,
                "ends_at": entry.ends_at,
                "flexible": entry.flexible,
                "voice_how": entry.voice_how or WITHOUT_THE_PERSON,
                "voice_helper": entry.voice_helper_id,
            },
        )

    form = make_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.plan_entry_update(
                viewer=viewer,
                entry=entry,
                base_version=data.get("base_version") or 0,
                words=_words(data),
                voice_how=data.get("voice_how") or "",
                voice_helper=data.get("voice_helper"),
            )
        except EntryConflict as conflict:
            theirs = queries.plan_entry_fresh(conflict.current)
            retry = request.POST.copy()
            retry["base_version"] = str(theirs.version)
            return render(
                request,
                "plans/entry_conflict.jinja",
                {
                    "person": person,
                    "entry": theirs,
                    "theirs": theirs,
                    "form": make_form(retry),
                    "yours_text": data["text"].strip(),
                    "yours_diff": word_diff(theirs.text, data["text"].strip()),
                    "time_range": presenters.time_range,
                },
                status=409,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved"))
            return redirect(_plan_url(person.pk, f"entry-{entry.pk}"))
    return render(
        request,
        "plans/entry_form.jinja",
        {
            "person": person,
            "section": PlanSection(entry.section),
            "entry": entry,
            "form": form,
            "is_self": is_self,
            "symbol_name": SECTION_SYMBOLS[PlanSection(entry.section)],
            "title": _("Change this part of the plan"),
            "action_url": request.path,
        },
    )


def _respond_step(request: HttpRequest, form: RespondForm, *, is_self: bool) -> str:
    """Return the easy-read question to ask next: one question per page."""
    if request.method != "POST":
        return "answer"
    answer = request.POST.get("answer", "")
    if answer not in Agreement.values or answer == Agreement.NOT_YET_AGREED:
        return "answer"
    if answer != Agreement.AGREED and "comment" not in request.POST:
        return "comment"
    if not is_self and "voice_how" not in request.POST:
        return "how"
    return "save"


def _step_with_error(form: RespondForm) -> str:
    if "answer" in form.errors:
        return "answer"
    if "comment" in form.errors:
        return "comment"
    return "how"


@login_required
def entry_respond(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Ask whether an entry is right. In easy read, one question per page."""
    viewer = _viewer(request)
    entry = access_plan_entry(viewer, entry_id, "respond")
    person = entry.plan.person
    is_self = is_the_person(viewer, person)
    form = RespondForm(
        request.POST if request.method == "POST" else None,
        organisation=person.organisation,
        person_user=person.user,
        helper_queryset=voice_helpers_for_person(person),
        is_self=is_self,
        person_name=person.preferred_name,
        initial={"base_version": entry.version},
    )
    easy = _easy(request)
    step = _respond_step(request, form, is_self=is_self) if easy else "all"
    status = 200
    if request.method == "POST" and step in ("save", "all"):
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.plan_entry_respond(
                    viewer=viewer,
                    entry=entry,
                    base_version=data["base_version"],
                    answer=data["answer"],
                    comment=data.get("comment") or "",
                    voice_how=data.get("voice_how") or "",
                    voice_helper=data.get("voice_helper"),
                )
            except EntryConflict:
                messages.error(
                    request,
                    _("This part of the plan changed since you opened it. Read it again."),
                )
                return redirect("plans:entry_respond", entry_id=entry.pk)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your answer is saved."))
                return redirect(_plan_url(person.pk, f"entry-{entry.pk}"))
        if easy:
            step = _step_with_error(form)
        status = 200
    return render(
        request,
        "plans/entry_respond.jinja",
        {
            "person": person,
            "entry": entry,
            "form": form,
            "is_self": is_self,
            "step": step,
            "symbol_name": SECTION_SYMBOLS[PlanSection(entry.section)],
            "section_question": SECTION_QUESTIONS[PlanSection(entry.section)],
            "time_range": presenters.time_range,
        },
        status=status,
    )


@login_required
def agree(request: HttpRequest, person_id: int) -> HttpResponse:
    """Let the person agree their whole plan, in their own way."""
    viewer = _viewer(request)
    person, support_plan = access_plan(viewer, person_id, "agree")
    is_self = is_the_person(viewer, person)
    is_supporter = not is_self and supporter_may(viewer, person, Supporter.Scope.PLAN)
    waiting = (
        queries.plan_entries(support_plan).filter(agreement=Agreement.NOT_YET_AGREED).count()  # type: ignore[union-attr]
        if support_plan is not None
        else 0
    )
    form = AgreeForm(
        request.POST if request.method == "POST" else None,
        is_self=is_self,
        is_supporter=is_supporter,
        person_name=person.preferred_name,
        helper_queryset=voice_helpers_for_person(person),
        initial={"base_version": support_plan.version if support_plan else 0},
    )
    if request.method == "POST" and support_plan is not None and form.is_valid():
        data = form.cleaned_data
        try:
            actions.plan_agree(
                viewer=viewer,
                person=person,
                base_version=data["base_version"],
                agreed_how=data["agreed_how"],
                voice_helper=data.get("voice_helper"),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The plan is agreed"))
            return redirect(_plan_url(person.pk))
    return render(
        request,
        "plans/agree.jinja",
        {
            "person": person,
            "plan": support_plan,
            "form": form,
            "is_self": is_self,
            "waiting": waiting,
        },
    )


@login_required
def entry_history(request: HttpRequest, entry_id: int) -> HttpResponse:
    """List every version of an entry, and compare two of them word by word."""
    viewer = _viewer(request)
    entry = access_plan_entry(viewer, entry_id, "view")
    person = entry.plan.person
    revisions = queries.entry_revisions(entry)
    versions = list(revisions.values_list("version", flat=True))
    compare: dict[str, Any] | None = None
    if "from" in request.GET or "to" in request.GET:
        to_version = number_or_404(request.GET.get("to") or str(entry.version))
        from_version = number_or_404(request.GET.get("from") or str(max(to_version - 1, 1)))
        found = {r.version: r for r in revisions.filter(version__in=[from_version, to_version])}
        if from_version not in found or to_version not in found:
            raise not_found()
        older, newer = found[from_version], found[to_version]
        compare = {
            "older": older,
            "newer": newer,
            "diff": word_diff(older.text, newer.text),
            "know_diff": word_diff(older.how_i_will_know, newer.how_i_will_know),
        }
    page = Paginator(revisions, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/entry_history.jinja",
        {
            "person": person,
            "entry": entry,
            "page": page,
            "versions": versions,
            "compare": compare,
            "time_range": presenters.time_range,
            "symbol_name": SECTION_SYMBOLS[PlanSection(entry.section)],
        },
    )


@require_roles(*MANAGERS_AND_LEADS)
def overdue_reviews(request: HttpRequest) -> HttpResponse:
    """List the plans whose yearly review date has passed."""
    viewer = _viewer(request)
    page = Paginator(queries.overdue_reviews(viewer), 50).get_page(request.GET.get("page"))
    return render(request, "plans/overdue_reviews.jinja", {"page": page})
