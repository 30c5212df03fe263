from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from accounts.audit import (
    Actie,
    Doel,
    Soort,
    actie_voor,
    log_geweigerd,
    log_inzage,
    log_inzage_lijst,
    standaard_doel,
)
from accounts.decorators import permission_required
from accounts.drempel import uitnodiging_begrensd
from accounts.models import Inzage, Rol, User
from jongeren import inzage, services
from jongeren.forms import (
    AnalyseForm,
    BeschermdeZoneForm,
    GezinForm,
    JongereFilterForm,
    JongereForm,
    ReactieForm,
    UitnodigingForm,
    VergelijkForm,
    WachtwoordKiezenForm,
    behoeften_formset,
)
from jongeren.gewone_taal import BELANG_GEWOON, ZORGINTENSITEIT_GEWOON, ZORGPROFIEL_GEWOON
from jongeren.models import BeschermdeZone, Instemming, Jongere, VerklarendeAnalyse
from jongeren.verschillen import vergelijk
from matching.choices import Signaal
from matching.engine.geo import haversine_km
from matching.engine.types import Point
from matching.models import Voorstel

Status = VerklarendeAnalyse.Status
PER_PAGINA = 20


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _gebruiker(request: HttpRequest) -> User:
    # The permission decorators have already turned anonymous visitors away.
    assert isinstance(request.user, User)
    return request.user


def _get_jongere_for_user(request: HttpRequest, pk: int) -> Jongere:
    """The youth, if this user may see them; otherwise 404 (never 403: no hint it exists).

    A refusal is written to the access log under the id that was asked for.
    """
    try:
        return get_object_or_404(
            Jongere.objects.for_user(request.user).select_related("coordinator", "account"), pk=pk
        )
    except Http404:
        log_geweigerd(request, jongere=pk, soort=Soort.PROFIEL)
        raise


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
    gebruiker = _gebruiker(request)
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
    pagina = Paginator(jongeren, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = [Rij(j, j.analyse_versie, j.analyse_status) for j in pagina]  # type: ignore[attr-defined]
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
    gebruiker = _gebruiker(request)
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
    jongere = _get_jongere_for_user(request, pk)
    form = JongereForm(request.POST or None, instance=jongere, organisatie=jongere.organisatie)
    _log(request, jongere, Soort.PROFIEL)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Het profiel is opgeslagen."))
        return redirect("jongeren:detail", pk=jongere.pk)
    return render(request, "jongeren/jongere_form.html", {"form": form, "jongere": jongere})


@permission_required("jongeren.coordinator")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = _get_jongere_for_user(request, pk)
    _log(request, jongere, Soort.PROFIEL)
    nieuwste = jongere.nieuwste_analyse()
    actuele = jongere.actuele_analyse()
    # The endorsement table follows the version that was put to the family last.
    voorgelegd = actuele if actuele and not actuele.is_concept else None
    context: dict[str, Any] = {
        "jongere": jongere,
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
    gebruiker = _gebruiker(request)
    jongere = _get_jongere_for_user(request, pk)
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
                with transaction.atomic():
                    analyse, gewijzigd = services.bewaar_analyse(
                        jongere=jongere,
                        door=gebruiker,
                        inhoud=form.inhoud(),
                        behoeften=formset.behoeften(),
                    )
                    if voorleggen and analyse.is_concept:
                        services.leg_voor(analyse=analyse, door=gebruiker)
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
    jongere = _get_jongere_for_user(request, pk)
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
    jongere = _get_jongere_for_user(request, pk)
    _log(request, jongere, Soort.ANALYSEVERSIE)
    context = _vergelijking(request, jongere, voor_gezin=False)
    if context is None:
        messages.info(request, _("Er is nog geen analyse."))
        return redirect("jongeren:detail", pk=jongere.pk)
    return render(request, "jongeren/analyse_versies.html", {"jongere": jongere, **context})


@require_POST
@permission_required("jongeren.coordinator")
def analyse_voorleggen(request: HttpRequest, pk: int, versie: int) -> HttpResponse:
    jongere = _get_jongere_for_user(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSE, Actie.UPDATE)
    try:
        services.leg_voor(analyse=analyse, door=_gebruiker(request))
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
    jongere = _get_jongere_for_user(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSE, Actie.UPDATE)
    try:
        services.geef_instemming(analyse=analyse, persoon=_gebruiker(request), akkoord=True)
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


@require_POST
@permission_required("jongeren.coordinator")
def analyse_signalen_vrijgeven(request: HttpRequest, pk: int, versie: int) -> HttpResponse:
    """Let a version's attention signals count in searches before it is endorsed."""
    jongere = _get_jongere_for_user(request, pk)
    analyse = _get_versie(jongere, versie)
    _log(request, jongere, Soort.ANALYSE, Actie.UPDATE)
    reden = str(request.POST.get("reden", ""))[:2000]
    try:
        services.geef_signalen_vrij(analyse=analyse, door=_gebruiker(request), reden=reden)
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
    jongere = _get_jongere_for_user(request, pk)
    form = UitnodigingForm(request.POST or None)
    _log(request, jongere, Soort.UITNODIGING, actie_voor(request, wijzigt=Actie.CREATE))
    if request.method == "POST" and form.is_valid():
        try:
            uitnodiging = services.nodig_uit(
                jongere=jongere,
                door=_gebruiker(request),
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


# --- Protective zones ----------------------------------------------------------------------


@permission_required("jongeren.coordinator")
def zone_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    """Set a protective zone: a place and a radius no proposed home may lie within."""
    jongere = _get_jongere_for_user(request, pk)
    form = BeschermdeZoneForm(request.POST or None, jongere=jongere)
    _log(request, jongere, Soort.PROFIEL, actie_voor(request, wijzigt=Actie.CREATE))
    if request.method == "POST" and form.is_valid():
        zone = form.save(commit=False)
        zone.ingesteld_door = _gebruiker(request)
        zone.save()
        messages.success(
            request,
            _(
                "De beschermde zone rond %(plaats)s is ingesteld. Geen woning binnen %(straal)s "
                "km kan nog worden voorgesteld."
            )
            % {"plaats": zone.plaats, "straal": f"{zone.straal_km:g}"},
        )
        binnen = zone_raakt_voorstellen(zone)
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
    jongere = _get_jongere_for_user(request, pk)
    zone = get_object_or_404(jongere.beschermde_zones, pk=zone_pk)
    _log(request, jongere, Soort.PROFIEL, Actie.DELETE)
    plaats = zone.plaats
    zone.delete()
    messages.success(
        request, _("De beschermde zone rond %(plaats)s is opgeheven.") % {"plaats": plaats}
    )
    return redirect("jongeren:detail", pk=jongere.pk)


def zone_raakt_voorstellen(zone: BeschermdeZone) -> list[str]:
    """Names of the homes of the youth's open proposals that lie inside `zone`."""
    midden = Point(zone.lat, zone.lon)
    return [
        voorstel.voorziening.naam
        for voorstel in Voorstel.objects.open()
        .filter(jongere=zone.jongere)
        .select_related("voorziening")
        if haversine_km(midden, Point(voorstel.voorziening.lat, voorstel.voorziening.lon))
        <= zone.straal_km
    ]


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
    gebruiker = _gebruiker(request)
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


@permission_required("jongeren.gezin")
def mijn(request: HttpRequest) -> HttpResponse:
    """The family's start page: their (child's) analysis, or a choice between children."""
    kinderen = list(Jongere.objects.for_user(request.user).order_by("roepnaam"))
    if len(kinderen) == 1:
        _log(request, kinderen[0], Soort.ANALYSE)
        return render(request, "jongeren/mijn.html", _gezin_context(request, kinderen[0]))
    return render(request, "jongeren/mijn_kiezen.html", {"kinderen": kinderen})


@permission_required("jongeren.gezin")
def mijn_jongere(request: HttpRequest, pk: int) -> HttpResponse:
    jongere = _get_jongere_for_user(request, pk)
    _log(request, jongere, Soort.ANALYSE)
    return render(request, "jongeren/mijn.html", _gezin_context(request, jongere))


def _terug_naar_gezin(jongere: Jongere) -> HttpResponse:
    return redirect("jongeren:mijn_jongere", pk=jongere.pk)


@permission_required("jongeren.gezin")
def mijn_aanpassen(request: HttpRequest, pk: int) -> HttpResponse:
    gebruiker = _gebruiker(request)
    jongere = _get_jongere_for_user(request, pk)
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
    gebruiker = _gebruiker(request)
    jongere = _get_jongere_for_user(request, pk)
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
    jongere = _get_jongere_for_user(request, pk)
    _log(request, jongere, Soort.ANALYSEVERSIE)
    context = _vergelijking(request, jongere, voor_gezin=True)
    if context is None:
        messages.info(request, _("Er is nog niets opgeschreven."))
        return _terug_naar_gezin(jongere)
    return render(
        request,
        "jongeren/mijn_veranderingen.html",
        {"jongere": jongere, "is_jongere": _gebruiker(request).is_jongere, **context},
    )


# --- Right of access: "Mijn gegevens" ------------------------------------------------------


def _gegevens_pagina(
    request: HttpRequest, jongere: Jongere, gegevens: dict[str, Any], *, json_url: str
) -> HttpResponse:
    return render(
        request,
        "jongeren/gegevens.html",
        {"jongere": jongere, "gegevens": gegevens, "json_url": json_url},
    )


def _gegevens_download(jongere: Jongere, gegevens: dict[str, Any]) -> JsonResponse:
    antwoord = JsonResponse(gegevens, json_dumps_params={"ensure_ascii": False, "indent": 2})
    antwoord["Content-Disposition"] = f'attachment; filename="gegevens-{jongere.pk}.json"'
    return antwoord


def _dossier(request: HttpRequest, pk: int, *, gezin: bool, download: bool) -> HttpResponse:
    """The export as a page or a JSON download, for the family (their own notices) or for
    the coordinator (everyone's); every one is logged as a read or an export."""
    jongere = _get_jongere_for_user(request, pk)
    log_inzage(
        request,
        jongere=jongere,
        actie=Inzage.Actie.EXPORT if download else Inzage.Actie.READ,
        soort=Inzage.Soort.DOSSIER,
        doel=Inzage.Doel.EIGEN if gezin else Inzage.Doel.ZORG,
    )
    gegevens = inzage.gegevens_over(jongere, voor=_gebruiker(request) if gezin else None)
    if download:
        return _gegevens_download(jongere, gegevens)
    json_naam = "jongeren:mijn_gegevens_json" if gezin else "jongeren:gegevens_json"
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
}
DOEL_GEWOON = {
    Doel.MATCHING: _l("om een woning te zoeken die bij je past"),
    Doel.VOORSTEL: _l("voor een voorstel voor een woning"),
    Doel.ZORG: _l("voor de zorg en begeleiding in de woning"),
    Doel.BEHEER: _l("om het portaal goed te laten werken"),
    Doel.EIGEN: _l("om de eigen gegevens te lezen"),
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


def _wie(regel: Inzage, kijker: User, jongere: Jongere) -> str:
    if regel.gebruiker_id == kijker.pk:
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
    if regel.rol == Rol.JONGERE:
        return jongere.roepnaam
    if regel.rol == Rol.OUDER:
        return _("%(naam)s (ouder of verzorger)") % {"naam": regel.gebruiker_naam}
    return _("Een beheerder van het portaal")


@permission_required("jongeren.gezin")
def mijn_inzage(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Who looked at my data": the access log of this youth, in plain words.

    Reading this page is not itself logged: the timeline would fill with its own visits.
    """
    gebruiker = _gebruiker(request)
    jongere = _get_jongere_for_user(request, pk)
    pagina = Paginator(
        Inzage.objects.voor_jongere(jongere.pk).select_related("organisatie", "voorziening"),
        PER_PAGINA,
    ).get_page(request.GET.get("pagina"))
    momenten = [
        Moment(
            op=regel.op,
            wie=_wie(regel, gebruiker, jongere),
            wat=f"{ACTIE_GEWOON[Actie(regel.actie)]}: {SOORT_GEWOON[Soort(regel.soort)]}",
            waarom=str(DOEL_GEWOON[Doel(regel.doel)]),
        )
        for regel in pagina
    ]
    return render(
        request,
        "jongeren/mijn_inzage.html",
        {
            "jongere": jongere,
            "is_jongere": gebruiker.is_jongere,
            "page": pagina,
            "momenten": momenten,
        },
    )
