"""Keep every organisation's worker index in a server process, so no request builds one.

A gunicorn worker process starts a keeper before it serves (``gunicorn.conf.py``): the
keeper builds the index of every organisation that has staff profiles, then a background
thread reads a cheap fingerprint of the staff data every few seconds
(``MATCHING_INDEX_REFRESH_SECONDS``, 10 by default) and rebuilds the index of each
organisation whose fingerprint changed. Requests only read the index held here; a
rebuilt index replaces the old one in one assignment, so a request sees the old index or
the new one, never half of each.

Each process holds its own keeper and reads the fingerprint from the database that every
process shares, so a change made through any process reaches all of them within one
refresh. Without a keeper (tests, ``runserver``, management commands)
``queries.cached_worker_index`` builds on first use, as before.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Hashable
from datetime import date
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connections
from django.db.models import Count, Max, QuerySet, Sum

from coproduce.accounts.models import Membership, Organisation, Role, Service
from coproduce.matching.engine import WorkerIndex
from coproduce.people.models import Availability, Interest, Skill, StaffProfile

logger = logging.getLogger(__name__)

DEFAULT_REFRESH_SECONDS = 10.0

Fingerprint = tuple[Hashable, ...]


def refresh_seconds() -> float:
    """Return how often a keeper looks for changed staff data, in seconds."""
    configured = getattr(settings, "MATCHING_INDEX_REFRESH_SECONDS", None)
    if configured is None:
        configured = os.environ.get("MATCHING_INDEX_REFRESH_SECONDS") or DEFAULT_REFRESH_SECONDS
    return float(configured)


def _grouped(queryset: QuerySet[Any], by: str, **aggregates: Any) -> dict[int, tuple[Any, ...]]:
    rows = queryset.order_by().values(by).annotate(**aggregates).values_list(by, *aggregates)
    return {row[0]: tuple(row[1:]) for row in rows}


def fingerprints() -> dict[int, Fingerprint]:
    """Return, for each organisation with staff profiles, a value that changes whenever
    anything its worker index reads changes.

    Seven grouped queries for every organisation at once, each an aggregate over one
    table. Rows that are only ever added or deleted (availability, the links to interests,
    skills and services) are fingerprinted by their count and highest id: ids are never
    reused (PostgreSQL sequences, SQLite ``AUTOINCREMENT``), so an addition raises the
    highest id and a deletion lowers the count. Rows changed in place carry what changes:
    a staff profile its version (raised by every ``staff_profile_update``) and
    ``updated_at``, a support-worker membership its id entering or leaving the current
    set (a new role, an ended one), a service its coordinates. The shared interest and
    skill lists and the year (ages are counted from it) apply to every organisation.
    """
    profiles = _grouped(
        StaffProfile.objects.all(),
        "organisation_id",
        n=Count("id"),
        top=Max("id"),
        versions=Sum("version"),
        changed=Max("updated_at"),
    )
    interests = _grouped(
        StaffProfile.interests.through.objects.all(),
        "staffprofile__organisation_id",
        n=Count("id"),
        top=Max("id"),
    )
    skills = _grouped(
        StaffProfile.skills.through.objects.all(),
        "staffprofile__organisation_id",
        n=Count("id"),
        top=Max("id"),
    )
    times = _grouped(
        Availability.objects.all(), "staff__organisation_id", n=Count("id"), top=Max("id")
    )
    working = Membership.objects.current().filter(role=Role.SUPPORT_WORKER)
    members = _grouped(working, "organisation_id", n=Count("id"), top=Max("id"), ids=Sum("id"))
    member_services = _grouped(
        Membership.services.through.objects.filter(membership__in=working),
        "membership__organisation_id",
        n=Count("id"),
        top=Max("id"),
    )
    places = _grouped(
        Service.objects.all(),
        "organisation_id",
        n=Count("id"),
        top=Max("id"),
        lat=Sum("latitude"),
        lon=Sum("longitude"),
    )
    shared = (
        tuple(Interest.objects.aggregate(n=Count("id"), top=Max("id")).values()),
        tuple(Skill.objects.aggregate(n=Count("id"), top=Max("id")).values()),
        date.today().year,
    )
    return {
        org_id: (
            profile,
            interests.get(org_id),
            skills.get(org_id),
            times.get(org_id),
            members.get(org_id),
            member_services.get(org_id),
            places.get(org_id),
            shared,
        )
        for org_id, profile in profiles.items()
    }


class IndexKeeper:
    """The worker indexes of one process, and the refresh that keeps them current."""

    def __init__(self, *, refresh_seconds: float = DEFAULT_REFRESH_SECONDS) -> None:
        self.refresh_seconds = refresh_seconds
        self._indexes: dict[int, WorkerIndex] = {}
        self._seen: dict[int, Fingerprint] = {}
        self._refreshing = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def index_for(self, organisation_id: int) -> WorkerIndex | None:
        """Return the organisation's index as held now, or None if it holds none."""
        return self._indexes.get(organisation_id)

    def held(self) -> frozenset[int]:
        return frozenset(self._indexes)

    def forget(self, organisation_id: int) -> None:
        """Make the next refresh rebuild the organisation's index, changed or not."""
        with self._refreshing:
            self._seen.pop(organisation_id, None)

    def refresh(self) -> list[int]:
        """Rebuild the index of every organisation whose staff data changed since the last
        refresh (every one, the first time); return their ids.

        The fingerprint is read before the build, so a change made during a build is seen
        by the next refresh. If a build fails, the indexes held stay as they were.
        """
        from coproduce.matching.queries import worker_index

        with self._refreshing:
            now = fingerprints()
            changed = sorted(
                org_id for org_id, seen in now.items() if self._seen.get(org_id) != seen
            )
            built = {
                organisation.pk: worker_index(organisation)
                for organisation in Organisation.objects.filter(pk__in=changed).order_by("pk")
            }
            indexes = {org_id: index for org_id, index in self._indexes.items() if org_id in now}
            indexes.update(built)
            self._indexes = indexes  # one assignment: requests see the old or the new
            self._seen = now
            if built:
                logger.info("Matching index rebuilt for organisation(s) %s", sorted(built))
            return changed

    def start(self) -> None:
        """Start the background thread that refreshes every ``refresh_seconds``."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="matching-index-keeper", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.refresh_seconds):
            # This thread's own connection, kept between refreshes as a request's is.
            close_old_connections()
            self.refresh_safely()
            close_old_connections()
        connections.close_all()  # this thread's connections only

    def refresh_safely(self) -> list[int]:
        """Refresh, logging a failure (the database away for a moment) instead of raising:
        the indexes held stay, and the next refresh tries again."""
        try:
            return self.refresh()
        except Exception:
            logger.exception("The matching index could not be refreshed; keeping the one held")
            return []


_running: IndexKeeper | None = None
_running_lock = threading.Lock()


def running() -> IndexKeeper | None:
    """Return the keeper of this process, or None when none was started."""
    return _running


def start(*, refresh_every: float | None = None, background: bool = True) -> IndexKeeper:
    """Build every organisation's index now and keep it current from then on.

    Called once per server process before it serves (``gunicorn.conf.py``). If the first
    build fails, the failure is logged and the background refresh builds the indexes once
    the database answers; until then people see no suggestions rather than a build on
    their request. ``background=False`` starts no thread: call ``refresh`` yourself.
    """
    global _running
    with _running_lock:
        if _running is not None:
            return _running
        keeper = IndexKeeper(
            refresh_seconds=refresh_seconds() if refresh_every is None else refresh_every
        )
        built = keeper.refresh_safely()
        logger.info("Matching index built for %d organisation(s)", len(built))
        if background:
            keeper.start()
        _running = keeper
        return keeper


def stop() -> None:
    """Stop this process's keeper; requests build on first use again."""
    global _running
    with _running_lock:
        keeper, _running = _running, None
    if keeper is not None:
        keeper.stop()
