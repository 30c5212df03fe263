"""Redis down: every page still works, every save succeeds, and the background work the
saves cause (group recomputes, e-mails) waits in the outbox until Redis is back.

The first tests point Celery at a port where nothing listens (no services needed). The
last one runs a private redis-server and a real worker against PostgreSQL, kills that
Redis, saves, and brings it back: once by starting a worker, once by the periodic task.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Uitnodiging
from kern import uitgesteld
from kern.models import UitgesteldeTaak
from matching.models import Groepsbeeld
from tests.jongeren.factories import JongereFactory
from tests.trust.storingen import EigenRedis, broker, ploeg, vrije_poort, wacht_tot
from tests.trust.test_access_matrix import MATRIX
from tests.trust.wereld import World, bouw_wereld
from tests.voorzieningen.factories import VoorzieningFactory
from voorstellen.models import VoorstelStatus
from voorzieningen.models import Voorziening

Capture = Callable[..., Any]
DODE_BROKER = f"redis://127.0.0.1:{vrije_poort()}/0"


def _aankomst(**anders: Any) -> dict[str, Any]:
    vandaag = timezone.localdate()
    return {
        "aanduiding": "",
        "geboortemaand": f"{vandaag.year - 15}-03",
        "geslacht": "v",
        "zorgprofiel": "trauma",
        "zorgintensiteit": "midden",
        "signalen": ["weglopen"],
        "aankomst": vandaag.isoformat(),
        "geplande_einde": "",
    } | anders


def _uitnodiging(email: str) -> dict[str, str]:
    return {"rol": "ouder", "voornaam": "Riet", "achternaam": "", "email": email}


def _leeg() -> bool:
    return not UitgesteldeTaak.objects.exists()


def _wachtend() -> set[str]:
    return set(UitgesteldeTaak.objects.values_list("taak", flat=True))


@pytest.fixture
def world(personas: dict[str, User]) -> World:
    world = bouw_wereld(personas)
    # Building the world queued work whose commit never comes in a rolled-back test.
    UitgesteldeTaak.objects.all().delete()
    return world


def test_every_page_works_while_the_broker_is_unreachable(world: World) -> None:
    with broker(DODE_BROKER):
        for name, verwacht in MATRIX.items():
            persona = next((p for p, status in verwacht.items() if status == 200), None)
            if persona is None:
                continue  # a redirect or a POST-only view: no page of its own
            response = world.client_for(persona).get(world.url(name))
            assert response.status_code == 200, (name, persona)


def test_saves_succeed_while_the_broker_is_unreachable_and_their_work_runs_later(
    world: World, django_capture_on_commit_callbacks: Capture
) -> None:
    beheerder = world.client_for("beheerder")
    coordinator = world.client_for("coordinator")
    with broker(DODE_BROKER), django_capture_on_commit_callbacks(execute=True):
        aankomst = beheerder.post(
            reverse("voorzieningen:aankomst", args=[world.woning.pk]), _aankomst()
        )
        uitnodiging = coordinator.post(
            reverse("jongeren:uitnodigen", args=[world.noor.pk]),
            _uitnodiging("riet@example.org"),
        )
        antwoord = beheerder.post(
            reverse("voorstellen:voorstel_actie", args=[world.voorstel.pk, "antwoord"]),
            {"antwoord": "ja"},
        )
    # Every save went through, as if nothing was wrong.
    assert (aankomst.status_code, uitnodiging.status_code, antwoord.status_code) == (302,) * 3
    assert world.woning.plaatsingen.count() == 2
    assert Uitnodiging.objects.filter(persoon__email="riet@example.org").exists()
    world.voorstel.refresh_from_db()
    assert world.voorstel.status == VoorstelStatus.INTERESSE
    # Nothing ran: the recompute and both e-mails wait in the outbox.
    assert not Groepsbeeld.objects.filter(voorziening=world.woning).exists()
    assert mail.outbox == []
    assert _wachtend() == {
        "matching.tasks.herbereken_groepsbeeld",
        "jongeren.tasks.stuur_uitnodiging",
        "voorstellen.tasks.mail_voorstel_gewijzigd",
    }
    assert UitgesteldeTaak.objects.filter(pogingen__gt=0).exists()

    # The broker is back (here: the tasks run in-process, as `make run` does).
    with django_capture_on_commit_callbacks(execute=True):
        assert uitgesteld.publiceer(altijd=True) >= 3
    assert not UitgesteldeTaak.objects.exists()
    assert Groepsbeeld.objects.get(voorziening=world.woning).aantal == 2
    ontvangers = sorted(address for bericht in mail.outbox for address in bericht.to)
    assert "riet@example.org" in ontvangers
    assert world.users["coordinator"].email in ontvangers


@pytest.mark.postgres
@pytest.mark.redis
def test_work_saved_while_redis_was_down_runs_when_it_is_back(
    requires_postgres: None,
    transactional_db: None,
    eigen_redis: EigenRedis,
    beheerder: User,
    coordinator: User,
    tmp_path: Path,
) -> None:
    woning = VoorzieningFactory.create(aanbieder=beheerder.organisatie, max_bewoners=4)
    noor = JongereFactory.create(roepnaam="Noor", coordinator=coordinator)
    ouder = "riet@example.org"
    beheer = Client()
    beheer.force_login(beheerder)
    coordinatie = Client()
    coordinatie.force_login(coordinator)
    aankomst_url = reverse("voorzieningen:aankomst", args=[woning.pk])

    def aantal_in_groepsbeeld() -> int:
        beeld = Groepsbeeld.objects.filter(voorziening=woning).first()
        return beeld.aantal if beeld else 0

    with ploeg(eigen_redis.url, tmp_path) as werkers:
        eerste = werkers.werker()
        eerste.start()
        # Everything up: the arrival reaches the picture through Redis and the worker.
        assert beheer.post(aankomst_url, _aankomst()).status_code == 302
        wacht_tot(lambda: aantal_in_groepsbeeld() == 1, seconden=30, wat="the first picture")

        # Redis dies (and the worker with it); saves still succeed.
        eerste.stop()
        eigen_redis.stop()
        assert beheer.post(aankomst_url, _aankomst()).status_code == 302
        uitgenodigd = coordinatie.post(
            reverse("jongeren:uitnodigen", args=[noor.pk]), _uitnodiging(ouder)
        )
        assert uitgenodigd.status_code == 302
        assert Voorziening.objects.get(pk=woning.pk).bewoners_aantal == 2
        assert _wachtend() == {
            "matching.tasks.herbereken_groepsbeeld",
            "jongeren.tasks.stuur_uitnodiging",
        }
        assert aantal_in_groepsbeeld() == 1

        # Redis is back and a worker starts: it sends the outbox first, then runs it.
        eigen_redis.start()
        tweede = werkers.werker()
        tweede.start()
        wacht_tot(lambda: aantal_in_groepsbeeld() == 2, seconden=30, wat="the recompute")
        wacht_tot(lambda: ouder in tweede.uitvoer(), seconden=30, wat="the invitation")
        # (A changed picture queues its follow-up in turn; that one is sent at once.)
        wacht_tot(_leeg, seconden=30, wat="the outbox to be empty")

        # Saved while the broker is unreachable, sent by the periodic task once it is back.
        with broker(DODE_BROKER):
            assert beheer.post(aankomst_url, _aankomst()).status_code == 302
        assert _wachtend() == {"matching.tasks.herbereken_groepsbeeld"}
        from accounts.tasks import verstuur_uitgestelde_taken

        # What beat starts every minute (run here, in the test's process).
        assert verstuur_uitgestelde_taken.apply().get() == 1
        wacht_tot(lambda: aantal_in_groepsbeeld() == 3, seconden=30, wat="the late recompute")
        wacht_tot(_leeg, seconden=30, wat="the outbox to be empty")
        beeld = Groepsbeeld.objects.get(voorziening=woning)
        assert beeld.groep_versie == Voorziening.objects.get(pk=woning.pk).groep_versie


def test_the_periodic_task_sends_the_outbox_every_minute() -> None:
    from django.conf import settings

    from accounts.tasks import verstuur_uitgestelde_taken

    schedule = settings.CELERY_BEAT_SCHEDULE["uitgestelde-taken"]
    assert (schedule["task"], schedule["schedule"]) == (verstuur_uitgestelde_taken.name, 60)
