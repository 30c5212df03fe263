"""Pages of the proposal workflow, for the coordinator, the home's manager and the family.

One detail URL per proposal; what it shows depends on who asks (`_get_voorstel_for_user`
404s anyone who is not party to it). Every change is a POST to `voorstel_actie`, which
validates a small form and calls one step of `voorstellen.services`; a refused step (also a
double submit) comes back as a message on the same page, never as an error page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from accounts.decorators import permission_required
from accounts.models import User
from jongeren import beslissers
from jongeren.models import Jongere
from jongeren.profiel import profiel_voor_woning
from jongeren.toegang import jongere_voor
from kern import opmaak
from kern.http import HtmxHttpRequest, user_of
from kern.inzage import (
    Actie,
    Doel,
    Soort,
    actie_voor,
    log_geweigerd,
    log_inzage,
    log_inzage_lijst,
)
from kern.models import Kenmerk
from matching.adapters import load_homes, youth_from_jongere
from matching.engine import evaluate_home
from matching.engine.geo import haversine_km
from matching.engine.types import Point
from voorstellen import services as flow
from voorstellen.forms import (
    AntwoordForm,
    BesluitForm,
    KennismakingForm,
    NotitieForm,
    OverschrijfForm,
    PerspectiefForm,
    PlaatsForm,
    RedenForm,
    TegenspraakForm,
    ToestemmingForm,
    VastlegForm,
    VerstuurForm,
    VoorstelNieuwForm,
)
from voorstellen.lezing import lezing_voor_woning, na_toestemming, profiel_van, wat_gedeeld_wordt
from voorstellen.models import (
    OPEN_STATUSSEN,
    Deeltoestemming,
    Tegenspraak,
    Voorstel,
    VoorstelStatus,
)
from voorstellen.publiek import publiek_voor, stem_voor
from voorstellen.stand import leest_beperkt, stand_van_zaken
from voorzieningen.models import Perspectief, Teamlid, Voorziening


def _get_voorstel_for_user(request: HttpRequest, pk: int, *, om_te_lezen: bool = False) -> Voorstel:
    """The proposal, if this person is party to it; a refusal is logged (no youth named:
    which youth it concerns is exactly what the person may not learn). `om_te_lezen`: only
    to show, nothing changes on this request, so where it stands is fetched ahead."""
    qs = Voorstel.objects.for_user(request.user).select_related(
        "jongere", "voorziening", "voorziening__aanbieder", "gemaakt_door", "analyse"
    )
    try:
        return get_object_or_404(qs.met_stand() if om_te_lezen else qs, pk=pk)
    except Http404:
        log_geweigerd(request, jongere=None, soort=Soort.VOORSTEL)
        raise


def _log_voorstel(request: HttpRequest, voorstel: Voorstel, actie: Actie) -> None:
    user = request.user
    log_inzage(
        request,
        jongere=voorstel.jongere_id,
        actie=actie,
        soort=Soort.VOORSTEL,
        doel=Doel.EIGEN if isinstance(user, User) and not user.is_professional else Doel.VOORSTEL,
        voorziening=voorstel.voorziening_id
        if isinstance(user, User) and user.is_beheerder
        else None,
    )


# --- creating --------------------------------------------------------------------------


@permission_required("voorstellen.coordinator")
def voorstel_nieuw(request: HtmxHttpRequest, pk: int, voorziening_pk: int) -> HttpResponse:
    """The coordinator proposes one home: checked live with the engine, sent or kept as draft.

    The page previews the profile without a name exactly as the home will read it before
    consent (the same function builds both); "voorbeeld" refreshes it with the typed text.
    """
    jongere = jongere_voor(request, pk)
    voorziening = get_object_or_404(Voorziening.objects.for_user(request.user), pk=voorziening_pk)
    user = user_of(request)
    now = timezone.now()
    today = timezone.localdate(now)
    homes = load_homes(today=today, now=now, only=[voorziening.pk])
    # Read as the search reads it: the youth's signals count once the analysis is endorsed
    # or they were released; sending checks again with every signal (voorstellen.services).
    result = (
        evaluate_home(
            youth_from_jongere(jongere, jongere.actuele_analyse()),
            homes[0],
            today,
            audience=publiek_voor(user),
            stem=stem_voor(user, jongere),
        )
        if homes
        else None
    )
    actie = request.POST.get("actie", "")
    form = VoorstelNieuwForm(
        request.POST or None, jongere=jongere, versturen=actie in {"versturen", "bevestigd"}
    )
    voorbeeld = actie == "voorbeeld"
    log_inzage(
        request,
        jongere=jongere,
        # Only saving a draft or the confirmed send creates; the summary is a read.
        actie=actie_voor(request, wijzigt=Actie.CREATE)
        if actie in {"concept", "bevestigd"}
        else Actie.READ,
        soort=Soort.VOORSTEL,
        doel=Doel.VOORSTEL,
    )
    verzenden = request.method == "POST" and actie in {"concept", "versturen", "bevestigd"}
    if verzenden and form.is_valid():
        motivatie = form.cleaned_data["motivatie"]
        tekst = form.cleaned_data["tekst_voor_woning"]
        inhoud = ("nieuw", jongere.pk, voorziening.pk, motivatie, tekst)
        if actie != "concept" and not _bevestigd(request, user, inhoud):
            # Sending is weighty: first the summary, then "Versturen" sends.
            return _bevestig_versturen(
                request,
                jongere=jongere,
                voorziening=voorziening,
                motivatie=motivatie,
                profiel=profiel_voor_woning(
                    jongere=jongere, analyse=jongere.actuele_analyse(), tekst_voor_woning=tekst
                ),
                bevestiging=_bevestiging(user, inhoud),
                velden={"motivatie": motivatie, "tekst_voor_woning": tekst},
                actie_url=request.get_full_path(),
                opnieuw=actie == "bevestigd",
            )
        try:
            voorstel = flow.maak_en_stuur_voorstel(
                jongere=jongere,
                voorziening=voorziening,
                door=user,
                motivatie=motivatie,
                tekst_voor_woning=tekst,
                versturen=actie == "bevestigd",
                now=now,
            )
        except flow.VoorstelFout as fout:
            _fout_in_form(form, fout)
        else:
            if actie == "concept":
                messages.success(request, _("Het voorstel is bewaard als concept."))
            else:
                messages.success(request, _("Het voorstel is verstuurd naar de woning."))
            return redirect(voorstel)
    # The preview shows the typed text once it may go to the home (no known names in it).
    tekst = form.cleaned_data["tekst_voor_woning"] if form.is_bound and form.is_valid() else ""
    context = {
        "jongere": jongere,
        "voorziening": voorziening,
        "result": result,
        "form": form,
        "open_aantal": Voorstel.objects.open().filter(jongere=jongere).count(),
        # A second proposal to the same home is refused (flow): the page says so instead.
        "lopend": Voorstel.objects.open()
        .filter(jongere=jongere, voorziening=voorziening)
        .order_by("-pk")
        .first(),
        "max_open": flow.max_open(),
        # Sending stores the youth's current analysis with the proposal: the same one.
        "profiel": profiel_voor_woning(
            jongere=jongere, analyse=jongere.actuele_analyse(), tekst_voor_woning=tekst
        ),
    }
    if request.htmx and voorbeeld:
        return render(request, "voorstellen/voorstel_nieuw.html#voorbeeld", context)
    return render(request, "voorstellen/voorstel_nieuw.html", context)


def _fout_in_form(form: Any, fout: flow.VoorstelFout) -> None:
    """A refused step's messages on the form: at their field when the step named one."""
    if hasattr(fout, "error_dict"):
        for veld, fouten in fout.message_dict.items():
            for melding in fouten:
                form.add_error(veld if veld in form.fields else None, melding)
    else:
        for melding in fout.messages:
            form.add_error(None, melding)


_BEVESTIGING_SALT = "voorstellen.versturen"
# A summary left open longer than this is shown again before sending.
_BEVESTIGING_GELDIG = 60 * 60


def _vingerafdruk(user: User, inhoud: tuple[object, ...]) -> str:
    return hashlib.sha256(repr((user.pk, *inhoud)).encode()).hexdigest()


def _bevestiging(user: User, inhoud: tuple[object, ...]) -> str:
    """A signed token for the summary this person saw: sending needs it back, for exactly
    this content, so a crafted POST cannot skip the confirmation."""
    return signing.dumps(_vingerafdruk(user, inhoud), salt=_BEVESTIGING_SALT)


def _bevestigd(request: HttpRequest, user: User, inhoud: tuple[object, ...]) -> bool:
    if request.POST.get("actie") != "bevestigd":
        return False
    try:
        gezien = signing.loads(
            request.POST.get("bevestiging", ""),
            salt=_BEVESTIGING_SALT,
            max_age=_BEVESTIGING_GELDIG,
        )
    except signing.BadSignature:
        return False
    return bool(gezien == _vingerafdruk(user, inhoud))


def _bevestig_versturen(
    request: HttpRequest,
    *,
    jongere: Any,
    voorziening: Voorziening,
    motivatie: str,
    profiel: Any,
    bevestiging: str,
    velden: dict[str, str],
    actie_url: str,
    terug_url: str = "",
    opnieuw: bool = False,
) -> HttpResponse:
    """The summary before sending: what goes to whom, what the home reads before consent,
    then "Versturen" or "Terug"."""
    return render(
        request,
        "voorstellen/voorstel_versturen.html",
        {
            "jongere": jongere,
            "voorziening": voorziening,
            "motivatie": motivatie,
            "profiel": profiel,
            "bevestiging": bevestiging,
            "velden": velden,
            "actie_url": actie_url,
            "terug_url": terug_url,
            "opnieuw": opnieuw,
            "beheerders_aantal": len(flow.beheerders(voorziening)),
            "gezin": jongere.gezin(),
            "antwoord_uiterlijk": flow.werkdagen_later(timezone.now(), flow.antwoord_werkdagen()),
        },
    )


# --- lists -----------------------------------------------------------------------------


@permission_required("voorstellen.lijst")
def voorstel_lijst(request: HttpRequest) -> HttpResponse:
    """Coordinators: "Mijn voorstellen" (their youths first); managers: proposals to their
    homes, those waiting for an answer first."""
    user = user_of(request)
    qs = Voorstel.objects.for_user(user).select_related("jongere", "voorziening")
    if user.is_coordinator:
        qs = qs.filter(Q(jongere__coordinator=user) | Q(gemaakt_door=user))
    open_voorstellen = list(
        qs.filter(status__in=[*OPEN_STATUSSEN, VoorstelStatus.CONCEPT]).met_stand()
    )
    afgerond = list(qs.exclude(status__in=[*OPEN_STATUSSEN, VoorstelStatus.CONCEPT])[:50])
    spoed = list(qs.spoed_zonder_analyse()) if user.is_coordinator else []
    log_inzage_lijst(
        request,
        jongeren=[v.jongere_id for v in [*open_voorstellen, *afgerond, *spoed]],
        actie=Actie.READ,
        soort=Soort.VOORSTEL,
        doel=Doel.VOORSTEL,
    )
    return render(
        request,
        "voorstellen/voorstel_lijst.html",
        {
            "open_voorstellen": [(v, stand_van_zaken(v, user)) for v in open_voorstellen],
            "afgerond": afgerond,
            "spoed": spoed,
            "is_beheerder": user.is_beheerder,
        },
    )


@permission_required("voorstellen.gezin")
def mijn_voorstellen(request: HttpRequest) -> HttpResponse:
    """The family's "Voorstellen voor jou": every sent proposal, open ones first."""
    voorstellen = list(
        Voorstel.objects.for_user(request.user).met_stand().order_by("-verstuurd_op", "-pk")
    )
    open_voorstellen = [v for v in voorstellen if v.is_open]
    eerder = [v for v in voorstellen if not v.is_open]
    log_inzage_lijst(
        request,
        jongeren=[v.jongere_id for v in voorstellen],
        actie=Actie.READ,
        soort=Soort.VOORSTEL,
        doel=Doel.EIGEN,
    )
    user = user_of(request)
    return render(
        request,
        "voorstellen/mijn_voorstellen.html",
        {
            "open_voorstellen": [
                (
                    v,
                    stand_van_zaken(v, user, beperkt=leest_beperkt(v, user)),
                )
                for v in open_voorstellen
            ],
            "eerder": eerder,
            "titel": _titel_voorstellen(user_of(request)),
        },
    )


def _titel_voorstellen(user: User) -> str:
    """The youth reads "Voorstellen voor jou"; a parent (or the youth protection worker)
    reads about the youth by name (docs/schrijfwijzer.md)."""
    if user.is_jongere:
        return _("Voorstellen voor jou")
    namen = sorted(Jongere.objects.for_user(user).values_list("roepnaam", flat=True))
    if len(namen) == 1:
        return _("Voorstellen voor %(naam)s") % {"naam": namen[0]}
    if user.is_ouder:
        return _("Voorstellen voor je kinderen") if namen else _("Voorstellen voor je kind")
    return _("Voorstellen")


# --- the detail page ---------------------------------------------------------------------


def _km(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> int | None:
    if None in a or None in b:
        return None
    return round(haversine_km(Point(a[0], a[1]), Point(b[0], b[1])))  # type: ignore[arg-type]


def _woning_in_gewone_woorden(voorstel: Voorstel) -> dict[str, Any]:
    """The home as the family reads it: kind of house, group, distances, what the team does."""
    woning = voorstel.voorziening
    jongere = voorstel.jongere
    groep = woning.samenstelling()
    today = timezone.localdate()
    # Two id subqueries, not one OR over two joins: that form made PostgreSQL join every
    # team member's skills of every home (1.4 s with 1,000 homes instead of a millisecond).
    team = Teamlid.objects.filter(voorziening=woning).actief(today)
    competenties = Kenmerk.objects.filter(
        Q(pk__in=Teamlid.competenties.through.objects.filter(teamlid__in=team).values("kenmerk_id"))
        | Q(pk__in=woning.aanbod.values("pk"))
    )
    eigen_niveau = jongere.school_niveau
    return {
        "groep": groep,
        "km_familie": _km((jongere.lat, jongere.lon), (woning.lat, woning.lon)),
        "km_school": _km((jongere.school_lat, jongere.school_lon), (woning.lat, woning.lon)),
        "team_goed_in": [k.naam for k in competenties],
        "fotos": list(woning.fotos.only("pk", "beschrijving", "breedte", "hoogte")),
        # Nearby schools, those at the youth's own level first: the level is why it matters.
        "scholen": sorted(
            (
                (school, bool(eigen_niveau) and eigen_niveau in school.niveaus)
                for school in woning.onderwijs.all()
            ),
            key=lambda paar: (not paar[1], paar[0].afstand_km),
        ),
        "eigen_niveau": jongere.get_school_niveau_display() if eigen_niveau else "",
        "behandelpartners": list(woning.behandelpartners.all()),
    }


def _wie_beslist_context(voorstel: Voorstel, user: User) -> dict[str, Any]:
    """Who decides, co-decides, is heard or informed: on every party's page."""
    sleutel = beslissers.sleutel_van(voorstel.jongere, user)
    standen = flow.stand_van_besluiten(voorstel)
    return {
        "wie_beslist": flow.beslissers_van(voorstel),
        "standen": standen,
        "eigen_betrokkene": next(
            (s.betrokkene for s in standen if s.betrokkene.sleutel == sleutel), None
        ),
        "te_bevestigen": [
            b
            for b in voorstel.besluiten.filter(
                sleutel=sleutel or "-", vastgelegd_door__isnull=False, overschreven=False
            )
            .exclude(bevestigd_op__isnull=False)
            .order_by("-op", "-pk")
        ],
    }


def _gezin_context(voorstel: Voorstel, user: User) -> dict[str, Any]:
    sleutel = beslissers.sleutel_van(voorstel.jongere, user) or "-"
    eigen = voorstel.besluiten.filter(sleutel=sleutel).order_by("-op", "-pk")
    return {
        **_wie_beslist_context(voorstel, user),
        "uitleg": flow.uitleg_voor(
            voorstel,
            publiek_voor(user, voorstel),
            stem_voor(user, voorstel.jongere, voorstel),
        ),
        "woning": _woning_in_gewone_woorden(voorstel),
        "prioriteiten": analyse.prioriteiten_in_woorden(voor_gezin=False)
        if (analyse := voorstel.jongere.actuele_analyse())
        else [],
        "analyse": voorstel.jongere.actuele_analyse(),
        "eigen_besluit": eigen.first(),
        "eerdere_besluiten": list(eigen[1:]),
        "kan_kiezen": voorstel.status in flow.BESLUIT_STATUSSEN,
        "besluit_form": BesluitForm(),
        **_delen_context(voorstel, user),
        "is_jongere": user.is_jongere,
    }


def _delen_context(voorstel: Voorstel, user: User) -> dict[str, Any]:
    """The family's consent: whether this person is asked, their own latest answer, and
    exactly what the home would read."""
    sleutel = beslissers.sleutel_van(voorstel.jongere, user) or "-"
    eigen = voorstel.deeltoestemmingen.filter(sleutel=sleutel).order_by("-op", "-pk").first()
    waarom_niet = flow.waarom_geen_toestemming(voorstel, user)
    return {
        "eigen_delen": eigen,
        "delen_ja": eigen is not None and eigen.keuze == Deeltoestemming.Keuze.JA,
        "waarom_geen_toestemming": waarom_niet,
        # Withdrawing stays possible after a "no" to the proposal (that withdraws too).
        "kan_toestemmen": waarom_niet is None,
        "kan_intrekken": eigen is not None
        and eigen.keuze == Deeltoestemming.Keuze.JA
        and voorstel.status in flow.TOESTEMMING_STATUSSEN,
        "wat_gedeeld": wat_gedeeld_wordt(voorstel),
        "delen_nodig": [d.betrokkene.naam for d in flow.stand_van_delen(voorstel)],
        "toestemming_form": ToestemmingForm(),
    }


def _woning_context(voorstel: Voorstel, user: User) -> dict[str, Any]:
    """The manager's page: what this manager may read now (`lezing_voor_woning`) and the
    forms of the next steps."""
    lezing = lezing_voor_woning(voorstel, user)
    return {
        "uitleg": lezing.uitleg,
        "gedeeld": lezing.gedeeld,
        "profiel": lezing.profiel,
        "na_toestemming": lezing.na_toestemming,
        "gevolgen": lezing.gevolgen,
        "antwoord_form": AntwoordForm(),
        "kennismaking_form": KennismakingForm(),
        "notitie_form": NotitieForm(),
        # The home registers the arrival itself once everyone said yes.
        "toon_aankomst": voorstel.status in flow.BESLUIT_STATUSSEN,
        "plaats_probleem": flow.kan_plaatsen(voorstel),
        "plaats_form": PlaatsForm(
            initial={"aankomst": timezone.localdate()},
            voorziening=voorstel.voorziening,
            alleen_gebeurd=True,
        ),
    }


def _tegenspraak_context(voorstel: Voorstel, user: User) -> dict[str, Any]:
    """The counter-check: whether one is needed now, who may sign it (four eyes), and
    whether the latest sign-off still holds for the group as it is now."""
    controle = flow.groepscontrole(voorstel) if voorstel.is_open else None
    tegenspraken = list(voorstel.tegenspraken.select_related("door"))
    laatste = tegenspraken[0] if tegenspraken else None
    vervallen = (
        laatste is not None
        and laatste.oordeel == Tegenspraak.Oordeel.AKKOORD
        and controle is not None
        and flow.tegenspraak_vervallen(laatste, controle)
    )
    return {
        "tegenspraak_nodig": voorstel.tegenspraak_nodig
        or (controle is not None and controle.tegenspraak_nodig),
        "tegenspraken": tegenspraken,
        "tegenspraak_vervallen": laatste if vervallen else None,
        "tekenaars": flow.wie_mag_tegenspraak_geven(voorstel),
        "zelf_uitgesloten": user.is_gedragswetenschapper
        and not flow.mag_tegenspraak_geven(voorstel, user),
        "mag_tegenspraak": flow.mag_tegenspraak_geven(voorstel, user)
        and voorstel.status in flow.TEGENSPRAAK_STATUSSEN,
        "plaats_probleem": flow.kan_plaatsen(voorstel, controle),
    }


def _coordinator_context(voorstel: Voorstel, user: User) -> dict[str, Any]:
    return {
        **_wie_beslist_context(voorstel, user),
        "vastleg_form": VastlegForm(betrokkenen=flow.beslissers_van(voorstel).betrokkenen),
        "overschrijf_form": OverschrijfForm(
            betrokkenen=flow.beslissers_van(voorstel).betrokkenen, prefix="over"
        ),
        "uitleg": flow.uitleg_voor(
            voorstel,
            publiek_voor(user, voorstel),
            stem_voor(user, voorstel.jongere, voorstel),
        ),
        "profiel": profiel_van(voorstel),
        "besluiten": list(voorstel.besluiten.select_related("persoon").order_by("-op", "-pk")),
        "toestemmingen": list(voorstel.toestemmingen.select_related("persoon")),
        "delen_standen": flow.stand_van_delen(voorstel),
        "delen_geschiedenis": list(voorstel.deeltoestemmingen.select_related("persoon")),
        "wat_gedeeld": wat_gedeeld_wordt(voorstel),
        "gezin": voorstel.jongere.gezin(),
        "tijdlijn": list(voorstel.tijdlijn.select_related("door")),
        **_tegenspraak_context(voorstel, user),
        "kennismaking_form": KennismakingForm(),
        "notitie_form": NotitieForm(),
        "delen_form": RedenForm(prefix="delen"),
        "intrek_form": RedenForm(prefix="intrek"),
        "spoed_form": RedenForm(prefix="spoed"),
        "perspectief_form": PerspectiefForm(),
        "perspectieven": list(voorstel.plaatsing.perspectieven.all()) if voorstel.plaatsing else [],
        "kan_spoed": voorstel.status in flow.OVERGANGEN["spoed"][0],
        "tegenspraak_form": TegenspraakForm(),
        "plaats_form": PlaatsForm(
            initial={"aankomst": PlaatsForm.standaard(voorstel.jongere.nodig_vanaf)},
            voorziening=voorstel.voorziening,
        ),
        "kan_toestemming_overschrijven": voorstel.status in flow.TOESTEMMING_STATUSSEN,
    }


def voorstel(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    user = user_of(request)
    item = _get_voorstel_for_user(request, pk, om_te_lezen=True)
    _log_voorstel(request, item, Actie.READ)
    return _toon(request, item, user)


def _toon(
    request: HttpRequest,
    item: Voorstel,
    user: User,
    formulier: FormFout | None = None,
    template_deel: str = "",
) -> HttpResponse:
    """The proposal page for this reader; after a wrong step, with that step's form as sent."""
    context: dict[str, Any] = {"voorstel": item, "kennismaking": item.kennismaking_of_none()}
    if user.is_jongere or user.is_ouder or user.is_jeugdbeschermer:
        if not user.has_perm("jongeren.lees_dossier", item.jongere):
            # A parent without gezag, or whom a 16+ youth does not share with: the home
            # and who decides, not the file, nor the others' answers.
            context.update(_wie_beslist_context(item, user))
            context["stand"] = stand_van_zaken(item, user, beperkt=True)
            return render(request, "voorstellen/voorstel_algemeen.html", context)
        context.update(_gezin_context(item, user))
        template = "voorstellen/voorstel_gezin.html"
    elif user.is_beheerder:
        context.update(_woning_context(item, user))
        template = "voorstellen/voorstel_woning.html"
    else:
        context.update(_coordinator_context(item, user))
        template = "voorstellen/voorstel.html"
    context["stand"] = stand_van_zaken(item, user)
    if formulier is not None:
        context[formulier.naam] = formulier.form
    return render(request, template + template_deel, context)


@permission_required("voorstellen.afdruk")
def voorstel_afdruk(request: HttpRequest, pk: int) -> HttpResponse:
    """A one-page summary to print for the getting-acquainted meeting (print.css)."""
    item = _get_voorstel_for_user(request, pk)
    _log_voorstel(request, item, Actie.PRINT)
    user = user_of(request)
    # A manager reads the printout as the page: the profile without a name until consent.
    alleen_profiel = user.is_beheerder and not flow.volledig_gedeeld(item)
    context: dict[str, Any] = {
        "voorstel": item,
        "uitleg": flow.uitleg_voor(
            item, publiek_voor(user, item), stem_voor(user, item.jongere, item)
        ),
        "kennismaking": item.kennismaking_of_none(),
        "woning": _woning_in_gewone_woorden(item),
        "is_beheerder": user.is_beheerder,
        "gedeeld": flow.volledig_gedeeld(item),
        "profiel": profiel_van(item),
        "na_toestemming": None if alleen_profiel else na_toestemming(item),
        "behoeften": list(item.analyse.behoeften.select_related("kenmerk").order_by("-belang"))
        if item.analyse
        else [],
        "leeftijd": item.jongere.leeftijd_op(item.jongere.nodig_vanaf),
        "prioriteiten": item.analyse.prioriteiten_in_woorden(voor_gezin=False)
        if item.analyse
        else [],
    }
    return render(request, "voorstellen/voorstel_afdruk.html", context)


def kennismaking_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The planned meeting for one's calendar, for everyone party to the proposal. The entry
    names nobody (voorstellen.kalender); what it is about stays behind the login."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    item = _get_voorstel_for_user(request, pk)
    kennismaking = item.kennismaking_of_none()
    if kennismaking is None or not item.is_open:
        raise Http404
    _log_voorstel(request, item, Actie.EXPORT)
    from voorstellen.kalender import kennismaking_ics as maak_ics

    response = HttpResponse(maak_ics(kennismaking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kennismaking.ics"'
    return response


# --- actions -----------------------------------------------------------------------------

Handler = Callable[[HttpRequest, Voorstel, User], str]


class FormFout(Exception):
    """A step's form was filled in wrongly: the page is shown again with this form, its
    input kept and each error at its field (`naam` is the form's name in the context)."""

    def __init__(self, form: Any, naam: str) -> None:
        super().__init__(naam)
        self.form = form
        self.naam = naam


def _form_of_fout(form: Any, naam: str) -> dict[str, Any]:
    if not form.is_valid():
        raise FormFout(form, naam)
    return dict(form.cleaned_data)


def _versturen(request: HttpRequest, voorstel: Voorstel, user: User) -> HttpResponse:
    """Sending a draft from its page: the motivation (required), then the summary, and
    only "Versturen" on that summary, with its token, sends."""
    if not flow.is_coordinator_van(user, voorstel.jongere):
        raise flow.VoorstelFout(_("Alleen de coördinator van deze jongere kan dit doen."))
    form = VerstuurForm(
        request.POST if "motivatie" in request.POST else {"motivatie": voorstel.motivatie}
    )
    if voorstel.status != VoorstelStatus.CONCEPT:
        messages.error(
            request,
            _("Dit kan nu niet: het voorstel heeft de status '%(status)s'.")
            % {"status": voorstel.get_status_display()},
        )
        return redirect(voorstel)
    if not form.is_valid():
        return render(
            request, "voorstellen/voorstel_motivatie.html", {"voorstel": voorstel, "form": form}
        )
    motivatie = form.cleaned_data["motivatie"].strip()
    inhoud = ("concept", voorstel.pk, motivatie, voorstel.tekst_voor_woning)
    if not _bevestigd(request, user, inhoud):
        return _bevestig_versturen(
            request,
            jongere=voorstel.jongere,
            voorziening=voorstel.voorziening,
            motivatie=motivatie,
            profiel=profiel_van(voorstel),
            bevestiging=_bevestiging(user, inhoud),
            velden={"motivatie": motivatie},
            actie_url=reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "versturen"]),
            terug_url=voorstel.get_absolute_url(),
            opnieuw=request.POST.get("actie") == "bevestigd",
        )
    try:
        flow.stuur_voorstel(voorstel=voorstel, door=user, motivatie=motivatie)
    except flow.VoorstelFout as fout:
        for melding in fout.messages:
            messages.error(request, melding)
    else:
        messages.success(request, _("Het voorstel is verstuurd naar de woning."))
    return redirect(voorstel)


def _antwoord(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(AntwoordForm(request.POST), "antwoord_form")
    flow.beantwoord_voorstel(
        voorstel=voorstel,
        door=user,
        interesse=data["antwoord"] == "ja",
        reden=data["reden"],
        toelichting=data["toelichting"],
    )
    return _("Je antwoord is opgeslagen.")


def _kennismaking(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(KennismakingForm(request.POST), "kennismaking_form")
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=user,
        soort=data["soort"],
        datum=data["datum"],
        plaats=data["plaats"],
    )
    return _("De kennismaking is gepland. Iedereen krijgt een melding.")


def _gehouden(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(NotitieForm(request.POST), "notitie_form")
    flow.leg_kennismaking_vast(voorstel=voorstel, door=user, notitie=data["notitie"])
    return _("De kennismaking is vastgelegd.")


def _besluit(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(BesluitForm(request.POST), "besluit_form")
    flow.neem_besluit(
        voorstel=voorstel, door=user, keuze=data["keuze"], opmerking=data["opmerking"]
    )
    return _("Dank je. Je keuze is opgeslagen. Je kunt hem later nog veranderen.")


def _vastleggen(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    form = VastlegForm(request.POST, betrokkenen=flow.beslissers_van(voorstel).betrokkenen)
    data = _form_of_fout(form, "vastleg_form")
    flow.leg_besluit_vast(
        voorstel=voorstel,
        door=user,
        sleutel=data["sleutel"],
        keuze=data["keuze"],
        hoe=data["hoe"],
        gesprek_op=data["gesprek_op"],
        aanwezig=data["aanwezig"],
        opmerking=data["opmerking"],
    )
    return _("Het besluit is vastgelegd, gemarkeerd als vastgelegd door de coördinator.")


def _besluit_overschrijven(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    form = OverschrijfForm(
        request.POST, betrokkenen=flow.beslissers_van(voorstel).betrokkenen, prefix="over"
    )
    data = _form_of_fout(form, "overschrijf_form")
    flow.overschrijf_besluit(
        voorstel=voorstel, door=user, sleutel=data["sleutel"], reden=data["reden"]
    )
    return _("Vastgelegd: de plaatsing gaat door met de machtiging. De reden staat in de tijdlijn.")


def _bevestigen(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    besluit = get_object_or_404(voorstel.besluiten, pk=request.POST.get("besluit", 0) or 0)
    flow.bevestig_besluit(besluit=besluit, door=user)
    return _("Dank je. Je hebt bevestigd wat de coördinator opschreef.")


def _toestemming(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(ToestemmingForm(request.POST), "toestemming_form")
    toestemming = flow.geef_toestemming(voorstel=voorstel, door=user, keuze=data["keuze"])
    if toestemming.keuze == Deeltoestemming.Keuze.JA:
        return _("Dank je. Je gaf toestemming. Je kunt dit altijd weer intrekken.")
    if toestemming.is_intrekking:
        return _(
            "Je hebt je toestemming ingetrokken. De woning leest nu weer alleen het profiel "
            "zonder naam."
        )
    return _("Je koos: niet delen. De woning leest alleen het profiel zonder naam.")


def _overschrijf(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(RedenForm(request.POST, prefix="delen"), "delen_form")
    flow.overschrijf_toestemming(voorstel=voorstel, door=user, reden=data["reden"])
    return _("De hele analyse is gedeeld met de woning. De reden staat in de tijdlijn.")


def _tegenspraak(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(TegenspraakForm(request.POST), "tegenspraak_form")
    flow.teken_tegenspraak(
        voorstel=voorstel,
        door=user,
        akkoord=data["oordeel"] == "akkoord",
        toelichting=data["toelichting"],
    )
    return _("Je tegenspraak is vastgelegd.")


def _plaatsen(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(
        PlaatsForm(
            request.POST, voorziening=voorstel.voorziening, alleen_gebeurd=user.is_beheerder
        ),
        "plaats_form",
    )
    aankomst: dt.date = data["aankomst"]
    flow.plaats(voorstel=voorstel, door=user, aankomst=aankomst)
    if user.is_beheerder:
        return _(
            "De aankomst is geregistreerd. De jongere staat nu bij je bewoners; de "
            "coördinator en het gezin krijgen een melding."
        )
    return _("De jongere is geplaatst. De woning en het gezin krijgen een melding.")


def _spoed(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(RedenForm(request.POST, prefix="spoed"), "spoed_form")
    item = flow.start_spoedplaatsing(voorstel=voorstel, door=user, reden=data["reden"])
    uiterlijk = item.analyse_uiterlijk
    return _(
        "Dit is nu een spoedplaatsing: je kunt de jongere plaatsen. De analyse moet uiterlijk "
        "%(datum)s gedragen zijn."
    ) % {"datum": opmaak.datum(uiterlijk) if uiterlijk else ""}


def _perspectief(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(PerspectiefForm(request.POST), "perspectief_form")
    if not user.is_coordinator or voorstel.plaatsing is None:
        raise flow.VoorstelFout(_("Een perspectief hoort bij een verblijf van je eigen jongere."))
    if not flow.is_coordinator_van(user, voorstel.jongere):
        raise flow.VoorstelFout(_("Alleen de coördinator van deze jongere kan dit doen."))
    Perspectief.objects.create(
        plaatsing=voorstel.plaatsing,
        richting=data["richting"],
        toelichting=data["toelichting"],
        door=user,
    )
    return _("Het perspectief is vastgelegd.")


def _intrekken(request: HttpRequest, voorstel: Voorstel, user: User) -> str:
    data = _form_of_fout(RedenForm(request.POST, prefix="intrek"), "intrek_form")
    flow.trek_in(voorstel=voorstel, door=user, reden=data["reden"])
    return _("Het voorstel is ingetrokken.")


ACTIES: dict[str, Handler] = {
    "antwoord": _antwoord,
    "kennismaking": _kennismaking,
    "gehouden": _gehouden,
    "besluit": _besluit,
    "toestemming": _toestemming,
    "vastleggen": _vastleggen,
    "besluit-overschrijven": _besluit_overschrijven,
    "bevestigen": _bevestigen,
    "overschrijven": _overschrijf,
    "tegenspraak": _tegenspraak,
    "plaatsen": _plaatsen,
    "intrekken": _intrekken,
    "spoed": _spoed,
    "perspectief": _perspectief,
}


@require_POST
def voorstel_actie(request: HtmxHttpRequest, pk: int, actie: str) -> HttpResponse:
    if not request.user.is_authenticated:
        raise PermissionDenied
    handler = ACTIES.get(actie)
    if handler is None and actie != "versturen":
        raise Http404
    item = _get_voorstel_for_user(request, pk)
    _log_voorstel(request, item, Actie.UPDATE)
    user = user_of(request)
    if handler is None:
        try:
            return _versturen(request, item, user)
        except flow.VoorstelFout as fout:
            for melding in fout.messages:
                messages.error(request, melding)
            return redirect(item)
    try:
        tekst = handler(request, item, user)
    except FormFout as fout:
        # The same page again with the input kept and the errors at their fields; the
        # family's decision is swapped on its own.
        deel = "#besluit" if request.htmx and actie == "besluit" else ""
        if request.htmx and not deel:
            for veld, fouten in fout.form.errors.items():
                for melding in fouten:
                    label = fout.form.fields[veld].label if veld in fout.form.fields else ""
                    messages.error(request, f"{label}: {melding}" if label else melding)
            return HttpResponseClientRedirect(item.get_absolute_url())
        return _toon(request, item, user, formulier=fout, template_deel=deel)
    except flow.VoorstelFout as fout:
        if request.htmx:
            # The swapped section cannot show the page's messages: send the page instead.
            for melding in fout.messages:
                messages.error(request, melding)
            return HttpResponseClientRedirect(item.get_absolute_url())
        for melding in fout.messages:
            messages.error(request, melding)
    else:
        if request.htmx and actie == "besluit":
            # Only the family's decision section is swapped, with the confirmation in it.
            item = _get_voorstel_for_user(request, pk)
            context = {"voorstel": item, **_gezin_context(item, user), "htmx_melding": tekst}
            return render(request, "voorstellen/voorstel_gezin.html#besluit", context)
        messages.success(request, tekst)
    return redirect(item)


# --- on other pages ----------------------------------------------------------------------
