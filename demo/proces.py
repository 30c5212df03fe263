"""The harder cases of the process: an emergency placement whose analysis is overdue, two
siblings who look for a home together, and a case escalated to the region's expert table."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from jongeren.models import Fase, Jongere, VerklarendeAnalyse
from voorstellen.models import Voorstel, VoorstelGebeurtenis, VoorstelStatus
from voorzieningen.models import Voorziening

ORGANISATIE = "Gemeente Groningen — Regionaal Expertteam"
BROERS = ("Daan", "Finn")
GEESCALEERD = "Yara"


def seed(log: list[str]) -> None:
    now = timezone.now()
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
