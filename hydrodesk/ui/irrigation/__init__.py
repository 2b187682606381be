"""The irrigation pane's parts: valve commands and their lifecycle, alarms, the confirmation dialog, models."""
