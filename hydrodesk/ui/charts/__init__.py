"""Live telemetry charts (pyqtgraph). Importing this package imports pyqtgraph: do it only when a chart is shown."""
