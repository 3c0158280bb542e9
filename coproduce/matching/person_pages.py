"""The team pages about one person, for the links on their page (``core.person_pages``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.core.person_pages import PersonPage, register
from coproduce.matching.rules import team_rules

register(
    PersonPage(
        "matching:choose",
        _("Team"),
        _("My team"),
        lambda viewer, person: team_rules.test_rule("view", viewer, person),
        "people",
        60,
    )
)
register(
    PersonPage(
        "matching:manager_review",
        _("Review the team they chose"),
        _("Review the team they chose"),
        lambda viewer, person: team_rules.test_rule("review", viewer, person),
        "choose",
        70,
    )
)
