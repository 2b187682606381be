"""The signed-in session's live telemetry, as the panes see it: one TelemetryHub behind a Qt face."""
