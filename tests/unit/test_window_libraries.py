"""Before Qt starts on Linux: the X11 libraries its window plugin needs, and a plain message when one is missing."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from pathlib import Path

from hydrodesk.ui.window_libraries import (
    WINDOW_LIBRARIES,
    MissingLibrary,
    check_window_libraries,
    missing_libraries_message,
    missing_window_libraries,
    uses_xcb,
)


def test_only_a_linux_desktop_drawn_through_x11_is_checked() -> None:
    assert uses_xcb({"DISPLAY": ":0"}, "linux")
    assert uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")  # the tests, CI
    assert not uses_xcb({}, "linux")  # no display at all: Qt says that itself
    assert not uses_xcb({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not uses_xcb({"DISPLAY": ":0"}, "win32")  # Windows and macOS need nothing installed
    assert not uses_xcb({"DISPLAY": ":0"}, "darwin")


def test_on_this_machine_every_window_library_loads() -> None:
    assert missing_window_libraries() == []
    assert check_window_libraries({"DISPLAY": ":0"}) is None


def test_a_library_this_computer_lacks_is_named_with_its_package() -> None:
    libraries = {"libxcb.so.1": "libxcb1", "libhydrodesk-absent.so.7": "hydrodesk-absent7"}
    missing = missing_window_libraries(libraries)  # the real loader: the first loads, the made-up one cannot
    assert missing == [MissingLibrary("libhydrodesk-absent.so.7", "hydrodesk-absent7")]
    message = missing_libraries_message([*missing, MissingLibrary("libxcb-cursor.so.0", "libxcb-cursor0")])
    assert "(libhydrodesk-absent.so.7, libxcb-cursor.so.0)" in message
    assert "sudo apt-get install hydrodesk-absent7 libxcb-cursor0\n" in message
    assert "Could not load the Qt platform plugin" not in message


def test_the_list_covers_every_x11_library_the_installed_qt_plugin_links() -> None:
    """If a Qt upgrade makes its xcb plugin link another X11 library, the list (and the README) must learn it."""
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None
    assert spec.origin is not None
    plugin = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    linked = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    x11 = set(re.findall(r"^\s*((?:libxcb|libX11|libxkbcommon)[\w.-]*\.so\.\d+)", linked, re.MULTILINE))
    assert x11, linked
    assert x11 <= set(WINDOW_LIBRARIES)
    assert "not found" not in linked


def test_the_readme_lists_every_package_a_window_needs() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^sudo apt-get install -y (.+)$", readme, re.MULTILINE)[0].split())
    assert set(WINDOW_LIBRARIES.values()) <= listed
