"""Running totals: written in the answer's transaction, read by the results pages.

An answer adds one to a few ``Tally`` rows (the option chosen, and the survey's count of
responses) for everyone and for each breakdown the response belongs to (its service, its
area, its role). The rows are split into ``SHARDS`` shards, one chosen at random for each
response, so answers arriving together rarely wait for the same row; reading sums them.
The upsert is the same SQL on SQLite and PostgreSQL (``INSERT … ON CONFLICT DO UPDATE``),
and rows are written in key order so two transactions never lock them in opposite orders.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Sum

from coproduce.voice.models import Tally

SHARDS = 8
EVERYONE = ""

# (question_id, option_id, value): a survey's own count of responses is (0, 0, 0).
Key = tuple[int, int, int]
RESPONSES: Key = (0, 0, 0)


@dataclass(frozen=True)
class Count:
    count: int = 0
    points: int = 0


def dimensions_of(*, service_id: int | None, area: str, role: str) -> list[str]:
    """The breakdowns a response counts in, everyone first."""
    dims = [EVERYONE, f"role:{role}"]
    if service_id is not None:
        dims.append(f"service:{service_id}")
    if area:
        dims.append(f"area:{area[:130]}")
    return dims


def tally_add(
    *,
    survey_id: int,
    additions: dict[Key, Count],
    dimensions: Iterable[str],
    shard: int | None = None,
) -> None:
    """Add the counts to the survey's totals in every dimension, in one statement."""
    if shard is None:
        shard = random.randrange(SHARDS)
    rows = sorted(
        (survey_id, question_id, option_id, value, dimension, shard, add.count, add.points)
        for (question_id, option_id, value), add in additions.items()
        for dimension in dimensions
    )
    if not rows:
        return
    table = connection.ops.quote_name(Tally._meta.db_table)
    placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    sql = (
        f"INSERT INTO {table} "  # noqa: S608 (own table name; values are parameters)
        "(survey_id, question_id, option_id, value, dimension, shard, count, points) "
        f"VALUES {placeholders} "
        "ON CONFLICT (survey_id, question_id, option_id, value, dimension, shard) "
        f"DO UPDATE SET count = {table}.count + excluded.count, "
        f"points = {table}.points + excluded.points"
    )
    params = [field for row in rows for field in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def totals(survey_id: int, dimension: str = EVERYONE) -> dict[Key, Count]:
    """Return the survey's totals in one dimension, summed over the shards."""
    rows = (
        Tally.objects.filter(survey_id=survey_id, dimension=dimension)
        .values("question_id", "option_id", "value")
        .annotate(total=Sum("count"), total_points=Sum("points"))
    )
    return {
        (row["question_id"], row["option_id"], row["value"]): Count(
            row["total"] or 0, row["total_points"] or 0
        )
        for row in rows
    }


def group_sizes(survey_id: int, prefix: str) -> dict[str, int]:
    """Return how many responses each breakdown of one kind ("service:", "area:",
    "role:") holds, by dimension."""
    rows = (
        Tally.objects.filter(
            survey_id=survey_id,
            question_id=0,
            option_id=0,
            value=0,
            dimension__startswith=prefix,
        )
        .values("dimension")
        .annotate(total=Sum("count"))
    )
    return {row["dimension"]: row["total"] or 0 for row in rows}


def totals_by_dimension(survey_id: int, dimensions: Iterable[str]) -> dict[str, dict[Key, Count]]:
    """Return the totals of several dimensions at once."""
    wanted = list(dimensions)
    found: dict[str, dict[Key, Count]] = defaultdict(dict)
    if not wanted:
        return found
    rows = (
        Tally.objects.filter(survey_id=survey_id, dimension__in=wanted)
        .values("dimension", "question_id", "option_id", "value")
        .annotate(total=Sum("count"), total_points=Sum("points"))
    )
    for row in rows:
        found[row["dimension"]][(row["question_id"], row["option_id"], row["value"])] = Count(
            row["total"] or 0, row["total_points"] or 0
        )
    return found
