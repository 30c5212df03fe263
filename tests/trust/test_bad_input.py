"""Bad input, everywhere: arbitrary values into the main forms and the JSON scenario parser.

Hypothesis throws text, numbers, dates and junk at each form, starting from the form as it
is rendered (so most fields stay valid and the odd one is wild) and at the scenario
contract. The only thing asserted is the one that must always hold: a form answers with a
page or a redirect, never a 500; the scenario parser returns output or a ScenarioError with
one line, and `match_scenario -` exits 0 or 2 with exactly one stderr line, never a
traceback. Oversized requests get a 400.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from jongeren.forms import JongereFilterForm
from matching.forms import ZoekFilterForm
from matching.scenario import ScenarioError, dumps, parse_json, run_scenario
from tests.jongeren.formulieren import analyse_post_data, form_post_data
from tests.matching.test_scenario_command import match_scenario
from tests.trust.wereld import World, bouw_wereld
from voorstellen import services as flow
from voorstellen.models import Kennismaking
from voorzieningen.forms import KandidaatForm, ZoekForm

BASE = Path(__file__).parents[1] / "matching" / "scenarios" / "base.json"

# Function-scoped fixtures (the database, the world) are shared by a test's examples on
# purpose: each example posts against the same world, as a busy afternoon would.
FORMS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

wild_value = st.one_of(
    st.text(max_size=200),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(str),
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "2024-02-30",
            "31-12-2025",
            "\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "ﬀ" * 50,
        ]
    ),
)
wild_values = st.one_of(wild_value, st.lists(wild_value, max_size=3))


@pytest.fixture
def world(personas: dict[str, User]) -> World:
    return bouw_wereld(personas)


def _overlay(draw_from: st.DataObject, data: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """Replace a random handful of the form's fields (and maybe add an unknown one)."""
    chosen = draw_from.draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True))
    for name in chosen:
        data[name] = draw_from.draw(wild_values, label=name)
    if draw_from.draw(st.booleans(), label="extra field"):
        data[draw_from.draw(st.text(min_size=1, max_size=20), label="extra name")] = "x"
    return data


def _post_wild(
    world: World, persona: str, name: str, data: st.DataObject, *, analyse: bool = False
) -> None:
    client = world.client_for(persona)
    url = world.url(name)
    page = client.get(url)
    assert page.status_code == 200, f"{name}: {page.status_code}"
    assert page.context is not None
    rendered = analyse_post_data(page.context) if analyse else form_post_data(page.context["form"])
    form = page.context["form"]
    names = sorted(set(rendered) | {form.add_prefix(field) for field in form.fields})
    wild = _overlay(data, rendered, names)
    response = client.post(url, wild)
    assert response.status_code in (200, 302), f"{name}: {response.status_code} for {wild!r}"


def _get_wild(world: World, persona: str, url: str, names: list[str], data: st.DataObject) -> None:
    params = _overlay(data, {}, names)
    response = world.client_for(persona).get(url, params)
    assert response.status_code == 200, f"{url}: {response.status_code} for {params!r}"


# --- forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "name"),
    [
        ("coordinator", "jongeren:nieuw"),
        ("coordinator", "jongeren:bewerken"),
        ("beheerder", "voorzieningen:profiel"),
        ("beheerder", "voorzieningen:aankomst"),
        ("beheerder", "voorzieningen:vacature_nieuw"),
        ("coordinator", "voorstellen:voorstel_nieuw"),
    ],
)
@FORMS
@given(data=st.data())
def test_main_forms_never_answer_500(
    world: World, persona: str, name: str, data: st.DataObject
) -> None:
    _post_wild(world, persona, name, data)


@FORMS
@given(data=st.data())
def test_analysis_form_never_answers_500(world: World, data: st.DataObject) -> None:
    _post_wild(world, "coordinator", "jongeren:analyse_bewerken", data, analyse=True)


@pytest.mark.parametrize(
    ("persona", "name", "form"),
    [
        ("coordinator", "jongeren:lijst", JongereFilterForm),
        ("coordinator", "voorzieningen:lijst", ZoekForm),
        ("coordinator", "matching:zoeken", ZoekFilterForm),
        ("beheerder", "voorzieningen:nieuwe_bewoner", KandidaatForm),
    ],
)
@FORMS
@given(data=st.data())
def test_search_filters_and_what_if_never_answer_500(
    world: World, persona: str, name: str, form: type[Any], data: st.DataObject
) -> None:
    _get_wild(world, persona, world.url(name), sorted(form.base_fields), data)


@pytest.fixture
def held(world: World) -> World:
    """Noor's proposal after the meeting: the family may decide."""
    beheerder, coordinator = world.users["beheerder"], world.users["coordinator"]
    flow.beantwoord_voorstel(voorstel=world.voorstel, door=beheerder, interesse=True)
    flow.plan_kennismaking(
        voorstel=world.voorstel,
        door=coordinator,
        soort=Kennismaking.Soort.BEZOEK,
        datum=timezone.now() + dt.timedelta(days=1),
        plaats="Lindelaan 1",
    )
    Kennismaking.objects.filter(voorstel=world.voorstel).update(
        datum=timezone.now() - dt.timedelta(hours=2)
    )
    flow.leg_kennismaking_vast(voorstel=world.voorstel, door=beheerder, notitie="Goed.")
    return world


@pytest.mark.parametrize("htmx", [False, True])
@FORMS
@given(data=st.data())
def test_family_decision_never_answers_500(held: World, htmx: bool, data: st.DataObject) -> None:
    client = held.client_for("jongere_user")
    wild = _overlay(data, {"keuze": "ja", "opmerking": ""}, ["keuze", "opmerking"])
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse("voorstellen:voorstel_actie", args=[held.voorstel.pk, "besluit"])
    response = client.post(url, wild, headers=headers)
    assert response.status_code in (200, 302), f"{response.status_code} for {wild!r}"


# --- request size -------------------------------------------------------------------------


def test_an_oversized_post_gets_400_not_500(client: Client, coordinator: User) -> None:
    from django.conf import settings as django_settings

    client.force_login(coordinator)
    body = {"roepnaam": "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = client.post(reverse("jongeren:nieuw"), body)
    assert response.status_code == 400


def test_a_post_with_too_many_fields_gets_400_not_500(client: Client, coordinator: User) -> None:
    from django.conf import settings as django_settings

    client.force_login(coordinator)
    body = {f"veld{i}": "x" for i in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(reverse("jongeren:nieuw"), body)
    assert response.status_code == 400


def test_an_ordinary_analysis_is_well_within_the_limits(client: Client, coordinator: User) -> None:
    """The limits must not refuse real work: the largest form is far below both."""
    from django.conf import settings as django_settings

    from tests.jongeren.factories import JongereFactory

    noor = JongereFactory.create(coordinator=coordinator)
    client.force_login(coordinator)
    page = client.get(reverse("jongeren:analyse_bewerken", args=[noor.pk]))
    data = analyse_post_data(page.context, factoren="x" * 5000)
    assert len(data) < django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS / 4
    assert sum(len(str(v)) for v in data.values()) < django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE


# --- the JSON scenario contract -------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)


def _paths(value: object, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found.extend(_paths(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_paths(child, (*path, index)))
    return found


def _base() -> dict[str, Any]:
    scenario: dict[str, Any] = json.loads(BASE.read_text(encoding="utf-8"))
    return scenario


@st.composite
def mutated_scenarios(draw: st.DrawFn) -> object:
    """base.json with one to three values at random paths replaced (or deleted)."""
    scenario: object = copy.deepcopy(_base())
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_paths(scenario)))
        if not path:
            scenario = draw(json_values)
            continue
        parent: Any = scenario
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_values | st.sampled_from(["", "2026-02-30", -1, 10**30]))
    return scenario


def _run(data: object) -> None:
    try:
        output = run_scenario(data)
    except ScenarioError as error:
        assert "\n" not in str(error)
        assert str(error).strip()
    else:
        json.loads(dumps(output))


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_arbitrary_json_is_output_or_a_scenario_error(data: object) -> None:
    _run(data)


@settings(max_examples=300, deadline=None)
@given(mutated_scenarios())
def test_a_mutated_base_scenario_is_output_or_a_scenario_error(data: object) -> None:
    _run(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200) | st.sampled_from(["[" * 100_000, "1" * 5000, "{" * 3000]))
def test_arbitrary_text_is_parsed_or_a_scenario_error(text: str) -> None:
    try:
        _run(parse_json(text))
    except ScenarioError as error:
        assert "\n" not in str(error)


def test_the_parser_refuses_what_json_loads_would_crash_on() -> None:
    """Found by the properties above: deep nesting and a 5000-digit number raised
    RecursionError / ValueError out of parse_json (a traceback from the command)."""
    for text in ("[" * 100_000, "1" * 5000):
        with pytest.raises(ScenarioError):
            parse_json(text)


@pytest.mark.parametrize("stdin", ["[" * 100_000, "1" * 5000])
def test_the_command_gives_one_line_for_what_used_to_crash(stdin: str) -> None:
    done = match_scenario("-", stdin=stdin)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("input: ")
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


@settings(max_examples=6, deadline=None)
@given(
    st.one_of(
        mutated_scenarios().map(json.dumps),
        json_values.map(json.dumps),
        st.sampled_from(["[" * 100_000, "1" * 5000, "", "\ufeff{}"]),
    )
)
def test_the_command_exits_0_or_2_with_one_line_never_a_traceback(stdin: str) -> None:
    done = match_scenario("-", stdin=stdin)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 2), done.stderr
    if done.returncode == 2:
        assert done.stdout == ""
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    else:
        json.loads(done.stdout)


@pytest.mark.parametrize("name", ["voorzieningen:profiel", "voorzieningen:team"])
def test_a_vocabulary_id_beyond_64_bits_is_a_form_error(world: World, name: str) -> None:
    """Found by the form property on SQLite: the home profile answered 500 (OverflowError)."""
    client = world.client_for("beheerder")
    page = client.get(world.url(name))
    field = "aanbod" if name == "voorzieningen:profiel" else "competenties"
    data = form_post_data(page.context["form"]) | {field: ["99999999999999999999999"]}
    response = client.post(world.url(name), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
