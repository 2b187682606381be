"""What keys do, read from the live bindings: the lines of the F1 shortcut sheet (hydrodesk.ui.shortcut_sheet)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget


@dataclass(frozen=True)
class KeyHelp:
    """One line of the F1 shortcut sheet."""

    keys: str  # as the user reads them on this system ("Ctrl+N")
    text: str  # what they do, translated


def key_text(keys: QKeySequence) -> str:
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


# A tool tip's trailing "(Ctrl+Shift+P)", "(Ctrl+Mayús+P)" or "(F5)": the keys, which the sheet shows apart.
_KEYS_IN_BRACKETS = re.compile(r"\s*\((?:[^()]*\+[^()]*|F\d{1,2}|Space|Espacio|Delete|Supr)\)$")


def _plain(text: str) -> str:
    """A menu text or tool tip as a sentence: no mnemonic "&", no "(Ctrl+N)" at its end, no trailing "…"."""
    text = re.sub(r"&(.)", r"\1", text).strip()
    return _KEYS_IN_BRACKETS.sub("", text).rstrip(" .…")


def bound_keys(owner: QWidget) -> list[KeyHelp]:
    """The keys `owner` and its children answer to, read from the live QShortcuts, QActions and buttons, so a
    description cannot drift from its binding: a shortcut says what its whatsThis says; an action or a button its
    whatsThis, else its tool tip, else its text."""
    found: list[tuple[QKeySequence, str]] = []
    for shortcut in owner.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            found.append((shortcut.key(), shortcut.whatsThis()))
    actions = {id(action): action for action in [*owner.actions(), *owner.findChildren(QAction)]}
    for action in actions.values():
        keys = action.shortcut()
        if not keys.isEmpty() and action.shortcutContext() is not Qt.ShortcutContext.WidgetShortcut:
            found.append((keys, action.whatsThis() or _plain(action.toolTip() or action.text())))
    for button in owner.findChildren(QAbstractButton):
        keys = button.shortcut()
        if not keys.isEmpty():
            found.append((keys, button.whatsThis() or _plain(button.toolTip() or button.text())))
    seen: set[str] = set()
    lines = []
    for keys, text in found:
        shown = key_text(keys)
        if shown not in seen:
            seen.add(shown)
            lines.append(KeyHelp(shown, text))
    return lines
