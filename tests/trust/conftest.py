"""The personas of tests/conftest.py, gathered for the trust tests' world."""

from __future__ import annotations

import pytest

from accounts.models import User


@pytest.fixture
def personas(
    coordinator: User,
    coordinator2: User,
    beheerder: User,
    beheerder2: User,
    jongere_user: User,
    andere_jongere_user: User,
    ouder_user: User,
    admin_user: User,
) -> dict[str, User]:
    return {
        "coordinator": coordinator,
        "coordinator2": coordinator2,
        "beheerder": beheerder,
        "beheerder2": beheerder2,
        "jongere_user": jongere_user,
        "andere_jongere_user": andere_jongere_user,
        "ouder_user": ouder_user,
        "admin_user": admin_user,
    }
