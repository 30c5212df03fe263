"""The joint allocation as a background job: ask, compute on the solver queue, stop, reuse.

The computation (`plaatsingstafel.allocatie.stel_voor`, seconds of CPU for a large region) never
runs inside a web request: the page stores the request as a `Verdeling` and a Celery worker on a
queue of its own (`SOLVER_QUEUE`) computes it. The page follows it (htmx polling, or the
browser's reload without JavaScript) and shows the result when it is there.

The request is stored whole, as JSON of the allocation's own `Verzoek` (youths and homes as
the engine sees them, the table's choices, the solver's limits); its SHA-256 is the key.
A second request with the same key gets the same computation, running or done, instead of a
new one. A stopped or failed computation is not reused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import logging
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Regio, User
from jongeren.models import Jongere
from plaatsingstafel.allocatie import Advies, AllocatieFout, Verzoek, stel_voor
from plaatsingstafel.models import Verdeling, VerdelingStatus

logger = logging.getLogger(__name__)

# Requests that a new one with the same inputs may join (a stopped or failed one may not).
HERBRUIKBAAR = (
    VerdelingStatus.WACHTEND,
    VerdelingStatus.BEZIG,
    VerdelingStatus.KLAAR,
    VerdelingStatus.ONMOGELIJK,
)


# --- The stored form of the allocation's records ------------------------------------------


def naar_json(waarde: Any) -> Any:
    """A record of the allocation or the engine (frozen dataclasses of plain values) as JSON.
    Deterministic: sets are sorted, so the same request always gives the same text."""
    if dataclasses.is_dataclass(waarde) and not isinstance(waarde, type):
        return {
            veld.name: naar_json(getattr(waarde, veld.name)) for veld in dataclasses.fields(waarde)
        }
    if isinstance(waarde, enum.Enum):
        return waarde.value
    if isinstance(waarde, tuple | list):
        return [naar_json(item) for item in waarde]
    if isinstance(waarde, set | frozenset):
        return sorted(naar_json(item) for item in waarde)
    if isinstance(waarde, Mapping):
        return {str(sleutel): naar_json(item) for sleutel, item in sorted(waarde.items())}
    if isinstance(waarde, dt.datetime):
        raise TypeError("the allocation's records hold dates, not moments")
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    return waarde


def uit_json[T](soort: type[T], data: Any) -> T:
    """The record of type `soort` back from `naar_json`, by the record's type hints."""
    return cast(T, _lees(soort, data))


def _lees(soort: Any, data: Any) -> Any:
    if soort is Any:
        return data
    herkomst = typing.get_origin(soort)
    argumenten = typing.get_args(soort)
    if herkomst in (typing.Union, types.UnionType):
        if data is None and type(None) in argumenten:
            return None
        (kandidaat, *_rest) = [arg for arg in argumenten if arg is not type(None)]
        return _lees(kandidaat, data)
    if herkomst is typing.Literal:
        return data
    if herkomst is tuple:
        if len(argumenten) == 2 and argumenten[1] is Ellipsis:
            return tuple(_lees(argumenten[0], item) for item in data)
        return tuple(_lees(arg, item) for arg, item in zip(argumenten, data, strict=True))
    if herkomst in (list, Sequence, typing.Sequence):
        return tuple(_lees(argumenten[0], item) for item in data)
    if herkomst in (frozenset, set):
        return frozenset(_lees(argumenten[0], item) for item in data)
    if herkomst in (dict, Mapping, typing.Mapping):
        return {sleutel: _lees(argumenten[1], item) for sleutel, item in data.items()}
    if isinstance(soort, type) and dataclasses.is_dataclass(soort):
        hints = typing.get_type_hints(soort)
        return soort(
            **{
                veld.name: _lees(hints[veld.name], data[veld.name])
                for veld in dataclasses.fields(soort)
                if veld.init and veld.name in data
            }
        )
    if soort is dt.date:
        return dt.date.fromisoformat(data)
    if soort is float:
        return float(data)
    if isinstance(soort, type) and issubclass(soort, enum.Enum):
        return soort(data)
    return data


def sleutel(invoer: Any) -> str:
    tekst = json.dumps(invoer, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(tekst.encode()).hexdigest()


# --- Asking, stopping ---------------------------------------------------------------------


def taak_id(verdeling_id: int) -> str:
    """The Celery task's id, fixed per computation, so that it can be stopped by id."""
    return f"verdeling-{verdeling_id}"


def vastgelopen_voor(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(minutes=settings.VERDELING_MAX_MINUTEN)


def vraag_verdeling(
    *, door: User, regio: Regio, verzoek: Verzoek, jongeren: Iterable[Jongere]
) -> tuple[Verdeling, bool]:
    """The computation for this request: one with the same inputs (running, or done) when
    there is one, else a new one, handed to the solver queue after the commit. Returns it
    and whether it was an existing one."""
    invoer = naar_json(verzoek)
    vingerafdruk = sleutel(invoer)
    now = timezone.now()
    with transaction.atomic():
        bestaand = (
            Verdeling.objects.filter(regio=regio, sleutel=vingerafdruk, status__in=HERBRUIKBAAR)
            .exclude(
                status__in=[VerdelingStatus.WACHTEND, VerdelingStatus.BEZIG],
                aangemaakt_op__lt=vastgelopen_voor(now),
            )
            .order_by("-pk")
            .first()
        )
        if bestaand is not None:
            return bestaand, True
        verdeling = Verdeling.objects.create(
            regio=regio, gevraagd_door=door, sleutel=vingerafdruk, invoer=invoer
        )
        verdeling.jongeren.set(list(jongeren))
        transaction.on_commit(lambda: _geef_aan_rekenproces(verdeling.pk))
    return verdeling, False


def _geef_aan_rekenproces(verdeling_id: int) -> None:
    from plaatsingstafel.tasks import bereken_verdeling

    try:
        bereken_verdeling.apply_async(args=(verdeling_id,), task_id=taak_id(verdeling_id))
    except Exception:
        # The broker cannot be reached (or, without one, the computation itself failed and
        # said so on its row): the table is told at once instead of waiting for nothing.
        logger.exception("allocation %s could not be started", verdeling_id)
        with translation.override(settings.LANGUAGE_CODE):  # kept: the portal's language
            melding = _(
                "De berekening kon niet worden gestart: het rekenproces is nu niet bereikbaar. "
                "Probeer het over een paar minuten opnieuw."
            )
        Verdeling.objects.filter(pk=verdeling_id, status=VerdelingStatus.WACHTEND).update(
            status=VerdelingStatus.MISLUKT, melding=melding, klaar_op=timezone.now()
        )


def stop_verdeling(verdeling: Verdeling) -> bool:
    """Stop a computation that is waiting or running; its result, if it still comes, is
    thrown away. Returns whether it was stopped (False: it had already finished)."""
    gestopt = Verdeling.objects.filter(
        pk=verdeling.pk, status__in=[VerdelingStatus.WACHTEND, VerdelingStatus.BEZIG]
    ).update(status=VerdelingStatus.GESTOPT, klaar_op=timezone.now())
    if gestopt and settings.CELERY_BROKER_URL:
        from celery import current_app as app

        try:
            # A waiting task is dropped; a running one is ended (its worker process is
            # replaced). If it comes back (acks_late), it sees it was stopped and returns.
            app.control.revoke(taak_id(verdeling.pk), terminate=True)
        except Exception:
            logger.warning("could not tell the workers to stop allocation %s", verdeling.pk)
    return bool(gestopt)


# --- Computing (the Celery task) ----------------------------------------------------------


def bereken(*, verdeling_id: int) -> str:
    """Compute one request. Safe to run twice: a computation that was stopped or finished
    meanwhile is left alone, and only a running one gets a result.

    The result is kept and read by everyone at the table, so its explanations are written in
    the portal's own language (settings.LANGUAGE_CODE), also when the computation runs in
    the web process of someone who reads the portal in another language."""
    with translation.override(settings.LANGUAGE_CODE):
        return _bereken(verdeling_id)


def _bereken(verdeling_id: int) -> str:
    with transaction.atomic():
        verdeling = (
            Verdeling.objects.select_for_update()
            .filter(pk=verdeling_id, status__in=[VerdelingStatus.WACHTEND, VerdelingStatus.BEZIG])
            .first()
        )
        if verdeling is None:
            return "niets te doen"
        verdeling.status = VerdelingStatus.BEZIG
        verdeling.gestart_op = timezone.now()
        verdeling.save(update_fields=["status", "gestart_op"])
    try:
        advies = stel_voor(uit_json(Verzoek, verdeling.invoer))
    except AllocatieFout as fout:
        return _rond_af(verdeling_id, VerdelingStatus.ONMOGELIJK, melding=fout.message)
    except Exception:
        logger.exception("allocation %s failed", verdeling_id)
        return _rond_af(
            verdeling_id,
            VerdelingStatus.MISLUKT,
            melding=_("De berekening is mislukt. Probeer het opnieuw of vraag de beheerder."),
        )
    return _rond_af(verdeling_id, VerdelingStatus.KLAAR, advies=naar_json(advies))


def _rond_af(verdeling_id: int, status: str, **velden: Any) -> str:
    # Only a running computation is finished: a stopped one stays stopped.
    klaar = Verdeling.objects.filter(pk=verdeling_id, status=VerdelingStatus.BEZIG).update(
        status=status, klaar_op=timezone.now(), **velden
    )
    return status if klaar else "gestopt"


def advies_van(verdeling: Verdeling) -> Advies | None:
    """The stored result, as the allocation made it."""
    if verdeling.advies is None:
        return None
    return uit_json(Advies, verdeling.advies)


def ruim_op(now: dt.datetime | None = None) -> int:
    """Results older than VERDELING_BEWAAR_DAGEN go (they were advice for one meeting)."""
    grens = (now or timezone.now()) - dt.timedelta(days=settings.VERDELING_BEWAAR_DAGEN)
    weg, _per_model = Verdeling.objects.filter(aangemaakt_op__lt=grens).delete()
    return weg
