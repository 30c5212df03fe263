"""The status badges: each status gets the colour of what it means, and always its words."""

from __future__ import annotations

from django.template import Context, Template

from kern.templatetags.ontwerp import badge


def test_a_status_gets_the_badge_of_what_it_means() -> None:
    assert badge("gedragen") == badge("geplaatst") == badge("laag") == "success"
    assert badge("ter_instemming") == badge("verhoogd") == "warning"
    assert badge("wijziging") == badge("hoog") == badge("te_laat") == "danger"
    assert badge("afgewezen") == badge("verlopen") == "inactive"
    # A step under way that has no colour of its own reads as active, never as success.
    assert badge("kennismaking_gepland") == "active"
    assert badge("") == "neutral"


def test_the_badge_says_the_status_in_words() -> None:
    html = Template(
        '{% load ontwerp %}<span class="utrecht-status-badge utrecht-status-badge--{{ s|badge }}">'
        "{{ tekst }}</span>"
    ).render(Context({"s": "hoog", "tekst": "Hoog"}))
    assert html == '<span class="utrecht-status-badge utrecht-status-badge--danger">Hoog</span>'
