"""The Telemetry pane's series picker: the device/metric tree (the chart's legend too: a plotted series shows its
colour), searching it, ticking many series at once, and what the chart plots when the user has not chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QTreeWidgetItem

from hydrodesk.domain.telemetry import SeriesKey
from hydrodesk.domain.workers import search_key
from hydrodesk.ui.charts.metrics import metric_label, metric_sort_key

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget

    from hydrodesk.ui.charts.live_chart import LiveChart
    from hydrodesk.ui.live.telemetry import LiveTelemetry
    from hydrodesk.ui.panes.base import Selection

KEY_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DEFAULT_METRICS = ("flow_lpm", "pressure_bar")


class SeriesPicker:
    """Mixed into TelemetryPane (which builds the widgets named below)."""

    chart: LiveChart
    series_tree: QTreeWidget
    series_search: QLineEdit
    series_label: QLabel
    context: Any
    _live: LiveTelemetry | None
    _selection: Selection
    _known_series: int
    _user_chose_series: bool
    _tree_items: dict[SeriesKey, QTreeWidgetItem]
    _valve_names: dict[str, str]

    def _sync_series_tree(self) -> None:
        """Add the series that appeared since the last look (devices are grouped, metrics sorted by kind)."""
        live = self._live
        if live is None:
            return
        self._known_series = len(live.store)
        keys = list(self._all_keys())
        devices: dict[str, QTreeWidgetItem] = {}
        for index in range(self.series_tree.topLevelItemCount()):
            item = self.series_tree.topLevelItem(index)
            devices[item.text(0)] = item
        self.series_tree.blockSignals(True)
        try:
            for key in sorted(keys, key=lambda k: (k.device_id, metric_sort_key(k.metric))):
                parent = devices.get(key.device_id)
                if parent is None:
                    parent = QTreeWidgetItem([key.device_id])
                    parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                    self.series_tree.addTopLevelItem(parent)
                    self.series_tree.sortItems(0, Qt.SortOrder.AscendingOrder)
                    devices[key.device_id] = parent
                    self._unfold_if_selected(parent)
                if key in self._tree_items:
                    continue
                child = QTreeWidgetItem([metric_label(key.metric, self._valve_names)])
                child.setData(0, KEY_ROLE, key)
                child.setToolTip(0, key.metric)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked if self.chart.has(key) else Qt.CheckState.Unchecked)
                position = sum(
                    1
                    for i in range(parent.childCount())
                    if metric_sort_key(parent.child(i).data(0, KEY_ROLE).metric) < metric_sort_key(key.metric)
                )
                parent.insertChild(position, child)
                self._tree_items[key] = child
                if self.chart.has(key):
                    self._paint_swatch(key, self.chart.items[key].color)
        finally:
            self.series_tree.blockSignals(False)
        if self.series_search.text():
            self._filter_series_tree(self.series_search.text())
        if not self._user_chose_series:
            self._choose_default_series()
        self._update_series_label()
        self._update_heading()
        self._update_state()

    def _unfold_selected_project(self) -> None:
        """Another project chosen in the navigator: its devices open in the list, the others fold away (the
        previous project's stayed open, the new one's folded, under a chart of the new one's series)."""
        for index in range(self.series_tree.topLevelItemCount()):
            self._unfold_if_selected(self.series_tree.topLevelItem(index))

    def _unfold_if_selected(self, device: QTreeWidgetItem) -> None:
        """Devices of the selected project open; the others stay folded away."""
        project = self._selection.project
        owner = self._project_of(device.text(0))
        device.setExpanded(project is None or not owner or owner == project.project_id)

    def _choose_default_series(self) -> None:
        """Until the user picks: flow and pressure of every device of the selected project."""
        live = self._live
        if live is None:
            return
        project = self._selection.project
        wanted = {
            key
            for key in self._all_keys()
            if key.metric in DEFAULT_METRICS
            and (project is None or self._project_of(key.device_id) == project.project_id)
        }
        self._set_many({key: False for key in self.chart.keys if key not in wanted})
        self._set_many(dict.fromkeys(sorted(wanted), True))

    def _set_checked(self, key: SeriesKey, checked: bool) -> None:
        self._set_many({key: checked})

    def _set_many(self, wanted: dict[SeriesKey, bool]) -> None:
        """Tick (or untick) many series and plot them, drawing the chart once at the end, not once per series."""
        changed = [key for key, shown in wanted.items() if shown != self.chart.has(key)]
        self.series_tree.blockSignals(True)
        try:
            for key, shown in wanted.items():
                item = self._tree_items.get(key)
                if item is not None:
                    item.setCheckState(0, Qt.CheckState.Checked if shown else Qt.CheckState.Unchecked)
        finally:
            self.series_tree.blockSignals(False)
        for key in changed:
            self._show_series(key, wanted[key], draw=len(changed) == 1)
        if len(changed) > 1:
            self.chart.refresh_all()
        self._update_series_label()

    def _tree_item(self, key: SeriesKey) -> QTreeWidgetItem | None:
        return self._tree_items.get(key)

    def show_listed_series(self, shown: bool) -> None:
        """Plot (or stop plotting) every series the list shows (all of them, or those the search found)."""
        self._user_chose_series = True
        self._set_many({key: shown for key, item in self._tree_items.items() if not item.isHidden()})

    def _filter_series_tree(self, text: str) -> None:
        """Show the series whose device or metric (as named on screen or as sent) contains the text, accents and
        case aside ("valvula norte" finds "Válvula Norte 1")."""
        needle = search_key(text)
        for index in range(self.series_tree.topLevelItemCount()):
            parent = self.series_tree.topLevelItem(index)
            device_hit = needle in search_key(parent.text(0))
            shown = 0
            for child_index in range(parent.childCount()):
                child = parent.child(child_index)
                key = child.data(0, KEY_ROLE)
                hit = not needle or device_hit or needle in search_key(child.text(0)) or needle in key.metric.casefold()
                child.setHidden(not hit)
                shown += hit
            parent.setHidden(shown == 0)
            if needle and shown:
                parent.setExpanded(True)

    def _paint_swatch(self, key: SeriesKey, color: QColor | None) -> None:
        """The list is the legend: a plotted series shows its colour beside its name."""
        item = self._tree_items.get(key)
        if item is None:
            return
        icon = QIcon()
        if color is not None:
            swatch = QPixmap(12, 12)
            swatch.fill(color)
            icon = QIcon(swatch)
        item.setIcon(0, icon)  # reported as an item change, which _on_series_item_changed tells from a tick

    def _update_series_label(self) -> None:
        self.series_label.setText(
            QCoreApplication.translate("TelemetryPane", "SERIES ({plotted} of {total} plotted)").format(
                plotted=len(self.chart.items), total=len(self._tree_items)
            )
        )

    def _on_series_item_changed(self, item: QTreeWidgetItem, _column: int) -> None:
        key = item.data(0, KEY_ROLE)
        if key is None:
            return
        shown = item.checkState(0) == Qt.CheckState.Checked
        if shown == self.chart.has(key):
            # Not a tick: the tree reports any change of an item (a valve's name arriving, a swatch) this way, and
            # taken for the user's choice it stopped the default series from ever being chosen again.
            return
        self._user_chose_series = True
        self._show_series(key, shown)
        self._update_series_label()

    def show_series(self, key: SeriesKey, shown: bool = True) -> None:
        """Plot (or stop plotting) one series, as ticking its box does."""
        self._user_chose_series = True
        self._set_checked(key, shown)

    def _show_series(self, key: SeriesKey, shown: bool, *, draw: bool = True) -> None:
        if not shown:
            self.chart.remove_series(key)
            self._paint_swatch(key, None)
            self._update_state()
            return
        if self.chart.has(key):
            return
        item = self.chart.add_series(key, draw=draw)
        self._paint_swatch(key, item.color)
        self._update_state()
        if self._live is not None:
            # Backfill what came before the live points: the saved minute rollups of the last day.
            self.context.tasks.spawn(self._backfill(self._live, key), name=f"backfill-{key.device_id}-{key.metric}")
