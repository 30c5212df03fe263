"""A youth's running proposals are visible wherever a new one could be made, and a second
proposal to the same home is not offered: the search, the proposal page and the joint
allocation say it is already running and link to it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren.models import Jongere, VerklarendeAnalyse
from plaatsingstafel import verdeling as service
from plaatsingstafel.models import Verdeling
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening


def _nieuw(jongere: Jongere, woning: Voorziening) -> str:
    return reverse("voorstellen:voorstel_nieuw", args=[jongere.pk, woning.pk])


def test_the_search_names_the_running_proposal_instead_of_offering_another(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    wadzicht: Voorziening,
    verstuurd: Voorstel,
) -> None:
    client.force_login(coordinator)
    html = client.get(reverse("matching:zoeken", args=[noor.pk])).content.decode()
    assert "Er loopt al 1 voorstel voor Noor" in html
    assert "Er loopt al een voorstel voor Noor bij deze woning" in html
    assert verstuurd.get_absolute_url() in html
    # The home with the running proposal has no button; the other home still has one.
    assert _nieuw(noor, verstuurd.voorziening) not in html
    assert _nieuw(noor, wadzicht) in html


def test_without_a_running_proposal_every_home_offers_one(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
) -> None:
    client.force_login(coordinator)
    html = client.get(reverse("matching:zoeken", args=[noor.pk])).content.decode()
    assert "Er loopt al" not in html
    assert _nieuw(noor, de_linde) in html


def test_the_proposal_page_refuses_a_second_proposal_to_the_same_home(
    client: Client, coordinator: User, noor: Jongere, verstuurd: Voorstel
) -> None:
    client.force_login(coordinator)
    url = _nieuw(noor, verstuurd.voorziening)
    html = client.get(url).content.decode()
    assert "Er loopt al een voorstel voor Noor bij deze woning" in html
    assert 'value="versturen"' not in html
    assert verstuurd.get_absolute_url() in html
    # And the server refuses it too, whatever the page showed.
    client.post(url, {"motivatie": "Nog een keer.", "actie": "versturen"})
    assert Voorstel.objects.filter(jongere=noor, voorziening=verstuurd.voorziening).count() == 1


def test_the_allocation_says_a_proposal_is_already_running(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    verstuurd: Voorstel,
) -> None:
    client.force_login(coordinator)
    antwoord = client.post(reverse("plaatsingstafel:toewijzing"), {"iedereen": "on"})
    verdeling = Verdeling.objects.get(pk=int(antwoord["Location"].rstrip("/").split("/")[-1]))
    service.bereken(verdeling_id=verdeling.pk)
    html = client.get(verdeling.get_absolute_url()).content.decode()
    assert "Loopt al:" in html
    assert f"{verstuurd.voorziening.naam} (" in html
    # Noor's best home is the one her proposal already goes to: no second one offered.
    assert "Er loopt al een voorstel bij deze woning" in html
    assert _nieuw(noor, verstuurd.voorziening) not in html
