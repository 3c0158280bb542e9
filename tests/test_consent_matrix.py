"""What a supporter sees follows what the person shares with them: every scope, every place.

For each scope a person can share (and for none), Kyle shares only that one with Mary, his
supporter; every page a supporter can reach about Kyle then answers her with the page when
it needs that scope, and the same 404 as for anything missing when it does not. A page of
the URL policy that a supporter may use must be listed here, with its scope or the reason
it needs none, so a new page cannot skip the check.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from test_url_policy import GET_RULES, POLICY

from conftest import Personas, signed_in_client
from coproduce.people.models import Supporter

pytestmark = pytest.mark.django_db

S = Supporter.Scope

# Each page a supporter reaches about the person, with the scope it needs.
SUPPORTER_PLACES: dict[str, str] = {
    "people:profile": S.PROFILE,
    "people:photo": S.PROFILE,
    "people:profile_picture": S.PROFILE,
    "people:profile_history": S.PROFILE,
    "people:profile_compare": S.PROFILE,
    "people:profile_pdf": S.PROFILE,
    "people:about_me_fhir": S.PROFILE,
    "plans:plan": S.PLAN,
    "plans:entry_respond": S.PLAN,
    "plans:entry_history": S.PLAN,
    "plans:reviews": S.PLAN,
    "plans:agree": S.PLAN,
    "plans:checkin_new": S.PLAN,
    "plans:checkins": S.PLAN,
    "plans:not_working_new": S.PLAN,
    "plans:not_working": S.PLAN,
    "plans:plan_pdf": S.PLAN,
    "plans:plan_pdf_easy_read": S.PLAN,
    "plans:plan_fhir": S.PLAN,
    "matching:choose": S.PLAN,
    "matching:change_request_new": S.PLAN,
    "matching:change_request": S.PLAN,
    "matching:change_request_answers": S.PLAN,
    "decisions:detail": S.PLAN,
    "decisions:mine": S.PLAN,
}
# Meetings: the policy's persona shares profile and plan only, so these are not in its
# allowed set; the matrix still checks them.
MEETING_PLACES = {"plans:one_to_ones": S.MEETINGS, "plans:one_to_one": S.MEETINGS}
# Involvement: the same, for "My involvement and payments".
INVOLVEMENT_PLACES = {
    "involvement:person": S.INVOLVEMENT,
    "involvement:statement": S.INVOLVEMENT,
    "involvement:statement_pdf": S.INVOLVEMENT,
    "involvement:time": S.INVOLVEMENT,
    "involvement:expense": S.INVOLVEMENT,
    "involvement:receipt": S.INVOLVEMENT,
    "involvement:time_new": S.INVOLVEMENT,
    "involvement:expense_new": S.INVOLVEMENT,
    "involvement:benefit": S.INVOLVEMENT,
}
# Pages a supporter may use that are not about what the person shares.
NOT_ABOUT_THE_PERSON = {
    "home": "the supporter's own home page",
    "notifications": "the supporter's own notifications; each links to a page that checks the scope",
    "people:supporter_invitation": "the supporter's own invitation, answered before any scope",
    "core:accessibility": "public",
    "core:symbols": "public",
    "core:theme_css": "public",
    "people:staff_profile": "a worker's public profile, shown to the people of the service",
    "people:staff_photo": "a worker's portrait, part of their public profile",
    "people:film_video": "a worker's introduction film, as their public profile",
    "people:film_captions": "a worker's introduction film, as their public profile",
    "people:film_poster": "a worker's introduction film, as their public profile",
    "voice:mine": "votes and surveys that ask the supporter themself",
    "voice:detail": "a vote or survey that asks the supporter themself",
    "voice:answer": "the supporter's own answer, kept apart from the person's",
    "voice:ideas": "ideas about the services of the people they support, names only to staff",
    "voice:idea": "an idea about a service, names only to staff",
    "voice:idea_new": "the supporter's own idea",
    "voice:idea_picture": "the picture of an idea the supporter may see",
    "feedback:mine": "what the supporter raised themself",
    "feedback:how": "how to raise something, the same for everyone",
    "feedback:raise": "the supporter's own concern; raising one for the person lists only "
    "people who share their feedback",
    "feedback:changes": "what the organisation changed, written to be read by everyone",
    "feedback:service_changes": "what a service changed, written to be read by everyone",
    "feedback:change": "one change, written to be read by everyone, naming nobody who raised it",
    "codesign:library": "published documents, written to be read by everyone in the organisation",
    "codesign:document": "a published document, written to be read by everyone in the organisation",
    "codesign:comment": "a document open for comments at the service of someone they support; "
    "the supporter's own comments",
    "involvement:opportunities": "roles the organisation advertises to everyone; the people "
    "listed are only those who share their involvement",
    "involvement:opportunity": "a role advertised to everyone; saying interested for someone "
    "lists only people who share their involvement",
}
EVERY_SCOPE = [*[scope.value for scope in S], ""]


def test_every_page_a_supporter_may_use_is_in_the_matrix() -> None:
    supporter_pages = {name for name, rule in GET_RULES if "supporter" in rule.allowed}
    listed = set(SUPPORTER_PLACES) | set(NOT_ABOUT_THE_PERSON)
    assert supporter_pages - listed == set(), "add these pages to the consent matrix"


def _share_only(p: Personas, scope: str) -> None:
    link = p.kyle.supporters.get(user=p.supporter)
    Supporter.objects.filter(pk=link.pk).update(scopes=[scope] if scope else [])


@pytest.mark.parametrize("scope", EVERY_SCOPE, ids=[s or "nothing" for s in EVERY_SCOPE])
def test_each_page_answers_a_supporter_by_what_is_shared(personas: Personas, scope: str) -> None:
    places = {**SUPPORTER_PLACES, **MEETING_PLACES, **INVOLVEMENT_PLACES}
    urls = {name: reverse(name, kwargs=POLICY[name].kwargs(personas) or None) for name in places}
    urls["decisions:mine"] += f"?person={personas.kyle.pk}"
    _share_only(personas, scope)
    mary = signed_in_client(personas.supporter)

    for name, needed in places.items():
        response = mary.get(urls[name])
        expected = 200 if needed == scope else 404
        assert response.status_code == expected, f"{name} with {scope or 'nothing'} shared"


# The places that ignored the scope, each with its own test.


def _one_to_one_decision(p: Personas):  # type: ignore[no-untyped-def]
    from coproduce.plans.checkins import actions as actions_checkins
    from coproduce.plans.checkins.tests.checkin_helpers import kyle_one_to_one
    from coproduce.plans.tests.factories import viewer_of

    meeting = kyle_one_to_one(p)
    action = actions_checkins.one_to_one_action_add(
        viewer=viewer_of(p.worker, p.kyle),
        meeting=meeting,
        what="Find out about the cooking course",
        owner="Wendy",
    )
    return action.decision


def test_a_decision_about_a_one_to_one_needs_my_meetings(personas: Personas) -> None:
    decision = _one_to_one_decision(personas)
    mary = signed_in_client(personas.supporter)
    detail = reverse("decisions:detail", kwargs={"decision_id": decision.pk})
    mine = reverse("decisions:mine") + f"?person={personas.kyle.pk}"

    assert mary.get(detail).status_code == 404
    assert "cooking course" not in mary.get(mine).content.decode()

    _share_only(personas, S.PLAN)
    Supporter.objects.filter(person=personas.kyle, user=personas.supporter).update(
        scopes=[S.PLAN, S.MEETINGS]
    )
    assert mary.get(detail).status_code == 200
    assert "cooking course" in mary.get(mine).content.decode()


def test_who_else_supports_the_person_is_never_in_a_supporters_ledger(personas: Personas) -> None:
    from coproduce.decisions.models import Decision
    from coproduce.people.supporters import actions as actions_supporters
    from coproduce.plans.tests.factories import viewer_of

    actions_supporters.supporter_add(
        viewer=viewer_of(personas.person, personas.kyle),
        person=personas.kyle,
        name="Frankie Friend",
        email="frankie@example.test",
        relationship=Supporter.Relationship.FRIEND,
        scopes=[S.PROFILE],
    )
    decision = Decision.objects.filter(person=personas.kyle).latest("pk")
    assert "Frankie" in decision.what
    mary = signed_in_client(personas.supporter)

    page = mary.get(reverse("decisions:mine") + f"?person={personas.kyle.pk}")

    assert "Frankie" not in page.content.decode()
    detail = reverse("decisions:detail", kwargs={"decision_id": decision.pk})
    assert mary.get(detail).status_code == 404
    assert signed_in_client(personas.worker).get(detail).status_code == 200


def test_a_supporter_named_as_confirming_the_plan_must_share_the_plan(personas: Personas) -> None:
    from django.core.exceptions import ValidationError

    from coproduce.plans import actions
    from coproduce.plans.tests.factories import kyle_entry_kwargs, viewer_of

    kyle_entry_kwargs(personas)
    plan = personas.kyle.support_plan
    Supporter.objects.filter(person=personas.kyle, user=personas.supporter).update(
        scopes=[S.PROFILE]
    )

    with pytest.raises(ValidationError) as refused:
        actions.plan_agree(
            viewer=viewer_of(personas.worker, personas.kyle),
            person=personas.kyle,
            base_version=plan.version,
            agreed_how="supporter",
            voice_helper=personas.supporter,
        )
    assert "voice_helper" in refused.value.message_dict


@pytest.mark.parametrize("easy_read", [False, True], ids=["standard", "easy-read"])
def test_the_supporters_home_links_only_to_what_is_shared(
    personas: Personas, easy_read: bool
) -> None:
    Supporter.objects.filter(person=personas.kyle, user=personas.supporter).update(
        scopes=[S.MEETINGS]
    )
    mary = signed_in_client(personas.supporter)
    if easy_read:
        session = mary.session
        session["easy_read"] = True
        session.save()

    page = mary.get(reverse("home")).content.decode()

    def link(name: str) -> str:
        return f'href="{reverse(name, kwargs={"person_id": personas.kyle.pk})}"'

    assert link("plans:one_to_ones") in page
    assert link("plans:plan") not in page
    assert link("people:profile") not in page
