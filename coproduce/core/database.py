"""What each database connection needs from the app.

SQLite: the function the audit log's DELETE trigger asks (migration 0003). It answers yes
only while ``allow_audit_delete`` is on for that connection, which only the test harness
turns on, to empty a test database between tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


def on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor != "sqlite":
        return

    def delete_allowed() -> int:
        return 1 if getattr(connection, "audit_delete_allowed", False) else 0

    connection.connection.create_function(
        "coproduce_audit_delete_allowed", 0, delete_allowed, deterministic=False
    )


@contextmanager
def allow_audit_delete(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Let this connection delete audit entries (the test harness emptying a database)."""
    connection.audit_delete_allowed = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        connection.audit_delete_allowed = False  # type: ignore[attr-defined]


def update_planner_statistics(using: str = "default") -> None:
    """Tell the database's query planner what the tables now hold (``ANALYZE``).

    A bulk load (the demo, an import, a restore) leaves fresh tables with no statistics, and
    the planner then guesses badly: on the large demo one ``ANALYZE`` made the SQL-bound
    pages two to three times faster. Autovacuum would get there in the end, but it may be
    off, and the first hours of a new provider's use should not depend on it. Runs outside
    any transaction on PostgreSQL (it may not run inside one on SQLite either way).
    """
    from django.db import connections

    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
