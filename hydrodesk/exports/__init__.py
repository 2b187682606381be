"""Writing what the office exports (tables as CSV and XLSX, reports): Qt-free, so any layer and bench can use it."""
