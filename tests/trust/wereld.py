"""The world every trust test looks at: one youth, one home, one proposal, and the URLs.

Noor (of the first coordinator, with her own account and her mother's) has an endorsed
analysis, a saved search and an open invitation for her grandmother; Daan is another youth
with his own account. De Linde (the first manager's provider) has a resident, a team member
and a vacancy, and Noor's proposal was sent to it. `tekst(field, default)` fills every free
text a person can type, so the XSS tests can put a script in each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.koppelen import maak_koppellink
from accounts.models import Rol, User
from jongeren import services as jongeren_services
from jongeren.models import BeschermdeZone, Jongere, Uitnodiging, VerklarendeAnalyse
from matching.models import Zoekopdracht
from plaatsingstafel.models import Verdeling, VerdelingStatus
from tests.factories import UserFactory, tweede_stap_gedaan
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
)
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import FotoWoning, Plaatsing, Teamlid, Voorziening

PERSONAS = (
    "anon",
    "coordinator",
    "coordinator2",
    "beheerder",
    "beheerder2",
    "jongere_user",
    "andere_jongere_user",
    "ouder_user",
    "admin_user",
    "jeugdbeschermer_user",
    "expertteam",
)
LOGIN = "login"

# Not the portal's own pages: infrastructure, and Django's admin (its own staff check).
EXCLUDED = {"healthz", "readyz", "set_language"}
EXCLUDED_PREFIXES = ("admin:",)

Tekst = Callable[[str, str], str]


def standaard(field: str, default: str) -> str:
    return default


def walk(patterns: list[Any], prefix: str = "") -> list[tuple[str, URLPattern]]:
    """(full name, pattern) for every pattern, recursing into includes, skipping the admin."""
    found: list[tuple[str, URLPattern]] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or entry.namespace == "admin":
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found.extend(walk(entry.url_patterns, namespace))
        else:
            route = str(entry.pattern)
            name = f"{prefix}{entry.name}" if entry.name else f"<unnamed {route}>"
            found.append((name, entry))
    return found


def url_names() -> set[str]:
    """Every URL of the project (unnamed ones too) outside the excluded infrastructure."""
    names: set[str] = set()
    for name, pattern in walk(get_resolver().url_patterns):
        if str(pattern.pattern).startswith(("favicon", settings.STATIC_URL.lstrip("/"))):
            continue
        if name in EXCLUDED or name.startswith(EXCLUDED_PREFIXES):
            continue
        names.add(name)
    return names


@dataclass
class World:
    users: dict[str, User]
    noor: Jongere
    analyse: VerklarendeAnalyse
    woning: Voorziening
    teamlid: Teamlid
    bewoner: Plaatsing
    voorstel: Voorstel
    kwargs: dict[str, dict[str, Any]]

    def client_for(self, persona: str) -> Client:
        client = Client()
        if persona != "anon":
            user = self.users[persona]
            client.force_login(user)
            # Professionals have passed the second login step, as they must in production.
            if user.is_professional:
                tweede_stap_gedaan(client, user)
        return client

    def url(self, name: str) -> str:
        if name in self.kwargs:
            return reverse(name, kwargs=self.kwargs[name])
        pattern = dict(walk(get_resolver().url_patterns))[name]
        needs = set(pattern.pattern.converters)
        if not needs:
            return reverse(name)
        if needs == {"pk"}:
            of_home = name.startswith(("voorzieningen:", "voorzieningen:nieuwe_bewoner"))
            return reverse(name, kwargs={"pk": self.woning.pk if of_home else self.noor.pk})
        raise AssertionError(f"{name}: give its kwargs {sorted(needs)} in tests/trust/wereld.py")


def bouw_wereld(users: dict[str, User], tekst: Tekst = standaard) -> World:
    coordinator = users["coordinator"]
    noor = JongereFactory.create(
        roepnaam=tekst("roepnaam", "Noor"),
        coordinator=coordinator,
        account=users["jongere_user"],
        ouders=[users["ouder_user"]],
        jeugdbeschermer=users["jeugdbeschermer_user"],
    )
    JongereFactory.create(
        roepnaam="Daan", coordinator=coordinator, account=users["andere_jongere_user"]
    )
    analyse = AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        behoeften=[("rust_structuur", 3)],
        factoren=tekst("factoren", "Veel verhuizingen."),
        krachten=tekst("krachten", "Tekent graag."),
        wat_werkt=tekst("wat_werkt", "Rust."),
        behoeften_toelichting=tekst("behoeften_toelichting", ""),
        belangrijk_jongere=tekst("belangrijk_jongere", ""),
        belangrijk_ouders=tekst("belangrijk_ouders", ""),
        netwerk=tekst("netwerk", ""),
    )
    woning = VoorzieningFactory.create(
        aanbieder=users["beheerder"].organisatie,
        naam=tekst("woning_naam", "De Linde"),
        beschrijving=tekst("beschrijving", ""),
        ouderdeelname_toelichting=tekst("ouderdeelname_toelichting", ""),
        lat=53.2,
        lon=6.58,
        max_bewoners=4,
    )
    bewoner = PlaatsingFactory.create(
        voorziening=woning,
        aanduiding=tekst("aanduiding", ""),
        toelichting=tekst("bewoner_toelichting", ""),
    )
    Voorziening.objects.filter(pk=woning.pk).update(bewoners_aantal=1)
    teamlid = TeamlidFactory.create(voorziening=woning, naam=tekst("teamlid_naam", "Mede"))
    vacature = VacatureFactory.create(voorziening=woning, beschikbaar_vanaf=timezone.localdate())
    # An earlier stay of Noor's in another home of the same provider, still running: its
    # page shows the perspective, the mentor and (from 17½) the transition checklist.
    de_berk = VoorzieningFactory.create(
        aanbieder=users["beheerder"].organisatie, naam="De Berk", max_bewoners=4
    )
    verblijf = PlaatsingFactory.create(
        voorziening=de_berk, jongere=noor, geboortemaand=noor.geboortedatum.replace(day=1)
    )
    Voorziening.objects.filter(pk=de_berk.pk).update(bewoners_aantal=1)
    TeamlidFactory.create(voorziening=de_berk, naam="Anouk")
    foto = FotoWoning.objects.create(
        voorziening=woning, inhoud=b"\xff\xd8\xff", breedte=1, hoogte=1, beschrijving="De tuin"
    )
    voorstel = flow.maak_voorstel(
        jongere=noor,
        voorziening=woning,
        door=coordinator,
        motivatie=tekst("motivatie", "Rustig huis."),
        tekst_voor_woning=tekst("tekst_voor_woning", "Tekent graag."),
    )
    voorstel = flow.stuur_voorstel(voorstel=voorstel, door=coordinator)
    zoekopdracht = Zoekopdracht.objects.create(jongere=noor, gemaakt_door=coordinator)
    # Far from De Linde, so the proposal above stays possible.
    zone = BeschermdeZone.objects.create(
        jongere=noor,
        plaats=tekst("zone_plaats", "Maastricht"),
        lat=50.85,
        lon=5.69,
        straal_km=5,
        reden=tekst("zone_reden", "Dreiging."),
        ingesteld_door=coordinator,
    )
    oma = UserFactory.create(email="oma@example.org", first_name="Riet", rol=Rol.OUDER)
    uitnodiging = Uitnodiging.objects.create(
        jongere=noor, email=oma.email, persoon=oma, rol=Rol.OUDER, verstuurd_door=coordinator
    )
    # A computation of the placement table about Noor, in her coordinator's region.
    assert coordinator.organisatie is not None and coordinator.organisatie.regio is not None
    verdeling = Verdeling.objects.create(
        regio=coordinator.organisatie.regio,
        gevraagd_door=coordinator,
        sleutel="0" * 64,
        invoer={"tijdslimiet": 8.0},
        status=VerdelingStatus.ONMOGELIJK,
        melding=tekst("verdeling_melding", "Er zijn geen vrije plekken."),
    )
    verdeling.jongeren.set([noor])
    kwargs: dict[str, dict[str, Any]] = {
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "jongeren:analyse_versie": {"pk": noor.pk, "versie": analyse.versie},
        "jongeren:analyse_voorleggen": {"pk": noor.pk, "versie": analyse.versie},
        "jongeren:analyse_akkoord": {"pk": noor.pk, "versie": analyse.versie},
        "jongeren:analyse_signalen_vrijgeven": {"pk": noor.pk, "versie": analyse.versie},
        "jongeren:uitnodiging": {"token": jongeren_services.maak_token(uitnodiging)},
        "koppelen": {"token": maak_koppellink(gebruiker=coordinator, door=users["admin_user"])},
        "jongeren:zone_verwijderen": {"pk": noor.pk, "zone_pk": zone.pk},
        "voorzieningen:teamlid": {"pk": woning.pk, "teamlid_pk": teamlid.pk},
        "voorzieningen:teamlid_einde": {"pk": woning.pk, "teamlid_pk": teamlid.pk},
        "voorzieningen:bewoner": {"pk": woning.pk, "plaatsing_pk": bewoner.pk},
        "voorzieningen:vertrek": {"pk": woning.pk, "plaatsing_pk": bewoner.pk},
        "voorzieningen:verblijf": {"plaatsing_pk": verblijf.pk},
        "voorzieningen:verblijf_mentor": {"plaatsing_pk": verblijf.pk},
        "voorzieningen:verblijf_overgang": {"plaatsing_pk": verblijf.pk},
        "jongeren:instemming_vastleggen": {"pk": noor.pk, "versie": analyse.versie},
        "voorzieningen:vacature_bevestigen": {"pk": woning.pk, "vacature_pk": vacature.pk},
        "voorzieningen:vacature_intrekken": {"pk": woning.pk, "vacature_pk": vacature.pk},
        "matching:zoekopdracht": {"pk": noor.pk, "zoekopdracht_pk": zoekopdracht.pk},
        "voorstellen:voorstel_nieuw": {"pk": noor.pk, "voorziening_pk": woning.pk},
        "voorstellen:voorstel": {"pk": voorstel.pk},
        "voorstellen:voorstel_afdruk": {"pk": voorstel.pk},
        "voorstellen:voorstel_actie": {"pk": voorstel.pk, "actie": "besluit"},
        "plaatsingstafel:verdeling": {"pk": verdeling.pk},
        "plaatsingstafel:verdeling_stoppen": {"pk": verdeling.pk},
        "voorstellen:kennismaking_ics": {"pk": voorstel.pk},
        "voorzieningen:foto": {"pk": woning.pk, "foto_pk": foto.pk},
        "api:woning": {"pk": woning.pk},
        "api:vacatures": {"pk": woning.pk},
        "api:vacature": {"pk": vacature.pk},
        "api:vacature_bevestigen": {"pk": vacature.pk},
        "api:vacature_intrekken": {"pk": vacature.pk},
        "api:voorstel": {"pk": voorstel.pk},
        "api:voorstel_antwoord": {"pk": voorstel.pk},
    }
    return World(users, noor, analyse, woning, teamlid, bewoner, voorstel, kwargs)


def outcome(client: Client, url: str, method: str = "get") -> int | str:
    """The status, with a redirect to the login page written as "login"."""
    response = getattr(client, method)(url)
    if response.status_code == 302 and response["Location"].startswith(
        resolve_url(settings.LOGIN_URL)
    ):
        return LOGIN
    return response.status_code
