"""The running HydroDesk's version: one place that every caller (About, crash reports, update checks) asks."""

from __future__ import annotations

from functools import cache


@cache
def running_version() -> str:
    """The installed distribution's version (wheel, editable or frozen metadata), else the package's own."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hydrodesk")
    except PackageNotFoundError:  # a bare source tree on sys.path, or a frozen app without its metadata
        from hydrodesk import __version__

        return __version__
