"""Demo youths with their analyses (demo only; never load this into production).

Fourteen youths at every stage: no analysis yet, a draft, waiting for endorsement,
endorsed, endorsed with a new draft on top. Most work with coordinator@example.org
(Groningen), three with coordinator2@example.org (Friesland). Noor (15) is linked to the
demo accounts jongere@example.org and ouder@example.org and has an endorsed analysis.

Idempotent: everything is written with update_or_create on natural keys (organisation +
first name for a youth, youth + version number for an analysis). Dates are relative to
today, so ages and "needed from" dates stay realistic; variation comes from a seeded
random.Random per youth, never the global one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from accounts.models import Rol, User
from demo.accounts import geef_demo_wachtwoord
from jongeren.models import (
    AnalyseBehoefte,
    Fase,
    Instemming,
    Jongere,
    JuridischKader,
    Maatregel,
    SchoolNiveau,
    VerklarendeAnalyse,
)
from kern.choices import Geslacht, Signaal, Zorgintensiteit, Zorgprofiel
from kern.geocoding import OfflineGeocoder
from kern.models import Kenmerk

Status = VerklarendeAnalyse.Status
GRONINGEN = "coordinator@example.org"
FRIESLAND = "coordinator2@example.org"
JEUGDBESCHERMER = "jeugdbeschermer@example.org"


@dataclass(frozen=True)
class Versie:
    status: str
    krachten: str = ""
    wat_werkt: str = ""
    factoren: str = ""
    behoeften: tuple[tuple[str, int, str], ...] = ()
    behoeften_toelichting: str = ""
    zorgprofiel: str = ""
    zorgintensiteit: str = ""
    signalen: tuple[str, ...] = ()
    belangrijk_jongere: str = ""
    belangrijk_ouders: str = ""
    netwerk: str = ""
    prioriteiten: tuple[int, int, int, int, int] = (2, 2, 2, 2, 2)
    # (who: "jongere" | "ouder" | "coordinator", agrees, comment)
    reacties: tuple[tuple[str, bool, str], ...] = ()
    dagen_geleden: int = 10


@dataclass(frozen=True)
class DemoJongere:
    roepnaam: str
    leeftijd: int
    geslacht: str
    woonplaats: str
    coordinator: str
    fase: str
    nodig_over_dagen: int
    school: tuple[str, str, str] = ("", "", "")
    kader: str = JuridischKader.VRIJWILLIG
    machtiging_maanden: int | None = None
    account: str | None = None
    ouders: tuple[tuple[str, str, str], ...] = ()  # (email, first name, last name)
    versies: tuple[Versie, ...] = field(default_factory=tuple)
    # Who decides (DOMAIN.md): the measure, the GI worker, the court's authorisation for
    # out-of-home placement (months from now), parents without gezag, the 16+ choice.
    maatregel: str = Maatregel.GEEN
    jeugdbeschermer: str | None = None
    machtiging_uhp_maanden: int | None = None
    zonder_gezag: tuple[str, ...] = ()
    ouders_zien_analyse: bool = True


NOOR_V1 = Versie(
    status=Status.VERVANGEN,
    factoren=(
        "Na de scheiding van haar ouders is Noor drie keer verhuisd. Op haar vorige school werd "
        "ze gepest. Thuis liepen de spanningen op, vooral 's avonds."
    ),
    krachten=(
        "Noor is creatief: ze tekent veel en goed. Ze is zorgzaam voor haar jongere broertje "
        "en zegt eerlijk wat ze voelt als ze zich veilig voelt."
    ),
    wat_werkt=(
        "Een vaste volgorde van de dag. Eén volwassene bij wie ze terecht kan. Tekenen of "
        "wandelen met de hond als het te druk wordt in haar hoofd."
    ),
    behoeften=(
        ("rust_structuur", 3, "Vaste tijden, vooral 's avonds."),
        ("een_op_een_aandacht", 2, "Een vaste mentor."),
        ("terugtrekplek", 2, "Een eigen kamer om tot rust te komen."),
    ),
    zorgprofiel=Zorgprofiel.INTERNALISEREND,
    zorgintensiteit=Zorgintensiteit.MIDDEN,
    signalen=(Signaal.ZELFBESCHADIGING,),
    belangrijk_jongere="Dat ik op mijn school kan blijven en mijn vriendin Lisa kan blijven zien.",
    netwerk="Moeder Esther, broertje Thijs (9), oma in Haren, vriendin Lisa, tekenles op woensdag.",
    prioriteiten=(3, 3, 2, 2, 2),
    reacties=(
        ("jongere", True, ""),
        (
            "ouder",
            False,
            "Oma is heel belangrijk voor Noor. Ze gaat elke zondag naar haar toe. Kan dat erbij?",
        ),
    ),
    dagen_geleden=30,
)
NOOR_V2 = Versie(
    status=Status.GEDRAGEN,
    factoren=NOOR_V1.factoren,
    krachten=NOOR_V1.krachten,
    wat_werkt=(
        "Een vaste volgorde van de dag. Eén volwassene bij wie ze terecht kan. Tekenen of "
        "wandelen met de hond als het te druk wordt in haar hoofd. De zondag bij oma geeft "
        "haar rust voor de hele week."
    ),
    behoeften=(
        ("rust_structuur", 3, "Vaste tijden, vooral 's avonds."),
        ("een_op_een_aandacht", 2, "Een vaste mentor die ze zelf mag kiezen."),
        ("terugtrekplek", 2, "Een eigen kamer om tot rust te komen."),
        ("gezinsgericht", 2, "Contact met moeder, broertje en oma hoort bij het plan."),
    ),
    behoeften_toelichting="Noor heeft tijd nodig om iemand te vertrouwen. Dwing dat niet af.",
    zorgprofiel=Zorgprofiel.INTERNALISEREND,
    zorgintensiteit=Zorgintensiteit.MIDDEN,
    signalen=(Signaal.ZELFBESCHADIGING,),
    belangrijk_jongere=(
        "Dat ik op mijn school kan blijven en mijn vriendin Lisa kan blijven zien. "
        "En dat ik op zondag naar oma kan."
    ),
    belangrijk_ouders=(
        "Dat Noor een plek krijgt waar ze rust vindt en waar ze serieus genomen wordt. "
        "En dat we elkaar vaak kunnen zien."
    ),
    netwerk=NOOR_V1.netwerk,
    prioriteiten=(3, 3, 2, 2, 3),
    reacties=(("jongere", True, ""), ("ouder", True, ""), ("coordinator", True, "")),
    dagen_geleden=14,
)

# Building blocks for the other youths; each picks from them with its own seeded Random.
KRACHTEN = [
    "Is behulpzaam en doet graag klusjes samen met een volwassene.",
    "Kan goed voetballen en is een echte teamspeler.",
    "Is grappig en maakt makkelijk contact met jongere kinderen.",
    "Houdt van koken en bakt graag voor anderen.",
    "Is slim en leest veel, vooral over dieren.",
    "Komt op voor anderen die gepest worden.",
    "Werkt hard als iets haar of hem echt interesseert, zoals techniek.",
    "Is muzikaal en speelt gitaar.",
]
WAT_WERKT = [
    "Duidelijke afspraken die vooraf worden uitgelegd.",
    "Sporten aan het eind van de middag.",
    "Een rustige plek om even alleen te zijn na school.",
    "Eén vaste begeleider die niet snel wisselt.",
    "Complimenten voor kleine stappen.",
    "Buiten zijn: fietsen, wandelen, met dieren werken.",
    "Vooraf weten wie er die dag werkt.",
]
FACTOREN = [
    "Veel wisselingen van school en woonplek in korte tijd.",
    "Spanningen thuis na het overlijden van een grootouder.",
    "Eerdere plaatsingen die onverwacht stopten.",
    "Weinig contact met leeftijdsgenoten buiten school.",
    "Zorgen over geld en wonen in het gezin.",
]
NETWERK = [
    "Moeder en stiefvader, twee zussen, een oom die in de buurt woont.",
    "Vader, oma en opa, een vriend van de voetbalclub.",
    "Moeder, een buurvrouw die veel betekent, de judoleraar.",
    "Pleegouders van vroeger met wie nog goed contact is, een zus.",
]
BELANGRIJK = [
    "Dat ik mijn hond kan blijven zien.",
    "Dat ik kan blijven voetballen bij mijn club.",
    "Dat ik niet weer hoef te verhuizen.",
    "Dat er mensen zijn die naar me luisteren.",
    "Dat ik mijn eigen kamer krijg.",
]
BELANGRIJK_OUDERS = [
    "Dat er een vaste begeleider is die we kunnen bellen.",
    "Dat hij of zij naar school blijft gaan.",
    "Dat we betrokken blijven bij de grote beslissingen.",
]


def demo_versie(
    rng: random.Random,
    status: str,
    *,
    compleet: bool = True,
    behoeften: tuple[tuple[str, int, str], ...] = (),
    signalen: tuple[str, ...] = (),
    profiel: str = "",
    intensiteit: str = "",
    reacties: tuple[tuple[str, bool, str], ...] = (),
    dagen_geleden: int = 10,
) -> Versie:
    """A version assembled from the building blocks; a draft may leave parts empty."""
    return Versie(
        status=status,
        krachten=" ".join(rng.sample(KRACHTEN, 2)),
        wat_werkt=" ".join(rng.sample(WAT_WERKT, 2)) if compleet else "",
        factoren=" ".join(rng.sample(FACTOREN, 2)),
        behoeften=behoeften if compleet else behoeften[:0],
        zorgprofiel=profiel if compleet else "",
        zorgintensiteit=intensiteit if compleet else "",
        signalen=signalen,
        belangrijk_jongere=rng.choice(BELANGRIJK) if compleet else "",
        belangrijk_ouders=rng.choice(BELANGRIJK_OUDERS) if compleet else "",
        netwerk=rng.choice(NETWERK),
        prioriteiten=(
            rng.randint(1, 3),
            rng.randint(1, 3),
            rng.randint(1, 3),
            rng.randint(1, 3),
            rng.randint(2, 3),
        ),
        reacties=reacties,
        dagen_geleden=dagen_geleden,
    )


ALLEN = (("jongere", True, ""), ("ouder", True, ""), ("coordinator", True, ""))


def demo_jongeren() -> list[DemoJongere]:
    def rng(naam: str) -> random.Random:
        return random.Random(f"passendeplek-demo-{naam}")

    r = {naam: rng(naam) for naam in ["Lotte", "Sem", "Mila", "Daan", "Finn", "Yara", "Mo"]}
    r |= {naam: rng(naam) for naam in ["Jesse", "Fenna", "Sietske", "Jorrit", "Anouk", "Sara"]}
    r |= {naam: rng(naam) for naam in ["Ilse"]}
    return [
        DemoJongere(
            "Noor",
            15,
            Geslacht.VROUW,
            "Haren",
            GRONINGEN,
            Fase.ZOEKEN,
            42,
            school=("Zernike College", SchoolNiveau.HAVO, "Haren"),
            account="jongere@example.org",
            ouders=(("ouder@example.org", "Esther", "Mulder"),),
            versies=(NOOR_V1, NOOR_V2),
        ),
        DemoJongere(
            "Lotte",
            12,
            Geslacht.VROUW,
            "Groningen",
            GRONINGEN,
            Fase.VOORGESTELD,
            21,
            school=("Basisschool De Wilgen", SchoolNiveau.BASIS, "Groningen"),
            account="lotte@jongeren.example.org",
            ouders=(("ouder.lotte@example.org", "Karin", "Smit"),),
            versies=(
                demo_versie(
                    r["Lotte"],
                    Status.GEDRAGEN,
                    behoeften=(
                        ("traumasensitief", 3, ""),
                        ("buitenruimte", 2, "Houdt van dieren."),
                    ),
                    profiel=Zorgprofiel.TRAUMA,
                    intensiteit=Zorgintensiteit.MIDDEN,
                    reacties=ALLEN,
                    dagen_geleden=20,
                ),
            ),
        ),
        DemoJongere(
            "Sem",
            16,
            Geslacht.MAN,
            "Stadskanaal",
            GRONINGEN,
            Fase.ANALYSE,
            30,
            school=("Ubbo Emmius", SchoolNiveau.VMBO, "Stadskanaal"),
            kader=JuridischKader.MACHTIGING_GESLOTEN,
            machtiging_maanden=6,
            account="sem@jongeren.example.org",
            ouders=(("ouder.sem@example.org", "Marco", "Bakker"),),
            versies=(
                demo_versie(
                    r["Sem"],
                    Status.TER_INSTEMMING,
                    behoeften=(
                        ("rust_structuur", 3, ""),
                        ("delictgedrag_expertise", 2, ""),
                        ("onderwijs_op_maat", 2, "Wil naar een techniekopleiding."),
                    ),
                    signalen=(Signaal.AGRESSIE, Signaal.WEGLOPEN),
                    profiel=Zorgprofiel.EXTERNALISEREND,
                    intensiteit=Zorgintensiteit.HOOG,
                    reacties=(("jongere", True, ""),),
                    dagen_geleden=3,
                ),
            ),
        ),
        DemoJongere(
            "Mila",
            17,
            Geslacht.VROUW,
            "Delfzijl",
            GRONINGEN,
            Fase.ANALYSE,
            14,
            account="mila@jongeren.example.org",
            versies=(
                demo_versie(
                    r["Mila"],
                    Status.VERVANGEN,
                    behoeften=(("mensenhandel_expertise", 3, ""),),
                    signalen=(Signaal.SLACHTOFFER_MENSENHANDEL,),
                    profiel=Zorgprofiel.TRAUMA,
                    intensiteit=Zorgintensiteit.HOOG,
                    reacties=(("jongere", False, "Er staat niet in dat ik wil leren koken."),),
                    dagen_geleden=12,
                ),
                demo_versie(
                    r["Mila"],
                    Status.TER_INSTEMMING,
                    behoeften=(
                        ("mensenhandel_expertise", 3, ""),
                        ("zelfstandigheidstraining", 2, "Wil leren koken en met geld omgaan."),
                    ),
                    signalen=(Signaal.SLACHTOFFER_MENSENHANDEL,),
                    profiel=Zorgprofiel.TRAUMA,
                    intensiteit=Zorgintensiteit.HOOG,
                    dagen_geleden=2,
                ),
            ),
        ),
        DemoJongere(
            "Daan",
            13,
            Geslacht.MAN,
            "Hoogezand",
            GRONINGEN,
            Fase.ANALYSE,
            60,
            school=("Dollard College", SchoolNiveau.PRAKTIJK, "Hoogezand"),
            versies=(
                demo_versie(
                    r["Daan"],
                    Status.CONCEPT,
                    compleet=False,
                    behoeften=(("lvb_passend", 3, ""),),
                    dagen_geleden=1,
                ),
            ),
        ),
        DemoJongere(
            "Finn",
            9,
            Geslacht.MAN,
            "Leek",
            GRONINGEN,
            Fase.ANALYSE,
            75,
            school=("OBS De Rank", SchoolNiveau.BASIS, "Leek"),
            versies=(
                demo_versie(
                    r["Finn"],
                    Status.CONCEPT,
                    behoeften=(("autisme_passend", 3, ""), ("rust_structuur", 3, "")),
                    profiel=Zorgprofiel.ONTWIKKELING,
                    intensiteit=Zorgintensiteit.MIDDEN,
                    dagen_geleden=4,
                ),
            ),
        ),
        DemoJongere(
            "Yara",
            14,
            Geslacht.ANDERS,
            "Assen",
            GRONINGEN,
            Fase.ZOEKEN,
            35,
            school=("Dr. Nassau College", SchoolNiveau.VMBO, "Assen"),
            account="yara@jongeren.example.org",
            ouders=(("ouder.yara@example.org", "Ilse", "Jansen"),),
            versies=(
                demo_versie(
                    r["Yara"],
                    Status.GEDRAGEN,
                    behoeften=(("cultuursensitief", 2, ""), ("terugtrekplek", 3, "")),
                    signalen=(Signaal.SUICIDALITEIT,),
                    profiel=Zorgprofiel.PSYCHIATRISCH,
                    intensiteit=Zorgintensiteit.HOOG,
                    reacties=ALLEN,
                    dagen_geleden=25,
                ),
                demo_versie(
                    r["Yara"],
                    Status.CONCEPT,
                    behoeften=(
                        ("cultuursensitief", 2, ""),
                        ("terugtrekplek", 3, ""),
                        ("psychiatrie_expertise", 3, "Vaste GGZ-behandelaar."),
                    ),
                    signalen=(Signaal.SUICIDALITEIT,),
                    profiel=Zorgprofiel.PSYCHIATRISCH,
                    intensiteit=Zorgintensiteit.HOOG,
                    dagen_geleden=1,
                ),
            ),
        ),
        DemoJongere(
            "Mohammed",
            19,
            Geslacht.MAN,
            "Emmen",
            GRONINGEN,
            Fase.GEPLAATST,
            5,
            school=("Drenthe College", SchoolNiveau.MBO, "Emmen"),
            account="mohammed@jongeren.example.org",
            versies=(
                demo_versie(
                    r["Mo"],
                    Status.GEDRAGEN,
                    behoeften=(("zelfstandigheidstraining", 3, ""), ("cultuursensitief", 2, "")),
                    profiel=Zorgprofiel.INTERNALISEREND,
                    intensiteit=Zorgintensiteit.LAAG,
                    reacties=(("jongere", True, ""), ("coordinator", True, "")),
                    dagen_geleden=60,
                ),
            ),
        ),
        # Under guardianship, without an account: the guardian (the GI's youth protection
        # worker) decides with her; the coordinator records Sara's own view from a talk.
        DemoJongere(
            "Sara",
            15,
            Geslacht.VROUW,
            "Roden",
            GRONINGEN,
            Fase.ANALYSE,
            90,
            maatregel=Maatregel.VOOGDIJ,
            jeugdbeschermer=JEUGDBESCHERMER,
            # Put to her in a talk: the coordinator records her endorsement (demo.proces).
            versies=(
                demo_versie(
                    r["Sara"],
                    Status.TER_INSTEMMING,
                    behoeften=(("rust_structuur", 3, ""), ("een_op_een_aandacht", 2, "")),
                    profiel=Zorgprofiel.INTERNALISEREND,
                    intensiteit=Zorgintensiteit.MIDDEN,
                    reacties=(("coordinator", True, ""),),
                    dagen_geleden=5,
                ),
            ),
        ),
        # Just registered: nothing written down yet (the empty pages).
        DemoJongere("Wessel", 14, Geslacht.MAN, "Haren", GRONINGEN, Fase.ANALYSE, 50),
        # 17½ and living in a home: the transition checklist is partly filled in and she
        # chose her mentor (demo.proces places her with a home of Stichting Noorderhuis).
        DemoJongere(
            "Ilse",
            17,
            Geslacht.VROUW,
            "Haren",
            GRONINGEN,
            Fase.GEPLAATST,
            -120,
            account="ilse@jongeren.example.org",
            versies=(
                demo_versie(
                    r["Ilse"],
                    Status.GEDRAGEN,
                    behoeften=(("zelfstandigheidstraining", 3, "Wil op kamers."),),
                    profiel=Zorgprofiel.INTERNALISEREND,
                    intensiteit=Zorgintensiteit.LAAG,
                    reacties=ALLEN,
                    dagen_geleden=150,
                ),
            ),
        ),
        DemoJongere(
            "Jesse",
            16,
            Geslacht.MAN,
            "Appingedam",
            GRONINGEN,
            Fase.ANALYSE,
            28,
            account="jesse@jongeren.example.org",
            ouders=(
                ("ouder.jesse@example.org", "Wendy", "Visser"),
                ("vader.jesse@example.org", "Rick", "Visser"),
            ),
            # Jesse is 16 and keeps his analysis and signals from his parents; his father
            # has no gezag and reads general information only.
            ouders_zien_analyse=False,
            zonder_gezag=("vader.jesse@example.org",),
            versies=(
                demo_versie(
                    r["Jesse"],
                    Status.TER_INSTEMMING,
                    behoeften=(("verslavingszorg", 3, ""), ("delictgedrag_expertise", 2, "")),
                    signalen=(Signaal.VERSLAVING, Signaal.CRIMINALITEIT),
                    profiel=Zorgprofiel.EXTERNALISEREND,
                    intensiteit=Zorgintensiteit.HOOG,
                    reacties=(("ouder", True, ""), ("coordinator", True, "")),
                    dagen_geleden=5,
                ),
            ),
        ),
        DemoJongere(
            "Fenna",
            11,
            Geslacht.VROUW,
            "Veendam",
            GRONINGEN,
            Fase.ZOEKEN,
            50,
            school=("CBS De Kandelaar", SchoolNiveau.BASIS, "Veendam"),
            account="fenna@jongeren.example.org",
            ouders=(("ouder.fenna@example.org", "Anja", "de Boer"),),
            # Under a supervision order: the GI's worker co-decides, and the court's
            # authorisation for out-of-home placement is on file.
            maatregel=Maatregel.OTS,
            jeugdbeschermer=JEUGDBESCHERMER,
            machtiging_uhp_maanden=12,
            versies=(
                demo_versie(
                    r["Fenna"],
                    Status.GEDRAGEN,
                    behoeften=(("gezinsgericht", 3, ""), ("een_op_een_aandacht", 2, "")),
                    profiel=Zorgprofiel.INTERNALISEREND,
                    intensiteit=Zorgintensiteit.MIDDEN,
                    reacties=ALLEN,
                    dagen_geleden=8,
                ),
            ),
        ),
        DemoJongere(
            "Sietske",
            14,
            Geslacht.VROUW,
            "Leeuwarden",
            FRIESLAND,
            Fase.ZOEKEN,
            40,
            school=("Piter Jelles", SchoolNiveau.HAVO, "Leeuwarden"),
            account="sietske@jongeren.example.org",
            ouders=(("ouder.sietske@example.org", "Baukje", "Postma"),),
            versies=(
                demo_versie(
                    r["Sietske"],
                    Status.GEDRAGEN,
                    behoeften=(("traumasensitief", 3, ""), ("gezinsgericht", 2, "")),
                    profiel=Zorgprofiel.TRAUMA,
                    intensiteit=Zorgintensiteit.MIDDEN,
                    reacties=ALLEN,
                    dagen_geleden=15,
                ),
            ),
        ),
        DemoJongere(
            "Jorrit",
            16,
            Geslacht.MAN,
            "Drachten",
            FRIESLAND,
            Fase.ANALYSE,
            45,
            versies=(
                demo_versie(
                    r["Jorrit"],
                    Status.CONCEPT,
                    compleet=False,
                    behoeften=(("rust_structuur", 2, ""),),
                    dagen_geleden=2,
                ),
            ),
        ),
        DemoJongere(
            "Anouk",
            13,
            Geslacht.VROUW,
            "Sneek",
            FRIESLAND,
            Fase.ANALYSE,
            33,
            account="anouk@jongeren.example.org",
            versies=(
                demo_versie(
                    r["Anouk"],
                    Status.TER_INSTEMMING,
                    behoeften=(("lvb_passend", 3, ""), ("buitenruimte", 1, "")),
                    signalen=(Signaal.WEGLOPEN,),
                    profiel=Zorgprofiel.LVB,
                    intensiteit=Zorgintensiteit.MIDDEN,
                    dagen_geleden=6,
                ),
            ),
        ),
    ]


def _geboortedatum(vandaag: date, leeftijd: int, rng: random.Random) -> date:
    """A birth date that makes the youth `leeftijd` today; the last birthday was 1-11 months ago."""
    verjaardag = vandaag - timedelta(days=rng.randint(30, 330))
    if (verjaardag.month, verjaardag.day) == (2, 29):
        verjaardag -= timedelta(days=1)
    return verjaardag.replace(year=verjaardag.year - leeftijd)


def _gezinslid(
    email: str, voornaam: str, achternaam: str, rol: Rol, wachtwoord_hash: str | None = None
) -> User:
    """A youth's or parent's account with the demo password. `wachtwoord_hash` (the demo
    password hashed once by the caller) saves hashing it again for every account."""
    defaults: dict[str, object] = {
        "first_name": voornaam,
        "last_name": achternaam,
        "rol": rol,
        "organisatie": None,
        "is_active": True,
    }
    if wachtwoord_hash is not None:
        defaults["password"] = wachtwoord_hash
    user, _created = User.objects.update_or_create(email=email, defaults=defaults)
    if wachtwoord_hash is None:
        geef_demo_wachtwoord(user)
    return user


def seed(log: list[str]) -> None:
    vandaag = timezone.localdate()
    nu = timezone.now()
    geocoder = OfflineGeocoder()
    kenmerken = {k.code: k for k in Kenmerk.objects.all()}
    coordinatoren = {email: User.objects.get(email=email) for email in (GRONINGEN, FRIESLAND)}
    aantal_versies = 0
    for demo in demo_jongeren():
        seed_jongere(demo, coordinatoren[demo.coordinator], kenmerken, geocoder, vandaag, nu)
        aantal_versies += len(demo.versies)
    log.append(f"{len(demo_jongeren())} jongeren met {aantal_versies} analyseversies")


def seed_jongere(
    demo: DemoJongere,
    coordinator: User,
    kenmerken: dict[str, Kenmerk],
    geocoder: OfflineGeocoder,
    vandaag: date,
    nu: datetime,
    wachtwoord_hash: str | None = None,
) -> Jongere:
    """One youth with their family accounts and analysis versions; idempotent (the youth is
    found again by organisation and first name). Also used by `seed_demo_schaal`."""
    rng = random.Random(f"passendeplek-demo-profiel-{demo.roepnaam}")
    plaats = geocoder.lookup(demo.woonplaats)
    school_naam, school_niveau, school_plaats = demo.school
    school = geocoder.lookup(school_plaats) if school_plaats else None
    nodig_vanaf = vandaag + timedelta(days=demo.nodig_over_dagen)
    account = None
    if demo.account:
        account = _gezinslid(demo.account, demo.roepnaam, "", Rol.JONGERE, wachtwoord_hash)
    jongere, _ = Jongere.objects.update_or_create(
        organisatie=coordinator.organisatie,
        roepnaam=demo.roepnaam,
        defaults={
            "geboortedatum": _geboortedatum(vandaag, demo.leeftijd, rng),
            "geslacht": demo.geslacht,
            "woonplaats": demo.woonplaats,
            "lat": plaats.lat,
            "lon": plaats.lon,
            "school_naam": school_naam,
            "school_niveau": school_niveau,
            "school_plaats": school_plaats,
            "school_lat": school.lat if school else None,
            "school_lon": school.lon if school else None,
            "juridisch_kader": demo.kader,
            "machtiging_einde": (
                nodig_vanaf + timedelta(days=30 * demo.machtiging_maanden)
                if demo.machtiging_maanden
                else None
            ),
            "nodig_vanaf": nodig_vanaf,
            "coordinator": coordinator,
            "fase": demo.fase,
            "account": account,
            "maatregel": demo.maatregel,
            "jeugdbeschermer": User.objects.get(email=demo.jeugdbeschermer)
            if demo.jeugdbeschermer
            else None,
            "machtiging_uhp_van": vandaag - timedelta(days=14)
            if demo.machtiging_uhp_maanden
            else None,
            "machtiging_uhp_tot": nodig_vanaf + timedelta(days=30 * demo.machtiging_uhp_maanden)
            if demo.machtiging_uhp_maanden
            else None,
            "ouders_zien_analyse": demo.ouders_zien_analyse,
        },
    )
    ouders = [_gezinslid(e, v, a, Rol.OUDER, wachtwoord_hash) for e, v, a in demo.ouders]
    jongere.ouders.set(ouders)
    jongere.ouders_zonder_gezag.set([o for o in ouders if o.email in demo.zonder_gezag])
    for nummer, versie in enumerate(demo.versies, start=1):
        _seed_versie(jongere, nummer, versie, coordinator, ouders, kenmerken, nu)
    return jongere


def _seed_versie(
    jongere: Jongere,
    nummer: int,
    versie: Versie,
    coordinator: User,
    ouders: list[User],
    kenmerken: dict[str, Kenmerk],
    nu: datetime,
) -> None:
    gemaakt_op = nu - timedelta(days=versie.dagen_geleden)
    nabijheid, onderwijs, groep, team, behoeften = versie.prioriteiten
    is_voorgelegd = versie.status != Status.CONCEPT
    analyse, _ = VerklarendeAnalyse.objects.update_or_create(
        jongere=jongere,
        versie=nummer,
        defaults={
            "status": versie.status,
            "factoren": versie.factoren,
            "krachten": versie.krachten,
            "wat_werkt": versie.wat_werkt,
            "behoeften_toelichting": versie.behoeften_toelichting,
            "zorgprofiel": versie.zorgprofiel,
            "zorgintensiteit": versie.zorgintensiteit,
            "signalen": list(versie.signalen),
            "belangrijk_jongere": versie.belangrijk_jongere,
            "belangrijk_ouders": versie.belangrijk_ouders,
            "netwerk": versie.netwerk,
            "prioriteit_nabijheid": nabijheid,
            "prioriteit_onderwijs": onderwijs,
            "prioriteit_groep": groep,
            "prioriteit_team": team,
            "prioriteit_behoeften": behoeften,
            "gemaakt_door": coordinator,
            "gemaakt_op": gemaakt_op,
            "voorgelegd_op": gemaakt_op if is_voorgelegd else None,
            # Endorsed at the moment of the last answer (answers are six hours apart).
            "gedragen_op": (
                gemaakt_op + timedelta(hours=6 * len(versie.reacties))
                if versie.status == Status.GEDRAGEN
                else None
            ),
        },
    )
    for code, belang, toelichting in versie.behoeften:
        AnalyseBehoefte.objects.update_or_create(
            analyse=analyse,
            kenmerk=kenmerken[code],
            defaults={"belang": belang, "toelichting": toelichting},
        )
    analyse.behoeften.exclude(kenmerk__code__in=[c for c, _b, _t in versie.behoeften]).delete()
    personen: dict[str, list[User | None]] = {
        "jongere": [jongere.account],
        "ouder": list(ouders),
        "coordinator": [coordinator],
    }
    for stap, (wie, akkoord, opmerking) in enumerate(versie.reacties, start=1):
        for persoon in personen[wie]:
            if persoon is None:
                continue
            Instemming.objects.update_or_create(
                analyse=analyse,
                persoon=persoon,
                rol=wie,
                defaults={
                    "akkoord": akkoord,
                    "opmerking": opmerking,
                    "op": gemaakt_op + timedelta(hours=6 * stap),
                },
            )
