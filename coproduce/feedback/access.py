"""Reach a concern: scoped to the viewer's organisation and checked against the rules.

``access_concern`` returns the concern and whether the viewer may see who raised it, or
raises the same 404 for "missing" and "not yours". The person who raised it (and the
person it is for) see it; so do those handling it; the worker a compliment names sees
the compliment; the worker a complaint is about never sees the complaint page, nor its
photo. Opening a concern that names who raised it, as one of those handling it, is
audited (the photo, shown on the page already audited, with ``audit=False``).
"""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.core.access import missing, not_found, refused
from coproduce.core.audit import audit_read
from coproduce.core.tenancy import Viewer
from coproduce.feedback.models import Concern, ConcernKind
from coproduce.feedback.rules import may_handle, may_see_who_raised


@dataclass(frozen=True)
class ReachedConcern:
    concern: Concern
    handles: bool
    sees_who_raised: bool
    is_raiser: bool


def access_concern(viewer: Viewer, concern_id: int, *, audit: bool = True) -> ReachedConcern:
    if viewer.organisation is None:
        raise not_found()
    concern = (
        Concern.objects.filter(organisation=viewer.organisation, pk=concern_id)
        .select_related("service", "worker", "raised_by", "person", "handler")
        .first()
    )
    if concern is None:
        raise missing(viewer, Concern, concern_id)
    is_raiser = concern.raised_by_id is not None and concern.raised_by_id == viewer.user.pk
    is_theirs = concern.person_id is not None and concern.person_id == viewer.person_id
    handles = may_handle(viewer, concern)
    praised = concern.kind == ConcernKind.COMPLIMENT and concern.worker_id == viewer.user.pk
    if not (is_raiser or is_theirs or handles or praised):
        raise refused(viewer, concern, "open the concern")
    sees = may_see_who_raised(viewer, concern) or is_theirs
    if audit and handles and not is_raiser and concern.raised_by_id is not None:
        audit_read(viewer, concern, f"Opened {concern.get_kind_display().lower()} {concern.pk}")
    return ReachedConcern(
        concern=concern, handles=handles, sees_who_raised=sees, is_raiser=is_raiser or is_theirs
    )
