"""Colouring the farm map: each sector by the layer chosen (scouting, a pest, soil moisture, irrigation), the
scouting points as dots with their tooltips, and the legend that explains the colours."""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from hydrodesk.domain import map_layers
from hydrodesk.ui import formats
from hydrodesk.ui.map import looks
from hydrodesk.ui.map.items import ScoutDot, record_text
from hydrodesk.ui.mixin import Mixin

DEFAULT_PEST = "aphids"  # the pest layer's first choice


class MapColouring(Mixin):
    """A mixin of MapPane: recolours sectors and dots whenever the layer, the pest, the data or the thresholds
    change."""

    # ------------------------------------------------------------------------------------------ colouring
    def _fill_pests(self) -> None:
        current = self.pest_combo.currentData() or DEFAULT_PEST
        self.pest_combo.blockSignals(True)
        self.pest_combo.clear()
        for key, label in self._labels.items():
            self.pest_combo.addItem(label, key)
        index = self.pest_combo.findData(current)
        self.pest_combo.setCurrentIndex(index if index >= 0 else 0)
        self.pest_combo.blockSignals(False)
        self._update_controls()

    def _on_layer_changed(self) -> None:
        self._update_controls()
        self._recolour()
        self.load()

    def _update_controls(self) -> None:
        scouting = self.layer in ("scouting", "pest")
        self.pest_label.setVisible(self.layer == "pest")
        self.pest_combo.setVisible(self.layer == "pest")
        self.range_buttons.setVisible(scouting)

    def selected_pest(self) -> str | None:
        data = self.pest_combo.currentData()
        return str(data) if data else None

    def _recolour(self) -> None:
        if not self._items:
            return
        layer, data, data_layer = self.layer, self._data, self._data_layer
        scouting_layer = layer in ("scouting", "pest")
        for sector_id, item in self._items.items():
            look = self._look(
                layer, sector_id, data if data_layer == ("scouting" if scouting_layer else layer) else None
            )
            item.set_look(look.fill, look.detail, look.key)
            item.setToolTip(f"{item.name}\n{look.detail}" if look.detail else item.name)
        self._draw_dots(scouting_layer and data_layer == "scouting")
        self._update_legend()

    def _look(self, layer: str, sector_id: str, data: dict[str, Any] | None) -> looks.SectorLook:
        if layer in ("scouting", "pest"):
            if data is None:
                return looks.scouting_look(None, {})
            pest = self.selected_pest() if layer == "pest" else None
            if layer == "pest" and pest is None:
                return looks.scouting_look(None, {})
            found = self._scouting(pest).get(sector_id)
            return looks.scouting_look(found, self._labels)
        if layer == "moisture":
            return looks.moisture_look(None if data is None else data.get("moisture", {}).get(sector_id))
        states = {} if data is None else map_layers.irrigation_by_sector(data.get("valves", []))
        return looks.irrigation_look(states.get(sector_id))

    def _scouting(self, pest: str | None) -> dict[str, map_layers.SectorScouting]:
        key = (id(self._records), len(self._records), pest)
        if self._scouting_key != key:
            book = self.thresholds.book
            self._scouting_cache = map_layers.scouting_by_sector(self._records, book, pest)
            self._scouting_key = key
        return self._scouting_cache

    def thresholds_changed(self) -> None:
        """The company's action thresholds changed: every verdict again, at once."""
        self._scouting_key = None
        self._recolour()

    def _draw_dots(self, show: bool) -> None:
        """A dot per located record: made again only when the records change, hidden on the other layers."""
        if self._dots_of is not self._records:
            for dot in self._dots:
                self.scene.removeItem(dot)
            self._dots, self._dots_of = [], self._records
            zone = self._zone()

            def describe(point: map_layers.ScoutPoint) -> str:
                return record_text(point, formats.moment_text(point.at, zone))

            for point in map_layers.scout_points(self._records):
                if point.sector_id not in self._items:
                    continue
                x, y = self._projection.to_metres(point.lon, point.lat)
                dot = ScoutDot(point, QPointF(x, -y), describe)
                self._colour_dot(dot)
                dot.on_hover.append(weakref.WeakMethod(self._on_dot_hovered))
                self.scene.addItem(dot)
                self._dots.append(dot)
        for dot in self._dots:
            dot.setVisible(show)
        if show:
            self._on_dot_hovered(None)
        else:
            self.legend.set_record("", "")

    def _colour_dot(self, dot: ScoutDot) -> None:
        """A point where something was found is dark with a light ring, a clean one light: hot spots show."""
        light = QColor("#eaf2ee" if self._theme.name == "dark" else "#ffffff")
        if dot.point.present:
            dot.set_colours(QColor("#2b1a17"), light)
        else:
            dot.set_colours(light, QColor("#1d2925"))

    def shown_dots(self) -> list[ScoutDot]:
        return [dot for dot in self._dots if dot.isVisible()]

    def _on_dot_hovered(self, dot: ScoutDot | None) -> None:
        if dot is None:
            count = len(self.shown_dots())
            self.legend.set_record(
                self.tr("SCOUTING POINTS ({count})").format(count=count),
                self.tr("Point at a dot to read its record.") if count else self.tr("No scouting in this range."),
            )
            return
        self.legend.set_record(self.tr("SCOUTING POINT"), dot.text)

    def _update_legend(self) -> None:
        layer = self.layer
        titles = {
            "scouting": self.tr("Worst pest or disease"),
            "pest": looks.short_pest(self.pest_combo.currentText() or self.tr("Pest")),
            "moisture": self.tr("Soil moisture at 30 cm"),
            "irrigation": self.tr("Valves of the sector"),
        }
        outline = QColor("#c9d3ce" if self._theme.name == "dark" else "#33443d")
        self.legend.set_entries(titles[layer], looks.legend_entries(layer), outline)
        notes = {
            "scouting": self.tr("Verdicts by the action thresholds of each pest."),
            "pest": self.tr("Labels show the share of sampling points where it was found."),
            "moisture": self.tr("The newest reading of the last 36 hours."),
            "irrigation": self.tr("What the field reports, not what was commanded."),
        }
        self.legend.set_note(notes[layer])
