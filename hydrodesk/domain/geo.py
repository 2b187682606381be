"""Plain geometry on GeoJSON polygons (lon/lat), enough to tell which sector a GPS point falls in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def point_in_ring(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    """Ray casting: count how many ring edges a ray going east from the point crosses."""
    inside = False
    count = len(ring)
    for index in range(count):
        x1, y1 = ring[index][0], ring[index][1]
        x2, y2 = ring[(index + 1) % count][0], ring[(index + 1) % count][1]
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
    return inside


def point_in_polygon(lon: float, lat: float, polygon: dict[str, Any]) -> bool:
    """True when the point lies inside a GeoJSON Polygon (outside all of its holes)."""
    rings = polygon.get("coordinates") or []
    if not rings or not point_in_ring(lon, lat, rings[0]):
        return False
    return not any(point_in_ring(lon, lat, hole) for hole in rings[1:])


def square_polygon(lon: float, lat: float, half_side_deg: float) -> dict[str, Any]:
    """A small square GeoJSON Polygon centred on a point (the simulator's sector shapes)."""
    west, east = lon - half_side_deg, lon + half_side_deg
    south, north = lat - half_side_deg, lat + half_side_deg
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}
