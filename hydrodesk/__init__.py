"""HydroDesk: a desktop operations console for farm offices on the Hydrobit platform."""

__version__ = "0.1.0"
