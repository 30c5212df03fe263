"""The joint allocation on small cases whose optimum is known by hand.

No database: youths and homes are the engine's own records. Homes differ only in what the
cases need (needs offered, places, vacancies), so the engine's scores are easy to reason
about: a home that offers the youth's essential need beats one that does not.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kern.publiek import Audience
from matching.engine import Home, Need, Point, Resident, Vacancy, Youth, evaluate_home
from matching.engine.types import Setting
from plaatsingstafel.allocatie import AllocatieFout, Verzoek, capaciteit, stel_voor

TODAY = date(2026, 6, 1)
GRONINGEN = Point(53.22, 6.57)


def youth(
    ref: str,
    *,
    needs: tuple[str, ...] = (),
    attention: frozenset[str] = frozenset(),
    profile: str = "trauma",
    age: int = 15,
) -> Youth:
    return Youth(
        ref=ref,
        birth_date=date(TODAY.year - age, 1, 1),
        gender="v",
        location=GRONINGEN,
        school_location=None,
        needed_from=TODAY,
        machtiging_gesloten=False,
        care_profile=profile,
        care_intensity="midden",
        needs=tuple(Need(code, 3) for code in needs),
        attention=attention,
    )


def home(
    ref: str,
    *,
    offers: tuple[str, ...] = (),
    vacancies: int = 1,
    max_residents: int = 4,
    residents: tuple[Resident, ...] = (),
    closed: bool = False,
    setting: Setting = "woonwijk",
) -> Home:
    return Home(
        ref=ref,
        location=GRONINGEN,
        setting=setting,
        closed=closed,
        max_residents=max_residents,
        age_min=12,
        age_max=18,
        offers=frozenset(offers),
        staff_on_shift=2,
        team_size=7,
        team_turnover_12m=0.05,
        vacancies=tuple(Vacancy(TODAY) for _ in range(vacancies)),
        residents=residents,
    )


def resident(profile: str = "ontwikkeling", age: int = 15) -> Resident:
    return Resident(
        ref="bewoner",
        birth_date=date(TODAY.year - age, 6, 1),
        gender="m",
        care_profile=profile,
        care_intensity="midden",
        planned_end=None,
    )


def plan(verzoek: Verzoek) -> dict[str, str | None]:
    advies = stel_voor(verzoek)
    return {t.youth.ref: t.kandidaat.home_ref if t.kandidaat else None for t in advies.toewijzingen}


def score(y: Youth, h: Home) -> float:
    result = evaluate_home(y, h, TODAY, audience=Audience.COORDINATOR)
    assert result.score is not None
    return result.score


def test_capacity_is_the_open_vacancies_within_the_room_left() -> None:
    assert capaciteit(home("H", vacancies=2)) == 2
    assert capaciteit(home("H", vacancies=0)) == 0
    # Four places, three residents: one room left, whatever the vacancies say.
    full = home("H", vacancies=3, residents=(resident(), resident(), resident()))
    assert capaciteit(full) == 1


def test_one_place_goes_to_the_youth_it_fits_best_and_the_other_gets_the_second_home() -> None:
    # A needs calm (rust_structuur), B needs outdoor space (buitenruimte). H1 offers calm,
    # H2 offers outdoor space; each has one place. By hand: A->H1, B->H2 is the optimum.
    a = youth("A", needs=("rust_structuur",))
    b = youth("B", needs=("buitenruimte",))
    h1 = home("H1", offers=("rust_structuur",))
    h2 = home("H2", offers=("buitenruimte",))
    assert score(a, h1) > score(a, h2)
    uitkomst = stel_voor(Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY))
    assert {t.youth.ref: t.kandidaat.home_ref for t in uitkomst.toewijzingen if t.kandidaat} == {
        "A": "H1",
        "B": "H2",
    }
    assert uitkomst.optimaal and uitkomst.gap == 0
    assert uitkomst.totale_fit == pytest.approx(score(a, h1) + score(b, h2))


def test_capacity_limits_how_many_youths_one_home_takes() -> None:
    # Both prefer H1, which has one place; H2 is worse for both but free.
    a = youth("A", needs=("rust_structuur",), profile="trauma")
    b = youth("B", needs=("rust_structuur",), profile="ontwikkeling")
    h1 = home("H1", offers=("rust_structuur",), vacancies=1)
    h2 = home("H2", vacancies=1)
    result = plan(Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY))
    assert sorted(str(home_ref) for home_ref in result.values()) == ["H1", "H2"]


def test_a_home_without_room_for_a_second_youth_gets_one() -> None:
    # Only one home, one place, two youths: one waits, with a reason.
    a = youth("A", needs=("rust_structuur",))
    b = youth("B", needs=("buitenruimte",))
    uitkomst = stel_voor(
        Verzoek(youths=[a, b], homes=[home("H1", offers=("rust_structuur",))], today=TODAY)
    )
    geplaatst = [t for t in uitkomst.toewijzingen if t.kandidaat]
    wacht = [t for t in uitkomst.toewijzingen if not t.kandidaat]
    assert [t.youth.ref for t in geplaatst] == ["A"]
    assert wacht[0].waarom_geen
    assert wacht[0].alternatieven[0].home_ref == "H1"


def test_the_absolute_incompatibility_keeps_two_newcomers_apart() -> None:
    # H1 has two places and fits both best; but one shows sexually transgressive behaviour
    # and the other is a trafficking victim: they may never share a group.
    a = youth("A", needs=("rust_structuur",), attention=frozenset({"seksueel_grensoverschrijdend"}))
    b = youth("B", needs=("rust_structuur",), attention=frozenset({"slachtoffer_mensenhandel"}))
    h1 = home("H1", offers=("rust_structuur",), vacancies=2)
    h2 = home("H2", vacancies=1)
    uitkomst = stel_voor(Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY))
    result = {
        t.youth.ref: t.kandidaat.home_ref if t.kandidaat else None for t in uitkomst.toewijzingen
    }
    assert sorted(v for v in result.values() if v) == ["H1", "H2"]
    assert uitkomst.verboden_paren == 1
    # Without the signals, both would go to H1.
    a2, b2 = (
        youth("A", needs=("rust_structuur",)),
        youth("B", needs=("rust_structuur",), profile="ontwikkeling"),
    )
    assert set(plan(Verzoek(youths=[a2, b2], homes=[h1, h2], today=TODAY)).values()) == {"H1"}


def test_look_alike_newcomers_cost_points_and_are_spread_when_that_fits_better() -> None:
    # Two externalising youths amplify each other in one group (the engine's look-alike
    # penalty, 0.2 of the group factor for each of them). H1 and H2 both offer what they
    # need; H2 is on institution grounds, a few points worse. Alone, H1 is best for each;
    # together in H1 they lose more than one of them loses in H2: the optimum spreads them.
    a = youth("A", profile="externaliserend", needs=("rust_structuur",))
    b = youth("B", profile="externaliserend", needs=("rust_structuur",))
    h1 = home("H1", offers=("rust_structuur",), vacancies=2)
    h2 = home("H2", offers=("rust_structuur",), setting="instellingsterrein")
    assert score(a, h1) > score(a, h2)
    uitkomst = stel_voor(Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY))
    result = {t.youth.ref: t.kandidaat.home_ref for t in uitkomst.toewijzingen if t.kandidaat}
    assert sorted(result.values()) == ["H1", "H2"]
    assert uitkomst.paren == 1
    assert uitkomst.totale_fit == pytest.approx(score(a, h1) + score(b, h2))


def test_mixed_newcomers_may_share_a_home() -> None:
    a = youth("A", profile="externaliserend", needs=("rust_structuur",))
    b = youth("B", profile="internaliserend", needs=("rust_structuur",))
    h1 = home("H1", offers=("rust_structuur",), vacancies=2)
    h2 = home("H2", vacancies=1)
    assert set(plan(Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY)).values()) == {"H1"}


def test_explanation_names_the_pair_effect() -> None:
    a = youth("A", profile="externaliserend", needs=("rust_structuur",))
    b = youth("B", profile="externaliserend", needs=("rust_structuur",))
    # Only one home: both go there, and the advice says what that costs.
    h1 = home("H1", offers=("rust_structuur",), vacancies=2)
    uitkomst = stel_voor(Verzoek(youths=[a, b], homes=[h1], today=TODAY))
    assert uitkomst.geplaatst == 2
    effect = uitkomst.toewijzingen[0].samen_met[0]
    assert effect.ander_ref == "B"
    assert effect.punten > 0
    assert any("zorgprofiel" in zin for zin in effect.uitleg)
    assert uitkomst.totale_fit == pytest.approx(score(a, h1) + score(b, h1) - effect.punten)


def test_a_fixed_choice_is_kept_even_when_it_lowers_the_total() -> None:
    a = youth("A", needs=("rust_structuur",))
    b = youth("B", needs=("buitenruimte",))
    h1 = home("H1", offers=("rust_structuur",))
    h2 = home("H2", offers=("buitenruimte",))
    result = plan(Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY, vast={"A": "H2"}))
    assert result == {"A": "H2", "B": "H1"}
    toewijzing = stel_voor(
        Verzoek(youths=[a, b], homes=[h1, h2], today=TODAY, vast={"A": "H2"})
    ).toewijzingen[0]
    assert toewijzing.vast


def test_an_excluded_home_gets_nobody() -> None:
    a = youth("A", needs=("rust_structuur",))
    h1 = home("H1", offers=("rust_structuur",))
    h2 = home("H2")
    assert plan(
        Verzoek(youths=[a], homes=[h1, h2], today=TODAY, uitgesloten=frozenset({"H1"}))
    ) == {"A": "H2"}


@pytest.mark.parametrize(
    ("verzoek_kwargs", "code", "woorden"),
    [
        ({"youths": []}, "geen_jongeren", "geen jongeren"),
        ({"homes": [home("H1", vacancies=0)]}, "geen_plekken", "geen vrije plekken"),
        ({"vast": {"A": "H1", "B": "H1"}}, "vast_te_veel", "maar 1 plek"),
        (
            {"vast": {"A": "H1"}, "uitgesloten": frozenset({"H1"})},
            "vast_uitgesloten",
            "uitgesloten",
        ),
        ({"vast": {"Z": "H1"}}, "vast_onbekend", "niet op de lijst"),
        ({"vast": {"A": "HG"}}, "vast_niet_geschikt", "machtiging"),
        ({"iedereen": True, "homes": [home("H1")]}, "onhaalbaar", "Niet iedere"),
    ],
)
def test_bad_requests_get_a_dutch_reason_not_a_solver_error(
    verzoek_kwargs: dict[str, object], code: str, woorden: str
) -> None:
    base: dict[str, object] = {
        "youths": [youth("A"), youth("B")],
        "homes": [home("H1"), home("H2"), home("HG", closed=True)],
        "today": TODAY,
        "namen": {"A": "Aram", "B": "Bo", "H1": "De Linde", "HG": "Het Kompas"},
    }
    base.update(verzoek_kwargs)
    with pytest.raises(AllocatieFout) as fout:
        stel_voor(Verzoek(**base))  # type: ignore[arg-type]
    assert fout.value.code == code
    assert woorden in fout.value.message


def test_conflicting_fixed_choices_in_one_home_are_refused() -> None:
    a = youth("A", attention=frozenset({"seksueel_grensoverschrijdend"}))
    b = youth("B", attention=frozenset({"slachtoffer_mensenhandel"}))
    with pytest.raises(AllocatieFout) as fout:
        stel_voor(
            Verzoek(
                youths=[a, b],
                homes=[home("H1", vacancies=2)],
                today=TODAY,
                vast={"A": "H1", "B": "H1"},
                namen={"A": "Aram", "B": "Bo", "H1": "De Linde"},
            )
        )
    assert fout.value.code == "vast_onverenigbaar"
    assert "Aram en Bo" in fout.value.message


def test_everyone_placed_when_asked_and_possible() -> None:
    # Without the demand the optimum may leave nobody out anyway; with it, each youth gets one.
    a = youth("A", needs=("rust_structuur",))
    b = youth("B", needs=("rust_structuur",), profile="ontwikkeling")
    homes = [home("H1", offers=("rust_structuur",)), home("H2")]
    result = plan(Verzoek(youths=[a, b], homes=homes, today=TODAY, iedereen=True))
    assert None not in result.values()


def test_a_resident_leaving_before_the_vacancy_frees_room() -> None:
    leaving = Resident(
        ref="bewoner",
        birth_date=date(2011, 1, 1),
        gender="m",
        care_profile="trauma",
        care_intensity="midden",
        planned_end=TODAY - timedelta(days=1),
    )
    assert capaciteit(home("H", vacancies=1, max_residents=1, residents=(leaving,))) == 1


@pytest.mark.parametrize("count", [1, 5, 12])
def test_best_homes_is_exactly_the_top_of_the_full_ranking(count: int) -> None:
    # The allocation scores only homes whose upper bound can still reach the top; the
    # answer must be what ranking every home gives, scores and order included.
    import random

    from demo.management.commands.bench_allocation import synthetic_homes, synthetic_youths
    from matching.engine import best_homes, rank_homes

    rng = random.Random(count)
    homes = synthetic_homes(300, rng, TODAY)
    for y in synthetic_youths(15, rng, TODAY):
        full = [
            r
            for r in rank_homes(y, homes, TODAY, with_impacts=False, audience=Audience.COORDINATOR)
            if r.eligible
        ]
        assert best_homes(y, homes, TODAY, count, audience=Audience.COORDINATOR) == full[:count]


def test_siblings_are_kept_together_where_a_home_has_room_for_both() -> None:
    # Apart, each has a home that fits better; together they go to the one home with two places.
    a = youth("A", needs=("rust_structuur",))
    b = youth("B", needs=("buitenruimte",))
    homes = [
        home("H1", offers=("rust_structuur",)),
        home("H2", offers=("buitenruimte",)),
        home("H3", vacancies=2),
    ]
    assert plan(Verzoek(youths=[a, b], homes=homes, today=TODAY)) == {"A": "H1", "B": "H2"}
    samen = plan(Verzoek(youths=[a, b], homes=homes, today=TODAY, samen=[("A", "B")]))
    assert samen == {"A": "H3", "B": "H3"}


def test_keeping_siblings_together_never_costs_another_youth_a_place() -> None:
    # C fits only the two-place home's second place; the siblings together would take both.
    a = youth("A")
    b = youth("B")
    c = youth("C", age=17)
    homes = [home("H1", vacancies=2), home("H2")]
    uitkomst = plan(Verzoek(youths=[a, b, c], homes=homes, today=TODAY, samen=[("A", "B")]))
    assert None not in uitkomst.values()
