"""Alarms that never sleep: the session's alarm service, its journal view, the Alarms dialog and the rules editor."""
