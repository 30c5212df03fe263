"""The privacy pages: the family's "Mijn gegevens" and "Wie heeft gekeken?", the
coordinator's hand-over export, and the admins' access log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache

from accounts.decorators import permission_required
from accounts.models import Rol, User
from jongeren.models import Jongere
from jongeren.toegang import jongere_voor
from kern import paginering
from kern.http import user_of
from kern.inzage import Actie, Doel, Soort, log_inzage
from privacy import reden
from privacy.forms import InzageFilterForm, RedenForm
from privacy.gegevens import gegevens_over
from privacy.models import Inzage
from privacy.zoekpatronen import (
    DREMPEL_NA_WIJZIGING,
    DREMPEL_ZONDER_GEZIN,
    PERIODE_DAGEN,
    opvallende_zoekpatronen,
)

PER_PAGINA = 20
PER_PAGINA_LOG = 50


# --- Right of access: "Mijn gegevens" ------------------------------------------------------


def _gegevens_pagina(
    request: HttpRequest, jongere: Jongere, gegevens: dict[str, Any], *, json_url: str
) -> HttpResponse:
    return render(
        request,
        "privacy/gegevens.html",
        {"jongere": jongere, "gegevens": gegevens, "json_url": json_url},
    )


def _gegevens_download(jongere: Jongere, gegevens: dict[str, Any]) -> JsonResponse:
    antwoord = JsonResponse(gegevens, json_dumps_params={"ensure_ascii": False, "indent": 2})
    antwoord["Content-Disposition"] = f'attachment; filename="gegevens-{jongere.pk}.json"'
    return antwoord


def _dossier(request: HttpRequest, pk: int, *, gezin: bool, download: bool) -> HttpResponse:
    """The export as a page or a JSON download, for the family (their own notices) or for
    the coordinator (everyone's); every one is logged as a read or an export."""
    jongere = jongere_voor(request, pk)
    log_inzage(
        request,
        jongere=jongere,
        actie=Inzage.Actie.EXPORT if download else Inzage.Actie.READ,
        soort=Inzage.Soort.DOSSIER,
        doel=Inzage.Doel.EIGEN if gezin else Inzage.Doel.ZORG,
    )
    gegevens = gegevens_over(jongere, voor=user_of(request) if gezin else None)
    if download:
        return _gegevens_download(jongere, gegevens)
    json_naam = "privacy:mijn_gegevens_json" if gezin else "privacy:gegevens_json"
    return _gegevens_pagina(request, jongere, gegevens, json_url=reverse(json_naam, args=[pk]))


@never_cache
@permission_required("jongeren.gezin")
def mijn_gegevens(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the portal holds about the youth, for the youth or a linked parent."""
    return _dossier(request, pk, gezin=True, download=False)


@never_cache
@permission_required("jongeren.gezin")
def mijn_gegevens_json(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier(request, pk, gezin=True, download=True)


@never_cache
@permission_required("jongeren.coordinator")
def gegevens(request: HttpRequest, pk: int) -> HttpResponse:
    """The same export, made by a coordinator of the youth's organisation to hand over."""
    return _dossier(request, pk, gezin=False, download=False)


@never_cache
@permission_required("jongeren.coordinator")
def gegevens_json(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier(request, pk, gezin=False, download=True)


@dataclass(frozen=True)
class Moment:
    """One line of "Wie heeft mijn gegevens bekeken?" in plain words."""

    op: Any
    wie: str
    wat: str
    waarom: str


SOORT_GEWOON = {
    Soort.PROFIEL: _l("de gegevens over wie je bent en waar je woont"),
    Soort.ANALYSE: _l("wat we samen hebben opgeschreven"),
    Soort.ANALYSEVERSIE: _l("oudere versies van wat we hebben opgeschreven"),
    Soort.ZOEKRESULTAAT: _l("de lijst met woningen die passen"),
    Soort.VOORSTEL: _l("een voorstel voor een woning"),
    Soort.UITNODIGING: _l("de uitnodigingen voor het portaal"),
    Soort.BEWONER: _l("de gegevens over jou in de woning"),
    Soort.DOSSIER: _l("alles wat het portaal over je bewaart"),
    Soort.TOEGANGSLOG: _l("de lijst van wie je gegevens bekeek"),
}
DOEL_GEWOON = {
    Doel.MATCHING: _l("om een woning te zoeken die bij je past"),
    Doel.VOORSTEL: _l("voor een voorstel voor een woning"),
    Doel.ZORG: _l("voor de zorg en begeleiding in de woning"),
    Doel.BEHEER: _l("om het portaal goed te laten werken"),
    Doel.EIGEN: _l("om de eigen gegevens te lezen"),
    Doel.STORING: _l("om een fout in het portaal op te lossen"),
    Doel.KLACHT: _l("om een klacht of vraag te behandelen"),
    Doel.CONTROLE: _l("om te controleren of alles goed gaat"),
}
ACTIE_GEWOON = {
    Actie.CREATE: _l("heeft gemaakt"),
    Actie.READ: _l("heeft bekeken"),
    Actie.UPDATE: _l("heeft veranderd"),
    Actie.DELETE: _l("heeft weggehaald"),
    Actie.SEARCH: _l("heeft gezocht met"),
    Actie.EXPORT: _l("heeft gedownload"),
    Actie.PRINT: _l("heeft afgedrukt"),
}


def _wie(regel: Inzage, kijker: User | None, jongere: Jongere) -> str:
    if kijker is not None and regel.gebruiker_id == kijker.pk:
        return _("Jij")
    if regel.rol == Rol.BEHEERDER:
        if regel.voorziening is not None:
            return _("Iemand van de woning %(woning)s") % {"woning": regel.voorziening.naam}
        return _("Iemand van een woning")
    if regel.rol == Rol.COORDINATOR:
        return _("%(naam)s, plaatsingscoördinator bij %(organisatie)s") % {
            "naam": regel.gebruiker_naam,
            "organisatie": regel.organisatie.naam if regel.organisatie else _("de gemeente"),
        }
    if regel.rol == Rol.EXPERTTEAM:
        return _("Het regionale expertteam (zonder je naam)")
    if regel.rol == Rol.JONGERE:
        return jongere.roepnaam
    if regel.rol == Rol.OUDER:
        return _("%(naam)s (ouder of verzorger)") % {"naam": regel.gebruiker_naam}
    return _("Een beheerder van het portaal")


def momenten(regels: Iterable[Inzage], kijker: User | None, jongere: Jongere) -> list[Moment]:
    """Access-log entries about `jongere` in the words the youth and parents read them, as
    `kijker` (None: someone else, e.g. a coordinator making the export) reads them. Used by
    "Wie heeft mijn gegevens bekeken?" and by the export (`privacy.gegevens`)."""
    return [
        Moment(
            op=regel.op,
            wie=_wie(regel, kijker, jongere),
            wat=f"{ACTIE_GEWOON[Actie(regel.actie)]}: {SOORT_GEWOON[Soort(regel.soort)]}",
            waarom=str(DOEL_GEWOON[Doel(regel.doel)]),
        )
        for regel in regels
    ]


@permission_required("jongeren.gezin")
def mijn_inzage(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Who looked at my data": the access log of this youth, in plain words.

    Reading this page is not itself logged: the timeline would fill with its own visits.
    """
    gebruiker = user_of(request)
    jongere = jongere_voor(request, pk)
    pagina = paginering.pagina(
        request,
        Inzage.objects.voor_jongere(jongere.pk).select_related("organisatie", "voorziening"),
        PER_PAGINA,
    )
    return render(
        request,
        "privacy/mijn_inzage.html",
        {
            "jongere": jongere,
            "is_jongere": gebruiker.is_jongere,
            "page": pagina,
            "momenten": momenten(pagina, gebruiker, jongere),
        },
    )


@dataclass(frozen=True)
class Bladzijde:
    """One page of the access log, newest first, found by position rather than by number:
    `ouder` and `nieuwer` are the sequence numbers the links to the next older and newer
    page start from (None: there is none). Counting a log of millions of entries or
    skipping to page N would read every entry before it; this reads one page's worth."""

    regels: list[Inzage]
    ouder: int | None
    nieuwer: int | None


def _plek(request: HttpRequest, parameter: str) -> tuple[dt.datetime, int] | None:
    """The moment and sequence number of the entry a `?na=` or `?voor=` link starts from."""
    try:
        volgnummer = int(request.GET.get(parameter, ""))
    except ValueError:
        return None
    return Inzage.objects.filter(volgnummer=volgnummer).values_list("op", "volgnummer").first()


def bladzijde(request: HttpRequest, regels: QuerySet[Inzage], per_pagina: int) -> Bladzijde:
    """The page `?na=N` (older than entry N) or `?voor=N` (newer than N) asks for; without
    either, the newest. Ordered by moment, ties by sequence number, on their own index."""
    if (voor := _plek(request, "voor")) is not None:
        op, nummer = voor
        nieuwer = list(
            regels.filter(Q(op__gte=op), Q(op__gt=op) | Q(volgnummer__gt=nummer)).order_by(
                "op", "volgnummer"
            )[: per_pagina + 1]
        )
        if nieuwer:
            meer = len(nieuwer) > per_pagina
            rijen = nieuwer[:per_pagina][::-1]
            return Bladzijde(
                rijen, ouder=rijen[-1].volgnummer, nieuwer=rijen[0].volgnummer if meer else None
            )
    na = _plek(request, "na")
    if na is not None:
        op, nummer = na
        regels = regels.filter(Q(op__lte=op), Q(op__lt=op) | Q(volgnummer__lt=nummer))
    rijen = list(regels.order_by("-op", "-volgnummer")[: per_pagina + 1])
    meer = len(rijen) > per_pagina
    rijen = rijen[:per_pagina]
    return Bladzijde(
        rijen,
        ouder=rijen[-1].volgnummer if meer else None,
        nieuwer=rijen[0].volgnummer if na is not None and rijen else None,
    )


def _begin_van(dag: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time.min))


@permission_required("privacy.inzage_log")
def inzage_log(request: HttpRequest) -> HttpResponse:
    """The access log for admins, newest first, with filters."""
    form = InzageFilterForm(request.GET)
    form.is_valid()  # invalid fields are shown as errors and simply not applied
    filters = form.cleaned_data
    entries = Inzage.objects.select_related("organisatie", "voorziening")
    # The log keeps a youth's number (it outlives the youth); people look for a name.
    jongeren: list[int] = []
    if naam := (filters.get("jongere") or "").strip():
        jongeren = list(
            Jongere.objects.filter(roepnaam__icontains=naam)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        entries = entries.filter(jongere_ref__in=jongeren)
    if filters.get("gebruiker"):
        entries = entries.filter(
            Q(gebruiker_naam__icontains=filters["gebruiker"])
            | Q(gebruiker__email__icontains=filters["gebruiker"])
        )
    # Days as ranges of moments (not the date of each moment): the index on the moment is used.
    if filters.get("vanaf"):
        entries = entries.filter(op__gte=_begin_van(filters["vanaf"]))
    if filters.get("tot"):
        entries = entries.filter(op__lt=_begin_van(filters["tot"] + dt.timedelta(days=1)))
    if filters.get("actie"):
        entries = entries.filter(actie=filters["actie"])
    if filters.get("uitkomst"):
        entries = entries.filter(uitkomst=filters["uitkomst"])
    query = request.GET.copy()
    for plek in ("na", "voor", "pagina"):
        query.pop(plek, None)
    deze = bladzijde(request, entries, PER_PAGINA_LOG)
    namen = dict(
        Jongere.objects.filter(
            pk__in={regel.jongere_ref for regel in deze.regels if regel.jongere_ref}
        ).values_list("pk", "roepnaam")
    )
    response = render(
        request,
        "privacy/inzage_log.html",
        {
            "form": form,
            "bladzijde": deze,
            "regels": [
                (regel, namen.get(regel.jongere_ref) if regel.jongere_ref else None)
                for regel in deze.regels
            ],
            "query": query.urlencode(),
            "zoekpatronen": opvallende_zoekpatronen(),
            "zoekpatronen_dagen": PERIODE_DAGEN,
            "drempel_na_wijziging": DREMPEL_NA_WIJZIGING,
            "drempel_zonder_gezin": DREMPEL_ZONDER_GEZIN,
        },
    )
    # Reading the log is itself a read (of one youth's entries when filtered on one);
    # written after the page is made, so the page does not show its own visit.
    gelezen: list[int | None] = [*jongeren] or [None]
    for jongere in gelezen:
        log_inzage(
            request, jongere=jongere, actie=Actie.READ, soort=Soort.TOEGANGSLOG, doel=Doel.BEHEER
        )
    return response


PER_PAGINA_OVERZICHT = 50


@never_cache
@permission_required("privacy.inzage_log")
def inzage_per_dag(request: HttpRequest) -> HttpResponse:
    """Reads per user per day, newest day first: who looks at how much."""
    rijen = (
        Inzage.objects.order_by()
        .annotate(dag=TruncDate("op"))
        .values("dag", "gebruiker_id", "gebruiker_naam", "rol")
        .annotate(
            aantal=Count("id"),
            jongeren=Count("jongere_ref", distinct=True),
            opgegeven=Count("id", filter=Q(doel_opgegeven=True)),
            geweigerd=Count("id", filter=Q(uitkomst=Inzage.Toegang.GEWEIGERD)),
        )
        .order_by("-dag", "-aantal", "gebruiker_naam")
    )
    pagina = paginering.pagina(request, rijen, PER_PAGINA_OVERZICHT)
    rollen = dict(Rol.choices)
    regels = [{**rij, "rol_naam": rollen.get(rij["rol"], "")} for rij in pagina]
    response = render(request, "privacy/inzage_per_dag.html", {"page": pagina, "regels": regels})
    # The visit is a read of the log too; written after the page, which does not count it.
    log_inzage(request, jongere=None, actie=Actie.READ, soort=Soort.TOEGANGSLOG, doel=Doel.BEHEER)
    return response


@never_cache
def reden_opgeven(request: HttpRequest, pk: int) -> HttpResponse:
    """Why does this admin open this youth's data? Asked once per youth per session, for
    an hour; the entries that follow carry the answer. For whoever is asked: the roles
    whose work implies no purpose (the admin site's own rules hold there)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not reden.reden_vereist(request):
        raise PermissionDenied
    volgende = request.GET.get("volgende", "")
    if not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        volgende = reverse("admin:index")
    form = RedenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reden.onthoud(request, pk, form.cleaned_data["doel"], form.cleaned_data["reden"].strip())
        return HttpResponseRedirect(volgende)
    return render(
        request,
        "privacy/reden.html",
        {
            "form": form,
            "jongere": pk,
            "volgende": volgende,
            "minuten": int(reden.GELDIG.total_seconds() // 60),
        },
    )
