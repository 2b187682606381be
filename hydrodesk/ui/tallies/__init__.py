"""The Tallies pane's parts: the entry row, the worker finder, the per-worker and entry tables, the void dialog."""
