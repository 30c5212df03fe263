"""The demo: Noor has a proposal waiting for her decision, the demo manager one to answer."""

from __future__ import annotations

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from demo.accounts import DEMO_PASSWORD
from voorstellen.models import Voorstel, VoorstelStatus


def test_demo_has_proposals_for_noor_and_the_manager(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    noor = User.objects.get(email="jongere@example.org")
    beheerder = User.objects.get(email="beheerder@example.org")
    wachtend = Voorstel.objects.get(
        jongere__account=noor, status=VoorstelStatus.KENNISMAKING_GEHOUDEN
    )
    assert not wachtend.besluiten.exists()
    assert Voorstel.objects.for_user(beheerder).filter(status=VoorstelStatus.VERSTUURD).exists()
    assert User.objects.get(email="gedragswetenschapper@example.org").is_gedragswetenschapper

    client = Client()
    login = {"username": "jongere@example.org", "password": DEMO_PASSWORD}
    assert client.post(reverse("login"), login).status_code == 302
    page = client.get(reverse("voorstellen:voorstel", args=[wachtend.pk]))
    assert page.status_code == 200 and "Wat vind jij?" in page.content.decode()

    before = list(Voorstel.objects.order_by("pk").values_list("pk", "status"))
    call_command("seed_demo", verbosity=0)
    assert list(Voorstel.objects.order_by("pk").values_list("pk", "status")) == before
    assert wachtend.jongere.__class__.objects.get(pk=wachtend.jongere_id).fase == "voorgesteld"
