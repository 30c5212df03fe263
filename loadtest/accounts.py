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
