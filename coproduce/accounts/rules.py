"""Who may do what with services and memberships, and the rules an organisation keeps."""

from __future__ import annotations

from collections.abc import Collection

import rules

from coproduce.accounts.models import Membership, Role
from coproduce.core.tenancy import Viewer


@rules.predicate
def is_org_admin(viewer: Viewer, obj: object = None) -> bool:
    return viewer.has_role(Role.ORG_ADMIN)


@rules.predicate
def is_current_membership(viewer: Viewer, membership: Membership) -> bool:
    return membership.ended_at is None


service_rules = rules.RuleSet()
service_rules.add_rule("view", is_org_admin)
service_rules.add_rule("change", is_org_admin)
service_rules.add_rule("deactivate", is_org_admin)
service_rules.add_rule("reactivate", is_org_admin)

membership_rules = rules.RuleSet()
membership_rules.add_rule("view", is_org_admin)
membership_rules.add_rule("change", is_org_admin & is_current_membership)
membership_rules.add_rule("end", is_org_admin & is_current_membership)


def organisation_keeps_an_admin(membership: Membership, current_admin_ids: Collection[int]) -> bool:
    """An organisation always keeps at least one organisation admin.

    A current org_admin membership may stop being one (ended, or given another role) only
    while another current org_admin membership remains in the organisation. So an admin
    cannot end their own last org_admin membership when nobody else is an admin.
    """
    if membership.role != Role.ORG_ADMIN or membership.ended_at is not None:
        return True
    return any(admin_id != membership.pk for admin_id in current_admin_ids)


# Roles whose membership can name services: staff limited to some services, and the
# person supported, whose record lists the services that support them.
ROLES_WITH_SERVICES = frozenset(
    {Role.SUPPORT_WORKER, Role.SERVICE_MANAGER, Role.QUALITY_CHECKER, Role.PERSON}
)
