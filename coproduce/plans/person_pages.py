"""The plan's pages about one person, for the links on their page (``core.person_pages``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coproduce.core.person_pages import PersonPage, register
from coproduce.plans.checkins.rules import checkin_rules, one_to_one_rules
from coproduce.plans.rules import plan_rules

register(
    PersonPage(
        "plans:plan",
        _("Support plan"),
        _("My support plan"),
        lambda viewer, person: plan_rules.test_rule("view", viewer, person),
        "plan",
        20,
    )
)
register(
    PersonPage(
        "plans:checkins",
        _("Check-ins"),
        _("My check-ins"),
        lambda viewer, person: checkin_rules.test_rule("view", viewer, person),
        "mood_happy",
        30,
    )
)
register(
    PersonPage(
        "plans:one_to_ones",
        _("One-to-one meetings"),
        _("My meetings"),
        lambda viewer, person: one_to_one_rules.test_rule("view", viewer, person),
        "talk",
        40,
    )
)
register(
    PersonPage(
        "plans:reviews",
        _("Plan reviews"),
        _("Reviews of my plan"),
        lambda viewer, person: plan_rules.test_rule("view", viewer, person),
        "calendar",
        50,
    )
)
