"""Groups of roles, each named once. The roles themselves are data
(``coproduce.accounts.models.Role``); these say which roles go together for a rule.

A newcomer asking "who are the organisation-wide leads?" reads it here, and every rule,
view, query and navigation entry that needs a group imports it from here.
"""

from __future__ import annotations

# See every service's records: quality, leadership and the platform's own admin.
ORGANISATION_WIDE = ("quality_lead", "senior_leader", "org_admin")
# Work in services and keep a staff profile, an introduction film and availability.
FRONT_LINE = ("support_worker", "service_manager")
# Staff who read the named records of people supported (front line and leads).
STAFF = (*FRONT_LINE, *ORGANISATION_WIDE)
# Oversee services: lists of what waits for an answer, figures across services.
MANAGERS_AND_LEADS = ("service_manager", *ORGANISATION_WIDE)
# Roles whose membership names the services it covers (no services means all of them).
SERVICE_SCOPED = frozenset({"support_worker", "service_manager", "quality_checker"})
# Roles that see every active service without naming any (commissioners read figures).
ALL_SERVICES = frozenset({*ORGANISATION_WIDE, "commissioner"})
