"""Escalation to the region's expert table: after three declines or four weeks since the
first search; the expert team sees its own region's cases as a summary, the regional
picture counts them — through the pages."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, Rol, User
from jongeren.models import Jongere, VerklarendeAnalyse
from privacy.models import Inzage
from tests.factories import UserFactory
from tests.jongeren.factories import JongereFactory
from voorstellen.models import Afwijsreden, Voorstel, VoorstelStatus
from voorzieningen.models import Voorziening

URL = reverse("plaatsingstafel:expertteam")


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _afgewezen(jongere: Jongere, woning: Voorziening, coordinator: User, n: int) -> None:
    for _i in range(n):
        Voorstel.objects.create(
            jongere=jongere,
            voorziening=woning,
            gemaakt_door=coordinator,
            status=VoorstelStatus.AFGEWEZEN,
            afwijsreden=Afwijsreden.IMPACT_BEWONERS,
            antwoord_toelichting="Past niet bij Jan en Piet op de groep.",
        )


def test_three_declines_put_the_case_on_the_expert_table_as_a_summary(
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    coordinator: User,
    expertteam: User,
    de_linde: Voorziening,
) -> None:
    client = _login(expertteam)
    _afgewezen(noor, de_linde, coordinator, 2)
    assert client.get(URL).context["casussen"] == []
    _afgewezen(noor, de_linde, coordinator, 1)
    page = client.get(URL)
    [casus] = page.context["casussen"]
    assert casus.afwijzingen == 3
    assert casus.afwijsredenen == [("Impact op de huidige bewoners", 3)]
    html = page.text
    assert f"Casus {noor.pk}" in html and "Sanne" in html
    # No more than it needs: no name, no town, no signals, no home's free text.
    for geheim in ("Noor", noor.woonplaats, "zelfbeschadiging", "Jan en Piet"):
        assert geheim not in html
    # Each case shown is logged as read by the expert team.
    assert Inzage.objects.filter(jongere_ref=noor.pk, gebruiker=expertteam).exists()


def test_four_weeks_after_the_first_search_without_a_place(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, coordinator: User, expertteam: User
) -> None:
    # The search page marks the first search.
    _login(coordinator).get(reverse("matching:zoeken", args=[noor.pk]))
    noor.refresh_from_db()
    assert noor.zoeken_sinds is not None
    client = _login(expertteam)
    assert client.get(URL).context["casussen"] == []
    Jongere.objects.filter(pk=noor.pk).update(zoeken_sinds=timezone.now() - dt.timedelta(days=29))
    [casus] = client.get(URL).context["casussen"]
    assert casus.weken_gezocht == 4
    regio = _login(coordinator).get(reverse("plaatsingstafel:regio"))
    assert regio.context["geescaleerd"] == 1
    # Placed: off the table.
    Jongere.objects.filter(pk=noor.pk).update(fase="geplaatst")
    assert client.get(URL).context["casussen"] == []


def test_the_expert_team_sees_only_its_own_region(
    coordinator2: User, gemeente2: Organisatie, expertteam: User
) -> None:
    friesland = JongereFactory.create(roepnaam="Fries", coordinator=coordinator2)
    Jongere.objects.filter(pk=friesland.pk).update(
        zoeken_sinds=timezone.now() - dt.timedelta(days=60)
    )
    assert _login(expertteam).get(URL).context["casussen"] == []
    team_friesland = UserFactory.create(rol=Rol.EXPERTTEAM, organisatie=gemeente2)
    [casus] = _login(team_friesland).get(URL).context["casussen"]
    assert casus.jongere_id == friesland.pk


def test_the_expert_team_cannot_open_youths_or_proposals(
    noor: Jongere, expertteam: User, coordinator: User
) -> None:
    client = _login(expertteam)
    assert client.get(reverse("jongeren:detail", args=[noor.pk])).status_code in {403, 404}
    assert client.get(reverse("matching:zoeken", args=[noor.pk])).status_code == 403
    # The start page leads the expert team to its own page.
    assert f'href="{URL}"' in client.get(reverse("start")).text
    for persoon in (coordinator,):
        assert _login(persoon).get(URL).status_code == 403
