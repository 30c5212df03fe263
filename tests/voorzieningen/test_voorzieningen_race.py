"""Two arrivals racing for the last place, for real: threads against PostgreSQL.

Each thread has its own database connection and transaction, like two web requests.
The work inside the lock is slowed down so the requests certainly overlap. Exactly one
arrival may succeed; the other gets a message and leaves nothing behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, User
from kern.choices import Geslacht, Zorgintensiteit, Zorgprofiel
from tests.voorzieningen.factories import VoorzieningFactory, vul_met_bewoners
from voorzieningen import services
from voorzieningen.models import Plaatsing, Voorziening

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def bijna_vol(requires_postgres: None, aanbieder: Organisatie) -> Voorziening:
    woning = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Linde", max_bewoners=4)
    vul_met_bewoners(woning, 3)
    return woning


@pytest.fixture
def trage_registratie(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold each arrival inside its transaction a moment, so the two really overlap."""
    origineel = Plaatsing.full_clean

    def traag(self: Plaatsing, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.3)
        origineel(self, *args, **kwargs)

    monkeypatch.setattr(Plaatsing, "full_clean", traag)


def _tegelijk(aantal: int, taak: Callable[[int], Any]) -> list[Any]:
    """Run `taak` in `aantal` threads that start at the same moment."""
    start = threading.Barrier(aantal)

    def draai(index: int) -> Any:
        try:
            start.wait(timeout=10)
            return taak(index)
        finally:
            connection.close()  # each thread opened its own connection

    with ThreadPoolExecutor(max_workers=aantal) as pool:
        return list(pool.map(draai, range(aantal)))


def _velden() -> dict[str, Any]:
    return {
        "geboortemaand": timezone.localdate().replace(year=timezone.localdate().year - 15),
        "geslacht": Geslacht.MAN,
        "zorgprofiel": Zorgprofiel.TRAUMA,
        "zorgintensiteit": Zorgintensiteit.MIDDEN,
        "signalen": [],
        "aankomst": timezone.localdate(),
    }


def test_two_requests_for_the_last_place_exactly_one_succeeds(
    bijna_vol: Voorziening, beheerder: User, trage_registratie: None
) -> None:
    url = reverse("voorzieningen:aankomst", args=[bijna_vol.pk])
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(beheerder)
        clients.append(client)
    vandaag = timezone.localdate()
    data = {
        "geboortemaand": f"{vandaag.year - 15}-03",
        "geslacht": Geslacht.VROUW,
        "zorgprofiel": Zorgprofiel.TRAUMA,
        "zorgintensiteit": Zorgintensiteit.MIDDEN,
        "aankomst": vandaag.isoformat(),
    }

    antwoorden = _tegelijk(2, lambda index: clients[index].post(url, data))

    assert sorted(antwoord.status_code for antwoord in antwoorden) == [200, 302]
    geweigerd = next(antwoord for antwoord in antwoorden if antwoord.status_code == 200)
    assert "De Linde is vol: alle 4 plekken zijn bezet" in geweigerd.content.decode()
    bijna_vol.refresh_from_db()
    assert bijna_vol.bewoners_aantal == 4
    assert bijna_vol.plaatsingen.count() == 4


def test_five_arrivals_for_one_place_through_the_service(
    bijna_vol: Voorziening, beheerder: User, trage_registratie: None
) -> None:
    def aankomst(index: int) -> str:
        try:
            services.registreer_aankomst(voorziening=bijna_vol, door=beheerder, **_velden())
        except services.WoningVol as fout:
            return fout.messages[0]
        return "gelukt"

    uitkomsten = _tegelijk(5, aankomst)

    assert uitkomsten.count("gelukt") == 1
    assert all("is vol" in uitkomst for uitkomst in uitkomsten if uitkomst != "gelukt")
    bijna_vol.refresh_from_db()
    assert bijna_vol.bewoners_aantal == 4
    assert bijna_vol.plaatsingen.count() == 4


def test_without_the_row_lock_the_constraint_still_stops_the_second(
    bijna_vol: Voorziening,
    beheerder: User,
    trage_registratie: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The last guard: even if a future change forgot select_for_update, the check
    constraint on the counter refuses the second arrival and nothing of it is saved."""
    monkeypatch.setattr(
        services, "_vergrendel", lambda voorziening: Voorziening.objects.get(pk=voorziening.pk)
    )

    def aankomst(index: int) -> str:
        try:
            services.registreer_aankomst(voorziening=bijna_vol, door=beheerder, **_velden())
        except services.WoningVol:
            return "vol"
        return "gelukt"

    assert sorted(_tegelijk(2, aankomst)) == ["gelukt", "vol"]
    bijna_vol.refresh_from_db()
    assert bijna_vol.bewoners_aantal == 4
    assert bijna_vol.plaatsingen.count() == 4
