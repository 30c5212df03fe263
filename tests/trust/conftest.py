"""The personas of tests/conftest.py, gathered for the trust tests' world."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from accounts.models import User
from tests.trust.storingen import EigenRedis, vrije_poort


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


@pytest.fixture
def eigen_redis(tmp_path: Path) -> Iterator[EigenRedis]:
    """A private Redis on a free port, which the test may stop and start (see storingen)."""
    if shutil.which("redis-server") is None:
        pytest.skip("needs the redis-server program to run a private Redis")
    eigen = EigenRedis(poort=vrije_poort(), map=tmp_path)
    eigen.start()
    try:
        yield eigen
    finally:
        eigen.stop()
