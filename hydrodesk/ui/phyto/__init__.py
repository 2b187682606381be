"""The phytosanitary scouting pane's parts: heatmap, trend chart, records, thresholds and the printed report."""
