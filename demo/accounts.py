"""Demo organisations and accounts (demo only; never load this into production)."""

from __future__ import annotations

from base64 import b32decode
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import check_password, make_password
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisatie, Regio, Rol, User

DEMO_PASSWORD = "passendeplek-demo"  # noqa: S105 - documented demo-only password
# The demo professionals' authenticator secret (base32), documented in the README: add it to
# any authenticator app, or compute the code with `oathtool --totp -b JBSWY3DPEHPK3PXP`.
DEMO_TOTP_GEHEIM = "JBSWY3DPEHPK3PXP"


def geef_demo_authenticator(user: User) -> None:
    """Gives a demo professional the demo authenticator (idempotent)."""
    TOTPDevice.objects.update_or_create(
        user=user,
        name="Demo-authenticator",
        defaults={"key": b32decode(DEMO_TOTP_GEHEIM).hex(), "confirmed": True},
    )


@cache
def demo_wachtwoord_hash() -> str:
    """The demo password, hashed once per run for every demo account."""
    return make_password(DEMO_PASSWORD)


@cache
def _is_demo_wachtwoord(encoded: str) -> bool:
    return check_password(DEMO_PASSWORD, encoded)


def geef_demo_wachtwoord(user: User) -> None:
    """Gives the account the demo password, unless it has it already (idempotent). A
    password hash is deliberately slow (about a second on a busy machine), so the demo
    accounts share one, hashed and checked once per run instead of once per account."""
    if user.password and _is_demo_wachtwoord(user.password):
        return
    user.password = demo_wachtwoord_hash()
    user.save(update_fields=["password"])


def demo_code() -> str:
    """The code the demo authenticator shows now."""
    return f"{TOTP(b32decode(DEMO_TOTP_GEHEIM)).token():06d}"


REGIO_S = ["Groningen", "Friesland", "Drenthe"]

# (name, kind, region)
ORGANISATIES = [
    ("Gemeente Groningen — Regionaal Expertteam", Organisatie.Soort.GEMEENTE, "Groningen"),
    ("Sociaal Domein Friesland — Plaatsingsteam", Organisatie.Soort.GEMEENTE, "Friesland"),
    ("Gemeente Assen — Jeugdteam", Organisatie.Soort.GEMEENTE, "Drenthe"),
    ("Stichting Noorderhuis", Organisatie.Soort.ZORGAANBIEDER, "Groningen"),
    ("Waddenkring Jeugdzorg", Organisatie.Soort.ZORGAANBIEDER, "Friesland"),
    ("Zorggroep Hunzedal", Organisatie.Soort.ZORGAANBIEDER, "Drenthe"),
    ("Eemsland Wonen & Zorg", Organisatie.Soort.ZORGAANBIEDER, "Groningen"),
    ("Jeugdbescherming Noord", Organisatie.Soort.GI, "Groningen"),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    rol: Rol
    organisatie: str | None
    gedragswetenschapper: bool = False


ACCOUNTS = [
    DemoAccount(
        "coordinator@example.org",
        "Sanne",
        "de Vries",
        Rol.COORDINATOR,
        "Gemeente Groningen — Regionaal Expertteam",
    ),
    DemoAccount(
        "coordinator2@example.org",
        "Jelle",
        "Hoekstra",
        Rol.COORDINATOR,
        "Sociaal Domein Friesland — Plaatsingsteam",
    ),
    DemoAccount("beheerder@example.org", "Marieke", "Bos", Rol.BEHEERDER, "Stichting Noorderhuis"),
    DemoAccount(
        "beheerder2@example.org", "Pieter", "Dijkstra", Rol.BEHEERDER, "Waddenkring Jeugdzorg"
    ),
    DemoAccount(
        "gedragswetenschapper@example.org",
        "Fenna",
        "Smit",
        Rol.COORDINATOR,
        "Gemeente Groningen — Regionaal Expertteam",
        gedragswetenschapper=True,
    ),
    DemoAccount(
        "jeugdbeschermer@example.org",
        "Karin",
        "Wieringa",
        Rol.JEUGDBESCHERMER,
        "Jeugdbescherming Noord",
    ),
    DemoAccount(
        "expertteam@example.org",
        "Eva",
        "Postma",
        Rol.EXPERTTEAM,
        "Gemeente Groningen — Regionaal Expertteam",
    ),
    DemoAccount("jongere@example.org", "Noor", "", Rol.JONGERE, None),
    DemoAccount("ouder@example.org", "Esther", "Mulder", Rol.OUDER, None),
    DemoAccount(
        "admin@example.org",
        "Anton",
        "Kramer",
        Rol.FUNCTIONEEL_BEHEERDER,
        "Gemeente Groningen — Regionaal Expertteam",
    ),
]


def seed(log: list[str]) -> None:
    regio_s = {naam: Regio.objects.get_or_create(naam=naam)[0] for naam in REGIO_S}
    organisaties = {}
    for naam, soort, regio in ORGANISATIES:
        organisaties[naam], _ = Organisatie.objects.update_or_create(
            naam=naam, defaults={"soort": soort, "regio": regio_s[regio]}
        )
    for account in ACCOUNTS:
        user, _created = User.objects.update_or_create(
            email=account.email,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "rol": account.rol,
                "organisatie": organisaties[account.organisatie] if account.organisatie else None,
                "is_active": True,
                "is_gedragswetenschapper": account.gedragswetenschapper,
                "is_staff": account.rol == Rol.FUNCTIONEEL_BEHEERDER,
                "is_superuser": account.rol == Rol.FUNCTIONEEL_BEHEERDER,
            },
        )
        geef_demo_wachtwoord(user)
        if user.is_professional:
            geef_demo_authenticator(user)
    log.append(f"{len(organisaties)} organisaties, {len(ACCOUNTS)} demo-accounts")
