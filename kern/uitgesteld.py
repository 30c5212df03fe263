"""The outbox: background work that survives a broker outage.

Every Celery task the portal starts because of a change (a group recompute, an e-mail)
goes through `na_commit`. It writes an `UitgesteldeTaak` row in the same transaction as the
change, and hands the task to the broker once that transaction commits:

- a rolled-back change leaves no row, so no task runs for it;
- when the broker cannot be reached the save still succeeds: the row stays, and
  `publiceer` sends it later, from the periodic task `accounts.tasks.verstuur_uitgestelde_taken`
  (Celery beat) and when a worker starts;
- a row is deleted once the broker has the task, in the transaction that locked it, so two
  publishers never send the same row. A crash between sending and deleting can send a task
  twice; every task is written to be safe to run twice.

Publishing never waits long: the broker has short connection timeouts (settings), and after a
failure this process stops trying for `PAUZE_NA_STORING` seconds, leaving the rows to the
periodic task, so saves stay fast while Redis is down.

The same table keeps the dead letters: a task that gave up for good (see `accounts.mail`)
is written back with status MISLUKT by `noteer_mislukt`. Those rows are never published by
themselves; an admin sends them again (`opnieuw`), and `ruim_mislukt_op` removes them after
BEWAARTERMIJN_MISLUKT_DAGEN.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError as BrokerFout

from kern.logs import HEADER, REQUEST_ID
from kern.models import UitgesteldeTaak

logger = logging.getLogger(__name__)

# What publishing raises when the broker is unreachable or too slow.
BROKER_FOUTEN: tuple[type[BaseException], ...] = (BrokerFout, OSError)
PAUZE_NA_STORING = 30.0  # seconds in which this process leaves sending to the periodic task
PER_KEER = 500  # rows per publishing round

_storing_tot = 0.0  # time.monotonic() until which the broker counts as down in this process

# Tasks that moved to another app in this release, by their old name. A row written before
# the upgrade still names the old place; it is sent under the new name. Kept for one release
# (rows older than that have been sent, or are in the admin as failed).
VERHUISDE_TAKEN = {
    "matching.tasks.mail_voorstel_gewijzigd": "voorstellen.tasks.mail_voorstel_gewijzigd",
    "matching.tasks.mail_kennismaking": "voorstellen.tasks.mail_kennismaking",
    "matching.tasks.verloop_voorstellen": "voorstellen.tasks.voorstel_termijnen",
    "matching.tasks.bereken_verdeling": "plaatsingstafel.tasks.bereken_verdeling",
    "matching.tasks.ruim_verdelingen_op": "plaatsingstafel.tasks.ruim_verdelingen_op",
    "jongeren.tasks.anonimiseer": "privacy.tasks.anonimiseer",
}


def na_commit(taak: str, *argumenten: Any) -> UitgesteldeTaak:
    """Queue the Celery task `taak` (its dotted path, e.g. "matching.tasks.x") with
    `argumenten` (JSON values: ids, not objects) as part of the current transaction."""
    rij = UitgesteldeTaak.objects.create(
        taak=taak, argumenten=list(argumenten), request_id=REQUEST_ID.get()
    )
    transaction.on_commit(lambda: publiceer(ids=[rij.pk]))
    return rij


def broker_lijkt_weg() -> bool:
    return time.monotonic() < _storing_tot


def publiceer(*, ids: Iterable[int] | None = None, altijd: bool = False) -> int:
    """Hand waiting rows (all, or only `ids`) to the broker, oldest first; return how many
    rows were sent. Identical tasks waiting together are sent once. Rows another process is
    sending are skipped. Unless `altijd`, nothing is tried shortly after a broker failure."""
    global _storing_tot
    if not altijd and broker_lijkt_weg():
        return 0
    verstuurd = 0
    with transaction.atomic():
        rijen = (
            UitgesteldeTaak.objects.select_for_update(skip_locked=True)
            .filter(status=UitgesteldeTaak.Status.WACHT)
            .order_by("pk")
        )
        if ids is not None:
            rijen = rijen.filter(pk__in=list(ids))
        groepen: dict[tuple[str, str], list[UitgesteldeTaak]] = {}
        for rij in rijen[:PER_KEER]:
            sleutel = (rij.taak, json.dumps(rij.argumenten, sort_keys=True))
            groepen.setdefault(sleutel, []).append(rij)
        reeks = list(groepen.items())
        for nummer, ((taak, _), groep) in enumerate(reeks):
            pks = [rij.pk for rij in groep]
            headers = {HEADER: groep[0].request_id} if groep[0].request_id else None
            try:
                import_string(VERHUISDE_TAKEN.get(taak, taak)).apply_async(
                    args=groep[0].argumenten, headers=headers
                )
            except BROKER_FOUTEN as exc:
                _storing_tot = time.monotonic() + PAUZE_NA_STORING
                wachtend = [rij.pk for _, rest in reeks[nummer:] for rij in rest]
                _noteer_fout(wachtend, exc)
                logger.warning("broker unreachable; %s tasks wait in the outbox", len(wachtend))
                break
            except ImportError as exc:
                # A task renamed by a release: keep the row for an administrator to see.
                _noteer_fout(pks, exc)
                logger.error("outbox row %s names an unknown task %r", pks[0], taak)
                continue
            UitgesteldeTaak.objects.filter(pk__in=pks).delete()
            verstuurd += len(pks)
    if verstuurd:
        _storing_tot = 0.0
    return verstuurd


def publiceer_alles() -> int:
    """Send everything that waits, round after round (the periodic task, a starting worker)."""
    totaal = 0
    while True:
        verstuurd = publiceer(altijd=True)
        totaal += verstuurd
        if verstuurd < PER_KEER:
            return totaal


def _noteer_fout(pks: list[int], exc: BaseException) -> None:
    UitgesteldeTaak.objects.filter(pk__in=pks).update(
        pogingen=F("pogingen") + 1,
        laatste_poging_op=timezone.now(),
        laatste_fout=f"{type(exc).__name__}: {exc}"[:300],
    )


def noteer_mislukt(*, taak: str, argumenten: list[Any], pogingen: int, fout: str) -> None:
    """Keep a task that gave up for good where an admin sees it (status MISLUKT)."""
    UitgesteldeTaak.objects.create(
        taak=taak,
        argumenten=argumenten,
        status=UitgesteldeTaak.Status.MISLUKT,
        pogingen=pogingen,
        laatste_poging_op=timezone.now(),
        laatste_fout=fout[:300],
        request_id=REQUEST_ID.get(),
    )


def opnieuw(ids: Iterable[int]) -> int:
    """Put failed rows back in the queue and send them; returns how many were sent."""
    gekozen = list(ids)
    UitgesteldeTaak.objects.filter(pk__in=gekozen, status=UitgesteldeTaak.Status.MISLUKT).update(
        status=UitgesteldeTaak.Status.WACHT, pogingen=0
    )
    return publiceer(ids=gekozen, altijd=True)


def ruim_mislukt_op() -> int:
    """Remove failed rows whose last try is older than BEWAARTERMIJN_MISLUKT_DAGEN. Waiting
    rows are never removed: they are work still to be done."""
    grens = timezone.now() - timedelta(days=settings.BEWAARTERMIJN_MISLUKT_DAGEN)
    aantal, _ = UitgesteldeTaak.objects.filter(
        status=UitgesteldeTaak.Status.MISLUKT, laatste_poging_op__lt=grens
    ).delete()
    return aantal
