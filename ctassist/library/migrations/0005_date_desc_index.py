"""An index for the newest-first listing (a search without words, sorted by date, nulls last),
so its first page is read in index order instead of sorting every record."""

from django.db import migrations

FORWARD = {
    "postgresql": "CREATE INDEX IF NOT EXISTS library_date_desc "
    "ON library_record (date DESC NULLS LAST, id DESC)",
    # SQLite sorts NULL first ascending, so DESC already puts it last.
    "sqlite": "CREATE INDEX IF NOT EXISTS library_date_desc ON library_record (date DESC, id DESC)",
}
REVERSE = "DROP INDEX IF EXISTS library_date_desc"


def forward(apps, schema_editor):
    statement = FORWARD.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor in FORWARD:
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [("library", "0004_record_import_digest")]
    operations = [migrations.RunPython(forward, reverse)]
