"""The field devices heard on the live data connection: online or offline, last seen, battery and signal.

The table shows the devices of the project selected in the navigator (all of them when none is), so the pane's
heading counts exactly the rows it shows; times are that farm's clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from hydrodesk.ui import formats
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE

if TYPE_CHECKING:
    from hydrodesk.domain.telemetry_devices import DeviceInfo

ModelIndex = QModelIndex | QPersistentModelIndex

DEVICE, PROJECT, STATE, LAST_SEEN, BATTERY, SIGNAL, VALVES = range(7)
COLUMNS = 7
# A device that said it is online but sent nothing for this long is shown as silent.
SILENT_AFTER_S = 30.0


class DevicesTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None, clock: Callable[[], float] = time.time) -> None:
        super().__init__(parent)
        self._known: dict[str, DeviceInfo] = {}  # every device heard, shown or not
        self._devices: list[DeviceInfo] = []  # the rows shown
        self._rows: dict[str, int] = {}
        self._project_id: str | None = None
        self._clock = clock
        self.zone: str | None = None
        self.state_colors: dict[str, QColor] = {}
        self._project_names: dict[str, str] = {}
        self._valve_names: dict[str, str] = {}

    # ------------------------------------------------------------------------------------------ updates
    def set_devices(self, devices: list[DeviceInfo]) -> None:
        self._known = {info.device_id: info for info in devices}
        self._show_known()

    def set_project(self, project_id: str | None, zone: str | None = None) -> None:
        """Show this project's devices (None: every device), with times at its clock (`zone`)."""
        self.zone = zone
        if project_id != self._project_id:
            self._project_id = project_id
            self._show_known()
        elif self._devices:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._devices) - 1, COLUMNS - 1))

    def set_names(self, projects: dict[str, str], valves: dict[str, str]) -> None:
        """The farm's names for projects and valves: the table shows names, their ids in the tool tips."""
        self._project_names, self._valve_names = dict(projects), dict(valves)
        if self._devices:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._devices) - 1, COLUMNS - 1))

    def _shows(self, info: DeviceInfo) -> bool:
        return self._project_id is None or info.project_id == self._project_id

    def _show_known(self) -> None:
        self.beginResetModel()
        self._devices = sorted((info for info in self._known.values() if self._shows(info)), key=lambda i: i.device_id)
        self._rows = {info.device_id: row for row, info in enumerate(self._devices)}
        self.endResetModel()

    @property
    def shown(self) -> list[DeviceInfo]:
        return list(self._devices)

    def update_device(self, info: DeviceInfo) -> None:
        """One device's news (a status, valve states): a new row, or its cells refreshed."""
        self._known[info.device_id] = info
        if not self._shows(info):
            return
        row = self._rows.get(info.device_id)
        if row is None:
            row = len(self._devices)
            self.beginInsertRows(QModelIndex(), row, row)
            self._devices.append(info)
            self._rows[info.device_id] = row
            self.endInsertRows()
            return
        self._devices[row] = info
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMNS - 1))

    def touch_last_seen(self, last_seen: Callable[[str], float | None]) -> None:
        """Refresh the "last seen" cells (the clock moves on, and every message moves a device's last_seen)."""
        if not self._devices:
            return
        from dataclasses import replace

        for row, info in enumerate(self._devices):
            seen = last_seen(info.device_id)
            if seen is not None and seen != info.last_seen:
                self._devices[row] = self._known[info.device_id] = replace(info, last_seen=seen)
        self.dataChanged.emit(self.index(0, STATE), self.index(len(self._devices) - 1, LAST_SEEN))

    def device_at(self, row: int) -> DeviceInfo | None:
        return self._devices[row] if 0 <= row < len(self._devices) else None

    # ------------------------------------------------------------------------------------------ Qt model
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._devices)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                DEVICE: self.tr("Device"),
                PROJECT: self.tr("Project"),
                STATE: self.tr("State"),
                LAST_SEEN: self.tr("Last seen"),
                BATTERY: self.tr("Battery"),
                SIGNAL: self.tr("Signal"),
                VALVES: self.tr("Valves"),
            }.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (BATTERY, SIGNAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._devices):
            return None
        info = self._devices[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(info, column)
        if role == SORT_ROLE:
            return self._sort_value(info, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return self.state_colors.get(self._state(info))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (BATTERY, SIGNAL):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return info.device_id
        if role == Qt.ItemDataRole.ToolTipRole and column == LAST_SEEN and info.last_seen is not None:
            return formats.zoned_text(info.last_seen, self.zone)
        if role == Qt.ItemDataRole.ToolTipRole and column == PROJECT:
            return info.project_id
        if role == Qt.ItemDataRole.ToolTipRole and column == VALVES and info.valves:
            return ", ".join(sorted(info.valves))
        return None

    def _state(self, info: DeviceInfo) -> str:
        if info.online is False:
            return "offline"
        if info.last_seen is not None and self._clock() - info.last_seen > SILENT_AFTER_S:
            return "silent"
        if info.online is True:
            return "online"
        return "unknown"

    def _text(self, info: DeviceInfo, column: int) -> str:
        if column == DEVICE:
            return info.device_id
        if column == PROJECT:
            return self._project_names.get(info.project_id, info.project_id)
        if column == STATE:
            return {
                "online": "● " + self.tr("Online"),
                "offline": "● " + self.tr("Offline"),
                "silent": "● " + self.tr("Silent"),
                "unknown": "○ " + self.tr("Unknown"),
            }[self._state(info)]
        if column == LAST_SEEN:
            return self._ago(info.last_seen)
        if column == BATTERY:
            return "" if info.battery_pct is None else f"{QLocale().toString(info.battery_pct, 'f', 0)} %"
        if column == SIGNAL:
            return "" if info.rssi_dbm is None else f"{QLocale().toString(info.rssi_dbm, 'f', 0)} dBm"
        if column == VALVES:
            return ", ".join(self._valve_text(valve, seen.state) for valve, seen in sorted(info.valves.items()))
        return ""

    def _sort_value(self, info: DeviceInfo, column: int) -> object:
        if column == LAST_SEEN:
            return info.last_seen if info.last_seen is not None else -1.0
        if column == BATTERY:
            return info.battery_pct if info.battery_pct is not None else -1.0
        if column == SIGNAL:
            return info.rssi_dbm if info.rssi_dbm is not None else -999.0
        if column == STATE:
            return ("offline", "silent", "unknown", "online").index(self._state(info))
        return self._text(info, column).casefold()

    def _ago(self, moment: float | None) -> str:
        if moment is None:
            return self.tr("never")
        seconds = max(0, round(self._clock() - moment))
        if seconds < 2:  # a device reporting every second would read "0 s ago", "1 s ago" by turns
            return self.tr("just now")
        if seconds < 60:
            return self.tr("{seconds} s ago").format(seconds=seconds)
        if seconds < 3600:
            return self.tr("{minutes} min ago").format(minutes=seconds // 60)
        return formats.recent_moment_text(moment, self.zone)

    def _valve_text(self, valve: str, state: str) -> str:
        """ "valve_001 open": one whole phrase per state the field reports, so each language words it."""
        template = {
            "open": self.tr("{valve} open"),
            "closed": self.tr("{valve} closed"),
            "fault": self.tr("{valve} in fault"),
        }.get(state, self.tr("{valve} state unknown"))
        return template.format(valve=self._valve_names.get(valve, valve))
