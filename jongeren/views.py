from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from jongeren import beslissers, haken, services
from jongeren.drempel import uitnodiging_begrensd
from jongeren.forms import (
    AnalyseForm,
    BeschermdeZoneForm,
    BroerZusForm,
    GezinForm,
    InstemmingVastleggenForm,
    JongereFilterForm,
    JongereForm,
    ReactieForm,
    UitnodigingForm,
    VergelijkForm,
    WachtwoordKiezenForm,
    behoeften_formset,
)
from jongeren.gewone_taal import BELANG_GEWOON, ZORGINTENSITEIT_GEWOON, ZORGPROFIEL_GEWOON
from jongeren.inzicht import wie_leest_wat
from jongeren.models import Instemming, Jongere, VerklarendeAnalyse
from jongeren.toegang import jongere_voor
from jongeren.verschillen import vergelijk
from kern import paginering
from kern.choices import Signaal
from kern.http import HtmxHttpRequest, user_of
from kern.inzage import (
    Actie,
    Doel,
    Soort,
    actie_voor,
    log_inzage,
    log_inzage_lijst,
    standaard_doel,
)

Status = VerklarendeAnalyse.Status
PER_PAGINA = 20


def _log(request: HttpRequest, jongere: Jongere, soort: Soort, actie: Actie | None = None) -> None:
    log_inzage(
        request,
        jongere=jongere,
        actie=actie or actie_voor(request),
        soort=soort,
        doel=standaard_doel(request),
    )


def _get_versie(jongere: Jongere, versie: int) -> VerklarendeAnalyse:
    return get_object_or_404(jongere.analyses.select_related("gemaakt_door"), versie=versie)


def _mag_signalen_zien(request: HttpRequest, jongere: Jongere) -> bool:
    return bool(rules.has_perm("jongeren.zie_signalen", request.user, jongere))


def _signaal_labels(analyse: VerklarendeAnalyse) -> list[str]:
    return [str(Signaal(code).label) for code in analyse.signalen]


# --- Coordinator: "Mijn jongeren" -----------------------------------------------------------


@dataclass(frozen=True)
class Rij:
    jongere: Jongere
    versie: int | None
    status: str | None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else _("Nog geen analyse")


@permission_required("jongeren.coordinator")
def lijst(request: HtmxHttpRequest) -> HttpResponse:
    gebruiker = user_of(request)
    form = JongereFilterForm(request.GET)
    form.is_valid()  # invalid fields are shown as errors and simply not applied
    filters = form.cleaned_data
    nieuwste = VerklarendeAnalyse.objects.filter(jongere=OuterRef("pk")).order_by("-versie")
    jongeren = (
        Jongere.objects.for_user(gebruiker)
        .select_related("coordinator")
        .annotate(
            analyse_versie=Subquery(nieuwste.values("versie")[:1]),
            analyse_status=Subquery(nieuwste.values("status")[:1]),
        )
    )
    if filters.get("q"):
        jongeren = jongeren.filter(roepnaam__icontains=filters["q"])
    if filters.get("fase"):
        jongeren = jongeren.filter(fase=filters["fase"])
    if filters.get("eigen"):
        jongeren = jongeren.filter(coordinator=gebruiker)
    pagina = paginering.pagina(request, jongeren, PER_PAGINA)
    rijen = [Rij(j, j.analyse_versie, j.analyse_status) for j in pagina]
    log_inzage_lijst(
        request,
        jongeren=[rij.jongere.pk for rij in rijen],
        actie=Actie.READ,
        soort=Soort.PROFIEL,
        doel=Doel.MATCHING,
    )
    context = {
        "form": form,
        "pagina": pagina,
        "rijen": rijen,
        "gefilterd": any(filters.get(naam) for naam in ("q", "fase", "eigen")),
    }
    template = "jongeren/lijst.html#resultaten" if request.htmx else "jongeren/lijst.html"
    return render(request, template, context)


@permission_required("jongeren.coordinator")
def jongere_nieuw(request: HttpRequest) -> HttpResponse:
    gebruiker = user_of(request)
    form = JongereForm(
        request.POST or None,
        organisatie=gebruiker.organisatie,
        initial={"coordinator": gebruiker.pk},
    )
    if request.method == "POST" and form.is_valid():
        jongere = form.save()
        _log(request, jongere, Soort.PROFIEL, Actie.CREATE)
        messages.success(request, _("%(naam)s is toegevoegd.") % {"naam": jongere.roepnaam})
        return redirect("jongeren:detail", pk=jongere.pk)
    return render(request, "jongeren/jongere_form.html", {"form": form, "jongere": None})


@permission_required("jongeren.coordinator")
def jongere_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    form = JongereForm(request.POST or None, instance=jongere, organisatie=jongere.organisatie)
    _log(request, jongere, Soort.PROFIEL)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Het profiel is opgeslagen."))
        return redirect("jongeren:detail", pk=jongere.pk)
    return render(request, "jongeren/jongere_form.html", {"form": form, "jongere": jongere})


@permission_required("jongeren.coordinator")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    _log(request, jongere, Soort.PROFIEL)
    nieuwste = jongere.nieuwste_analyse()
    actuele = jongere.actuele_analyse()
    # The endorsement table follows the version that was put to the family last.
    voorgelegd = actuele if actuele and not actuele.is_concept else None
    context: dict[str, Any] = {
        "jongere": jongere,
        "wie_beslist": beslissers.voor_jongere(jongere),
        "nieuwste": nieuwste,
        "voorgelegd": voorgelegd,
        "standen": voorgelegd.instemming_per_persoon() if voorgelegd else [],
        "ontbreekt": (
            [services.ontbrekend_bericht(d) for d in nieuwste.ontbrekende_delen()]
            if nieuwste and nieuwste.is_concept
            else []
        ),
        "ouders": jongere.ouders.order_by("first_name", "email"),
        "uitnodigingen": jongere.uitnodigingen.all()[:10],
        "coordinator_akkoord": _coordinator_akkoord(voorgelegd),
        "leeftijd_nodig": jongere.leeftijd_op(jongere.nodig_vanaf),
        "zones": list(jongere.beschermde_zones.select_related("ingesteld_door")),
        "broers_zussen": list(jongere.broers_zussen.order_by("roepnaam", "pk")),
        "broer_zus_form": BroerZusForm(jongere=jongere, user=user_of(request)),
        "verblijf_pk": haken.huidig_verblijf.roep(jongere.pk),
    }
    return render(request, "jongeren/detail.html", context)


def _coordinator_akkoord(analyse: VerklarendeAnalyse | None) -> bool:
    if analyse is None:
        return False
    return any(
        stand.akkoord
        for stand in analyse.instemming_per_persoon()
        if stand.rol == Instemming.Rol.COORDINATOR
    )


@permission_required("jongeren.coordinator")
def analyse_bewerken(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the analysis: a draft saves as is, "voorleggen" also checks the required parts."""
    gebruiker = user_of(request)
    jongere = jongere_voor(request, pk)
    _log(request, jongere, Soort.ANALYSE)
    basis = jongere.nieuwste_analyse()
    voorleggen = request.POST.get("actie") == "voorleggen"
    data = request.POST if request.method == "POST" else None
    form = AnalyseForm(
        data, instance=basis or VerklarendeAnalyse(jongere=jongere), voorleggen=voorleggen
    )
    formset = behoeften_formset(data=data, basis=basis, voorleggen=voorleggen)
    if request.method == "POST":
        form_ok = form.is_valid()
        formset_ok = formset.is_valid()
        if form_ok and formset_ok:
            try:
                analyse, gewijzigd = services.bewaar_en_leg_voor(
                    jongere=jongere,
                    door=gebruiker,
                    inhoud=form.inhoud(),
                    behoeften=formset.behoeften(),
                    voorleggen=voorleggen,
                )
            except ValidationError as fout:
                for bericht in fout.messages:
                    messages.error(request, bericht)
                return redirect("jongeren:analyse_bewerken", pk=jongere.pk)
            if not gewijzigd and not analyse.is_concept:
                messages.info(
                    request, _("Er is niets veranderd. Er is geen nieuwe versie gemaakt.")
                )
            elif voorleggen:
                messages.success(
                    request,
                    _("Versie %(versie)s ligt nu ter instemming bij de jongere en de ouders.")
                    % {"versie": analyse.versie},
                )
            else:
                messages.success(
                    request,
                    _("Versie %(versie)s is opgeslagen als concept.") % {"versie": analyse.versie},
                )
            return redirect("jongeren:detail", pk=jongere.pk)
    context = {
        "jongere": jongere,
        "basis": basis,
        "form": form,
        "formset": formset,
        "mag_signalen": _mag_signalen_zien(request, jongere),
        "maakt_nieuwe_versie": basis is not None and not basis.is_concept,
    }
    return render(request, "jongeren/analyse_form.html", context)


@permission_required("jongeren.coordinator")
def analyse_versie(request: HttpRequest, pk: int, versie: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSEVERSIE)
    mag_signalen = _mag_signalen_zien(request, jongere)
    context = {
        "jongere": jongere,
        "analyse": analyse,
        "behoeften": analyse.behoeften.select_related("kenmerk"),
        "mag_signalen": mag_signalen,
        "signalen": _signaal_labels(analyse) if mag_signalen else [],
        "standen": analyse.instemming_per_persoon() if not analyse.is_concept else [],
        "antwoorden": analyse.instemmingen.select_related("persoon").order_by("-op"),
        "vorige": jongere.analyses.filter(versie__lt=versie).order_by("-versie").first(),
    }
    return render(request, "jongeren/analyse_versie.html", context)


def _vergelijking(
    request: HttpRequest, jongere: Jongere, *, voor_gezin: bool
) -> dict[str, Any] | None:
    """The history context: all versions and, when there are two, the chosen comparison."""
    versies = list(jongere.analyses.select_related("gemaakt_door").order_by("-versie"))
    if not versies:
        return None
    nummers = [a.versie for a in versies]
    standaard = {"naar": nummers[0], "van": nummers[1] if len(nummers) > 1 else nummers[0]}
    form = VergelijkForm(request.GET or standaard, versies=nummers)
    vergelijking = None
    if form.is_valid():
        per_nummer = {a.versie: a for a in versies}
        vergelijking = vergelijk(
            per_nummer[form.cleaned_data["van"]],
            per_nummer[form.cleaned_data["naar"]],
            met_signalen=not voor_gezin and _mag_signalen_zien(request, jongere),
            voor_gezin=voor_gezin,
        )
    return {"versies": versies, "form": form, "vergelijking": vergelijking}


@permission_required("jongeren.coordinator")
def analyse_versies(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    _log(request, jongere, Soort.ANALYSEVERSIE)
    context = _vergelijking(request, jongere, voor_gezin=False)
    if context is None:
        messages.info(request, _("Er is nog geen analyse."))
        return redirect("jongeren:detail", pk=jongere.pk)
    return render(request, "jongeren/analyse_versies.html", {"jongere": jongere, **context})


@require_POST
@permission_required("jongeren.coordinator")
def analyse_voorleggen(request: HttpRequest, pk: int, versie: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSE, Actie.UPDATE)
    try:
        services.leg_voor(analyse=analyse, door=user_of(request))
    except ValidationError as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
    else:
        messages.success(
            request,
            _("Versie %(versie)s ligt nu ter instemming bij de jongere en de ouders.")
            % {"versie": versie},
        )
    return redirect("jongeren:detail", pk=jongere.pk)


@require_POST
@permission_required("jongeren.coordinator")
def analyse_akkoord(request: HttpRequest, pk: int, versie: int) -> HttpResponse:
    """The coordinator endorses a version (changes go through a new version instead)."""
    jongere = jongere_voor(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSE, Actie.UPDATE)
    try:
        services.geef_instemming(analyse=analyse, persoon=user_of(request), akkoord=True)
    except ValidationError as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
    else:
        analyse.refresh_from_db()
        if analyse.is_gedragen:
            messages.success(request, _("Iedereen is het eens: de analyse is nu gedragen."))
        else:
            messages.success(request, _("Je akkoord is vastgelegd."))
    return redirect("jongeren:detail", pk=jongere.pk)


@permission_required("jongeren.coordinator")
def instemming_vastleggen(request: HttpRequest, pk: int, versie: int) -> HttpResponse:
    """The coordinator records the endorsement of the youth or a parent who does not use the
    portal, from a conversation (marked as such; the person confirms it later)."""
    jongere = jongere_voor(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSE)
    standen = [
        s
        for s in analyse.instemming_per_persoon()
        if services.mag_instemming_vastleggen(analyse, s)
    ]
    if not standen:
        messages.info(
            request,
            _(
                "Er is niemand voor wie je dit vastlegt: "
                "wie kan instemmen, doet dat zelf in het portaal."
            )
            if analyse.ter_instemming
            else _("Deze versie ligt niet ter instemming."),
        )
        return redirect("jongeren:detail", pk=jongere.pk)
    keuzes = [(services.sleutel_van_stand(s), f"{s.naam} ({s.rol_label.lower()})") for s in standen]
    form = InstemmingVastleggenForm(request.POST or None, keuzes=keuzes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.leg_instemming_vast(
                analyse=analyse,
                door=user_of(request),
                wie=data["wie"],
                akkoord=data["akkoord"] == "ja",
                hoe=data["hoe"],
                gesprek_op=data["gesprek_op"],
                aanwezig=data["aanwezig"],
                opmerking=data["opmerking"],
            )
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    form.add_error(veld if veld in form.fields else None, fouten)
            else:
                form.add_error(None, fout)
        else:
            analyse.refresh_from_db()
            messages.success(
                request,
                _("Vastgelegd. Iedereen is het eens: de analyse is nu gedragen.")
                if analyse.is_gedragen
                else _("Vastgelegd, met de vermelding dat jij het opschreef."),
            )
            return redirect("jongeren:detail", pk=jongere.pk)
    return render(
        request,
        "jongeren/instemming_vastleggen.html",
        {"jongere": jongere, "analyse": analyse, "form": form},
    )


@require_POST
@permission_required("jongeren.coordinator")
def analyse_signalen_vrijgeven(request: HttpRequest, pk: int, versie: int) -> HttpResponse:
    """Let a version's attention signals count in searches before it is endorsed."""
    jongere = jongere_voor(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSE, Actie.UPDATE)
    reden = str(request.POST.get("reden", ""))[:2000]
    try:
        services.geef_signalen_vrij(analyse=analyse, door=user_of(request), reden=reden)
    except ValidationError as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
    else:
        messages.success(
            request,
            _("De aandachtssignalen van versie %(versie)s tellen nu mee in het zoeken.")
            % {"versie": versie},
        )
    return redirect("jongeren:detail", pk=jongere.pk)


@permission_required("jongeren.coordinator")
def uitnodigen(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    form = UitnodigingForm(request.POST or None)
    _log(request, jongere, Soort.UITNODIGING, actie_voor(request, wijzigt=Actie.CREATE))
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging = services.nodig_uit(
                jongere=jongere,
                door=user_of(request),
                email=form.cleaned_data["email"],
                rol=form.cleaned_data["rol"],
                voornaam=form.cleaned_data["voornaam"],
                achternaam=form.cleaned_data["achternaam"],
                basis_url=request.build_absolute_uri("/"),
            )
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                for veld, fouten in fout.error_dict.items():
                    for f in fouten:
                        form.add_error(veld if veld in form.fields else None, f)
            else:
                form.add_error(None, fout)
        else:
            # The same words whatever the address belongs to (see services.nodig_uit).
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s. De link werkt %(dagen)s dagen.")
                % {"email": uitnodiging.email, "dagen": settings.UITNODIGING_GELDIG_DAGEN},
            )
            return redirect("jongeren:detail", pk=jongere.pk)
    return render(
        request,
        "jongeren/uitnodigen.html",
        {"jongere": jongere, "form": form, "dagen": settings.UITNODIGING_GELDIG_DAGEN},
    )


# --- Siblings ---------------------------------------------------------------------------


@require_POST
@permission_required("jongeren.coordinator")
def broers_zussen(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a sibling, or unlink one (`los`): the relation holds both ways."""
    jongere = jongere_voor(request, pk)
    _log(request, jongere, Soort.PROFIEL, Actie.UPDATE)
    los = request.POST.get("los")
    if los:
        ander = get_object_or_404(jongere.broers_zussen, pk=los)
        jongere.broers_zussen.remove(ander)
        messages.success(
            request, _("%(naam)s staat niet meer als broer of zus.") % {"naam": ander.roepnaam}
        )
        return redirect("jongeren:detail", pk=jongere.pk)
    form = BroerZusForm(request.POST, jongere=jongere, user=user_of(request))
    if form.is_valid():
        ander = form.cleaned_data["broer_zus"]
        jongere.broers_zussen.add(ander)
        messages.success(
            request,
            _("%(a)s en %(b)s staan nu als broer of zus: de portal zoekt een woning voor samen.")
            % {"a": jongere.roepnaam, "b": ander.roepnaam},
        )
    else:
        messages.error(request, _("Kies een jongere van jouw organisatie."))
    return redirect("jongeren:detail", pk=jongere.pk)


# --- Protective zones ----------------------------------------------------------------------


@permission_required("jongeren.coordinator")
def zone_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Set a protective zone: a place and a radius no proposed home may lie within."""
    jongere = jongere_voor(request, pk)
    form = BeschermdeZoneForm(request.POST or None, jongere=jongere)
    _log(request, jongere, Soort.PROFIEL, actie_voor(request, wijzigt=Actie.CREATE))
    if request.method == "POST" and form.is_valid():
        zone = form.save(commit=False)
        zone.ingesteld_door = user_of(request)
        zone.save()
        messages.success(
            request,
            _(
                "De beschermde zone rond %(plaats)s is ingesteld. Geen woning binnen %(straal)s "
                "km kan nog worden voorgesteld."
            )
            % {"plaats": zone.plaats, "straal": f"{zone.straal_km:g}"},
        )
        binnen = haken.open_voorstellen_in_zone.roep(zone)
        if binnen:
            messages.warning(
                request,
                _(
                    "Deze open voorstellen gaan naar een woning binnen de zone en kunnen niet "
                    "verder: %(woningen)s. Trek ze in."
                )
                % {"woningen": ", ".join(binnen)},
            )
        return redirect("jongeren:detail", pk=jongere.pk)
    return render(request, "jongeren/zone_form.html", {"jongere": jongere, "form": form})


@require_POST
@permission_required("jongeren.coordinator")
def zone_verwijderen(request: HttpRequest, pk: int, zone_pk: int) -> HttpResponse:
    """Lift a protective zone; the change history keeps who set and who lifted it."""
    jongere = jongere_voor(request, pk)
    zone = get_object_or_404(jongere.beschermde_zones, pk=zone_pk)
    _log(request, jongere, Soort.PROFIEL, Actie.DELETE)
    plaats = zone.plaats
    zone.delete()
    messages.success(
        request, _("De beschermde zone rond %(plaats)s is opgeheven.") % {"plaats": plaats}
    )
    return redirect("jongeren:detail", pk=jongere.pk)


@never_cache
@uitnodiging_begrensd
def uitnodiging(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: choose a password, once, before the link expires."""
    try:
        uitnodiging = services.lees_token(token)
    except services.UitnodigingGebruikt:
        return render(request, "jongeren/uitnodiging.html", {"staat": "gebruikt"}, status=410)
    except services.UitnodigingVerlopen:
        return render(request, "jongeren/uitnodiging.html", {"staat": "verlopen"}, status=410)
    except services.UitnodigingOngeldig:
        return render(request, "jongeren/uitnodiging.html", {"staat": "ongeldig"}, status=404)
    persoon = uitnodiging.persoon
    assert persoon is not None  # lees_token refuses an invitation without a usable account
    form = WachtwoordKiezenForm(persoon, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accepteer_uitnodiging(
                uitnodiging=uitnodiging, wachtwoord=form.cleaned_data["new_password1"]
            )
        except services.UitnodigingGebruikt:
            return render(request, "jongeren/uitnodiging.html", {"staat": "gebruikt"}, status=410)
        except services.UitnodigingVerlopen:
            return render(request, "jongeren/uitnodiging.html", {"staat": "verlopen"}, status=410)
        except services.UitnodigingOngeldig:
            return render(request, "jongeren/uitnodiging.html", {"staat": "ongeldig"}, status=404)
        persoon.refresh_from_db()
        login(request, persoon, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom! Je wachtwoord is opgeslagen. Je bent nu ingelogd."))
        return redirect("jongeren:mijn")
    return render(
        request,
        "jongeren/uitnodiging.html",
        {"staat": "kies", "form": form, "uitnodiging": uitnodiging, "persoon": persoon},
    )


# --- The family: "Mijn analyse" -------------------------------------------------------------


def _gezin_context(request: HttpRequest, jongere: Jongere) -> dict[str, Any]:
    gebruiker = user_of(request)
    analyse = jongere.nieuwste_analyse()
    context: dict[str, Any] = {
        "jongere": jongere,
        "analyse": analyse,
        "is_jongere": gebruiker.is_jongere,
        "zorgprofiel": ZORGPROFIEL_GEWOON.get(analyse.zorgprofiel) if analyse else None,
        "zorgintensiteit": ZORGINTENSITEIT_GEWOON.get(analyse.zorgintensiteit) if analyse else None,
    }
    if analyse is not None:
        standen = analyse.instemming_per_persoon() if not analyse.is_concept else []
        eigen = next((s for s in standen if s.persoon == gebruiker), None)
        context["te_bevestigen"] = services.te_bevestigen(jongere, gebruiker)
        context |= {
            "behoeften": [
                (b.kenmerk.naam, BELANG_GEWOON[b.belang], b.toelichting)
                for b in analyse.behoeften.select_related("kenmerk")
            ],
            "standen": standen,
            "eigen_stand": eigen,
            "reactie_form": ReactieForm(initial={"versie": analyse.versie}),
        }
    return context


def _algemeen(request: HttpRequest, jongere: Jongere) -> HttpResponse:
    """General information for a family member who may not read the file: a parent without
    gezag, or a parent a 16+ youth does not share the analysis with."""
    return render(
        request,
        "jongeren/mijn_algemeen.html",
        {
            "jongere": jongere,
            "zonder_gezag": not jongere.heeft_gezag(user_of(request)),
            "wie_leest": wie_leest_wat(jongere),
        },
    )


def _mijn_pagina(request: HttpRequest, jongere: Jongere) -> HttpResponse:
    if not request.user.has_perm("jongeren.lees_dossier", jongere):
        _log(request, jongere, Soort.PROFIEL)
        return _algemeen(request, jongere)
    _log(request, jongere, Soort.ANALYSE)
    context = _gezin_context(request, jongere) | {
        "wie_leest": wie_leest_wat(jongere),
        "verblijf_pk": haken.huidig_verblijf.roep(jongere.pk),
    }
    return render(request, "jongeren/mijn.html", context)


def _dossier_of_algemeen(request: HttpRequest, jongere: Jongere) -> HttpResponse | None:
    """None when this person may read the file; otherwise back to the general page."""
    if request.user.has_perm("jongeren.lees_dossier", jongere):
        return None
    return _terug_naar_gezin(jongere)


@permission_required("jongeren.gezin")
def mijn(request: HttpRequest) -> HttpResponse:
    """The family's start page: their (child's) analysis, or a choice between children."""
    kinderen = list(Jongere.objects.for_user(request.user).order_by("roepnaam"))
    if len(kinderen) == 1:
        return _mijn_pagina(request, kinderen[0])
    return render(request, "jongeren/mijn_kiezen.html", {"kinderen": kinderen})


@permission_required("jongeren.gezin")
def mijn_jongere(request: HttpRequest, pk: int) -> HttpResponse:
    return _mijn_pagina(request, jongere_voor(request, pk))


@permission_required("jongeren.gezin")
def mijn_wie_leest(request: HttpRequest, pk: int) -> HttpResponse:
    """Who can read what, in plain words; from 16 the youth chooses here what parents see:
    for all parents at once, or per parent (`ouder_<id>`: ja or nee)."""
    jongere = jongere_voor(request, pk)
    mag_kiezen = request.user.has_perm("jongeren.kies_wat_ouders_zien", jongere)
    ouders = [o for o in jongere.ouders.order_by("first_name", "email") if jongere.heeft_gezag(o)]
    fouten: list[str] = []
    if request.method == "POST":
        if not mag_kiezen:
            raise PermissionDenied
        _log(request, jongere, Soort.PROFIEL, Actie.UPDATE)
        if "ouders_zien_analyse" in request.POST:
            delen = request.POST.get("ouders_zien_analyse") == "ja"
            services.kies_wat_ouders_zien(jongere=jongere, door=user_of(request), delen=delen)
            messages.success(
                request,
                _("Opgeslagen. Je ouders lezen je analyse mee.")
                if delen
                else _("Opgeslagen. Je ouders lezen je analyse en aandachtspunten niet meer."),
            )
            return redirect("jongeren:mijn_wie_leest", pk=jongere.pk)
        keuzes = {o: request.POST.get(f"ouder_{o.pk}") for o in ouders}
        fouten = [
            _("Kies bij %(naam)s ja of nee.") % {"naam": o.first_name or o}
            for o, keuze in keuzes.items()
            if keuze not in {"ja", "nee"}
        ]
        if not fouten:
            for ouder, keuze in keuzes.items():
                services.kies_wat_ouders_zien(
                    jongere=jongere, door=user_of(request), delen=keuze == "ja", ouder=ouder
                )
            messages.success(request, _("Opgeslagen. Hieronder staat wie wat leest."))
            return redirect("jongeren:mijn_wie_leest", pk=jongere.pk)
    else:
        _log(request, jongere, Soort.PROFIEL)
    return render(
        request,
        "jongeren/mijn_wie_leest.html",
        {
            "jongere": jongere,
            "wie_leest": wie_leest_wat(jongere),
            "mag_kiezen": mag_kiezen,
            "is_jongere": user_of(request).is_jongere,
            "ouders": [(o, jongere.deelt_met(o)) for o in ouders],
            "fouten": fouten,
        },
    )


@require_POST
@permission_required("jongeren.gezin")
def mijn_bevestigen(request: HttpRequest, pk: int) -> HttpResponse:
    """The youth or parent confirms the endorsement the coordinator recorded for them."""
    jongere = jongere_voor(request, pk)
    _log(request, jongere, Soort.ANALYSE, Actie.UPDATE)
    nummer = str(request.POST.get("instemming", ""))
    instemming = (
        Instemming.objects.filter(analyse__jongere=jongere, pk=int(nummer)).first()
        if nummer.isdigit()
        else None
    )
    if instemming is None:
        messages.error(request, _("Hier is niets te bevestigen."))
        return _terug_naar_gezin(jongere)
    try:
        services.bevestig_instemming(instemming=instemming, door=user_of(request))
    except ValidationError as fout:
        for bericht in fout.messages:
            messages.error(request, bericht)
    else:
        messages.success(request, _("Dank je! Je hebt bevestigd wat de coördinator opschreef."))
    return _terug_naar_gezin(jongere)


@permission_required("jongeren.jeugdbeschermer")
def beschermd(request: HttpRequest) -> HttpResponse:
    """The youth protection worker's start page: the youths they protect, with their
    measure, the court's authorisation and who decides."""
    jongeren = list(
        Jongere.objects.for_user(request.user).select_related("coordinator").order_by("roepnaam")
    )
    log_inzage_lijst(
        request,
        jongeren=[j.pk for j in jongeren],
        actie=Actie.READ,
        soort=Soort.PROFIEL,
        doel=standaard_doel(request),
    )
    return render(
        request,
        "jongeren/beschermd.html",
        {"rijen": [(j, beslissers.voor_jongere(j)) for j in jongeren]},
    )


def _terug_naar_gezin(jongere: Jongere) -> HttpResponse:
    return redirect("jongeren:mijn_jongere", pk=jongere.pk)


@permission_required("jongeren.gezin")
def mijn_aanpassen(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = user_of(request)
    jongere = jongere_voor(request, pk)
    if (weg := _dossier_of_algemeen(request, jongere)) is not None:
        return weg
    _log(request, jongere, Soort.ANALYSE)
    analyse = jongere.nieuwste_analyse()
    if analyse is None:
        messages.info(request, _("Er is nog niets om aan te vullen."))
        return _terug_naar_gezin(jongere)
    veld = "belangrijk_jongere" if gebruiker.is_jongere else "belangrijk_ouders"
    initial = {"woorden": getattr(analyse, veld)} | {
        naam: waarde for naam, _label, waarde in analyse.prioriteiten()
    }
    form = GezinForm(request.POST or None, initial=initial, is_jongere=gebruiker.is_jongere)
    if request.method == "POST" and form.is_valid():
        try:
            nieuw, gewijzigd = services.bewaar_woorden_gezin(
                jongere=jongere,
                persoon=gebruiker,
                woorden=form.cleaned_data["woorden"],
                prioriteiten=form.prioriteiten(),
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            if not gewijzigd:
                messages.info(request, _("Er is niets veranderd."))
            elif nieuw.pk != analyse.pk:
                messages.success(
                    request,
                    _(
                        "Opgeslagen. Er is nu een nieuwe versie. "
                        "Iedereen kijkt er opnieuw naar en zegt of het klopt."
                    ),
                )
            else:
                messages.success(request, _("Opgeslagen."))
            return _terug_naar_gezin(jongere)
    return render(
        request,
        "jongeren/mijn_aanpassen.html",
        {"jongere": jongere, "analyse": analyse, "form": form, "is_jongere": gebruiker.is_jongere},
    )


@permission_required("jongeren.gezin")
def mijn_reactie(request: HttpRequest, pk: int) -> HttpResponse:
    """Agree with the version, or ask for a change. GET shows the choice on its own page."""
    gebruiker = user_of(request)
    jongere = jongere_voor(request, pk)
    if (weg := _dossier_of_algemeen(request, jongere)) is not None:
        return weg
    _log(request, jongere, Soort.ANALYSE)
    analyse = jongere.nieuwste_analyse()
    if analyse is None or not analyse.ter_instemming:
        messages.info(request, _("Er is nu niets om op te reageren."))
        return _terug_naar_gezin(jongere)
    form = ReactieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["versie"] != analyse.versie:
            messages.error(
                request,
                _("Er is intussen een nieuwe versie. Lees die eerst, en reageer dan opnieuw."),
            )
            return _terug_naar_gezin(jongere)
        try:
            services.geef_instemming(
                analyse=analyse,
                persoon=gebruiker,
                akkoord=form.akkoord,
                opmerking=form.cleaned_data["opmerking"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            analyse.refresh_from_db()
            if analyse.is_gedragen:
                messages.success(request, _("Dank je! Iedereen is het nu eens."))
            elif form.akkoord:
                messages.success(request, _("Dank je! Je hebt gezegd dat je het eens bent."))
            else:
                messages.success(
                    request, _("Dank je! Je coördinator leest wat je wilt veranderen.")
                )
            return _terug_naar_gezin(jongere)
    return render(
        request,
        "jongeren/mijn_reactie.html",
        {"jongere": jongere, "analyse": analyse, "form": form, "is_jongere": gebruiker.is_jongere},
    )


@permission_required("jongeren.gezin")
def mijn_veranderingen(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = jongere_voor(request, pk)
    if (weg := _dossier_of_algemeen(request, jongere)) is not None:
        return weg
    _log(request, jongere, Soort.ANALYSEVERSIE)
    context = _vergelijking(request, jongere, voor_gezin=True)
    if context is None:
        messages.info(request, _("Er is nog niets opgeschreven."))
        return _terug_naar_gezin(jongere)
    return render(
        request,
        "jongeren/mijn_veranderingen.html",
        {"jongere": jongere, "is_jongere": user_of(request).is_jongere, **context},
    )
