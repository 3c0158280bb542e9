"""Every page makes as many queries on a bigger organisation as on a smaller one.

The large demo is loaded at two sizes (``--scale 0.01``: 15 services, about 300 members;
``--scale 0.02``: twice that), each inside a transaction that is rolled back. On each, every
GET page of the URL policy is asked for by every role that may open it, about the same
records (``coproduce/demo/targets.py``, which the page benchmark uses too), once to warm
what a page keeps between requests and once counted. A page whose count grows with the
data reads row by row somewhere, and the page benchmark's 1,540 services would make it
slow: this test names it.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from test_url_policy import POLICY

from conftest import signed_in_client

SIZES = ("0.01", "0.02")
# The demo's own sign-in is off when DEBUG is off; sign-in pages have their own tests.
GET_PAGES = sorted(
    name
    for name, rule in POLICY.items()
    if rule.method == "GET" and not rule.sign_in and not name.startswith("demo:")
)


def _count_at(scale: str) -> tuple[dict[tuple[str, str], tuple[int, int]], list[str]]:
    from coproduce.demo.targets import choose_targets, pages_to_measure
    from coproduce.matching.queries import forget_worker_index

    counts: dict[tuple[str, str], tuple[int, int]] = {}
    with transaction.atomic():
        call_command("demo", "--size", "large", "--scale", scale, stdout=StringIO())
        chosen = choose_targets()
        cache.clear()
        forget_worker_index(chosen.organisation.pk)
        pages, no_record = pages_to_measure(chosen, POLICY)
        clients = {role: signed_in_client(user) for role, user in chosen.users.items()}
        for page in pages:
            client = clients[page.role]
            client.get(page.path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page.path)
            counts[(page.name, page.role)] = (response.status_code, len(queries))
        forget_worker_index(chosen.organisation.pk)
        transaction.set_rollback(True)
    cache.clear()
    return counts, no_record


# The tests ask for ``db`` before this fixture: only then has pytest-django pointed the
# connection at the test database when a module-scoped fixture runs.
@pytest.fixture(scope="module")
def query_counts(django_db_setup: Any, django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        found = {scale: _count_at(scale) for scale in SIZES}
    return {
        "counts": {scale: counts for scale, (counts, _) in found.items()},
        "no_record": set(found[SIZES[0]][1]),
    }


@pytest.mark.parametrize("name", GET_PAGES)
def test_query_count_does_not_grow_with_the_organisation(
    db: None, query_counts: dict[str, Any], name: str
) -> None:
    if name in query_counts["no_record"]:
        pytest.skip("the large demo holds no record this page is about")
    small, large = (query_counts["counts"][scale] for scale in SIZES)
    measured = sorted(role for page, role in small if page == name)
    assert measured, f"{name} was measured for no role"
    grew = {
        role: (small[(name, role)][1], large[(name, role)][1])
        for role in measured
        if small[(name, role)] != large[(name, role)]
    }
    assert grew == {}, f"{name}: (status, queries) at {SIZES}: " + ", ".join(
        f"{role} {small[(name, role)]} then {large[(name, role)]}" for role in grew
    )
