"""The raw scouting records as a table: one row per observed pest or disease of a point (when, who, where, what).

One row per response rather than per point, so the table filters and sorts by pest, value or severity, and an
export opens in a spreadsheet ready for a pivot table. A point where nothing was recorded keeps one empty row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from hydrodesk.domain.phyto_trend import observed_at
from hydrodesk.domain.timestamps import parse_utc_text
from hydrodesk.ui import formats
from hydrodesk.ui.models.rows import Column, RowsTableModel


@dataclass(frozen=True)
class ResponseRow:
    key: str
    observed: str  # UTC text, sorts as time
    when: str  # at the farm's clock
    who: str
    sector_id: str
    sector: str
    crop: str
    variety: str
    latitude: float | None
    longitude: float | None
    name: str
    kind: str
    value: float | None
    severity: float | None


def response_rows(records: Iterable[Mapping[str, Any]], timezone: str) -> list[ResponseRow]:
    rows = []
    for record in records:
        observed = observed_at(record)
        base = {
            "observed": observed,
            "when": formats.moment_text(parse_utc_text(observed), timezone),
            "who": str(record.get("user_name") or record.get("user_id") or ""),
            "sector_id": str(record.get("sector_id") or ""),
            "sector": str(record.get("sector_name") or record.get("sector_id") or ""),
            "crop": formats.crop_name(str(record.get("crop") or "")),
            "variety": str(record.get("variety") or ""),
            "latitude": record.get("latitude"),
            "longitude": record.get("longitude"),
        }
        responses = record.get("responses") or [{}]
        for index, item in enumerate(responses):
            rows.append(
                ResponseRow(
                    key=f"{record['record_id']}/{index}",
                    name=str(item.get("name") or item.get("variable_name") or ""),
                    kind=str(item.get("variable_type") or ""),
                    value=item.get("value_number"),
                    severity=item.get("severity"),
                    **base,
                )
            )
    return rows


def _number(value: float | None, decimals: int = 0) -> str:
    return "" if value is None else QLocale().toString(float(value), "f", decimals)


def _kind_text(kind: str) -> str:
    translate = QCoreApplication.translate
    return {"pest": translate("ScoutingRecords", "pest"), "disease": translate("ScoutingRecords", "disease")}.get(
        kind, kind
    )


class RecordsModel(RowsTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(lambda row: row.key, parent)
        tr = self.tr
        self.columns = [
            Column(tr("When"), lambda r: r.when, sort=lambda r: r.observed),
            Column(tr("Scout"), lambda r: r.who),
            Column(tr("Sector"), lambda r: r.sector),
            Column(tr("Crop"), lambda r: r.crop),
            Column(tr("Variety"), lambda r: r.variety),
            Column(tr("Latitude"), lambda r: _number(r.latitude, 5), sort=lambda r: r.latitude or 0.0, numeric=True),
            Column(tr("Longitude"), lambda r: _number(r.longitude, 5), sort=lambda r: r.longitude or 0.0, numeric=True),
            Column(tr("Pest or disease"), lambda r: r.name),
            Column(tr("Type"), lambda r: _kind_text(r.kind)),
            Column(tr("Count"), lambda r: _number(r.value), sort=lambda r: r.value or 0.0, numeric=True),
            Column(tr("Severity (0–4)"), lambda r: _number(r.severity), sort=lambda r: r.severity or 0.0, numeric=True),
        ]
