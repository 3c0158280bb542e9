""" "You said, we did" from a one-to-one meeting or a plan review (``core.follow_ups``): on
their pages in ``plans``, whoever may start a change at the person's first service (a
leader, or a manager of that service) is offered to start one from it, or to open the
changes it already led to."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from coproduce.core.follow_ups import FollowUp, register
from coproduce.core.tenancy import Viewer
from coproduce.feedback.changes import may_start_change
from coproduce.feedback.models import ChangeSource, SourceKind
from coproduce.feedback.sources import first_services

# The names the plans pages use, and the kind of source each is.
KINDS = {"one_to_one": SourceKind.ONE_TO_ONE, "plan_review": SourceKind.PLAN_REVIEW}


@register
def change_links(viewer: Viewer, kind: str, object_ids: Sequence[int]) -> dict[int, list[FollowUp]]:
    source_kind = KINDS.get(kind)
    if source_kind is None or viewer.organisation is None:
        return {}
    services = first_services(viewer.organisation.pk, source_kind, object_ids)
    allowed = [pk for pk, service_id in services.items() if may_start_change(viewer, service_id)]
    if not allowed:
        return {}
    linked: dict[int, list[FollowUp]] = {}
    for link in (
        ChangeSource.objects.filter(
            kind=source_kind,
            object_id__in=allowed,
            change__organisation=viewer.organisation,
        )
        .select_related("change")
        .order_by("change__created_at", "pk")
    ):
        linked.setdefault(link.object_id, []).append(
            FollowUp(
                _("It led to the change: %(what)s") % {"what": link.change.we_will},
                reverse("feedback:change", kwargs={"change_id": link.change_id}),
            )
        )
    start = reverse("feedback:change_new")
    return {
        pk: linked.get(pk)
        or [FollowUp(_("Start a “you said, we did” change from it"), f"{start}?{source_kind}={pk}")]
        for pk in allowed
    }
