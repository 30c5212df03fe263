"""Fixtures of the fault tests: a private Redis to stop and start."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.trust.storingen import EigenRedis, vrije_poort


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
