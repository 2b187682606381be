"""Soak check for the PySide6 signal-emission crash, to run before any Qt upgrade ships.

PySide6 6.12.0 on CPython 3.11 aborts the process ("bool_dealloc: deallocating True or False") after about 2 million
signal emissions; a live telemetry console reaches that in minutes. This script emits signals carrying bools, ints,
floats and strings in a CHILD process (an abort must not take the harness down) and prints one JSON line:

    {"python", "pyside6", "emissions", "survived", "exit_code", "seconds", "emissions_per_s",
     "baseline_calls_per_s", "ratio_vs_plain_calls"}

`survived` false means this Python/PySide6 pair must not ship. The baseline is the same number of plain Python
callback calls in the same child, so the emission rate is reported as a ratio that survives a noisy machine.

    python bench/soak_signals.py [--emissions 3000000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

CHILD = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QCoreApplication, QObject, Signal
import PySide6

class Source(QObject):
    flag = Signal(bool)
    reading = Signal(str, float, int)

class Sink:
    def __init__(self):
        self.count = 0
    def on_flag(self, value):
        self.count += 1
    def on_reading(self, name, value, index):
        self.count += 1

n = int(sys.argv[1])
app = QCoreApplication([])
source, sink = Source(), Sink()
source.flag.connect(sink.on_flag)
source.reading.connect(sink.on_reading)

start = time.perf_counter()
for i in range(n // 2):
    source.flag.emit(i % 2 == 0)
    source.reading.emit("flow_lpm", 41.2, i)
seconds = time.perf_counter() - start

plain = Sink()
start = time.perf_counter()
for i in range(n // 2):
    plain.on_flag(i % 2 == 0)
    plain.on_reading("flow_lpm", 41.2, i)
baseline = time.perf_counter() - start
print(json.dumps({"pyside6": PySide6.__version__, "count": sink.count, "seconds": seconds, "baseline": baseline}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emissions", type=int, default=3_000_000)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(args.emissions)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    wall = time.perf_counter() - started
    figures: dict[str, object] = {
        "python": sys.version.split()[0],
        "emissions": args.emissions,
        "exit_code": done.returncode,
        "survived": False,
        "seconds": round(wall, 2),
    }
    if done.returncode == 0 and done.stdout.strip():
        child = json.loads(done.stdout.strip().splitlines()[-1])
        figures.update(
            pyside6=child["pyside6"],
            survived=child["count"] == args.emissions // 2 * 2,
            seconds=round(child["seconds"], 2),
            emissions_per_s=round(child["count"] / child["seconds"]),
            baseline_calls_per_s=round(child["count"] / child["baseline"]),
            ratio_vs_plain_calls=round(child["baseline"] / child["seconds"], 3),
        )
    else:
        figures["stderr_tail"] = done.stderr.strip()[-300:]
    print(json.dumps(figures))
    return 0 if figures["survived"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
