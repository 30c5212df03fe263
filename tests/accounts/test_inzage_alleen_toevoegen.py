"""The access log is append-only: the model refuses, and on PostgreSQL the database too."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from accounts.models import User
from privacy.models import Inzage, InzageOnveranderlijk


@pytest.fixture
def regel(coordinator: User) -> Inzage:
    return Inzage.objects.create(
        actie=Inzage.Actie.READ,
        uitkomst=Inzage.Toegang.GELUKT,
        gebruiker=coordinator,
        gebruiker_naam="Sanne",
        rol=coordinator.rol,
        jongere_ref=12,
        soort=Inzage.Soort.PROFIEL,
        doel=Inzage.Doel.MATCHING,
    )


def test_saving_an_existing_entry_is_refused(regel: Inzage) -> None:
    regel.soort = Inzage.Soort.ANALYSE
    with pytest.raises(InzageOnveranderlijk):
        regel.save()
    assert Inzage.objects.get(pk=regel.pk).soort == Inzage.Soort.PROFIEL


def test_a_fetched_entry_cannot_be_saved_again(regel: Inzage) -> None:
    with pytest.raises(InzageOnveranderlijk):
        Inzage.objects.get(pk=regel.pk).save()


def test_deleting_is_refused(regel: Inzage) -> None:
    with pytest.raises(InzageOnveranderlijk):
        regel.delete()
    with pytest.raises(InzageOnveranderlijk):
        Inzage.objects.filter(pk=regel.pk).delete()
    assert Inzage.objects.filter(pk=regel.pk).exists()


def test_bulk_update_is_refused(regel: Inzage) -> None:
    with pytest.raises(InzageOnveranderlijk):
        Inzage.objects.filter(pk=regel.pk).update(jongere_ref=13)
    assert Inzage.objects.get(pk=regel.pk).jongere_ref == 12


@pytest.mark.postgres
def test_database_refuses_raw_update(requires_postgres: None, regel: Inzage) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE accounts_inzage SET jongere_ref = 13")
    assert Inzage.objects.get(pk=regel.pk).jongere_ref == 12


@pytest.mark.postgres
def test_database_refuses_raw_delete(requires_postgres: None, regel: Inzage) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM accounts_inzage")
    assert Inzage.objects.filter(pk=regel.pk).exists()
