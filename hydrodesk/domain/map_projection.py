"""Lon/lat to local metres for drawing a farm: an equirectangular projection around the farm's centre.

Over a few kilometres the earth is flat enough that scaling longitude by cos(latitude) keeps shapes true (a square
sector stays square), which a plain lon/lat plot does not away from the equator. No map library is needed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

EARTH_RADIUS_M = 6_371_008.8  # mean radius
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180.0

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class LocalProjection:
    """x metres east and y metres north of (lon0, lat0)."""

    lon0: float
    lat0: float

    def to_metres(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.lon0) * METRES_PER_DEGREE * math.cos(math.radians(self.lat0))
        y = (lat - self.lat0) * METRES_PER_DEGREE
        return x, y

    def ring(self, ring: Iterable[Sequence[float]]) -> Ring:
        return [self.to_metres(point[0], point[1]) for point in ring]

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> LocalProjection:
        """Centred on the middle of the points' bounding box (0, 0 when there are none)."""
        listed = list(points)
        if not listed:
            return cls(0.0, 0.0)
        lons = [lon for lon, _ in listed]
        lats = [lat for _, lat in listed]
        return cls((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)


def polygon_rings(boundary: object) -> list[list[tuple[float, float]]]:
    """The lon/lat rings of a GeoJSON Polygon (outer first, then holes), or of a MultiPolygon's parts' outer rings;
    empty for anything else or for a malformed shape (a sector without a usable boundary is listed, not drawn)."""
    if not isinstance(boundary, dict):
        return []
    kind = boundary.get("type")
    coordinates: Any = boundary.get("coordinates")  # GeoJSON: shape checked by the try below
    polygons = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else None
    rings: list[list[tuple[float, float]]] = []
    try:
        for polygon in polygons or []:
            for ring in polygon if kind == "Polygon" else polygon[:1]:
                points = [(float(point[0]), float(point[1])) for point in ring]
                if len(points) >= 3:
                    rings.append(points)
    except (TypeError, ValueError, IndexError):
        return []
    return rings


def nice_length(target_m: float) -> float:
    """The largest 1, 2 or 5 × 10ⁿ metres not above `target_m` (the length a scale bar shows)."""
    if target_m <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(target_m))
    for step in (5, 2, 1):
        if step * power <= target_m:
            return float(step * power)
    return float(power)
