"""Tests for kern.geocoding: the shipped table, name and postcode rules, PDOK, factory.

Nothing here touches the network: PDOK is exercised through an injected transport, and
the default urllib transport through a patched ``urlopen``.
"""

from __future__ import annotations

import csv
import json
import math
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import django.conf
import pytest
from django.core.exceptions import ImproperlyConfigured

from kern.geocoding import (
    ALIASES,
    DEFAULT_TABLE_PATH,
    PDOK_FREE_URL,
    Geocoder,
    GeocodingError,
    Location,
    OfflineGeocoder,
    PdokGeocoder,
    Postcode,
    get_geocoder,
    parse_postcode,
)

HEADER = "naam,provincie,gemeente,lat,lon,pc4_van,pc4_tot\n"

NORTHERN_MUNICIPALITIES = {
    "Groningen": {
        "Groningen",
        "Het Hogeland",
        "Westerkwartier",
        "Midden-Groningen",
        "Eemsdelta",
        "Oldambt",
        "Pekela",
        "Stadskanaal",
        "Veendam",
        "Westerwolde",
    },
    "Friesland": {
        "Achtkarspelen",
        "Ameland",
        "Dantumadiel",
        "De Fryske Marren",
        "Harlingen",
        "Heerenveen",
        "Leeuwarden",
        "Noardeast-Fryslân",
        "Ooststellingwerf",
        "Opsterland",
        "Schiermonnikoog",
        "Smallingerland",
        "Súdwest-Fryslân",
        "Terschelling",
        "Tytsjerksteradiel",
        "Vlieland",
        "Waadhoeke",
        "Weststellingwerf",
    },
    "Drenthe": {
        "Aa en Hunze",
        "Assen",
        "Borger-Odoorn",
        "Coevorden",
        "De Wolden",
        "Emmen",
        "Hoogeveen",
        "Meppel",
        "Midden-Drenthe",
        "Noordenveld",
        "Tynaarlo",
        "Westerveld",
    },
}

# Generous boxes per province: a point outside one means swapped or mistyped digits.
PROVINCE_BOXES = {
    "Groningen": ((52.83, 53.56), (6.17, 7.23)),
    "Friesland": ((52.78, 53.51), (4.85, 6.45)),
    "Drenthe": ((52.60, 53.21), (6.10, 7.10)),
}

MAIN_TOWNS = [
    "Drachten",
    "Sneek",
    "Stadskanaal",
    "Hoogezand",
    "Delfzijl",
    "Winschoten",
    "Veendam",
    "Zuidhorn",
    "Leek",
    "Roden",
    "Zuidlaren",
    "Eelde",
    "Beilen",
    "Hoogeveen",
    "Meppel",
    "Coevorden",
    "Emmen",
    "Assen",
    "Heerenveen",
    "Dokkum",
    "Franeker",
    "Harlingen",
    "Joure",
    "Wolvega",
    "Oosterwolde",
    "Gorredijk",
    "Burgum",
    "Bolsward",
    "Appingedam",
    "Uithuizen",
    "Winsum",
    "Ter Apel",
    "Borger",
    "Gieten",
    "Westerbork",
    "Diever",
    "Havelte",
    "Zuidwolde",
    "Hollandscheveld",
]

LARGEST_PLACES = [
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Arnhem",
    "Haarlem",
    "Haarlemmermeer",
    "Hoofddorp",
    "Amersfoort",
    "Zaanstad",
    "Zaandam",
    "Enschede",
    "'s-Hertogenbosch",
    "Zwolle",
    "Leiden",
    "Zoetermeer",
    "Leeuwarden",
    "Ede",
    "Maastricht",
    "Dordrecht",
    "Westland",
    "Alphen aan den Rijn",
    "Alkmaar",
    "Emmen",
    "Delft",
    "Venlo",
    "Deventer",
    "Sittard-Geleen",
    "Helmond",
    "Oss",
    "Amstelveen",
    "Hilversum",
    "Heerlen",
    "Súdwest-Fryslân",
    "Nissewaard",
    "Spijkenisse",
]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of mean Earth radius; ample for a few-km check."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def distance(a: Location, b: Location) -> float:
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


@pytest.fixture(scope="module")
def offline() -> OfflineGeocoder:
    return OfflineGeocoder()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    # Read the file independently of the loader, so the sanity checks do not trust it.
    with DEFAULT_TABLE_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_table(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "plaatsen.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


# --- Known places and postcodes ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [
        ("Assen", 52.993, 6.563),
        ("Groningen", 53.219, 6.567),
        ("Leeuwarden", 53.201, 5.800),
        ("Emmen", 52.786, 6.898),
        ("Drachten", 53.106, 6.098),
        ("Sneek", 53.033, 5.659),
        ("Hoogeveen", 52.723, 6.477),
        ("Winschoten", 53.144, 7.035),
        ("Amsterdam", 52.373, 4.893),
        ("Maastricht", 50.851, 5.690),
    ],
)
def test_known_place_lies_near_its_known_centre(
    offline: OfflineGeocoder, query: str, lat: float, lon: float
) -> None:
    found = offline.lookup(query)
    assert haversine_km(found.lat, found.lon, lat, lon) < 3


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("Groningen", "Assen", 23, 28),
        ("Groningen", "Leeuwarden", 48, 54),
        ("Assen", "Emmen", 29, 35),
        ("Leeuwarden", "Sneek", 18, 23),
        ("Meppel", "Hoogeveen", 17, 22),
        ("Amsterdam", "Rotterdam", 54, 60),
        ("Groningen", "Maastricht", 265, 285),
    ],
)
def test_distances_between_towns_match_the_map(
    offline: OfflineGeocoder, a: str, b: str, low: float, high: float
) -> None:
    assert low < distance(offline.lookup(a), offline.lookup(b)) < high


def test_place_label_names_place_and_province(offline: OfflineGeocoder) -> None:
    assert offline.lookup("Assen") == Location(lat=52.9929, lon=6.5642, label="Assen (Drenthe)")


@pytest.mark.parametrize(
    ("query", "town"),
    [
        ("9401 AB", "Assen"),
        ("9401AB", "Assen"),
        ("9401", "Assen"),
        ("  9408 zz ", "Assen"),
        ("9712", "Groningen"),
        ("8921 AA", "Leeuwarden"),
        ("7811", "Emmen"),
        ("7826", "Emmen"),  # second PC4 block of the same town
        ("9203", "Drachten"),
        ("8601", "Sneek"),
        ("9561", "Ter Apel"),
        ("1012 JS", "Amsterdam"),
    ],
)
def test_postcode_resolves_to_the_town_it_belongs_to(
    offline: OfflineGeocoder, query: str, town: str
) -> None:
    found = offline.lookup(query)
    assert found == offline.lookup(town)
    assert found.label.startswith(f"{town} (")


def test_postcode_with_and_without_letters_land_within_a_few_km(offline: OfflineGeocoder) -> None:
    assert distance(offline.lookup("9401 AB"), offline.lookup("9401")) < 3
    assert haversine_km(offline.lookup("9711").lat, offline.lookup("9711").lon, 53.219, 6.567) < 3


# --- Spelling variants -------------------------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        ("Assen", "ASSEN", "  assen  ", "Assen (Drenthe)", "Assen, Drenthe", "assen (dr)"),
        ("Súdwest-Fryslân", "Sudwest-Fryslan", "sudwest fryslan", "SÚDWEST  FRYSLÂN"),
        ("Den Haag", "'s-Gravenhage", "s-Gravenhage", "\u2019s Gravenhage", "den  haag"),
        ("'s-Hertogenbosch", "s-Hertogenbosch", "Den Bosch", "den-bosch"),
        ("Ter Apel", "ter-apel", "TER APEL"),
        ("Damwâld", "Damwald", "Damwoude"),
        ("Sint Annaparochie", "St.-Annaparochie", "St. Annaparochie", "sint-annaparochie"),
        ("Noardeast-Fryslân", "Noardeast Fryslan", "Gemeente Noardeast-Fryslân"),
        ("Tytsjerksteradiel", "Tietjerksteradeel"),
        ("Leeuwarden", "Ljouwert"),
        ("IJlst", "Ijlst", "ijlst", "Drylts"),
    ],
)
def test_spelling_variants_find_the_same_place(
    offline: OfflineGeocoder, variants: tuple[str, ...]
) -> None:
    expected = offline.lookup(variants[0])
    for variant in variants[1:]:
        assert offline.lookup(variant) == expected, variant


def test_every_alias_points_at_a_place_in_the_table(offline: OfflineGeocoder) -> None:
    for alias, target in ALIASES.items():
        assert offline.lookup(alias) == offline.lookup(target), alias


def test_label_can_be_looked_up_again(offline: OfflineGeocoder, rows: list[dict[str, str]]) -> None:
    for row in rows:
        found = offline.lookup(row["naam"])
        assert offline.lookup(found.label) == found


def test_village_names_starting_with_a_digit_are_not_postcodes() -> None:
    assert parse_postcode("2e Exloërmond") is None
    assert parse_postcode("Assen") is None


# --- Failures ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["0401 AB", "940 AB", "94011", "9401 A", "9401 ABC", "9401 SA", "9401 sd", "9401SS", "94-01"],
)
def test_invalid_postcode_format_gets_its_own_message(offline: OfflineGeocoder, query: str) -> None:
    with pytest.raises(GeocodingError, match="geen geldige postcode") as raised:
        offline.lookup(query)
    assert "9401 AB" in str(raised.value)  # shows the expected form
    assert "niet gevonden" not in str(raised.value)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("9401 ab", Postcode(9401, "AB")), ("9401", Postcode(9401)), ("1000AA", Postcode(1000, "AA"))],
)
def test_parse_postcode_normalizes(query: str, expected: Postcode) -> None:
    assert parse_postcode(query) == expected


def test_postcode_formats_with_a_space_and_compactly() -> None:
    assert str(Postcode(9401, "AB")) == "9401 AB"
    assert Postcode(9401, "AB").compact == "9401AB"
    assert str(Postcode(9401)) == "9401"


def test_unknown_postcode_asks_for_coordinates_by_hand(
    offline: OfflineGeocoder, rows: list[dict[str, str]]
) -> None:
    covered = {
        number
        for row in rows
        if row["pc4_van"]
        for number in range(int(row["pc4_van"]), int(row["pc4_tot"]) + 1)
    }
    unknown = next(number for number in range(1000, 10000) if number not in covered)
    with pytest.raises(GeocodingError) as raised:
        offline.lookup(f"{unknown} AB")
    assert str(raised.value) == (
        f"Postcode {unknown} AB is niet gevonden. Vul de coördinaten zelf in."
    )


def test_unknown_place_asks_for_coordinates_by_hand(offline: OfflineGeocoder) -> None:
    with pytest.raises(GeocodingError) as raised:
        offline.lookup("Xyzzyveen")
    message = str(raised.value)
    assert message.startswith("Plaats 'Xyzzyveen' is niet gevonden.")
    assert "vul de coördinaten zelf in" in message


def test_province_qualifier_that_does_not_match_finds_nothing(offline: OfflineGeocoder) -> None:
    with pytest.raises(GeocodingError, match="niet gevonden"):
        offline.lookup("Assen (Limburg)")


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_refused(offline: OfflineGeocoder, query: str) -> None:
    with pytest.raises(GeocodingError, match="Vul een postcode of plaatsnaam in"):
        offline.lookup(query)


def test_ambiguous_name_asks_for_the_province(tmp_path: Path) -> None:
    table = write_table(
        tmp_path,
        "Zuidwolde,Drenthe,De Wolden,52.6700,6.4267,7921,7921\n"
        "Zuidwolde,Groningen,Het Hogeland,53.2640,6.6020,9785,9785\n",
    )
    geocoder = OfflineGeocoder(table)
    with pytest.raises(GeocodingError, match=r"meerdere provincies voor \(Drenthe, Groningen\)"):
        geocoder.lookup("Zuidwolde")
    assert geocoder.lookup("Zuidwolde (Drenthe)").lat == 52.67
    assert geocoder.lookup("zuidwolde, gn").lat == 53.264
    assert geocoder.lookup("Zuidwolde (De Wolden)").lat == 52.67


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("A,Drenthe,A,52.9000,6.5000,9401,9405\nB,Drenthe,B,52.8000,6.6000,9405,9409\n", "overlap"),
        ("A,Drenthe,A,52.9000,6.5000,9401,9401\nA,Drenthe,A,52.9500,6.5000,9402,9402\n", "differ"),
        ("A,Drenthe,A,5.2900,6.5000,9401,9401\n", "outside"),
        ("A,Drenthe,A,52.9000,6.5000,9401,\n", "both"),
        ("A,Drenthe,A,52.9000,6.5000,9409,9401\n", "van <= tot"),
        ("A,Utopia,A,52.9000,6.5000,,\n", "provincie"),
    ],
)
def test_loader_refuses_a_broken_table(tmp_path: Path, body: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        OfflineGeocoder(write_table(tmp_path, body)).lookup("A")


def test_table_is_read_once(tmp_path: Path) -> None:
    table = write_table(tmp_path, "A,Drenthe,A,52.9000,6.5000,9401,9401\n")
    assert OfflineGeocoder(table).lookup("A").label == "A (Drenthe)"
    table.write_text(HEADER, encoding="utf-8")
    # A second geocoder on the same file reuses the cached table instead of rereading it.
    assert OfflineGeocoder(table).lookup("9401").label == "A (Drenthe)"


# --- Sanity of the shipped table ---------------------------------------------------


def test_every_row_lies_inside_the_netherlands(rows: list[dict[str, str]]) -> None:
    for row in rows:
        assert 50.7 <= float(row["lat"]) <= 53.6, row
        assert 3.3 <= float(row["lon"]) <= 7.3, row


def test_coordinates_have_four_decimals(rows: list[dict[str, str]]) -> None:
    for row in rows:
        for field in ("lat", "lon"):
            whole, _, decimals = row[field].partition(".")
            assert whole.isdigit() and len(decimals) == 4 and decimals.isdigit(), row


def test_pc4_columns_are_both_empty_or_a_valid_range(rows: list[dict[str, str]]) -> None:
    for row in rows:
        van, tot = row["pc4_van"], row["pc4_tot"]
        if van or tot:
            assert 1000 <= int(van) <= int(tot) <= 9999, row


def test_no_pc4_belongs_to_two_places(rows: list[dict[str, str]]) -> None:
    owner: dict[int, tuple[str, str]] = {}
    for row in rows:
        if not row["pc4_van"]:
            continue
        place = (row["naam"], row["provincie"])
        for number in range(int(row["pc4_van"]), int(row["pc4_tot"]) + 1):
            assert owner.setdefault(number, place) == place, (number, owner[number], place)


def test_repeated_rows_of_a_place_agree(rows: list[dict[str, str]]) -> None:
    seen: dict[tuple[str, str], tuple[str, str, str]] = {}
    for row in rows:
        facts = (row["gemeente"], row["lat"], row["lon"])
        assert seen.setdefault((row["naam"], row["provincie"]), facts) == facts, row


def test_all_northern_municipalities_are_present_and_resolve_inside_their_province(
    offline: OfflineGeocoder, rows: list[dict[str, str]]
) -> None:
    for province, expected in NORTHERN_MUNICIPALITIES.items():
        assert {row["gemeente"] for row in rows if row["provincie"] == province} == expected
        (lat_min, lat_max), (lon_min, lon_max) = PROVINCE_BOXES[province]
        for municipality in expected:
            found = offline.lookup(municipality)
            assert found.label == f"{municipality} ({province})"
            assert lat_min <= found.lat <= lat_max and lon_min <= found.lon <= lon_max, found
    assert sum(len(names) for names in NORTHERN_MUNICIPALITIES.values()) == 40


def test_northern_places_lie_inside_their_province(rows: list[dict[str, str]]) -> None:
    for row in rows:
        box = PROVINCE_BOXES.get(row["provincie"])
        if box:
            (lat_min, lat_max), (lon_min, lon_max) = box
            assert lat_min <= float(row["lat"]) <= lat_max, row
            assert lon_min <= float(row["lon"]) <= lon_max, row


def test_municipality_rows_sit_on_a_town_of_that_municipality(rows: list[dict[str, str]]) -> None:
    towns = defaultdict(set)
    for row in rows:
        if row["pc4_van"]:
            towns[row["gemeente"]].add((row["lat"], row["lon"]))
    for row in rows:
        if not row["pc4_van"]:
            assert row["naam"] == row["gemeente"], row
            assert (row["lat"], row["lon"]) in towns[row["gemeente"]], row


def test_towns_lie_near_their_municipality_seat(rows: list[dict[str, str]]) -> None:
    seats = {row["gemeente"]: row for row in rows if row["naam"] == row["gemeente"]}
    for row in rows:
        seat = seats.get(row["gemeente"])
        if seat:
            km = haversine_km(
                float(row["lat"]), float(row["lon"]), float(seat["lat"]), float(seat["lon"])
            )
            assert km < 35, (row["naam"], row["gemeente"], km)


@pytest.mark.parametrize("town", MAIN_TOWNS)
def test_main_northern_towns_resolve_by_name_and_postcode(
    offline: OfflineGeocoder, rows: list[dict[str, str]], town: str
) -> None:
    found = offline.lookup(town)
    first_pc4 = next(row["pc4_van"] for row in rows if row["naam"] == town and row["pc4_van"])
    assert offline.lookup(first_pc4) == found


@pytest.mark.parametrize("place", LARGEST_PLACES)
def test_largest_places_resolve(offline: OfflineGeocoder, place: str) -> None:
    assert offline.lookup(place).label


# --- PDOK --------------------------------------------------------------------------


class FakeTransport:
    """Records each request and answers with a canned body or raises a canned error."""

    def __init__(self, body: bytes | None = None, error: BaseException | None = None) -> None:
        self.body = body
        self.error = error
        self.calls: list[tuple[str, float]] = []

    def __call__(self, url: str, timeout: float) -> bytes:
        self.calls.append((url, timeout))
        if self.error is not None:
            raise self.error
        assert self.body is not None
        return self.body

    def params(self) -> dict[str, str]:
        url, _ = self.calls[-1]
        return {key: values[0] for key, values in urllib.parse.parse_qs(url.split("?")[1]).items()}


def pdok_body(*docs: dict[str, Any]) -> bytes:
    return json.dumps({"response": {"numFound": len(docs), "docs": list(docs)}}).encode()


ASSEN_DOC = {
    "type": "woonplaats",
    "weergavenaam": "Assen, Assen, Drenthe",
    "woonplaatsnaam": "Assen",
    "gemeentenaam": "Assen",
    "provincienaam": "Drenthe",
    "centroide_ll": "POINT(6.56417 52.99583)",
}


def test_pdok_place_lookup_parses_centroid_and_asks_for_one_town() -> None:
    transport = FakeTransport(pdok_body(ASSEN_DOC))
    found = PdokGeocoder(transport=transport).lookup("  Assen ")
    assert found == Location(lat=52.99583, lon=6.56417, label="Assen (Drenthe)")
    url, timeout = transport.calls[0]
    assert url.startswith(PDOK_FREE_URL + "?")
    assert timeout == 3.0
    params = transport.params()
    assert params["q"] == "Assen"
    assert params["rows"] == "1"
    assert params["fq"] == "type:(gemeente OR woonplaats)"
    assert "centroide_ll" in params["fl"].split()


def test_pdok_postcode_lookup_filters_on_postcodes() -> None:
    doc = {
        "type": "postcode",
        "weergavenaam": "Kloosterstraat, 9401AB Assen",
        "woonplaatsnaam": "Assen",
        "provincienaam": "Drenthe",
        "centroide_ll": "POINT(6.5601 52.99457)",
    }
    transport = FakeTransport(pdok_body(doc))
    found = PdokGeocoder(transport=transport).lookup("9401 ab")
    assert (found.lat, found.lon) == (52.99457, 6.5601)
    assert transport.params()["q"] == "9401AB"
    assert transport.params()["fq"] == "type:postcode"


def test_pdok_label_falls_back_to_display_name() -> None:
    doc = {"weergavenaam": "Assen", "centroide_ll": "POINT(6.5642 52.9929)"}
    assert PdokGeocoder(transport=FakeTransport(pdok_body(doc))).lookup("Assen").label == "Assen"


def test_pdok_uses_configured_base_url_and_timeout() -> None:
    transport = FakeTransport(pdok_body(ASSEN_DOC))
    PdokGeocoder("https://pdok.example.test/free", timeout=1.5, transport=transport).lookup("Assen")
    url, timeout = transport.calls[0]
    assert url.startswith("https://pdok.example.test/free?")
    assert timeout == 1.5


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.test/free", "not a url"])
def test_pdok_refuses_non_http_base_url(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        PdokGeocoder(url)


def test_pdok_checks_postcode_format_before_calling_out() -> None:
    transport = FakeTransport(pdok_body(ASSEN_DOC))
    with pytest.raises(GeocodingError, match="geen geldige postcode"):
        PdokGeocoder(transport=transport).lookup("9401 SS")
    assert transport.calls == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("9999 ZZ", "Postcode 9999 ZZ is niet gevonden. Vul de coördinaten zelf in."),
        ("Xyzzyveen", "Plaats 'Xyzzyveen' is niet gevonden."),
    ],
)
def test_pdok_without_result_reports_not_found(query: str, message: str) -> None:
    with pytest.raises(GeocodingError) as raised:
        PdokGeocoder(transport=FakeTransport(pdok_body())).lookup(query)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    "error",
    [
        urllib.error.URLError("Name or service not known"),
        TimeoutError("timed out"),
        ConnectionResetError("reset by peer"),
        urllib.error.HTTPError(PDOK_FREE_URL, 503, "Service Unavailable", {}, None),  # type: ignore[arg-type]
    ],
)
def test_pdok_network_failure_becomes_geocoding_error(error: BaseException) -> None:
    with pytest.raises(GeocodingError, match="niet bereikbaar") as raised:
        PdokGeocoder(transport=FakeTransport(error=error)).lookup("Assen")
    assert "vul de coördinaten zelf in" in str(raised.value)
    assert raised.value.__cause__ is error


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad gateway</html>",
        b"\xff\xfe",
        b"[]",
        b'{"response": {}}',
        b'{"response": {"docs": ["Assen"]}}',
        pdok_body({"woonplaatsnaam": "Assen"}),
        pdok_body({"centroide_ll": "POINT(6.5 )"}),
        pdok_body({"centroide_ll": "POINT(52.99 6.56)"}),  # lat/lon swapped: outside NL
    ],
)
def test_pdok_unexpected_answer_becomes_geocoding_error(body: bytes) -> None:
    with pytest.raises(GeocodingError, match="onverwacht antwoord"):
        PdokGeocoder(transport=FakeTransport(body)).lookup("Assen")


def test_default_transport_sends_json_request_with_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    class FakeResponse:
        def __enter__(self) -> FakeResponse:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self, limit: int) -> bytes:
            seen["limit"] = limit
            return pdok_body(ASSEN_DOC)

    def fake_urlopen(request: urllib.request.Request, timeout: float) -> FakeResponse:
        seen["url"] = request.full_url
        seen["accept"] = request.get_header("Accept")
        seen["timeout"] = timeout
        return FakeResponse()

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    assert PdokGeocoder().lookup("Assen").label == "Assen (Drenthe)"
    assert seen["url"].startswith(PDOK_FREE_URL)
    assert seen["accept"] == "application/json"
    assert seen["timeout"] == 3.0
    assert seen["limit"] > 0


# --- Factory and protocol ------------------------------------------------------------


def use_settings(monkeypatch: pytest.MonkeyPatch, **values: object) -> None:
    """Stand in for django.conf.settings, with or without pytest-django configured."""
    monkeypatch.setattr(django.conf, "settings", SimpleNamespace(**values))


def test_get_geocoder_defaults_to_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    use_settings(monkeypatch)
    assert isinstance(get_geocoder(), OfflineGeocoder)


def test_get_geocoder_reads_the_setting_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    use_settings(monkeypatch, GEOCODER="offline")
    assert isinstance(get_geocoder(), OfflineGeocoder)
    use_settings(monkeypatch, GEOCODER="PDOK", GEOCODER_PDOK_URL="https://pdok.example.test/free")
    geocoder = get_geocoder()
    assert isinstance(geocoder, PdokGeocoder)
    assert geocoder.base_url == "https://pdok.example.test/free"
    assert geocoder.timeout == 3.0


def test_get_geocoder_refuses_unknown_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    use_settings(monkeypatch, GEOCODER="google")
    with pytest.raises(ImproperlyConfigured, match="'offline' or 'pdok'"):
        get_geocoder()


def test_both_geocoders_satisfy_the_protocol() -> None:
    assert isinstance(OfflineGeocoder(), Geocoder)
    assert isinstance(PdokGeocoder(transport=FakeTransport()), Geocoder)
