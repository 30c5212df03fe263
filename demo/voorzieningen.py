"""Demo homes with teams, residents and vacancies (demo only; never load into production).

26 homes of the four demo care providers across Groningen, Friesland and Drenthe. The
names are invented; the places and their coordinates are real (from the geocoder's
table). Running the seed again changes nothing: every row is found again by a natural
key (a home by provider and name, a team member by home and first name, a resident by
home and the home's own reference, a vacancy by its position in the home's list), and
every random choice comes from one seeded generator, so the data is the same each time.
Dates are relative to today, so the demo stays current.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field

from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import Organisatie
from kern.choices import Geslacht, Omgeving, Signaal, Zorgintensiteit, Zorgprofiel
from kern.geocoding import Geocoder, get_geocoder
from kern.models import Kenmerk
from voorzieningen.fotos import maak_schoon
from voorzieningen.models import (
    Behandelpartner,
    FotoWoning,
    Onderwijs,
    Ouderdeelname,
    Plaatsing,
    Teamlid,
    Vacature,
    Voorziening,
    leeftijd_op,
)

NOORDERHUIS = "Stichting Noorderhuis"
WADDENKRING = "Waddenkring Jeugdzorg"
HUNZEDAL = "Zorggroep Hunzedal"
EEMSLAND = "Eemsland Wonen & Zorg"


@dataclass(frozen=True)
class DemoVacature:
    vanaf_over: int  # days from today
    bevestigd_geleden: int  # days since the manager last confirmed it


@dataclass(frozen=True)
class DemoWoning:
    aanbieder: str
    naam: str
    adres: str
    postcode: str
    plaats: str
    provincie: str
    max_bewoners: int
    bewoners: int
    leeftijd: tuple[int, int] = (12, 18)
    voorkeur: int = 4
    per_dienst: int = 1
    omgeving: str = Omgeving.WOONWIJK
    gesloten: bool = False
    opent_over: int | None = None
    vacatures: tuple[DemoVacature, ...] = field(default_factory=tuple)


V = DemoVacature

WONINGEN = [
    # Stichting Noorderhuis: beheerder@example.org
    DemoWoning(NOORDERHUIS, "De Linde", "Lindelaan 14", "9711 KL", "Groningen", "Groningen",
               4, 3, vacatures=(V(0, 2),)),
    DemoWoning(NOORDERHUIS, "Huize Ommeland", "Hoofdstraat 80", "9801 AG", "Zuidhorn",
               "Groningen", 5, 3, leeftijd=(14, 21), per_dienst=2,
               vacatures=(V(0, 20), V(14, 1))),
    DemoWoning(NOORDERHUIS, "De Wierde", "Wierdeweg 3", "9951 BC", "Winsum", "Groningen",
               4, 4, leeftijd=(10, 16)),
    DemoWoning(NOORDERHUIS, "Het Kompas", "Kompasweg 21", "9751 TE", "Haren", "Groningen",
               6, 5, omgeving=Omgeving.INSTELLINGSTERREIN, gesloten=True,
               vacatures=(V(3, 5),)),
    DemoWoning(NOORDERHUIS, "De Vlonder", "Vlonderstraat 2", "9351 PA", "Leek", "Groningen",
               4, 0, leeftijd=(16, 23), opent_over=45, vacatures=(V(45, 1), V(45, 1))),
    DemoWoning(NOORDERHUIS, "Het Baken", "Bakenlaan 9", "9301 JK", "Roden", "Drenthe",
               4, 2, leeftijd=(8, 14), vacatures=(V(10, 3),)),
    DemoWoning(NOORDERHUIS, "De Tuinen", "Tuinstraat 45", "9601 CD", "Hoogezand", "Groningen",
               3, 3, voorkeur=3),
    # Waddenkring Jeugdzorg: beheerder2@example.org
    DemoWoning(WADDENKRING, "Huize Wadzicht", "Dijkweg 7", "9151 AB", "Holwert", "Friesland",
               4, 3, vacatures=(V(0, 1),)),
    DemoWoning(WADDENKRING, "De Terp", "Terpstraat 18", "8911 CK", "Leeuwarden", "Friesland",
               4, 4, leeftijd=(14, 20)),
    DemoWoning(WADDENKRING, "Het Anker", "Havenweg 11", "8861 AC", "Harlingen", "Friesland",
               5, 4, per_dienst=2, vacatures=(V(21, 3),)),
    DemoWoning(WADDENKRING, "De Eendracht", "Eendrachtsweg 30", "9201 GH", "Drachten",
               "Friesland", 4, 2, leeftijd=(16, 23), vacatures=(V(0, 6), V(30, 6))),
    DemoWoning(WADDENKRING, "De Hoeve", "Hoeveweg 5", "8601 BR", "Sneek", "Friesland",
               6, 6, per_dienst=2, omgeving=Omgeving.INSTELLINGSTERREIN),
    DemoWoning(WADDENKRING, "Huize Noorderlicht", "Noorderdiep 12", "9101 LM", "Dokkum",
               "Friesland", 4, 1, leeftijd=(8, 14), vacatures=(V(0, 16),)),
    DemoWoning(WADDENKRING, "De Kolk", "Kolkweg 4", "8441 EA", "Heerenveen", "Friesland",
               4, 3, leeftijd=(14, 18), gesloten=True),
    # Zorggroep Hunzedal
    DemoWoning(HUNZEDAL, "Het Hunzehuis", "Hunzeweg 22", "9461 BN", "Gieten", "Drenthe",
               4, 2, vacatures=(V(0, 2), V(7, 2))),
    DemoWoning(HUNZEDAL, "De Brink", "Brink 6", "9401 HV", "Assen", "Drenthe",
               4, 4, leeftijd=(14, 20)),
    DemoWoning(HUNZEDAL, "De Esch", "Eschweg 40", "7811 AP", "Emmen", "Drenthe",
               6, 5, voorkeur=5, leeftijd=(14, 18), per_dienst=2,
               omgeving=Omgeving.INSTELLINGSTERREIN, gesloten=True, vacatures=(V(5, 4),)),
    DemoWoning(HUNZEDAL, "De Hooiberg", "Hooiweg 1", "9411 KR", "Beilen", "Drenthe",
               3, 2, voorkeur=3, leeftijd=(8, 13)),
    DemoWoning(HUNZEDAL, "Het Veenhuis", "Veenstraat 17", "7901 BT", "Hoogeveen", "Drenthe",
               4, 3, leeftijd=(16, 23), vacatures=(V(0, 1),)),
    DemoWoning(HUNZEDAL, "Huize Dwingelderveld", "Heideweg 8", "7991 AA", "Dwingeloo",
               "Drenthe", 4, 3, vacatures=(V(14, 9),)),
    # Eemsland Wonen & Zorg
    DemoWoning(EEMSLAND, "De Dijk", "Zeedijk 2", "9931 PB", "Delfzijl", "Groningen",
               4, 3, vacatures=(V(0, 3),)),
    DemoWoning(EEMSLAND, "Het Eemshuis", "Eemsweg 25", "9901 CE", "Appingedam", "Groningen",
               5, 5, leeftijd=(14, 21), per_dienst=2),
    DemoWoning(EEMSLAND, "De Maar", "Maarweg 13", "9919 AH", "Loppersum", "Groningen",
               4, 2, leeftijd=(10, 16), vacatures=(V(7, 1),)),
    DemoWoning(EEMSLAND, "De Borg", "Borgweg 1", "9981 GA", "Uithuizen", "Groningen",
               6, 4, per_dienst=2, omgeving=Omgeving.INSTELLINGSTERREIN,
               vacatures=(V(0, 30),)),
    DemoWoning(EEMSLAND, "Huize Oldambt", "Stationsstraat 33", "9671 AM", "Winschoten",
               "Groningen", 4, 1, leeftijd=(16, 23), vacatures=(V(0, 2), V(0, 2))),
    DemoWoning(EEMSLAND, "De Pekel", "Pekelderweg 50", "9665 JC", "Oude Pekela", "Groningen",
               4, 4),
]  # fmt: skip

VOORNAMEN = [
    "Anouk", "Bram", "Chantal", "Daan", "Eline", "Fenna", "Gerrit", "Hanneke", "Ilse", "Jan",
    "Karin", "Lars", "Marloes", "Niels", "Olga", "Pim", "Renske", "Sjoerd", "Tessa", "Wouter",
    "Yvonne", "Hidde", "Femke", "Rutger", "Aaltje", "Jelmer", "Baukje", "Ahmed", "Samira",
    "Kees", "Lieke", "Mehmet", "Nienke", "Oene", "Priya", "Tjitske",
]  # fmt: skip
INITIALEN = "ABDEFGHJKLMNPRSTVWZ"

BESCHRIJVINGEN = [
    "Een gewoon huis in een rustige straat. Je hebt een eigen kamer en we eten samen aan tafel.",
    "Een huis met een grote tuin. Er is altijd iemand van het team die je kent.",
    "Een rustig huis dicht bij school en de bushalte. We helpen je met je dag.",
    "Een huis met plek om je terug te trekken. Je familie is welkom om mee te eten.",
]

SCHOLEN = [
    (Onderwijs.Soort.REGULIER, "Het Noorderpoort College"),
    (Onderwijs.Soort.REGULIER, "Openbare basisschool De Regenboog"),
    (Onderwijs.Soort.SPECIAAL, "De Zeester, school voor speciaal onderwijs"),
    (Onderwijs.Soort.ONDERWIJS_ZORG, "Onderwijs-zorgarrangement De Brug"),
]
# The levels each demo school teaches (the family's page marks the one at the youth's level).
NIVEAUS = {
    "Het Noorderpoort College": ["mbo"],
    "Openbare basisschool De Regenboog": ["basis"],
    "De Zeester, school voor speciaal onderwijs": ["speciaal", "praktijk"],
    "Onderwijs-zorgarrangement De Brug": ["praktijk", "vmbo", "havo"],
}
# Daily life, in turn per home (by its place in the list, not drawn: the demo's random stream
# stays as it was). (pets, own pet allowed, smoking, languages, food, faith and culture).
DAGELIJKS_LEVEN = [
    ("een hond, Bram", True, "rookvrij", ["nl", "en"], ["halal", "vegetarisch"], ["gebedsplek"]),
    ("", False, "buiten", ["nl", "fy"], ["vegetarisch"], ["feestdagen"]),
    ("twee katten", True, "rookvrij", ["nl", "ar", "tr"], ["halal"], ["gebedshuis", "vasten"]),
    ("", False, "rookvrij", ["nl", "pap"], ["glutenvrij", "lactosevrij"], []),
]
HUISREGELS = (
    "We eten samen om half zes. Door de week ben je om tien uur op je kamer; in het weekend "
    "om elf uur. Je telefoon gaat 's nachts aan de lader in de woonkamer. Bezoek kan na "
    "overleg met je begeleider."
)
PARTNERS = [
    ("GGZ Noord", "Psychiatrische behandeling en crisiszorg aan huis"),
    ("Traumacentrum Drie Noorden", "Traumabehandeling (EMDR, traumagerichte therapie)"),
    ("Verslavingszorg Noord", "Hulp bij middelengebruik"),
    ("Ambulant Team Jeugd", "Gezinsbehandeling en systeemtherapie"),
]
# Attention signals that the demo never puts in one group (the absolute incompatibility).
ONVERENIGBAAR = {Signaal.SEKSUEEL_GRENSOVERSCHRIJDEND, Signaal.SLACHTOFFER_MENSENHANDEL}
VERTREKREDENEN = list(Plaatsing.Eindreden)
# Mostly boys and girls, now and then someone who is neither or did not say.
GESLACHTEN = [Geslacht.MAN, Geslacht.VROUW, Geslacht.MAN, Geslacht.VROUW, Geslacht.ANDERS]


def _maand_terug(datum: dt.date, maanden: int) -> dt.date:
    totaal = datum.year * 12 + datum.month - 1 - maanden
    return dt.date(totaal // 12, totaal % 12 + 1, 1)


def _geboortemaand(rng: random.Random, leeftijd: int, vandaag: dt.date) -> dt.date:
    """A birth month that makes someone exactly `leeftijd` years old today."""
    maand = _maand_terug(vandaag, leeftijd * 12 + rng.randint(1, 11))
    assert leeftijd_op(maand, vandaag) == leeftijd
    return maand


def _signalen(rng: random.Random, al_in_groep: set[str]) -> list[str]:
    if rng.random() > 0.35:
        return []
    verboden = ONVERENIGBAAR if ONVERENIGBAAR & al_in_groep else set()
    keuze = [code for code in Signaal.values if code not in verboden]
    gekozen = set(rng.sample(keuze, rng.choice([1, 1, 2])))
    if gekozen >= ONVERENIGBAAR:
        gekozen.discard(Signaal.SLACHTOFFER_MENSENHANDEL)
    return [code for code in Signaal.values if code in gekozen]


def seed(log: list[str]) -> None:
    rng = random.Random(20260301)
    vandaag = timezone.localdate()
    now = timezone.now()
    geocoder = get_geocoder()
    kenmerken = list(Kenmerk.objects.actief().order_by("volgorde", "code"))
    aanbieders = {
        org.naam: org
        for org in Organisatie.objects.filter(naam__in={w.aanbieder for w in WONINGEN})
    }
    tellers = {"teamleden": 0, "bewoners": 0, "vacatures": 0}
    for volgnummer, spec in enumerate(WONINGEN):
        woning_tellers = seed_woning(
            rng, spec, volgnummer, aanbieders[spec.aanbieder], kenmerken, geocoder, vandaag, now
        )
        for key, value in woning_tellers.items():
            tellers[key] += value

    log.append(
        f"{len(WONINGEN)} voorzieningen, {tellers['teamleden']} teamleden, "
        f"{tellers['bewoners']} bewoners, {tellers['vacatures']} open vacatures"
    )


def seed_woning(
    rng: random.Random,
    spec: DemoWoning,
    volgnummer: int,
    aanbieder: Organisatie,
    kenmerken: list[Kenmerk],
    geocoder: Geocoder,
    vandaag: dt.date,
    now: dt.datetime,
) -> dict[str, int]:
    """One home with its school, partner, team, residents and vacancies; idempotent.

    `volgnummer` is the home's fixed position in its list: residents' references derive
    from it, so they stay the same on every run. Also used by `seed_demo_schaal`.
    """
    locatie = geocoder.lookup(spec.postcode)
    aanbod = rng.sample(kenmerken, rng.randint(3, 6))
    woning, _ = Voorziening.objects.update_or_create(
        aanbieder=aanbieder,
        naam=spec.naam,
        defaults={
            "adres": spec.adres,
            "postcode": spec.postcode,
            "plaats": spec.plaats,
            "provincie": spec.provincie,
            # A few hundred metres apart, so homes in one town are not on one spot.
            "lat": round(locatie.lat + rng.uniform(-0.006, 0.006), 4),
            "lon": round(locatie.lon + rng.uniform(-0.009, 0.009), 4),
            "omgeving": spec.omgeving,
            "gesloten": spec.gesloten,
            "max_bewoners": spec.max_bewoners,
            "voorkeur_bewoners": min(spec.voorkeur, spec.max_bewoners),
            "leeftijd_min": spec.leeftijd[0],
            "leeftijd_max": spec.leeftijd[1],
            "medewerkers_per_dienst": spec.per_dienst,
            "ouderdeelname": sorted(
                rng.sample(Ouderdeelname.values, rng.randint(2, 4)),
                key=Ouderdeelname.values.index,
            ),
            "ouderdeelname_toelichting": "Ouders zijn welkom; bel even van tevoren.",
            "beschrijving": rng.choice(BESCHRIJVINGEN),
            "opent_op": (
                vandaag + dt.timedelta(days=spec.opent_over)
                if spec.opent_over is not None
                else None
            ),
        },
    )
    woning.aanbod.set(aanbod)
    soort, school = rng.choice(SCHOLEN)
    Onderwijs.objects.update_or_create(
        voorziening=woning,
        naam=school,
        defaults={
            "soort": soort,
            "afstand_km": round(rng.uniform(0.4, 12), 1),
            "niveaus": NIVEAUS[school],
        },
    )
    dieren, eigen_dier, roken, talen, voeding, geloof = DAGELIJKS_LEVEN[
        volgnummer % len(DAGELIJKS_LEVEN)
    ]
    _seed_foto(woning, volgnummer)
    Voorziening.objects.filter(pk=woning.pk).update(
        eigen_kamer=True,
        kamers_toelichting=(
            "Je kamer mag je zelf inrichten. Je deelt een badkamer met één andere jongere."
        ),
        toegankelijkheid=["slaapkamer_beneden", "prikkelarm"] if volgnummer % 3 == 0 else [],
        huisdieren=dieren,
        eigen_huisdier=eigen_dier,
        roken=roken,
        huisregels=HUISREGELS,
        talen=talen,
        voeding=voeding,
        geloof_cultuur=geloof,
    )
    partner, behandeling = rng.choice(PARTNERS)
    Behandelpartner.objects.update_or_create(
        voorziening=woning, naam=partner, defaults={"behandeling": behandeling}
    )
    return {
        "teamleden": _seed_team(rng, woning, aanbod, vandaag, spec),
        "bewoners": _seed_bewoners(rng, woning, spec, volgnummer, vandaag),
        "vacatures": _seed_vacatures(woning, spec, vandaag, now),
    }


# Wall and roof colours of the demo drawings, in turn per home.
KLEUREN = [
    ("#c8553d", "#5b3a29"),
    ("#e0c097", "#3d405b"),
    ("#81b29a", "#6d2e46"),
    ("#f2cc8f", "#264653"),
]


def _seed_foto(woning: Voorziening, volgnummer: int) -> None:
    """A drawing of a house as the home's photo, made through the same re-encoding as an
    upload; the description says it is a drawing."""
    muur, dak = KLEUREN[volgnummer % len(KLEUREN)]
    beeld = Image.new("RGB", (800, 500), "#cfe8f3")
    teken = ImageDraw.Draw(beeld)
    teken.rectangle((0, 400, 800, 500), fill="#7fb069")
    teken.rectangle((220, 220, 580, 420), fill=muur)
    teken.polygon([(190, 230), (400, 90), (610, 230)], fill=dak)
    teken.rectangle((370, 320, 430, 420), fill="#3d2c1e")
    for links in (250, 470):
        teken.rectangle((links, 260, links + 80, 320), fill="#fdfcdc")
    bestand = io.BytesIO()
    beeld.save(bestand, format="PNG")
    schoon = maak_schoon(io.BytesIO(bestand.getvalue()), len(bestand.getvalue()))
    FotoWoning.objects.update_or_create(
        voorziening=woning,
        volgorde=0,
        defaults={
            "inhoud": schoon.inhoud,
            "breedte": schoon.breedte,
            "hoogte": schoon.hoogte,
            "beschrijving": "Tekening van het huis, met de voordeur en twee ramen (voorbeeld)",
        },
    )


def _seed_team(
    rng: random.Random,
    woning: Voorziening,
    aanbod: list[Kenmerk],
    vandaag: dt.date,
    spec: DemoWoning,
) -> int:
    namen = rng.sample(VOORNAMEN, rng.randint(5, 8))
    for index, naam in enumerate(namen):
        if spec.opent_over is not None:
            # A new team, already preparing the home before it opens.
            begin = vandaag - dt.timedelta(days=rng.randint(0, 30))
            einde = None
        else:
            begin = vandaag - dt.timedelta(days=rng.randint(60, 365 * 6))
            # The last one or two left within the year: the team's turnover.
            vertrokken = index >= len(namen) - rng.randint(0, 2)
            einde = vandaag - dt.timedelta(days=rng.randint(5, 300)) if vertrokken else None
            if einde is not None and einde <= begin:
                einde = begin + dt.timedelta(days=30)
        lid, _ = Teamlid.objects.update_or_create(
            voorziening=woning,
            naam=naam,
            defaults={
                "functie": Teamlid.Functie.GEDRAGSWETENSCHAPPER
                if index == 0
                else rng.choice(
                    [
                        Teamlid.Functie.PEDAGOGISCH_MEDEWERKER,
                        Teamlid.Functie.PEDAGOGISCH_MEDEWERKER,
                        Teamlid.Functie.PERSOONLIJK_BEGELEIDER,
                        Teamlid.Functie.ERVARINGSDESKUNDIGE,
                        Teamlid.Functie.NACHTMEDEWERKER,
                    ]
                ),
                "jaren_ervaring": rng.randint(0, 25),
                "begindatum": begin,
                "einddatum": einde,
            },
        )
        lid.competenties.set(rng.sample(aanbod, rng.randint(1, min(3, len(aanbod)))))
    return len(namen)


def _seed_bewoners(
    rng: random.Random, woning: Voorziening, spec: DemoWoning, volgnummer: int, vandaag: dt.date
) -> int:
    # Fixed references per home (not drawn at random), so a resident keeps their key.
    paren = [a + b for a in INITIALEN for b in INITIALEN if a != b]
    start = volgnummer * 11
    initialen = [paren[(start + 13 * index) % len(paren)] for index in range(spec.bewoners + 3)]
    signalen_in_groep: set[str] = set()
    for index in range(spec.bewoners):
        leeftijd = rng.randint(max(spec.leeftijd[0], 9), spec.leeftijd[1])
        verblijf_dagen = rng.randint(20, 600)
        signalen = _signalen(rng, signalen_in_groep)
        signalen_in_groep.update(signalen)
        geslacht = rng.choice(GESLACHTEN)
        geplande_einde = vandaag + dt.timedelta(days=rng.randint(30, 400))
        Plaatsing.objects.update_or_create(
            voorziening=woning,
            aanduiding=f"{initialen[index][0]}.{initialen[index][1]}.",
            defaults={
                "geboortemaand": _geboortemaand(rng, leeftijd, vandaag),
                "geslacht": geslacht,
                "zorgprofiel": rng.choice(Zorgprofiel.values),
                "zorgintensiteit": rng.choice(Zorgintensiteit.values),
                "signalen": signalen,
                # Nobody arrived before the age of 8.
                "aankomst": vandaag - dt.timedelta(days=min(verblijf_dagen, (leeftijd - 8) * 365)),
                "geplande_einde": geplande_einde if rng.random() < 0.4 else None,
                "einde": None,
                "eindreden": "",
                "opzegtermijn_dagen": None,
            },
        )
    if spec.opent_over is None:
        # Stays that ended: what the figures on moves are made of.
        for index in range(spec.bewoners, spec.bewoners + rng.randint(1, 3)):
            einde = vandaag - dt.timedelta(days=rng.randint(20, 700))
            reden = rng.choice(VERTREKREDENEN)
            Plaatsing.objects.update_or_create(
                voorziening=woning,
                aanduiding=f"{initialen[index][0]}.{initialen[index][1]}.",
                defaults={
                    "geboortemaand": _geboortemaand(rng, rng.randint(14, 20), vandaag),
                    "geslacht": rng.choice(Geslacht.values),
                    "zorgprofiel": rng.choice(Zorgprofiel.values),
                    "zorgintensiteit": rng.choice(Zorgintensiteit.values),
                    "signalen": [],
                    "aankomst": einde - dt.timedelta(days=rng.randint(40, 900)),
                    "geplande_einde": None,
                    "einde": einde,
                    "eindreden": reden,
                    "opzegtermijn_dagen": rng.choice([0, 3, 14, 30, 60]),
                    "toelichting": "",
                },
            )
    aantal = woning.plaatsingen.lopend().count()
    Voorziening.objects.filter(pk=woning.pk).update(bewoners_aantal=aantal)
    woning.bewoners_aantal = aantal
    return spec.bewoners


def _seed_vacatures(
    woning: Voorziening, spec: DemoWoning, vandaag: dt.date, now: dt.datetime
) -> int:
    bestaand = list(woning.vacatures.order_by("pk"))
    for index, vacature_spec in enumerate(spec.vacatures):
        bevestigd = now - dt.timedelta(days=vacature_spec.bevestigd_geleden, hours=2)
        velden = {
            "beschikbaar_vanaf": vandaag + dt.timedelta(days=vacature_spec.vanaf_over),
            "status": Vacature.Status.OPEN,
            "laatst_bevestigd": bevestigd,
            "plaatsing": None,
        }
        if index < len(bestaand):
            vacature = bestaand[index]
            for veld, waarde in velden.items():
                setattr(vacature, veld, waarde)
            vacature.save()
        else:
            vacature = Vacature.objects.create(voorziening=woning, **velden)
        # Published a while before it was last confirmed.
        Vacature.objects.filter(pk=vacature.pk).update(
            aangemaakt_op=bevestigd - dt.timedelta(days=3 * (index + 1))
        )
    # Vacancies beyond the demo's list (from clicking around) must not outnumber the places.
    # One by one (a handful at most), so that the search index hears of it.
    for vacature in woning.vacatures.filter(
        pk__in=[v.pk for v in bestaand[len(spec.vacatures) :]]
    ).filter(status__in=[Vacature.Status.OPEN, Vacature.Status.GERESERVEERD]):
        vacature.status = Vacature.Status.INGETROKKEN
        vacature.save(update_fields=["status", "gewijzigd_op"])
    return len(spec.vacatures)
