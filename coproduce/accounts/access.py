"""Reach services and memberships: scoped to the organisation, checked against the rules."""

from __future__ import annotations

from coproduce.accounts import queries
from coproduce.accounts.models import Membership, Service
from coproduce.accounts.rules import membership_rules, service_rules
from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer


def access_service(viewer: Viewer, service_id: int, action: str = "view") -> Service:
    """Return the service if the viewer may take ``action``; otherwise 404."""
    if viewer.organisation is None:
        raise not_found()
    service = queries.services_of(viewer.organisation).filter(pk=service_id).first()
    if service is None:
        raise missing(viewer, Service, service_id)
    if not service_rules.test_rule(action, viewer, service):
        raise refused(viewer, service, action)
    audit_read(viewer, service, f"Opened the service {service.name} ({action})")
    return service


def access_membership(viewer: Viewer, membership_id: int, action: str = "view") -> Membership:
    """Return the membership if the viewer may take ``action``; otherwise 404.

    A membership names a person and their email address, so every access is audited.
    """
    if viewer.organisation is None:
        raise not_found()
    membership = queries.memberships_of(viewer.organisation).filter(pk=membership_id).first()
    if membership is None:
        raise missing(viewer, Membership, membership_id)
    if not membership_rules.test_rule(action, viewer, membership):
        raise refused(viewer, membership, action)
    audit_read(
        viewer,
        membership,
        f"Opened {membership.user.email}'s {membership.role} membership ({action})",
    )
    return membership
