"""What the window says when it shows the farm from this computer's cache because the server did not answer."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from hydrodesk.ui import formats


def cached_farm_banner(error: Exception, server_url: str, saved_at: datetime | None, zone: str | None) -> str:
    """One paragraph: the saved farm and from when (at the farm's clock, `zone`), why the server's is not shown,
    and that work goes on."""
    from hydrodesk.api.errors import ApiError
    from hydrodesk.ui.error_text import describe_error

    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
    if saved_at is None:
        first = translate("OfflineText", "Showing the farm as saved on this computer.")
    else:
        first = translate("OfflineText", "Showing the farm as saved on this computer at {time}.").format(
            time=formats.zoned_text(saved_at, zone)
        )
    why = ""
    if isinstance(error, ApiError):
        text = describe_error(error, server_url)
        why = f" {text.title}."
    rest = translate(
        "OfflineText",
        "You can keep working: changes are saved here and sent when the connection returns.",
    )
    return f"{first}{why} {rest}"
