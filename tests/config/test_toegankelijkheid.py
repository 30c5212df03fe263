"""The accessibility statement: open to everyone, linked in every footer, honest and plain."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User


def test_statement_names_the_standard_the_tests_the_limits_and_the_contact(
    client: Client, db: None, settings: Settings
) -> None:
    settings.TOEGANKELIJKHEID_EMAIL = "hulp@regio.example"
    antwoord = client.get(reverse("toegankelijkheid"))

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert html.count("<h1") == 1
    for inhoud in ("WCAG 2.1", "EN 301 549", "axe-core", "toetsenbord", "390 pixels"):
        assert inhoud in html
    assert "Wat nog niet goed is" in html
    assert 'href="mailto:hulp@regio.example"' in html
    assert "22 november 2026" in html


def test_footer_links_to_the_statement_next_to_privacy(client: Client, beheerder: User) -> None:
    client.force_login(beheerder)
    html = client.get(reverse("voorzieningen:dashboard")).content.decode()
    privacy = html.index(f'href="{reverse("privacy")}"')
    toegankelijkheid = html.index(f'href="{reverse("toegankelijkheid")}"')
    assert 0 < toegankelijkheid - privacy < 200
