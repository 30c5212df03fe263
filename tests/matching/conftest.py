"""A youth with an endorsed-looking analysis and a few homes, for the matching pages and tasks.

`noor` (15, trauma, needs rest and structure) belongs to the first coordinator's
organisation; `de_linde` (Groningen, near her family) and `wadzicht` (Friesland, far) are
homes of the two providers, each with one open vacancy.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Organisatie, User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory
from voorzieningen.models import Voorziening


@pytest.fixture
def noor(coordinator: User, jongere_user: User, ouder_user: User) -> Jongere:
    return JongereFactory.create(
        roepnaam="Noor", coordinator=coordinator, account=jongere_user, ouders=[ouder_user]
    )


@pytest.fixture
def noor_analyse(noor: Jongere) -> VerklarendeAnalyse:
    return AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        signalen=["zelfbeschadiging"],
        behoeften=[("rust_structuur", 3), ("traumasensitief", 2)],
    )


@pytest.fixture
def de_linde(aanbieder: Organisatie) -> Voorziening:
    home = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Linde", lat=53.2, lon=6.58)
    VacatureFactory.create(voorziening=home, beschikbaar_vanaf=timezone.localdate())
    return home


@pytest.fixture
def wadzicht(aanbieder2: Organisatie) -> Voorziening:
    home = VoorzieningFactory.create(
        aanbieder=aanbieder2, naam="Huize Wadzicht", plaats="Holwert", lat=53.37, lon=5.9
    )
    VacatureFactory.create(voorziening=home, beschikbaar_vanaf=timezone.localdate())
    return home


def geboren(jaren: int) -> dt.date:
    today = timezone.localdate()
    return dt.date(today.year - jaren, 1, 1)
