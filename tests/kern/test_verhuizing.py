"""The move to one app per concern keeps every row: a database built with the old layout's
migrations (proposals, allocations and the vocabulary in `matching`, the access log and the
outbox in `accounts`) is migrated forward, and everything is still there, in the new apps.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Regio, User
from kern import uitgesteld
from kern.models import Kenmerk, UitgesteldeTaak
from plaatsingstafel.models import Verdeling
from privacy.models import Inzage
from tests.jongeren.factories import JongereFactory
from tests.voorzieningen.factories import VoorzieningFactory
from voorstellen.models import Voorstel, VoorstelGebeurtenis
from voorzieningen.models import Voorziening

# The newest migrations of the layout before the move, and the new apps not yet there.
OUDE_INDELING = [
    ("accounts", "0010_uitgestelde_taak_status"),
    ("jongeren", "0005_beschermde_zone"),
    ("voorzieningen", "0008_woningprofiel_toelating_fotos"),
    ("matching", "0011_verdeling"),
    ("kern", None),
    ("privacy", None),
    ("voorstellen", None),
    ("plaatsingstafel", None),
]


def _migreer(naar: list[tuple[str, str | None]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(naar)
    return executor.loader.project_state([(a, m) for a, m in naar if m is not None]).apps


def _naar_nieuwste() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_old_layout_keeps_every_row_after_the_move(
    coordinator: User, regio_groningen: Regio
) -> None:
    jongere = JongereFactory.create(coordinator=coordinator)
    woning = VoorzieningFactory.create()
    voorstel_type = ContentType.objects.get(app_label="voorstellen", model="voorstel")
    apps = _migreer(OUDE_INDELING)
    try:
        # The old layout: these models live in matching and accounts.
        OudType = apps.get_model("contenttypes", "ContentType")
        OudType.objects.filter(pk=voorstel_type.pk).update(app_label="matching")
        OudKenmerk = apps.get_model("matching", "Kenmerk")
        kenmerk = OudKenmerk.objects.create(code="verhuisproef", naam="proef voor de verhuizing")
        apps.get_model("voorzieningen", "Voorziening").objects.get(pk=woning.pk).aanbod.add(kenmerk)
        OudVoorstel = apps.get_model("matching", "Voorstel")
        voorstel = OudVoorstel.objects.create(
            jongere_id=jongere.pk,
            voorziening_id=woning.pk,
            gemaakt_door_id=coordinator.pk,
            motivatie="Dicht bij school.",
        )
        apps.get_model("matching", "HistoricalVoorstel").objects.create(
            id=voorstel.pk,
            jongere_id=jongere.pk,
            voorziening_id=woning.pk,
            gemaakt_door_id=coordinator.pk,
            motivatie="Dicht bij school.",
            status=voorstel.status,
            uitleg_per_publiek={},
            aangemaakt_op=voorstel.aangemaakt_op,
            gewijzigd_op=voorstel.gewijzigd_op,
            history_date=voorstel.aangemaakt_op,
            history_type="+",
        )
        gebeurtenis = apps.get_model("matching", "VoorstelGebeurtenis").objects.create(
            voorstel_id=voorstel.pk, door_id=coordinator.pk, wat="aangemaakt"
        )
        verdeling = apps.get_model("matching", "Verdeling").objects.create(
            regio_id=regio_groningen.pk, gevraagd_door_id=coordinator.pk, sleutel="proef", invoer={}
        )
        inzage = apps.get_model("accounts", "Inzage").objects.create(
            actie="read",
            uitkomst="gelukt",
            gebruiker_id=coordinator.pk,
            jongere_ref=jongere.pk,
            soort="profiel",
            doel="matching",
        )
        taak = apps.get_model("accounts", "UitgesteldeTaak").objects.create(
            taak="matching.tasks.mail_voorstel_gewijzigd", argumenten=[voorstel.pk, []]
        )
    finally:
        _naar_nieuwste()

    assert Kenmerk.objects.get(pk=kenmerk.pk).code == "verhuisproef"
    assert list(Voorziening.objects.get(pk=woning.pk).aanbod.all()) == [
        Kenmerk.objects.get(pk=kenmerk.pk)
    ]
    nu = Voorstel.objects.get(pk=voorstel.pk)
    assert (nu.jongere_id, nu.voorziening_id, nu.motivatie) == (
        jongere.pk,
        woning.pk,
        "Dicht bij school.",
    )
    assert nu.history.count() == 1
    assert VoorstelGebeurtenis.objects.get(pk=gebeurtenis.pk).voorstel_id == voorstel.pk
    assert Verdeling.objects.get(pk=verdeling.pk).sleutel == "proef"
    assert Inzage.objects.get(pk=inzage.pk).jongere_ref == jongere.pk
    assert UitgesteldeTaak.objects.get(pk=taak.pk).taak == "matching.tasks.mail_voorstel_gewijzigd"
    # Permissions and admin history stay attached: the content type itself moved.
    assert ContentType.objects.get_for_model(Voorstel).pk == voorstel_type.pk
    assert Permission.objects.filter(content_type=voorstel_type, codename="view_voorstel").exists()


@pytest.mark.django_db
def test_an_outbox_row_naming_a_task_by_its_old_place_is_sent_under_the_new_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from voorstellen import tasks

    gestuurd: list[Any] = []
    monkeypatch.setattr(
        tasks.mail_voorstel_gewijzigd,
        "apply_async",
        lambda args, headers=None: gestuurd.append(args),
    )
    UitgesteldeTaak.objects.create(
        taak="matching.tasks.mail_voorstel_gewijzigd", argumenten=[7, [1]]
    )

    assert uitgesteld.publiceer(altijd=True) == 1
    assert gestuurd == [[7, [1]]]
    assert not UitgesteldeTaak.objects.exists()
