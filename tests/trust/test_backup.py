"""The README's back-up and restore, on a real PostgreSQL: the same pg_dump and pg_restore
arguments (aimed at the test database instead of compose's `db` service) give back every
row, and the access log is append-only again afterwards."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from accounts.models import User
from privacy.models import Inzage

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_DB = ["docker", "compose", "exec", "-T", "db"]


def _readme_opdracht(programma: str) -> tuple[list[str], str]:
    """The README's `docker compose exec -T db <programma> ...` line: the arguments after
    the program, and the file it reads or writes."""
    for regel in (ROOT / "README.md").read_text().splitlines():
        if not regel.startswith(" ".join(COMPOSE_DB)):
            continue
        woorden = shlex.split(regel)
        if woorden[: len(COMPOSE_DB) + 1] == [*COMPOSE_DB, programma]:
            argumenten = woorden[len(COMPOSE_DB) + 1 :]
            richting = argumenten.index(">") if ">" in argumenten else argumenten.index("<")
            return argumenten[:richting], argumenten[richting + 1]
    raise AssertionError(f"the README shows no `{' '.join(COMPOSE_DB)} {programma}` line")


def _hier(argumenten: list[str], *, database: str) -> list[str]:
    """The same arguments for this machine's PostgreSQL and the given database."""
    db = connection.settings_dict
    doel = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    uit: list[str] = []
    overslaan = False
    for argument in argumenten:
        if overslaan:
            overslaan = False
            continue
        if argument == "-U":
            overslaan = True  # compose's user; ours comes in front
        elif argument == "passendeplek":
            uit.append(database)
        else:
            uit.append(re.sub(r"^--dbname=passendeplek$", f"--dbname={database}", argument))
    return doel + uit


@pytest.fixture
def herstel_database(requires_postgres: None, transactional_db: None) -> Iterator[str]:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("needs pg_dump and pg_restore (apt-get install postgresql-client)")
    naam = f"{connection.settings_dict['NAME']}_herstel"
    beheer = _dsn("postgres")
    with psycopg.connect(beheer, autocommit=True) as verbinding:
        verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}"')
        verbinding.execute(f'CREATE DATABASE "{naam}"')
    try:
        yield naam
    finally:
        with psycopg.connect(beheer, autocommit=True) as verbinding:
            verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')


def _dsn(database: str) -> str:
    db = connection.settings_dict
    return psycopg.conninfo.make_conninfo(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=database,
    )


@pytest.mark.postgres
def test_a_dump_restored_as_the_readme_says_keeps_every_row_and_the_append_only_log(
    herstel_database: str, coordinator: User, tmp_path: Path
) -> None:
    for jongere in (12, 13, 14):
        Inzage.objects.create(
            actie=Inzage.Actie.READ,
            uitkomst=Inzage.Toegang.GELUKT,
            gebruiker=coordinator,
            gebruiker_naam="Sanne",
            rol=coordinator.rol,
            jongere_ref=jongere,
            soort=Inzage.Soort.PROFIEL,
            doel=Inzage.Doel.MATCHING,
        )
    dump_args, bestand = _readme_opdracht("pg_dump")
    restore_args, gelezen = _readme_opdracht("pg_restore")
    assert gelezen == bestand
    dump = tmp_path / bestand
    with dump.open("wb") as uit:
        subprocess.run(
            ["pg_dump", *_hier(dump_args, database=connection.settings_dict["NAME"])],
            stdout=uit,
            check=True,
        )
    with dump.open("rb") as ingang:
        subprocess.run(
            ["pg_restore", *_hier(restore_args, database=herstel_database)],
            stdin=ingang,
            check=True,
        )

    with psycopg.connect(_dsn(herstel_database), autocommit=True) as hersteld:
        rijen = hersteld.execute(
            "SELECT jongere_ref FROM accounts_inzage ORDER BY jongere_ref"
        ).fetchall()
        assert rijen == [(12,), (13,), (14,)]
        gebruikers = hersteld.execute("SELECT email FROM accounts_user").fetchall()
        assert gebruikers == [(coordinator.email,)]
        with pytest.raises(psycopg.Error, match="append-only"):
            hersteld.execute("UPDATE accounts_inzage SET jongere_ref = 99")
