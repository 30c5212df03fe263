"""Youths for the personas of tests/conftest.py.

`noor` belongs to the first coordinator's organisation and is linked to `jongere_user`
(her account) and `ouder_user` (her mother). `daan` is another youth of the same
organisation with his own account and parent; `jelle_jongere` belongs to the Friesland
coordinator's organisation.
"""

from __future__ import annotations

import pytest

from accounts.models import Rol, User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory, JongereFactory


@pytest.fixture
def noor(coordinator: User, jongere_user: User, ouder_user: User) -> Jongere:
    return JongereFactory.create(
        roepnaam="Noor", coordinator=coordinator, account=jongere_user, ouders=[ouder_user]
    )


@pytest.fixture
def andere_ouder(db: None) -> User:
    return UserFactory.create(email="karin@example.org", first_name="Karin", rol=Rol.OUDER)


@pytest.fixture
def daan(coordinator: User, andere_jongere_user: User, andere_ouder: User) -> Jongere:
    return JongereFactory.create(
        roepnaam="Daan",
        coordinator=coordinator,
        account=andere_jongere_user,
        ouders=[andere_ouder],
    )


@pytest.fixture
def jelle_jongere(coordinator2: User) -> Jongere:
    return JongereFactory.create(roepnaam="Sietske", coordinator=coordinator2)


@pytest.fixture
def collega(coordinator: User) -> User:
    """Another coordinator in the same organisation as `coordinator`."""
    return UserFactory.create(
        email="collega@example.org",
        first_name="Tim",
        rol=Rol.COORDINATOR,
        organisatie=coordinator.organisatie,
    )


@pytest.fixture
def noor_concept(noor: Jongere) -> VerklarendeAnalyse:
    return AnalyseFactory.create(jongere=noor)


@pytest.fixture
def noor_ter_instemming(noor: Jongere) -> VerklarendeAnalyse:
    from django.utils import timezone

    return AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.TER_INSTEMMING,
        voorgelegd_op=timezone.now(),
        signalen=["zelfbeschadiging"],
    )
