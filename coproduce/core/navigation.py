"""Navigation by role: each role sees the links to the pages it may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coproduce.core.roles import FRONT_LINE, MANAGERS_AND_LEADS, STAFF


@dataclass(frozen=True)
class NavItem:
    text: str | Promise
    url_name: str
    roles: frozenset[str] | None  # None: every signed-in member
    # The URL takes the viewer's own person record (a person supported's own pages).
    for_own_person: bool = False
    # Left out for these roles (they have another item for the same page).
    unless: frozenset[str] = frozenset()


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Home"), "home", None),
    NavItem(_("To answer"), "to_answer", frozenset({"service_manager", "quality_lead"})),
    NavItem(_("About me"), "people:mine", frozenset({"person"})),
    NavItem(_("My support plan"), "plans:plan", frozenset({"person"}), for_own_person=True),
    NavItem(_("How I am today"), "plans:checkin_new", frozenset({"person"}), for_own_person=True),
    NavItem(_("My team"), "matching:choose", frozenset({"person"}), for_own_person=True),
    NavItem(_("Today"), "plans:today", frozenset(FRONT_LINE)),
    NavItem(_("Have your say"), "voice:mine", frozenset({"person", "supporter", *STAFF})),
    NavItem(
        _("Comments and complaints"),
        "feedback:mine",
        frozenset({"person", "supporter", *STAFF}),
    ),
    NavItem(
        _("Getting involved"), "involvement:person", frozenset({"person"}), for_own_person=True
    ),
    NavItem(
        _("Getting involved"),
        "involvement:opportunities",
        frozenset({"supporter", "support_worker", "quality_checker"}),
        unless=frozenset({"person", *MANAGERS_AND_LEADS}),
    ),
    NavItem(_("Involvement"), "involvement:manage", frozenset(MANAGERS_AND_LEADS)),
    NavItem(_("Things to read"), "codesign:library", None),
    NavItem(
        _("Votes and surveys"),
        "voice:manage",
        frozenset({"service_manager", "quality_lead", "senior_leader", "org_admin"}),
    ),
    NavItem(
        _("People"),
        "people:list",
        frozenset(STAFF),
    ),
    NavItem(
        _("My staff profile"),
        "people:my_staff_profile",
        frozenset(FRONT_LINE),
    ),
    NavItem(_("Decisions about me"), "decisions:mine", frozenset({"person"})),
    # A supporter's menu says whose decisions they are: the people who share them.
    NavItem(
        _("Decisions shared with me"),
        "decisions:mine",
        frozenset({"supporter"}),
        unless=frozenset({"person"}),
    ),
    NavItem(
        _("Decisions"),
        "decisions:service_list",
        frozenset(MANAGERS_AND_LEADS),
    ),
    NavItem(
        _("Not working"),
        "plans:not_working_open",
        frozenset(MANAGERS_AND_LEADS),
    ),
    NavItem(
        _("Worker changes"),
        "matching:change_figures",
        frozenset(MANAGERS_AND_LEADS),
    ),
    NavItem(
        _("Plan reviews"),
        "plans:overdue_reviews",
        frozenset(MANAGERS_AND_LEADS),
    ),
    NavItem(_("Evidence"), "insights:evidence", frozenset({"commissioner"})),
    NavItem(_("Services"), "accounts:service_list", frozenset({"org_admin"})),
    NavItem(_("People and roles"), "accounts:membership_list", frozenset({"org_admin"})),
    NavItem(_("Audit log"), "core:audit_log", frozenset({"org_admin"})),
    NavItem(_("Notifications"), "notifications", None),
]


def _notifications_text(request: HttpRequest) -> str:
    """ "Notifications", with how many are new (the count is asked of the request, which
    the accounts middleware gives a way to count them)."""
    count_unread = getattr(request, "unread_notifications", None)
    unread = count_unread() if callable(count_unread) else 0
    if not unread:
        return str(_("Notifications"))
    return ngettext("Notifications (%(num)d new)", "Notifications (%(num)d new)", unread) % {
        "num": unread
    }


def navigation_for(request: HttpRequest) -> list[dict[str, Any]]:
    """Return the service navigation items for the signed-in viewer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    viewer = request.viewer  # type: ignore[attr-defined]
    items: list[dict[str, Any]] = []
    path = request.path
    for item in NAV_ITEMS:
        if item.roles is not None and not (item.roles & viewer.roles):
            continue
        if item.unless & viewer.roles:
            continue
        if item.for_own_person:
            if viewer.person_id is None:
                continue
            href = reverse(item.url_name, kwargs={"person_id": viewer.person_id})
        else:
            href = reverse(item.url_name)
        active = path == href if item.url_name == "home" else path.startswith(href)
        text = str(item.text)
        if item.url_name == "notifications":
            text = _notifications_text(request)
        items.append({"text": text, "href": href, "active": active})
    # Only the most specific match is current: /people/staff/me/ is not also "People".
    matches = [item for item in items if item["active"]]
    if len(matches) > 1:
        longest = max(matches, key=lambda item: len(str(item["href"])))
        for match in matches:
            match["active"] = match is longest
    return items
