"""Refuse DELETE on the audit log on SQLite too, as PostgreSQL does.

SQLite has no TRUNCATE: the test harness empties a database with DELETE between
transactional tests. The trigger asks ``coproduce_audit_delete_allowed()``, a function each
SQLite connection gets from ``coproduce.core.database``; it answers yes only while the
test harness flushes the database (``conftest.py``). Anything else, including a
connection without the function (the sqlite3 shell), cannot delete an entry.
"""

from django.db import migrations

SQLITE_FORWARD = """
CREATE TRIGGER core_auditentry_no_delete BEFORE DELETE ON core_auditentry
WHEN coproduce_audit_delete_allowed() = 0
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS core_auditentry_no_delete;"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only")]
    operations = [migrations.RunPython(forward, backward)]
