"""The only package that imports Qt (PySide6), pyqtgraph or qasync."""
