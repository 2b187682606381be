"""The sector map's Qt-free parts: the local projection, GeoJSON rings, range presets and the per-sector layers."""

from __future__ import annotations

import math
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from hydrodesk.domain.map_layers import (
    irrigation_by_sector,
    latest_moisture,
    moisture_band,
    pest_labels,
    range_days,
    records_between,
    scout_points,
    scouting_by_sector,
)
from hydrodesk.domain.map_projection import METRES_PER_DEGREE, LocalProjection, nice_length, polygon_rings
from hydrodesk.domain.phyto_verdicts import Threshold, ThresholdBook, Verdict


def record(sector: str, when: str, **counts: tuple[float, float]) -> dict[str, object]:
    return {
        "record_id": f"r-{sector}-{when}",
        "sector_id": sector,
        "created_at": when,
        "user_name": "Rosa",
        "latitude": -33.0,
        "longitude": -71.0,
        "responses": [
            {"variable_name": name, "name": name.title() + " (X)", "value_number": count, "severity": grade}
            for name, (count, grade) in counts.items()
        ],
    }


def test_the_projection_keeps_metres_true_east_and_north() -> None:
    projection = LocalProjection(-71.0, -33.0)
    assert projection.to_metres(-71.0, -33.0) == (0.0, 0.0)
    east, north = projection.to_metres(-70.99, -32.99)
    assert north == pytest.approx(0.01 * METRES_PER_DEGREE)
    assert east == pytest.approx(0.01 * METRES_PER_DEGREE * math.cos(math.radians(33.0)))
    assert LocalProjection.around([(0.0, 0.0), (2.0, 4.0)]) == LocalProjection(1.0, 2.0)


def test_rings_of_polygons_and_multipolygons_and_nothing_for_broken_shapes() -> None:
    square = [[0, 0], [1, 0], [1, 1], [0, 0]]
    assert polygon_rings({"type": "Polygon", "coordinates": [square, square]}) == [[(0, 0), (1, 0), (1, 1), (0, 0)]] * 2
    assert len(polygon_rings({"type": "MultiPolygon", "coordinates": [[square, square], [square]]})) == 2
    assert polygon_rings({"type": "Polygon", "coordinates": [[[0, "x"]]]}) == []
    assert polygon_rings({"type": "Point", "coordinates": [0, 0]}) == []
    assert polygon_rings(None) == []


@pytest.mark.parametrize(("target", "length"), [(140, 100), (260, 200), (999, 500), (7, 5), (0, 0)])
def test_the_scale_bar_shows_a_round_length(target: float, length: float) -> None:
    assert nice_length(target) == length


def test_range_presets_in_local_days() -> None:
    thursday = date(2026, 12, 3)
    assert range_days("7d", thursday) == (date(2026, 11, 27), thursday)
    assert range_days("month", thursday) == (date(2026, 12, 1), thursday)
    assert range_days("90d", thursday) == (date(2026, 9, 5), thursday)
    for unknown in ("season", "week"):
        with pytest.raises(ValueError):
            range_days(unknown, thursday)


def test_records_are_kept_by_the_farms_local_day() -> None:
    late = record("s1", "2026-12-01T04:00:00.000Z")  # 30 Nov, 23:00 in Lima
    assert records_between([late], date(2026, 12, 1), date(2026, 12, 3), ZoneInfo("America/Lima")) == []
    assert records_between([late], date(2026, 12, 1), date(2026, 12, 3), ZoneInfo("UTC")) == [late]


def test_the_scouting_verdict_is_the_worst_pests_and_one_pests_its_own() -> None:
    book = ThresholdBook({"thrips": Threshold(10, 30, 50, 90)})
    records = [
        record("s1", "2026-12-01T15:00:00.000Z", aphids=(3, 1), thrips=(0, 0)),
        record("s1", "2026-12-01T15:05:00.000Z", aphids=(0, 0), thrips=(4, 1)),
        record("s1", "2026-12-01T15:10:00.000Z", aphids=(0, 0), thrips=(0, 0)),
        record("s2", "2026-12-01T15:00:00.000Z", aphids=(0, 0), thrips=(0, 0)),
    ]
    worst = scouting_by_sector(records, book)
    # Aphids on 1 point of 3 (33 %) are an Alert by their default 10/20; thrips on 1 of 3 are an Alert by 10/30 too.
    assert worst["s1"].verdict is Verdict.ALERT
    assert worst["s1"].incidence == pytest.approx(33.3)
    assert worst["s2"].verdict is Verdict.OKAY
    assert worst["s2"].pest is None
    assert not worst["s1"].by_severity  # a third of the points: the incidence alone makes it an Alert
    thrips = scouting_by_sector(records, book.with_threshold("thrips", Threshold(40, 60, 50, 90)), "thrips")
    assert thrips["s1"].verdict is Verdict.OKAY
    assert thrips["s1"].pest == "thrips"
    assert pest_labels(records) == {"aphids": "Aphids (X)", "thrips": "Thrips (X)"}


def test_points_list_what_was_found_there() -> None:
    (point,) = scout_points([record("s1", "2026-12-01T15:00:00.000Z", aphids=(3, 2), thrips=(0, 0))])
    assert (point.lon, point.lat, point.who) == (-71.0, -33.0, "Rosa")
    assert point.present == [("Aphids (X)", 3.0, 2.0)]
    assert scout_points([{**record("s1", "2026-12-01T15:00:00.000Z"), "latitude": None}]) == []


def test_moisture_at_the_root_zone_and_valves_by_the_most_pressing_state() -> None:
    readings = [
        {"ts": "a", "soil_moisture_pct": {"10cm": 20.0, "30cm": 27.0}},
        {"ts": "b", "soil_moisture_pct": {"10cm": 10.0, "60cm": 30.0}},
        {"ts": "c", "soil_moisture_pct": {}},
    ]
    assert latest_moisture(readings) == (20.0, "b")  # no 30 cm probe: the mean of the others
    assert latest_moisture([]) is None
    assert [moisture_band(value) for value in (None, 10, 18, 30, 35, 55)] == [
        "no_data",
        "dry",
        "low",
        "good",
        "moist",
        "wet",
    ]
    valves = [
        {"sector_id": "s1", "observed_state": "closed"},
        {"sector_id": "s1", "observed_state": "open"},
        {"sector_id": "s2", "observed_state": "fault"},
        {"sector_id": "s2", "observed_state": "open"},
        {"sector_id": "s3", "observed_state": "strange"},
    ]
    assert irrigation_by_sector(valves) == {"s1": "open", "s2": "fault", "s3": "unknown"}


def test_a_verdict_made_by_the_severity_says_so() -> None:
    """One point of twelve with grey mould (8 %, below its 15 % for an Alert), but graded 3 of 4 (75 %): the
    Alert is the severity's, which the map's label then gives instead of an incidence that reads harmless."""
    book = ThresholdBook({"botrytis": Threshold(5, 15, 20, 40)})
    records = [record("s1", f"2026-12-01T15:{minute:02d}:00.000Z", botrytis=(0, 0)) for minute in range(11)]
    records.append(record("s1", "2026-12-01T16:00:00.000Z", botrytis=(2, 3)))
    found = scouting_by_sector(records, book)["s1"]
    assert (found.verdict, found.pest, found.by_severity) == (Verdict.ALERT, "botrytis", True)
    assert found.incidence == pytest.approx(8.3)
    assert found.severity == pytest.approx(75.0)
    assert scouting_by_sector(records, book, "botrytis")["s1"].by_severity
