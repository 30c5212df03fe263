"""Create (or update) the portal's runtime database role: normal rights on every table but the
access log, where it may only read and add (and pseudonymise the readable name).

Run as the role that owns the tables (the one that runs `migrate`), after every migrate:
tables a migration adds get the runtime rights too. The portal then connects as the runtime
role, which can neither change, remove nor truncate entries nor drop the log's trigger.
"""

from __future__ import annotations

import os
import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

LOG = "accounts_inzage"
GELDIGE_NAAM = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class Command(BaseCommand):
    help = (
        "Create or update the runtime database role: SELECT and INSERT only on the access "
        "log (plus UPDATE of gebruiker_naam, for pseudonymising), normal rights elsewhere."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="name of the runtime role (lower case, a-z 0-9 _)")
        parser.add_argument(
            "--password-env",
            default="DATABASE_RUNTIME_PASSWORD",
            help="environment variable holding the role's password (default: %(default)s); "
            "when unset the role is created without one and its password left as it is",
        )

    def handle(self, *args: Any, role: str, password_env: str, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("grant_runtime_role needs PostgreSQL.")
        if not GELDIGE_NAAM.match(role):
            raise CommandError(f"not a plain role name: {role!r}")
        if role == connection.settings_dict["USER"]:
            raise CommandError(
                "the runtime role must differ from the role that owns the tables "
                f"({role!r} is the one connected now)"
            )
        wachtwoord = os.environ.get(password_env) or None
        qn = connection.ops.quote_name
        rol = qn(role)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {rol} LOGIN")
            cursor.execute(f"ALTER ROLE {rol} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS")
            if wachtwoord is not None:
                # Quoted by the server (format %L): no password text in our SQL string.
                cursor.execute(
                    "SELECT format('ALTER ROLE %%I PASSWORD %%L', %s, %s)", [role, wachtwoord]
                )
                (sql,) = cursor.fetchone()
                cursor.execute(sql)
            database = qn(connection.settings_dict["NAME"])
            cursor.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {rol}")
            cursor.execute(f"GRANT USAGE ON SCHEMA public TO {rol}")
            cursor.execute(
                f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {rol}"
            )
            cursor.execute(
                f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {rol}"
            )
            # The access log: read and add; the readable name may become a pseudonym (the
            # trigger allows nothing else). No DELETE, no TRUNCATE, and not the owner, so
            # no ALTER TABLE or DROP TRIGGER either.
            cursor.execute(f"REVOKE ALL ON {qn(LOG)} FROM {rol}")
            cursor.execute(f"GRANT SELECT, INSERT ON {qn(LOG)} TO {rol}")
            cursor.execute(f"GRANT UPDATE (gebruiker_naam) ON {qn(LOG)} TO {rol}")
        self.stdout.write(
            f"runtime role {role}: normal rights on every table, SELECT and INSERT on {LOG}"
        )
