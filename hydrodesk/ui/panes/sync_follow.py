"""A pane hears the sync engine of the office it shows, and only that one, and only while it exists.

The engine runs for the whole session (it outlives any pane) and changes when the user signs in elsewhere: a pane
that subscribed by hand had to unsubscribe on both events, and check that it still exists before touching itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from hydrodesk.sync.office import Office
    from hydrodesk.sync.status import SyncStatus


class EngineFollower:
    """Calls `listener` with each sync status of the followed office's engine while `widget` is alive."""

    def __init__(self, widget: QWidget, listener: Callable[[SyncStatus], None]) -> None:
        self._widget = widget
        self._listener = listener
        self._office: Office | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        # The slot must not need the widget: it runs while the widget is being destroyed.
        widget.destroyed.connect(self._stop_hearing(self._unsubscribe))

    @property
    def office(self) -> Office | None:
        return self._office

    def follow(self, office: Office | None) -> bool:
        """Hear `office`'s engine from now on (none: hear nothing); True when that is a change."""
        if office is self._office:
            return False
        self._stop_hearing(self._unsubscribe)()
        self._office = office
        if office is not None:
            self._unsubscribe.append(office.engine.subscribe(self._on_status))
        return True

    def _on_status(self, status: SyncStatus) -> None:
        if isValid(self._widget):  # the engine may call after the widget is gone but before `destroyed` ran
            self._listener(status)

    @staticmethod
    def _stop_hearing(subscription: list[Callable[[], None]]) -> Callable[..., None]:
        def stop(*_: object) -> None:
            while subscription:
                subscription.pop()()

        return stop
