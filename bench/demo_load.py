"""Load the large demo set into a fresh PostgreSQL database and report how long it took.

    .venv/bin/python bench/demo_load.py [--database coproduce_bench] [--seed 1] [--scale 1]

Drops and re-creates the database, migrates it, times ``manage.py demo --size large``,
counts the rows and prints the figures. The database is kept afterwards so other
benchmarks can use it (``--drop`` removes it). Exits with 1 if loading took longer than
the 10-minute budget.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 10 * 60
TABLES = (
    ("organisations", "accounts_organisation"),
    ("services", "accounts_service"),
    ("users", "accounts_user"),
    ("verified email addresses", "account_emailaddress"),
    ("memberships", "accounts_membership"),
    ("membership services", "accounts_membership_services"),
    ("people supported", "people_person"),
    ("person services", "people_person_services"),
    ("supporters", "people_supporter"),
    ("staff profiles", "people_staffprofile"),
    ("staff interests", "people_staffprofile_interests"),
    ("staff skills", "people_staffprofile_skills"),
    ("availability slots", "people_availability"),
    ("person details", "people_persondetails"),
    ("person interests", "people_persondetails_interests"),
    ("worker preferences", "people_workerpreference"),
    ("preferred times", "matching_preferredtime"),
    ("check-ins", "plans_checkin"),
    ("support plans", "plans_supportplan"),
    ("support plan entries", "plans_planentry"),
    ("plan entry revisions", "plans_planentryrevision"),
    ("decisions", "decisions_decision"),
    ("one-to-ones", "plans_onetoone"),
    ("one-to-one actions", "plans_onetooneaction"),
    ("not working flags", "plans_notworkingflag"),
    ("change requests", "matching_changerequest"),
    ("workers offered", "matching_changeoffer"),
    ("notifications", "accounts_notification"),
    ("votes and surveys", "voice_survey"),
    ("survey questions", "voice_question"),
    ("survey responses", "voice_response"),
    ("who answered", "voice_participation"),
    ("survey answers", "voice_answer"),
    ("running totals", "voice_tally"),
    ("comments, complaints and compliments", "feedback_concern"),
    ("their moves and notes", "feedback_concernevent"),
    ("changes (you said, we did)", "feedback_change"),
    ("their sources", "feedback_changesource"),
    ("their progress notes", "feedback_changenote"),
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="coproduce_bench")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5432)
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--drop", action="store_true", help="Drop the database at the end.")
    return parser.parse_args()


def connect(args: argparse.Namespace, database: str) -> psycopg.Connection:
    return psycopg.connect(
        host=args.host, port=args.port, user=args.user, dbname=database, autocommit=True
    )


def recreate_database(args: argparse.Namespace) -> None:
    with connect(args, "postgres") as conn:
        name = sql.Identifier(args.database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(args: argparse.Namespace) -> None:
    with connect(args, "postgres") as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(args.database))
        )


def manage(env: dict[str, str], *command: str) -> float:
    """Run a management command; return the seconds it took."""
    started = time.perf_counter()
    # The command is built here from fixed words, never from outside input.
    subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)  # noqa: S603
    return time.perf_counter() - started


def memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def main() -> int:
    args = parse_args()
    recreate_database(args)
    url = f"postgres://{args.user}@{args.host}:{args.port}/{args.database}"
    with tempfile.TemporaryDirectory(prefix="coproduce-bench-") as data_dir:
        env = {**os.environ, "DATABASE_URL": url, "DATA_DIR": data_dir, "DEBUG": "0"}
        migrate_seconds = manage(env, "migrate", "--no-input", "-v0")
        load_seconds = manage(
            env, "demo", "--size", "large", "--seed", str(args.seed), "--scale", str(args.scale)
        )
    with connect(args, args.database) as conn:
        counts = [
            (label, conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(t)))
             .fetchone()[0])  # type: ignore[index]
            for label, t in TABLES
        ]  # fmt: skip
        size = conn.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        database_size = size.fetchone()[0]  # type: ignore[index]
        version = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
    if args.drop:
        drop_database(args)

    print()
    print(f"Large demo load into PostgreSQL {version}, {dt.date.today():%Y-%m-%d}")
    print(
        f"Machine: {os.cpu_count()} cores, {memory_gb():.0f} GB memory, "
        f"Python {platform.python_version()}"
    )
    print(f"Seed {args.seed}, scale {args.scale}")
    print(f"  migrate (empty database)   {migrate_seconds:8.1f} s")
    print(f"  demo --size large          {load_seconds:8.1f} s")
    for label, number in counts:
        print(f"  {label:<26} {number:>8,}")
    print(f"  database size              {database_size:>8}")
    within = load_seconds <= BUDGET_SECONDS
    print(f"Budget {BUDGET_SECONDS // 60} minutes: {'within' if within else 'OVER'}")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
