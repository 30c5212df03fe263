"""The accounts the load test logs in with, shared by `seed_demo_schaal` and the locustfile.

Every simulated professional gets an account of their own: a second-factor device accepts a
code only once per 30-second step, so two simulated users on one account would refuse each
other. Plain strings only: the locustfile imports this without Django.
"""

from __future__ import annotations

DOMEIN = "schaal.example.org"
# The demo's TOTP secret (base32) for professional accounts; demo and load test only.
TOTP_GEHEIM = "JBSWY3DPEHPK3PXP"

# Municipalities with this many coordinators each, providers with this many managers each.
COORDINATOREN_PER_GEMEENTE = 5
BEHEERDERS_PER_AANBIEDER = 2


def coordinator_email(nummer: int) -> str:
    return f"coordinator{nummer:02d}@{DOMEIN}"


def beheerder_email(nummer: int) -> str:
    return f"beheerder{nummer:02d}@{DOMEIN}"


def jongere_email(nummer: int) -> str:
    return f"jongere{nummer:03d}@{DOMEIN}"


def ouder_email(nummer: int) -> str:
    return f"ouder{nummer:03d}@{DOMEIN}"


# The kinds of simulated users and their weights: of 30 users, 15 coordinators, 10 managers
# and 5 youths or parents.
GEWICHTEN = {"coordinator": 3, "beheerder": 2, "gezin": 1}


def gezin_email(nummer: int) -> str:
    """The account of the `nummer`-th simulated family member: in turn a youth (odd) and
    the parent of the youth before (even), so parents and youths both read."""
    gezin = (nummer + 1) // 2
    return jongere_email(gezin) if nummer % 2 else ouder_email(gezin)


def email_voor(soort: str, nummer: int) -> str:
    """The account of the `nummer`-th (from 1) simulated user of this kind."""
    if soort == "coordinator":
        return coordinator_email(nummer)
    if soort == "beheerder":
        return beheerder_email(nummer)
    return gezin_email(nummer)


def verdeling(users: int) -> dict[str, int]:
    """How many users of each kind locust starts at most (rounded up, so a warm-up that logs
    these in covers every simulated user)."""
    totaal = sum(GEWICHTEN.values())
    return {soort: -(-users * gewicht // totaal) for soort, gewicht in GEWICHTEN.items()}
