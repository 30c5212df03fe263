"""Moving a proposal's explanation to one version per reader keeps what it had.

The database is migrated back to before the change, a proposal with an explanation in the
old shape is written, and the database is migrated forward again.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import User
from tests.jongeren.factories import JongereFactory
from tests.voorzieningen.factories import VoorzieningFactory

VOOR = [("matching", "0006_historicalvoorstel")]
NA = [("matching", "0007_uitleg_per_publiek")]

OUD = {
    "score": 81.5,
    "factoren": [{"code": "groep", "punten": 20.0, "max": 26.0, "uitleg": "Een kleine groep."}],
    "aandacht": [],
    "groep_na": {"niveau": "laag", "redenen": []},
}


def _migreer(naar: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(naar)
    return executor.loader.project_state(naar).apps


@pytest.mark.django_db(transaction=True)
def test_an_old_explanation_is_kept_for_the_reader_who_may_know_everything(
    coordinator: User,
) -> None:
    # The other apps are not migrated back: today's factories build the rest, before the
    # matching app goes back (saving a home also writes to the matching app's newer tables).
    jongere = JongereFactory.create(coordinator=coordinator)
    woning = VoorzieningFactory.create()
    apps = _migreer(VOOR)
    try:
        Voorstel = apps.get_model("matching", "Voorstel")
        pk = Voorstel.objects.create(
            jongere_id=jongere.pk,
            voorziening_id=woning.pk,
            gemaakt_door_id=coordinator.pk,
            uitleg=OUD,
        ).pk
        leeg = Voorstel.objects.create(
            jongere_id=jongere.pk, voorziening_id=woning.pk, gemaakt_door_id=coordinator.pk
        ).pk
    finally:
        apps = _migreer(NA)
    try:
        Voorstel = apps.get_model("matching", "Voorstel")
        assert Voorstel.objects.get(pk=pk).uitleg_per_publiek == {"beheerder_na_toestemming": OUD}
        assert Voorstel.objects.get(pk=leeg).uitleg_per_publiek == {}
    finally:
        # Back to the newest schema, for the tests that run after this one.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
