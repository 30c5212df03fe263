from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from pytest_django import Settings

from accounts.models import Organisatie, Regio, User


def _counts() -> tuple[int, int, int]:
    return Regio.objects.count(), Organisatie.objects.count(), User.objects.count()


def test_seed_demo_is_idempotent(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first
    assert Organisatie.objects.filter(soort=Organisatie.Soort.ZORGAANBIEDER).count() >= 4
    assert Regio.objects.count() >= 2


def test_seed_demo_refuses_without_debug(db: None, settings: Settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo", verbosity=0)
    assert User.objects.count() == 0


def test_seed_demo_runs_with_force_without_debug(db: None, settings: Settings) -> None:
    settings.DEBUG = False
    call_command("seed_demo", "--force", verbosity=0)
    assert User.objects.filter(email="coordinator2@example.org").exists()


def test_demo_coordinators_work_in_different_regions(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    one = User.objects.get(email="coordinator@example.org")
    two = User.objects.get(email="coordinator2@example.org")
    assert one.organisatie and two.organisatie
    assert one.organisatie.regio != two.organisatie.regio
