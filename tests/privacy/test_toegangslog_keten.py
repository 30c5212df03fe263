"""The access log is tamper-evident and append-only: a hash chain over the entries that
`access_log --verify` checks, TRUNCATE refused, and pseudonymising the readable name as the
one change the database allows."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from accounts.models import User
from privacy.audit import log_inzage_lijst
from privacy.models import PSEUDONIEM_BEGIN, Inzage


def _regel(gebruiker: User, jongere: int, naam: str = "Sanne de Vries") -> Inzage:
    return Inzage.objects.create(
        actie=Inzage.Actie.READ,
        uitkomst=Inzage.Toegang.GELUKT,
        gebruiker=gebruiker,
        gebruiker_naam=naam,
        rol=gebruiker.rol,
        jongere_ref=jongere,
        soort=Inzage.Soort.PROFIEL,
        doel=Inzage.Doel.MATCHING,
        adres="10.0.0.1",
    )


def _verifieer() -> tuple[int, str]:
    uit = io.StringIO()
    try:
        call_command("access_log", "--verify", stdout=uit)
    except SystemExit as stop:
        return int(stop.code or 0), uit.getvalue()
    return 0, uit.getvalue()


def _buiten_de_trigger_om(sql: str, params: list[str]) -> None:
    """What someone with the table owner's rights could do: change a row behind the model
    and the trigger's back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE accounts_inzage DISABLE TRIGGER accounts_inzage_alleen_toevoegen"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE accounts_inzage ENABLE TRIGGER accounts_inzage_alleen_toevoegen"
            )


@pytest.fixture
def drie(coordinator: User) -> Iterator[list[Inzage]]:
    yield [_regel(coordinator, nummer) for nummer in (11, 12, 13)]


def test_each_entry_points_at_the_one_before(drie: list[Inzage]) -> None:
    eerste, tweede, derde = (Inzage.objects.get(pk=r.pk) for r in drie)
    assert [eerste.volgnummer, tweede.volgnummer, derde.volgnummer] == [1, 2, 3]
    assert eerste.vorige_hash == ""
    assert tweede.vorige_hash == eerste.hash
    assert derde.vorige_hash == tweede.hash
    assert len({eerste.hash, tweede.hash, derde.hash}) == 3


def test_a_list_page_chains_its_entries_too(coordinator: User, rf: RequestFactory) -> None:
    request = rf.get("/lijst/")
    request.user = coordinator
    _regel(coordinator, 1)
    log_inzage_lijst(request, jongeren=[5, 6], actie="read", soort="profiel", doel="matching")
    assert _verifieer() == (0, "keten intact: 3 regel(s)\n")


def test_verify_reports_an_intact_chain_with_its_count(drie: list[Inzage]) -> None:
    assert _verifieer() == (0, "keten intact: 3 regel(s)\n")


def test_verify_reports_a_changed_entry(drie: list[Inzage]) -> None:
    _buiten_de_trigger_om(
        "UPDATE accounts_inzage SET jongere_ref = 99 WHERE id = %s", [drie[1].pk.hex]
    )
    code, uit = _verifieer()
    assert code == 1
    assert f"keten gebroken bij regel {drie[1].pk} (nummer 2," in uit
    assert "its fields do not match its hash" in uit


def test_verify_reports_a_removed_entry(drie: list[Inzage]) -> None:
    _buiten_de_trigger_om("DELETE FROM accounts_inzage WHERE id = %s", [drie[1].pk.hex])
    code, uit = _verifieer()
    assert code == 1
    assert f"keten gebroken bij regel {drie[2].pk} (nummer 3," in uit
    assert "entry number 2 is missing" in uit


def test_verify_reports_an_entry_rehashed_without_its_predecessor(drie: list[Inzage]) -> None:
    """Recomputing one entry's own hash does not help: the next one still points at the old."""
    _buiten_de_trigger_om(
        "UPDATE accounts_inzage SET hash = %s WHERE id = %s", ["0" * 64, drie[0].pk.hex]
    )
    code, uit = _verifieer()
    assert code == 1
    assert f"regel {drie[0].pk}" in uit


def test_pseudonymising_keeps_the_entries_and_the_chain(
    coordinator: User, coordinator2: User
) -> None:
    _regel(coordinator, 1)
    _regel(coordinator2, 1, naam="Bram Bakker")
    _regel(coordinator, 2)

    assert Inzage.objects.pseudonimiseer([coordinator.pk]) == 2

    namen = list(Inzage.objects.order_by("volgnummer").values_list("gebruiker_naam", flat=True))
    assert namen[1] == "Bram Bakker"
    assert namen[0] == namen[2]
    assert namen[0].startswith(PSEUDONIEM_BEGIN)
    assert "Sanne" not in namen[0]
    assert Inzage.objects.count() == 3
    assert _verifieer()[0] == 0
    # Once pseudonymised, nothing is left to change.
    assert Inzage.objects.pseudonimiseer([coordinator.pk]) == 0


@pytest.mark.postgres
def test_database_refuses_truncate(requires_postgres: None, drie: list[Inzage]) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("TRUNCATE accounts_inzage")
    assert Inzage.objects.count() == 3


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE accounts_inzage SET gebruiker_naam = 'Iemand anders'",
        "UPDATE accounts_inzage SET gebruiker_naam = 'gewist-x', jongere_ref = 99",
        "UPDATE accounts_inzage SET jongere_ref = 99",
    ],
)
def test_database_allows_no_update_but_a_pseudonym(
    requires_postgres: None, drie: list[Inzage], sql: str
) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert set(Inzage.objects.values_list("gebruiker_naam", "jongere_ref")) == {
        ("Sanne de Vries", 11),
        ("Sanne de Vries", 12),
        ("Sanne de Vries", 13),
    }


@pytest.mark.postgres
def test_database_allows_a_pseudonym(requires_postgres: None, drie: list[Inzage]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_inzage SET gebruiker_naam = 'gewist-abc'")
    assert set(Inzage.objects.values_list("gebruiker_naam", flat=True)) == {"gewist-abc"}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_extend_one_chain(requires_postgres: None, coordinator: User) -> None:
    """Four requests logging at once: each entry still follows exactly one other (without
    the lock two would take the same number and one request would fail)."""
    fouten: list[BaseException] = []

    def schrijf() -> None:
        try:
            for nummer in range(10):
                _regel(coordinator, nummer)
        except BaseException as fout:
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=schrijf) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fouten == []
    assert _verifieer() == (0, "keten intact: 40 regel(s)\n")
