"""The placement table's pages: the regional picture (with CSV), the joint allocation
proposal, and the outcomes that calibrate the score.

Coordinators see their own region, admins choose one (`plaatsingstafel.regio.regio_voor`). The
picture and the outcomes are counts only; the allocation names youths, so it logs each
youth it shows. The allocation is advice: nothing is sent, each proposed home links to the
normal proposal page. It is computed in the background (`plaatsingstafel.verdeling`): the form
starts it, its own page follows it and shows the result.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from accounts.models import Regio, User
from jongeren.models import Jongere
from kern.grafieken import Grafiek, Lijngrafiek, getal, grafiek, lijngrafiek
from kern.http import HtmxHttpRequest, user_of
from kern.inzage import Actie, Doel, Soort, log_inzage_lijst
from matching.adapters import home_pk, home_ref
from plaatsingstafel.allocatie import Advies, Kandidaat, Toewijzing
from plaatsingstafel.escalatie import aantal_geescaleerd, casussen
from plaatsingstafel.forms import RegioKeuzeForm, ToewijzingForm
from plaatsingstafel.models import Verdeling, VerdelingStatus
from plaatsingstafel.regio import (
    BINNENKORT_DAGEN,
    Regiobeeld,
    VrijePlek,
    laad_regiodata,
    mag_regio_kiezen,
    regio_voor,
    regiobeeld,
    vrije_plekken,
)
from plaatsingstafel.stabiliteit import stabiliteit as bereken_stabiliteit
from plaatsingstafel.uitkomsten import kalibratie
from plaatsingstafel.verdeling import (
    advies_van,
    stop_verdeling,
    vastgelopen_voor,
    vraag_verdeling,
)
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening

# Geometry of the line chart (SVG user units; it scales with its box).


def _gekozen_regio(request: HttpRequest) -> tuple[Regio | None, RegioKeuzeForm | None]:
    user = user_of(request)
    if not mag_regio_kiezen(user):
        return regio_voor(user, None), None
    form = RegioKeuzeForm(request.GET or None)
    gevraagd = None
    if form.is_bound and form.is_valid() and form.cleaned_data["regio"] is not None:
        gevraagd = form.cleaned_data["regio"].pk
    regio = regio_voor(user, gevraagd)
    if not form.is_bound:
        form = RegioKeuzeForm(initial={"regio": regio})
    return regio, form


def _grafieken(beeld: Regiobeeld) -> dict[str, Grafiek | Lijngrafiek]:
    def plekken_tekst(nu: int, later: int) -> str:
        # Short, so it fits next to the longest bar; the table has both figures apart.
        return _("%(totaal)s (%(nu)s nu)") % {"totaal": getal(nu + later), "nu": getal(nu)}

    return {
        "soort_grafiek": grafiek(
            _("Vrije plekken per soort woning (nu en binnen 60 dagen)"),
            [
                (r.label, r.nu + r.binnenkort, plekken_tekst(r.nu, r.binnenkort))
                for r in beeld.per_soort
            ],
            _("Vrije plekken, nu en binnen 60 dagen"),
        ),
        "leeftijd_grafiek": grafiek(
            _("Vrije plekken per leeftijdsgroep van de woning (nu en binnen 60 dagen)"),
            [
                (r.label, r.nu + r.binnenkort, plekken_tekst(r.nu, r.binnenkort))
                for r in beeld.per_leeftijd
            ],
            _("Vrije plekken, nu en binnen 60 dagen"),
        ),
        "wacht_grafiek": grafiek(
            _("Wachtende jongeren naar wachttijd"),
            [(label, aantal, getal(aantal)) for label, aantal in beeld.per_wachttijd]
            if beeld.wachtend
            else [],
            _("Wachtende jongeren"),
        ),
        "status_grafiek": grafiek(
            _("Lopende voorstellen per stap"),
            [(label, aantal, getal(aantal)) for label, aantal in beeld.per_status],
            _("Lopende voorstellen"),
        ),
        "antwoord_grafiek": grafiek(
            _("Mediane antwoordtijd per zorgaanbieder (uren)"),
            [
                (naam, uren, _("%(uren)s u") % {"uren": getal(uren, 1)})
                for naam, uren, _n, _pct in beeld.antwoorden
            ],
            _("Mediane antwoordtijd in uren"),
        ),
        "trend_grafiek": lijngrafiek(
            _("Per maand, de afgelopen 12 maanden"),
            [m.label for m in beeld.trend],
            [
                (_("Nieuwe vrije plekken"), [m.vacatures for m in beeld.trend]),
                (_("Gestarte verblijven"), [m.plaatsingen for m in beeld.trend]),
                (_("Aangemelde jongeren"), [m.aanmeldingen for m in beeld.trend]),
            ],
        ),
    }


# --- The regional picture ----------------------------------------------------------------


@permission_required("plaatsingstafel.regio")
def regio(request: HttpRequest) -> HttpResponse:
    gekozen, form = _gekozen_regio(request)
    context: dict[str, object] = {"regio": gekozen, "form": form}
    if gekozen is not None:
        beeld = regiobeeld(gekozen)
        context["beeld"] = beeld
        context["geescaleerd"] = aantal_geescaleerd(gekozen)
        context.update(_grafieken(beeld))
    return render(request, "plaatsingstafel/beeld.html", context)


# --- The region's expert table -----------------------------------------------------------


@permission_required("plaatsingstafel.expertteam")
def expertteam(request: HttpRequest) -> HttpResponse:
    """The escalated cases of the expert team's own region (an admin chooses a region),
    each as a summary without name (`plaatsingstafel.escalatie`). Each case shown is logged."""
    gekozen, form = _gekozen_regio(request)
    context: dict[str, object] = {"regio": gekozen, "form": form}
    if gekozen is not None:
        lijst = casussen(gekozen)
        context["casussen"] = lijst
        log_inzage_lijst(
            request,
            jongeren=[casus.jongere_id for casus in lijst],
            actie=Actie.READ,
            soort=Soort.PROFIEL,
            doel=Doel.MATCHING,
        )
    return render(request, "plaatsingstafel/expertteam.html", context)


def _csv_veilig(waarde: object) -> object:
    """Names are typed by people: keep a spreadsheet from reading them as a formula."""
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + waarde
    return waarde


@permission_required("plaatsingstafel.regio")
def regio_csv(request: HttpRequest) -> HttpResponse:
    gekozen, _form = _gekozen_regio(request)
    naam = gekozen.naam if gekozen is not None else "geen-regio"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    bestand = f"regiobeeld-{naam.lower().replace(' ', '-')}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{bestand}"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("onderdeel"), _("omschrijving"), _("waarde"), _("toelichting")])
    if gekozen is None:
        return response
    beeld = regiobeeld(gekozen)

    def rij(*waarden: object) -> None:
        writer.writerow([_csv_veilig(w) for w in waarden])

    rij(_("regio"), _("naam"), gekozen.naam, "")
    rij(_("regio"), _("peildatum"), beeld.vandaag.isoformat(), "")
    rij(_("plekken"), _("woningen in de regio"), beeld.woningen, "")
    rij(_("plekken"), _("nu vrij"), beeld.plekken_nu, "")
    rij(_("plekken"), _("binnenkort vrij"), beeld.plekken_binnenkort, _("binnen 60 dagen"))
    rij(_("plekken"), _("gepland vertrek"), beeld.vertrek_gepland, _("binnen 60 dagen"))
    for r in beeld.per_soort:
        rij(_("plekken per soort"), r.label, r.nu, _("binnenkort: %(n)s") % {"n": r.binnenkort})
    for r in beeld.per_leeftijd:
        rij(_("plekken per leeftijd"), r.label, r.nu, _("binnenkort: %(n)s") % {"n": r.binnenkort})
    rij(_("jongeren"), _("wachtend"), beeld.wachtend, "")
    rij(_("jongeren"), _("plek nog niet nodig"), beeld.nog_niet_nodig, "")
    rij(_("jongeren"), _("mediane wachttijd (dagen)"), beeld.wacht_mediaan or "", "")
    for label, aantal in beeld.per_wachttijd:
        rij(_("wachttijd"), label, aantal, "")
    rij(_("voorstellen"), _("lopend"), beeld.voorstellen_open, "")
    for label, aantal in beeld.per_status:
        rij(_("voorstellen per stap"), label, aantal, "")
    for naam_aanbieder, uren, aantal, pct in beeld.antwoorden:
        rij(
            _("antwoordtijd (uren, mediaan)"),
            naam_aanbieder,
            uren,
            _("%(n)s voorstellen, %(pct)s op tijd") % {"n": aantal, "pct": pct},
        )
    for maand in beeld.trend:
        periode = maand.maand.strftime("%Y-%m")
        rij(_("trend: nieuwe vrije plekken"), periode, maand.vacatures, "")
        rij(_("trend: gestarte verblijven"), periode, maand.plaatsingen, "")
        rij(_("trend: aangemelde jongeren"), periode, maand.aanmeldingen, "")
        rij(_("trend: voortijdig beëindigd"), periode, maand.breuken, "")
    return response


# --- The vacancy feed ----------------------------------------------------------------------

VRIJE_PLEK_VELDEN = (
    "woning_id",
    "woning",
    "aanbieder",
    "plaats",
    "provincie",
    "omgeving",
    "gesloten",
    "leeftijd_min",
    "leeftijd_max",
    "vrij_vanaf",
    "nu_vrij",
    "laatst_bevestigd",
)


def _feed(request: HttpRequest) -> tuple[str, dt.date, list[VrijePlek]]:
    gekozen, _form = _gekozen_regio(request)
    vandaag = timezone.localdate()
    if gekozen is None:
        return "geen-regio", vandaag, []
    return gekozen.naam, vandaag, vrije_plekken(gekozen)


def _bestandsnaam(regio: str, vandaag: dt.date, extensie: str) -> str:
    return f"vrije-plekken-{regio.lower().replace(' ', '-')}-{vandaag:%Y-%m-%d}.{extensie}"


@permission_required("plaatsingstafel.regio")
def vrije_plekken_csv(request: HttpRequest) -> HttpResponse:
    """The region's free places, one row per vacancy: the places the regional picture counts.
    Homes and dates only; no person is in it."""
    regio, vandaag, plekken = _feed(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_bestandsnaam(regio, vandaag, "csv")}"'
    )
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(VRIJE_PLEK_VELDEN)
    for plek in plekken:
        writer.writerow(
            [
                _csv_veilig(waarde.isoformat() if isinstance(waarde, dt.date) else waarde)
                for waarde in (getattr(plek, veld) for veld in VRIJE_PLEK_VELDEN)
            ]
        )
    return response


@permission_required("plaatsingstafel.regio")
def vrije_plekken_json(request: HttpRequest) -> HttpResponse:
    """The same free places as JSON, with the totals the regional picture shows."""
    regio, vandaag, plekken = _feed(request)
    data = {
        "regio": regio,
        "peildatum": vandaag.isoformat(),
        "binnenkort_dagen": BINNENKORT_DAGEN,
        "plekken_nu": sum(1 for plek in plekken if plek.nu_vrij),
        "plekken_binnenkort": sum(1 for plek in plekken if not plek.nu_vrij),
        "plekken": [
            {
                veld: (waarde.isoformat() if isinstance(waarde, dt.date) else waarde)
                for veld, waarde in ((veld, getattr(plek, veld)) for veld in VRIJE_PLEK_VELDEN)
            }
            for plek in plekken
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="{_bestandsnaam(regio, vandaag, "json")}"'
    )
    return response


# --- The joint allocation ----------------------------------------------------------------


@dataclass(frozen=True)
class Alternatief:
    woning: Voorziening
    score: float
    bezet_door: Jongere | None


@dataclass(frozen=True)
class AdviesRij:
    jongere: Jongere
    toewijzing: Toewijzing
    woning: Voorziening | None
    alternatieven: list[Alternatief]
    samen_met: list[tuple[Jongere, float, tuple[str, ...]]]
    # The youth's running proposals: the table sees them before proposing again.
    lopend: list[Voorstel]

    @property
    def lopend_hier(self) -> Voorstel | None:
        """The running proposal to the advised home, if any: a second one is refused."""
        if self.woning is None:
            return None
        return next((v for v in self.lopend if v.voorziening_id == self.woning.pk), None)


def _adviesrijen(
    advies: Advies, jongeren: dict[str, Jongere], woningen: dict[str, Voorziening]
) -> list[AdviesRij]:
    """The advice per youth with names. A youth or home removed since the computation is
    left out (with a stored result, that can happen)."""
    bezet: dict[str, list[Jongere]] = {}
    for t in advies.toewijzingen:
        if t.kandidaat and t.youth.ref in jongeren:
            bezet.setdefault(t.kandidaat.home_ref, []).append(jongeren[t.youth.ref])

    def alternatief(k: Kandidaat) -> Alternatief:
        in_huis = bezet.get(k.home_ref) or []
        return Alternatief(woningen[k.home_ref], k.score, in_huis[0] if in_huis else None)

    lopend: dict[int, list[Voorstel]] = {}
    for voorstel in (
        Voorstel.objects.open()
        .filter(jongere__in=list(jongeren.values()))
        .select_related("voorziening")
        .order_by("pk")
    ):
        lopend.setdefault(voorstel.jongere_id, []).append(voorstel)

    rijen = []
    for t in advies.toewijzingen:
        if t.youth.ref not in jongeren or (t.kandidaat and t.kandidaat.home_ref not in woningen):
            continue
        rijen.append(
            AdviesRij(
                jongere=jongeren[t.youth.ref],
                toewijzing=t,
                woning=woningen[t.kandidaat.home_ref] if t.kandidaat else None,
                alternatieven=[alternatief(k) for k in t.alternatieven if k.home_ref in woningen],
                samen_met=[
                    (jongeren[e.ander_ref], e.punten, e.uitleg)
                    for e in t.samen_met
                    if e.ander_ref in jongeren
                ],
                lopend=lopend.get(jongeren[t.youth.ref].pk, []),
            )
        )
    # Placed youths first, in the table's usual order (who needs a place first).
    rijen.sort(key=lambda r: (r.woning is None, r.jongere.nodig_vanaf, r.jongere.roepnaam))
    return rijen


def _keuzes(verdeling: Verdeling | None) -> dict[str, object]:
    """The table's choices of an earlier computation, to start from on the form."""
    if verdeling is None:
        return {}
    invoer = verdeling.invoer
    keuzes: dict[str, object] = {
        "uitgesloten": list(invoer.get("uitgesloten", [])),
        "iedereen": bool(invoer.get("iedereen")),
    }
    for youth_ref, home_ref_ in invoer.get("vast", {}).items():
        keuzes[f"vast_{youth_ref}"] = home_ref_
    return keuzes


@permission_required("plaatsingstafel.regio")
def toewijzing(request: HttpRequest) -> HttpResponse:
    """The table's request: who waits, which homes; sending it starts the computation in the
    background and leads to its page (`verdeling`)."""
    gekozen, regio_form = _gekozen_regio(request)
    context: dict[str, object] = {"regio": gekozen, "regio_form": regio_form}
    if gekozen is None:
        return render(request, "plaatsingstafel/toewijzing.html", context)
    user = user_of(request)
    now = timezone.now()
    data = laad_regiodata(user, gekozen, now=now)
    eerder = None
    if (eerder_pk := request.GET.get("verdeling", "")).isdigit():
        eerder = _verdeling_voor(user, int(eerder_pk))
    form = ToewijzingForm(
        request.POST if request.method == "POST" else None,
        initial=_keuzes(eerder),
        jongeren=[(ref, j.roepnaam) for ref, j in data.jongeren.items()],
        woningen=[
            (
                ref,
                ngettext(
                    "%(naam)s (%(n)s plek vrij)",
                    "%(naam)s (%(n)s plekken vrij)",
                    data.capaciteit[ref],
                )
                % {"naam": woning.naam, "n": data.capaciteit[ref]},
            )
            for ref, woning in data.woningen.items()
        ],
    )
    context.update({"form": form, "data": data})
    log_inzage_lijst(
        request,
        jongeren=[j.pk for j in data.jongeren.values()],
        actie=Actie.READ,
        soort=Soort.PROFIEL,
        doel=Doel.MATCHING,
    )
    if request.method == "POST" and form.is_valid():
        verdeling, bestond = vraag_verdeling(
            door=user,
            regio=gekozen,
            verzoek=data.verzoek(
                today=timezone.localdate(now),
                vast=form.vast(),
                uitgesloten=frozenset(form.cleaned_data["uitgesloten"]),
                iedereen=form.cleaned_data["iedereen"],
            ),
            jongeren=data.jongeren.values(),
        )
        if bestond:
            messages.info(
                request,
                _("Met precies deze gegevens is al gerekend: je ziet die berekening."),
            )
        return redirect(verdeling)
    return render(request, "plaatsingstafel/toewijzing.html", context)


def _verdeling_voor(user: User, pk: int) -> Verdeling | None:
    """A computation this person may see: of a region they look at, about youths they may
    all see (a colleague organisation's youths make it someone else's)."""
    verdeling = Verdeling.objects.select_related("regio").filter(pk=pk).first()
    if verdeling is None or regio_voor(user, verdeling.regio_id) != verdeling.regio:
        return None
    zichtbaar = Jongere.objects.for_user(user).values("pk")
    if verdeling.jongeren.exclude(pk__in=zichtbaar).exists():
        return None
    return verdeling


def _get_verdeling_for_user(request: HttpRequest, pk: int) -> Verdeling:
    verdeling = _verdeling_voor(user_of(request), pk)
    if verdeling is None:
        raise Http404
    return verdeling


@permission_required("plaatsingstafel.regio")
def verdeling(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One computation: how far it is (the page asks again every second with htmx, or on a
    reload without JavaScript), then its advice."""
    gevraagd = _get_verdeling_for_user(request, pk)
    now = timezone.now()
    context: dict[str, object] = {
        "verdeling": gevraagd,
        "regio": gevraagd.regio,
        "regio_kiezen": mag_regio_kiezen(user_of(request)),
        "htmx": bool(request.htmx),
        "vastgelopen": gevraagd.loopt and gevraagd.aangemaakt_op < vastgelopen_voor(now),
        "wacht_seconden": round((now - gevraagd.aangemaakt_op).total_seconds()),
        "reken_seconden": (
            round((now - gevraagd.gestart_op).total_seconds()) if gevraagd.gestart_op else 0
        ),
        "tijdslimiet": gevraagd.invoer.get("tijdslimiet"),
    }
    if not gevraagd.loopt and gevraagd.status in (
        VerdelingStatus.KLAAR,
        VerdelingStatus.ONMOGELIJK,
    ):
        jongeren = {f"jongere-{j.pk}": j for j in gevraagd.jongeren.all()}
        advies = advies_van(gevraagd)
        if advies is not None:
            refs = {
                kandidaat.home_ref
                for t in advies.toewijzingen
                for kandidaat in (*((t.kandidaat,) if t.kandidaat else ()), *t.alternatieven)
            }
            woningen = {
                home_ref(woning.pk): woning
                for woning in Voorziening.objects.filter(pk__in=[home_pk(r) for r in refs])
            }
            context["advies"] = advies
            context["rijen"] = rijen = _adviesrijen(advies, jongeren, woningen)
            context["zonder_plek"] = [rij for rij in rijen if rij.woning is None]
        log_inzage_lijst(
            request,
            jongeren=[j.pk for j in jongeren.values()],
            actie=Actie.SEARCH,
            soort=Soort.ZOEKRESULTAAT,
            doel=Doel.MATCHING,
        )
    template = "plaatsingstafel/verdeling.html"
    if request.htmx:
        template += "#stand"
    return render(request, template, context)


@require_POST
@permission_required("plaatsingstafel.regio")
def verdeling_stoppen(request: HttpRequest, pk: int) -> HttpResponse:
    gevraagd = _get_verdeling_for_user(request, pk)
    if stop_verdeling(gevraagd):
        messages.success(request, _("De berekening is gestopt."))
    else:
        messages.info(request, _("De berekening was al klaar."))
    return redirect(gevraagd)


# --- Outcomes ----------------------------------------------------------------------------


@permission_required("plaatsingstafel.regio")
def uitkomsten(request: HttpRequest) -> HttpResponse:
    resultaat = kalibratie()
    mijlpaal_grafieken = [
        grafiek(
            _("Nog in dezelfde woning na %(maanden)s maanden, per score bij plaatsing")
            % {"maanden": maanden},
            [
                (
                    band.label,
                    float(band.mijlpalen[index].procent or 0),
                    band.mijlpalen[index].aandeel,
                )
                for band in resultaat.score_banden
                if band.mijlpalen[index].bekend
            ],
            _("Nog in dezelfde woning (procent)"),
        )
        for index, maanden in enumerate((3, 6, 12))
    ]
    return render(
        request,
        "plaatsingstafel/uitkomsten.html",
        {
            "k": resultaat,
            "grafiek_12": mijlpaal_grafieken[2],
            "peildatum": resultaat.vandaag,
            "sinds": resultaat.vandaag - dt.timedelta(days=365),
        },
    )


@permission_required("plaatsingstafel.stabiliteit")
def stabiliteit(request: HttpRequest) -> HttpResponse:
    """Stability of stays over every home: counts only (`plaatsingstafel.stabiliteit`)."""
    cijfers = bereken_stabiliteit(timezone.localdate())
    antwoord_rijen = [
        (a.aanbieder, a.mediaan_uren, a.aantal, a.op_tijd) for a in cijfers.antwoordtijden
    ]
    return render(
        request,
        "plaatsingstafel/stabiliteit.html",
        {
            "vanaf": cijfers.vanaf,
            "vandaag": cijfers.vandaag,
            "gestart": cijfers.gestart,
            "beeindigd": cijfers.beeindigd,
            "mediaan_duur": cijfers.mediaan_duur,
            "breuken": cijfers.breuken,
            "breuk_aandeel": cijfers.breuk_aandeel,
            "reden_rijen": cijfers.per_reden,
            "reden_grafiek": grafiek(
                _("Beëindigde verblijven per reden"),
                [
                    (label, aantal, f"{getal(aantal)} ({pct})")
                    for label, aantal, pct in cijfers.per_reden
                ],
                _("Beëindigde verblijven"),
            ),
            "antwoord_rijen": antwoord_rijen,
            "antwoord_grafiek": grafiek(
                _("Mediane antwoordtijd per zorgaanbieder (uren)"),
                [
                    (naam, uren, _("%(uren)s u") % {"uren": getal(uren, 1)})
                    for naam, uren, _n, _pct in antwoord_rijen
                ],
                _("Mediane antwoordtijd in uren"),
            ),
            "verblijf_grafiek": grafiek(
                _("Verblijven in de afgelopen 12 maanden"),
                [
                    (_("Gestart"), cijfers.gestart, getal(cijfers.gestart)),
                    (_("Beëindigd"), cijfers.beeindigd, getal(cijfers.beeindigd)),
                    (_("Waarvan voortijdig (breuk)"), cijfers.breuken, getal(cijfers.breuken)),
                ],
                _("Verblijven"),
            ),
        },
    )
