"""Chaos soak: an office kill -9ed at random moments, replies lost after the server committed, a server that dies.

Seeds a simulator folder of its own, then runs `--cycles` lives of an office (tests/chaos_office.py) on one cache
through a fault proxy, kill -9ing the office every cycle and now and then the simulator (tests/chaos_soak.py says
how); at the end it drains cleanly and counts what the server holds against what the office confirmed to its user.

Prints ONE JSON line: {"cycles", "kills", "sim_restarts", "replies_dropped", "faults" (by kind), "kill_moments"
(what each kill waited for), "confirmed", "on_server", "lost", "lost_by_kind", "doubled", "unexpected",
"needs_attention", "seconds", "seed", "problems"}. Target: 0 lost, 0 doubled. At most 3,500 cycles a run.
A run replays its random choices with `--seed` (the machine's timing still varies).

    python bench/chaos.py [--cycles 1000] [--seed N]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the harness lives beside the tests

from hydrodesk.sim.launcher import run_cli
from tests.chaos_soak import SoakResult, run_soak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cycles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=None, help="replay a run (default: a random seed, printed)")
    parser.add_argument("--pause", type=float, default=0.02, help="longest pause between two changes, seconds")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else random.randrange(2**31)
    print(f"chaos soak: seed {seed}, {arguments.cycles} cycles", file=sys.stderr)

    def progress(result: SoakResult) -> None:
        if result.cycles % 50 == 0:
            print(f"  {result.cycles} cycles, {result.sim_restarts} simulator restarts", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="hydrodesk-chaos-") as folder:
        data, work = Path(folder) / "sim", Path(folder) / "office"
        work.mkdir()
        run_cli("seed", "--data", str(data), timeout=300)
        result = asyncio.run(run_soak(data, work, cycles=arguments.cycles, seed=seed, pause=arguments.pause,
                                      progress=progress))  # fmt: skip
    print(result.line())
    if result.lost or result.doubled or result.unexpected:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
