"""The portal's runtime role (made by `manage.py grant_runtime_role`) may read and add access
-log entries and nothing more: no UPDATE, DELETE or TRUNCATE, no DROP TRIGGER (it does not
own the table). The one exception is pseudonymising the readable name.

Needs PostgreSQL and an existing login role named in DATABASE_RUNTIME_ROLE with its password
in DATABASE_RUNTIME_PASSWORD (CI creates both); skipped otherwise.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from privacy.models import Inzage

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def als_runtime(requires_postgres: None) -> Iterator[psycopg.Connection[Any]]:
    rol = os.environ.get("DATABASE_RUNTIME_ROLE")
    wachtwoord = os.environ.get("DATABASE_RUNTIME_PASSWORD")
    if not rol or not wachtwoord:
        pytest.skip("needs DATABASE_RUNTIME_ROLE and DATABASE_RUNTIME_PASSWORD (a runtime role)")
    # The grants are per database: give them in the test database.
    call_command("grant_runtime_role", rol, stdout=open(os.devnull, "w"))  # noqa: SIM115
    db = connection.settings_dict
    verbinding = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        dbname=db["NAME"],
        user=rol,
        password=wachtwoord,
        autocommit=True,
    )
    try:
        yield verbinding
    finally:
        verbinding.close()


INSERT = """
INSERT INTO accounts_inzage (id, op, actie, uitkomst, gebruiker_naam, rol, jongere_ref, soort,
    doel, pad, na_signaalwijziging, querystring, sessie, user_agent, doel_opgegeven, reden,
    volgnummer, vorige_hash, hash)
VALUES (%s, now(), 'read', 'gelukt', 'Sanne', 'coordinator', 7, 'profiel', 'matching', '/',
    false, '', '', '', false, '', %s, '', '')
"""


def test_runtime_role_may_add_and_read(als_runtime: psycopg.Connection[Any]) -> None:
    als_runtime.execute(INSERT, [uuid.uuid4(), 1])
    (aantal,) = als_runtime.execute("SELECT count(*) FROM accounts_inzage").fetchone() or (0,)
    assert aantal == 1
    # Normal rights elsewhere: the portal works.
    als_runtime.execute("SELECT count(*) FROM accounts_user").fetchone()


@pytest.mark.parametrize(
    ("sql", "fout"),
    [
        ("UPDATE accounts_inzage SET jongere_ref = 8", "permission denied"),
        ("UPDATE accounts_inzage SET gebruiker_naam = 'Iemand'", "append-only"),
        ("DELETE FROM accounts_inzage", "permission denied"),
        ("TRUNCATE accounts_inzage", "permission denied"),
        (
            "DROP TRIGGER accounts_inzage_alleen_toevoegen ON accounts_inzage",
            "must be owner",
        ),
        (
            "ALTER TABLE accounts_inzage DISABLE TRIGGER accounts_inzage_alleen_toevoegen",
            "must be owner",
        ),
    ],
)
def test_runtime_role_cannot_change_or_remove(
    als_runtime: psycopg.Connection[Any], sql: str, fout: str
) -> None:
    als_runtime.execute(INSERT, [uuid.uuid4(), 1])
    with pytest.raises(psycopg.Error, match=fout):
        als_runtime.execute(sql)
    assert Inzage.objects.filter(jongere_ref=7, gebruiker_naam="Sanne").count() == 1


def test_runtime_role_may_pseudonymise(als_runtime: psycopg.Connection[Any]) -> None:
    als_runtime.execute(INSERT, [uuid.uuid4(), 1])
    als_runtime.execute("UPDATE accounts_inzage SET gebruiker_naam = 'gewist-1'")
    assert list(Inzage.objects.values_list("gebruiker_naam", flat=True)) == ["gewist-1"]
