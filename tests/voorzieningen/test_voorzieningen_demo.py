"""The demo seed: enough homes for every role to see something, idempotent, consistent."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import User
from demo.accounts import demo_code
from voorzieningen.models import Plaatsing, Teamlid, Vacature, Voorziening

DEMO_PASSWORD = "passendeplek-demo"


@pytest.fixture
def demo(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def _tellingen() -> tuple[int, ...]:
    return (
        Voorziening.objects.count(),
        Teamlid.objects.count(),
        Plaatsing.objects.count(),
        Vacature.objects.count(),
        Voorziening.aanbod.through.objects.count(),
    )


def test_seed_is_idempotent_and_deterministic(demo: None) -> None:
    eerst = _tellingen()
    profielen = list(Plaatsing.objects.order_by("pk").values_list("zorgprofiel", "signalen"))
    call_command("seed_demo", verbosity=0)
    assert _tellingen() == eerst
    assert (
        list(Plaatsing.objects.order_by("pk").values_list("zorgprofiel", "signalen")) == profielen
    )


def test_seed_spreads_homes_over_providers_and_provinces(demo: None) -> None:
    assert Voorziening.objects.count() >= 25
    assert Voorziening.objects.values("aanbieder").distinct().count() >= 4
    assert set(Voorziening.objects.values_list("provincie", flat=True)) == {
        "Groningen",
        "Friesland",
        "Drenthe",
    }
    for email in ("beheerder@example.org", "beheerder2@example.org"):
        assert Voorziening.objects.managed_by(User.objects.get(email=email)).count() >= 3


def test_seed_has_full_homes_open_vacancies_and_one_opening_soon(demo: None) -> None:
    now = timezone.now()
    vol = [v for v in Voorziening.objects.all() if v.is_vol]
    assert len(vol) >= 3
    assert Vacature.objects.zichtbaar(now).count() >= 10
    assert Vacature.objects.te_bevestigen(now).exists()
    assert sum(v.opent_binnenkort() for v in Voorziening.objects.all()) == 1
    assert Plaatsing.objects.exclude(signalen=[]).exists()
    assert Plaatsing.objects.filter(einde__isnull=False).exists()
    assert len(set(Plaatsing.objects.values_list("zorgprofiel", flat=True))) >= 5


def test_seed_keeps_every_homes_numbers_consistent(demo: None) -> None:
    for woning in Voorziening.objects.annotate(
        lopend=Count("plaatsingen", filter=Q(plaatsingen__einde__isnull=True), distinct=True),
        vacatures_open=Count(
            "vacatures",
            filter=Q(vacatures__status__in=["open", "gereserveerd"]),
            distinct=True,
        ),
    ):
        assert woning.bewoners_aantal == woning.lopend, woning
        assert woning.vacatures_open <= woning.vrije_plaatsen, woning
        assert woning.teamleden.exists(), woning
        woning.full_clean()


def test_seed_never_puts_the_absolute_incompatibility_in_one_group(demo: None) -> None:
    for woning in Voorziening.objects.all():
        signalen = {s for p in woning.plaatsingen.lopend() for s in p.signalen}
        assert not {"seksueel_grensoverschrijdend", "slachtoffer_mensenhandel"} <= signalen


def test_demo_manager_logs_in_and_sees_their_homes(client: Client, demo: None) -> None:
    response = client.post(
        reverse("login"),
        {"username": "beheerder@example.org", "password": DEMO_PASSWORD},
        follow=True,
    )
    # The demo manager has the demo authenticator: the second step comes first.
    assert response.redirect_chain[-1][0].startswith(reverse("login_code"))
    response = client.post(response.redirect_chain[-1][0], {"code": demo_code()}, follow=True)
    # The start page first ("what needs you now"), which leads to the homes' overview.
    assert response.redirect_chain[-1][0] == reverse("start")
    assert reverse("voorzieningen:dashboard") in response.content.decode()
    html = client.get(reverse("voorzieningen:dashboard")).content.decode()
    assert "De Linde" in html and "Huize Wadzicht" not in html
