"""Every URL pattern, for every persona, against a declared policy.

A new URL with no entry in POLICY fails ``test_every_url_has_a_policy_entry``. For each
entry, allowed personas get their page and every other persona gets 404 (or, signed out,
the sign-in page), so a page never reveals itself to a role that may not use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import PERSONA_NAMES, Personas, signed_in_client
from coproduce.codesign.tests import document_helpers as _documents
from coproduce.feedback.tests import feedback_helpers as _feedback
from coproduce.involvement.tests import involvement_helpers as _involvement
from coproduce.matching.tests import team_helpers as _team
from coproduce.people.staff.tests import staff_helpers as _staff
from coproduce.people.tests import profile_helpers as _profiles
from coproduce.plans.checkins.tests import checkin_helpers as _checkins
from coproduce.plans.tests import factories as _plans
from coproduce.voice.tests import voice_helpers as _voice

EVERY_MEMBER = frozenset(PERSONA_NAMES)
ORG_ADMIN = frozenset({"org_admin", "outsider"})  # the outsider is an admin elsewhere
MANAGERS_AND_LEADS = frozenset(
    {"manager", "quality_lead", "senior_leader", "org_admin", "outsider"}
)
PERSON_SIDE = frozenset({"person", "supporter"})
# Staff who keep a staff profile; who sees the worker persona's profile and film.
STAFF_WITH_PROFILES = frozenset({"worker", "other_worker", "manager"})
# Kyle's About me: Kyle, his supporter (he shares "My profile"), staff of his house, leads.
SEES_KYLES_PROFILE = frozenset(
    {"person", "supporter", "worker", "manager", "quality_lead", "senior_leader", "org_admin"}
)
EDITS_KYLES_PROFILE = frozenset({"person", "worker", "manager"})
SEES_KYLES_PLAN = frozenset(
    {"person", "supporter", "worker", "manager", "quality_lead", "senior_leader", "org_admin"}
)
EDITS_KYLES_PLAN = frozenset({"person", "worker", "manager"})
ANSWERS_KYLES_PLAN = frozenset({"person", "supporter", "worker", "manager"})
# Who oversees a vote at Willow House: its manager and the organisation-wide leads.
VOICE_OVERSEERS = frozenset({"manager", "quality_lead", "senior_leader", "org_admin"})
SEES_KYLES_INVOLVEMENT = frozenset({"person", "worker", "manager", "senior_leader", "org_admin"})
RECORDS_FOR_KYLE = frozenset({"person", "worker", "manager"})
# Who edits a document for Willow House: its manager and the organisation-wide leads.
DOCUMENT_EDITORS = frozenset({"manager", "quality_lead", "senior_leader", "org_admin"})
# Who reads the feedback figures and the CQC summary of complaints.
FEEDBACK_FIGURE_READERS = frozenset({"manager", "quality_lead", "senior_leader"})
SEES_WORKER_PROFILE = frozenset(
    {"person", "supporter", "worker", "manager", "quality_lead", "senior_leader", "org_admin"}
)


@dataclass(frozen=True)
class Rule:
    """Who may use a URL. ``kwargs`` builds the URL's arguments from the personas."""

    allowed: frozenset[str] = frozenset()
    kwargs: Callable[[Personas], dict[str, Any]] = field(default=lambda p: {})
    method: str = "GET"
    public: bool = False  # also open to people who are not signed in
    # Sign-in pages belong to allauth and are checked by the sign-in tests instead.
    sign_in: bool = False
    # What an allowed persona gets: the page, or a redirect for a link that goes on.
    allowed_status: int = 200


def _manager_notification_kwargs(p: Personas) -> dict[str, int]:
    """Kyle asks to change a worker: Maya, who manages his house, is told."""
    from coproduce.accounts.models import Notification

    _team.kyle_change_request(p)
    return {"notification_id": Notification.objects.get(recipient=p.manager).pk}


POLICY: dict[str, Rule] = {
    "home": Rule(EVERY_MEMBER),
    # What waits for an answer: managers and quality leads (who answer "not working").
    "to_answer": Rule(frozenset({"manager", "quality_lead"})),
    # Each member's own notifications; opening one goes on to the page it is about.
    "notifications": Rule(EVERY_MEMBER),
    "notification_open": Rule(
        frozenset({"manager"}), kwargs=_manager_notification_kwargs, allowed_status=302
    ),
    "notifications_mark_read": Rule(EVERY_MEMBER, method="POST"),
    "core:preferences": Rule(public=True, method="POST"),
    "core:accessibility": Rule(EVERY_MEMBER, public=True),
    "core:symbols": Rule(EVERY_MEMBER, public=True),
    "core:theme_css": Rule(
        EVERY_MEMBER, public=True, kwargs=lambda p: {"slug": p.organisation.slug}
    ),
    "set_language": Rule(public=True, method="POST"),
    "core:audit_log": Rule(ORG_ADMIN),
    "accounts:service_list": Rule(ORG_ADMIN),
    "accounts:membership_list": Rule(ORG_ADMIN),
    "accounts:service_add": Rule(ORG_ADMIN),
    "accounts:service_edit": Rule(
        frozenset({"org_admin"}), kwargs=lambda p: {"service_id": p.house.pk}
    ),
    "accounts:service_deactivate": Rule(
        frozenset({"org_admin"}), kwargs=lambda p: {"service_id": p.house.pk}
    ),
    "accounts:service_reactivate": Rule(
        frozenset({"org_admin"}), kwargs=lambda p: {"service_id": p.house.pk}, method="POST"
    ),
    "accounts:invite": Rule(ORG_ADMIN),
    "accounts:membership_edit": Rule(
        frozenset({"org_admin"}),
        kwargs=lambda p: {"membership_id": p.worker.memberships.get().pk},
    ),
    "accounts:membership_end": Rule(
        frozenset({"org_admin"}),
        kwargs=lambda p: {"membership_id": p.worker.memberships.get().pk},
    ),
    "decisions:mine": Rule(PERSON_SIDE),
    "insights:evidence": Rule(frozenset({"commissioner"})),
    "insights:evidence_csv": Rule(frozenset({"commissioner"})),
    "decisions:service_list": Rule(MANAGERS_AND_LEADS),
    # People: staff profiles, introduction films, supporters and what they may see.
    "people:my_staff_profile": Rule(STAFF_WITH_PROFILES),
    "people:my_staff_profile_edit": Rule(STAFF_WITH_PROFILES, kwargs=lambda p: {"part": "about"}),
    "people:my_availability": Rule(STAFF_WITH_PROFILES),
    "people:my_availability_remove": Rule(
        STAFF_WITH_PROFILES, kwargs=lambda p: {"slot_id": 1}, method="POST"
    ),
    "people:film_upload": Rule(STAFF_WITH_PROFILES),
    "people:staff_profile": Rule(
        SEES_WORKER_PROFILE, kwargs=lambda p: {"staff_id": _staff.profile_of(p).pk}
    ),
    "people:staff_photo": Rule(
        SEES_WORKER_PROFILE, kwargs=lambda p: {"staff_id": _staff.profile_with_photo(p).pk}
    ),
    "people:film_video": Rule(
        SEES_WORKER_PROFILE, kwargs=lambda p: {"film_id": _staff.current_film_of(p).pk}
    ),
    "people:film_captions": Rule(
        SEES_WORKER_PROFILE, kwargs=lambda p: {"film_id": _staff.current_film_of(p).pk}
    ),
    "people:film_poster": Rule(
        SEES_WORKER_PROFILE, kwargs=lambda p: {"film_id": _staff.current_film_of(p).pk}
    ),
    "people:supporters": Rule(
        frozenset({"person", "worker", "manager", "org_admin"}),
        kwargs=lambda p: {"person_id": p.kyle.pk},
    ),
    "people:supporter_add": Rule(
        frozenset({"person", "worker", "manager"}), kwargs=lambda p: {"person_id": p.kyle.pk}
    ),
    "people:supporter_scopes": Rule(
        frozenset({"person", "worker", "manager"}),
        kwargs=lambda p: {"person_id": p.kyle.pk, "link_id": p.kyle.supporters.get().pk},
    ),
    "people:supporter_invitation": Rule(
        frozenset({"supporter"}), kwargs=lambda p: {"link_id": _mary_invited_by_ruth(p).pk}
    ),
    "people:supporter_withdraw": Rule(
        frozenset({"person", "worker", "manager"}),
        kwargs=lambda p: {"person_id": p.kyle.pk, "link_id": p.kyle.supporters.get().pk},
    ),
    # People: Kyle's one-page profile (About me), its edits, versions and exports.
    "people:list": Rule(
        frozenset({"worker", "other_worker", "manager", "quality_lead", "senior_leader"})
        | ORG_ADMIN
    ),
    "people:profile": Rule(SEES_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "people:mine": Rule(frozenset({"person"})),
    "people:photo": Rule(SEES_KYLES_PROFILE, kwargs=_profiles.kyle_with_photo),
    "people:details_edit": Rule(EDITS_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "people:communication_edit": Rule(
        EDITS_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}
    ),
    "people:interests_edit": Rule(EDITS_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "people:worker_preferences_edit": Rule(
        EDITS_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}
    ),
    "people:decision_making_edit": Rule(
        EDITS_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}
    ),
    "people:circle": Rule(EDITS_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "people:circle_remove": Rule(
        EDITS_KYLES_PROFILE, kwargs=_profiles.kyle_circle_member, method="POST"
    ),
    "people:profile_part_edit": Rule(
        EDITS_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk, "section": "good_day"}
    ),
    "people:profile_picture": Rule(SEES_KYLES_PROFILE, kwargs=_profiles.kyle_part_with_picture),
    "people:profile_history": Rule(
        SEES_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk, "section": "good_day"}
    ),
    "people:profile_compare": Rule(
        SEES_KYLES_PROFILE, kwargs=_profiles.kyle_part_with_two_versions
    ),
    "people:profile_pdf": Rule(SEES_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "people:about_me_fhir": Rule(SEES_KYLES_PROFILE, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "decisions:person_list": Rule(
        frozenset({"worker", "manager", "quality_lead", "senior_leader", "org_admin"}),
        kwargs=lambda p: {"person_id": p.kyle.pk},
    ),
    "decisions:record_for_person": Rule(
        frozenset({"person", "worker", "manager", "quality_lead", "senior_leader", "org_admin"}),
        kwargs=lambda p: {"person_id": p.kyle.pk},
    ),
    "decisions:record_for_service": Rule(
        frozenset({"manager", "quality_lead", "senior_leader", "org_admin"}),
        kwargs=lambda p: {"service_id": p.house.pk},
    ),
    "decisions:service_detail": Rule(
        frozenset({"worker", "manager", "quality_lead", "senior_leader", "org_admin"}),
        kwargs=lambda p: {"service_id": p.house.pk},
    ),
    "decisions:detail": Rule(
        frozenset(
            {"person", "supporter", "worker", "manager", "quality_lead", "senior_leader"}
            | {"org_admin"}
        ),
        kwargs=lambda p: {"decision_id": _decision_about_kyle(p).pk},
    ),
    # Plans: Kyle's support plan (his supporter has "My support plan"), entries, answers.
    "plans:plan": Rule(SEES_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:entry_add": Rule(
        EDITS_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk, "section": "what"}
    ),
    "plans:entry_edit": Rule(EDITS_KYLES_PLAN, kwargs=_plans.kyle_entry_kwargs),
    "plans:entry_respond": Rule(ANSWERS_KYLES_PLAN, kwargs=_plans.kyle_entry_kwargs),
    "plans:entry_history": Rule(SEES_KYLES_PLAN, kwargs=_plans.kyle_entry_kwargs),
    "plans:review_new": Rule(EDITS_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:reviews": Rule(SEES_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:agree": Rule(ANSWERS_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:overdue_reviews": Rule(MANAGERS_AND_LEADS),
    # Check-ins, one-to-ones, "this is not working" (Kyle's supporter shares the plan, not
    # "My meetings").
    "plans:today": Rule(frozenset({"worker", "other_worker", "manager"})),
    "plans:checkin_new": Rule(
        frozenset({"person", "supporter", "worker", "manager"}),
        kwargs=lambda p: {"person_id": p.kyle.pk},
    ),
    "plans:checkins": Rule(SEES_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:one_to_ones": Rule(
        SEES_KYLES_PLAN - {"supporter"}, kwargs=lambda p: {"person_id": p.kyle.pk}
    ),
    "plans:one_to_one_new": Rule(EDITS_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:one_to_one": Rule(
        SEES_KYLES_PLAN - {"supporter"}, kwargs=_checkins.kyle_one_to_one_kwargs
    ),
    "plans:not_working_new": Rule(
        frozenset({"person", "supporter", "worker", "manager"}),
        kwargs=lambda p: {"person_id": p.kyle.pk},
    ),
    "plans:not_working": Rule(SEES_KYLES_PLAN, kwargs=_checkins.kyle_flag_kwargs),
    "plans:not_working_open": Rule(MANAGERS_AND_LEADS),
    "matching:choose": Rule(SEES_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "matching:manager_review": Rule(
        frozenset({"manager", "quality_lead", "senior_leader", "org_admin"}),
        kwargs=lambda p: {"person_id": p.kyle.pk},
    ),
    "matching:change_request_new": Rule(PERSON_SIDE, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "matching:change_request": Rule(SEES_KYLES_PLAN, kwargs=_team.kyle_request_kwargs),
    # The manager offers other workers; Kyle answers, with whoever may choose his team
    # beside him, except Wendy, the worker he asked to change.
    "matching:change_request_offer": Rule(frozenset({"manager"}), kwargs=_team.kyle_request_kwargs),
    "matching:change_request_answers": Rule(
        frozenset({"person", "supporter", "manager"}), kwargs=_team.kyle_offers_kwargs
    ),
    "matching:change_figures": Rule(MANAGERS_AND_LEADS),
    "plans:plan_pdf": Rule(SEES_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:plan_pdf_easy_read": Rule(SEES_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    "plans:plan_fhir": Rule(SEES_KYLES_PLAN, kwargs=lambda p: {"person_id": p.kyle.pk}),
    # --- voice: answering votes and surveys, and their results ---
    # Everyone a survey can ask: people, supporters and staff (not commissioners or
    # quality checkers).
    "voice:mine": Rule(EVERY_MEMBER - {"quality_checker", "commissioner"}),
    # Maya's quick vote asks Kyle and Mary; Willow House's staff may hold a house meeting
    # for it; leaders oversee it. Wendy is not asked herself.
    "voice:detail": Rule(SEES_KYLES_PLAN, kwargs=_voice.vote_kwargs),
    "voice:answer": Rule(PERSON_SIDE, kwargs=_voice.vote_kwargs),
    # Results after answering: before Kyle and Mary answer, only those who oversee it.
    "voice:results": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs),
    "voice:results_live": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs),
    "voice:results_csv": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs),
    "voice:results_xlsx": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs),
    # Willow House's worker and manager hold house meetings there.
    "voice:house_meeting": Rule(
        frozenset({"worker", "manager"}), kwargs=_voice.house_meeting_kwargs
    ),
    "voice:house_meeting_answer": Rule(
        frozenset({"worker", "manager"}), kwargs=_voice.house_meeting_person_kwargs
    ),
    # --- end of voice: answering ---
    # --- voice: organising votes and surveys ---
    # Writing and running votes: managers (their services) and the organisation-wide leads.
    "voice:manage": Rule(MANAGERS_AND_LEADS),
    "voice:new": Rule(MANAGERS_AND_LEADS),
    "voice:organise": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs),
    "voice:edit": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs),
    "voice:questions": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs),
    "voice:open": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs, method="POST"),
    "voice:close": Rule(VOICE_OVERSEERS, kwargs=_voice.vote_kwargs, method="POST"),
    "voice:outcome": Rule(VOICE_OVERSEERS, kwargs=_voice.closed_vote_kwargs),
    "voice:run_again": Rule(VOICE_OVERSEERS, kwargs=_voice.closed_vote_kwargs, method="POST"),
    # The chosen meeting time: everyone who may see the poll (it asks people, not supporters).
    "voice:invitation": Rule(SEES_KYLES_PLAN - {"supporter"}, kwargs=_voice.meeting_chosen_kwargs),
    # --- end of voice: organising ---
    # --- feedback ---
    # Raising and following what I raised: people supported, supporters and staff.
    "feedback:mine": Rule(EVERY_MEMBER - {"quality_checker", "commissioner"}),
    "feedback:how": Rule(EVERY_MEMBER - {"quality_checker", "commissioner"}),
    "feedback:raise": Rule(EVERY_MEMBER - {"quality_checker", "commissioner"}),
    # A concern: whoever raised it (Kyle) and those handling it; never the worker it is about.
    "feedback:concern": Rule(
        frozenset({"person", "manager", "quality_lead"}), kwargs=_feedback.concern_kwargs
    ),
    "feedback:handle": Rule(
        frozenset({"manager", "quality_lead"}), kwargs=_feedback.concern_kwargs
    ),
    # Its photo: the same people as the concern; never Wendy, whom Kyle's complaint is about.
    "feedback:concern_photo": Rule(
        frozenset({"person", "manager", "quality_lead"}), kwargs=_feedback.concern_photo_kwargs
    ),
    # "You said, we did": everyone who can raise something reads it; managers and leads start.
    "feedback:changes": Rule(EVERY_MEMBER - {"quality_checker", "commissioner"}),
    "feedback:service_changes": Rule(
        EVERY_MEMBER - {"quality_checker", "commissioner", "outsider"},
        kwargs=_feedback.change_service_kwargs,
    ),
    "feedback:change": Rule(
        EVERY_MEMBER - {"quality_checker", "commissioner", "outsider"},
        kwargs=_feedback.change_kwargs,
    ),
    "feedback:change_new": Rule(MANAGERS_AND_LEADS),
    "feedback:change_update": Rule(
        frozenset({"manager", "quality_lead", "senior_leader", "org_admin"}),
        kwargs=_feedback.change_kwargs,
        method="POST",
    ),
    "feedback:change_link": Rule(
        frozenset({"manager", "quality_lead", "senior_leader", "org_admin"}),
        kwargs=_feedback.change_kwargs,
        method="POST",
    ),
    # Figures and the summary of complaints for CQC: managers for the services they
    # manage, the quality leads and senior leaders for the whole organisation.
    "feedback:figures": Rule(FEEDBACK_FIGURE_READERS),
    "feedback:cqc": Rule(FEEDBACK_FIGURE_READERS),
    "feedback:cqc_pdf": Rule(FEEDBACK_FIGURE_READERS),
    "feedback:cqc_csv": Rule(FEEDBACK_FIGURE_READERS),
    # --- end of feedback ---
    # --- involvement ---
    # Opportunities: everyone but commissioners (the outsider sees their own organisation's).
    "involvement:opportunities": Rule(EVERY_MEMBER - {"commissioner"}),
    "involvement:opportunity": Rule(
        EVERY_MEMBER - {"commissioner", "outsider"}, kwargs=_involvement.opportunity_kwargs
    ),
    # Kyle's involvement: Kyle, the staff of his house, the senior leader and the admin (who
    # run the payroll); Mary only when he shares "My involvement" (the consent matrix).
    "involvement:person": Rule(SEES_KYLES_INVOLVEMENT, kwargs=_involvement.kyle_kwargs),
    "involvement:statement": Rule(SEES_KYLES_INVOLVEMENT, kwargs=_involvement.kyle_kwargs),
    "involvement:statement_pdf": Rule(SEES_KYLES_INVOLVEMENT, kwargs=_involvement.kyle_kwargs),
    "involvement:time": Rule(SEES_KYLES_INVOLVEMENT, kwargs=_involvement.time_kwargs),
    "involvement:expense": Rule(SEES_KYLES_INVOLVEMENT, kwargs=_involvement.expense_kwargs),
    "involvement:receipt": Rule(SEES_KYLES_INVOLVEMENT, kwargs=_involvement.expense_kwargs),
    # Recording for Kyle: Kyle and the staff of his house.
    "involvement:time_new": Rule(RECORDS_FOR_KYLE, kwargs=_involvement.kyle_kwargs),
    "involvement:expense_new": Rule(RECORDS_FOR_KYLE, kwargs=_involvement.kyle_kwargs),
    "involvement:benefit": Rule(RECORDS_FOR_KYLE, kwargs=_involvement.kyle_kwargs),
    "involvement:manage": Rule(MANAGERS_AND_LEADS),
    "involvement:opportunity_new": Rule(MANAGERS_AND_LEADS),
    # Maya, who manages Kyle's house, and the senior leader answer his interest.
    "involvement:interest": Rule(
        frozenset({"manager", "senior_leader"}), kwargs=_involvement.interest_kwargs
    ),
    "involvement:figures": Rule(MANAGERS_AND_LEADS),
    "involvement:role_end": Rule(
        frozenset({"manager", "senior_leader"}), kwargs=_involvement.held_kwargs, method="POST"
    ),
    "involvement:payroll": Rule(frozenset({"senior_leader", "org_admin", "outsider"})),
    "involvement:payroll_csv": Rule(
        frozenset({"senior_leader", "org_admin"}), kwargs=_involvement.export_kwargs
    ),
    "involvement:settings": Rule(frozenset({"senior_leader", "org_admin", "outsider"})),
    # --- end of involvement ---
    # --- codesign: documents ---
    # The library: every member, each of their own organisation.
    "codesign:library": Rule(EVERY_MEMBER),
    # Willow House's published information: everyone in the organisation.
    "codesign:document": Rule(EVERY_MEMBER - {"outsider"}, kwargs=_documents.published_kwargs),
    "codesign:manage": Rule(MANAGERS_AND_LEADS),
    "codesign:new": Rule(MANAGERS_AND_LEADS),
    # A draft policy for Willow House: Maya (its manager and owner) and the leads.
    "codesign:edit": Rule(DOCUMENT_EDITORS, kwargs=_documents.draft_kwargs),
    "codesign:versions": Rule(DOCUMENT_EDITORS, kwargs=_documents.draft_kwargs),
    "codesign:move": Rule(DOCUMENT_EDITORS, kwargs=_documents.draft_kwargs, method="POST"),
    # The hot-weather policy open for comments: the people of Willow House (Kyle, Mary who
    # supports him, Wendy who works there) and its editors.
    "codesign:comment": Rule(SEES_KYLES_PLAN, kwargs=_documents.open_kwargs),
    "codesign:answer": Rule(DOCUMENT_EDITORS, kwargs=_documents.suggestion_kwargs, method="POST"),
    # Its easy read waiting for sign-off: only Kyle, who holds the paid policy editor role.
    "codesign:sign_off": Rule(frozenset({"person"}), kwargs=_documents.sign_off_kwargs),
    # --- end of codesign: documents ---
    # --- voice: ideas ---
    # Everyone surveys can ask puts ideas forward and sees those they may see.
    "voice:ideas": Rule(EVERY_MEMBER - {"quality_checker", "commissioner"}),
    "voice:idea_new": Rule(EVERY_MEMBER - {"quality_checker", "commissioner"}),
    # Kyle's idea for Willow House: Kyle, his supporter, its staff and the leaders see it.
    "voice:idea": Rule(SEES_KYLES_PLAN, kwargs=_voice.idea_kwargs),
    "voice:idea_picture": Rule(SEES_KYLES_PLAN, kwargs=_voice.idea_picture_kwargs),
    # Once each, and not Kyle: it is his idea.
    "voice:idea_me_too": Rule(
        SEES_KYLES_PLAN - {"person"}, kwargs=_voice.idea_kwargs, method="POST"
    ),
    # The leaders, and Maya, who manages Willow House.
    "voice:idea_answer": Rule(VOICE_OVERSEERS, kwargs=_voice.idea_kwargs),
    # --- end of voice: ideas ---
}


def _mary_invited_by_ruth(p: Personas) -> Any:
    """Ruth, also at Willow House, asks Mary to be her supporter too; Mary has not answered."""
    from coproduce.accounts.tests.factories import PersonFactory
    from coproduce.people.supporters.actions import supporter_add
    from coproduce.plans.tests.factories import viewer_of

    ruth = PersonFactory(organisation=p.organisation, preferred_name="Ruth", services=[p.house])
    return supporter_add(
        viewer=viewer_of(p.manager, ruth),
        person=ruth,
        name=p.supporter.name,
        email=p.supporter.email,
        relationship="family",
        scopes=["plan"],
        person_view="Ruth asked for Mary",
        voice_how="spoken",
    )


def _decision_about_kyle(p: Personas) -> Any:
    from coproduce.decisions.tests.factories import record_decision

    return record_decision(p.worker, person=p.kyle)


def _walk(patterns: list[Any], namespace: str = "") -> list[str]:
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            prefix = f"{namespace}{ns}:" if ns else namespace
            names.extend(_walk(pattern.url_patterns, prefix))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}{pattern.name}")
    return names


def _is_allauth(name: str) -> bool:
    return name.startswith(("account_", "mfa_", "usersessions_")) or name in ALLAUTH_EXTRA


ALLAUTH_EXTRA = {"socialaccount_signup"}


def all_url_names() -> list[str]:
    return sorted(set(_walk(get_resolver().url_patterns)))


def test_every_url_has_a_policy_entry() -> None:
    missing = [name for name in all_url_names() if name not in POLICY and not _is_allauth(name)]
    assert missing == [], f"Add a POLICY entry for: {missing}"


def test_policy_has_no_stale_entries() -> None:
    names = set(all_url_names())
    stale = [name for name in POLICY if name not in names]
    assert stale == []


GET_RULES = [(name, rule) for name, rule in POLICY.items() if rule.method == "GET"]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "rule"), GET_RULES, ids=[n for n, _ in GET_RULES])
def test_url_answers_each_persona_as_declared(personas: Personas, name: str, rule: Rule) -> None:
    url = reverse(name, kwargs=rule.kwargs(personas) or None)
    for persona in PERSONA_NAMES:
        response = signed_in_client(personas.user(persona)).get(url)
        if persona in rule.allowed:
            assert response.status_code == rule.allowed_status, f"{persona} should see {name}"
        else:
            assert response.status_code == 404, (
                f"{persona} should get 404 from {name}, got {response.status_code}"
            )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "rule"), GET_RULES, ids=[n for n, _ in GET_RULES])
def test_signed_out_visitor_is_sent_to_sign_in(
    personas: Personas, client, name: str, rule: Rule
) -> None:  # type: ignore[no-untyped-def]
    url = reverse(name, kwargs=rule.kwargs(personas) or None)
    response = client.get(url)
    if rule.public:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
