"""Scale the demo data up to a whole region, for the load test (`make loadtest`).

First loads the ordinary demo (the steps of `seed_demo`), then adds generated municipalities
with coordinators, care providers with managers, homes (with school, partner, team,
residents and vacancies, through the homes' own demo code) and youths (with family accounts
and analyses, through the youths' demo code) until there are `--woningen` homes and
`--jongeren` youths, and finally proposals in several states through the real workflow.

Idempotent and deterministic: every generated home and youth has a fixed number and a
random generator seeded with it; what already exists (found by its natural key) is left
alone, so a second run adds nothing. Accounts use the demo password; professionals get the
demo's authenticator (TOTP device), as the demo professionals do. Demo and load test only.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Organisatie, Regio, Rol, User
from demo import jongeren as jongeren_demo
from demo import voorzieningen as woningen_demo
from demo.accounts import demo_wachtwoord_hash, geef_demo_authenticator
from demo.schaalgebruikers import (
    BEHEERDERS_PER_AANBIEDER,
    COORDINATOREN_PER_GEMEENTE,
    beheerder_email,
    coordinator_email,
    jongere_email,
    ouder_email,
    verdeling,
)
from demo.voorstellen import houd_kennismaking
from jongeren.models import Jongere, JuridischKader, SchoolNiveau, VerklarendeAnalyse
from kern.choices import Omgeving, Signaal, Zorgintensiteit, Zorgprofiel
from kern.geocoding import DEFAULT_TABLE_PATH, OfflineGeocoder
from kern.models import Kenmerk
from matching.adapters import home_pk, rank_for
from matching.engine import Audience
from matching.services import herbereken_groepsbeeld
from voorstellen import services as flow
from voorstellen.models import Afwijsreden, Kennismaking, Voorstel
from voorzieningen.models import Voorziening

Status = VerklarendeAnalyse.Status

# (name, region). Invented names; the regions are the demo's.
GEMEENTEN = [
    ("Gemeente Emmen — Jeugdteam", "Drenthe"),
    ("Gemeente Leeuwarden — Jeugdteam", "Friesland"),
    ("Gemeente Smallingerland — Jeugdteam", "Friesland"),
    ("Gemeente Hoogeveen — Jeugdteam", "Drenthe"),
    ("Gemeente Midden-Groningen — Jeugdteam", "Groningen"),
    ("Gemeente Het Hogeland — Jeugdteam", "Groningen"),
]
AANBIEDERS = [
    "Stichting De Horizon", "Jeugdzorg Lauwersland", "Stichting Kleinhuis", "Zorgboerderij Eelde",
    "Stichting Thuisbasis", "Huiselijk Noord", "Stichting De Wending", "Jeugdhuis Fivelingo",
    "Zorggroep Reestdal", "Stichting Samen Wonen", "Woonzorg De Marne", "Stichting Het Erf",
    "Jeugdzorg Westerkwartier", "Stichting Ankerplaats", "Zorgcombinatie Oostergo",
    "Stichting Veldzicht", "Jeugdwonen Drentsche Aa", "Stichting De Brug Noord",
    "Zorggroep Wolden", "Stichting Thuis in Friesland",
]  # fmt: skip
REGIO_S = ["Groningen", "Friesland", "Drenthe"]
KERNEN = [
    "De Linde", "De Eik", "De Beuk", "De Wilg", "De Kastanje", "De Berk", "De Es", "De Hazelaar",
    "De Vlier", "De Meidoorn", "De Populier", "De Iep", "De Els", "De Lijsterbes", "De Hulst",
    "Het Vogelnest", "Het Zonnehuis", "Het Hofje", "Het Erf", "Het Veld", "Het Pad", "Het Dorp",
    "Huize Zomerzorg", "Huize Rustoord", "Huize Morgenrood", "Huize Duinzicht", "Huize Akkerland",
    "De Molen", "De Sluis", "De Haven", "De Dijk", "De Terp", "De Wierde", "De Hoeve", "De Schuur",
    "De Boomgaard", "De Moestuin", "De Kring", "De Stek", "De Nieuwe Haven", "De Zwaluw",
    "De Merel", "De Kievit", "De Grutto", "De Reiger", "De Lepelaar", "De Spreeuw", "De Vink",
    "De Uil", "De Vos", "De Das", "De Egel", "De Otter", "Het Baken", "Het Anker", "Het Kompas",
    "De Vuurtoren", "De Horizon", "De Overkant", "De Tuinkamer",
]  # fmt: skip
STRATEN = ["Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Parklaan"]
ROEPNAMEN = [
    "Lars", "Emma", "Tim", "Sophie", "Luuk", "Julia", "Thijs", "Lisa", "Milan", "Eva", "Stijn",
    "Anna", "Ruben", "Iris", "Jesse", "Roos", "Bas", "Fleur", "Gijs", "Sanne", "Koen", "Noa",
    "Timo", "Lynn", "Rik", "Zoë", "Sven", "Elin", "Joep", "Maud", "Niek", "Lieke", "Wessel",
    "Jade", "Hamza", "Amira", "Youssef", "Nour", "Dirk", "Femke",
]  # fmt: skip
INITIALEN = "ABCDEFGHJKLMNPRSTVW"
# Without S: the letter pairs SA, SD and SS are not used in Dutch postcodes.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"
GESLACHTEN = ["m", "v", "m", "v", "x"]

# How far along each generated youth is: three in ten still in the analysis, seven with an
# endorsed one; of those, five get proposals (and a family account). See `fase`.
FASEN = ["analyse"] * 3 + ["zoeken"] * 2 + ["voorstel"] * 5
# What happens to each proposal after it is sent, in turn.
VOORSTEL_AFLOPEN = [
    "verstuurd",
    "interesse",
    "kennismaking_gepland",
    "kennismaking_gehouden",
    "afgewezen",
    "verstuurd",
    "ingetrokken",
    "kennismaking_gehouden",
]


@dataclass(frozen=True)
class Plaats:
    naam: str
    provincie: str
    pc4: int


def _plaatsen() -> dict[str, list[Plaats]]:
    """Places of the three northern provinces in the geocoder's own table, by province."""
    per_provincie: dict[str, list[Plaats]] = {regio: [] for regio in REGIO_S}
    with DEFAULT_TABLE_PATH.open(encoding="utf-8", newline="") as bestand:
        for rij in csv.DictReader(bestand):
            if rij["provincie"] in per_provincie and rij["pc4_van"]:
                per_provincie[rij["provincie"]].append(
                    Plaats(rij["naam"], rij["provincie"], int(rij["pc4_van"]))
                )
    return per_provincie


def fase(nummer: int) -> str:
    """The stage of generated youth `nummer`. Shifted once per round of coordinators, so that
    every coordinator gets youths at every stage (numbers go round the municipalities and
    their coordinators, which would otherwise give one coordinator one stage only)."""
    ronde = nummer // (len(GEMEENTEN) * COORDINATOREN_PER_GEMEENTE)
    return FASEN[(nummer + ronde) % len(FASEN)]


def coordinator_van(nummer: int) -> int:
    """The number of the coordinator (see `coordinator_email`) of generated youth `nummer`:
    youths go round the municipalities, and within one round its coordinators."""
    gemeente = nummer % len(GEMEENTEN)
    binnen = (nummer // len(GEMEENTEN)) % COORDINATOREN_PER_GEMEENTE
    return gemeente * COORDINATOREN_PER_GEMEENTE + binnen + 1


def woning_spec(nummer: int, plaatsen: dict[str, list[Plaats]]) -> woningen_demo.DemoWoning:
    """Generated home `nummer` (0-based): always the same provider, name and make-up."""
    rng = random.Random(f"passendeplek-schaal-woning-{nummer}")
    aanbieder = AANBIEDERS[nummer % len(AANBIEDERS)]
    volgnummer = nummer // len(AANBIEDERS)
    naam = KERNEN[volgnummer % len(KERNEN)]
    if volgnummer >= len(KERNEN):
        naam = f"{naam} {volgnummer // len(KERNEN) + 1}"
    regio = REGIO_S[AANBIEDERS.index(aanbieder) % len(REGIO_S)]
    # Mostly in the provider's own province, now and then across the border.
    provincie = regio if rng.random() < 0.8 else rng.choice(REGIO_S)
    plaats = rng.choice(plaatsen[provincie])
    max_bewoners = rng.choice([3, 4, 4, 4, 5, 6])
    leeftijd_min = rng.choice([8, 10, 12, 12, 14, 16])
    nieuw = rng.random() < 0.03
    bewoners = 0 if nieuw else rng.randint(max(0, max_bewoners - 3), max_bewoners)
    vrij = max_bewoners - bewoners
    vacatures = tuple(
        woningen_demo.DemoVacature(
            vanaf_over=45 if nieuw else rng.choice([0, 0, 7, 14, 30]),
            bevestigd_geleden=rng.choice([1, 2, 3, 5, 9, 16, 20]),
        )
        for _ in range(min(vrij, rng.choice([0, 1, 1, 2])))
    )
    return woningen_demo.DemoWoning(
        aanbieder=aanbieder,
        naam=naam,
        adres=f"{rng.choice(STRATEN)} {rng.randint(1, 120)}",
        postcode=f"{plaats.pc4} {rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}",
        plaats=plaats.naam,
        provincie=plaats.provincie,
        max_bewoners=max_bewoners,
        bewoners=bewoners,
        leeftijd=(leeftijd_min, min(23, leeftijd_min + rng.choice([6, 6, 8, 10]))),
        voorkeur=min(4, max_bewoners),
        per_dienst=rng.choice([1, 1, 2]),
        omgeving=Omgeving.INSTELLINGSTERREIN if rng.random() < 0.15 else Omgeving.WOONWIJK,
        gesloten=rng.random() < 0.1,
        opent_over=45 if nieuw else None,
        vacatures=vacatures,
    )


def jongere_spec(
    nummer: int, plaatsen: dict[str, list[Plaats]], behoeften: list[str], gezin: int | None
) -> tuple[jongeren_demo.DemoJongere, int]:
    """Generated youth `nummer` (0-based) and the number of their municipality.

    `gezin` numbers the family accounts (youth and one parent) of those who get proposals.
    """
    rng = random.Random(f"passendeplek-schaal-jongere-{nummer}")
    gemeente = nummer % len(GEMEENTEN)
    volgnummer = nummer // len(GEMEENTEN)
    roepnaam = (
        f"{ROEPNAMEN[volgnummer % len(ROEPNAMEN)]} {INITIALEN[volgnummer // len(ROEPNAMEN)]}."
    )
    regio = GEMEENTEN[gemeente][1]
    woonplaats = rng.choice(plaatsen[regio]).naam
    stadium = fase(nummer)
    leeftijd = rng.randint(12, 19) if stadium == "voorstel" else rng.randint(9, 19)
    profiel = rng.choice(Zorgprofiel.values)
    intensiteit = rng.choice(Zorgintensiteit.values)
    signalen = tuple(rng.sample([Signaal.WEGLOPEN, Signaal.AGRESSIE, Signaal.VERSLAVING], 1))
    gekozen = tuple((code, rng.randint(1, 3), "") for code in rng.sample(behoeften, 3))
    if stadium == "analyse":
        status = rng.choice([Status.CONCEPT, Status.TER_INSTEMMING])
        versie = jongeren_demo.demo_versie(
            rng,
            status,
            compleet=status != Status.CONCEPT,
            behoeften=gekozen,
            signalen=signalen if rng.random() < 0.3 else (),
            profiel=profiel,
            intensiteit=intensiteit,
            dagen_geleden=rng.randint(1, 10),
        )
    else:
        versie = jongeren_demo.demo_versie(
            rng,
            Status.GEDRAGEN,
            behoeften=gekozen,
            signalen=signalen if rng.random() < 0.3 else (),
            profiel=profiel,
            intensiteit=intensiteit,
            reacties=jongeren_demo.ALLEN if gezin is not None else (("coordinator", True, ""),),
            dagen_geleden=rng.randint(5, 40),
        )
    schoolplaats = rng.choice(plaatsen[regio]).naam
    niveau = SchoolNiveau.BASIS if leeftijd < 12 else rng.choice(SchoolNiveau.values[1:7])
    gesloten = rng.random() < 0.1
    return (
        jongeren_demo.DemoJongere(
            roepnaam=roepnaam,
            leeftijd=leeftijd,
            geslacht=rng.choice(GESLACHTEN),
            woonplaats=woonplaats,
            coordinator="",
            fase="analyse" if stadium == "analyse" else "zoeken",
            nodig_over_dagen=rng.randint(7, 90),
            school=(f"Scholengemeenschap {schoolplaats}", niveau, schoolplaats),
            kader=JuridischKader.MACHTIGING_GESLOTEN if gesloten else JuridischKader.VRIJWILLIG,
            machtiging_maanden=6 if gesloten else None,
            account=jongere_email(gezin) if gezin is not None else None,
            ouders=(
                ((ouder_email(gezin), rng.choice(woningen_demo.VOORNAMEN), "de Jong"),)
                if gezin is not None
                else ()
            ),
            versies=(versie,),
        ),
        gemeente,
    )


def gezinsnummers(aantal: int) -> dict[int, int]:
    """Generated youth number -> family-account number, for those who get proposals."""
    nummers = [n for n in range(aantal) if fase(n) == "voorstel"]
    return {n: index for index, n in enumerate(nummers, start=1)}


class Command(BaseCommand):
    help = (
        "Schaalt de demogegevens op tot een hele regio (voor de belastingtest; nooit in productie)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--woningen", type=int, default=1000)
        parser.add_argument("--jongeren", type=int, default=500)
        parser.add_argument(
            "--gebruikers",
            type=int,
            default=None,
            help="Zoveel gesimuleerde gebruikers krijgen een eigen account (belastingtest); "
            "zonder: 30 coördinatoren en 40 beheerders.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DJANGO_DEBUG uit staat (nooit in productie!).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo_schaal runs only with DJANGO_DEBUG=1; use --force if you really mean it."
            )
        nodig = verdeling(options["gebruikers"] or 0)
        gezinnen = len(
            gezinsnummers(max(0, options["jongeren"] - len(jongeren_demo.demo_jongeren())))
        )
        if gezinnen * 2 < nodig["gezin"]:
            raise CommandError(
                f"{options['gebruikers']} gesimuleerde gebruikers vragen {nodig['gezin']} "
                f"gezinsaccounts, {options['jongeren']} jongeren geven er {gezinnen * 2}: "
                "geef meer --jongeren."
            )
        # First the ordinary demo, then the region around it.
        call_command("seed_demo", force=options["force"], stdout=self.stdout)
        self.wachtwoord_hash = demo_wachtwoord_hash()
        self.plaatsen = _plaatsen()
        with transaction.atomic():
            coordinatoren = self._organisaties_en_accounts(
                coordinatoren=nodig["coordinator"], beheerders=nodig["beheerder"]
            )
        nieuwe_woningen = self._woningen(options["woningen"])
        nieuwe_jongeren = self._jongeren(options["jongeren"], coordinatoren)
        voorstellen = self._voorstellen()
        self.stdout.write(
            f"  {Voorziening.objects.count()} voorzieningen ({nieuwe_woningen} nieuw), "
            f"{Jongere.objects.count()} jongeren ({nieuwe_jongeren} nieuw), "
            f"{Voorstel.objects.count()} voorstellen ({voorstellen} nieuw)"
        )
        if connection.vendor == "postgresql":
            # Thousands of rows just arrived: without fresh planner statistics PostgreSQL
            # guesses the tables are still tiny and picks nested loops over them. A run on a
            # database scaled before rewrites rows (teams, stays, group pictures): the vacuum
            # clears what they left behind, so a second run measures what the first did.
            with connection.cursor() as cursor:
                # (VACUUM cannot run inside a transaction, e.g. a test's.)
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS("Opgeschaalde demodata staat klaar."))

    # --- organisations and accounts -------------------------------------------------------

    def _account(self, email: str, voornaam: str, rol: Rol, organisatie: Organisatie) -> User:
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "first_name": voornaam,
                "last_name": organisatie.naam.split(" — ")[0],
                "rol": rol,
                "organisatie": organisatie,
                "is_active": True,
                "password": self.wachtwoord_hash,
            },
        )
        geef_demo_authenticator(user)
        return user

    def _organisaties_en_accounts(self, *, coordinatoren: int, beheerders: int) -> dict[str, User]:
        """The generated organisations and accounts; returns the coordinators by e-mail.

        Five coordinators per municipality and two managers per provider at least; more when
        the load test simulates more users, numbered on and handed out round the
        municipalities and providers, so that the first accounts never change organisation.
        """
        regio_s = {naam: Regio.objects.get_or_create(naam=naam)[0] for naam in REGIO_S}
        gemeenten = [
            Organisatie.objects.update_or_create(
                naam=naam,
                defaults={"soort": Organisatie.Soort.GEMEENTE, "regio": regio_s[regio]},
            )[0]
            for naam, regio in GEMEENTEN
        ]
        vast = len(GEMEENTEN) * COORDINATOREN_PER_GEMEENTE
        per_account: dict[str, User] = {}
        for nummer in range(1, max(vast, coordinatoren) + 1):
            index = (
                (nummer - 1) // COORDINATOREN_PER_GEMEENTE
                if nummer <= vast
                else ((nummer - vast - 1) % len(GEMEENTEN))
            )
            email = coordinator_email(nummer)
            n = (nummer - 1) % COORDINATOREN_PER_GEMEENTE + 1
            per_account[email] = self._account(
                email,
                ROEPNAMEN[(index * 7 + n) % len(ROEPNAMEN)],
                Rol.COORDINATOR,
                gemeenten[index],
            )
        aanbieders = [
            Organisatie.objects.update_or_create(
                naam=naam,
                defaults={
                    "soort": Organisatie.Soort.ZORGAANBIEDER,
                    "regio": regio_s[REGIO_S[index % len(REGIO_S)]],
                },
            )[0]
            for index, naam in enumerate(AANBIEDERS)
        ]
        vast = len(AANBIEDERS) * BEHEERDERS_PER_AANBIEDER
        for nummer in range(1, max(vast, beheerders) + 1):
            index = (
                (nummer - 1) // BEHEERDERS_PER_AANBIEDER
                if nummer <= vast
                else ((nummer - vast - 1) % len(AANBIEDERS))
            )
            n = (nummer - 1) % BEHEERDERS_PER_AANBIEDER + 1
            self._account(
                beheerder_email(nummer),
                ROEPNAMEN[(index * 5 + n) % len(ROEPNAMEN)],
                Rol.BEHEERDER,
                aanbieders[index],
            )
        return per_account

    # --- homes ----------------------------------------------------------------------------

    def _woningen(self, totaal: int) -> int:
        vandaag = timezone.localdate()
        now = timezone.now()
        geocoder = OfflineGeocoder()
        kenmerken = list(Kenmerk.objects.actief().order_by("volgorde", "code"))
        aanbieders = {org.naam: org for org in Organisatie.objects.filter(naam__in=AANBIEDERS)}
        bestaand = set(
            Voorziening.objects.filter(aanbieder__naam__in=AANBIEDERS).values_list(
                "aanbieder__naam", "naam"
            )
        )
        nieuw = []
        for nummer in range(max(0, totaal - len(woningen_demo.WONINGEN))):
            spec = woning_spec(nummer, self.plaatsen)
            if (spec.aanbieder, spec.naam) in bestaand:
                continue
            with transaction.atomic():
                rng = random.Random(f"passendeplek-schaal-woning-inhoud-{nummer}")
                woningen_demo.seed_woning(
                    rng,
                    spec,
                    len(woningen_demo.WONINGEN) + nummer,
                    aanbieders[spec.aanbieder],
                    kenmerken,
                    geocoder,
                    vandaag,
                    now,
                )
            nieuw.append(spec)
        pks = Voorziening.objects.filter(
            aanbieder__naam__in=AANBIEDERS, naam__in={spec.naam for spec in nieuw}
        ).values_list("pk", "aanbieder__naam", "naam")
        nieuwe_namen = {(spec.aanbieder, spec.naam) for spec in nieuw}
        for pk, aanbieder, naam in pks:
            if (aanbieder, naam) in nieuwe_namen:
                herbereken_groepsbeeld(voorziening_id=pk)
        return len(nieuw)

    # --- youths ---------------------------------------------------------------------------

    def _jongeren(self, totaal: int, coordinatoren: dict[str, User]) -> int:
        vandaag = timezone.localdate()
        nu = timezone.now()
        geocoder = OfflineGeocoder()
        kenmerken = {k.code: k for k in Kenmerk.objects.all()}
        behoeften = sorted(k.code for k in Kenmerk.objects.actief())
        aantal = max(0, totaal - len(jongeren_demo.demo_jongeren()))
        gezinnen = gezinsnummers(aantal)
        bestaand = set(
            Jongere.objects.filter(
                organisatie__naam__in=[naam for naam, _ in GEMEENTEN]
            ).values_list("organisatie__naam", "roepnaam")
        )
        nieuw = 0
        for nummer in range(aantal):
            spec, gemeente = jongere_spec(nummer, self.plaatsen, behoeften, gezinnen.get(nummer))
            if (GEMEENTEN[gemeente][0], spec.roepnaam) in bestaand:
                continue
            coordinator = coordinatoren[coordinator_email(coordinator_van(nummer))]
            with transaction.atomic():
                jongeren_demo.seed_jongere(
                    spec, coordinator, kenmerken, geocoder, vandaag, nu, self.wachtwoord_hash
                )
            nieuw += 1
        return nieuw

    # --- proposals ------------------------------------------------------------------------

    def _voorstellen(self) -> int:
        """Proposals for the youths with a family account who have none yet."""
        now = timezone.now()
        today = timezone.localdate(now)
        jongeren = (
            Jongere.objects.filter(
                organisatie__naam__in=[naam for naam, _ in GEMEENTEN],
                account__email__endswith="@" + jongere_email(1).split("@")[1],
                voorstellen__isnull=True,
            )
            .select_related("coordinator")
            .order_by("pk")
        )
        gemaakt = 0
        for index, jongere in enumerate(jongeren):
            analyse = jongere.actuele_analyse()
            if analyse is None or not analyse.is_gedragen:
                continue
            kandidaten = [
                home_pk(r.home.ref)
                for r in rank_for(
                    jongere, analyse, today=today, now=now, audience=Audience.COORDINATOR
                )
                if r.eligible
            ][:3]
            aantal = 1 + index % 3
            for stap, pk in enumerate(kandidaten[:aantal]):
                afloop = VOORSTEL_AFLOPEN[(index + stap) % len(VOORSTEL_AFLOPEN)]
                with transaction.atomic(), flow.zonder_mail():
                    if self._voorstel(jongere, Voorziening.objects.get(pk=pk), afloop, now):
                        gemaakt += 1
        return gemaakt

    def _voorstel(
        self, jongere: Jongere, woning: Voorziening, afloop: str, now: dt.datetime
    ) -> bool:
        coordinator = jongere.coordinator
        assert coordinator is not None
        try:
            voorstel = flow.maak_voorstel(
                jongere=jongere,
                voorziening=woning,
                door=coordinator,
                motivatie="Een rustige woning met een vast team, dicht bij school.",
            )
            flow.stuur_voorstel(voorstel=voorstel, door=coordinator, now=now)
        except flow.VoorstelFout:
            # Full for this youth (at most a few open) or no longer eligible: skip the home.
            transaction.set_rollback(True)
            return False
        beheerder = next(iter(flow.beheerders(woning)), None)
        if afloop == "ingetrokken":
            flow.trek_in(voorstel=voorstel, door=coordinator, reden="De jongere kan thuis blijven.")
            return True
        if afloop == "verstuurd" or beheerder is None:
            return True
        if afloop == "afgewezen":
            flow.beantwoord_voorstel(
                voorstel=voorstel,
                door=beheerder,
                interesse=False,
                reden=Afwijsreden.IMPACT_BEWONERS,
                toelichting="De groep is nu te onrustig.",
            )
            return True
        flow.beantwoord_voorstel(
            voorstel=voorstel,
            door=beheerder,
            interesse=True,
            toelichting="Welkom om kennis te maken.",
        )
        if afloop == "interesse":
            return True
        if afloop == "kennismaking_gehouden":
            houd_kennismaking(
                voorstel=voorstel,
                door=coordinator,
                soort=Kennismaking.Soort.MEE_ETEN,
                gehouden_op=now - dt.timedelta(days=1),
                notitie="Goed gesprek, at mee met de groep.",
                now=now,
            )
            return True
        flow.plan_kennismaking(
            voorstel=voorstel,
            door=coordinator,
            soort=Kennismaking.Soort.MEE_ETEN,
            datum=now + dt.timedelta(days=2),
            plaats=f"{woning.adres}, {woning.plaats}",
        )
        return True
