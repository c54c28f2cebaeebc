"""On PostgreSQL the journal refuses UPDATE and DELETE in the database itself (R-6.3): not even a script
or a DBA typo rewrites history. (SQLite: the model and queryset guards apply; Django's test flush there
deletes rows, so no trigger.)"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION vic_journal_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Nhật ký nhiệm vụ chỉ được ghi thêm, không được sửa hoặc xóa (R-6.3)';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS tasks_taskevent_append_only ON tasks_taskevent;
CREATE TRIGGER tasks_taskevent_append_only BEFORE UPDATE OR DELETE ON tasks_taskevent
    FOR EACH ROW EXECUTE FUNCTION vic_journal_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS tasks_taskevent_append_only ON tasks_taskevent;
DROP FUNCTION IF EXISTS vic_journal_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("tasks", "0005_drop_unused_event")]
    operations = [migrations.RunPython(create, drop)]
