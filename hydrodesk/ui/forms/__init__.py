"""The forms pane's parts: field editors, the form being filled in, the history of submissions."""
