"""A worker killed in the middle of a task: the task runs again, with the same result.

A real worker (against Redis and PostgreSQL) starts recomputing a group picture and gets
stuck on a row lock this test holds, so it is really mid-task. Then it is killed with
SIGKILL. Because tasks are acknowledged only when done, the broker still holds the
message; the next worker gets it once the visibility timeout has passed, and the stored
picture equals what a clean recompute gives.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
from django.db import connection
from django.forms.models import model_to_dict
from django.utils import timezone

from accounts.models import User
from matching import services
from matching.models import Groepsbeeld
from tests.trust.storingen import database_url, ploeg, wacht_tot
from tests.voorzieningen.factories import VoorzieningFactory
from voorzieningen.models import Voorziening
from voorzieningen.services import registreer_aankomst

TAAK = "matching.tasks.herbereken_groepsbeeld"


def _aankomst(woning: Voorziening, door: User, jaren: int, signalen: list[str]) -> None:
    vandaag = timezone.localdate()
    registreer_aankomst(
        voorziening=woning,
        door=door,
        geboortemaand=vandaag.replace(year=vandaag.year - jaren, day=1),
        geslacht="v",
        zorgprofiel="internaliserend",
        zorgintensiteit="hoog",
        signalen=signalen,
        aankomst=vandaag,
    )


def _beeld(woning: Voorziening) -> dict[str, Any]:
    beeld = Groepsbeeld.objects.filter(voorziening=woning).first()
    return model_to_dict(beeld, exclude=["id", "berekend_op"]) if beeld else {}


def _onbevestigd(redis_url: str, queue: str) -> int:
    """Messages of `queue` a worker took but did not acknowledge (kombu's Redis transport
    keeps them in the `unacked` hash until acknowledged or handed back)."""
    client = redis.Redis.from_url(redis_url)
    return sum(1 for waarde in client.hvals("unacked") if json.loads(waarde)[2] == queue)


@pytest.mark.postgres
@pytest.mark.redis
def test_a_worker_killed_mid_recompute_leaves_it_to_the_next_worker_with_the_same_result(
    requires_postgres: None,
    transactional_db: None,
    redis_url: str,
    beheerder: User,
    tmp_path: Path,
) -> None:
    woning = VoorzieningFactory.create(aanbieder=beheerder.organisatie, max_bewoners=4)
    with ploeg(redis_url, tmp_path) as werkers:
        eerste = werkers.werker()
        eerste.start()
        _aankomst(woning, beheerder, 15, ["weglopen"])
        wacht_tot(lambda: _beeld(woning).get("aantal") == 1, seconden=30, wat="the first picture")

        with psycopg.connect(database_url()) as slot:
            # Hold the stored picture: the next recompute stops half-way, waiting for it.
            slot.execute(
                "SELECT 1 FROM matching_groepsbeeld WHERE voorziening_id = %s FOR UPDATE",
                [woning.pk],
            )
            _aankomst(woning, beheerder, 16, ["suicidaliteit"])
            wachtend: list[int] = []

            def werker_wacht() -> bool:
                # Asked outside the lock's transaction, which sees one fixed snapshot.
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        " AND wait_event_type = 'Lock' AND query LIKE %s",
                        ["%matching_groepsbeeld%"],
                    )
                    wachtend[:] = [pid for (pid,) in cursor.fetchall()]
                return bool(wachtend)

            wacht_tot(werker_wacht, seconden=30, wat="the worker to start the recompute")
            eerste.kill()
            # The killed worker's database session would still be waiting: end it (it is
            # this test's own), then let go of the row.
            for pid in wachtend:
                slot.execute("SELECT pg_terminate_backend(%s)", [pid])
            slot.rollback()

        taak_id = re.findall(rf"Task {re.escape(TAAK)}\[([\w-]+)\] received", eerste.uitvoer())[-1]
        assert f"{taak_id}] succeeded" not in eerste.uitvoer()
        # Not acknowledged, so not lost; nothing half-done was stored.
        assert _onbevestigd(redis_url, werkers.queue) == 1
        assert _beeld(woning)["aantal"] == 1

        # The next worker gets the message back after the (here: short) visibility timeout.
        tweede = werkers.werker(CELERY_VISIBILITY_TIMEOUT="1")
        tweede.start()
        wacht_tot(
            lambda: f"{taak_id}] succeeded" in tweede.uitvoer(),
            seconden=60,
            wat="the killed task to run again",
        )
        wacht_tot(
            lambda: _onbevestigd(redis_url, werkers.queue) == 0,
            seconden=10,
            wat="the task to be acknowledged",
        )
        na_herstart = _beeld(woning)

    assert na_herstart["aantal"] == 2
    assert na_herstart["signalen"] == {"weglopen": 1, "suicidaliteit": 1}
    assert na_herstart["groep_versie"] == Voorziening.objects.get(pk=woning.pk).groep_versie
    services.herbereken_groepsbeeld(voorziening_id=woning.pk)  # a clean run, in-process
    assert _beeld(woning) == na_herstart
