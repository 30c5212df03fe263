"""The access log's interface (NEN 7513), for every app that reads or changes a youth's data.

The log itself (the table, its append-only rules, the reports) lives in `privacy`, the top
layer. The apps below it record accesses through these functions, which hand each entry to
the writer `privacy` registers when it starts. Without a writer every call refuses: a page
that reads a youth's data never runs unlogged.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    CREATE = "create", _("aangemaakt")
    READ = "read", _("bekeken")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    SEARCH = "search", _("gezocht")
    EXPORT = "export", _("geëxporteerd")
    PRINT = "print", _("afgedrukt")


class Toegang(models.TextChoices):
    """Whether the access was allowed (the field is called `uitkomst` in the table)."""

    GELUKT = "gelukt", _("gelukt")
    GEWEIGERD = "geweigerd", _("geweigerd")


class Soort(models.TextChoices):
    PROFIEL = "profiel", _("profiel")
    ANALYSE = "analyse", _("analyse")
    ANALYSEVERSIE = "analyseversie", _("versies van de analyse")
    ZOEKRESULTAAT = "zoekresultaat", _("zoekresultaten")
    VOORSTEL = "voorstel", _("voorstel")
    UITNODIGING = "uitnodiging", _("uitnodiging")
    BEWONER = "bewoner", _("bewonersprofiel")
    DOSSIER = "dossier", _("alle gegevens (inzage-export)")
    TOEGANGSLOG = "toegangslog", _("het toegangslog")


class Doel(models.TextChoices):
    MATCHING = "matching", _("een passende plek zoeken")
    VOORSTEL = "voorstel", _("een voorstel voor een plek")
    ZORG = "zorg", _("zorg en begeleiding")
    BEHEER = "beheer", _("beheer van het portaal")
    EIGEN = "inzage-eigen-gegevens", _("eigen gegevens bekijken")
    # Purposes a reader states on the "reden" page (the role does not imply them).
    STORING = "storing", _("een fout of storing oplossen")
    KLACHT = "klacht", _("een klacht, incident of verzoek afhandelen")
    CONTROLE = "controle", _("controle of kwaliteitsonderzoek")


class Schrijver(Protocol):
    """What `privacy` provides: it writes the entries and knows the roles."""

    def log_inzage(
        self,
        request: HttpRequest,
        *,
        jongere: Any,
        actie: str,
        soort: str,
        doel: str,
        uitkomst: str,
        voorziening: Any,
    ) -> object: ...

    def log_inzage_lijst(
        self,
        request: HttpRequest,
        *,
        jongeren: Iterable[int],
        actie: str,
        soort: str,
        doel: str,
        voorziening: Any = None,
    ) -> None: ...

    def log_zoeken(self, request: HttpRequest, *, jongere: Any, analyse: Any) -> object: ...

    def standaard_doel(self, request: HttpRequest) -> str: ...

    def vraag_reden(self, request: HttpRequest, *, jongere: int) -> HttpResponse | None: ...


_schrijver: Schrijver | None = None


def registreer(schrijver: Schrijver) -> None:
    """Called once by the app that keeps the log, when Django starts."""
    global _schrijver  # the one registry of this process
    _schrijver = schrijver


def _actief() -> Schrijver:
    if _schrijver is None:
        raise ImproperlyConfigured(
            "Er is geen toegangslog: de app 'privacy' staat niet in INSTALLED_APPS."
        )
    return _schrijver


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


def log_inzage(
    request: HttpRequest,
    *,
    jongere: Any,
    actie: str,
    soort: str,
    doel: str,
    uitkomst: str = Toegang.GELUKT,
    voorziening: Any = None,
) -> object:
    """Record one access to a youth's data. `jongere` may be an id: a refused attempt
    names the id that was asked for, whether or not it exists. `voorziening`: the home
    (or its id) for which a manager looked."""
    return _actief().log_inzage(
        request,
        jongere=jongere,
        actie=actie,
        soort=soort,
        doel=doel,
        uitkomst=uitkomst,
        voorziening=voorziening,
    )


def log_inzage_lijst(
    request: HttpRequest,
    *,
    jongeren: Iterable[int],
    actie: str,
    soort: str,
    doel: str,
    voorziening: Any = None,
) -> None:
    """A list page showing several youths: one entry per youth, all in one INSERT."""
    _actief().log_inzage_lijst(
        request, jongeren=jongeren, actie=actie, soort=soort, doel=doel, voorziening=voorziening
    )


def log_zoeken(request: HttpRequest, *, jongere: Any, analyse: Any) -> object:
    """Record a search for a youth; `analyse` is the version whose attention signals steer
    it (None: none do)."""
    return _actief().log_zoeken(request, jongere=jongere, analyse=analyse)


def standaard_doel(request: HttpRequest) -> str:
    """The purpose a page serves for the person asking (their role decides)."""
    return _actief().standaard_doel(request)


def vraag_reden(request: HttpRequest, *, jongere: int) -> HttpResponse | None:
    """Before a read the reader's role does not imply (an admin opening a youth's data): the
    page that asks why, or None when no reason is needed or one was given recently. The
    entries that follow carry the stated purpose."""
    return _actief().vraag_reden(request, jongere=jongere)


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
        uitkomst=Toegang.GEWEIGERD,
    )
