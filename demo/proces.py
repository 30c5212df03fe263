"""The harder cases of the process: an emergency placement whose analysis is overdue, two
siblings who look for a home together, a case escalated to the region's expert table, the
endorsement of a youth without an account recorded by the coordinator, and a youth of 17½
in a home with a chosen mentor and a partly filled transition checklist."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from jongeren.models import Fase, Instemming, Jongere, VerklarendeAnalyse
from voorstellen.models import Voorstel, VoorstelGebeurtenis, VoorstelStatus
from voorzieningen.models import Overgangspunt, Perspectief, Plaatsing, Voorziening

ORGANISATIE = "Gemeente Groningen — Regionaal Expertteam"
BROERS = ("Daan", "Finn")
GEESCALEERD = "Yara"
ZONDER_ACCOUNT = "Sara"
OVERGANG = "Ilse"
NOORDERHUIS = "Stichting Noorderhuis"


def seed(log: list[str]) -> None:
    now = timezone.now()
    _instemming_zonder_account(log, now)
    _overgang(log, now)
    jongeren = Jongere.objects.filter(organisatie__naam=ORGANISATIE)
    broers = list(jongeren.filter(roepnaam__in=BROERS).order_by("roepnaam"))
    if len(broers) == 2:
        broers[0].broers_zussen.add(broers[1])
        log.append(f"broers: {broers[0]} en {broers[1]} gekoppeld")
    geescaleerd = jongeren.filter(roepnaam=GEESCALEERD).exclude(fase=Fase.GEPLAATST).first()
    if geescaleerd is not None:
        Jongere.objects.filter(pk=geescaleerd.pk).update(zoeken_sinds=now - dt.timedelta(weeks=5))
        log.append(f"expertteam: {geescaleerd} zoekt al vijf weken")
    if Voorstel.objects.filter(spoed_sinds__isnull=False).exists():
        log.append("spoedplaatsing (al aanwezig)")
        return
    spoed = (
        jongeren.filter(fase=Fase.ANALYSE)
        .exclude(roepnaam__in=[*BROERS, "Jesse"])
        .exclude(analyses__status=VerklarendeAnalyse.Status.GEDRAGEN)
        .order_by("roepnaam")
        .first()
    )
    woning = Voorziening.objects.filter(aanbieder__naam="Stichting Noorderhuis").first()
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    if spoed is None or woning is None or coordinator is None:
        log.append("spoedplaatsing: geen jongere of woning gevonden, overgeslagen")
        return
    sinds = now - dt.timedelta(days=16)
    reden = "Thuis niet meer veilig na een melding van de politie; opvang kon niet wachten."
    voorstel = Voorstel.objects.create(
        jongere=spoed,
        voorziening=woning,
        gemaakt_door=coordinator,
        motivatie="Spoed: een rustige plek met een vrije kamer.",
        status=VoorstelStatus.AKKOORD,
        verstuurd_op=sinds,
        analyse=spoed.actuele_analyse(),
        spoed_sinds=sinds,
        spoed_reden=reden,
    )
    VoorstelGebeurtenis.objects.create(
        voorstel=voorstel,
        door=coordinator,
        rol="coordinator",
        wat="spoed",
        van_status=VoorstelStatus.VERSTUURD,
        naar_status=VoorstelStatus.AKKOORD,
        waarom=f"{reden} (overgeslagen: antwoord van de woning, kennismaking, "
        "ja van de jongere en de ouders)",
        op=sinds,
    )
    Jongere.objects.filter(pk=spoed.pk).update(fase=Fase.VOORGESTELD)
    log.append(f"spoedplaatsing: {spoed}, analyse te laat sinds twee dagen")


def _instemming_zonder_account(log: list[str], now: dt.datetime) -> None:
    """Sara has no account: the coordinator records that she agreed in a talk; with the
    coordinator's own yes the version is endorsed."""
    sara = Jongere.objects.filter(roepnaam=ZONDER_ACCOUNT, account__isnull=True).first()
    analyse = sara.nieuwste_analyse() if sara is not None else None
    if sara is None or analyse is None or analyse.is_concept:
        log.append("instemming zonder account: Sara of haar analyse niet gevonden, overgeslagen")
        return
    Instemming.objects.update_or_create(
        analyse=analyse,
        rol=Instemming.Rol.JONGERE,
        persoon=None,
        defaults={
            "akkoord": True,
            "opmerking": "Sara wil graag een eigen kamer en een vaste mentor.",
            "op": now - dt.timedelta(days=2),
            "vastgelegd_door": sara.coordinator,
            "hoe": Instemming.Hoe.GESPREK,
            "gesprek_op": now - dt.timedelta(days=2, hours=2),
            "aanwezig": "De coördinator, Sara en haar voogd",
        },
    )
    if analyse.iedereen_akkoord() and not analyse.is_gedragen:
        VerklarendeAnalyse.objects.filter(pk=analyse.pk).update(
            status=VerklarendeAnalyse.Status.GEDRAGEN, gedragen_op=now - dt.timedelta(days=2)
        )
    log.append("instemming zonder account: vastgelegd door de coördinator voor Sara")


def _maanden_geleden(vandaag: dt.date, maanden: int) -> dt.date:
    totaal = vandaag.year * 12 + vandaag.month - 1 - maanden
    jaar, maand = divmod(totaal, 12)
    return dt.date(jaar, maand + 1, min(vandaag.day, 28))


def _overgang(log: list[str], now: dt.datetime) -> None:
    """Ilse (17 years and 8 months) lives in a home of Stichting Noorderhuis: she chose a
    mentor, the perspective is to live on her own, and two of the four items on her
    transition checklist are taken up."""
    vandaag = timezone.localdate()
    ilse = Jongere.objects.filter(roepnaam=OVERGANG).first()
    woning = (
        Voorziening.objects.filter(aanbieder__naam=NOORDERHUIS, opent_op__isnull=True)
        .order_by("naam")
        .first()
    )
    if ilse is None or woning is None:
        log.append("overgang: Ilse of een woning niet gevonden, overgeslagen")
        return
    geboren = _maanden_geleden(vandaag, 17 * 12 + 8)
    Jongere.objects.filter(pk=ilse.pk).update(geboortedatum=geboren, fase=Fase.GEPLAATST)
    verblijf = (
        Plaatsing.objects.filter(jongere=ilse, einde__isnull=True).first()
        or woning.plaatsingen.lopend().filter(jongere__isnull=True).order_by("aanduiding").first()
    )
    if verblijf is None:
        log.append("overgang: geen bewoner om Ilse aan te koppelen, overgeslagen")
        return
    mentor = verblijf.voorziening.teamleden.actief(vandaag).order_by("naam").first()
    Plaatsing.objects.filter(pk=verblijf.pk).update(
        jongere=ilse,
        geboortemaand=geboren.replace(day=1),
        geslacht=ilse.geslacht,
        aankomst=vandaag - dt.timedelta(days=120),
        mentor=mentor,
        mentor_gekozen_op=now - dt.timedelta(days=110),
        mentor_vastgelegd_door=None,
    )
    Perspectief.objects.update_or_create(
        plaatsing=verblijf,
        richting=Perspectief.Richting.ZELFSTANDIG,
        defaults={
            "toelichting": "Een kamer met begeleiding in Groningen; eerst leren koken en "
            "met geld omgaan.",
            "door": ilse.coordinator,
            "op": now - dt.timedelta(days=60),
        },
    )
    punten = {
        Overgangspunt.Onderwerp.WONEN: (
            Overgangspunt.Status.BEZIG,
            "Aangemeld voor een kamer met begeleiding; de wachttijd is drie maanden.",
        ),
        Overgangspunt.Onderwerp.SCHOOL_WERK: (
            Overgangspunt.Status.GEREGELD,
            "Begint na de zomer met mbo Zorg en Welzijn, niveau 2.",
        ),
    }
    for onderwerp, (status, notitie) in punten.items():
        Overgangspunt.objects.update_or_create(
            plaatsing=verblijf,
            onderwerp=onderwerp,
            defaults={
                "status": status,
                "notitie": notitie,
                "door": ilse.coordinator,
                "gewijzigd_op": now - dt.timedelta(days=14),
            },
        )
    log.append(
        f"overgang: {ilse} (17½) in {verblijf.voorziening.naam}, mentor {mentor}, "
        "overgangslijst half ingevuld"
    )
