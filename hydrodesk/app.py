"""The composition root: read the command line, choose the session source, and hand over to the Qt UI.

Kept free of Qt imports itself (only hydrodesk.ui imports Qt), and light: everything the first paint does not
need (the API client, httpx, pydantic, the simulator launcher, numpy, pyqtgraph) is imported later, on use. Even
the launcher's own modules are imported inside main(), after automatic garbage collection is off (see there).
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from hydrodesk.ui.launch import LaunchOptions, SessionSource


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from hydrodesk import __version__
    from hydrodesk.ui.launch import LANGUAGES, THEMES
    from hydrodesk.ui.panes import pane_names

    parser = argparse.ArgumentParser(
        prog="hydrodesk", description="HydroDesk: the farm office console for the Hydrobit platform."
    )
    parser.add_argument("--version", action="version", version=f"HydroDesk {__version__}")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--demo", action="store_true", help="run the built-in Hydrobit simulator and sign in to its demo farm"
    )
    source.add_argument("--profile", metavar="NAME", help="sign in with this saved account profile")
    parser.add_argument("--pane", metavar="NAME", help=f"open this pane first ({', '.join(pane_names())})")
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the interface (default: the system's)")
    parser.add_argument(
        "--theme", choices=THEMES, help="light, dark, follow the system, or outdoor (high contrast, for sunlight)"
    )
    parser.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="save a PNG of the main window once its data has loaded"
    )
    parser.add_argument(
        "--quit-after",
        type=_positive_seconds,
        metavar="SECONDS",
        help="quit (exit code 0) after this many seconds; with --screenshot, as soon as the picture is saved",
    )
    parser.add_argument("--log-level", default="WARNING", help=argparse.SUPPRESS)
    return parser


def _positive_seconds(text: str) -> float:
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("the number of seconds must be greater than 0")
    return value


def parse_options(argv: Sequence[str] | None = None) -> tuple[LaunchOptions, argparse.Namespace]:
    from hydrodesk.ui.launch import LaunchOptions
    from hydrodesk.ui.panes import pane_names

    parser = build_parser()
    args = parser.parse_args(argv)
    if args.pane is not None and args.pane not in pane_names():
        parser.error(f"there is no pane called {args.pane!r}; the panes are: {', '.join(pane_names())}")
    options = LaunchOptions(
        language=args.lang or "",
        demo=args.demo,
        pane=args.pane,
        screenshot=args.screenshot.resolve() if args.screenshot else None,
        quit_after=args.quit_after,
        profile=args.profile,
        theme=args.theme,
    )
    return options, args


def main(argv: Sequence[str] | None = None) -> int:
    # Start-up makes objects that live as long as the window (modules, classes, Qt's enums, the widgets), and the
    # automatic collector would walk them over and over as they are made: some 55 collections, 5-7 ms, before the
    # first paint, finding next to nothing. It stays off; the GUI-thread collector (hydrodesk.ui.gc_guard) takes
    # over when the window is shown and collects on its own timer from then on.
    gc.disable()
    options, args = parse_options(sys.argv[1:] if argv is None else argv)
    from hydrodesk.app_paths import AppPaths
    from hydrodesk.diagnostics.logfile import configure_logging

    paths = AppPaths.for_user()
    # First of all: every later line (the app's, httpx's, paho's) goes to the log file, redacted.
    configure_logging(paths.log_dir, args.log_level)

    from hydrodesk.ui.window_libraries import check_window_libraries

    # Before the first Qt import: a missing X11 library would make Qt abort with a message that names neither the
    # library nor the package to install.
    missing = check_window_libraries()
    if missing is not None:
        sys.stderr.write(missing + "\n")
        return 1

    from hydrodesk.ui.feature_scan import skip_pyside_feature_scan

    skip_pyside_feature_scan()  # before the UI's imports: each would have its source read once more
    from hydrodesk.ui.runtime import run

    def make_demo() -> SessionSource:
        # Here, not in the UI: only this composition root may reach the simulator (the import contracts).
        from hydrodesk.demo import DemoFarm

        return DemoFarm(paths.demo_farm_dir)

    # --demo opens the demo farm at once; otherwise the signed-out page can still open it ("Explore the demo farm").
    return run(options, paths=paths, demo=make_demo() if options.demo else None, make_demo=make_demo)


if __name__ == "__main__":
    raise SystemExit(main())
