"""PostgreSQL only: the unaccent and pg_trgm extensions and trigram GIN indexes on the folded names, so a
`LIKE '%duong thi nha%'` search uses an index. SQLite searches the same folded columns without one."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS registry_awardee_name_trgm "
    "ON registry_awardee USING gin (name_folded gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS registry_person_name_trgm "
    "ON registry_person USING gin (name_folded gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS registry_person_name_trgm",
    "DROP INDEX IF EXISTS registry_awardee_name_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
