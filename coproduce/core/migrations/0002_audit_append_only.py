"""Make the audit log append-only in the database itself.

PostgreSQL refuses UPDATE and DELETE; SQLite refuses UPDATE (test databases are emptied
with DELETE there, so only UPDATE is blocked on SQLite). TRUNCATE stays possible for an
operator with database access, outside the app.
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE OR DELETE ON core_auditentry
FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry;
DROP FUNCTION IF EXISTS core_auditentry_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS core_auditentry_no_update;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
