"""A region's picture for the placement table, and the data its joint allocation needs.

Which region someone looks at: a coordinator always their own organisation's region (the
table they sit at; their youths are only visible to their own organisation anyway), a
functional admin any region. The picture itself holds counts only: no youth can be
identified from it, so reading it is not logged per youth (as on the stability page). The
allocation does name youths; its view logs each one it shows.

The home of a region is the home of a care provider in that region; the youth of a region
is a youth of a municipality (organisation) in that region.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Regio, User
from jongeren.models import Fase, Jongere
from matching.adapters import home_ref, load_homes, youth_from_jongere
from matching.engine import Home, Youth
from plaatsingstafel.allocatie import Verzoek, capaciteit
from voorstellen.models import OPEN_STATUSSEN, Voorstel, VoorstelStatus
from voorzieningen.models import Plaatsing, Vacature, Voorziening

BINNENKORT_DAGEN = 60
TREND_MAANDEN = 12

# Wait buckets (upper bound in days, label); the wait counts from the day a place is needed.
WACHT_KLASSEN: tuple[tuple[int | None, str], ...] = (
    (14, "0 tot 2 weken"),
    (30, "2 weken tot 1 maand"),
    (91, "1 tot 3 maanden"),
    (182, "3 tot 6 maanden"),
    (None, "langer dan 6 maanden"),
)


def mag_regio_kiezen(user: User) -> bool:
    return user.is_functioneel_beheerder


def eigen_regio(user: User) -> Regio | None:
    organisatie = user.organisatie
    return organisatie.regio if organisatie is not None else None


def regio_voor(user: User, gevraagd: int | None) -> Regio | None:
    """The region this person looks at: a coordinator their own, an admin the one asked
    for (else their own, else the first)."""
    if not mag_regio_kiezen(user):
        return eigen_regio(user)
    if gevraagd is not None:
        regio = Regio.objects.filter(pk=gevraagd).first()
        if regio is not None:
            return regio
    return eigen_regio(user) or Regio.objects.order_by("naam").first()


def woningen_in(regio: Regio) -> Q:
    return Q(aanbieder__regio=regio)


def wachtende_jongeren(regio: Regio) -> Q:
    """Youths of the region without a place yet (every phase before placement)."""
    return Q(organisatie__regio=regio) & ~Q(fase=Fase.GEPLAATST)


# --- The picture -------------------------------------------------------------------------


@dataclass(frozen=True)
class Plekrij:
    label: str
    nu: int
    binnenkort: int


@dataclass(frozen=True)
class VrijePlek:
    """One free place of the region's feed: a home's vacancy, no person in it."""

    woning_id: int
    woning: str
    aanbieder: str
    plaats: str
    provincie: str
    omgeving: str
    gesloten: bool
    leeftijd_min: int
    leeftijd_max: int
    vrij_vanaf: dt.date
    nu_vrij: bool
    laatst_bevestigd: dt.date


def vrije_plekken(regio: Regio, *, now: dt.datetime | None = None) -> list[VrijePlek]:
    """The region's free places now and within `BINNENKORT_DAGEN`: every open vacancy its
    home confirmed in time. The regional picture counts exactly these; the feed lists them."""
    now = now or timezone.now()
    vandaag = timezone.localdate(now)
    grens = vandaag + dt.timedelta(days=BINNENKORT_DAGEN)
    return [
        VrijePlek(
            woning_id=woning_id,
            woning=naam,
            aanbieder=aanbieder,
            plaats=plaats,
            provincie=provincie,
            omgeving=omgeving,
            gesloten=gesloten,
            leeftijd_min=leeftijd_min,
            leeftijd_max=leeftijd_max,
            vrij_vanaf=vanaf,
            nu_vrij=vanaf <= vandaag,
            laatst_bevestigd=timezone.localdate(bevestigd),
        )
        for (
            woning_id,
            naam,
            aanbieder,
            plaats,
            provincie,
            omgeving,
            gesloten,
            leeftijd_min,
            leeftijd_max,
            vanaf,
            bevestigd,
        ) in Vacature.objects.zichtbaar(now)
        .filter(beschikbaar_vanaf__lte=grens)
        .filter(voorziening__in=Voorziening.objects.filter(woningen_in(regio)))
        .order_by("beschikbaar_vanaf", "voorziening__naam", "pk")
        .values_list(
            "voorziening_id",
            "voorziening__naam",
            "voorziening__aanbieder__naam",
            "voorziening__plaats",
            "voorziening__provincie",
            "voorziening__omgeving",
            "voorziening__gesloten",
            "voorziening__leeftijd_min",
            "voorziening__leeftijd_max",
            "beschikbaar_vanaf",
            "laatst_bevestigd",
        )
    ]


@dataclass(frozen=True)
class Trendmaand:
    maand: dt.date
    label: str
    vacatures: int
    plaatsingen: int
    aanmeldingen: int
    breuken: int


@dataclass(frozen=True)
class Spoedrij:
    """An emergency placement whose analysis has not followed yet, as the region sees it:
    no name, the proposal's number, the coordinator's organisation, and the deadline."""

    voorstel: str
    organisatie: str
    sinds: dt.date
    uiterlijk: dt.date
    te_laat: bool


@dataclass
class Regiobeeld:
    regio: Regio
    vandaag: dt.date
    woningen: int = 0
    plekken_nu: int = 0
    plekken_binnenkort: int = 0
    vertrek_gepland: int = 0
    per_soort: list[Plekrij] = field(default_factory=list)
    per_leeftijd: list[Plekrij] = field(default_factory=list)
    wachtend: int = 0
    nog_niet_nodig: int = 0
    wacht_mediaan: int | None = None
    wacht_langst: int | None = None
    per_wachttijd: list[tuple[str, int]] = field(default_factory=list)
    voorstellen_open: int = 0
    per_status: list[tuple[str, int]] = field(default_factory=list)
    antwoorden: list[tuple[str, float, int, str]] = field(default_factory=list)
    trend: list[Trendmaand] = field(default_factory=list)
    spoed: list[Spoedrij] = field(default_factory=list)

    @property
    def spoed_te_laat(self) -> int:
        return sum(1 for rij in self.spoed if rij.te_laat)

    @property
    def leeg(self) -> bool:
        return not self.woningen and not self.wachtend and not self.nog_niet_nodig


def _procent(deel: int, geheel: int) -> str:
    return f"{round(100 * deel / geheel)}%" if geheel else "—"


def _maand_terug(maand: dt.date, aantal: int) -> dt.date:
    index = maand.year * 12 + maand.month - 1 - aantal
    return dt.date(index // 12, index % 12 + 1, 1)


MAANDEN = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def regiobeeld(regio: Regio, *, now: dt.datetime | None = None) -> Regiobeeld:
    """Every figure of the regional picture, in a fixed handful of queries."""
    now = now or timezone.now()
    vandaag = timezone.localdate(now)
    beeld = Regiobeeld(regio=regio, vandaag=vandaag)
    woningen = list(
        Voorziening.objects.filter(woningen_in(regio)).values_list(
            "pk", "omgeving", "gesloten", "leeftijd_min", "leeftijd_max"
        )
    )
    beeld.woningen = len(woningen)
    info = {
        pk: (omgeving, gesloten, (lmin, lmax)) for pk, omgeving, gesloten, lmin, lmax in woningen
    }
    grens = vandaag + dt.timedelta(days=BINNENKORT_DAGEN)

    soort_nu: Counter[tuple[str, bool]] = Counter()
    soort_later: Counter[tuple[str, bool]] = Counter()
    leeftijd_nu: Counter[tuple[int, int]] = Counter()
    leeftijd_later: Counter[tuple[int, int]] = Counter()
    for plek in vrije_plekken(regio, now=now):
        omgeving, gesloten, leeftijden = info[plek.woning_id]
        if plek.nu_vrij:
            beeld.plekken_nu += 1
            soort_nu[omgeving, gesloten] += 1
            leeftijd_nu[leeftijden] += 1
        else:
            beeld.plekken_binnenkort += 1
            soort_later[omgeving, gesloten] += 1
            leeftijd_later[leeftijden] += 1
    beeld.vertrek_gepland = (
        Plaatsing.objects.lopend()
        .filter(voorziening__in=list(info), geplande_einde__gte=vandaag, geplande_einde__lte=grens)
        .count()
    )
    omgeving_labels = dict(Voorziening._meta.get_field("omgeving").choices or [])
    for omgeving, gesloten in sorted(set(soort_nu) | set(soort_later)):
        label = (
            f"{omgeving_labels.get(omgeving, omgeving)}, {_('gesloten') if gesloten else _('open')}"
        )
        beeld.per_soort.append(
            Plekrij(str(label), soort_nu[omgeving, gesloten], soort_later[omgeving, gesloten])
        )
    for leeftijden in sorted(set(leeftijd_nu) | set(leeftijd_later)):
        label = _("%(van)s tot en met %(tot)s jaar") % {"van": leeftijden[0], "tot": leeftijden[1]}
        beeld.per_leeftijd.append(
            Plekrij(label, leeftijd_nu[leeftijden], leeftijd_later[leeftijden])
        )

    # Youths waiting: the wait counts from the day the place was needed.
    wachttijden = []
    for nodig_vanaf in Jongere.objects.filter(wachtende_jongeren(regio)).values_list(
        "nodig_vanaf", flat=True
    ):
        if nodig_vanaf > vandaag:
            beeld.nog_niet_nodig += 1
        else:
            wachttijden.append((vandaag - nodig_vanaf).days)
    beeld.wachtend = len(wachttijden)
    if wachttijden:
        beeld.wacht_mediaan = round(statistics.median(wachttijden))
        beeld.wacht_langst = max(wachttijden)
    klassen: Counter[str] = Counter()
    for dagen in wachttijden:
        for bovengrens, label in WACHT_KLASSEN:
            if bovengrens is None or dagen < bovengrens:
                klassen[label] += 1
                break
    beeld.per_wachttijd = [(label, klassen[label]) for _grens, label in WACHT_KLASSEN]

    # Proposals in flight: for the region's youths or to the region's homes.
    in_regio = Q(voorziening__aanbieder__regio=regio) | Q(jongere__organisatie__regio=regio)
    statussen = Counter(
        Voorstel.objects.filter(in_regio, status__in=OPEN_STATUSSEN).values_list(
            "status", flat=True
        )
    )
    beeld.voorstellen_open = sum(statussen.values())
    beeld.per_status = [
        (str(VoorstelStatus(code).label), statussen[code])
        for code in OPEN_STATUSSEN
        if statussen[code]
    ]
    per_aanbieder: dict[str, list[float]] = {}
    op_tijd: Counter[str] = Counter()
    for naam, verstuurd, beantwoord, uiterlijk in Voorstel.objects.filter(
        voorziening__aanbieder__regio=regio,
        verstuurd_op__isnull=False,
        beantwoord_op__isnull=False,
        beantwoord_op__date__gte=vandaag - dt.timedelta(days=365),
    ).values_list(
        "voorziening__aanbieder__naam", "verstuurd_op", "beantwoord_op", "antwoord_uiterlijk"
    ):
        if verstuurd is None or beantwoord is None:  # excluded by the query; for the types
            continue
        per_aanbieder.setdefault(naam, []).append((beantwoord - verstuurd).total_seconds() / 3600)
        if uiterlijk is None or beantwoord <= uiterlijk:
            op_tijd[naam] += 1
    beeld.antwoorden = [
        (naam, round(statistics.median(uren), 1), len(uren), _procent(op_tijd[naam], len(uren)))
        for naam, uren in sorted(per_aanbieder.items())
    ]
    beeld.trend = _trend(regio, vandaag, list(info))
    beeld.spoed = [
        Spoedrij(
            voorstel=voorstel.pseudoniem,
            organisatie=voorstel.jongere.organisatie.naam,
            sinds=timezone.localdate(voorstel.spoed_sinds),
            uiterlijk=voorstel.analyse_uiterlijk,
            te_laat=voorstel.analyse_te_laat(vandaag),
        )
        for voorstel in Voorstel.objects.filter(jongere__organisatie__regio=regio)
        .spoed_zonder_analyse()
        .select_related("jongere__organisatie")
        if voorstel.spoed_sinds is not None and voorstel.analyse_uiterlijk is not None
    ]
    return beeld


def _trend(regio: Regio, vandaag: dt.date, woning_ids: list[int]) -> list[Trendmaand]:
    """Per month over the last year: places published, stays started, youths registered,
    stays that broke down."""
    deze_maand = vandaag.replace(day=1)
    eerste = _maand_terug(deze_maand, TREND_MAANDEN - 1)

    def per_maand(dagen: list[dt.date]) -> Counter[dt.date]:
        return Counter(dag.replace(day=1) for dag in dagen if dag >= eerste)

    tz = timezone.get_current_timezone()
    vacatures = per_maand(
        [
            moment.astimezone(tz).date()
            for moment in Vacature.objects.filter(
                voorziening__in=woning_ids, aangemaakt_op__date__gte=eerste
            ).values_list("aangemaakt_op", flat=True)
        ]
    )
    plaatsingen = per_maand(
        list(
            Plaatsing.objects.filter(
                voorziening__in=woning_ids, aankomst__gte=eerste, aankomst__lte=vandaag
            ).values_list("aankomst", flat=True)
        )
    )
    aanmeldingen = per_maand(
        [
            moment.astimezone(tz).date()
            for moment in Jongere.objects.filter(
                organisatie__regio=regio, aangemaakt_op__date__gte=eerste
            ).values_list("aangemaakt_op", flat=True)
        ]
    )
    breuken = per_maand(
        [
            einde
            for einde in Plaatsing.objects.filter(
                voorziening__in=woning_ids,
                einde__gte=eerste,
                einde__lte=vandaag,
                eindreden__in=Plaatsing.EINDREDENEN_BREUK,
            ).values_list("einde", flat=True)
            if einde is not None
        ]
    )
    maanden = []
    for terug in range(TREND_MAANDEN - 1, -1, -1):
        maand = _maand_terug(deze_maand, terug)
        maanden.append(
            Trendmaand(
                maand=maand,
                label=f"{MAANDEN[maand.month - 1]} {maand.year % 100:02d}",
                vacatures=vacatures[maand],
                plaatsingen=plaatsingen[maand],
                aanmeldingen=aanmeldingen[maand],
                breuken=breuken[maand],
            )
        )
    return maanden


# --- The allocation's data ---------------------------------------------------------------


@dataclass(frozen=True)
class Regiodata:
    """What the allocation page works with: the engine's records plus names for display."""

    jongeren: dict[str, Jongere]  # by youth ref
    youths: list[Youth]
    woningen: dict[str, Voorziening]  # by home ref, only homes with a free place
    homes: list[Home]
    capaciteit: dict[str, int]
    afwijzingen: dict[str, int] = field(default_factory=dict)  # declines so far, by youth ref
    samen: list[tuple[str, str]] = field(default_factory=list)  # siblings, by youth ref

    def namen(self) -> dict[str, str]:
        namen = {ref: jongere.roepnaam for ref, jongere in self.jongeren.items()}
        namen.update({ref: woning.naam for ref, woning in self.woningen.items()})
        return namen

    def verzoek(
        self,
        *,
        today: dt.date,
        vast: dict[str, str],
        uitgesloten: frozenset[str],
        iedereen: bool,
    ) -> Verzoek:
        return Verzoek(
            youths=self.youths,
            homes=self.homes,
            today=today,
            vast=vast,
            uitgesloten=uitgesloten,
            iedereen=iedereen,
            namen=self.namen(),
            afwijzingen=self.afwijzingen,
            samen=self.samen,
        )


def laad_regiodata(user: User, regio: Regio, *, now: dt.datetime | None = None) -> Regiodata:
    """The region's waiting youths this person may see, and its homes with a free place."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    jongeren = list(
        Jongere.objects.for_user(user)
        .filter(wachtende_jongeren(regio))
        .order_by("nodig_vanaf", "roepnaam", "pk")
    )
    youths = [youth_from_jongere(jongere, jongere.actuele_analyse()) for jongere in jongeren]
    woningen_qs = Voorziening.objects.for_user(user).filter(woningen_in(regio))
    homes = [
        home
        for home in load_homes(today=today, now=now, only=woningen_qs.values_list("pk", flat=True))
        if capaciteit(home) > 0
    ]
    refs = {home.ref for home in homes}
    woningen = {
        home_ref(woning.pk): woning
        for woning in woningen_qs.filter(pk__in=[int(ref) for ref in refs]).order_by("naam")
    }
    youth_refs = {jongere.pk: youth.ref for youth, jongere in zip(youths, jongeren, strict=True)}
    afwijzingen = {
        youth_refs[jongere_id]: aantal
        for jongere_id, aantal in Voorstel.objects.filter(
            jongere_id__in=list(youth_refs), status=VoorstelStatus.AFGEWEZEN
        )
        .values("jongere_id")
        .annotate(aantal=Count("pk"))
        .values_list("jongere_id", "aantal")
    }
    return Regiodata(
        jongeren={youth.ref: jongere for youth, jongere in zip(youths, jongeren, strict=True)},
        youths=youths,
        woningen=woningen,
        homes=sorted(homes, key=lambda home: woningen[home.ref].naam),
        capaciteit={home.ref: capaciteit(home) for home in homes},
        afwijzingen=afwijzingen,
        samen=[
            (youth_refs[a], youth_refs[b])
            for a, b in Jongere.broers_zussen.through.objects.filter(
                from_jongere_id__in=list(youth_refs), to_jongere_id__in=list(youth_refs)
            ).values_list("from_jongere_id", "to_jongere_id")
            if a < b
        ],
    )
