"""The decisions ledger's page about one person (``core.person_pages``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.core.person_pages import PersonPage, register
from coproduce.core.roles import STAFF
from coproduce.people.rules import person_rules

register(
    PersonPage(
        "decisions:person_list",
        _("Decisions"),
        _("Decisions about me"),
        # Staff read one person's ledger here; the person and their supporters have
        # "Decisions about me" and "Decisions shared with me" (decisions:mine) instead.
        lambda viewer, person: (
            viewer.has_role(*STAFF) and person_rules.test_rule("view_decisions", viewer, person)
        ),
        "decision",
        80,
    )
)
