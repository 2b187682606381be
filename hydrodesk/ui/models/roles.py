"""Item-data roles shared by HydroDesk's models and views."""

from __future__ import annotations

from PySide6.QtCore import Qt

# The raw value a column sorts by (a number for numeric columns), where the display text would sort wrongly.
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 100
# The id of the object a row shows (sectorId, workerId, ...).
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 101
