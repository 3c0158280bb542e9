"""Pages about a person: the "About me" profile, its edit pages, versions and exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coproduce.core.access import not_found, number_or_404, require_roles
from coproduce.core.jinja2 import date_uk
from coproduce.core.models import VoiceHow
from coproduce.core.person_pages import pages_for
from coproduce.core.roles import STAFF
from coproduce.core.tenancy import Viewer
from coproduce.people import actions, queries
from coproduce.people.access import access_person, access_profile_section
from coproduce.people.actions import EditConflict
from coproduce.people.fhir import FHIR_CONTENT_TYPE, about_me_json
from coproduce.people.forms import (
    CommunicationForm,
    DecisionMakingForm,
    DetailsForm,
    ImportantPersonForm,
    InterestsForm,
    ProfileEntryForm,
    VersionedForm,
    WorkerPreferencesForm,
    question_for,
)
from coproduce.people.images import image_response
from coproduce.people.models import Person, WorkerPreference
from coproduce.people.pdf import PDF_CONTENT_TYPE, profile_pdf
from coproduce.people.presenters import (
    format_symbol,
    interest_symbol,
    section_symbol,
    word_diff,
)
from coproduce.people.rules import is_the_person, person_rules, staff_may_edit_with_person

STAFF_ROLES = STAFF


def _viewer(request: HttpRequest) -> Viewer:
    return request.viewer  # type: ignore[attr-defined,no-any-return]


def _profile_url(person: Person, anchor: str = "") -> str:
    url = reverse("people:profile", kwargs={"person_id": person.pk})
    return f"{url}#{anchor}" if anchor else url


def _supporters_url(viewer: Viewer, person: Person) -> str | None:
    """Return the page of the person's supporters if the viewer may open it."""
    from coproduce.people.supporters.rules import supporters_rules

    if not supporters_rules.test_rule("view", viewer, person):
        return None
    return reverse("people:supporters", kwargs={"person_id": person.pk})


# --- lists and the profile ---------------------------------------------------------------


@require_roles(*STAFF_ROLES)
def person_list(request: HttpRequest) -> HttpResponse:
    """List the people the member of staff supports, each with their communication flag."""
    viewer = _viewer(request)
    page = Paginator(queries.people_list_for_staff(viewer), 50).get_page(request.GET.get("page"))
    return render(request, "people/list.jinja", {"page": page})


@require_roles("person")
def my_profile(request: HttpRequest) -> HttpResponse:
    """Show the signed-in person their own About me page."""
    viewer = _viewer(request)
    if viewer.person_id is None:
        raise not_found()
    return profile(request, viewer.person_id)


@login_required
def profile(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "view_profile")
    about = queries.profile_for(person)
    return render(
        request,
        "people/profile.jinja",
        {
            "person": person,
            "profile": about,
            "details": about.details,
            "is_self": is_the_person(viewer, person),
            "supporters_url": _supporters_url(viewer, person),
            "can_edit": person_rules.test_rule("edit_profile", viewer, person),
            "sections": about.sections,
            "section_symbol": section_symbol,
            "interest_symbol": interest_symbol,
            "format_symbol": format_symbol,
            "age": about.details.age_on(timezone.localdate()),
            "person_pages": pages_for(viewer, person, is_self=bool(is_the_person(viewer, person))),
        },
    )


@login_required
def photo(request: HttpRequest, person_id: int) -> HttpResponseBase:
    person = access_person(_viewer(request), person_id, "view_profile")
    details = queries.details_for(person)
    if not details.photo or not details.photo_consent:
        raise not_found()
    return image_response(details.photo.name)


# --- edits of the details (versioned, one question per page in easy read) ----------------


def _step(request: HttpRequest, count: int) -> int:
    raw = request.POST.get("step") or request.GET.get("step") or "1"
    try:
        step = int(raw)
    except ValueError:
        step = 1
    return min(max(step, 1), count) if count else 1


def _versioned_edit(
    request: HttpRequest,
    *,
    person: Person,
    title: str,
    symbol_name: str,
    make_form: Callable[[Any, Any, int | None], VersionedForm],
    save: Callable[[VersionedForm], Any],
    theirs: Callable[[], list[tuple[str, str]]],
    anchor: str,
) -> HttpResponse:
    """Run an edit form that carries the version it was opened on.

    In easy read the form asks one group of questions per page (``easy_read_steps``),
    saving each page as it goes. If someone saved in between, show their version beside
    the editor's, whose answers stay in the form, with status 409.
    """
    easy = bool(getattr(request, "easy_read", False))
    probe = make_form(None, None, None)
    steps = probe.easy_read_steps if easy else None
    count = len(steps) if steps else 0
    step = _step(request, count)
    is_post = request.method == "POST"
    form = make_form(request.POST if is_post else None, request.FILES if is_post else None, None)
    if steps:
        form.limit_to(steps[step - 1])
    status = 200
    conflict = None
    if is_post and form.is_valid():
        try:
            save(form)
        except EditConflict as exc:
            conflict = exc
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if steps and step < count:
                return redirect(f"{request.path}?step={step + 1}")
            messages.success(request, _("Saved"))
            return redirect(_profile_url(person, anchor))
    if conflict is not None:
        data = request.POST.copy()
        current = conflict.current
        data["base_version"] = str(current.version if current is not None else 0)
        form = make_form(data, None, None)
        if steps:
            form.limit_to(steps[step - 1])
        status = 409
    return render(
        request,
        "people/edit.jinja",
        {
            "person": person,
            "form": form,
            "title": title,
            "symbol_name": symbol_name,
            "step": step,
            "step_count": count,
            "conflict": conflict is not None,
            "theirs": theirs() if conflict is not None else [],
            "cancel_url": _profile_url(person, anchor),
        },
        status=status,
    )


def _details_summary(person: Person) -> Callable[[], list[tuple[str, str]]]:
    def summary() -> list[tuple[str, str]]:
        details = queries.details_for(person)
        return [
            (_("Please call me"), person.preferred_name),
            (_("Pronouns"), details.pronouns),
            (_("Date of birth"), date_uk(details.date_of_birth)),
            (_("Photo"), _("Yes") if details.photo else _("No")),
            (_("Formats"), ", ".join(details.communication_format_labels)),
            (_("Language"), details.communication_language),
            (_("How to communicate"), details.how_to_communicate),
            (
                _("Interests"),
                ", ".join(i.name for i in details.interests.all()) if details.pk else "",
            ),
            (_("Anything else"), details.other_interests),
        ]

    return summary


@login_required
def details_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    details = queries.details_for(person)
    is_self = is_the_person(viewer, person)

    def make_form(data: Any, files: Any, _unused: int | None) -> DetailsForm:
        return DetailsForm(
            data,
            files,
            is_self=is_self,
            person_name=person.preferred_name,
            has_photo=bool(details.photo),
            initial={
                "base_version": details.version,
                "preferred_name": person.preferred_name,
                "pronouns": details.pronouns,
                "date_of_birth": details.date_of_birth,
                "photo_consent": details.photo_consent,
            },
        )

    def save(form: VersionedForm) -> None:
        data = form.cleaned_data
        keys = ("preferred_name", "pronouns", "date_of_birth", "photo_consent")
        changes = cast(actions.DetailsChanges, {k: data[k] for k in keys if k in form.fields})
        if "preferred_name" in changes:
            changes["preferred_name"] = changes["preferred_name"].strip()
        actions.person_details_update(
            actor=viewer.user,
            person=person,
            base_version=data["base_version"],
            changes=changes,
            photo=getattr(form, "checked_picture", None) if "photo" in form.fields else None,
            remove_photo=bool(data.get("remove_photo")),
        )

    return _versioned_edit(
        request,
        person=person,
        title=_("About you") if is_self else _("About %(name)s") % {"name": person.preferred_name},
        symbol_name="you",
        make_form=make_form,
        save=save,
        theirs=_details_summary(person),
        anchor="about",
    )


@login_required
def communication_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    details = queries.details_for(person)
    is_self = is_the_person(viewer, person)

    def make_form(data: Any, files: Any, _unused: int | None) -> CommunicationForm:
        return CommunicationForm(
            data,
            is_self=is_self,
            person_name=person.preferred_name,
            initial={
                "base_version": details.version,
                "communication_formats": details.communication_formats,
                "communication_language": details.communication_language,
                "how_to_communicate": details.how_to_communicate,
            },
        )

    def save(form: VersionedForm) -> None:
        data = form.cleaned_data
        keys = ("communication_formats", "communication_language", "how_to_communicate")
        actions.person_details_update(
            actor=viewer.user,
            person=person,
            base_version=data["base_version"],
            changes=cast(actions.DetailsChanges, {k: data[k] for k in keys if k in form.fields}),
        )

    return _versioned_edit(
        request,
        person=person,
        title=_("How to communicate with you")
        if is_self
        else _("How to communicate with %(name)s") % {"name": person.preferred_name},
        symbol_name="talk",
        make_form=make_form,
        save=save,
        theirs=_details_summary(person),
        anchor="communication",
    )


@login_required
def interests_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    details = queries.details_for(person)
    current = list(details.interests.all()) if details.pk else []
    taxonomy = list(queries.all_interests())
    is_self = is_the_person(viewer, person)

    def make_form(data: Any, files: Any, _unused: int | None) -> InterestsForm:
        return InterestsForm(
            data,
            interests=taxonomy,
            is_self=is_self,
            initial={
                "base_version": details.version,
                "other_interests": details.other_interests,
                **InterestsForm.initial_for(current),
            },
        )

    def save(form: VersionedForm) -> None:
        assert isinstance(form, InterestsForm)
        changes: actions.DetailsChanges = {"interests": form.chosen_interests(current)}
        if "other_interests" in form.fields:
            changes["other_interests"] = form.cleaned_data["other_interests"].strip()
        actions.person_details_update(
            actor=viewer.user,
            person=person,
            base_version=form.cleaned_data["base_version"],
            changes=changes,
        )

    return _versioned_edit(
        request,
        person=person,
        title=_("What you enjoy")
        if is_self
        else _("What %(name)s enjoys") % {"name": person.preferred_name},
        symbol_name="happy",
        make_form=make_form,
        save=save,
        theirs=_details_summary(person),
        anchor="interests",
    )


@login_required
def worker_preferences_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    details = queries.details_for(person)
    about = queries.profile_for(person)
    is_self = is_the_person(viewer, person)

    def make_form(data: Any, files: Any, _unused: int | None) -> WorkerPreferencesForm:
        return WorkerPreferencesForm(
            data,
            is_self=is_self,
            initial={
                "base_version": details.version,
                **WorkerPreferencesForm.initial_for(about.worker_preferences),
            },
        )

    def save(form: VersionedForm) -> None:
        assert isinstance(form, WorkerPreferencesForm)
        actions.worker_preferences_set(
            actor=viewer.user,
            person=person,
            base_version=form.cleaned_data["base_version"],
            preferences=form.preferences(about.worker_preferences),
        )

    def theirs() -> list[tuple[str, str]]:
        rows = queries.profile_for(person).worker_preferences
        return [(p.get_characteristic_display(), _preference_words(p)) for p in rows]

    return _versioned_edit(
        request,
        person=person,
        title=_("The workers you want")
        if is_self
        else _("The workers %(name)s wants") % {"name": person.preferred_name},
        symbol_name="worker",
        make_form=make_form,
        save=save,
        theirs=theirs,
        anchor="workers",
    )


def _preference_words(preference: WorkerPreference) -> str:
    words = str(preference.get_strength_display())
    return f"{words}: {preference.value}" if preference.value else words


def _default_voice(viewer: Viewer, person: Person) -> tuple[str, Any]:
    """Staff editing with the person record "with support" from themselves."""
    if staff_may_edit_with_person(viewer, person):
        return VoiceHow.SUPPORTED.value, viewer.user
    return VoiceHow.TYPED.value, None


@login_required
def decision_making_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    current = queries.decision_making_for(person)
    is_self = is_the_person(viewer, person)
    default_how, default_helper = _default_voice(viewer, person)
    helpers = queries.voice_helpers_for_person(person)

    def make_form(data: Any, files: Any, _unused: int | None) -> DecisionMakingForm:
        initial: dict[str, Any] = {
            "base_version": current.version if current else 0,
            "voice_how": default_how,
            "voice_helper": default_helper.pk if default_helper else None,
        }
        if current is not None:
            initial.update(
                {name: getattr(current, name) for name in actions.DECISION_MAKING_FIELDS}
            )
        return DecisionMakingForm(
            data,
            organisation=person.organisation,
            person_user=person.user,
            helper_queryset=helpers,
            is_self=is_self,
            person_name=person.preferred_name,
            saved_answers=current is not None
            and any(getattr(current, n) for n in actions.DECISION_MAKING_FIELDS),
            initial=initial,
        )

    def save(form: VersionedForm) -> None:
        data = form.cleaned_data
        if "voice_how" in form.fields:
            how, helper = data.get("voice_how") or "", data.get("voice_helper")
        elif current is not None and current.voice_how:
            how, helper = current.voice_how, current.voice_helper
        else:
            how, helper = default_how, default_helper
        assert isinstance(form, DecisionMakingForm)
        actions.decision_making_update(
            actor=viewer.user,
            person=person,
            base_version=data["base_version"],
            answers=form.answers(),
            voice_how=how,
            voice_helper=helper,
        )

    def theirs() -> list[tuple[str, str]]:
        saved = queries.decision_making_for(person)
        if saved is None:
            return []
        probe = make_form(None, None, None)
        return [
            (str(probe.fields[name].label), getattr(saved, name))
            for name in actions.DECISION_MAKING_FIELDS
        ]

    return _versioned_edit(
        request,
        person=person,
        title=_("How you make decisions")
        if is_self
        else _("How %(name)s makes decisions") % {"name": person.preferred_name},
        symbol_name="decision",
        make_form=make_form,
        save=save,
        theirs=theirs,
        anchor="decisions",
    )


# --- relationship circle ----------------------------------------------------------------


@login_required
def circle(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    form = ImportantPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.important_person_add(
            actor=viewer.user,
            person=person,
            name=data["name"].strip(),
            relationship=data["relationship"].strip(),
            closeness=data["closeness"],
            notes=data["notes"].strip(),
        )
        messages.success(request, _("%(name)s is in the circle") % {"name": data["name"].strip()})
        return redirect("people:circle", person_id=person.pk)
    return render(
        request,
        "people/circle.jinja",
        {
            "person": person,
            "form": form,
            "circle": queries.profile_for(person).important_people,
            "is_self": is_the_person(viewer, person),
        },
    )


@require_POST
@login_required
def circle_remove(request: HttpRequest, person_id: int, important_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    if actions.important_person_remove(
        actor=viewer.user, person=person, important_person_id=important_id
    ):
        messages.success(request, _("Taken out of the circle"))
    return redirect("people:circle", person_id=person.pk)


# --- one-page profile parts: edit, versions, compare ------------------------------------


@login_required
def profile_part_edit(request: HttpRequest, person_id: int, section: str) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "edit_profile")
    part = access_profile_section(section)
    entry = queries.profile_entry_for(person, part.value)
    is_self = is_the_person(viewer, person)
    default_how, default_helper = _default_voice(viewer, person)
    helpers = queries.voice_helpers_for_person(person)

    def make_form(data: Any = None, files: Any = None, *, has_picture: bool) -> ProfileEntryForm:
        return ProfileEntryForm(
            data,
            files,
            organisation=person.organisation,
            person_user=person.user,
            helper_queryset=helpers,
            section=part.value,
            is_self=is_self,
            person_name=person.preferred_name,
            has_picture=has_picture,
            initial={
                "base_version": entry.version if entry else 0,
                "text": entry.text if entry else "",
                "voice_how": default_how,
                "voice_helper": default_helper.pk if default_helper else None,
            },
        )

    is_post = request.method == "POST"
    form = make_form(
        request.POST if is_post else None,
        request.FILES if is_post else None,
        has_picture=bool(entry and entry.picture),
    )
    if is_post and form.is_valid():
        data = form.cleaned_data
        try:
            actions.profile_entry_update(
                actor=viewer.user,
                person=person,
                section=part.value,
                base_version=data["base_version"],
                text=data["text"].strip(),
                voice_how=data.get("voice_how") or "",
                voice_helper=data.get("voice_helper"),
                picture=form.checked_picture,
                remove_picture=bool(data.get("remove_picture")),
            )
        except EditConflict as conflict:
            theirs = conflict.current
            retry = request.POST.copy()
            retry["base_version"] = str(theirs.version if theirs else 0)
            return render(
                request,
                "people/profile_part_conflict.jinja",
                {
                    "person": person,
                    "section": part,
                    "theirs": queries.profile_entry_for(person, part.value),
                    "form": make_form(retry, None, has_picture=bool(theirs and theirs.picture)),
                    "lost_picture": bool(request.FILES.get("picture")),
                    "yours_diff": word_diff(theirs.text if theirs else "", data["text"].strip()),
                },
                status=409,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Saved"))
            return redirect(_profile_url(person, f"part-{part.value}"))
    return render(
        request,
        "people/profile_part_edit.jinja",
        {
            "person": person,
            "section": part,
            "entry": entry,
            "form": form,
            "symbol_name": section_symbol(part.value),
            "question": question_for(
                part.value, is_self=is_self, person_name=person.preferred_name
            ),
            "is_self": is_self,
        },
    )


@login_required
def profile_picture(request: HttpRequest, person_id: int, section: str) -> HttpResponseBase:
    """Serve the picture of a profile part (of one kept version with ``?version=N``)."""
    person = access_person(_viewer(request), person_id, "view_profile")
    part = access_profile_section(section)
    entry = queries.profile_entry_for(person, part.value)
    if entry is None:
        raise not_found()
    name = entry.picture.name if entry.picture else ""
    version = request.GET.get("version")
    if version:
        revision = queries.profile_revisions(entry).filter(version=number_or_404(version)).first()
        if revision is None:
            raise not_found()
        name = revision.picture
    return image_response(name)


@login_required
def profile_history(request: HttpRequest, person_id: int, section: str) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "view_profile")
    part = access_profile_section(section)
    entry = queries.profile_entry_for(person, part.value)
    page = Paginator(queries.profile_revisions(entry), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "people/history.jinja",
        {
            "person": person,
            "section": part,
            "entry": entry,
            "page": page,
            "symbol_name": section_symbol(part.value),
        },
    )


@login_required
def profile_compare(request: HttpRequest, person_id: int, section: str) -> HttpResponse:
    """Show the words that changed between two versions of a profile part."""
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "view_profile")
    part = access_profile_section(section)
    entry = queries.profile_entry_for(person, part.value)
    if entry is None:
        raise not_found()
    revisions = queries.profile_revisions(entry)
    newest = entry.version
    to_version = number_or_404(request.GET.get("to") or str(newest))
    from_version = number_or_404(request.GET.get("from") or str(max(to_version - 1, 1)))
    found = {r.version: r for r in revisions.filter(version__in=[from_version, to_version])}
    if from_version not in found or to_version not in found:
        raise not_found()
    older, newer = found[from_version], found[to_version]
    return render(
        request,
        "people/compare.jinja",
        {
            "person": person,
            "section": part,
            "older": older,
            "newer": newer,
            "diff": word_diff(older.text, newer.text),
            "versions": list(revisions.values_list("version", flat=True)),
        },
    )


# --- exports ------------------------------------------------------------------------------


@login_required
def profile_pdf_download(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "export_profile")
    content = profile_pdf(queries.profile_for(person))
    actions.profile_export_record(viewer=viewer, person=person, kind="PDF")
    response = HttpResponse(content, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="one-page-profile-{person.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def about_me_fhir(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = _viewer(request)
    person = access_person(viewer, person_id, "export_profile")
    body = about_me_json(queries.profile_for(person))
    actions.profile_export_record(viewer=viewer, person=person, kind="FHIR")
    response = HttpResponse(body, content_type=FHIR_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="about-me-{person.pk}.json"'
    return response
