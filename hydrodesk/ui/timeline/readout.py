"""What the timeline says at the cursor: one short line per lane (what ran, the moisture, the hour's rain and ET0,
the scouting point nearest the cursor with what was found, the harvest's units of that hour)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from hydrodesk.domain.timeline import HOUR_S, ScoutMark, SeriesLine, Timeline
from hydrodesk.ui import formats
from hydrodesk.ui.timeline.lanes import verdict_text

# lupdate finds translate("Context", "text") calls, so every string is written out that way.
translate = QCoreApplication.translate


def _value_at(line: SeriesLine, ts: float, within_s: float) -> float | None:
    """The reading in force at `ts` (the last one at or before it), if not older than `within_s`."""
    index = bisect_right(line.ts, ts) - 1
    if index < 0 or ts - line.ts[index] > within_s:
        return None
    return line.values[index]


def readout_lines(timeline: Timeline, ts: float, zone: str | None, near_s: float) -> list[tuple[str, str]]:
    """(lane title, what it says) at `ts`; `near_s`: how close a scouting point must be to count as under the
    cursor (a few pixels' worth of time)."""
    lines: list[tuple[str, str]] = [(translate("TimelineReadout", "Time"), formats.moment_text(ts, zone, weekday=True))]
    running = [run for run in timeline.runs if run.start <= ts < run.end]
    commands = [mark for mark in timeline.commands if abs(mark.at - ts) <= near_s]
    irrigation = [
        translate("TimelineReadout", "{valve} open ({source})").format(
            valve=run.valve_name, source=_source_text(run.source)
        )
        for run in running
    ]
    irrigation += [
        translate("TimelineReadout", "{valve}: {action} command, {status}").format(
            valve=mark.valve_name, action=_action_text(mark.action), status=_status_text(mark.status)
        )
        for mark in commands
    ]
    lines.append(
        (
            translate("TimelineReadout", "Irrigation"),
            "; ".join(irrigation) or translate("TimelineReadout", "no valve open"),
        )
    )
    moisture = [
        f"{line.name}: {formats.number_text(value, 1)} %"
        for line in timeline.moisture
        if (value := _value_at(line, ts, 2 * HOUR_S)) is not None
    ]
    lines.append((translate("TimelineReadout", "Soil moisture"), ", ".join(moisture) or "—"))
    rain, et0 = _value_at(timeline.rain, ts, HOUR_S), _value_at(timeline.et0, ts, HOUR_S)
    lines.append(
        (
            translate("TimelineReadout", "Rain / ET0"),
            translate("TimelineReadout", "{rain} mm rain, ET0 {et0} mm").format(rain=_mm(rain), et0=_mm(et0))
            if rain is not None or et0 is not None
            else "—",
        )
    )
    nearest = min(timeline.scouting, key=lambda mark: abs(mark.at - ts), default=None)
    if nearest is not None and abs(nearest.at - ts) <= near_s:
        lines.append((translate("TimelineReadout", "Scouting"), scouting_text(nearest, zone)))
    hour = next((bar for bar in timeline.hourly_units if bar.start <= ts < bar.start + HOUR_S), None)
    session = next((span for span in timeline.harvests if span.start <= ts < span.end), None)
    if hour is not None or session is not None:
        unit = session.sampling_unit if session is not None else None
        amount = formats.amount_text(hour.units if hour is not None else 0, unit)
        text = translate("TimelineReadout", "{amount} this hour").format(amount=amount)
        if session is not None:
            text += " · " + translate("TimelineReadout", "session open")
        lines.append((translate("TimelineReadout", "Harvest"), text))
    return lines


def scouting_text(mark: ScoutMark, zone: str | None) -> str:
    """`Alert at 8:44 by Carlos Ramírez: Aphids (Pulgón) 12 (grade 2)`: a scouting point and what was found."""
    found = ", ".join(
        translate("TimelineReadout", "{pest} {count} (grade {grade})").format(
            pest=finding.name, count=formats.number_text(finding.count), grade=formats.number_text(finding.severity)
        )
        for finding in mark.findings
    )
    return translate("TimelineReadout", "{verdict} at {time} by {scout}: {found}").format(
        verdict=verdict_text(mark.verdict),
        time=formats.time_text(mark.at, zone),
        scout=mark.scout,
        found=found or translate("TimelineReadout", "nothing found"),
    )


def readout_html(lines: Sequence[tuple[str, str]]) -> str:
    return " &nbsp;·&nbsp; ".join(f"<b>{escape(title)}</b> {escape(text)}" for title, text in lines)


def _mm(value: float | None) -> str:
    return "—" if value is None else formats.number_text(value, 1)


def _source_text(source: str) -> str:
    return translate("TimelineReadout", "program") if source == "program" else translate("TimelineReadout", "manual")


def _action_text(action: str) -> str:
    return {"open": translate("TimelineReadout", "open"), "close": translate("TimelineReadout", "close")}.get(
        action, action
    )


def _status_text(status: str) -> str:
    return {
        "queued": translate("TimelineReadout", "waiting in the outbox"),
        "pending": translate("TimelineReadout", "pending"),
        "sent": translate("TimelineReadout", "sent"),
        "acked": translate("TimelineReadout", "acknowledged"),
        "confirmed": translate("TimelineReadout", "confirmed"),
        "failed": translate("TimelineReadout", "failed"),
        "expired": translate("TimelineReadout", "expired"),
    }.get(status, status)
