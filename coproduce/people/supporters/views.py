"""Who can see my things: a person's supporters and what each of them may see."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coproduce.people.models import Supporter
from coproduce.people.rules import is_the_person
from coproduce.people.supporters import actions as actions_supporters
from coproduce.people.supporters.access import (
    access_person_supporters,
    access_supporter_invitation,
    access_supporter_link,
)
from coproduce.people.supporters.forms import (
    SCOPE_HINTS,
    ConsentForm,
    ScopesForm,
    SupporterAddForm,
    WithdrawForm,
)
from coproduce.people.supporters.queries import current_supporters
from coproduce.people.supporters.rules import (
    may_change_link,
    offered_scope_choices,
    supporters_rules,
)

# The picture beside each scope in easy read.
SCOPE_SYMBOLS = {
    Supporter.Scope.PROFILE: "person",
    Supporter.Scope.PLAN: "plan",
    Supporter.Scope.ROTA: "calendar",
    Supporter.Scope.FEEDBACK: "say",
    Supporter.Scope.MEETINGS: "people",
    Supporter.Scope.INVOLVEMENT: "money",
}
RELATIONSHIP_SYMBOLS = {
    Supporter.Relationship.FAMILY: "family",
    Supporter.Relationship.FRIEND: "together",
    Supporter.Relationship.ADVOCATE: "talk",
}


def _add_errors(form: ConsentForm, error: ValidationError) -> None:
    """Show a rule the action enforced beside its question, or at the top."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _scope_words(scopes: list[str]) -> list[str]:
    """The names of what is shared, in the usual order."""
    return [
        str(Supporter.Scope(scope).label) for scope in actions_supporters.ordered_scopes(scopes)
    ]


def _common(person: Any, by_person: bool) -> dict[str, Any]:
    return {
        "person": person,
        "by_person": by_person,
        "scopes": offered_scope_choices(),
        "scope_symbols": SCOPE_SYMBOLS,
        "scope_hints": SCOPE_HINTS,
        "relationship_symbols": RELATIONSHIP_SYMBOLS,
    }


@login_required
def supporters(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    person = access_person_supporters(viewer, person_id, "view")
    links = list(current_supporters(person))
    context = _common(person, is_the_person(viewer, person))
    may_change = supporters_rules.test_rule("change", viewer, person)
    context.update(
        links=links,
        may_change=may_change,
        # Read-only viewers (leads, admins) get no change links: those pages would 404.
        changeable={link.pk for link in links if may_change and may_change_link(viewer, link)},
    )
    return render(request, "people/supporters/list.jinja", context)


@login_required
def supporter_scopes(request: HttpRequest, person_id: int, link_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    person, link = access_supporter_link(viewer, person_id, link_id, "change")
    by_person = is_the_person(viewer, person)
    form = ScopesForm(
        request.POST or None,
        initial=ScopesForm.new_initial(scopes=list(link.scopes)),
        person=person,
        by_person=by_person,
        supporter_name=link.user.get_short_name(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions_supporters.supporter_scopes_update(
                viewer=viewer,
                person=person,
                link=link,
                scopes=form.cleaned_data["scopes"],
                **form.voice(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Saved. %(name)s can see what you chose.") % {"name": link.user.get_short_name()}
                if by_person
                else _("Saved what %(name)s can see.") % {"name": link.user.get_short_name()},
            )
            return redirect("people:supporters", person_id=person.pk)
    context = _common(person, by_person)
    context.update(form=form, link=link)
    return render(request, "people/supporters/scopes.jinja", context)


@login_required
def supporter_add(request: HttpRequest, person_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    person = access_person_supporters(viewer, person_id, "change")
    by_person = is_the_person(viewer, person)
    form = SupporterAddForm(
        request.POST or None,
        initial=SupporterAddForm.new_initial(),
        person=person,
        by_person=by_person,
    )
    if request.method == "POST" and form.is_valid():
        try:
            link = actions_supporters.supporter_add(
                viewer=viewer,
                person=person,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                relationship=form.cleaned_data["relationship"],
                scopes=form.cleaned_data["scopes"],
                **form.voice(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("We asked %(name)s by email. They see nothing until they say yes.")
                % {"name": link.user.name},
            )
            return redirect("people:supporters", person_id=person.pk)
    context = _common(person, by_person)
    context.update(form=form)
    return render(request, "people/supporters/add.jinja", context)


@login_required
def supporter_invitation(request: HttpRequest, link_id: int) -> HttpResponse:
    """The invited supporter reads what the person wants to share and says yes or no."""
    viewer = request.viewer  # type: ignore[attr-defined]
    link = access_supporter_invitation(viewer, link_id)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("yes", "no"):
            messages.error(request, _("Choose yes or no"))
            return redirect("people:supporter_invitation", link_id=link.pk)
        actions_supporters.supporter_invitation_answer(
            viewer=viewer, link=link, accept=answer == "yes"
        )
        if answer == "yes":
            messages.success(
                request,
                _("Thank you. You are now %(name)s's supporter.")
                % {"name": link.person.preferred_name},
            )
        else:
            messages.success(request, _("You said no. You see nothing of theirs."))
        return redirect("home")
    return render(
        request,
        "people/supporters/invitation.jinja",
        {"link": link, "person": link.person, "scopes": _scope_words(link.scopes)},
    )


@login_required
def supporter_withdraw(request: HttpRequest, person_id: int, link_id: int) -> HttpResponse:
    viewer = request.viewer  # type: ignore[attr-defined]
    person, link = access_supporter_link(viewer, person_id, link_id, "change", include_ended=True)
    if link.ended_at is not None:
        # Already stopped (the form sent twice, or an old page): nothing more to do.
        return redirect("people:supporters", person_id=person.pk)
    by_person = is_the_person(viewer, person)
    form = WithdrawForm(
        request.POST or None,
        initial=WithdrawForm.new_initial(),
        person=person,
        by_person=by_person,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions_supporters.supporter_withdraw(
                viewer=viewer, person=person, link=link, **form.voice()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s can no longer see anything.") % {"name": link.user.get_short_name()},
            )
            return redirect("people:supporters", person_id=person.pk)
    context = _common(person, by_person)
    context.update(form=form, link=link)
    return render(request, "people/supporters/withdraw.jinja", context)
