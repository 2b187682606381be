"""The Telemetry pane's exports: the visible window of every plotted series as CSV or Excel, or the charts as a
PNG picture, and what the status bar says about it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog

from hydrodesk.exports.file_names import suggested_file_name

if TYPE_CHECKING:
    from hydrodesk.ui.charts.live_chart import LiveChart


class TelemetryExport:
    """Mixed into TelemetryPane."""

    chart: LiveChart
    status_message: Any
    _valve_names: dict[str, str]

    def _choose_export(self, kind: str) -> None:
        filters = {
            "csv": QCoreApplication.translate("TelemetryPane", "CSV files (*.csv)"),
            "xlsx": QCoreApplication.translate("TelemetryPane", "Excel workbooks (*.xlsx)"),
            "png": QCoreApplication.translate("TelemetryPane", "PNG pictures (*.png)"),
        }
        dialog = QFileDialog(self, QCoreApplication.translate("TelemetryPane", "Export telemetry"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(filters[kind])
        dialog.setDefaultSuffix(kind)
        name = QCoreApplication.translate("TelemetryPane", "telemetry", "file name")
        dialog.selectFile(suggested_file_name(name, time.strftime("%Y%m%d-%H%M"), suffix=f".{kind}"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.open()  # never exec(): no nested event loop inside the asyncio loop

    def export_to(self, path: Path) -> int:
        """Write the visible window of every plotted series (CSV or XLSX by suffix), or a PNG of the charts.
        Returns the rows written (0 for a picture)."""
        from hydrodesk.ui.charts.export import export_chart_png, export_visible_data

        try:
            if path.suffix.lower() == ".png":
                export_chart_png(self.chart, path)
                self.status_message.emit(
                    QCoreApplication.translate("TelemetryPane", "Saved the charts to {path}").format(path=path)
                )
                return 0
            rows = export_visible_data(self.chart, self._series_of, path, self._valve_names)
        except OSError as error:
            self.announce_export_failure(str(path), error.strerror or str(error))
            return 0
        self.announce_export(str(path), rows)
        return rows
