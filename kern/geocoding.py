"""Turn a Dutch postcode or place name into WGS84 coordinates.

Matching weighs the distance from a residential home to a youth's family and school, so
every place needs a latitude/longitude. Two implementations share one small interface
(:class:`Geocoder`):

* :class:`OfflineGeocoder` reads the table shipped in ``voorzieningen/data/plaatsen.csv``.
  It needs no network, so it is the default and what tests and development use.
* :class:`PdokGeocoder` asks the national PDOK Locatieserver. It is the production slot:
  it knows every address, where the offline table only knows the places listed in it.

:func:`get_geocoder` picks one from the Django setting ``GEOCODER`` (``"offline"``, the
default, or ``"pdok"``; ``GEOCODER_PDOK_URL`` overrides the PDOK address). The setting
is read on every call, so tests and ``override_settings`` can switch it. This module
imports nothing from Django at import time, which keeps it usable in plain scripts.

The table ``plaatsen.csv``
--------------------------
UTF-8, comma separated, header ``naam,provincie,gemeente,lat,lon,pc4_van,pc4_tot``.

* One row per place, or several rows when a place's 4-digit postcodes (PC4) form more
  than one block: the rows then repeat ``naam``, ``provincie``, ``gemeente``, ``lat``
  and ``lon`` exactly and differ only in ``pc4_van``/``pc4_tot`` (inclusive range).
* ``lat``/``lon`` are WGS84 degrees with four decimals (about 10 m), at the centre of
  the town, not the centroid of the municipality's territory.
* A municipality whose name is not itself a town (``Súdwest-Fryslân``, ``Het Hogeland``)
  has its own row with the coordinates of its hoofdplaats (the seat of the municipal
  government) and empty PC4 columns: it can be found by name, while its postcodes
  belong to the towns. Where the name is also a town (``Assen``, ``Tynaarlo``) the town
  row serves both.
* PC4 ranges of different places never overlap; the loader refuses a table where they
  do, rather than silently picking one.

Accuracy: the offline table resolves a postcode to the centre of the town its PC4 block
belongs to. In a small town that is within a few kilometres of the address; in a large
city (Amsterdam, Rotterdam, Den Haag) an outer district can lie up to about 10 km from
the centre. :class:`PdokGeocoder` resolves a full postcode (``9401 AB``) to that
postcode's own centroid. When neither knows a place, the user is asked to enter the
coordinates by hand.
"""

from __future__ import annotations

import bisect
import csv
import functools
import http.client
import itertools
import json
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol, runtime_checkable

__all__ = [
    "ALIASES",
    "DEFAULT_TABLE_PATH",
    "PDOK_FREE_URL",
    "Geocoder",
    "GeocodingError",
    "Location",
    "OfflineGeocoder",
    "PdokGeocoder",
    "Postcode",
    "Transport",
    "get_geocoder",
    "parse_postcode",
]

DEFAULT_TABLE_PATH: Final = Path(__file__).resolve().parent / "data" / "plaatsen.csv"
PDOK_FREE_URL: Final = "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
PDOK_TIMEOUT_SECONDS: Final = 3.0

# A loose box around the Netherlands (mainland and Wadden islands). Anything outside it
# is a data or parsing error, never a real Dutch place, and would poison distances.
_NL_LAT: Final = (50.7, 53.6)
_NL_LON: Final = (3.3, 7.3)


def _in_netherlands(lat: float, lon: float) -> bool:
    return _NL_LAT[0] <= lat <= _NL_LAT[1] and _NL_LON[0] <= lon <= _NL_LON[1]


# Every failure ends with what the user can still do: type the coordinates in.
_ENTER_BY_HAND: Final = "Vul de coördinaten zelf in."
_OR_ENTER_BY_HAND: Final = "of vul de coördinaten zelf in."


@dataclass(frozen=True, slots=True)
class Location:
    """A point in WGS84 degrees with a human-readable label such as ``Assen (Drenthe)``."""

    lat: float
    lon: float
    label: str


class GeocodingError(Exception):
    """A query could not be resolved; ``str(error)`` is a Dutch message for the user.

    ``code`` says why, for a form that words it its own way: ``"niet_gevonden"`` (the
    place or postcode is unknown), ``"onbereikbaar"`` (the lookup service did not answer),
    or ``""`` (the query itself is wrong or ambiguous; the message says how to fix it).
    """

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@runtime_checkable
class Geocoder(Protocol):
    """Resolve a Dutch postcode (``9401 AB``, ``9401AB``, ``9401``) or a place name."""

    def lookup(self, query: str) -> Location:
        """Return the location, or raise :class:`GeocodingError` with a Dutch message."""
        ...


# --- Postcodes ---------------------------------------------------------------------

# Anything that starts with a digit and holds nothing but digits, spaces, hyphens and
# trailing letters is meant as a postcode, so it gets the postcode message when it is
# malformed. Village names such as "2e Exloërmond" continue with a word and stay names.
_POSTCODE_SHAPED: Final = re.compile(r"\d[\d\s-]*[A-Za-z]*")
_POSTCODE: Final = re.compile(r"([1-9]\d{3})\s*([A-Z]{2})?")
# PostNL does not issue these letter pairs (they carry wartime connotations).
_UNUSED_LETTERS: Final = frozenset({"SA", "SD", "SS"})


@dataclass(frozen=True, slots=True)
class Postcode:
    """A validated Dutch postcode; ``letters`` is empty for a bare PC4 such as ``9401``."""

    number: int
    letters: str = ""

    def __str__(self) -> str:
        return f"{self.number} {self.letters}" if self.letters else str(self.number)

    @property
    def compact(self) -> str:
        """The form without a space (``9401AB``), as PDOK indexes it."""
        return f"{self.number}{self.letters}"


def parse_postcode(query: str) -> Postcode | None:
    """Return the postcode in ``query``, or ``None`` when ``query`` is not meant as one.

    Raises :class:`GeocodingError` when the query looks like a postcode but is not a
    valid one: four digits, the first not 0, optionally two letters other than SA, SD
    or SS.
    """
    text = query.strip()
    if not _POSTCODE_SHAPED.fullmatch(text):
        return None
    match = _POSTCODE.fullmatch(text.upper())
    if match is None or match.group(2) in _UNUSED_LETTERS:
        raise GeocodingError(
            f"'{text}' is geen geldige postcode. Gebruik vier cijfers (niet beginnend met 0) "
            "en eventueel twee letters, bijvoorbeeld 9401 AB. "
            "De lettercombinaties SA, SD en SS komen niet voor."
        )
    return Postcode(number=int(match.group(1)), letters=match.group(2) or "")


def _postcode_not_found(postcode: Postcode) -> GeocodingError:
    return GeocodingError(
        f"Postcode {postcode} is niet gevonden. {_ENTER_BY_HAND}", code="niet_gevonden"
    )


def _place_not_found(name: str) -> GeocodingError:
    return GeocodingError(
        f"Plaats '{name}' is niet gevonden. Controleer de spelling {_OR_ENTER_BY_HAND}",
        code="niet_gevonden",
    )


def _empty_query() -> GeocodingError:
    return GeocodingError("Vul een postcode of plaatsnaam in.")


# --- Place names -------------------------------------------------------------------


def _normalize(text: str) -> str:
    """Fold a place name to a comparison key: no case, accents, punctuation or extra spaces.

    ``'s-Gravenhage`` becomes ``s gravenhage``, ``Súdwest-Fryslân`` becomes
    ``sudwest fryslan`` and ``St.-Annaparochie`` becomes ``sint annaparochie``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Apostrophes are dropped rather than turned into spaces so that "'s-Gravenhage" and
    # "s-Gravenhage" meet; every other separator becomes a single space.
    folded = re.sub(r"['`\u00b4\u2018\u2019]", "", without_accents.casefold())
    words = re.sub(r"[^0-9a-z]+", " ", folded).split()
    if words and words[0] == "st":
        words[0] = "sint"
    if len(words) > 1 and words[0] == "gemeente":
        words = words[1:]
    return " ".join(words)


# Other spellings people type, mapped to the ``naam`` in the table (both sides normalized).
# Mostly Frisian versus Dutch names, and former or informal municipality names.
ALIASES: Final[Mapping[str, str]] = {
    "s gravenhage": "den haag",
    "the hague": "den haag",
    "den bosch": "s hertogenbosch",
    "alphen a d rijn": "alphen aan den rijn",
    "hoogezand sappemeer": "hoogezand",
    "ljouwert": "leeuwarden",
    "snits": "sneek",
    "boalsert": "bolsward",
    "drylts": "ijlst",
    "warkum": "workum",
    "hylpen": "hindeloopen",
    "starum": "stavoren",
    "heech": "heeg",
    "de jouwer": "joure",
    "de lemmer": "lemmer",
    "sint nyk": "sint nicolaasga",
    "it hearrenfean": "heerenveen",
    "jobbegea": "jubbega",
    "frjentsjer": "franeker",
    "harns": "harlingen",
    "sint anne": "sint annaparochie",
    "sint jabik": "sint jacobiparochie",
    "dronrijp": "dronryp",
    "menaldum": "menaam",
    "berlikum": "berltsum",
    "tsjummearum": "tzummarum",
    "minnertsgea": "minnertsga",
    "grouw": "grou",
    "bergum": "burgum",
    "hardegarijp": "hurdegaryp",
    "veenwouden": "feanwalden",
    "damwoude": "damwald",
    "zwaagwesteinde": "de westereen",
    "holwerd": "holwert",
    "ferwerd": "ferwert",
    "butenpost": "buitenpost",
    "surhusterfean": "surhuisterveen",
    "de gordyk": "gorredijk",
    "beetstersweach": "beetsterzwaag",
    "oerterp": "ureterp",
    "bakkefean": "bakkeveen",
    "wolvegea": "wolvega",
    "oost vlieland": "vlieland",
    "flylan": "vlieland",
    "west skylge": "west terschelling",
    "skylge": "terschelling",
    "it amelan": "ameland",
    "skiermuntseach": "schiermonnikoog",
    "tietjerksteradeel": "tytsjerksteradiel",
    "dantumadeel": "dantumadiel",
    "de friese meren": "de fryske marren",
}

_PROVINCES: Final = (
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)
# Qualifiers people add after a name ("Zuidwolde (Dr)", "Haren, Gn"), normalized.
_PROVINCE_BY_QUALIFIER: Final[Mapping[str, str]] = {
    **{_normalize(p): p for p in _PROVINCES},
    "gr": "Groningen",
    "gn": "Groningen",
    "fr": "Friesland",
    "frl": "Friesland",
    "fryslan": "Friesland",
    "dr": "Drenthe",
    "ov": "Overijssel",
    "fl": "Flevoland",
    "gld": "Gelderland",
    "gl": "Gelderland",
    "ut": "Utrecht",
    "nh": "Noord-Holland",
    "zh": "Zuid-Holland",
    "zl": "Zeeland",
    "ze": "Zeeland",
    "nb": "Noord-Brabant",
    "lb": "Limburg",
    "li": "Limburg",
}
_QUALIFIED: Final = (
    re.compile(r"(?P<name>.+?)\s*\(\s*(?P<qualifier>[^()]+?)\s*\)"),
    re.compile(r"(?P<name>[^,]+?)\s*,\s*(?P<qualifier>[^,]+)"),
)


def _split_qualifier(query: str) -> tuple[str, str | None]:
    """Split ``Zuidwolde (Drenthe)`` or ``Zuidwolde, Drenthe`` into name and qualifier."""
    for pattern in _QUALIFIED:
        match = pattern.fullmatch(query)
        if match:
            return match.group("name"), match.group("qualifier")
    return query, None


# --- Offline table -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Place:
    naam: str
    provincie: str
    gemeente: str
    lat: float
    lon: float

    def location(self) -> Location:
        return Location(lat=self.lat, lon=self.lon, label=f"{self.naam} ({self.provincie})")


@dataclass(frozen=True, slots=True)
class _Table:
    by_name: Mapping[str, tuple[_Place, ...]]
    # Parallel, sorted by range start: a PC4 is found with one bisect.
    range_starts: tuple[int, ...]
    range_ends: tuple[int, ...]
    range_places: tuple[_Place, ...]

    def place_for_pc4(self, number: int) -> _Place | None:
        index = bisect.bisect_right(self.range_starts, number) - 1
        if index >= 0 and number <= self.range_ends[index]:
            return self.range_places[index]
        return None


_COLUMNS: Final = ("naam", "provincie", "gemeente", "lat", "lon", "pc4_van", "pc4_tot")


def _parse_pc4_range(row: Mapping[str, str], where: str) -> tuple[int, int] | None:
    van, tot = row["pc4_van"].strip(), row["pc4_tot"].strip()
    if not van and not tot:
        return None
    if not (van.isdigit() and tot.isdigit()):
        raise ValueError(f"{where}: pc4_van and pc4_tot must both be empty or both numbers")
    start, end = int(van), int(tot)
    if not 1000 <= start <= end <= 9999:
        raise ValueError(f"{where}: PC4 range {start}-{end} is not 1000 <= van <= tot <= 9999")
    return start, end


@functools.cache
def _load_table(path: Path) -> _Table:
    """Read and check the table once per path; later geocoders reuse the result."""
    places: dict[tuple[str, str], _Place] = {}
    ranges: list[tuple[int, int, _Place]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise ValueError(f"{path}: header must be {','.join(_COLUMNS)}")
        for row in reader:
            where = f"{path}:{reader.line_num}"
            try:
                place = _Place(
                    naam=row["naam"].strip(),
                    provincie=row["provincie"].strip(),
                    gemeente=row["gemeente"].strip(),
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                )
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{where}: unreadable row {row!r}") from exc
            if not place.naam or place.provincie not in _PROVINCES or not place.gemeente:
                raise ValueError(f"{where}: naam, gemeente and a known provincie are required")
            if not _in_netherlands(place.lat, place.lon):
                raise ValueError(f"{where}: {place.lat}, {place.lon} lies outside the Netherlands")
            key = (_normalize(place.naam), place.provincie)
            known = places.setdefault(key, place)
            if known != place:
                # Repeated rows exist only to list more PC4 blocks; differing coordinates
                # would make the answer depend on which row happened to be read.
                raise ValueError(f"{where}: {place.naam} differs from its earlier row")
            pc4 = _parse_pc4_range(row, where)
            if pc4 is not None:
                ranges.append((pc4[0], pc4[1], known))

    ranges.sort(key=lambda item: item[0])
    for (_, prev_end, prev_place), (start, end, place) in itertools.pairwise(ranges):
        if start <= prev_end:
            raise ValueError(f"{path}: PC4 {start}-{end} ({place.naam}) overlaps {prev_place.naam}")

    by_name: dict[str, list[_Place]] = {}
    for (name_key, _), place in places.items():
        by_name.setdefault(name_key, []).append(place)
    return _Table(
        by_name={name: tuple(found) for name, found in by_name.items()},
        range_starts=tuple(start for start, _, _ in ranges),
        range_ends=tuple(end for _, end, _ in ranges),
        range_places=tuple(place for _, _, place in ranges),
    )


class OfflineGeocoder:
    """Geocoder backed by the shipped table; resolves postcodes at PC4 level."""

    def __init__(self, table_path: Path | str | None = None) -> None:
        self.table_path = Path(table_path) if table_path is not None else DEFAULT_TABLE_PATH

    def lookup(self, query: str) -> Location:
        if not query.strip():
            raise _empty_query()
        table = _load_table(self.table_path.resolve())
        postcode = parse_postcode(query)
        if postcode is not None:
            place = table.place_for_pc4(postcode.number)
            if place is None:
                raise _postcode_not_found(postcode)
            return place.location()
        return self._lookup_name(table, query.strip())

    @staticmethod
    def _lookup_name(table: _Table, query: str) -> Location:
        name, qualifier = _split_qualifier(query)
        key = _normalize(name)
        candidates = table.by_name.get(ALIASES.get(key, key), ())
        if qualifier is not None:
            wanted = _normalize(qualifier)
            province = _PROVINCE_BY_QUALIFIER.get(wanted)
            candidates = tuple(
                place
                for place in candidates
                if place.provincie == province or _normalize(place.gemeente) == wanted
            )
        if not candidates:
            raise _place_not_found(query)
        if len(candidates) > 1:
            provinces = ", ".join(sorted(place.provincie for place in candidates))
            example = f"{candidates[0].naam} ({candidates[0].provincie})"
            raise GeocodingError(
                f"Plaats '{query}' komt in meerdere provincies voor ({provinces}). "
                f"Vermeld de provincie, bijvoorbeeld '{example}'."
            )
        return candidates[0].location()


# --- PDOK Locatieserver ------------------------------------------------------------

Transport = Callable[[str, float], bytes]
"""Fetch a URL within ``timeout`` seconds and return the body; raise ``OSError`` on failure."""

_MAX_RESPONSE_BYTES: Final = 1_000_000
_PDOK_FIELDS: Final = "type weergavenaam woonplaatsnaam gemeentenaam provincienaam centroide_ll"
_POINT: Final = re.compile(r"\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)\s*")


def _urllib_transport(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - PdokGeocoder only accepts http(s) URLs
        url, headers={"Accept": "application/json", "User-Agent": "PassendePlek/1.0"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - as above
        body: bytes = response.read(_MAX_RESPONSE_BYTES)
    return body


class PdokGeocoder:
    """Geocoder that asks the PDOK Locatieserver ``free`` endpoint for the best match.

    A postcode is searched among PDOK's postcode objects (``fq=type:postcode``), so a full
    postcode lands on its own centroid; a bare PC4 lands on one postcode inside it. A name
    is searched among municipalities and towns. Network trouble becomes a
    :class:`GeocodingError`: a slow PDOK must not hang the form that asked.
    """

    def __init__(
        self,
        base_url: str = PDOK_FREE_URL,
        *,
        timeout: float = PDOK_TIMEOUT_SECONDS,
        transport: Transport | None = None,
    ) -> None:
        parts = urllib.parse.urlsplit(base_url)
        # urlopen also opens file:// and ftp:// URLs; a misconfigured setting must not.
        if parts.scheme not in {"https", "http"} or not parts.netloc:
            raise ValueError(f"PDOK base URL must be an http(s) URL, got {base_url!r}")
        self.base_url = base_url
        self.timeout = timeout
        self._transport = transport or _urllib_transport

    def lookup(self, query: str) -> Location:
        text = query.strip()
        if not text:
            raise _empty_query()
        postcode = parse_postcode(text)
        if postcode is not None:
            params = {"q": postcode.compact, "fq": "type:postcode"}
        else:
            params = {"q": text, "fq": "type:(gemeente OR woonplaats)"}
        params |= {"rows": "1", "fl": _PDOK_FIELDS}
        url = f"{self.base_url}?{urllib.parse.urlencode(params)}"
        try:
            body = self._transport(url, self.timeout)
        except (OSError, http.client.HTTPException) as exc:
            # URLError, HTTPError and timeouts are all OSErrors.
            raise GeocodingError(
                "De landelijke zoekdienst (PDOK) is nu niet bereikbaar. "
                f"Probeer het later opnieuw {_OR_ENTER_BY_HAND}",
                code="onbereikbaar",
            ) from exc
        doc = self._first_doc(body)
        if doc is None:
            raise _postcode_not_found(postcode) if postcode else _place_not_found(text)
        return self._location(doc)

    @staticmethod
    def _first_doc(body: bytes) -> Mapping[str, Any] | None:
        try:
            data = json.loads(body)
        except ValueError as exc:  # also covers undecodable bytes
            raise _unexpected_answer() from exc
        response = data.get("response") if isinstance(data, dict) else None
        docs = response.get("docs") if isinstance(response, dict) else None
        if not isinstance(docs, list):
            raise _unexpected_answer()
        first = docs[0] if docs else None
        if first is not None and not isinstance(first, dict):
            raise _unexpected_answer()
        return first

    @staticmethod
    def _location(doc: Mapping[str, Any]) -> Location:
        match = _POINT.fullmatch(str(doc.get("centroide_ll", "")))
        if match is None:
            raise _unexpected_answer()
        # WKT puts x (longitude) before y (latitude).
        lon, lat = float(match.group(1)), float(match.group(2))
        if not _in_netherlands(lat, lon):
            raise _unexpected_answer()
        place = doc.get("woonplaatsnaam") or doc.get("gemeentenaam")
        province = doc.get("provincienaam")
        if place and province:
            label = f"{place} ({province})"
        else:
            label = str(doc.get("weergavenaam") or f"{lat:.4f}, {lon:.4f}")
        return Location(lat=lat, lon=lon, label=label)


def _unexpected_answer() -> GeocodingError:
    return GeocodingError(
        "De landelijke zoekdienst (PDOK) gaf een onverwacht antwoord. "
        f"Probeer het later opnieuw {_OR_ENTER_BY_HAND}",
        code="onbereikbaar",
    )


# --- Factory -----------------------------------------------------------------------


def get_geocoder() -> Geocoder:
    """Return the geocoder named by the Django setting ``GEOCODER`` (default ``offline``).

    Settings are read on each call rather than at import, so a changed setting takes
    effect without re-importing this module. Outside a configured Django project the
    offline geocoder is used.
    """
    # Imported here so that importing this module never requires configured settings.
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        choice = str(getattr(settings, "GEOCODER", "offline"))
        pdok_url = str(getattr(settings, "GEOCODER_PDOK_URL", PDOK_FREE_URL))
    except ImproperlyConfigured:
        choice, pdok_url = "offline", PDOK_FREE_URL

    match choice.strip().lower():
        case "offline":
            return OfflineGeocoder()
        case "pdok":
            return PdokGeocoder(base_url=pdok_url)
        case _:
            raise ImproperlyConfigured(f"GEOCODER must be 'offline' or 'pdok', not {choice!r}.")
