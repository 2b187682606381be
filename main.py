"""Launch HydroDesk: `python main.py --demo` runs it against the built-in demo farm.

A frozen build has no `python -m`, so the demo starts its simulator as `HydroDesk --simulator serve ...` and the
simulator its MQTT broker as `HydroDesk --broker ...` (hydrodesk.sim.launcher, hydrodesk.sim.broker_process).
"""

import os
import sys

if __name__ == "__main__":
    # A windowed frozen app on Windows has no console: sys.stdout and sys.stderr are None there, and a write to
    # them (a message before quitting, a log line) would raise instead of being dropped.
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (open for the process' life)
    if len(sys.argv) > 1 and sys.argv[1] == "--simulator":
        from hydrodesk.sim.cli import main as simulator_main

        raise SystemExit(simulator_main(sys.argv[2:]))
    if len(sys.argv) > 1 and sys.argv[1] == "--broker":
        from hydrodesk.sim.broker_cli import main as broker_main

        raise SystemExit(broker_main(sys.argv[2:]))
    from hydrodesk.app import main

    raise SystemExit(main())
