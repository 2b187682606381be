"""Loading the map's data layer for the days chosen: from the office's cache at once, from the server in the
background, each load dropping a result a newer one has replaced; the age of what is shown is said under the map."""

from __future__ import annotations

from datetime import UTC, date
from typing import Any

from shiboken6 import isValid

from hydrodesk.domain import map_layers
from hydrodesk.ui import formats
from hydrodesk.ui.mixin import Mixin


class MapLoading(Mixin):
    """A mixin of MapPane: loads the layer chosen and applies it to the map."""

    # ------------------------------------------------------------------------------------------ loading
    @property
    def layer(self) -> str:
        return str(self.layer_combo.currentData())

    @property
    def range_choice(self) -> str:
        return self.range_buttons.current or map_layers.DEFAULT_RANGE

    def _zone(self) -> Any:
        project = self._selection.project
        return formats.farm_zone(project.timezone if project else None) or UTC

    def _days(self) -> tuple[date, date]:
        today = self.clock().astimezone(self._zone()).date()
        return map_layers.range_days(self.range_choice, today)

    def _next_generation(self) -> int:
        self._generation += 1
        return self._generation

    def load(self) -> None:
        """Show the layer from the cache, then fetch it (once per project, layer and range until F5)."""
        if self._selection.project is None or not self._items:
            return
        if self.context.tasks.spawn_if_open(self._load(self._next_generation(), fetch=True), name="map-load"):
            self.loading += 1  # the task has not started yet: it counts down when it ends

    async def _load(self, generation: int, *, fetch: bool) -> None:
        try:  # `loading` was counted up when the load was asked for, so nobody sees 0 before it starts
            await self._load_layer(generation, fetch=fetch)
        finally:
            self.loading -= 1
            if isValid(self):
                self.layer_loaded.emit()
                if not self._shown_once:  # the first layer as the server has it (or the cache, offline)
                    self._shown_once = True
                    self.data_ready.emit()

    async def _load_layer(self, generation: int, *, fetch: bool) -> None:
        from hydrodesk.api.errors import ApiError
        from hydrodesk.ui.error_text import user_message

        project, office = self._selection.project, self.context.office()
        if project is None or not self._items:
            return
        data_layer = "scouting" if self.layer in ("scouting", "pest") else self.layer
        if office is None:
            self._apply(generation, data_layer, {}, None, "")
            return
        await self.thresholds.follow(office, project.company_id)
        await self._read_and_apply(generation, office, data_layer, "")
        key = (project.project_id, data_layer, self.range_choice if data_layer == "scouting" else "")
        if not fetch or key in self._fetched:
            return
        problem = ""
        try:
            await self.context.monitor.call(self._fetch(office, project, data_layer))
            self._fetched.add(key)
        except ApiError as error:
            problem = user_message(error)
        if isValid(self):
            await self._read_and_apply(generation, office, data_layer, problem)

    async def _fetch(self, office: Any, project: Any, data_layer: str) -> None:
        from hydrodesk.sync import map_data

        refresher, now = office.engine.refresher, self.clock()
        if data_layer == "scouting":
            start, end = self._days()
            await map_data.fetch_scouting(refresher, project.project_id, start, end, now)
        elif data_layer == "moisture":
            await map_data.fetch_moisture(refresher, project.project_id, list(self._items), now)
        else:
            await map_data.fetch_valves(refresher, project.project_id, now)

    async def _read_and_apply(self, generation: int, office: Any, data_layer: str, problem: str) -> None:
        from hydrodesk.sync import map_data

        project = self._selection.project
        if project is None:
            return
        store = office.store
        data: dict[str, Any] = {}
        if data_layer == "scouting":
            start, end = self._days()
            rows = await map_data.cached_scouting(store, project.project_id, start)
            data["records"] = map_layers.records_between(rows, start, end, self._zone())
        elif data_layer == "moisture":
            data["moisture"] = await map_data.cached_moisture(store, list(self._items), self.clock())
        else:
            data["valves"] = await map_data.cached_valves(store, project.project_id)
        fetched = await map_data.fetched_at(store, data_layer, project.project_id)
        if isValid(self):
            self._apply(generation, data_layer, data, fetched, problem)

    def _apply(self, generation: int, data_layer: str, data: dict[str, Any], fetched: str | None, problem: str) -> None:
        if generation != self._generation:
            return  # a newer load (another layer, range or project) has started since
        self._data_layer, self._data = data_layer, data
        if data_layer == "scouting":
            self._records = list(data.get("records", []))
            self._labels = map_layers.pest_labels(self._records)
            self._fill_pests()
        self._recolour()
        self._show_age(fetched, problem)

    def _show_age(self, fetched: str | None, problem: str) -> None:
        from hydrodesk.domain.timestamps import parse_utc_text

        zone = self._selection.project.timezone if self._selection.project else None
        when = formats.zoned_text(parse_utc_text(fetched), zone) if fetched else ""
        if problem and when:
            text = self.tr("Offline: showing what this computer saved at {when}. {reason} Press F5 to try again.")
            self.age_label.setText(text.format(when=when, reason=problem))
        elif problem:
            text = self.tr(
                "Could not fetch this layer: {reason} Nothing is saved on this computer yet; press F5 to try again."
            )
            self.age_label.setText(text.format(reason=problem))
        elif when:
            self.age_label.setText(self.tr("Data as of {when}.").format(when=when))
        elif self.context.office() is None:
            self.age_label.setText(self.tr("Sign in to colour the map with scouting, moisture and irrigation."))
        else:
            self.age_label.setText(self.tr("Loading…"))
        self.age_label.setProperty("tone", "warning" if problem else "")
