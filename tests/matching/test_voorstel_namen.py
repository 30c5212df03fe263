"""Proposals are named after the people and the home ("Noor → De Linde") wherever those
who know the youth read them; the home keeps reading a name-free reference until the
analysis is shared."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import Melding, User
from tests.factories import tweede_stap_gedaan
from voorstellen import services as flow
from voorstellen.models import Voorstel


def _ingelogd(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coordinator_reads_the_proposal_by_name(coordinator: User, verstuurd: Voorstel) -> None:
    client = _ingelogd(coordinator)
    pagina = client.get(verstuurd.get_absolute_url()).content.decode()
    assert "<title>Noor → De Linde" in pagina
    assert "<h1>Noor → De Linde</h1>" in pagina
    lijst = client.get(reverse("voorstellen:lijst")).content.decode()
    assert "Noor" in lijst and "De Linde" in lijst
    assert f"Voorstel {verstuurd.pk}" not in pagina + lijst


def test_the_coordinators_notice_names_the_proposal(
    coordinator: User, beheerder: User, verstuurd: Voorstel
) -> None:
    flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    melding = Melding.objects.filter(ontvanger=coordinator).latest("aangemaakt_op")
    assert melding.tekst == "Noor → De Linde: de woning heeft interesse."


def test_the_home_still_reads_no_name_before_sharing(beheerder: User, verstuurd: Voorstel) -> None:
    lijst = _ingelogd(beheerder).get(reverse("voorstellen:lijst")).content.decode()
    assert verstuurd.pseudoniem in lijst
    assert "Noor" not in lijst.split("<main")[1]


def test_the_admin_lists_proposals_by_name(admin_user: User, verstuurd: Voorstel) -> None:
    assert str(verstuurd) == "Noor → De Linde"
    client = _ingelogd(admin_user)
    tweede_stap_gedaan(client, admin_user)
    html = client.get(reverse("admin:voorstellen_voorstel_changelist")).content.decode()
    assert "Noor → De Linde" in html
