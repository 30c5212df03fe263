"""Keeping consent per person keeps the consent already given.

The database is migrated back to before the change, a proposal with the family's consent
and a coordinator's override in the old shape is written, and the database is migrated
forward again: each family member's consent is now their own "yes", the override stays.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from tests.jongeren.factories import JongereFactory
from tests.voorzieningen.factories import VoorzieningFactory

VOOR = [("voorstellen", "0003_spoedplaatsing")]
NA = [("voorstellen", "0004_toestemming_per_persoon")]


def _migreer(naar: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(naar)
    return executor.loader.project_state(naar).apps


@pytest.mark.django_db(transaction=True)
def test_the_familys_consent_becomes_a_yes_per_person_and_an_override_stays(
    coordinator: User, jongere_user: User, ouder_user: User
) -> None:
    jongere = JongereFactory.create(
        coordinator=coordinator, account=jongere_user, ouders=[ouder_user]
    )
    woning = VoorzieningFactory.create()
    apps = _migreer(VOOR)
    try:
        Voorstel = apps.get_model("voorstellen", "Voorstel")
        Toestemming = apps.get_model("voorstellen", "Toestemming")
        voorstel = Voorstel.objects.create(
            jongere_id=jongere.pk,
            voorziening_id=woning.pk,
            gemaakt_door_id=coordinator.pk,
            status="verstuurd",
        )
        for persoon, rol, reden in (
            (jongere_user, "jongere", ""),
            (ouder_user, "ouder", ""),
            (coordinator, "overschreven", "Spoed."),
        ):
            Toestemming.objects.create(
                voorstel_id=voorstel.pk, persoon_id=persoon.pk, rol=rol, reden=reden
            )
    finally:
        apps = _migreer(NA)
    try:
        Deeltoestemming = apps.get_model("voorstellen", "Deeltoestemming")
        Toestemming = apps.get_model("voorstellen", "Toestemming")
        assert set(
            Deeltoestemming.objects.filter(voorstel_id=voorstel.pk).values_list(
                "sleutel", "persoon_id", "keuze", "is_intrekking"
            )
        ) == {
            ("jongere", jongere_user.pk, "ja", False),
            (f"ouder:{ouder_user.pk}", ouder_user.pk, "ja", False),
        }
        assert list(
            Toestemming.objects.filter(voorstel_id=voorstel.pk).values_list("rol", "reden")
        ) == [("overschreven", "Spoed.")]
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
