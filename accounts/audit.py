"""The access log (NEN 7513): one helper that every view reading or changing a youth's
data calls, so a page costs exactly one extra query (the insert)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest

from accounts.models import Inzage, User

if TYPE_CHECKING:
    from jongeren.models import Jongere, VerklarendeAnalyse
    from voorzieningen.models import Voorziening

Actie = Inzage.Actie
Soort = Inzage.Soort
Doel = Inzage.Doel
Uitkomst = Inzage.Uitkomst


def client_adres(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or, behind `INZAGE_VERTROUWDE_PROXIES` proxies, the address the
    nearest untrusted hop gave. A header the client sets itself is never believed."""
    adres = request.META.get("REMOTE_ADDR", "")
    proxies = settings.INZAGE_VERTROUWDE_PROXIES
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            adres = hops[-proxies]
    try:
        return str(ipaddress.ip_address(adres))
    except ValueError:
        return None


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
    uitkomst: str = Uitkomst.GELUKT,
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
        [Inzage(**velden, uitkomst=Uitkomst.GELUKT, jongere_ref=ref) for ref in ids]
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


def actie_voor(request: HttpRequest, *, wijzigt: Actie = Actie.UPDATE) -> Actie:
    """GET and HEAD read; any other method changes (or creates, when told so)."""
    return Actie.READ if request.method in {"GET", "HEAD"} else wijzigt


def log_geweigerd(request: HttpRequest, *, jongere: int | None, soort: str) -> None:
    """A refused attempt: logged under the id that was asked for (None when the page does
    not name a youth), whether or not it exists."""
    log_inzage(
        request,
        jongere=jongere,
        actie=actie_voor(request),
        soort=soort,
        doel=standaard_doel(request),
        uitkomst=Uitkomst.GEWEIGERD,
    )


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
                jongere_ref=jongere.pk, actie=Actie.SEARCH, uitkomst=Uitkomst.GELUKT
            )
            .order_by("-op")
            .values_list("op", flat=True)
            .first()
        )
        na_wijziging = vorige is None or gewijzigd > vorige
    return Inzage.objects.create(
        **_velden(request, actie=Actie.SEARCH, soort=Soort.ZOEKRESULTAAT, doel=Doel.MATCHING),
        uitkomst=Uitkomst.GELUKT,
        jongere_ref=jongere.pk,
        na_signaalwijziging=na_wijziging,
    )
