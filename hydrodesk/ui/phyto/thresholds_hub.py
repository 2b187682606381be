"""One place that says "the company's action thresholds changed", so every view that colours by verdict follows.

The scouting pane saves a company's thresholds (hydrodesk.store.phyto) and then calls `hub.publish(...)`; the
heatmap, the trend and, later, the sector map and timeline connect to `hub.changed` and recolour at once. The hub is
a child of the application object (`thresholds_hub()`), so panes built at different times find the same one
without being handed it, and it goes when the application goes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

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
