"""Two people placing two youths into the same last place at once, on PostgreSQL.

The two are coordinators, or a coordinator and the home's manager registering the arrival.

Each thread has its own connection and transaction, like two web requests; the work inside
the home's lock is slowed down so the two really overlap. Exactly one placement succeeds;
the other gets a clear message and leaves nothing behind.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Organisatie, Rol, User
from jongeren.models import Fase, Jongere, VerklarendeAnalyse
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory, JongereFactory, jaren_geleden
from tests.matching.conftest import naar_gehouden
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory, vul_met_bewoners
from voorstellen import services as flow
from voorstellen.models import Voorstel, VoorstelStatus
from voorzieningen.models import Plaatsing, Vacature, Voorziening

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _akkoord(
    jongere: Jongere, woning: Voorziening, beheerder: User, gedragswetenschapper: User
) -> Voorstel:
    assert jongere.coordinator is not None and jongere.account is not None
    voorstel = flow.maak_voorstel(
        jongere=jongere, voorziening=woning, door=jongere.coordinator, motivatie="Past goed."
    )
    flow.stuur_voorstel(voorstel=voorstel, door=jongere.coordinator)
    naar_gehouden(voorstel, beheerder)
    if voorstel.tegenspraak_nodig:
        flow.teken_tegenspraak(
            voorstel=voorstel, door=gedragswetenschapper, akkoord=True, toelichting="Akkoord."
        )
    flow.neem_besluit(voorstel=voorstel, door=jongere.account, keuze="ja")
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.AKKOORD
    return voorstel


@pytest.mark.parametrize("tweede", ["collega", "beheerder"])
def test_two_placements_into_the_last_place_exactly_one_succeeds(
    tweede: str,
    requires_postgres: None,
    aanbieder: Organisatie,
    beheerder: User,
    coordinator: User,
    gedragswetenschapper: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collega = UserFactory.create(
        email="collega@example.org", rol=Rol.COORDINATOR, organisatie=coordinator.organisatie
    )
    woning = VoorzieningFactory.create(
        aanbieder=aanbieder, naam="Laatste plek", max_bewoners=4, lat=53.2, lon=6.58
    )
    vul_met_bewoners(woning, 3, zorgprofiel="internaliserend")
    VacatureFactory.create(voorziening=woning)
    voorstellen = []
    for naam, wie in (("Anna", coordinator), ("Bram", collega)):
        # 16: the youth decides alone, so the youth's yes completes the agreement.
        jongere = JongereFactory.create(
            roepnaam=naam,
            coordinator=wie,
            account=UserFactory.create(rol=Rol.JONGERE),
            geboortedatum=jaren_geleden(16),
        )
        AnalyseFactory.create(
            jongere=jongere, status=VerklarendeAnalyse.Status.GEDRAGEN, zorgprofiel="ontwikkeling"
        )
        voorstellen.append(_akkoord(jongere, woning, beheerder, gedragswetenschapper))

    origineel = Plaatsing.full_clean

    def traag(self: Plaatsing, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.3)
        origineel(self, *args, **kwargs)

    monkeypatch.setattr(Plaatsing, "full_clean", traag)
    start = threading.Barrier(2)

    def plaats(index: int) -> str:
        try:
            start.wait(timeout=10)
            voorstel = voorstellen[index]
            # The second youth's arrival is registered by Bram's coordinator or by the
            # home's manager: either way the two queue up on the home's lock.
            wie = beheerder.pk if index == 1 and tweede == "beheerder" else voorstel.gemaakt_door_id
            door = User.objects.get(pk=wie)
            flow.plaats(voorstel=voorstel, door=door, aankomst=timezone.localdate())
            return "ok"
        except flow.VoorstelFout as fout:
            return " ".join(fout.messages)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        uitkomsten = list(pool.map(plaats, range(2)))

    assert sorted(u == "ok" for u in uitkomsten) == [False, True], uitkomsten
    verliezer = next(u for u in uitkomsten if u != "ok")
    assert "vol" in verliezer and "niets opgeslagen" in verliezer
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 4
    assert woning.plaatsingen.lopend().count() == 4
    assert woning.vacatures.get().status == Vacature.Status.VERVULD
    statussen = sorted(Voorstel.objects.values_list("status", flat=True))
    assert statussen == [VoorstelStatus.AKKOORD, VoorstelStatus.GEPLAATST]
    verloren = Voorstel.objects.get(status=VoorstelStatus.AKKOORD)
    assert verloren.plaatsing is None
    assert verloren.jongere.fase == Fase.VOORGESTELD
    assert not Plaatsing.objects.filter(jongere=verloren.jongere).exists()
    assert not verloren.tijdlijn.filter(wat="plaats").exists()
