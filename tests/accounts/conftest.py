"""A youth with an analysis, a home and a sent proposal, for the access-log tests.

`noor` belongs to the first coordinator's organisation, with her own account and her
mother; `daan` is another youth of that organisation; `de_linde` is a home of the first
provider (managed by `beheerder`) and `voorstel` a proposal for Noor sent to it.
"""

from __future__ import annotations

import pytest

from accounts.models import Organisatie, Rol, User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening


@pytest.fixture
def noor(coordinator: User, jongere_user: User, ouder_user: User) -> Jongere:
    return JongereFactory.create(
        roepnaam="Noor", coordinator=coordinator, account=jongere_user, ouders=[ouder_user]
    )


@pytest.fixture
def daan(coordinator: User, andere_jongere_user: User) -> Jongere:
    andere_ouder = UserFactory.create(email="karin@example.org", first_name="Karin", rol=Rol.OUDER)
    return JongereFactory.create(
        roepnaam="Daan", coordinator=coordinator, account=andere_jongere_user, ouders=[andere_ouder]
    )


@pytest.fixture
def noor_analyse(noor: Jongere) -> VerklarendeAnalyse:
    return AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        behoeften=[("rust_structuur", 3)],
    )


@pytest.fixture
def de_linde(aanbieder: Organisatie) -> Voorziening:
    home = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Linde", lat=53.2, lon=6.58)
    VacatureFactory.create(voorziening=home)
    return home


@pytest.fixture
def voorstel(noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening) -> Voorstel:
    from voorstellen import services as flow

    assert noor.coordinator is not None
    concept = flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=noor.coordinator, motivatie="Rustig huis."
    )
    return flow.stuur_voorstel(voorstel=concept, door=noor.coordinator)
