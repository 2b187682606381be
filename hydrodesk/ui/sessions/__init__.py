"""The sessions pane's parts: board rows, the table model and its badges, the day bar, the day summary, dialogs."""
