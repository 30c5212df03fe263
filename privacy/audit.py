"""The writer behind `kern.inzage`: turns each access into an `Inzage` row, so a page costs
exactly one extra query (the insert). Registered when the app starts (`privacy.apps`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from accounts.models import User
from kern.inzage import Actie, Doel, Soort, Toegang, client_adres
from privacy import reden
from privacy.models import Inzage

if TYPE_CHECKING:
    from jongeren.models import Jongere, VerklarendeAnalyse
    from voorzieningen.models import Voorziening


USER_AGENT_LENGTE = 200


def sessie_hash(request: HttpRequest) -> str:
    """Which session: a hash of its key, never the key (which would let a reader of the log
    take the session over)."""
    session = getattr(request, "session", None)
    sleutel = session.session_key if session is not None else None
    return hashlib.sha256(sleutel.encode()).hexdigest() if sleutel else ""


def _velden(
    request: HttpRequest,
    *,
    actie: str,
    soort: str,
    doel: str,
    jongere: int | None = None,
) -> dict[str, Any]:
    """Who asks, from where, why: copied at the moment of access (people change roles). A
    purpose the user stated for this youth (the "reden" page) replaces the role's."""
    user = request.user if isinstance(request.user, User) else None
    gegeven = reden.opgegeven(request, jongere)
    return {
        "actie": actie,
        "gebruiker": user,
        "gebruiker_naam": (user.get_full_name() or user.email) if user else "",
        "rol": user.rol if user else "",
        "organisatie_id": user.organisatie_id if user else None,
        "soort": soort,
        "doel": gegeven[0] if gegeven else doel,
        "doel_opgegeven": gegeven is not None,
        "reden": gegeven[1] if gegeven else "",
        "adres": client_adres(request),
        "pad": request.path[:300],
        "querystring": request.META.get("QUERY_STRING", "")[:500],
        "sessie": sessie_hash(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTE],
    }


def log_inzage(
    request: HttpRequest,
    *,
    jongere: Jongere | int | None,
    actie: str,
    soort: str,
    doel: str,
    uitkomst: str = Toegang.GELUKT,
    voorziening: Voorziening | int | None = None,
) -> Inzage:
    """Record one access to a youth's data. `jongere` may be an id: a refused attempt
    names the id that was asked for, whether or not it exists."""
    jongere_ref = jongere if isinstance(jongere, int) or jongere is None else jongere.pk
    voorziening_id = (
        voorziening if isinstance(voorziening, int) or voorziening is None else voorziening.pk
    )
    return Inzage.objects.create(
        **_velden(request, actie=actie, soort=soort, doel=doel, jongere=jongere_ref),
        uitkomst=uitkomst,
        jongere_ref=jongere_ref,
        voorziening_id=voorziening_id,
    )


def log_inzage_lijst(
    request: HttpRequest,
    *,
    jongeren: Iterable[int],
    actie: str,
    soort: str,
    doel: str,
    voorziening: Voorziening | int | None = None,
) -> None:
    """A list page showing several youths: one entry per youth, all in one INSERT."""
    ids = sorted(set(jongeren))
    if not ids:
        return
    voorziening_id = (
        voorziening if isinstance(voorziening, int) or voorziening is None else voorziening.pk
    )
    Inzage.objects.bulk_create(
        [
            Inzage(
                **_velden(request, actie=actie, soort=soort, doel=doel, jongere=ref),
                uitkomst=Toegang.GELUKT,
                jongere_ref=ref,
                voorziening_id=voorziening_id,
            )
            for ref in ids
        ]
    )


def standaard_doel(request: HttpRequest) -> str:
    """The purpose when a page serves one: the family reads their own data, an admin
    manages, a manager answers a proposal, a coordinator searches a place."""
    user = request.user
    if not isinstance(user, User):
        return Doel.BEHEER
    if user.is_jongere or user.is_ouder:
        return Doel.EIGEN
    if user.is_functioneel_beheerder:
        return Doel.BEHEER
    if user.is_beheerder:
        return Doel.VOORSTEL
    return Doel.MATCHING


def log_zoeken(
    request: HttpRequest, *, jongere: Jongere, analyse: VerklarendeAnalyse | None
) -> Inzage:
    """Record a search for a youth. `analyse` is the version whose attention signals steer
    this search (None: none do). A search whose signals changed since the youth's previous
    search is marked as such: changing signals and then searching is how someone would
    probe which homes house which residents (the admin's report counts these)."""
    na_wijziging = False
    gewijzigd = analyse.signalen_gewijzigd_op if analyse is not None else None
    if gewijzigd is not None:
        vorige = (
            Inzage.objects.filter(
                jongere_ref=jongere.pk, actie=Actie.SEARCH, uitkomst=Toegang.GELUKT
            )
            .order_by("-op")
            .values_list("op", flat=True)
            .first()
        )
        na_wijziging = vorige is None or gewijzigd > vorige
    return Inzage.objects.create(
        **_velden(
            request,
            actie=Actie.SEARCH,
            soort=Soort.ZOEKRESULTAAT,
            doel=Doel.MATCHING,
            jongere=jongere.pk,
        ),
        uitkomst=Toegang.GELUKT,
        jongere_ref=jongere.pk,
        na_signaalwijziging=na_wijziging,
    )


def log_systeem(*, jongeren: Iterable[int], actie: str, soort: str, door: str) -> None:
    """Access by the portal itself (a management command or a scheduled job), with no person
    behind a request: one entry per youth, named after the command."""
    Inzage.objects.bulk_create(
        [
            Inzage(
                actie=actie,
                uitkomst=Toegang.GELUKT,
                gebruiker_naam=door,
                soort=soort,
                doel=Doel.BEHEER,
                pad=door[:300],
                jongere_ref=ref,
            )
            for ref in sorted(set(jongeren))
        ]
    )


class Schrijver:
    """The object `kern.inzage` hands every entry to."""

    log_inzage = staticmethod(log_inzage)
    log_inzage_lijst = staticmethod(log_inzage_lijst)
    log_zoeken = staticmethod(log_zoeken)
    standaard_doel = staticmethod(standaard_doel)
    vraag_reden = staticmethod(reden.vraag_reden)
