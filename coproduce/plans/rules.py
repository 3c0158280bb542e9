"""Who may do what with a person's support plan.

The predicates are the person-record ones from ``coproduce.people.rules``: the plan is
part of the person's record, and a supporter sees it only while the person shares
"My support plan" with them.
"""

from __future__ import annotations

import rules

from coproduce.people.rules import (
    is_organisation_wide_lead,
    is_the_person,
    supporter_may_see_plan,
    works_in_their_service,
)

plan_rules = rules.RuleSet()
# The person, supporters they share the plan with, staff of their services, and leads.
plan_rules.add_rule(
    "view",
    is_the_person | supporter_may_see_plan | works_in_their_service | is_organisation_wide_lead,
)
# The person writes their own entries; staff of their services propose entries, which
# wait for the person's answer. Leads read only.
plan_rules.add_rule("add_entry", is_the_person | works_in_their_service)
plan_rules.add_rule("edit_entry", is_the_person | works_in_their_service)
# The person answers; a supporter they share the plan with answers with them or for
# them; staff record an answer the person gave in their own way.
plan_rules.add_rule("respond", is_the_person | supporter_may_see_plan | works_in_their_service)
plan_rules.add_rule("agree", is_the_person | supporter_may_see_plan | works_in_their_service)
# The person records a review of their plan; staff of their services record one with them.
plan_rules.add_rule("record_review", is_the_person | works_in_their_service)
