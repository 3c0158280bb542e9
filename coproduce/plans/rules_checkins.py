"""Who may do what with check-ins, one-to-ones and "this is not working" flags.

Check-ins and flags go with the plan: a supporter takes part while the person shares
"My support plan". One-to-ones go with "My meetings".
"""

from __future__ import annotations

import rules

from coproduce.people.rules import (
    is_organisation_wide_lead,
    is_the_person,
    manages_their_service,
    supporter_may_see_meetings,
    supporter_may_see_plan,
    works_in_their_service,
)

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
# Only a manager of the person's services answers: the answer is a decision about support.
flag_rules.add_rule("answer", manages_their_service)
