"""Scouting in the cache: the store's counts give the domain's incidence and severity, ranges cut at the right
instants, thresholds and fetch notes survive reopening the file (and nothing that refreshes the cache drops them)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hydrodesk.domain.phyto import Observation, summarize
from hydrodesk.domain.phyto_heatmap import build_heatmap
from hydrodesk.domain.phyto_range import DayRange, fetched_at
from hydrodesk.domain.phyto_trend import observations
from hydrodesk.domain.phyto_verdicts import DEFAULT_THRESHOLDS, Threshold, ThresholdBook, Verdict
from hydrodesk.store import cache
from hydrodesk.store.paths import profile_database
from hydrodesk.store.phyto import (
    fetched_ranges,
    heatmap_counts,
    load_thresholds,
    note_fetched,
    save_thresholds,
    scouting_records,
)
from hydrodesk.store.store import Store

PESTS = list(DEFAULT_THRESHOLDS)


def record(index: int, sector: str, when: str, rng: random.Random, project: str = "proj_1") -> dict[str, Any]:
    responses = []
    for pest in PESTS:
        present = rng.random() < 0.3
        responses.append(
            {
                "response_id": f"r{index}-{pest}",
                "variable_name": pest,
                "variable_type": "pest",
                "name": pest.title(),
                "value_number": rng.randint(1, 30) if present else 0,
                "severity": rng.randint(1, 4) if present else 0,
            }
        )
    return {
        "record_id": f"rec_{index:05d}",
        "created_at": when,
        "record_time": when,
        "project_id": project,
        "sector_id": sector,
        "sector_name": sector.upper(),
        "responses": responses,
    }


@pytest.mark.asyncio
async def test_the_heatmap_from_the_cache_equals_the_domains_summary_per_sector(tmp_path: Path) -> None:
    rng = random.Random(7)
    records = [record(i, f"s{i % 3}", f"2026-11-{10 + i % 5:02d}T1{i % 10}:00:00.000Z", rng) for i in range(120)]
    records.append({**record(999, "s0", "2026-11-12T10:00:00.000Z", rng), "responses": []})  # a point with nothing
    store = await Store.open(profile_database(tmp_path, "farm"))
    try:
        await store.write(cache.save_phyto_records, records, "2026-12-01T00:00:00.000Z")
        sectors, pests = await store.read(heatmap_counts, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z")
        heatmap = build_heatmap(sectors, pests)
        for sector in ("s0", "s1", "s2"):
            mine = [observations(r) for r in records if r["sector_id"] == sector]
            expected = summarize(mine)
            row = next(row for row in heatmap.sectors if row.sector_id == sector)
            assert (row.samples, row.incidence, row.severity) == (
                expected.samples,
                expected.incidence,
                expected.severity,
            )
            for pest in expected.pests:
                cell = heatmap.cell(sector, pest.name)
                assert cell is not None
                assert (cell.incidence, cell.severity) == (pest.incidence, pest.severity)
        assert [name for name, _ in heatmap.pests] == PESTS

        # One project, a half-open UTC interval: 12:00 on the 10th is in, 12:00 on the 14th is not.
        in_range = await store.read(
            scouting_records, "2026-11-10T12:00:00.000Z", "2026-11-14T12:00:00.000Z", project_id="proj_1"
        )
        expected_ids = [
            r["record_id"]
            for r in records
            if "2026-11-10T12:00:00.000Z" <= r["record_time"] < "2026-11-14T12:00:00.000Z"
        ]
        assert sorted(r["record_id"] for r in in_range) == sorted(expected_ids)
        assert await store.read(scouting_records, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z",
                                project_id="other") == []  # fmt: skip
    finally:
        await store.close()


def test_a_sector_where_nothing_was_found_is_okay_and_an_unscouted_one_has_no_data() -> None:
    summary = summarize([[Observation("aphids", 0, 0)]])
    assert summary.incidence == 0.0
    heatmap = build_heatmap([], [], known_sectors=[("s9", "Nine", "p")])
    assert heatmap.sector_verdict(ThresholdBook(), "s9") is Verdict.NO_DATA


@pytest.mark.asyncio
async def test_thresholds_and_fetch_notes_survive_reopening_and_cache_refreshes(tmp_path: Path) -> None:
    path = profile_database(tmp_path, "farm")
    strict = Threshold(1, 2, 10, 20)
    store = await Store.open(path)
    try:
        assert await store.read(load_thresholds, "comp_1") == ThresholdBook()  # the defaults
        await store.write(save_thresholds, "comp_1", ThresholdBook().with_threshold("aphids", strict))
        week = DayRange(date(2026, 11, 27), date(2026, 12, 3))
        await store.write(note_fetched, "comp_1", week, "2026-12-03T10:00:00.000Z")
        # What the office refreshes all day long: projects (which prunes sectors) and documents of other kinds.
        await store.write(cache.save_projects, [], "2026-12-03T11:00:00.000Z")
        await store.write(cache.save_document, "phyto_summary", "x", {"a": 1}, "2026-12-03T11:00:00.000Z")
    finally:
        await store.close()
    reopened = await Store.open(path)
    try:
        book = await reopened.read(load_thresholds, "comp_1")
        assert book.for_pest("aphids") == strict
        assert book.for_pest("thrips") == DEFAULT_THRESHOLDS["thrips"]
        assert await reopened.read(load_thresholds, "comp_2") == ThresholdBook()  # per company
        fetches = await reopened.read(fetched_ranges, "comp_1")
        assert fetched_at(fetches, DayRange(date(2026, 12, 1), date(2026, 12, 3))) == "2026-12-03T10:00:00.000Z"
        # A newer fetch of a wider range replaces the notes it covers, so the list stays short.
        await reopened.write(
            note_fetched, "comp_1", DayRange(date(2026, 11, 1), date(2026, 12, 3)), "2026-12-04T08:00:00.000Z"
        )
        assert len(await reopened.read(fetched_ranges, "comp_1")) == 1
    finally:
        await reopened.close()
