"""Pages for daily check-ins, one-to-ones and "this is not working"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduce.core.access import not_found, require_roles
from coproduce.core.follow_ups import follow_ups_for
from coproduce.core.roles import MANAGERS_AND_LEADS
from coproduce.core.tenancy import Viewer
from coproduce.people.models import Person
from coproduce.people.queries import voice_helpers_for_person
from coproduce.people.rules import is_the_person
from coproduce.plans.checkins import actions, queries
from coproduce.plans.checkins.access import (
    access_flag,
    access_one_to_one,
    access_one_to_one_action,
    access_person_checkins,
    access_person_flags,
    access_person_one_to_ones,
)
from coproduce.plans.checkins.forms import (
    CHECKIN_STEPS,
    CheckInForm,
    NotWorkingAnswerForm,
    NotWorkingForm,
    OneToOneActionForm,
    OneToOneNewForm,
    OneToOneNotesForm,
)
from coproduce.plans.checkins.rules import (
    checkin_rules,
    flag_rules,
    may_read_flag,
    one_to_one_rules,
)
from coproduce.plans.models.checkins import MOOD_SCORES, MOOD_SYMBOLS, Mood, OneToOne


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined,no-any-return]


def _easy(request: HttpRequest) -> bool:
    return bool(getattr(request, "easy_read", False))


def _may_ask_to_change_a_worker(viewer: Viewer, person: Person) -> bool:
    """Return True when the viewer may ask for a different worker in "choose my team"."""
    from coproduce.matching.rules import team_rules

    return bool(team_rules.test_rule("ask_change", viewer, person))


def _form_errors(form: Form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


MOOD_CHOICES = [(value, label, MOOD_SYMBOLS[value]) for value, label in Mood.choices]


# Check-ins


@login_required
def checkin_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Ask "How do you want to be supported today?". In easy read, one question a page."""
    viewer = _viewer(request)
    person = access_person_checkins(viewer, person_id, "add")
    is_self = is_the_person(viewer, person)
    easy = _easy(request)
    today = queries.todays_check_in(person)
    kwargs: dict[str, Any] = {
        "organisation": person.organisation,
        "person_user": person.user,
        "helper_queryset": voice_helpers_for_person(person),
        "is_self": is_self,
        "person_name": person.preferred_name,
    }
    last_step = len(CHECKIN_STEPS) - 1
    step = 0
    if request.method == "POST":
        form = CheckInForm(request.POST, **kwargs)
        valid = form.is_valid()
        if easy:
            try:
                step = max(0, min(int(request.POST.get("step", 0)), last_step))
            except ValueError:
                step = 0
            if step < last_step:
                # Only this page's question counts until the last page.
                for name in list(form.errors):
                    if name not in CHECKIN_STEPS[step]:
                        del form.errors[name]
                if not form.errors:
                    step += 1
                    form = CheckInForm(
                        initial={k: request.POST.get(k, "") for k in form.fields}, **kwargs
                    )
                valid = False
        if valid:
            data = form.cleaned_data
            try:
                _check_in, created = actions.checkin_record(
                    viewer=viewer,
                    person=person,
                    mood=data["mood"],
                    wishes=data.get("wishes") or "",
                    support_today=data.get("support_today") or "",
                    voice_how=data.get("voice_how") or "",
                    voice_helper=data.get("voice_helper"),
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Thank you. Your team can see how you feel today.")
                    if created
                    else _("Today's check-in is changed. The first answers are kept."),
                )
                return redirect("plans:checkins", person_id=person.pk)
    else:
        initial = {}
        if today is not None:
            initial = {
                "mood": today.mood,
                "wishes": today.wishes,
                "support_today": today.support_today,
            }
        form = CheckInForm(initial=initial, **kwargs)
    return render(
        request,
        "plans/checkins/new.jinja",
        {
            "person": person,
            "form": form,
            "is_self": is_self,
            "already_today": today,
            "step": step,
            "last_step": last_step,
            "step_fields": CHECKIN_STEPS[step] if easy else list(form.fields),
            "mood_choices": MOOD_CHOICES,
        },
    )


@login_required
@require_roles("support_worker", "service_manager")
def today(request: HttpRequest) -> HttpResponse:
    """Show the people in the viewer's services, today's check-ins first."""
    viewer = _viewer(request)
    rows = queries.todays_check_ins(viewer)
    return render(
        request,
        "plans/checkins/today.jinja",
        {
            "rows": rows,
            "checked_in": sum(1 for _p, c in rows if c is not None),
            "today_date": timezone.localdate(),
        },
    )


CHART_WIDTH = 480
CHART_HEIGHT = 200
CHART_TOP = 20  # room for the top mood's words
CHART_LEFT = 100  # room for the mood words on the left


def _chart(check_ins: list[Any], days: int) -> dict[str, Any]:
    """Place one bar a day, as high as the mood (very sad 1, very happy 5)."""
    start = timezone.localdate() - dt.timedelta(days=days - 1)
    slot = (CHART_WIDTH - CHART_LEFT) / days
    step = CHART_HEIGHT / 5
    bars = []
    for check_in in check_ins:
        score = MOOD_SCORES[check_in.mood]
        index = (check_in.date - start).days
        height = score * step
        bars.append(
            {
                "x": round(CHART_LEFT + index * slot + slot * 0.15, 1),
                "y": round(CHART_TOP + CHART_HEIGHT - height, 1),
                "width": round(slot * 0.7, 1),
                "height": round(height, 1),
                "check_in": check_in,
            }
        )
    levels = [
        {"y": round(CHART_TOP + CHART_HEIGHT - MOOD_SCORES[value] * step + 5, 1), "label": label}
        for value, label in Mood.choices
    ]
    return {
        "bars": bars,
        "levels": levels,
        "width": CHART_WIDTH,
        "height": CHART_TOP + CHART_HEIGHT + 30,
        "base": CHART_TOP + CHART_HEIGHT,
        "left": CHART_LEFT,
        "start": start,
    }


@login_required
def checkins(request: HttpRequest, person_id: int) -> HttpResponse:
    """Show the person's check-ins over four weeks: a chart and the same as a table."""
    viewer = _viewer(request)
    person = access_person_checkins(viewer, person_id, "view")
    days = 28
    items = list(queries.person_check_ins(person, days))
    return render(
        request,
        "plans/checkins/list.jinja",
        {
            "person": person,
            "check_ins": items,
            "chart": _chart(items, days),
            "days": days,
            "is_self": is_the_person(viewer, person),
            "can_add": checkin_rules.test_rule("add", viewer, person),
            "can_flag": flag_rules.test_rule("add", viewer, person),
            "can_see_one_to_ones": one_to_one_rules.test_rule("view", viewer, person),
            "symbols": MOOD_SYMBOLS,
            # What was said is not working, newest first, where the viewer may read it.
            "flags": [
                flag
                for flag in queries.person_flags(person).order_by("-created_at", "-pk")[:20]
                if may_read_flag(viewer, flag)
            ],
        },
    )


# One-to-ones


@login_required
def one_to_ones(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person_one_to_ones(viewer, person_id, "view")
    return render(
        request,
        "plans/one_to_ones/list.jinja",
        {
            "person": person,
            "meetings": list(queries.person_one_to_ones(person)),
            "is_self": is_the_person(viewer, person),
            "can_add": one_to_one_rules.test_rule("add", viewer, person),
        },
    )


@login_required
def one_to_one_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """The person writes what they want to talk about first."""
    viewer = _viewer(request)
    person = access_person_one_to_ones(viewer, person_id, "add")
    is_self = is_the_person(viewer, person)
    form = OneToOneNewForm(
        request.POST if request.method == "POST" else None,
        organisation=person.organisation,
        person_user=person.user,
        helper_queryset=voice_helpers_for_person(person),
        workers=queries.keyworkers_for(person),
        is_self=is_self,
        person_name=person.preferred_name,
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = actions.one_to_one_create(
                viewer=viewer,
                person=person,
                keyworker=data["keyworker"],
                day=data["date"],
                agenda=data["agenda"],
                voice_how=data.get("voice_how") or "",
                voice_helper=data.get("voice_helper"),
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your one-to-one is ready"))
            return redirect("plans:one_to_one", one_to_one_id=meeting.pk)
    return render(
        request,
        "plans/one_to_ones/new.jinja",
        {"person": person, "form": form, "is_self": is_self},
    )


@login_required
def one_to_one(request: HttpRequest, one_to_one_id: int) -> HttpResponse:
    """Show a one-to-one; write its notes, agree actions, say if you felt listened to."""
    viewer = _viewer(request)
    post = request.POST if request.method == "POST" else None
    meeting = access_one_to_one(viewer, one_to_one_id, "view" if post is None else "edit")
    person = meeting.person
    is_self = is_the_person(viewer, person)
    can_edit = one_to_one_rules.test_rule("edit", viewer, person)
    which = request.POST.get("form") if post is not None else None
    notes_form = OneToOneNotesForm(
        post if which == "notes" else None,
        organisation=person.organisation,
        person_user=person.user,
        helper_queryset=voice_helpers_for_person(person),
        is_self=is_self,
        person_name=person.preferred_name,
        initial={
            "notes": meeting.notes,
            "listened": meeting.listened,
            "listened_words": meeting.listened_words,
            "voice_how": meeting.voice_how if meeting.notes else "",
            "voice_helper": meeting.voice_helper_id,
        },
    )
    action_form = OneToOneActionForm(post if which == "action" else None)
    url = reverse("plans:one_to_one", kwargs={"one_to_one_id": meeting.pk})
    if which == "notes" and notes_form.is_valid():
        data = notes_form.cleaned_data
        try:
            actions.one_to_one_update(
                viewer=viewer,
                meeting=meeting,
                notes=data.get("notes") or "",
                listened=data.get("listened") or "",
                listened_words=data.get("listened_words") or "",
                voice_how=data.get("voice_how") or "",
                voice_helper=data.get("voice_helper"),
            )
        except ValidationError as exc:
            _form_errors(notes_form, exc)
        else:
            messages.success(request, _("The notes are saved"))
            return redirect(url)
    elif which == "action" and action_form.is_valid():
        data = action_form.cleaned_data
        try:
            actions.one_to_one_action_add(
                viewer=viewer,
                meeting=meeting,
                what=data["what"],
                owner=data["owner"],
                due_on=data.get("due_on"),
                idempotency_key=data.get("idempotency_key"),
            )
        except ValidationError as exc:
            _form_errors(action_form, exc)
        else:
            messages.success(request, _("The action is added"))
            return redirect(f"{url}#actions")
    elif which == "done":
        try:
            action_id = int(request.POST.get("action_id", ""))
        except ValueError:
            raise not_found() from None
        item = access_one_to_one_action(viewer, action_id)
        if item.one_to_one_id != meeting.pk:
            raise not_found()
        actions.one_to_one_action_mark(
            viewer=viewer, action=item, done=request.POST.get("done") == "1"
        )
        return redirect(f"{url}#actions")
    return render(
        request,
        "plans/one_to_ones/detail.jinja",
        {
            "meeting": meeting,
            "person": person,
            "agenda_items": [line for line in meeting.agenda.splitlines() if line.strip()],
            "items": list(queries.one_to_one_actions(meeting)),
            "notes_form": notes_form,
            "action_form": action_form,
            "is_self": is_self,
            "can_edit": can_edit,
            "can_flag": flag_rules.test_rule("add", viewer, person),
            "follow_ups": follow_ups_for(viewer, "one_to_one", [meeting.pk])[meeting.pk],
            "Listened": OneToOne.Listened,
        },
    )


# "This is not working"


@login_required
def not_working_new(request: HttpRequest, person_id: int) -> HttpResponse:
    """Say "this is not working", about a check-in, a one-to-one, a plan entry, or anything."""
    viewer = _viewer(request)
    person = access_person_flags(viewer, person_id, "add")
    source_kind = request.GET.get("from", "")
    source = queries.flag_source(person, source_kind, request.GET.get("id", ""))
    form = NotWorkingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            flag = actions.not_working_flag(
                viewer=viewer,
                person=person,
                what=data["what"],
                about_a_worker=bool(data.get("about_a_worker")),
                idempotency_key=data.get("idempotency_key"),
                **({source_kind: source} if source is not None else {}),
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("A manager will answer you"))
            return redirect("plans:not_working", flag_id=flag.pk)
    return render(
        request,
        "plans/checkins/not_working_new.jinja",
        {
            "person": person,
            "form": form,
            "source": source,
            "source_kind": source_kind,
            "is_self": is_the_person(viewer, person),
            "can_ask_change": _may_ask_to_change_a_worker(viewer, person),
        },
    )


@login_required
def not_working(request: HttpRequest, flag_id: int) -> HttpResponse:
    """Show a flag and its answer; a manager of the person's services answers it here."""
    viewer = _viewer(request)
    flag = access_flag(viewer, flag_id, "view")
    can_answer = flag.is_open and flag_rules.test_rule("answer", viewer, flag.person)
    form = NotWorkingAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not can_answer:
            raise not_found()
        if form.is_valid():
            try:
                actions.not_working_answer(
                    viewer=viewer, flag=flag, answer=form.cleaned_data["answer"]
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Your answer is sent"))
                return redirect("plans:not_working", flag_id=flag.pk)
    return render(
        request,
        "plans/checkins/not_working.jinja",
        {
            "flag": flag,
            "person": flag.person,
            "form": form,
            "can_answer": can_answer,
            "is_self": is_the_person(viewer, flag.person),
            "can_ask_change": flag.about_a_worker
            and _may_ask_to_change_a_worker(viewer, flag.person),
        },
    )


@login_required
@require_roles(*MANAGERS_AND_LEADS)
def not_working_open(request: HttpRequest) -> HttpResponse:
    """List the flags waiting for an answer, for the people the viewer manages."""
    viewer = _viewer(request)
    return render(
        request,
        "plans/checkins/not_working_open.jinja",
        {"flags": list(queries.open_flags(viewer))},
    )
