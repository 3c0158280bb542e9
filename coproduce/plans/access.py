"""Reach a support plan or one of its entries: scoped, checked against the rules, audited."""

from __future__ import annotations

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.people.access import person_in_organisation
from coproduce.people.models import Person
from coproduce.plans.models import PlanEntry, SupportPlan
from coproduce.plans.rules import plan_rules


def access_plan(
    viewer: Viewer, person_id: int, action: str = "view"
) -> tuple[Person, SupportPlan | None]:
    """Return the person and their plan (None before its first entry) if the viewer may
    take ``action``; otherwise 404."""
    person = person_in_organisation(viewer, person_id)
    if not plan_rules.test_rule(action, viewer, person):
        raise refused(viewer, person, f"{action} the support plan of")
    plan = SupportPlan.objects.filter(organisation=viewer.organisation, person=person).first()
    audit_read(
        viewer,
        plan if plan is not None else person,
        f"Opened {person.preferred_name}'s support plan ({action})",
    )
    return person, plan


def access_plan_entry(viewer: Viewer, entry_id: int, action: str = "view") -> PlanEntry:
    """Return one entry of a plan, with its plan and person, if the viewer may take
    ``action`` on the plan; otherwise 404."""
    if viewer.organisation is None:
        raise not_found()
    entry = (
        PlanEntry.objects.filter(plan__organisation=viewer.organisation, pk=entry_id)
        .select_related("plan", "plan__person", "plan__person__user")
        .prefetch_related("plan__person__services")
        .first()
    )
    if entry is None:
        raise missing(viewer, PlanEntry, entry_id)
    if not plan_rules.test_rule(action, viewer, entry.plan.person):
        raise refused(viewer, entry, action)
    audit_read(
        viewer,
        entry,
        f"Opened an entry of {entry.plan.person.preferred_name}'s support plan ({action})",
    )
    return entry
