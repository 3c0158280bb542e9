"""Benchmark the "Choose my team" page on the large demo set in PostgreSQL.

    .venv/bin/python bench/team_page.py [--database coproduce_bench] [--requests 300]

Needs the large demo (bench/demo_load.py). Applies the matching migrations if the
database predates them. Signs in with Django's test client as people supported in
Northern Care Group (or, for people with no sign-in of their own, as a senior leader)
and times GET ``matching:choose`` end to end: middleware, access check and audit entry,
the shortlist from the cached worker index, the profiles and films, and the page.
The first request builds the worker index and is reported apart. Exits with 1 when the
p95 misses the target.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_P95_MS = 50.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="coproduce_bench")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5432)
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--organisation", default="northern-care")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--people", type=int, default=100, help="Different people asked for.")
    return parser.parse_args()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    args = parse_args()
    os.environ["DATABASE_URL"] = f"postgres://{args.user}@{args.host}:{args.port}/{args.database}"
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="coproduce-bench-"))
    # As the tests run: DEBUG off, no HTTPS redirect for the test client.
    os.environ["COPRODUCE_TESTING"] = "1"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    call_command("migrate", "matching", verbosity=0)

    from coproduce.accounts.models import Membership, Organisation
    from coproduce.accounts.testing import sign_in_for_tests
    from coproduce.people.models import Person

    organisation = Organisation.objects.get(slug=args.organisation)
    rng = random.Random(1)
    ids = list(Person.objects.filter(organisation=organisation).values_list("pk", "user_id"))
    sample = rng.sample(ids, min(args.people, len(ids)))
    lead = (
        Membership.objects.current()
        .filter(organisation=organisation, role="senior_leader")
        .select_related("user")
        .first()
    )
    assert lead is not None, "The large demo has a senior leader"
    clients: dict[int, Client] = {}

    def client_for(user_id: int | None) -> Client:
        key = user_id or lead.user_id
        if key not in clients:
            client = Client()
            user = lead.user if user_id is None else Person.objects.get(user_id=user_id).user
            sign_in_for_tests(client, user)
            clients[key] = client
        return clients[key]

    for _pk, user_id in sample:  # sign everyone in before timing
        client_for(user_id)
    first_pk, first_user = sample[0]
    t0 = time.perf_counter()
    response = client_for(first_user).get(reverse("matching:choose", args=[first_pk]))
    cold_ms = (time.perf_counter() - t0) * 1000
    assert response.status_code == 200, response.status_code

    timings, cards = [], []
    for n in range(args.requests):
        pk, user_id = sample[n % len(sample)]
        client = client_for(user_id)
        url = reverse("matching:choose", args=[pk])
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        cards.append(response.content.count(b'class="govuk-summary-card"'))

    p95 = percentile(timings, 0.95)
    own = sum(1 for _pk, u in sample if u is not None)
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, Django {django.get_version()}")  # fmt: skip
    print(f"Organisation {organisation.name}: {len(ids)} people; {len(sample)} asked for, "
          f"{own} signed in as themselves, the rest as a senior leader")  # fmt: skip
    print(f"First request (builds the worker index): {cold_ms:.0f} ms")
    print(f"{len(timings)} requests: median {statistics.median(timings):.1f} ms, "
          f"p95 {p95:.1f} ms, max {max(timings):.1f} ms; "
          f"cards per page: mean {statistics.mean(cards):.2f}")  # fmt: skip
    ok = p95 <= TARGET_P95_MS
    print(f"Target p95 <= {TARGET_P95_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
