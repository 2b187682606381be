"""The Settings dialog's pages (the dialog itself arrives with the `trust` branch; this file merges with its own)."""
