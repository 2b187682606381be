"""What the user is told about the local cache file itself: it was damaged and replaced, or the disk is full.

The store does the work (hydrodesk.store.damage, hydrodesk.store.sqlite_errors); this module only says what
happened in plain words and what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from hydrodesk.store.damage import DamageReport
from hydrodesk.store.sqlite_errors import DiskFull, is_disk_full


def damage_title() -> str:
    return QCoreApplication.translate("CacheFileText", "The local copy of the farm was damaged")


def damage_message(report: DamageReport) -> str:
    """Plain sentences: what happened, what was kept, what may be missing, where the damaged file is."""
    translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls
    lines = [
        translate(
            "CacheFileText",
            "HydroDesk found the file that keeps this computer's copy of the farm damaged, so it started a new "
            "one. The farm's data is downloaded again from the server at the next sync.",
        ),
        translate("CacheFileText", "Changes waiting to be sent that were kept: {count}.").format(
            count=report.kept_pending
        ),
    ]
    if report.unreadable:
        lines.append(
            translate(
                "CacheFileText",
                "Changes that could not be read: {count}. Check the Outbox and enter again anything that is missing.",
            ).format(count=report.unreadable)
        )
    if report.journal_lost:
        lines.append(
            translate(
                "CacheFileText",
                "Its journal was damaged too: changes saved in the last moments before HydroDesk stopped may be "
                "missing. Check the Outbox and enter again anything that is missing.",
            )
        )
    lines.append(
        translate("CacheFileText", "The damaged file was kept for your support contact at:\n{path}").format(
            path=report.set_aside
        )
    )
    return "\n\n".join(lines)


def show_damage_notice(parent: QWidget, report: DamageReport) -> QMessageBox:
    """A window-modal notice, shown once: the store reports damage only at the open that replaced the file."""
    box = QMessageBox(parent)
    box.setObjectName("CacheDamageNotice")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(damage_title())
    box.setText(damage_title())
    box.setInformativeText(damage_message(report))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the path can be copied
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def disk_full_entry_text(name: str) -> str:
    """A tally entry the disk had no room for: it was not saved, and nothing saved before was touched."""
    return QCoreApplication.translate(
        "CacheFileText",
        "The disk is full: the entry for {name} was not saved. Free some space on this computer's disk, then "
        "enter it again; everything saved before is kept.",
    ).format(name=name)


def disk_full_change_text() -> str:
    """A change the disk had no room for (a session, a worker, a form, an outbox choice): it was not saved, and
    nothing saved before was touched."""
    return QCoreApplication.translate(
        "CacheFileText",
        "The disk is full: this change was not saved. Free some space on this computer's disk, then try again; "
        "everything saved before is kept.",
    )


def is_disk_full_error(error: BaseException) -> bool:
    """Was `error` a write refused for want of room? The outbox says so with DiskFull; other writes (outbox choices,
    settings kept in the cache) raise SQLite's own error, whose English text the user must not see."""
    return isinstance(error, DiskFull) or is_disk_full(error)
