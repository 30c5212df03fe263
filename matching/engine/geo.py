"""Great-circle distance between WGS84 points (haversine).

Straight-line kilometres, not travel time: good enough to rank homes by nearness, and it needs
no routing service. The explanation says "afstand", never "reistijd", for that reason.
"""

from __future__ import annotations

from math import asin, cos, radians, sin, sqrt

from matching.engine.types import Point

EARTH_DIAMETER_KM = 12742.0  # twice the mean radius of 6371 km


def haversine_km(a: Point, b: Point) -> float:
    """Distance in kilometres between two points."""
    return DistanceFrom(a).km(b)


class DistanceFrom:
    """Distances from one fixed origin; the origin's trigonometry is computed once.

    Ranking measures the youth's family and school against thousands of homes, so keeping the
    origin's radians and cosine around halves the work per home.
    """

    __slots__ = ("_cos_lat", "_lat", "_lon")

    def __init__(self, origin: Point) -> None:
        self._lat = radians(origin.lat)
        self._lon = radians(origin.lon)
        self._cos_lat = cos(self._lat)

    def km(self, other: Point) -> float:
        lat = radians(other.lat)
        half_dlat = sin((lat - self._lat) / 2)
        half_dlon = sin((radians(other.lon) - self._lon) / 2)
        h = half_dlat * half_dlat + self._cos_lat * cos(lat) * half_dlon * half_dlon
        # min() guards asin against a rounding error just above 1 for antipodal points.
        return EARTH_DIAMETER_KM * asin(min(1.0, sqrt(h)))
