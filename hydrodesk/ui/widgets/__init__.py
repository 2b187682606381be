"""Reusable widgets shared by the panes."""
