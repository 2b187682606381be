"""The printable scouting report of a range: per sector its verdict, points, incidence and severity, its worst
pests and a sparkline of the worst pest's incidence per scouting day; then the thresholds the verdicts used.

Laid out as HTML for a QTextDocument on the PDF writer's own page (as the tallies day report is) and painted with
the same page footer (hydrodesk.ui.tallies.report_pdf.paint_pages). Sparklines are drawn into images that the
document holds as resources, so they print sharp at the writer's resolution.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QMarginsF, QPointF, QSizeF, QUrl
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QTextDocument

from hydrodesk.domain.phyto_heatmap import Heatmap
from hydrodesk.domain.phyto_range import DayRange
from hydrodesk.domain.phyto_trend import TrendPoint, trend
from hydrodesk.domain.phyto_verdicts import ThresholdBook, Verdict
from hydrodesk.domain.timestamps import parse_utc_text
from hydrodesk.ui.formats import day_text, zoned_text
from hydrodesk.ui.phyto.verdicts import STRONG, fill, verdict_text
from hydrodesk.ui.tallies.report_layout import CELL_BORDER_PX, CELL_PADDING_PX, NOWRAP
from hydrodesk.ui.tallies.report_pdf import (
    MARGIN_MM,
    PAGE_SIZES,
    body_font,
    footer_height,
    paint_pages,
    pdf_page_count,
)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
BODY_PT = 9.0
SPARK_SIZE = (360, 72)  # pixels of the sparkline image, drawn at three times the size it prints
TOP_PESTS = 3


@dataclass(frozen=True)
class ScoutingReport:
    scope: str  # "Rancho San Pedro", "Lote A-1 · Rancho San Pedro", "Whole company"
    days: DayRange
    timezone: str
    heatmap: Heatmap  # already ordered worst first
    book: ThresholdBook
    records: Sequence[Mapping[str, Any]]
    fetched_at: str | None
    generated_at: datetime


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{QLocale().toString(float(value), 'f', 1)} %"


def report_title(report: ScoutingReport) -> str:
    return translate("ScoutingReport", "Scouting report · {scope} · {start} – {end}").format(
        scope=report.scope,
        start=day_text(report.days.start, weekday=False),
        end=day_text(report.days.end, weekday=False),
    )


def sparkline(points: Sequence[TrendPoint], colour: str) -> QImage:
    """Incidence per scouting day on a 0-100 % scale, as a small line with its last point marked."""
    width, height = SPARK_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#d0d7d3"), 2))
    painter.drawLine(0, height - 2, width, height - 2)
    if points:
        first, last = points[0].day, points[-1].day
        span = max(1, (last - first).days)

        def at(point: TrendPoint) -> QPointF:
            x = 6 + (width - 12) * (point.day - first).days / span
            return QPointF(x, height - 4 - (height - 8) * min(point.incidence, 100.0) / 100.0)

        painter.setPen(QPen(QColor(colour), 4))
        for left, right in itertools.pairwise(points):
            painter.drawLine(at(left), at(right))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(at(points[-1]), 6, 6)
    painter.end()
    return image


def _sector_rows(report: ScoutingReport, document: QTextDocument) -> str:
    rows = []
    for sector in report.heatmap.sectors:
        verdict = report.heatmap.sector_verdict(report.book, sector.sector_id)
        top = report.heatmap.top_pests(report.book, sector.sector_id, TOP_PESTS)
        pests = "<br/>".join(
            f"{_e(report.heatmap.label_of(pest))}: <b>{_e(verdict_text(pest_verdict))}</b> "
            f'<span style="{NOWRAP}">({_e(_percent(cell.incidence))} / {_e(_percent(cell.severity))})</span>'
            for pest, cell, pest_verdict in top
        ) or _e(translate("ScoutingReport", "nothing found"))
        spark = ""
        if top:
            worst_pest = top[0][0]
            points = trend(
                [r for r in report.records if r.get("sector_id") == sector.sector_id], worst_pest, report.timezone
            ).get(sector.sector_id, [])
            if points:
                url = QUrl(f"spark://{sector.sector_id}")
                document.addResource(QTextDocument.ResourceType.ImageResource, url, sparkline(points, STRONG[verdict]))
                caption = translate("ScoutingReport", "{pest}, incidence").format(
                    pest=report.heatmap.label_of(worst_pest)
                )
                spark = (
                    f'<img src="{url.toString()}" width="{SPARK_SIZE[0] // 3}" height="{SPARK_SIZE[1] // 3}"/>'
                    f'<br/><span style="color:#666666; font-size:{BODY_PT * 7 / 9:.1f}pt;">{_e(caption)}</span>'
                )
        colour = fill(verdict)
        background = f"background:{colour.name()};" if colour is not None else ""
        rows.append(
            "<tr>"
            f"<td><b>{_e(sector.sector_name)}</b></td>"
            f'<td style="{background} {NOWRAP}"><b>{_e(verdict_text(verdict))}</b></td>'
            f'<td align="right" style="{NOWRAP}">{sector.samples}</td>'
            f'<td align="right" style="{NOWRAP}">{_e(_percent(sector.incidence))}</td>'
            f'<td align="right" style="{NOWRAP}">{_e(_percent(sector.severity))}</td>'
            f"<td>{pests}</td>"
            f"<td>{spark}</td>"
            "</tr>"
        )
    return "".join(rows)


def _threshold_rows(report: ScoutingReport) -> str:
    rows = []
    for pest, label in report.heatmap.pests:
        threshold = report.book.for_pest(pest)
        own = pest in report.book.chosen
        note = translate("ScoutingReport", "company's") if own else translate("ScoutingReport", "default")
        values = (
            threshold.attention_incidence,
            threshold.alert_incidence,
            threshold.attention_severity,
            threshold.alert_severity,
        )
        cells = "".join(f'<td align="right" style="{NOWRAP}">{_e(_percent(value))}</td>' for value in values)
        rows.append(f"<tr><td>{_e(label)}</td>{cells}<td>{_e(note)}</td></tr>")
    return "".join(rows)


def report_html(report: ScoutingReport, document: QTextDocument) -> str:
    heatmap = report.heatmap
    counts = {verdict: 0 for verdict in Verdict}
    for sector in heatmap.sectors:
        counts[heatmap.sector_verdict(report.book, sector.sector_id)] += 1
    points = sum(sector.samples for sector in heatmap.sectors)
    fetched = (
        zoned_text(parse_utc_text(report.fetched_at), report.timezone)
        if report.fetched_at
        else translate("ScoutingReport", "not fetched; saved data only")
    )
    facts = [
        (translate("ScoutingReport", "Scope"), report.scope),
        (
            translate("ScoutingReport", "Days"),
            f"{day_text(report.days.start, weekday=False)} – {day_text(report.days.end, weekday=False)}"
            f" ({report.timezone})",
        ),
        (translate("ScoutingReport", "Scouting points"), str(points)),
        (translate("ScoutingReport", "Data fetched"), fetched),
    ]
    fact_rows = "".join(
        f'<tr><td style="color:#555555; padding-right:12px;">{_e(label)}</td><td><b>{_e(value)}</b></td></tr>'
        for label, value in facts
    )
    summary_cells = "".join(
        f'<td align="center" style="padding:6px; background:{(fill(verdict) or QColor("#f3f5f4")).name()};">'
        f'<span style="color:#555555;">{_e(verdict_text(verdict))}</span><br/>'
        f'<span style="font-size:{BODY_PT * 14 / 9:.1f}pt;"><b>{counts[verdict]}</b></span></td>'
        for verdict in (Verdict.ALERT, Verdict.ATTENTION, Verdict.OKAY, Verdict.NO_DATA)
    )
    headers = (
        translate("ScoutingReport", "Sector"),
        translate("ScoutingReport", "Verdict"),
        translate("ScoutingReport", "Points"),
        translate("ScoutingReport", "Incidence"),
        translate("ScoutingReport", "Severity"),
        translate("ScoutingReport", "Worst pests (incidence / severity)"),
        translate("ScoutingReport", "Trend"),
    )
    widths = (13, 9, 8, 11, 10, 29, 20)
    # The figures' titles stay on one line ("Incidencia" broken as "Incidenc / e" reads as a typo).
    head = "".join(
        f'<th width="{width}%" align="left" style="background:#e8eeeb; {NOWRAP if 1 <= index <= 4 else ""}">'
        f"{_e(title)}</th>"
        for index, (title, width) in enumerate(zip(headers, widths, strict=True))
    )
    threshold_head = "".join(
        f'<th align="left" style="background:#e8eeeb;">{_e(title)}</th>'
        for title in (
            translate("ScoutingReport", "Pest or disease"),
            translate("ScoutingReport", "Incidence: attention"),
            translate("ScoutingReport", "Incidence: alert"),
            translate("ScoutingReport", "Severity: attention"),
            translate("ScoutingReport", "Severity: alert"),
            translate("ScoutingReport", "Threshold"),
        )
    )
    table = f'<table width="100%" cellspacing="0" cellpadding="{CELL_PADDING_PX}" border="{CELL_BORDER_PX}"'
    footer = translate("ScoutingReport", "Printed {time} by HydroDesk. Incidence: share of points where found; "
                       "severity: mean damage grade (0–4) where found, as a percentage.").format(
        time=zoned_text(report.generated_at, report.timezone)
    )  # fmt: skip
    title = translate("ScoutingReport", "Scouting report")
    thresholds_title = translate("ScoutingReport", "Action thresholds used")
    return (
        "<html><body>"
        f'<h2 style="margin-bottom:2px;">{_e(title)}</h2>'
        f'<table cellspacing="0" cellpadding="2">{fact_rows}</table>'
        f'<table width="100%" cellspacing="0" cellpadding="4" border="1" style="border-color:#b8c4be;'
        f' margin-top:10px;"><tr>{summary_cells}</tr></table>'
        f'{table} style="border-color:#b8c4be; margin-top:12px;"><thead><tr>{head}</tr></thead>'
        f"<tbody>{_sector_rows(report, document)}</tbody></table>"
        f'<h3 style="margin-top:16px;">{_e(thresholds_title)}</h3>'
        f'{table} style="border-color:#b8c4be;"><thead><tr>{threshold_head}</tr></thead>'
        f"<tbody>{_threshold_rows(report)}</tbody></table>"
        f'<p style="color:#777777; font-size:{BODY_PT * 8 / 9:.1f}pt; margin-top:18px;">{_e(footer)}</p>'
        "</body></html>"
    )


def write_scouting_pdf(report: ScoutingReport, path: Path, paper: str = "a4") -> int:
    """Write the report as a PDF on A4 or Letter; returns the number of pages. GUI thread only."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(PAGE_SIZES[paper]))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(report_title(report))
    writer.setCreator("HydroDesk")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(0)
    document.setDefaultFont(body_font(BODY_PT))
    document.setPageSize(QSizeF(writer.width(), writer.height() - footer_height(writer)))
    document.setHtml(report_html(report, document))
    paint_pages(document, writer, report_title(report))
    del writer
    return pdf_page_count(path)
