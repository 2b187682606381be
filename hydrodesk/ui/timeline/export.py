"""The timeline's exports: its events as a table (CSV or XLSX by the file's suffix) and its lanes as a picture."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hydrodesk.domain.timeline import Event, Timeline, events
from hydrodesk.exports.tabular import Cell, write_table
from hydrodesk.ui import formats

# lupdate finds translate("Context", "text") calls, so every string is written out that way.
translate = QCoreApplication.translate


def _lane_text(lane: str) -> str:
    return {
        "irrigation": translate("TimelineExport", "Irrigation run"),
        "command": translate("TimelineExport", "Valve command"),
        "scouting": translate("TimelineExport", "Scouting point"),
        "harvest": translate("TimelineExport", "Harvest session"),
    }.get(lane, lane)


def _farm_time(ts: float | None, zone: str | None) -> datetime | None:
    """The farm's wall-clock time, without an offset (a spreadsheet shows it as the farm's clocks did)."""
    return None if ts is None else formats.at_farm(ts, zone).replace(tzinfo=None)


def export_events(timeline: Timeline, zone: str | None, sector_name: str, path: Path) -> int:
    """One row per event: start, end, timezone, sector, what kind, what, detail. Returns the rows written."""
    headers = [
        translate("TimelineExport", "Start"),
        translate("TimelineExport", "End"),
        translate("TimelineExport", "Timezone"),
        translate("TimelineExport", "Sector"),
        translate("TimelineExport", "Event"),
        translate("TimelineExport", "What"),
        translate("TimelineExport", "Detail"),
    ]

    def rows(found: list[Event]) -> Iterator[list[Cell]]:
        for event in found:
            yield [
                _farm_time(event.start, zone),
                _farm_time(event.end, zone),
                formats.zone_label(zone),
                sector_name,
                _lane_text(event.lane),
                event.what,
                event.detail,
            ]

    return write_table(path, headers, rows(events(timeline)), sheet="Timeline")


def export_png(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
