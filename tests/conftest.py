"""Personas and infrastructure fixtures shared by every test module.

The personas mirror the demo accounts: two coordinators in different regions, two
managers at different care providers, a youth, that youth's parent, another youth and
a functional admin. Each test asks for the people it needs by name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from accounts.models import Organisatie, Regio, Rol, User
from tests.factories import OrganisatieFactory, RegioFactory, UserFactory

PASSWORD = "een-goed-wachtwoord"


def _flush_met_toegangslog() -> None:
    """The access log refuses TRUNCATE (a trigger on PostgreSQL). Only the test suite empties
    its database between transactional tests: as the table's owner it lifts that one trigger
    for the flush and puts it back in the same transaction."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    origineel = DatabaseOperations.sql_flush

    def sql_flush(self: DatabaseOperations, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        sql = origineel(self, style, tables, **kwargs)
        if sql and "accounts_inzage" in tables:
            trigger = "TRIGGER accounts_inzage_geen_truncate"
            sql = [
                f"ALTER TABLE accounts_inzage DISABLE {trigger}",
                *sql,
                f"ALTER TABLE accounts_inzage ENABLE {trigger}",
            ]
        return sql

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign,assignment]


_flush_met_toegangslog()
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI a skipped test is a failed test: CI promises PostgreSQL and Redis."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI=true, which counts as a failure: {reason}"


# What a skipped test needed, recognised in its reason, and how to provide it.
_NODIG = (
    ("PostgreSQL", "PostgreSQL", "PostgreSQL on 127.0.0.1:5432 or DATABASE_URL=postgres://…"),
    ("Redis", "edis", "Redis on 127.0.0.1:6379 or CELERY_BROKER_URL=redis://…"),
    ("Chromium", "Chromium", "apt-get install chromium"),
    (
        "a runtime database role",
        "DATABASE_RUNTIME_ROLE",
        "DATABASE_RUNTIME_ROLE and DATABASE_RUNTIME_PASSWORD naming a login role (.ci/run)",
    ),
)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: Any) -> Iterator[None]:
    """End with one line naming what was skipped for want of a service, and how to run it
    (`make test` finds PostgreSQL and Redis on their default ports by itself). After the
    short summary, so it is the last line before pytest's count."""
    yield
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    tellingen: dict[str, int] = {}
    hoe: dict[str, str] = {}
    for report in skipped:
        reden = str(report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr)
        wat, uitleg = next(
            ((wat, uitleg) for wat, teken, uitleg in _NODIG if teken in reden),
            ("other reasons", ""),
        )
        tellingen[wat] = tellingen.get(wat, 0) + 1
        if uitleg:
            hoe[wat] = uitleg
    wat = ", ".join(f"{naam} ({aantal})" for naam, aantal in tellingen.items())
    aantal = len(skipped)
    regel = f"Skipped {aantal} test{'' if aantal == 1 else 's'}; needed: {wat}."
    if hoe:
        regel += " To run them: " + "; ".join(hoe.values())
    terminalreporter.write_line(regel, yellow=True, bold=True)


@pytest.fixture(autouse=True)
def _broker_niet_als_weg_onthouden() -> Iterator[None]:
    """A test that made the outbox see a broker failure must not make the next test skip
    publishing (the outbox pauses this process's attempts after a failure)."""
    from kern import uitgesteld

    uitgesteld._storing_tot = 0.0
    yield
    uitgesteld._storing_tot = 0.0


@pytest.fixture(autouse=True)
def _zoekindex_per_test() -> Iterator[None]:
    """Each test starts with an empty database; this process's copy of the search index must
    not remember the homes of the test before (their ids and versions come back)."""
    from matching import zoekindex

    zoekindex.vergeet()
    yield
    zoekindex.vergeet()


@pytest.fixture
def requires_postgres(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://...")


@pytest.fixture
def database_url(requires_postgres: None) -> str:
    """The test database as a DATABASE_URL, for a process of the portal started by a test."""
    from urllib.parse import quote

    db = connection.settings_dict
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def vrije_poort() -> int:
    """A TCP port on the loopback address that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def redis_url() -> str:
    url = settings.CELERY_BROKER_URL
    if not url.startswith("redis://"):
        pytest.skip("needs Redis: set CELERY_BROKER_URL=redis://...")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError as exc:
        pytest.skip(f"Redis at {url} is unreachable: {exc}")
    return url


@pytest.fixture(autouse=True)
def _vocabulary_after_flush(request: pytest.FixtureRequest) -> None:
    """Tests on a transactional database start from a flushed database, which has lost the
    starting vocabulary a data migration loaded; put it back for them."""
    if "transactional_db" not in request.fixturenames and not any(
        marker.kwargs.get("transaction") for marker in request.node.iter_markers("django_db")
    ):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from kern.models import Kenmerk

    startset = import_module("matching.migrations.0002_startset_kenmerken").STARTSET
    hernoemd = import_module("kern.migrations.0002_kenmerk_gezinsgericht_in_gewone_taal").HERNOEMD
    for volgorde, (code, naam, zin) in enumerate(startset, start=1):
        if code in hernoemd:
            naam, zin = hernoemd[code][1]
        Kenmerk.objects.get_or_create(
            code=code, defaults={"naam": naam, "aanbod_zin": zin, "volgorde": volgorde * 10}
        )


@pytest.fixture
def regio_groningen(db: None) -> Regio:
    return RegioFactory.create(naam="Groningen")


@pytest.fixture
def regio_friesland(db: None) -> Regio:
    return RegioFactory.create(naam="Friesland")


@pytest.fixture
def gemeente(regio_groningen: Regio) -> Organisatie:
    return OrganisatieFactory.create(
        naam="Gemeente Groningen", soort=Organisatie.Soort.GEMEENTE, regio=regio_groningen
    )


@pytest.fixture
def gemeente2(regio_friesland: Regio) -> Organisatie:
    return OrganisatieFactory.create(
        naam="Sociaal Domein Friesland", soort=Organisatie.Soort.GEMEENTE, regio=regio_friesland
    )


@pytest.fixture
def aanbieder(regio_groningen: Regio) -> Organisatie:
    return OrganisatieFactory.create(
        naam="Stichting Noorderhuis", soort=Organisatie.Soort.ZORGAANBIEDER, regio=regio_groningen
    )


@pytest.fixture
def aanbieder2(regio_friesland: Regio) -> Organisatie:
    return OrganisatieFactory.create(
        naam="Waddenkring Jeugdzorg", soort=Organisatie.Soort.ZORGAANBIEDER, regio=regio_friesland
    )


@pytest.fixture
def coordinator(gemeente: Organisatie) -> User:
    return UserFactory.create(
        email="sanne@example.org", first_name="Sanne", rol=Rol.COORDINATOR, organisatie=gemeente
    )


@pytest.fixture
def coordinator2(gemeente2: Organisatie) -> User:
    return UserFactory.create(
        email="jelle@example.org", first_name="Jelle", rol=Rol.COORDINATOR, organisatie=gemeente2
    )


@pytest.fixture
def expertteam(gemeente: Organisatie) -> User:
    """A member of the Groningen region's expert table (works at the municipality)."""
    return UserFactory.create(
        email="expertteam@example.org", first_name="Eva", rol=Rol.EXPERTTEAM, organisatie=gemeente
    )


@pytest.fixture
def beheerder(aanbieder: Organisatie) -> User:
    return UserFactory.create(
        email="marieke@example.org", first_name="Marieke", rol=Rol.BEHEERDER, organisatie=aanbieder
    )


@pytest.fixture
def beheerder2(aanbieder2: Organisatie) -> User:
    return UserFactory.create(
        email="pieter@example.org", first_name="Pieter", rol=Rol.BEHEERDER, organisatie=aanbieder2
    )


@pytest.fixture
def jongere_user(db: None) -> User:
    return UserFactory.create(email="noor@example.org", first_name="Noor", rol=Rol.JONGERE)


@pytest.fixture
def ouder_user(db: None) -> User:
    return UserFactory.create(email="esther@example.org", first_name="Esther", rol=Rol.OUDER)


@pytest.fixture
def andere_jongere_user(db: None) -> User:
    return UserFactory.create(email="daan@example.org", first_name="Daan", rol=Rol.JONGERE)


@pytest.fixture
def admin_user(gemeente: Organisatie) -> User:
    return UserFactory.create(
        email="anton@example.org",
        first_name="Anton",
        rol=Rol.FUNCTIONEEL_BEHEERDER,
        organisatie=gemeente,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def gi(regio_groningen: Regio) -> Organisatie:
    return OrganisatieFactory.create(
        naam="Jeugdbescherming Noord", soort=Organisatie.Soort.GI, regio=regio_groningen
    )


@pytest.fixture
def jeugdbeschermer_user(gi: Organisatie) -> User:
    return UserFactory.create(
        email="karin@example.org", first_name="Karin", rol=Rol.JEUGDBESCHERMER, organisatie=gi
    )


# Every persona of the access matrix, by the name the matrix uses (trust and browser tests).
@pytest.fixture
def personas(
    coordinator: User,
    coordinator2: User,
    beheerder: User,
    beheerder2: User,
    jongere_user: User,
    andere_jongere_user: User,
    ouder_user: User,
    admin_user: User,
    jeugdbeschermer_user: User,
    expertteam: User,
) -> dict[str, User]:
    return {
        "coordinator": coordinator,
        "coordinator2": coordinator2,
        "beheerder": beheerder,
        "beheerder2": beheerder2,
        "jongere_user": jongere_user,
        "andere_jongere_user": andere_jongere_user,
        "ouder_user": ouder_user,
        "admin_user": admin_user,
        "jeugdbeschermer_user": jeugdbeschermer_user,
        "expertteam": expertteam,
    }
