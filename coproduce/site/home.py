"""What each role's home page shows, gathered from the apps below."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from coproduce.accounts.queries import services_for_viewer
from coproduce.codesign.queries import documents_for_me
from coproduce.core.tenancy import Viewer
from coproduce.decisions.queries import decision_counts_for_home
from coproduce.decisions.rules import service_decision_rules
from coproduce.people.models import Supporter
from coproduce.people.queries import supporter_invitations_for, supporter_links_for
from coproduce.people.rules import supporter_may
from coproduce.site.to_answer import ANSWERING_ROLES, waiting_for
from coproduce.voice.queries import audience_for, surveys_for_me

# What a supporter's home page links to for each person, when the person shares it.
HOME_SCOPES = (Supporter.Scope.PROFILE, Supporter.Scope.PLAN, Supporter.Scope.MEETINGS)

# The order decides which section comes first for someone holding several roles.
HOME_SECTIONS: list[tuple[str, str]] = [
    ("person", "core/home/person.jinja"),
    ("supporter", "core/home/supporter.jinja"),
    ("quality_checker", "core/home/quality_checker.jinja"),
    ("support_worker", "core/home/support_worker.jinja"),
    ("service_manager", "core/home/service_manager.jinja"),
    ("quality_lead", "core/home/quality_lead.jinja"),
    ("senior_leader", "core/home/senior_leader.jinja"),
    ("commissioner", "core/home/commissioner.jinja"),
    ("org_admin", "core/home/org_admin.jinja"),
]


def home_context(viewer: Viewer) -> dict[str, Any]:
    sections = [template for role, template in HOME_SECTIONS if role in viewer.roles]
    context: dict[str, Any] = {"sections": sections}
    context["my_services"] = list(services_for_viewer(viewer)[:20])
    # Each service's decisions page, where the viewer may open it.
    context["service_decisions"] = {
        service.pk
        for service in context["my_services"]
        if service_decision_rules.test_rule("view", viewer, service)
    }
    links = supporter_links_for(viewer)
    context["supported_people"] = [link.person for link in links]
    context["supporter_invitations"] = supporter_invitations_for(viewer)
    # What each person shares with the viewer, asked of the one consent check.
    context["supported"] = [
        {
            "person": link.person,
            "shares": {scope: supporter_may(viewer, link.person, scope) for scope in HOME_SCOPES},
        }
        for link in links
    ]
    context["decision_counts"] = decision_counts_for_home(viewer)
    # The charter and their service's information, for people supported and supporters.
    if viewer.has_role("person", "supporter"):
        context["documents_for_me"] = documents_for_me(viewer)
    # Votes and surveys waiting for the viewer's answer.
    if viewer.has_role("person", "supporter", "support_worker"):
        context["voice_waiting"] = len(surveys_for_me(viewer, audience_for(viewer))["open"])
    # What waits for the viewer's answer: counts only (the list is its own page).
    context["to_answer"] = (
        waiting_for(viewer, today=timezone.localdate(), limit=0)
        if viewer.has_role(*ANSWERING_ROLES)
        else None
    )
    return context
