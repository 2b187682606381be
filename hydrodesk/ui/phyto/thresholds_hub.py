"""One place that says "the company's action thresholds changed", so every view that colours by verdict follows.

The scouting pane saves a company's thresholds (hydrodesk.store.phyto) and then calls `hub.publish(...)`; the
heatmap and the trend connect to `hub.changed`, the sector map and the timeline through a FollowedBook, and all
recolour at once. The hub is a child of the application object (`thresholds_hub()`), so panes built at different
times find the same one without being handed it, and it goes when the application goes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from shiboken6 import isValid

from hydrodesk.domain.phyto_verdicts import ThresholdBook

_HUB_NAME = "hydrodeskPhytoThresholds"


class ThresholdsHub(QObject):
    changed = Signal(str, object)  # company id, ThresholdBook

    def publish(self, company_id: str, book: ThresholdBook) -> None:
        self.changed.emit(company_id, book)


def thresholds_hub() -> ThresholdsHub:
    app = QCoreApplication.instance()
    found = app.findChild(ThresholdsHub, _HUB_NAME) if app is not None else None
    if found is None:
        found = ThresholdsHub(app)
        found.setObjectName(_HUB_NAME)
    return found


class FollowedBook(QObject):
    """The action thresholds of the company a view shows, kept current for the views that colour by verdict (the
    sector map, the timeline): read from the office's store when the company changes, replaced at once when the
    scouting pane publishes new ones. `changed` says "colour again"."""

    changed = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.company_id: str | None = None
        self.book = ThresholdBook()
        thresholds_hub().changed.connect(self._on_published)

    async def follow(self, office: Any, company_id: str | None) -> None:
        """Use `company_id`'s stored thresholds (the defaults when it has none or is unknown)."""
        if company_id == self.company_id:
            return
        from hydrodesk.store import phyto as phyto_store

        book = await office.store.read(phyto_store.load_thresholds, company_id) if company_id else ThresholdBook()
        if not isValid(self):
            return
        self.company_id = company_id
        if book != self.book:
            self.book = book
            self.changed.emit()

    def _on_published(self, company_id: str, book: ThresholdBook) -> None:
        if isValid(self) and company_id == self.company_id and book != self.book:
            self.book = book
            self.changed.emit()
