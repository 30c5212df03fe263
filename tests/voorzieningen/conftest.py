"""Homes of the two providers in tests/conftest.py: `woning` is managed by `beheerder`
(Stichting Noorderhuis), `woning2` by `beheerder2` (Waddenkring Jeugdzorg)."""

from __future__ import annotations

import pytest

from accounts.models import Organisatie
from tests.voorzieningen.factories import VoorzieningFactory
from voorzieningen.models import Voorziening


@pytest.fixture
def woning(aanbieder: Organisatie) -> Voorziening:
    return VoorzieningFactory.create(
        aanbieder=aanbieder, naam="De Linde", plaats="Groningen", max_bewoners=4
    )


@pytest.fixture
def woning2(aanbieder2: Organisatie) -> Voorziening:
    return VoorzieningFactory.create(
        aanbieder=aanbieder2,
        naam="Huize Wadzicht",
        plaats="Holwert",
        provincie="Friesland",
        postcode="9151 AB",
        lat=53.37,
        lon=5.9,
        max_bewoners=4,
    )
