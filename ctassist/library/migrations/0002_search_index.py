"""The search index beside library_searchdocument: an FTS5 table on SQLite, a tsvector column
with a GIN index on PostgreSQL. Both hold the terms made by ctassist/library/analysis.py."""

from django.db import migrations

SQLITE_FORWARD = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_fts USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')"
)
SQLITE_REVERSE = "DROP TABLE IF EXISTS library_fts"
PG_FORWARD = [
    "ALTER TABLE library_searchdocument ADD COLUMN tsv tsvector",
    "CREATE INDEX library_searchdocument_tsv ON library_searchdocument USING GIN (tsv)",
]
PG_REVERSE = [
    "DROP INDEX IF EXISTS library_searchdocument_tsv",
    "ALTER TABLE library_searchdocument DROP COLUMN IF EXISTS tsv",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
    elif vendor == "postgresql":
        for statement in PG_FORWARD:
            schema_editor.execute(statement)


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_REVERSE)
    elif vendor == "postgresql":
        for statement in PG_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_records_terms_provisions")]
    operations = [migrations.RunPython(forward, reverse)]
