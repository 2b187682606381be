"""What the window says when this computer's copy of the farm (the account's local cache and outbox) would not open
at sign-in, and the way forward it offers: close the other window and try again, update HydroDesk, free some disk.

Nothing is deleted or rebuilt here: a cache that will not open may hold changes the server has not received yet.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hydrodesk.store.lock import StoreInUse
from hydrodesk.store.migrate import CacheTooNew
from hydrodesk.store.sqlite_errors import DiskFull, is_disk_full

if TYPE_CHECKING:
    from hydrodesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_CONTEXT = "CacheRefused"


def show_cache_refused(window: MainWindow, error: Exception) -> None:
    """A state page in `window` with what happened, what to do, and a button that does it."""
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
    try_again = translate("CacheRefused", "Try again")
    if isinstance(error, StoreInUse):
        log.warning("the local cache is open in another HydroDesk window: %s", error)
        window.show_state(
            title=translate("CacheRefused", "HydroDesk is already open for this account"),
            message=translate(
                "CacheRefused",
                "Another HydroDesk window is using this account's copy of the farm on this computer, and two "
                "windows would send the same changes twice. Switch to that window, or close it and press Try again.",
            ),
            icon="signed-out",
            action=try_again,
            action_id="reconnect",
            detail=str(error.path),
        )
    elif isinstance(error, CacheTooNew):
        log.warning("the local cache was written by a newer HydroDesk: %s", error)
        window.show_state(
            title=translate("CacheRefused", "This computer's copy of the farm is from a newer HydroDesk"),
            message=translate(
                "CacheRefused",
                "A newer version of HydroDesk saved it, and this version must not change it: it may hold changes "
                "the server has not received yet. Install the newer version, then start HydroDesk again.",
            ),
            icon="error",
            tone="error",
            action=translate("CacheRefused", "Check for updates…"),
            action_id="check-updates",
            detail=str(error.path),
        )
    elif isinstance(error, DiskFull) or is_disk_full(error):
        log.warning("the local cache could not be opened: the disk is full (%s)", error)
        window.show_state(
            title=translate("CacheRefused", "The disk is full"),
            message=translate(
                "CacheRefused",
                "There is no room on this computer's disk to open the copy of the farm. Free some space, then press "
                "Try again; nothing saved before is lost.",
            ),
            icon="error",
            tone="error",
            action=try_again,
            action_id="reconnect",
        )
    else:
        log.exception("the local cache could not be opened", exc_info=error)
        window.show_state(
            title=translate("CacheRefused", "This computer's copy of the farm could not be opened"),
            message=translate(
                "CacheRefused",
                "Press Try again. If it keeps happening, send the text below to your support contact; the changes "
                "waiting in it are not deleted.",
            ),
            icon="error",
            tone="error",
            action=try_again,
            action_id="reconnect",
            detail="\n".join(f"{type(error).__name__}: {error}".strip().splitlines()[-8:]),
        )
