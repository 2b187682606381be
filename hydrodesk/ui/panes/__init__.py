"""The panes of the central area, in navigator order. Qt-free, so `hydrodesk --pane` is checked before Qt loads.

A pane is listed here only once it exists: the navigator shows one entry per listed pane and nothing for panes
still to come. To add one, write `hydrodesk/ui/panes/<name>.py` with a `Pane` subclass and append a PaneSpec.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hydrodesk.ui.panes.base import Pane


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the upper-case name is what lupdate looks for
    """Marks `text` for translation in `context` without needing Qt here; translated where it is shown."""
    return text


PANE_CONTEXT = "Panes"


@dataclass(frozen=True)
class PaneSpec:
    name: str  # the `--pane` name, stable for docs and smoke tests
    title: str  # English source text, translated in PANE_CONTEXT
    icon: str  # resources/icons/<icon>.svg
    factory: str  # "module:Class", imported when the pane is first shown

    def load_class(self) -> type[Pane]:
        module_name, _, class_name = self.factory.partition(":")
        return getattr(importlib.import_module(module_name), class_name)


PANES: tuple[PaneSpec, ...] = (
    PaneSpec(
        name="overview",
        title=QT_TRANSLATE_NOOP("Panes", "Overview"),
        icon="overview",
        factory="hydrodesk.ui.panes.overview:OverviewPane",
    ),
    PaneSpec(
        name="sessions",
        title=QT_TRANSLATE_NOOP("Panes", "Sessions"),
        icon="sessions",
        factory="hydrodesk.ui.panes.sessions:SessionsPane",
    ),
    PaneSpec(
        name="tallies",
        title=QT_TRANSLATE_NOOP("Panes", "Tallies"),
        icon="tallies",
        factory="hydrodesk.ui.panes.tallies:TalliesPane",
    ),
    PaneSpec(
        name="workers",
        title=QT_TRANSLATE_NOOP("Panes", "Workers"),
        icon="workers",
        factory="hydrodesk.ui.panes.workers:WorkersPane",
    ),
    PaneSpec(
        name="irrigation",
        title=QT_TRANSLATE_NOOP("Panes", "Irrigation"),
        icon="irrigation",
        factory="hydrodesk.ui.panes.irrigation:IrrigationPane",
    ),
    PaneSpec(
        name="telemetry",
        title=QT_TRANSLATE_NOOP("Panes", "Telemetry"),
        icon="telemetry",
        factory="hydrodesk.ui.panes.telemetry:TelemetryPane",
    ),
    PaneSpec(
        name="phyto",
        title=QT_TRANSLATE_NOOP("Panes", "Scouting"),
        icon="phyto",
        factory="hydrodesk.ui.panes.phyto:PhytoPane",
    ),
    PaneSpec(
        name="weather",
        title=QT_TRANSLATE_NOOP("Panes", "Weather and plant"),
        icon="weather",
        factory="hydrodesk.ui.panes.weather:WeatherPane",
    ),
    PaneSpec(
        name="map",
        title=QT_TRANSLATE_NOOP("Panes", "Map"),
        icon="map",
        factory="hydrodesk.ui.panes.map:MapPane",
    ),
    PaneSpec(
        name="timeline",
        title=QT_TRANSLATE_NOOP("Panes", "Sector timeline"),
        icon="timeline",
        factory="hydrodesk.ui.panes.timeline:TimelinePane",
    ),
    PaneSpec(
        name="forms",
        title=QT_TRANSLATE_NOOP("Panes", "Forms"),
        icon="forms",
        factory="hydrodesk.ui.panes.forms:FormsPane",
    ),
    PaneSpec(
        name="outbox",
        title=QT_TRANSLATE_NOOP("Panes", "Outbox"),
        icon="outbox",
        factory="hydrodesk.ui.panes.outbox:OutboxPane",
    ),
)


def pane_names() -> list[str]:
    return [spec.name for spec in PANES]


def find_pane(name: str) -> PaneSpec | None:
    return next((spec for spec in PANES if spec.name == name), None)
