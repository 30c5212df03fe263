"""The joint allocation and the safety rules: two newcomers who would make a group `hoog`
together are kept apart when another home can take one of them."""

from __future__ import annotations

from plaatsingstafel.allocatie import Verzoek, _bouw, _fit, _met_paren, _startpunt, stel_voor
from tests.matching.test_allocatie import TODAY, home, score, youth

ABSCONDING_VICTIM = frozenset({"slachtoffer_mensenhandel", "weglopen"})
ABSCONDING = frozenset({"weglopen"})


def _case() -> Verzoek:
    # H1 offers what both need and has two places; H2 is on institution grounds, a few
    # points worse. A trafficking victim who runs away next to another youth who runs away
    # is a severe safety rule: together in H1, both would be capped.
    a = youth("A", needs=("rust_structuur",), attention=ABSCONDING_VICTIM)
    b = youth("B", needs=("rust_structuur",), attention=ABSCONDING, profile="ontwikkeling")
    h1 = home("H1", offers=("rust_structuur",), vacancies=2)
    h2 = home("H2", offers=("rust_structuur",), setting="instellingsterrein")
    assert score(a, h1) > score(a, h2) and score(b, h1) > score(b, h2)
    return Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY)


def test_newcomers_who_together_make_the_group_high_risk_are_placed_apart() -> None:
    uitkomst = stel_voor(_case())
    plek = {t.youth.ref: t.kandidaat.home_ref for t in uitkomst.toewijzingen if t.kandidaat}

    assert sorted(plek.values()) == ["H1", "H2"]
    assert uitkomst.geplaatst == 2


def test_the_pair_effect_is_explained_without_naming_a_signal() -> None:
    # Only one home: both go there, and the table reads what that costs, in group words.
    verzoek = _case()
    verzoek = Verzoek(youths=verzoek.youths, homes=verzoek.homes[:1], today=TODAY)
    uitkomst = stel_voor(verzoek)
    effect = uitkomst.toewijzingen[0].samen_met[0]

    assert effect.punten >= 30
    uitleg = " ".join(effect.uitleg).lower()
    assert "hoog" in uitleg
    for word in ("weglo", "mensenhandel"):
        assert word not in uitleg


def test_the_fit_rounds_starting_point_already_keeps_the_pair_apart() -> None:
    model = _bouw(_case())
    flow = _startpunt(model)  # ignores the pair effects: both in H1
    start = _met_paren(model, flow)

    assert flow == {"A": "H1", "B": "H1"}
    assert len(start) == len(flow)
    assert sorted(start.values()) == ["H1", "H2"]
    assert _fit(model, start) > _fit(model, flow)
