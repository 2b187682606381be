"""The sector timeline's pieces: the stacked lanes (pyqtgraph), the hover readout and the exports.

Importing `lanes` imports pyqtgraph: the timeline pane does it only when it is first shown.
"""
