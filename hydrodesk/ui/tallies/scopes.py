"""The Tallies pane's settings that more than one of its parts reads."""

from __future__ import annotations

SESSION, DAY, SEASON = "session", "day", "season"  # what the per-worker table adds up
DEFAULT_SEASON_DAYS = 120
RELOAD_DELAY_MS = 300  # after the sync engine reports progress: one reload for a burst of reports
MAX_DUPLICATE_WINDOW_S = 600
