"""The weather and plant pane's parts: series names, the plots they go on, the daily table."""
