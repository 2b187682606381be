"""Charts (pyqtgraph): live telemetry, and time series stacked on one farm-clock axis with per-pixel decimation
(stacked_time_chart, decimated_curve, time_axis: the weather pane's, for the sector timeline to reuse). Importing
this package's modules imports pyqtgraph: do it only when a chart is shown."""
