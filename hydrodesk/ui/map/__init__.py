"""The sector map: sectors drawn from their GeoJSON boundaries with Qt's graphics view, offline, no web engine."""
