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
from voorstellen.models import Voorstel
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


# --- Proposals -------------------------------------------------------------------------


@pytest.fixture
def gedragswetenschapper(gemeente: Organisatie) -> User:
    from accounts.models import Rol
    from tests.factories import UserFactory

    return UserFactory.create(
        email="fenna@example.org",
        first_name="Fenna",
        rol=Rol.COORDINATOR,
        organisatie=gemeente,
        is_gedragswetenschapper=True,
    )


@pytest.fixture
def concept(noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening) -> Voorstel:
    from voorstellen import services as flow

    assert noor.coordinator is not None
    return flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=noor.coordinator, motivatie="Rustig huis."
    )


@pytest.fixture
def verstuurd(concept: Voorstel) -> Voorstel:
    from voorstellen import services as flow

    return flow.stuur_voorstel(voorstel=concept, door=concept.gemaakt_door)


def naar_gehouden(voorstel: Voorstel, beheerder: User) -> Voorstel:
    """Answer with interest, plan a meeting, move it to the past and record it as held."""
    from voorstellen import services as flow
    from voorstellen.models import Kennismaking

    flow.beantwoord_voorstel(voorstel=voorstel, door=beheerder, interesse=True)
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=voorstel.gemaakt_door,
        soort=Kennismaking.Soort.BEZOEK,
        datum=timezone.now() + dt.timedelta(days=1),
        plaats="Lindelaan 1",
    )
    Kennismaking.objects.filter(voorstel=voorstel).update(
        datum=timezone.now() - dt.timedelta(hours=2)
    )
    flow.leg_kennismaking_vast(voorstel=voorstel, door=beheerder, notitie="Goed gesprek.")
    voorstel.refresh_from_db()
    return voorstel


@pytest.fixture
def gehouden(verstuurd: Voorstel, beheerder: User) -> Voorstel:
    return naar_gehouden(verstuurd, beheerder)
