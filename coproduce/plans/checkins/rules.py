"""Who may do what with check-ins, one-to-ones and "this is not working" flags.

Check-ins and flags go with the plan: a supporter takes part while the person shares
"My support plan". One-to-ones go with "My meetings". A flag about a worker is never read
by workers (``may_read_flag``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from coproduce.core.tenancy import Viewer
from coproduce.people.rules import (
    is_organisation_wide_lead,
    is_the_person,
    manages_their_service,
    may_read_what_was_said_about_a_worker,
    supporter_may_see_meetings,
    supporter_may_see_plan,
    works_in_their_service,
)

if TYPE_CHECKING:
    from coproduce.plans.models.checkins import NotWorkingFlag

checkin_rules = rules.RuleSet()
checkin_rules.add_rule(
    "view",
    is_the_person | supporter_may_see_plan | works_in_their_service | is_organisation_wide_lead,
)
checkin_rules.add_rule("add", is_the_person | supporter_may_see_plan | works_in_their_service)

one_to_one_rules = rules.RuleSet()
one_to_one_rules.add_rule(
    "view",
    is_the_person | supporter_may_see_meetings | works_in_their_service | is_organisation_wide_lead,
)
one_to_one_rules.add_rule(
    "add", is_the_person | supporter_may_see_meetings | works_in_their_service
)
one_to_one_rules.add_rule(
    "edit", is_the_person | supporter_may_see_meetings | works_in_their_service
)

flag_rules = rules.RuleSet()
flag_rules.add_rule(
    "view",
    is_the_person | supporter_may_see_plan | works_in_their_service | is_organisation_wide_lead,
)
flag_rules.add_rule("add", is_the_person | supporter_may_see_plan | works_in_their_service)


@rules.predicate
def is_quality_lead(viewer: Viewer, person: object) -> bool:
    return viewer.has_role("quality_lead")


# A manager of the person's services answers, and so does a quality lead, who sees every
# service: the answer is a decision about support.
flag_rules.add_rule("answer", manages_their_service | is_quality_lead)


def may_read_flag(viewer: Viewer, flag: NotWorkingFlag) -> bool:
    """A flag about a worker is read only by those who may read what was said about a
    worker, and by whoever wrote it down; any other flag by whoever may see the plan."""
    if not flag.about_a_worker:
        return True
    if flag.created_by_id == viewer.user.pk:
        return True
    return bool(may_read_what_was_said_about_a_worker(viewer, flag.person))
