"""Before Qt starts on a Linux desktop: are the system libraries its X11 (xcb) window plugin needs installed?

Qt's wheels bring Qt itself but not the X11 client libraries. When one is missing, Qt aborts with "Could not load
the Qt platform plugin "xcb"", which names neither the library nor the package. HydroDesk looks first (loading each
library the plugin links, which Qt would load anyway a moment later) and says in plain words what to install.
Windows and macOS need nothing: their window systems are part of the operating system.

No Qt imports here: this runs before the first one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

# Every system library Qt's xcb platform plugin (libqxcb.so, via libQt6XcbQpa) links beyond Qt and the C runtime,
# with the Debian/Ubuntu package that ships it (checked with `ldd` on PySide6 6.11's plugin, Debian 12).
WINDOW_LIBRARIES: Mapping[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


@dataclass(frozen=True)
class MissingLibrary:
    soname: str
    package: str


def _library_dirs() -> list[Path]:
    """Where the dynamic linker finds system libraries on common Linux layouts (Debian's multiarch first)."""
    arch = getattr(sys.implementation, "_multiarch", "") or ""
    extra = [Path(part) for part in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep) if part]
    roots = [Path("/usr/lib"), Path("/lib"), Path("/usr/lib64"), Path("/lib64"), Path("/usr/local/lib")]
    return extra + [root / arch for root in roots if arch] + roots


def _loads(soname: str) -> bool:
    """Can this library be loaded? A file in a usual folder is enough (a stat, so starting stays fast); otherwise
    ask the dynamic linker itself, which knows every folder it is configured with."""
    if any((folder / soname).exists() for folder in _library_dirs()):
        return True
    import ctypes  # only now: most starts never need it

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Will Qt open its windows through X11 here? (Linux with a display, and no other platform asked for.)"""
    if not platform.startswith("linux"):
        return False
    wanted = environ.get("QT_QPA_PLATFORM", "")
    if wanted and not wanted.startswith("xcb"):
        return False  # offscreen, wayland, vnc, ...: the xcb plugin is not involved
    if not wanted and environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return False  # a Wayland session: Qt tries its Wayland plugin first, which needs none of these
    return bool(environ.get("DISPLAY"))


def missing_window_libraries(
    libraries: Mapping[str, str] = WINDOW_LIBRARIES, loads: Callable[[str], bool] = _loads
) -> list[MissingLibrary]:
    """The window libraries this computer cannot load, in the order listed."""
    return [MissingLibrary(soname, package) for soname, package in libraries.items() if not loads(soname)]


def missing_libraries_message(missing: list[MissingLibrary]) -> str:
    """What to tell the person starting HydroDesk, in plain words with the command that fixes it.

    English only: it is printed before Qt, and with it the translations, can start."""
    names = ", ".join(library.soname for library in missing)
    packages = " ".join(dict.fromkeys(library.package for library in missing))
    return (
        f"HydroDesk cannot open its window: this computer lacks system libraries that Qt needs to draw windows on "
        f"the X11 desktop ({names}).\n"
        f"On Debian or Ubuntu, install them with:\n\n"
        f"    sudo apt-get install {packages}\n\n"
        f"then start HydroDesk again. (On a machine without a display, run it with QT_QPA_PLATFORM=offscreen.)"
    )


def check_window_libraries(environ: Mapping[str, str] | None = None) -> str | None:
    """The message to show when Qt could not open a window here, or None when all is in place."""
    if not uses_xcb(os.environ if environ is None else environ):
        return None
    missing = missing_window_libraries()
    return missing_libraries_message(missing) if missing else None
