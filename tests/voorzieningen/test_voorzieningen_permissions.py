"""Who may open which page: another provider's home is a 404, families get a 403,
anonymous visitors go to the login page. Every manager URL is checked for every persona."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.voorzieningen.factories import PlaatsingFactory, TeamlidFactory, VacatureFactory
from voorzieningen.models import Voorziening


def _beheer_urls(woning: Voorziening) -> dict[str, str]:
    plaatsing = PlaatsingFactory.create(voorziening=woning)
    Voorziening.objects.filter(pk=woning.pk).update(bewoners_aantal=1)
    lid = TeamlidFactory.create(voorziening=woning)
    vacature = VacatureFactory.create(voorziening=woning)
    pk = woning.pk
    return {
        "beheer": reverse("voorzieningen:beheer", args=[pk]),
        "profiel": reverse("voorzieningen:profiel", args=[pk]),
        "team": reverse("voorzieningen:team", args=[pk]),
        "teamlid": reverse("voorzieningen:teamlid", args=[pk, lid.pk]),
        "teamlid_einde": reverse("voorzieningen:teamlid_einde", args=[pk, lid.pk]),
        "aankomst": reverse("voorzieningen:aankomst", args=[pk]),
        "bewoners": reverse("voorzieningen:bewoners", args=[pk]),
        "bewoner": reverse("voorzieningen:bewoner", args=[pk, plaatsing.pk]),
        "vertrek": reverse("voorzieningen:vertrek", args=[pk, plaatsing.pk]),
        "vacature_nieuw": reverse("voorzieningen:vacature_nieuw", args=[pk]),
        "vacature_intrekken": reverse("voorzieningen:vacature_intrekken", args=[pk, vacature.pk]),
    }


# What each persona gets on the manager pages of `woning` (Stichting Noorderhuis).
BEHEER_VERWACHT = {
    "beheerder": 200,
    "admin_user": 200,
    "beheerder2": 404,
    "coordinator": 403,
    "jongere_user": 403,
    "ouder_user": 403,
}


@pytest.mark.parametrize("persona", sorted(BEHEER_VERWACHT))
def test_manager_pages_open_only_for_the_homes_own_provider(
    client: Client, request: pytest.FixtureRequest, woning: Voorziening, persona: str
) -> None:
    urls = _beheer_urls(woning)
    client.force_login(request.getfixturevalue(persona))
    for naam, url in urls.items():
        assert client.get(url).status_code == BEHEER_VERWACHT[persona], naam


def test_anonymous_visitors_are_sent_to_login_from_every_page(
    client: Client, woning: Voorziening
) -> None:
    urls = [
        *_beheer_urls(woning).values(),
        reverse("voorzieningen:dashboard"),
        reverse("voorzieningen:nieuw"),
        reverse("voorzieningen:lijst"),
        reverse("voorzieningen:detail", args=[woning.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_a_home_that_does_not_exist_is_a_404_not_an_error(client: Client, beheerder: User) -> None:
    client.force_login(beheerder)
    assert client.get(reverse("voorzieningen:beheer", args=[999999])).status_code == 404


def test_a_resident_of_another_home_is_not_found_through_my_home(
    client: Client, woning: Voorziening, woning2: Voorziening, beheerder: User
) -> None:
    """Mixing my home's id with another home's resident id must not leak that resident."""
    ander = PlaatsingFactory.create(voorziening=woning2, aanduiding="X.Y.")
    client.force_login(beheerder)
    for naam in ("bewoner", "vertrek"):
        url = reverse(f"voorzieningen:{naam}", args=[woning.pk, ander.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"einde": "2026-01-01"}).status_code == 404
    ander.refresh_from_db()
    assert ander.einde is None


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("beheerder", 200),
        ("beheerder2", 200),
        ("coordinator", 403),
        ("admin_user", 403),
        ("jongere_user", 403),
        ("ouder_user", 403),
    ],
)
def test_dashboard_is_for_managers(
    client: Client, request: pytest.FixtureRequest, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("voorzieningen:dashboard")).status_code == status
    assert client.get(reverse("voorzieningen:nieuw")).status_code == status


@pytest.mark.parametrize(
    ("persona", "lijst", "detail"),
    [
        ("coordinator", 200, 200),
        ("coordinator2", 200, 200),
        ("admin_user", 200, 200),
        ("beheerder", 403, 200),
        ("beheerder2", 403, 404),
        ("jongere_user", 403, 403),
        ("ouder_user", 403, 403),
    ],
)
def test_coordinator_pages(
    client: Client,
    request: pytest.FixtureRequest,
    woning: Voorziening,
    persona: str,
    lijst: int,
    detail: int,
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("voorzieningen:lijst")).status_code == lijst
    assert client.get(reverse("voorzieningen:detail", args=[woning.pk])).status_code == detail


def test_navigation_shows_each_role_its_own_entries(
    client: Client, beheerder: User, coordinator: User, jongere_user: User
) -> None:
    dashboard = reverse("voorzieningen:dashboard")
    lijst = reverse("voorzieningen:lijst")
    client.force_login(beheerder)
    html = client.get(dashboard).content.decode()
    assert f'href="{dashboard}"' in html and f'href="{lijst}"' not in html
    client.force_login(coordinator)
    html = client.get(lijst).content.decode()
    assert f'href="{lijst}"' in html and f'href="{dashboard}"' not in html
    client.force_login(jongere_user)
    html = client.get(reverse("jongeren:mijn")).content.decode()
    assert f'href="{lijst}"' not in html and f'href="{dashboard}"' not in html


def test_a_manager_reaches_the_dashboard_from_the_start_page(
    client: Client, beheerder: User
) -> None:
    client.force_login(beheerder)
    html = client.get(reverse("start")).content.decode()
    assert f'href="{reverse("voorzieningen:dashboard")}"' in html
