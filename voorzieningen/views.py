"""The KWV manager's pages and the coordinator's read-only view of homes.

Every view fetches through a `_get_<thing>_for_user` helper that 404s whatever the person
may not see: a manager gets a 404 for another provider's home, never a 403 that would
confirm it exists. Pages are plain HTML forms; htmx only saves a reload where it helps
(confirming a vacancy in place, filtering the list), and every such link or form keeps
its normal action, so all of it works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from accounts.models import User
from kern import opmaak, paginering
from kern.http import HtmxHttpRequest, user_of
from kern.inzage import (
    Actie,
    Doel,
    Soort,
    actie_voor,
    log_geweigerd,
    log_inzage,
    log_inzage_lijst,
    standaard_doel,
)
from kern.publiek import publiek_voor
from voorzieningen import haken, services, verblijf
from voorzieningen.forms import (
    AankomstForm,
    BehandelpartnerFormSet,
    BewonerProfielForm,
    FotoFormSet,
    KandidaatForm,
    MentorForm,
    OnderwijsFormSet,
    OvergangspuntForm,
    TeamlidEindeForm,
    TeamlidForm,
    ToelatingsregelFormSet,
    VacatureForm,
    VertrekForm,
    VoorzieningForm,
    ZoekForm,
)
from voorzieningen.fotos import FOTO_MAX_BYTES, FOTOS_PER_WONING
from voorzieningen.models import (
    JONGEREN_PER_MEDEWERKER,
    FotoWoning,
    Perspectief,
    Plaatsing,
    Teamlid,
    Vacature,
    Voorziening,
    vacature_bevestig_dagen,
)

PER_PAGINA = 20
WONINGEN_PER_PAGINA = 10


def _terug(request: HttpRequest, standaard: str) -> HttpResponseRedirect:
    """Back to the page the form was posted from, if it is one of ours; else `standaard`."""
    volgende = request.POST.get("volgende") or request.GET.get("volgende") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(volgende)
    return redirect(standaard)


# --- Fetching what the person may see ---------------------------------------------------


def _get_voorziening_for_user(request: HttpRequest, pk: int) -> Voorziening:
    """A home this person may look at as a searcher (coordinators: all; managers: own)."""
    return get_object_or_404(
        Voorziening.objects.for_user(request.user).select_related("aanbieder"), pk=pk
    )


def _get_managed_voorziening_for_user(request: HttpRequest, pk: int) -> Voorziening:
    """A home this person manages; anything else is a 404."""
    voorziening = get_object_or_404(
        Voorziening.objects.managed_by(request.user).select_related("aanbieder"), pk=pk
    )
    if not rules.has_perm("voorzieningen.beheer_voorziening", request.user, voorziening):
        raise Http404
    return voorziening


def _get_plaatsing_for_user(request: HttpRequest, pk: int, plaatsing_pk: int) -> Plaatsing:
    voorziening = _get_managed_voorziening_for_user(request, pk)
    plaatsing = get_object_or_404(voorziening.plaatsingen, pk=plaatsing_pk)
    # A resident placed through the portal is a youth with a record, logged under its id;
    # one registered directly has none: logged for the home (the path names the resident).
    log_inzage(
        request,
        jongere=plaatsing.jongere_id,
        actie=actie_voor(request),
        soort=Soort.BEWONER,
        doel=Doel.ZORG,
        voorziening=voorziening,
    )
    plaatsing.voorziening = voorziening
    return plaatsing


def _log_bewoners(request: HttpRequest, voorziening: Voorziening, plaatsingen: Any) -> None:
    """A page listing residents (with their signals): one entry per resident with a record,
    and one for the home when it shows residents registered directly (they have no id)."""
    rijen = list(plaatsingen)
    log_inzage_lijst(
        request,
        jongeren=[p.jongere_id for p in rijen if p.jongere_id is not None],
        actie=Actie.READ,
        soort=Soort.BEWONER,
        doel=Doel.ZORG,
        voorziening=voorziening,
    )
    if any(p.jongere_id is None for p in rijen):
        log_inzage(
            request,
            jongere=None,
            actie=Actie.READ,
            soort=Soort.BEWONER,
            doel=Doel.ZORG,
            voorziening=voorziening,
        )


def _get_teamlid_for_user(request: HttpRequest, pk: int, teamlid_pk: int) -> Teamlid:
    voorziening = _get_managed_voorziening_for_user(request, pk)
    teamlid = get_object_or_404(voorziening.teamleden, pk=teamlid_pk)
    teamlid.voorziening = voorziening
    return teamlid


def _get_vacature_for_user(request: HttpRequest, pk: int, vacature_pk: int) -> Vacature:
    voorziening = _get_managed_voorziening_for_user(request, pk)
    vacature = get_object_or_404(voorziening.vacatures, pk=vacature_pk)
    vacature.voorziening = voorziening
    return vacature


# --- The manager's dashboard --------------------------------------------------------------


def _vacatures_in_gebruik() -> Prefetch[Any]:
    return Prefetch(
        "vacatures",
        queryset=Vacature.objects.in_gebruik().order_by("beschikbaar_vanaf", "pk"),
        to_attr="vacatures_in_gebruik_lijst",
    )


@permission_required("voorzieningen.beheer_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    """My homes at a glance: occupancy, vacancies with their age, what needs attention."""
    user = user_of(request)
    now = timezone.now()
    woningen = (
        Voorziening.objects.managed_by(user)
        .select_related("aanbieder", "groepsbeeld_opgeslagen")
        .prefetch_related(_vacatures_in_gebruik())
        .order_by("naam")
    )
    pagina = paginering.pagina(request, woningen, WONINGEN_PER_PAGINA)
    # Proposals waiting for this manager's answer, shown on each home's card.
    wachtend = haken.wachtende_voorstellen.roep(user)
    for woning in pagina:
        woning.wachtende_voorstellen = wachtend.get(woning.pk, [])
    # A plain subquery of ids: the cards' ordering and joins make PostgreSQL's plan far worse.
    te_bevestigen = Vacature.objects.filter(
        voorziening__in=Voorziening.objects.managed_by(user).values("pk")
    ).te_bevestigen(now)
    # The homes to visit, so the prompt links straight to them (they may be on another page).
    # Only name and id: not the cards' joins, prefetch and DISTINCT over every column.
    te_bevestigen_woningen = (
        Voorziening.objects.managed_by(user)
        .filter(Exists(te_bevestigen.filter(voorziening=OuterRef("pk"))))
        .order_by("naam")
        .values("pk", "naam")
    )
    return render(
        request,
        "voorzieningen/dashboard.html",
        {
            "pagina": pagina,
            "te_bevestigen": te_bevestigen.count(),
            "te_bevestigen_woningen": te_bevestigen_woningen,
            "bevestig_dagen": vacature_bevestig_dagen(),
            "now": now,
            "vandaag": timezone.localdate(),
        },
    )


@permission_required("voorzieningen.beheer_dashboard")
def nieuw(request: HttpRequest) -> HttpResponse:
    """A manager adds a home of their own provider."""
    user = user_of(request)
    voorziening = Voorziening(aanbieder=user.organisatie)
    return _profiel(request, voorziening, nieuw=True)


# --- One home: the manager's page ---------------------------------------------------------


@permission_required("voorzieningen.beheer")
def beheer(request: HttpRequest, pk: int) -> HttpResponse:
    voorziening = _get_managed_voorziening_for_user(request, pk)
    vandaag = timezone.localdate()
    now = timezone.now()
    bewoners = list(voorziening.plaatsingen.lopend().order_by("aankomst", "pk"))
    _log_bewoners(request, voorziening, bewoners)
    vacatures = voorziening.vacatures.in_gebruik().order_by("beschikbaar_vanaf", "pk")
    return render(
        request,
        "voorzieningen/beheer.html",
        {
            "voorziening": voorziening,
            "bewoners": bewoners,
            "vacatures": vacatures,
            "vrij_zonder_vacature": max(voorziening.vrije_plaatsen - len(vacatures), 0),
            "team_grootte": voorziening.team_grootte(vandaag),
            "verloop_procent": round(voorziening.verloop_12m(vandaag) * 100),
            "samenstelling": voorziening.samenstelling(vandaag),
            "groepsrisico_redenen": _groepsrisico_redenen(voorziening, user_of(request)),
            "vertrokken": voorziening.plaatsingen.filter(einde__isnull=False).count(),
            "bevestig_dagen": vacature_bevestig_dagen(),
            # The admin keeps a home's data but does not read a youth's stay.
            "mag_verblijf": rules.has_perm("voorzieningen.verblijf", request.user),
            "norm": JONGEREN_PER_MEDEWERKER,
            "now": now,
            "vandaag": vandaag,
        },
    )


@permission_required("voorzieningen.beheer")
def profiel(request: HttpRequest, pk: int) -> HttpResponse:
    return _profiel(request, _get_managed_voorziening_for_user(request, pk), nieuw=False)


# A profile with every photo slot filled stays under this; anything larger is refused before
# the upload is read (the photos' own limit is checked per file, with its own message).
PROFIEL_MAX_BYTES = (FOTOS_PER_WONING + 1) * FOTO_MAX_BYTES


def _profiel(request: HttpRequest, voorziening: Voorziening, *, nieuw: bool) -> HttpResponse:
    user = user_of(request)
    if request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > (
        PROFIEL_MAX_BYTES
    ):
        messages.error(
            request,
            _(
                "Er is te veel tegelijk verstuurd. Voeg minder of kleinere foto's tegelijk toe "
                "(hoogstens 8 MB per foto). Er is niets opgeslagen."
            ),
        )
        return redirect(request.path)
    data = request.POST if request.method == "POST" else None
    bestanden = request.FILES if request.method == "POST" else None
    form = VoorzieningForm(data, instance=voorziening)
    onderwijs = OnderwijsFormSet(data, instance=voorziening, prefix="onderwijs")
    partners = BehandelpartnerFormSet(data, instance=voorziening, prefix="partners")
    regels = ToelatingsregelFormSet(data, instance=voorziening, prefix="regels")
    fotos = FotoFormSet(data, bestanden, instance=voorziening, prefix="fotos")
    if form.is_bound and form.is_valid():
        # The rule against closed-care authorisations depends on the home as edited now.
        regels.woning_gesloten = form.cleaned_data["gesloten"]  # type: ignore[attr-defined]
    formsets = (onderwijs, partners, regels, fotos)
    if request.method == "POST" and all(
        [form.is_valid(), *(formset.is_valid() for formset in formsets)]
    ):
        try:
            bewaard = services.bewaar_voorziening_met(
                voorziening=form.save(commit=False),
                door=user,
                aanbod=form.cleaned_data["aanbod"],
                bijlagen=formsets,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if form.geocode_label and {"postcode", "plaats"} & set(form.changed_data):
                messages.info(
                    request,
                    _("De ligging is opgezocht bij de postcode: %(plaats)s.")
                    % {"plaats": form.geocode_label},
                )
            if any(
                schoon is not None and schoon.metadata_verwijderd
                for schoon in (getattr(f, "schoon", None) for f in fotos)
            ):
                messages.info(
                    request,
                    _(
                        "Uit de foto zijn verborgen gegevens gehaald, zoals waar en wanneer hij "
                        "is gemaakt. Alleen het beeld zelf is bewaard."
                    ),
                )
            messages.success(
                request, _("Het profiel van %(naam)s is opgeslagen.") % {"naam": bewaard.naam}
            )
            return redirect("voorzieningen:beheer", pk=bewaard.pk)
    return render(
        request,
        "voorzieningen/profiel.html",
        {
            "voorziening": voorziening,
            "form": form,
            "onderwijs": onderwijs,
            "partners": partners,
            "regels": regels,
            "fotos": fotos,
            "nieuw": nieuw,
            # Show the coordinate fields open when they are needed or already in use.
            "coordinaten_open": form.coordinaten_nodig
            or bool(form.errors.get("lat") or form.errors.get("lon")),
        },
    )


# --- Photos -------------------------------------------------------------------------------


def foto_zichtbaar(user: User, voorziening_pk: int) -> bool:
    """Who may see a home's photos: whoever may look at the home (coordinators, its managers,
    admins), and the youth and parents of a proposal to it."""
    if Voorziening.objects.for_user(user).filter(pk=voorziening_pk).exists():
        return True
    return haken.heeft_voorstel_naar.roep(user, voorziening_pk)


def foto(request: HttpRequest, pk: int, foto_pk: int) -> HttpResponse:
    """One photo of a home, for signed-in people who may see the home; never public."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not foto_zichtbaar(user_of(request), pk):
        raise Http404
    item = get_object_or_404(FotoWoning.objects.only("inhoud"), voorziening_id=pk, pk=foto_pk)
    response = HttpResponse(bytes(item.inhoud), content_type="image/jpeg")
    # Kept by this browser only: no shared cache may keep a photo that needs a login.
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- Team ---------------------------------------------------------------------------------


@permission_required("voorzieningen.beheer")
def team(request: HttpRequest, pk: int) -> HttpResponse:
    """The team: summary, current members, an add form and former members."""
    voorziening = _get_managed_voorziening_for_user(request, pk)
    vandaag = timezone.localdate()
    form = TeamlidForm(
        request.POST if request.method == "POST" else None,
        instance=Teamlid(voorziening=voorziening),
        initial={"begindatum": vandaag},
    )
    if request.method == "POST" and form.is_valid():
        teamlid = form.save()
        messages.success(request, _("%(naam)s staat nu in het team.") % {"naam": teamlid.naam})
        return redirect("voorzieningen:team", pk=voorziening.pk)
    leden = voorziening.teamleden.prefetch_related("competenties")
    huidig = leden.exclude(einddatum__isnull=False, einddatum__lte=vandaag).order_by(
        "begindatum", "naam"
    )
    oud = leden.filter(einddatum__lte=vandaag).order_by("-einddatum", "naam")
    return render(
        request,
        "voorzieningen/team.html",
        {
            "voorziening": voorziening,
            "huidig": huidig,
            "oud": paginering.pagina(request, oud, PER_PAGINA),
            "form": form,
            "team_grootte": voorziening.team_grootte(vandaag),
            "verloop_procent": round(voorziening.verloop_12m(vandaag) * 100),
            "norm": JONGEREN_PER_MEDEWERKER,
            "vandaag": vandaag,
        },
    )


@permission_required("voorzieningen.beheer")
def teamlid(request: HttpRequest, pk: int, teamlid_pk: int) -> HttpResponse:
    lid = _get_teamlid_for_user(request, pk, teamlid_pk)
    form = TeamlidForm(request.POST if request.method == "POST" else None, instance=lid)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("De gegevens van %(naam)s zijn opgeslagen.") % {"naam": lid.naam}
        )
        return redirect("voorzieningen:team", pk=pk)
    return render(
        request,
        "voorzieningen/teamlid.html",
        {"voorziening": lid.voorziening, "teamlid": lid, "form": form},
    )


@permission_required("voorzieningen.beheer")
def teamlid_einde(request: HttpRequest, pk: int, teamlid_pk: int) -> HttpResponse:
    lid = _get_teamlid_for_user(request, pk, teamlid_pk)
    form = TeamlidEindeForm(
        request.POST if request.method == "POST" else None,
        teamlid=lid,
        initial={"einddatum": lid.einddatum or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        lid.einddatum = form.cleaned_data["einddatum"]
        lid.save(update_fields=["einddatum"])
        messages.success(
            request,
            _("%(naam)s gaat uit het team op %(datum)s.")
            % {"naam": lid.naam, "datum": opmaak.datum(lid.einddatum)},
        )
        return redirect("voorzieningen:team", pk=pk)
    return render(
        request,
        "voorzieningen/teamlid_einde.html",
        {"voorziening": lid.voorziening, "teamlid": lid, "form": form},
    )


# --- Residents ----------------------------------------------------------------------------


@permission_required("voorzieningen.beheer")
def aankomst(request: HttpRequest, pk: int) -> HttpResponse:
    voorziening = _get_managed_voorziening_for_user(request, pk)
    vacature_pk = request.GET.get("vacature")
    form = AankomstForm(
        request.POST if request.method == "POST" else None,
        voorziening=voorziening,
        initial={"aankomst": timezone.localdate(), "vacature": vacature_pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registreer_aankomst(
                voorziening=voorziening,
                door=user_of(request),
                aanduiding=data["aanduiding"],
                geboortemaand=data["geboortemaand"],
                geslacht=data["geslacht"],
                zorgprofiel=data["zorgprofiel"],
                zorgintensiteit=data["zorgintensiteit"],
                signalen=data["signalen"],
                aankomst=data["aankomst"],
                geplande_einde=data["geplande_einde"],
                vacature=data.get("vacature"),
            )
        except ValidationError as error:
            # Also when another request took the last place between form and save.
            _fouten_naar_form(form, error)
        else:
            messages.success(
                request,
                _("De aankomst is geregistreerd. Er wonen nu %(aantal)s van de %(max)s jongeren.")
                % {"aantal": voorziening.bewoners_aantal, "max": voorziening.max_bewoners},
            )
            return redirect("voorzieningen:beheer", pk=voorziening.pk)
    return render(
        request, "voorzieningen/aankomst.html", {"voorziening": voorziening, "form": form}
    )


def _fouten_naar_form(form: Any, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field if it has one here."""
    if hasattr(error, "error_dict"):
        for veld, fouten in error.error_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, error)


@permission_required("voorzieningen.beheer")
def bewoner(request: HttpRequest, pk: int, plaatsing_pk: int) -> HttpResponse:
    """Change a current resident's profile (a change to the group is announced)."""
    plaatsing = _get_plaatsing_for_user(request, pk, plaatsing_pk)
    if plaatsing.einde is not None:
        messages.error(request, _("Deze bewoner is vertrokken; het profiel ligt vast."))
        return redirect("voorzieningen:bewoners", pk=pk)
    form = BewonerProfielForm(
        request.POST if request.method == "POST" else None,
        aankomst=plaatsing.aankomst,
        initial={
            "aanduiding": plaatsing.aanduiding,
            "geboortemaand": plaatsing.geboortemaand,
            "geslacht": plaatsing.geslacht,
            "zorgprofiel": plaatsing.zorgprofiel,
            "zorgintensiteit": plaatsing.zorgintensiteit,
            "signalen": plaatsing.signalen,
            "geplande_einde": plaatsing.geplande_einde,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.wijzig_bewonersprofiel(
                plaatsing=plaatsing, door=user_of(request), **form.cleaned_data
            )
        except ValidationError as error:
            _fouten_naar_form(form, error)
        else:
            messages.success(request, _("Het profiel van de bewoner is opgeslagen."))
            return redirect("voorzieningen:beheer", pk=pk)
    return render(
        request,
        "voorzieningen/bewoner.html",
        {"voorziening": plaatsing.voorziening, "plaatsing": plaatsing, "form": form},
    )


@permission_required("voorzieningen.beheer")
def vertrek(request: HttpRequest, pk: int, plaatsing_pk: int) -> HttpResponse:
    plaatsing = _get_plaatsing_for_user(request, pk, plaatsing_pk)
    if plaatsing.einde is not None:
        messages.error(request, _("Het vertrek van deze bewoner is al geregistreerd."))
        return redirect("voorzieningen:beheer", pk=pk)
    form = VertrekForm(
        request.POST if request.method == "POST" else None,
        plaatsing=plaatsing,
        initial={"einde": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registreer_vertrek(
                plaatsing=plaatsing,
                door=user_of(request),
                einde=data["einde"],
                eindreden=data["eindreden"],
                opzegtermijn_dagen=data["opzegtermijn_dagen"],
                toelichting=data["toelichting"],
                vacature_vanaf=timezone.localdate() if data["vacature_openzetten"] else None,
            )
        except ValidationError as error:
            _fouten_naar_form(form, error)
        else:
            melding = _("Het vertrek is geregistreerd.")
            if data["vacature_openzetten"]:
                melding += " " + _("De vrije plek staat open als vacature.")
            messages.success(request, melding)
            return redirect("voorzieningen:beheer", pk=pk)
    return render(
        request,
        "voorzieningen/vertrek.html",
        {"voorziening": plaatsing.voorziening, "plaatsing": plaatsing, "form": form},
    )


@permission_required("voorzieningen.beheer")
def bewoners(request: HttpRequest, pk: int) -> HttpResponse:
    """Former residents: how long stays lasted and why they ended."""
    voorziening = _get_managed_voorziening_for_user(request, pk)
    vertrokken = voorziening.plaatsingen.filter(einde__isnull=False).order_by("-einde", "-pk")
    pagina = paginering.pagina(request, vertrokken, PER_PAGINA)
    _log_bewoners(request, voorziening, pagina)
    return render(
        request, "voorzieningen/bewoners.html", {"voorziening": voorziening, "pagina": pagina}
    )


# --- Vacancies ------------------------------------------------------------------------------


@permission_required("voorzieningen.beheer")
def vacature_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    voorziening = _get_managed_voorziening_for_user(request, pk)
    vandaag = timezone.localdate()
    standaard = max(vandaag, voorziening.opent_op) if voorziening.opent_op else vandaag
    form = VacatureForm(
        request.POST if request.method == "POST" else None,
        voorziening=voorziening,
        initial={"beschikbaar_vanaf": standaard},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.publiceer_vacature(
                voorziening=voorziening,
                door=user_of(request),
                beschikbaar_vanaf=form.cleaned_data["beschikbaar_vanaf"],
            )
        except ValidationError as error:
            _fouten_naar_form(form, error)
        else:
            messages.success(request, _("De vacature staat open."))
            return redirect("voorzieningen:beheer", pk=pk)
    return render(
        request,
        "voorzieningen/vacature_nieuw.html",
        {
            "voorziening": voorziening,
            "form": form,
            "in_gebruik": voorziening.vacatures_in_gebruik(),
        },
    )


@require_POST
@permission_required("voorzieningen.beheer")
def vacature_bevestigen(request: HtmxHttpRequest, pk: int, vacature_pk: int) -> HttpResponse:
    """Confirm a vacancy; with htmx the vacancy's line is replaced in place."""
    vacature = _get_vacature_for_user(request, pk, vacature_pk)
    try:
        vacature = services.bevestig_vacature(vacature=vacature, door=user_of(request))
    except ValidationError as error:
        melding, gelukt = " ".join(error.messages), False
    else:
        melding, gelukt = _("Bevestigd: de plek is nog vrij."), True
    if request.htmx:
        return render(
            request,
            "voorzieningen/beheer.html#vacature",
            {
                "vacature": vacature,
                "voorziening": vacature.voorziening,
                "melding": melding,
                "gelukt": gelukt,
                "now": timezone.now(),
                "bevestig_dagen": vacature_bevestig_dagen(),
                "volgende": request.POST.get("volgende", ""),
            },
        )
    (messages.success if gelukt else messages.error)(request, melding)
    return _terug(request, reverse("voorzieningen:beheer", args=[pk]))


@permission_required("voorzieningen.beheer")
def vacature_intrekken(request: HttpRequest, pk: int, vacature_pk: int) -> HttpResponse:
    """Ask before withdrawing; withdrawing cannot be undone (publish a new one instead)."""
    vacature = _get_vacature_for_user(request, pk, vacature_pk)
    if request.method == "POST":
        try:
            services.trek_vacature_in(vacature=vacature, door=user_of(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De vacature is ingetrokken."))
        return _terug(request, reverse("voorzieningen:beheer", args=[pk]))
    return render(
        request,
        "voorzieningen/vacature_intrekken.html",
        {
            "voorziening": vacature.voorziening,
            "vacature": vacature,
            "volgende": request.GET.get("volgende", ""),
        },
    )


# --- The coordinator's side -----------------------------------------------------------------


@permission_required("voorzieningen.zoek_voorzieningen")
def lijst(request: HtmxHttpRequest) -> HttpResponse:
    """All homes, filtered by place, setting and open vacancies; htmx refreshes the results."""
    now = timezone.now()
    form = ZoekForm(request.GET or None)
    woningen: QuerySet[Voorziening] = (
        Voorziening.objects.for_user(request.user)
        .select_related("aanbieder")
        .met_zichtbare_vacatures(now)
        .order_by("provincie", "plaats", "naam")
    )
    if form.is_valid():
        woningen = form.filter(woningen, now)
    elif form.is_bound:
        woningen = woningen.none()
    pagina = paginering.pagina(request, woningen, PER_PAGINA)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "form": form,
        "pagina": pagina,
        "query": query.urlencode(),
        "vandaag": timezone.localdate(),
    }
    template = "voorzieningen/lijst.html"
    if request.htmx and request.htmx.target == "resultaten":
        template += "#resultaten"
    return render(request, template, context)


@permission_required("voorzieningen.bekijk_voorziening")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A home as a coordinator sees it: profile, team summary, vacancies, group picture.

    Nothing here names or describes an individual resident, and no attention signal is
    shown: only counts, the age range and the mix.
    """
    voorziening = _get_voorziening_for_user(request, pk)
    vandaag = timezone.localdate()
    now = timezone.now()
    mag_beheren = rules.has_perm("voorzieningen.beheer_voorziening", request.user, voorziening)
    groepsrisico_redenen = _groepsrisico_redenen(voorziening, user_of(request))
    if mag_beheren and user_of(request).is_beheerder and groepsrisico_redenen:
        # The home's own managers read the group risk naming their residents' signals.
        _log_bewoners(request, voorziening, voorziening.plaatsingen.lopend())
    competenties: dict[str, int] = {}
    for lid in voorziening.teamleden.actief(vandaag).prefetch_related("competenties"):
        for kenmerk in lid.competenties.all():
            competenties[kenmerk.naam] = competenties.get(kenmerk.naam, 0) + 1
    return render(
        request,
        "voorzieningen/detail.html",
        {
            "voorziening": voorziening,
            "aanbod": voorziening.aanbod.all(),
            "fotos": voorziening.fotos.only("pk", "beschrijving", "breedte", "hoogte"),
            "vacatures": voorziening.vacatures.zichtbaar(now).order_by("beschikbaar_vanaf"),
            "samenstelling": voorziening.samenstelling(vandaag),
            "team_grootte": voorziening.team_grootte(vandaag),
            "verloop_procent": round(voorziening.verloop_12m(vandaag) * 100),
            "ervaring": _gemiddelde_ervaring(voorziening, vandaag),
            "competenties": sorted(competenties.items(), key=lambda item: (-item[1], item[0])),
            "mag_beheren": mag_beheren,
            "groepsrisico_redenen": groepsrisico_redenen,
            "norm": JONGEREN_PER_MEDEWERKER,
            "now": now,
            "vandaag": vandaag,
        },
    )


def _groepsrisico_redenen(voorziening: Voorziening, user: User) -> list[str]:
    """The stored group risk's reasons in this reader's version: naming residents' signals
    only for the home's own managers."""
    beeld = getattr(voorziening, "groepsbeeld_opgeslagen", None)
    return list(beeld.redenen_voor(publiek_voor(user))) if beeld is not None else []


def _gemiddelde_ervaring(voorziening: Voorziening, op: dt.date) -> float | None:
    jaren = list(voorziening.teamleden.actief(op).values_list("jaren_ervaring", flat=True))
    return sum(jaren) / len(jaren) if jaren else None


@permission_required("voorzieningen.beheer")
def nieuwe_bewoner(request: HttpRequest, pk: int) -> HttpResponse:
    """For a home's own manager: what would this candidate mean for each current resident?"""
    voorziening = get_object_or_404(Voorziening.objects.managed_by(request.user), pk=pk)
    form = KandidaatForm(request.GET or None)
    context: dict[str, Any] = {"voorziening": voorziening, "form": form}
    if form.is_bound and form.is_valid():
        # The manager types this candidate in themselves: their own reading of their group.
        result, gevolgen = haken.gevolgen_per_bewoner.roep(
            voorziening.pk, form.kandidaat(timezone.localdate()), user_of(request)
        )
        context.update(result=result, gevolgen=gevolgen)
        # The answer goes through each current resident's profile and signals.
        _log_bewoners(request, voorziening, voorziening.plaatsingen.lopend())
    return render(request, "voorzieningen/nieuwe_bewoner.html", context)


# --- A youth's stay: perspective, mentor, transition checklist ------------------------------


def _verblijf_voor(request: HttpRequest, plaatsing_pk: int) -> tuple[Plaatsing, verblijf.Rol]:
    """The stay and how the asker stands to it; anyone else gets a 404 (never a hint that
    it exists) and a refusal in the access log. Every read or change is logged."""
    plaatsing = (
        Plaatsing.objects.select_related("voorziening", "jongere", "mentor")
        .filter(pk=plaatsing_pk)
        .first()
    )
    rol = verblijf.rol_bij(user_of(request), plaatsing) if plaatsing is not None else None
    if plaatsing is None or rol is None:
        log_geweigerd(
            request, jongere=plaatsing.jongere_id if plaatsing else None, soort=Soort.BEWONER
        )
        raise Http404
    log_inzage(
        request,
        jongere=plaatsing.jongere_id,
        actie=actie_voor(request),
        soort=Soort.BEWONER,
        doel=standaard_doel(request),
        voorziening=plaatsing.voorziening if rol == verblijf.Rol.BEHEERDER else None,
    )
    return plaatsing, rol


def _verblijf_context(plaatsing: Plaatsing, rol: verblijf.Rol) -> dict[str, Any]:
    return {
        "plaatsing": plaatsing,
        "jongere": plaatsing.jongere,
        "rol": str(rol),
        "is_jongere": rol == verblijf.Rol.JONGERE,
        "is_gezin": rol in {verblijf.Rol.JONGERE, verblijf.Rol.OUDER},
    }


@permission_required("voorzieningen.verblijf")
def verblijf_detail(request: HttpRequest, plaatsing_pk: int) -> HttpResponse:
    """The stay for the youth (in "je"), a parent who reads the file, the coordinator and
    the home: where it is heading, the mentor, and from 17½ the transition checklist."""
    plaatsing, rol = _verblijf_voor(request, plaatsing_pk)
    perspectieven = list(plaatsing.perspectieven.select_related("door"))
    toon_overgang = plaatsing.overgang_nu() and rol != verblijf.Rol.OUDER
    return render(
        request,
        "voorzieningen/verblijf.html",
        _verblijf_context(plaatsing, rol)
        | {
            "perspectief": perspectieven[0] if perspectieven else None,
            "perspectief_gewoon": perspectief_in_gewone_woorden(
                perspectieven[0], plaatsing, jij=rol == verblijf.Rol.JONGERE
            )
            if perspectieven
            else "",
            "eerdere_perspectieven": perspectieven[1:],
            "mag_mentor_kiezen": verblijf.mag_mentor_kiezen(rol, plaatsing)
            and plaatsing.einde is None
            and plaatsing.aankomst <= timezone.localdate(),
            "toon_overgang": toon_overgang,
            "overgang_vanaf": plaatsing.overgang_vanaf(),
            "overgangslijst": plaatsing.overgangslijst() if toon_overgang else [],
        },
    )


def perspectief_in_gewone_woorden(
    perspectief: Perspectief, plaatsing: Plaatsing, *, jij: bool
) -> str:
    """Where the stay is heading, in plain words for the youth (jij) or a parent."""
    naam = plaatsing.jongere.roepnaam if plaatsing.jongere else ""
    R = Perspectief.Richting
    if jij:
        teksten = {
            R.THUIS: _("Het plan is dat je weer thuis gaat wonen."),
            R.PLEEGGEZIN: _("Het plan is dat je bij een pleeggezin gaat wonen."),
            R.ZELFSTANDIG: _("Het plan is dat je zelfstandig gaat wonen."),
            R.ANDERE_ZORG: _("Het plan is dat je een andere vorm van hulp krijgt."),
        }
        return str(teksten[R(perspectief.richting)])
    teksten = {
        R.THUIS: _("Het plan is dat %(naam)s weer thuis gaat wonen."),
        R.PLEEGGEZIN: _("Het plan is dat %(naam)s bij een pleeggezin gaat wonen."),
        R.ZELFSTANDIG: _("Het plan is dat %(naam)s zelfstandig gaat wonen."),
        R.ANDERE_ZORG: _("Het plan is dat %(naam)s een andere vorm van hulp krijgt."),
    }
    return str(teksten[R(perspectief.richting)]) % {"naam": naam}


@permission_required("voorzieningen.verblijf")
def verblijf_mentor(request: HttpRequest, plaatsing_pk: int) -> HttpResponse:
    """The youth chooses a mentor from the home's team, or changes the choice; the
    coordinator records it for a youth without an account."""
    plaatsing, rol = _verblijf_voor(request, plaatsing_pk)
    if not verblijf.mag_mentor_kiezen(rol, plaatsing):
        raise PermissionDenied
    if plaatsing.einde is not None or plaatsing.aankomst > timezone.localdate():
        messages.info(request, _("Een mentor kies je na de aankomst, tijdens het verblijf."))
        return redirect("voorzieningen:verblijf", plaatsing_pk=plaatsing.pk)
    kandidaten = verblijf.mentorkandidaten(plaatsing)
    form = MentorForm(
        request.POST if request.method == "POST" else None,
        kandidaten=kandidaten,
        initial={"mentor": plaatsing.mentor_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            verblijf.kies_mentor(
                plaatsing=plaatsing, door=user_of(request), teamlid=form.cleaned_data["mentor"]
            )
        except ValidationError as error:
            _fouten_naar_form(form, error)
        else:
            messages.success(
                request,
                _("Opgeslagen. %(naam)s is je mentor.") % {"naam": form.cleaned_data["mentor"].naam}
                if rol == verblijf.Rol.JONGERE
                else _("De mentorkeuze is vastgelegd."),
            )
            return redirect("voorzieningen:verblijf", plaatsing_pk=plaatsing.pk)
    return render(
        request,
        "voorzieningen/verblijf_mentor.html",
        _verblijf_context(plaatsing, rol) | {"form": form, "kandidaten": kandidaten},
    )


@permission_required("voorzieningen.verblijf")
def verblijf_overgang(request: HttpRequest, plaatsing_pk: int) -> HttpResponse:
    """Keep the transition checklist up (the youth, the coordinator, the home)."""
    plaatsing, rol = _verblijf_voor(request, plaatsing_pk)
    if rol not in verblijf.BIJHOUDERS:
        raise PermissionDenied
    if not plaatsing.overgang_nu():
        messages.info(
            request,
            _("De overgangslijst begint op %(datum)s, als de jongere 17½ is.")
            % {"datum": formats.date_format(plaatsing.overgang_vanaf(), "j F Y")}
            if plaatsing.einde is None
            else _("Dit verblijf is voorbij."),
        )
        return redirect("voorzieningen:verblijf", plaatsing_pk=plaatsing.pk)
    data = request.POST if request.method == "POST" else None
    forms_ = [OvergangspuntForm(data, punt=punt) for punt in plaatsing.overgangslijst()]
    if request.method == "POST" and all(f.is_valid() for f in forms_):
        try:
            gewijzigd = verblijf.bewaar_overgang(
                plaatsing=plaatsing,
                door=user_of(request),
                punten={
                    f.punt.onderwerp: (f.cleaned_data["status"], f.cleaned_data["notitie"])
                    for f in forms_
                },
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if gewijzigd:
                messages.success(request, _("De overgangslijst is opgeslagen."))
            else:
                messages.info(request, _("Er is niets veranderd."))
            return redirect("voorzieningen:verblijf", plaatsing_pk=plaatsing.pk)
    return render(
        request,
        "voorzieningen/verblijf_overgang.html",
        _verblijf_context(plaatsing, rol) | {"forms": forms_},
    )
