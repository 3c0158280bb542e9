"""Who handles a concern, who sees who raised it, and who is told.

- **Handling**: the quality leads (the organisation's complaints and safeguarding leads)
  and the managers of the service it is about, unless the concern is about them; the
  handler named on it.
- **Who raised it** is shown only to those handling it; never to the worker it is about,
  even when they also manage the service.
- **Safeguarding**: a concern that sounds like harm goes to the quality leads and the
  service's managers at once.
"""

from __future__ import annotations

from coproduce.core.tenancy import Viewer
from coproduce.feedback.models import Concern

# The organisation's complaints and safeguarding leads.
LEADS = ("quality_lead",)


def may_handle(viewer: Viewer, concern: Concern) -> bool:
    if concern.organisation_id != viewer.organisation_id:
        return False
    if concern.worker_id is not None and concern.worker_id == viewer.user.pk:
        return False
    if viewer.has_role(*LEADS) or concern.handler_id == viewer.user.pk:
        return True
    return concern.service_id is not None and viewer.covers_service(
        "service_manager", concern.service_id
    )


def may_see_who_raised(viewer: Viewer, concern: Concern) -> bool:
    """The raiser is seen by the raiser and by those handling it, never by the worker it
    is about."""
    if concern.raised_by_id is not None and concern.raised_by_id == viewer.user.pk:
        return True
    return may_handle(viewer, concern)


# Who reads the figures and the CQC summary: managers for the services they manage, the
# quality leads and senior leaders for the whole organisation.
FIGURE_READERS = ("service_manager", "quality_lead", "senior_leader")
