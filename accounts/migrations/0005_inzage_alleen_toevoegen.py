"""On PostgreSQL the database itself refuses UPDATE and DELETE on the access log, so not
even a raw query or a database client with the portal's credentials can rewrite it."""

from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION accounts_inzage_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'accounts_inzage is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accounts_inzage_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON accounts_inzage
    FOR EACH ROW EXECUTE FUNCTION accounts_inzage_alleen_toevoegen();
"""

ZONDER_TRIGGER = """
DROP TRIGGER IF EXISTS accounts_inzage_alleen_toevoegen ON accounts_inzage;
DROP FUNCTION IF EXISTS accounts_inzage_alleen_toevoegen();
"""


def _sql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: the % in RAISE is PL/pgSQL, not a placeholder.
            schema_editor.execute(sql, None)

    return run


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_inzage")]

    operations = [migrations.RunPython(_sql(TRIGGER), _sql(ZONDER_TRIGGER))]
