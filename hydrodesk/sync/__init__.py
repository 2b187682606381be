"""Outbox push, cache refresh and connectivity state."""
