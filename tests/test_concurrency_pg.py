"""Optimistic concurrency under real contention: two editors save the same version at once.

Runs on PostgreSQL only, where row locks and separate connections behave as in
production; SQLite serialises whole-database writes, so it cannot show the race. Each
thread has its own database connection (Django connections are per thread) and closes it
when done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from coproduce.core.models import VoiceHow
from coproduce.people import actions as people_actions
from coproduce.people.actions import EditConflict
from coproduce.people.models import ProfileEntry, ProfileEntryRevision
from coproduce.plans.actions import EntryConflict, EntryWords, plan_entry_update
from coproduce.plans.models import PlanEntry, PlanEntryRevision
from coproduce.plans.tests.factories import add_entry, viewer_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Needs PostgreSQL: real row locks between two connections "
        "(run with DATABASE_URL=postgres://...)",
    ),
]

TIMEOUT = 30


def _race(*calls: Callable[[], Any]) -> list[tuple[str, Any]]:
    """Run each call in its own thread, all released at the same moment; return
    ("saved", result) or ("conflict", exception) for each, in order."""
    barrier = threading.Barrier(len(calls), timeout=TIMEOUT)
    outcomes: list[tuple[str, Any]] = [("not run", None)] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            outcomes[index] = call(barrier)
        except (EntryConflict, EditConflict) as exc:
            outcomes[index] = ("conflict", exc)
        except Exception as exc:  # reported by the assertion on the outcomes
            outcomes[index] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def test_two_people_saving_the_same_plan_entry_version_one_wins_and_both_texts_survive(
    personas,
) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(personas.worker, personas.kyle, text="Swimming on Tuesdays")
    base_version = entry.version
    revisions_before = PlanEntryRevision.objects.filter(entry=entry).count()
    editors = {
        "Swimming on Tuesdays with Sam": viewer_of(personas.worker, personas.kyle),
        "Swimming on Thursdays instead": viewer_of(personas.manager, personas.kyle),
    }

    def save(text: str) -> Callable[[threading.Barrier], tuple[str, Any]]:
        def call(barrier: threading.Barrier) -> tuple[str, Any]:
            # Both editors open the form at the same version, then press save together.
            loaded = PlanEntry.objects.select_related("plan", "plan__person").get(pk=entry.pk)
            assert loaded.version == base_version
            barrier.wait()
            saved = plan_entry_update(
                viewer=editors[text],
                entry=loaded,
                base_version=base_version,
                words=EntryWords(text=text),
            )
            return ("saved", saved)

        return call

    outcomes = _race(*(save(text) for text in editors))

    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["conflict", "saved"], outcomes
    (saved,) = [value for kind, value in outcomes if kind == "saved"]
    (conflict,) = [value for kind, value in outcomes if kind == "conflict"]
    losing_text = next(text for text in editors if text != saved.text)
    # The loser is shown what the winner saved, and still has their own words to keep.
    assert conflict.current.text == saved.text
    assert conflict.current.version == base_version + 1
    assert {saved.text, losing_text} == set(editors)
    entry.refresh_from_db()
    assert entry.text == saved.text
    assert entry.version == base_version + 1
    revisions = PlanEntryRevision.objects.filter(entry=entry)
    assert revisions.count() == revisions_before + 1
    assert revisions.filter(version=base_version + 1, text=saved.text).exists()


def test_two_people_saving_the_same_profile_part_version_one_wins(personas) -> None:  # type: ignore[no-untyped-def]
    kyle = personas.kyle
    first = people_actions.profile_entry_update(
        actor=personas.person,
        person=kyle,
        section="good_day",
        base_version=0,
        text="Swimming",
        voice_how=VoiceHow.TYPED,
    )
    base_version = first.version
    texts = {
        "Swimming, then chips": personas.person,
        "Swimming and a walk": personas.worker,
    }

    def save(text: str) -> Callable[[threading.Barrier], tuple[str, Any]]:
        def call(barrier: threading.Barrier) -> tuple[str, Any]:
            barrier.wait()
            saved = people_actions.profile_entry_update(
                actor=texts[text],
                person=kyle,
                section="good_day",
                base_version=base_version,
                text=text,
                voice_how=VoiceHow.TYPED if texts[text] == personas.person else VoiceHow.SPOKEN,
            )
            return ("saved", saved)

        return call

    outcomes = _race(*(save(text) for text in texts))

    assert sorted(kind for kind, _ in outcomes) == ["conflict", "saved"], outcomes
    (saved,) = [value for kind, value in outcomes if kind == "saved"]
    (conflict,) = [value for kind, value in outcomes if kind == "conflict"]
    assert conflict.current.text == saved.text
    entry = ProfileEntry.objects.get(person=kyle, section="good_day")
    assert entry.version == base_version + 1
    assert entry.text == saved.text
    assert ProfileEntryRevision.objects.filter(entry=entry).count() == 2
