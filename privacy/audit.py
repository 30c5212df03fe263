"""The writer behind `kern.inzage`: turns each access into an `Inzage` row, so a page costs
exactly one extra query (the insert). Registered when the app starts (`privacy.apps`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from accounts.models import User
from kern.inzage import Actie, Doel, Soort, Toegang, client_adres
from privacy.models import Inzage

if TYPE_CHECKING:
    from jongeren.models import Jongere, VerklarendeAnalyse
    from voorzieningen.models import Voorziening


def _velden(request: HttpRequest, *, actie: str, soort: str, doel: str) -> dict[str, Any]:
    """Who asks, from where: copied at the moment of access (people change roles)."""
    user = request.user if isinstance(request.user, User) else None
    return {
        "actie": actie,
        "gebruiker": user,
        "gebruiker_naam": (user.get_full_name() or user.email) if user else "",
        "rol": user.rol if user else "",
        "organisatie_id": user.organisatie_id if user else None,
        "soort": soort,
        "doel": doel,
        "adres": client_adres(request),
        "pad": request.path[:300],
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
        **_velden(request, actie=actie, soort=soort, doel=doel),
        uitkomst=uitkomst,
        jongere_ref=jongere_ref,
        voorziening_id=voorziening_id,
    )


def log_inzage_lijst(
    request: HttpRequest, *, jongeren: Iterable[int], actie: str, soort: str, doel: str
) -> None:
    """A list page showing several youths: one entry per youth, all in one INSERT."""
    ids = sorted(set(jongeren))
    if not ids:
        return
    velden = _velden(request, actie=actie, soort=soort, doel=doel)
    Inzage.objects.bulk_create(
        [Inzage(**velden, uitkomst=Toegang.GELUKT, jongere_ref=ref) for ref in ids]
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
        **_velden(request, actie=Actie.SEARCH, soort=Soort.ZOEKRESULTAAT, doel=Doel.MATCHING),
        uitkomst=Toegang.GELUKT,
        jongere_ref=jongere.pk,
        na_signaalwijziging=na_wijziging,
    )


class Schrijver:
    """The object `kern.inzage` hands every entry to."""

    log_inzage = staticmethod(log_inzage)
    log_inzage_lijst = staticmethod(log_inzage_lijst)
    log_zoeken = staticmethod(log_zoeken)
    standaard_doel = staticmethod(standaard_doel)
