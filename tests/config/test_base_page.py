"""The base page: accessible skeleton, Dutch, strict CSP, nothing loaded from elsewhere."""

from __future__ import annotations

import re

from django.test import Client

from accounts.models import User


def test_login_page_is_dutch_with_skip_link_landmarks_and_one_h1(client: Client, db: None) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="nl"' in html
    assert 'href="#inhoud"' in html and 'id="inhoud"' in html
    assert html.count("<h1") == 1
    assert "<main" in html and "<header" in html and "<footer" in html
    assert '<label for="id_username">E-mailadres' in html
    assert 'name="viewport"' in html


def test_every_script_and_stylesheet_is_served_by_the_portal_itself(
    client: Client, db: None
) -> None:
    html = client.get("/accounts/login/").content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any("htmx" in src for src in sources)
    assert all(src.startswith("/static/") for src in sources), sources


def test_content_security_policy_uses_a_nonce_and_forbids_inline_handlers(
    client: Client, db: None
) -> None:
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert not re.search(r"\son[a-z]+=", response.content.decode())


def test_english_is_available(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    client.post("/taal/", {"language": "en", "next": "/jongeren/"})
    html = client.get("/jongeren/").content.decode()
    assert '<html lang="en"' in html
    assert "Log out" in html


def test_dutch_stays_the_default_even_for_an_english_browser(client: Client, db: None) -> None:
    html = client.get("/accounts/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert '<html lang="nl"' in html.content.decode()
    assert "Inloggen" in html.content.decode()
