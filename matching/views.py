from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from accounts.models import User
from jongeren import haken as jongeren_haken
from jongeren.models import Fase, Jongere
from jongeren.toegang import jongere_voor
from kern import paginering
from kern.http import HtmxHttpRequest, user_of
from kern.inzage import Actie, Doel, Soort, log_inzage, log_zoeken
from kern.publiek import publiek_voor, stem_voor
from matching.adapters import HomeFilter, home_pk, rank_for, signalen_tellen_mee
from matching.engine import HomeResult
from matching.engine.plekken import capaciteit
from matching.forms import VergelijkForm, ZoekFilterForm
from matching.models import Zoekopdracht
from matching.samenvatting import (
    FACTOR_NAMEN,
    Samenvatting,
    factor_naam,
    samenvatting,
    vrij_vanaf,
)
from matching.services import ververs_zoekopdracht
from voorzieningen.models import Voorziening

PER_PAGINA = 20


@dataclass(frozen=True)
class Regel:
    """One home in the result list: the engine's result with the home's name."""

    result: HomeResult
    voorziening: Mapping[str, Any]
    # The youth's running proposal to this home: (status in words, its page), or None.
    lopend: tuple[str, str] | None = None

    # Computed from the engine's result alone (no query per row), and only when the page
    # shows it: the homes that do not qualify show their reasons, not a summary.
    @cached_property
    def kort(self) -> Samenvatting:
        return samenvatting(self.result)

    @cached_property
    def vrij_vanaf(self) -> date | None:
        return vrij_vanaf(self.result.home)


def _regels(
    results: list[HomeResult], lopend: Mapping[int, tuple[str, str]] | None = None
) -> list[Regel]:
    lopend = lopend or {}
    ids = [home_pk(result.home.ref) for result in results]
    homes = {
        row["pk"]: row
        for row in Voorziening.objects.filter(pk__in=ids).values(
            "pk", "naam", "plaats", "gesloten", "omgeving", "opent_op"
        )
    }
    return [
        Regel(result, homes[home_pk(result.home.ref)], lopend.get(home_pk(result.home.ref)))
        for result in results
    ]


def _voor_samen(
    request: HttpRequest, geschikt: list[HomeResult], broers_zussen: list[Jongere], *, now: Any
) -> list[HomeResult]:
    """The homes that can take the youth and their waiting siblings together: enough free
    places in the one home, and a home the engine calls eligible for each of them."""
    nodig = 1 + len(broers_zussen)
    toegestaan: set[str] | None = None
    for broer_zus in broers_zussen:
        analyse = broer_zus.actuele_analyse()
        log_zoeken(
            request,
            jongere=broer_zus,
            analyse=analyse if signalen_tellen_mee(analyse) else None,
        )
        refs = {
            result.home.ref
            for result in rank_for(
                broer_zus,
                analyse,
                today=timezone.localdate(now),
                now=now,
                audience=publiek_voor(user_of(request)),
            )
            if result.eligible
        }
        toegestaan = refs if toegestaan is None else toegestaan & refs
    return [
        result
        for result in geschikt
        if capaciteit(result.home) >= nodig and result.home.ref in (toegestaan or set())
    ]


@permission_required("matching.zoeken")
def zoeken(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    form = ZoekFilterForm(request.GET or None)
    filters = HomeFilter()
    if form.is_bound:
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else field
                messages.warning(
                    request,
                    _('Filter "%(filter)s" is genegeerd: %(fout)s')
                    % {"filter": label, "fout": " ".join(str(error) for error in errors)},
                )
        filters = form.to_filter()
    analyse = jongere.actuele_analyse()
    signalen_tellen = signalen_tellen_mee(analyse)
    log_zoeken(request, jongere=jongere, analyse=analyse if signalen_tellen else None)
    now = timezone.now()
    jongere.markeer_gezocht(now)
    results = rank_for(
        jongere,
        analyse,
        today=timezone.localdate(now),
        now=now,
        filters=filters,
        audience=publiek_voor(user_of(request)),
        stem=stem_voor(user_of(request), jongere.roepnaam),
    )
    geschikt = [result for result in results if result.eligible]
    ongeschikt = [result for result in results if not result.eligible]
    broers_zussen = list(
        jongere.broers_zussen.filter(pk__in=Jongere.objects.for_user(user_of(request)))
        .exclude(fase=Fase.GEPLAATST)
        .order_by("roepnaam", "pk")
    )
    samen = bool(broers_zussen) and request.GET.get("samen") == "1"
    if samen:
        geschikt = _voor_samen(request, geschikt, broers_zussen, now=now)
    pagina = paginering.pagina(request, geschikt, PER_PAGINA)
    pagina_niet = paginering.pagina(request, ongeschikt, PER_PAGINA, parameter="pagina_niet")
    lopend = jongeren_haken.lopende_voorstellen.roep(jongere.pk)
    query = request.GET.copy()
    query.pop("samen", None)
    query.pop("pagina", None)
    query.pop("pagina_niet", None)
    context = {
        "jongere": jongere,
        "analyse": analyse,
        "gedragen": analyse is not None and analyse.is_gedragen,
        "signalen_wachten": analyse is not None and bool(analyse.signalen) and not signalen_tellen,
        "form": form if form.is_bound else ZoekFilterForm(),
        "filters": filters,
        "aantal_geschikt": len(geschikt),
        "aantal_ongeschikt": len(ongeschikt),
        "page": pagina,
        "regels": _regels(list(pagina.object_list), lopend),
        "aantal_lopend": len(lopend),
        "page_niet": pagina_niet,
        "regels_niet": _regels(list(pagina_niet.object_list)),
        "prioriteiten": analyse.prioriteiten_in_woorden(voor_gezin=False) if analyse else [],
        "query": query.urlencode(),
        "broers_zussen": broers_zussen,
        "samen": samen,
    }
    template = "matching/zoeken.html"
    if request.htmx and request.htmx.target == "resultaten":
        template += "#resultaten"
    return render(request, template, context)


@permission_required("matching.zoeken")
def vergelijk(request: HttpRequest, pk: int) -> HttpResponse:
    """Two or three homes from the youth's search side by side, factor by factor.

    Read like the search itself: the youth's own scope, the same entry in the access log
    and the same audience for the explanations.
    """
    jongere = jongere_voor(request, pk)
    analyse = jongere.actuele_analyse()
    signalen_tellen = signalen_tellen_mee(analyse)
    log_zoeken(request, jongere=jongere, analyse=analyse if signalen_tellen else None)
    now = timezone.now()
    geschikt = [
        result
        for result in rank_for(
            jongere,
            analyse,
            today=timezone.localdate(now),
            now=now,
            audience=publiek_voor(user_of(request)),
        )
        if result.eligible
    ]
    form = VergelijkForm(
        request.GET or None, woningen=[home_pk(result.home.ref) for result in geschikt]
    )
    regels: list[Regel] = []
    rijen: list[tuple[str, list[Any]]] = []
    if form.is_valid():
        gekozen = set(form.cleaned_data["woning"])
        lopend = jongeren_haken.lopende_voorstellen.roep(jongere.pk)
        # In the order of the ranking: the best home first, whatever order they were ticked.
        regels = _regels([r for r in geschikt if home_pk(r.home.ref) in gekozen], lopend)
        per_woning = [
            {onderdeel.factor.code: onderdeel for onderdeel in regel.kort.onderdelen}
            for regel in regels
        ]
        codes = [code for code in FACTOR_NAMEN if any(code in w for w in per_woning)]
        rijen = [(factor_naam(code), [w.get(code) for w in per_woning]) for code in codes]
    return render(
        request,
        "matching/vergelijk.html",
        {"jongere": jongere, "form": form, "regels": regels, "rijen": rijen},
    )


@require_POST
@permission_required("matching.zoeken")
def zoekopdracht_bewaren(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    assert isinstance(request.user, User)
    form = ZoekFilterForm(request.POST)
    form.is_valid()
    zoekopdracht = Zoekopdracht.objects.create(
        jongere=jongere, gemaakt_door=request.user, filters=form.to_filter().to_dict()
    )
    ververs_zoekopdracht(zoekopdracht=zoekopdracht)
    log_inzage(
        request, jongere=jongere, actie=Actie.CREATE, soort=Soort.ZOEKRESULTAAT, doel=Doel.MATCHING
    )
    messages.success(
        request,
        _(
            "De zoekopdracht is bewaard. Je krijgt een melding als het groepsbeeld van een van "
            "deze woningen verandert."
        ),
    )
    return redirect(zoekopdracht)


@permission_required("matching.zoeken")
def zoekopdracht(request: HttpRequest, pk: int, zoekopdracht_pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    opdracht = get_object_or_404(jongere.zoekopdrachten, pk=zoekopdracht_pk)
    log_inzage(
        request, jongere=jongere, actie=Actie.READ, soort=Soort.ZOEKRESULTAAT, doel=Doel.MATCHING
    )
    namen = dict(
        Voorziening.objects.filter(pk__in=[row[0] for row in opdracht.resultaat]).values_list(
            "pk", "naam"
        )
    )
    filters = HomeFilter.from_dict(opdracht.filters)
    gesloten = "" if filters.gesloten is None else ("gesloten" if filters.gesloten else "open")
    query = {
        "max_afstand_km": filters.max_afstand_km or "",
        "gesloten": gesloten,
        "omgeving": filters.omgeving or "",
        "beschikbaar_op": filters.beschikbaar_op.isoformat() if filters.beschikbaar_op else "",
        "opent_binnenkort": "ja" if filters.met_opent_binnenkort else "nee",
    }
    return render(
        request,
        "matching/zoekopdracht.html",
        {
            "jongere": jongere,
            "opdracht": opdracht,
            "woningen": [(namen.get(vid, "?"), vid, score) for vid, score in opdracht.resultaat],
            "query": urlencode(query),
        },
    )
