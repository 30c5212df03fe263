"""Charts that read: a long label is wrapped, never cut; numbers in Dutch format; a legend."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from kern.grafieken import getal, grafiek, lijngrafiek

LANG = "Op een instellingsterrein, gesloten, voor jongeren met een machtiging"


def test_a_long_label_wraps_over_lines_and_keeps_every_word() -> None:
    g = grafiek("Vrije plekken", [(LANG, 3, "3"), ("Kort", 1, "1")])
    lang, kort = g.balken
    assert len(lang.regels) > 1
    assert " ".join(tekst for _y, tekst in lang.regels) == LANG
    assert kort.y > lang.y + 2 * 17, "the next row starts below every line of the long label"
    html = render_to_string("includes/staafgrafiek.html", {"grafiek": g})
    assert "…" not in html and "machtiging" in html
    assert 'class="legenda"' in html


def test_numbers_are_written_the_dutch_way() -> None:
    with translation.override("nl"):
        assert getal(1234) == "1.234"
        assert getal(Decimal("12.5")) == "12,5"
        g = lijngrafiek("Per maand", ["jan", "feb"], [("Plekken", [0, 2400])])
        assert [tekst for _y, tekst in g.y_labels] == ["0", "1.200", "2.400"]


def test_the_last_month_label_has_room_inside_the_chart() -> None:
    g = lijngrafiek("Per maand", [f"m{i}" for i in range(12)], [("Plekken", [1] * 12)])
    laatste_x = g.x_labels[-1][0]
    assert g.breedte - laatste_x >= 30
