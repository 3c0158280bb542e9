"""Staff profiles, availability and introduction films: thin views over the actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coproduce.core.access import not_found, require_roles
from coproduce.core.tenancy import Viewer
from coproduce.people.images import content_type_for
from coproduce.people.models import StaffProfile
from coproduce.people.presenters import interest_symbol
from coproduce.people.staff import actions as actions_staff
from coproduce.people.staff import films
from coproduce.people.staff.access import access_film, access_staff_profile
from coproduce.people.staff.forms import PART_FORMS, AvailabilityForm, FilmUploadForm
from coproduce.people.staff.presenters import part_rows, slot_text, week
from coproduce.people.staff.queries import (
    STAFF_PROFILE_ROLES,
    availability_of,
    current_film,
    film_history,
    own_staff_profile,
    staff_service_names,
)
from coproduce.people.staff.rules import staff_rules

PART_ORDER = ["about", "interests", "skills", "details", "area", "hours"]


def _own_profile(viewer: Viewer) -> StaffProfile:
    """The viewer's profile, or an unsaved empty one: opening a page never writes."""
    profile = own_staff_profile(viewer)
    if profile is None:
        profile = StaffProfile(organisation=viewer.organisation, user=viewer.user)
    return profile


def _profile_context(profile: StaffProfile, *, full: bool) -> dict[str, object]:
    film = current_film(profile) if profile.pk else None
    context: dict[str, object] = {
        "profile": profile,
        "full": full,
        "film": film,
        "transcript": (film.transcript or films.stored_captions_text(film.captions))
        if film is not None
        else "",
        "interests": list(profile.interests.all()) if profile.pk else [],
        "languages": list(profile.languages or []),
        "slot_text": slot_text,
        "duration_text": films.format_duration,
        "interest_symbol": interest_symbol,
    }
    if full:
        context["rows"] = {part: part_rows(profile, part) for part in PART_ORDER}
        # Languages are already in the public part; managers see the rest below it.
        context["manager_rows"] = [
            part_rows(profile, "skills")[:1],
            part_rows(profile, "details"),
            part_rows(profile, "area"),
            part_rows(profile, "hours"),
        ]
        context["week"] = week(profile)
        context["services"] = staff_service_names(profile) if profile.pk else []
    return context


@require_roles(*STAFF_PROFILE_ROLES)
def my_staff_profile(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    profile = _own_profile(viewer)
    context = _profile_context(profile, full=True)
    context["part_titles"] = {part: PART_FORMS[part].title for part in PART_ORDER}
    context["part_order"] = PART_ORDER
    context["old_films"] = (
        [f for f in film_history(profile) if not f.is_current] if profile.pk else []
    )
    return render(request, "people/staff/mine.jinja", context)


@require_roles(*STAFF_PROFILE_ROLES)
def my_staff_profile_edit(request: HttpRequest, part: str) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    form_class = PART_FORMS.get(part)
    if form_class is None:
        raise not_found()
    profile = _own_profile(viewer)
    context: dict[str, object] = {"part": part, "title": form_class.title}
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                actions_staff.staff_profile_update(
                    actor=viewer.user,
                    organisation=viewer.organisation,
                    part=part,
                    expected_version=form.cleaned_data["version"],
                    changes=form.changes(),
                )
            except actions_staff.StaffProfileConflict as conflict:
                # Keep everything the worker typed, now based on the version saved since.
                data = request.POST.copy()
                data["version"] = str(conflict.current.version)
                form = form_class(data)
                form.is_valid()
                context.update(
                    form=form, conflict=True, saved_rows=part_rows(conflict.current, part)
                )
                return render(request, "people/staff/edit.jinja", context, status=409)
            messages.success(request, _("Your profile is saved."))
            return redirect(reverse("people:my_staff_profile") + f"#{part}")
    else:
        form = form_class(initial=form_class.initial_from(profile))
    context["form"] = form
    return render(request, "people/staff/edit.jinja", context)


@require_roles(*STAFF_PROFILE_ROLES)
def my_availability(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    profile = _own_profile(viewer)
    slots = list(availability_of(profile)) if profile.pk else []
    if request.method == "POST":
        form = AvailabilityForm(request.POST, existing=slots)
        if form.is_valid():
            try:
                actions_staff.availability_add(
                    actor=viewer.user,
                    organisation=viewer.organisation,
                    weekday=form.cleaned_data["weekday"],
                    starts_at=form.cleaned_data["starts_at"],
                    ends_at=form.cleaned_data["ends_at"],
                )
            except ValidationError as error:
                form.add_error("ends_at", error.messages[0])
            else:
                messages.success(request, _("The time is added to your week."))
                return redirect("people:my_availability")
    else:
        form = AvailabilityForm(initial={"weekday": 0})
    return render(
        request,
        "people/staff/availability.jinja",
        {"form": form, "week": week(profile), "slot_text": slot_text},
    )


@require_roles(*STAFF_PROFILE_ROLES)
@require_POST
def my_availability_remove(request: HttpRequest, slot_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    removed = actions_staff.availability_remove(
        actor=viewer.user, organisation=viewer.organisation, slot_id=slot_id
    )
    if removed:
        messages.success(request, _("The time is removed from your week."))
    return redirect("people:my_availability")


@require_roles(*STAFF_PROFILE_ROLES)
def film_upload(request: HttpRequest) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    profile = own_staff_profile(viewer)
    if request.method == "POST":
        form = FilmUploadForm(request.POST, request.FILES)
        if form.is_valid() and form.checked is not None:
            actions_staff.introduction_film_add(
                actor=viewer.user,
                organisation=viewer.organisation,
                video=form.cleaned_data["video"],
                checked=form.checked,
                captions_vtt=form.captions_vtt,
                transcript=form.cleaned_data.get("transcript") or "",
                upload_token=form.cleaned_data["upload_token"],
            )
            messages.success(request, _("Your film is uploaded. People can now watch it."))
            return redirect(reverse("people:my_staff_profile") + "#film")
    else:
        form = FilmUploadForm(initial=FilmUploadForm.new_initial())
    film = current_film(profile) if profile is not None else None
    return render(
        request,
        "people/staff/film_upload.jinja",
        {"form": form, "film": film, "duration_text": films.format_duration},
    )


@login_required
def staff_profile(request: HttpRequest, staff_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    profile = access_staff_profile(viewer, staff_id, "view")
    full = staff_rules.test_rule("view_all", viewer, profile)
    context = _profile_context(profile, full=full)
    context["is_own"] = profile.user_id == viewer.user.pk
    return render(request, "people/staff/profile.jinja", context)


# Film files, only ever through these access-checked views.


def _first_request_of_a_viewing(request: HttpRequest) -> bool:
    """A player asks for the start first, then for ranges as it seeks; audit only the first."""
    return request.headers.get("Range", "").replace(" ", "") in ("", "bytes=0-")


@login_required
@require_http_methods(["GET", "HEAD"])
def film_video(request: HttpRequest, film_id: int) -> HttpResponseBase:
    viewer = request.viewer  # type: ignore[attr-defined]
    film = access_film(viewer, film_id, audit=_first_request_of_a_viewing(request))
    return films.stored_file_response(request, film.video, film.content_type)


@login_required
@require_http_methods(["GET", "HEAD"])
def film_captions(request: HttpRequest, film_id: int) -> HttpResponseBase:
    viewer = request.viewer  # type: ignore[attr-defined]
    film = access_film(viewer, film_id, audit=False)
    if not film.captions:
        raise not_found()
    return films.stored_file_response(request, film.captions, "text/vtt; charset=utf-8")


@login_required
@require_http_methods(["GET", "HEAD"])
def film_poster(request: HttpRequest, film_id: int) -> HttpResponseBase:
    viewer = request.viewer  # type: ignore[attr-defined]
    film = access_film(viewer, film_id, audit=False)
    if not film.poster:
        raise not_found()
    return films.stored_file_response(request, film.poster, "image/jpeg")


@login_required
@require_http_methods(["GET", "HEAD"])
def staff_photo(request: HttpRequest, staff_id: int) -> HttpResponseBase:
    viewer = request.viewer  # type: ignore[attr-defined]
    profile = access_staff_profile(viewer, staff_id, audit=False)
    name = profile.photo.name if profile.photo else ""
    if not name:
        raise not_found()
    return films.stored_file_response(request, profile.photo, content_type_for(name))
