"""A full file for one youth, for the privacy tests: every kind of data the export shows.

Rows are written straight to the tables (not through the proposal workflow), so the tests
control every date; `maak_oud` moves a file back in time past the retention period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Melding, User
from jongeren.models import Instemming, Jongere, Uitnodiging, VerklarendeAnalyse
from tests.jongeren.factories import AnalyseFactory
from tests.voorzieningen.factories import PlaatsingFactory, VoorzieningFactory
from voorstellen.models import (
    Besluit,
    Kennismaking,
    Toestemming,
    Voorstel,
    VoorstelGebeurtenis,
    VoorstelStatus,
)
from voorzieningen.models import Plaatsing

# Distinctive texts, so a test can tell exactly where each one ends up.
FACTOREN = "Factortekst-geheim"
MOTIVATIE = "Motivatietekst-geheim"
TEKST_VOOR_WONING = "Woningtekst-geheim"
OPMERKING = "Opmerkingtekst-geheim"
TOELICHTING = "Bewonertoelichting-geheim"
SIGNAAL_LABEL = "Weglopen"


@dataclass
class Dossier:
    jongere: Jongere
    analyse: VerklarendeAnalyse
    voorstel: Voorstel
    plaatsing: Plaatsing


def vul_dossier(jongere: Jongere, *, beheerder: User) -> Dossier:
    analyse = AnalyseFactory.create(
        jongere=jongere,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        factoren=FACTOREN,
        signalen=["weglopen"],
        belangrijk_jongere="Bij mijn oma in de buurt.",
    )
    assert jongere.account is not None
    Instemming.objects.create(
        analyse=analyse, persoon=jongere.account, rol="jongere", akkoord=True, opmerking=OPMERKING
    )
    Uitnodiging.objects.create(
        jongere=jongere,
        email=jongere.account.email,
        persoon=jongere.account,
        rol="jongere",
        verstuurd_door=jongere.coordinator,
    )
    assert beheerder.organisatie is not None
    woning = VoorzieningFactory.create(aanbieder=beheerder.organisatie, naam="De Eik")
    vandaag = timezone.localdate()
    plaatsing = PlaatsingFactory.create(
        voorziening=woning,
        jongere=jongere,
        aanduiding="NB",
        signalen=["weglopen"],
        toelichting=TOELICHTING,
        aankomst=vandaag - dt.timedelta(days=200),
        einde=vandaag - dt.timedelta(days=10),
        eindreden=Plaatsing.Eindreden.GEPLAND,
        opzegtermijn_dagen=30,
    )
    nu = timezone.now()
    voorstel = Voorstel.objects.create(
        jongere=jongere,
        voorziening=woning,
        analyse=analyse,
        gemaakt_door=jongere.coordinator,
        motivatie=MOTIVATIE,
        tekst_voor_woning=TEKST_VOOR_WONING,
        status=VoorstelStatus.GEPLAATST,
        uitleg_per_publiek={"coordinator": {"aandacht": ["Let op weglopen"]}},
        verstuurd_op=nu - dt.timedelta(days=230),
        beantwoord_op=nu - dt.timedelta(days=229),
        antwoord_toelichting="Wij hebben plek.",
        plaatsing=plaatsing,
    )
    VoorstelGebeurtenis.objects.create(
        voorstel=voorstel, door=jongere.coordinator, wat="maak", waarom=MOTIVATIE
    )
    Besluit.objects.create(
        voorstel=voorstel, persoon=jongere.account, rol="jongere", keuze="ja", opmerking=OPMERKING
    )
    Toestemming.objects.create(
        voorstel=voorstel, persoon=jongere.coordinator, rol="overschreven", reden=OPMERKING
    )
    Kennismaking.objects.create(
        voorstel=voorstel,
        soort=Kennismaking.Soort.BEZOEK,
        datum=nu - dt.timedelta(days=220),
        plaats="Eikenlaan 3",
        notitie_woning=OPMERKING,
    )
    Melding.objects.create(ontvanger=jongere.account, tekst="Er is iets veranderd in je voorstel.")
    for ouder in jongere.ouders.all():
        Melding.objects.create(ontvanger=ouder, tekst="Bericht voor de ouder.")
    return Dossier(jongere=jongere, analyse=analyse, voorstel=voorstel, plaatsing=plaatsing)


def maak_oud(dossier: Dossier, *, jaren: int) -> None:
    """Move every date of the file `jaren` years back (update() leaves auto_now alone)."""
    terug = dt.timedelta(days=365 * jaren + 30)
    p = dossier.plaatsing
    Plaatsing.objects.filter(pk=p.pk).update(
        aankomst=p.aankomst - terug, einde=(p.einde or p.aankomst) - terug
    )
    Jongere.objects.filter(pk=dossier.jongere.pk).update(
        gewijzigd_op=timezone.now() - terug, aangemaakt_op=timezone.now() - terug
    )
    VerklarendeAnalyse.objects.filter(jongere=dossier.jongere).update(
        gewijzigd_op=timezone.now() - terug
    )
    Voorstel.objects.filter(jongere=dossier.jongere).update(gewijzigd_op=timezone.now() - terug)
