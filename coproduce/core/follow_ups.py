"""What can follow from something on a page, offered by an app above the page's own app.

A one-to-one meeting or a plan review (``plans``) can lead to a "you said, we did" change
(``feedback``, which sits above ``plans`` and which ``plans`` may not import). The page
asks ``follow_ups_for(viewer, "one_to_one", ids)``; each app that offers a next step
registers a provider in ``AppConfig.ready``. A provider answers, for each id, the links
this viewer may follow, already checked against its own app's rules; nothing here knows
the apps.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from coproduce.core.tenancy import Viewer


@dataclass(frozen=True)
class FollowUp:
    label: str | Promise
    href: str


# (viewer, kind of thing, its ids) -> the links for each id the viewer may follow.
Provider = Callable[[Viewer, str, Sequence[int]], Mapping[int, list[FollowUp]]]

PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def follow_ups_for(
    viewer: Viewer, kind: str, object_ids: Sequence[int]
) -> dict[int, list[FollowUp]]:
    """The links each provider offers this viewer for each of the things, in order."""
    found: dict[int, list[FollowUp]] = {pk: [] for pk in object_ids}
    if not found:
        return found
    for provider in PROVIDERS:
        for pk, links in provider(viewer, kind, list(found)).items():
            if pk in found:
                found[pk].extend(links)
    return found
