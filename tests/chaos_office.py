"""One life of a farm office for the chaos soak: a real store, sync engine and client, no Qt; killed with SIGKILL.

    python -m tests.chaos_office --db DB --url PROXY_URL --token JWT --journal FILE --life N --seed S
    python -m tests.chaos_office --zygote       # forks offices on demand, as the soak runs them (see zygote())

It does what an office does all day — records units, opens sessions (offline first, under a local id), voids
records, adds workers, submits scouting forms — while the engine drains the outbox to the server in the background.
After each change is committed to the outbox (the moment the UI would tell the user "saved") it appends one JSON
line to the journal and fsyncs it, so the harness knows what the user was promised. It runs until killed.

On start it reads back the journal (its earlier lives) to know the sessions it opened and the records it may void.
Names, days and notes carry the life number, so no two lives make the same thing by accident.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import json
import os
import random
import signal
import sys
import traceback
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hydrodesk.api.models import FormRecord, FormValue, NewWorker
from hydrodesk.domain.backoff import Backoff
from hydrodesk.domain.outbox import EntryKind
from hydrodesk.store.store import Store
from hydrodesk.sync.actions import OfficeActions
from hydrodesk.sync.clock import ScaledClock
from hydrodesk.sync.engine import SyncEngine
from tests.sync_support import DEMO_USER, PROJECT, SECTORS, WORKER_ID, WORKER_NAME, make_client

FORM_ID = "form_phyto_001"
# Each life opens sessions on days of its own (FIRST_DAY + life * OPENS_PER_LIFE + n), long before anything the
# seeded farm holds and after the earliest day the server takes (1970): room for MAX_LIVES lives.
OPENS_PER_LIFE = 4
FIRST_DAY = date(1970, 6, 1)
MAX_LIVES = 3500
LAST_DAY = FIRST_DAY + timedelta(days=OPENS_PER_LIFE * MAX_LIVES)
WORKERS_PER_LIFE = 10
PR_SET_PDEATHSIG = 1  # linux/prctl.h
INITIALS = "QXZWKY"  # initials no seeded worker has: 36 pairs x 366 hire days of worker ids of the soak's own


class Journal:
    """Append-only, one JSON line per change the user was told was saved, fsynced before the next change."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def confirm(self, **change: Any) -> None:
        os.write(self._fd, (json.dumps(change) + "\n").encode())
        os.fsync(self._fd)


def read_journal(path: Path) -> list[dict[str, Any]]:
    """The changes confirmed so far; a line torn by a kill was never confirmed (its newline is the promise)."""
    if not path.exists():
        return []
    lines = path.read_bytes().split(b"\n")[:-1]  # what follows the last newline is torn or empty
    return [json.loads(line) for line in lines]


def session_day(life: int, number: int) -> datetime:
    day = FIRST_DAY + timedelta(days=life * OPENS_PER_LIFE + number)
    return datetime.combine(day, time(15, 0), tzinfo=UTC)  # morning in Mexico City: the same local day


class ChaosOffice:
    def __init__(self, actions: OfficeActions, journal: Journal, life: int, rng: random.Random) -> None:
        self.actions = actions
        self.journal = journal
        self.life = life
        self.rng = rng
        self.sessions: list[str] = []
        self.voidable: list[tuple[str, str]] = []  # (session, clientEventId) of records not voided yet
        self.made = 0
        self.hired = 0

    async def recall(self, earlier: list[dict[str, Any]], store: Store) -> None:
        voided = {item.payload["target_event_id"] for item in await store.outbox_items(kinds=[EntryKind.VOID_RECORD])}
        voided |= {change["target"] for change in earlier if change["kind"] == "void"}
        self.sessions = [change["id"] for change in earlier if change["kind"] == "open"]
        self.voidable = [
            (change["session"], change["id"])
            for change in earlier
            if change["kind"] == "record" and change["id"] not in voided
        ]

    async def step(self) -> None:
        if not self.sessions or (self.rng.random() < 0.02 and self.made < OPENS_PER_LIFE):
            await self.open_session()
            return
        roll = self.rng.random()
        if roll < 0.08 and self.voidable:
            await self.void_record()
        elif roll < 0.11:
            await self.create_worker()
        elif roll < 0.14:
            await self.submit_form()
        else:
            await self.record()

    async def open_session(self) -> None:
        sector = self.rng.choice(sorted(SECTORS))
        opened_at = session_day(self.life, self.made)
        self.made += 1
        pending = await self.actions.open_session(PROJECT, sector, SECTORS[sector], opened_at=opened_at)
        self.journal.confirm(kind="open", id=pending.session_id, sector=sector, opened_at=opened_at.isoformat())
        self.sessions.append(pending.session_id)

    async def record(self) -> None:
        session = self.rng.choice(self.sessions)
        item = await self.actions.record_units(session, WORKER_ID, WORKER_NAME, self.rng.randint(1, 5))
        self.journal.confirm(kind="record", id=item.idem_key, session=session)
        self.voidable.append((session, item.idem_key))

    async def void_record(self) -> None:
        session, target = self.voidable.pop(self.rng.randrange(len(self.voidable)))
        item = await self.actions.void_record(session, "chaos: counted by mistake", client_event_id=target)
        self.journal.confirm(kind="void", id=item.idem_key, target=target, session=session)

    async def create_worker(self) -> None:
        """A newcomer whose worker_id (initials + hire month and day) nobody has: the server refuses a taken one."""
        if self.hired >= WORKERS_PER_LIFE:
            return await self.record()
        number = (self.life * WORKERS_PER_LIFE + self.hired) % (len(INITIALS) ** 2 * 366)
        self.hired += 1
        pair, day = divmod(number, 366)
        first, last = INITIALS[pair // len(INITIALS)], INITIALS[pair % len(INITIALS)]
        last_name = f"{last}caos{self.life}x{self.hired}"
        worker = NewWorker(
            first_name=f"{first}soak",
            last_name=last_name,
            position="field_worker",
            employment_type="seasonal",
            hire_date=date(2024, 1, 1) + timedelta(days=day),
        )
        item = await self.actions.create_worker(worker)
        self.journal.confirm(kind="worker", id=item.idem_key, last_name=last_name)

    async def submit_form(self) -> None:
        note = f"chaos-{self.life}-{self.rng.randrange(10**9)}"
        form = FormRecord(
            form_id=FORM_ID,
            type="phytosanitary",
            sector_id="sector_002",
            form_values=[FormValue(name="aphids", value=1, severity=1), FormValue(name="notes", value=note)],
            started_at=datetime.now(UTC),
        )
        item = await self.actions.submit_form(form)
        self.journal.confirm(kind="form", id=item.idem_key, note=note)


async def live(arguments: argparse.Namespace) -> None:
    rng = random.Random(arguments.seed)
    earlier = read_journal(arguments.journal)
    store = await Store.open(arguments.db)
    client = make_client(arguments.url, arguments.token, timeout=arguments.timeout)
    # Backoff pauses a hundredth of their nominal length: an office's hours of retrying in a soak's seconds.
    engine = SyncEngine(
        store,
        client,
        clock=ScaledClock(0.01),
        rng=rng,
        backoff=Backoff(base_s=1.0, cap_s=30.0),
        batch_size=arguments.batch,
        refresh=False,
    )
    actions = OfficeActions(store, DEMO_USER, on_change=engine.notify_changed)
    office = ChaosOffice(actions, Journal(arguments.journal), arguments.life, rng)
    await office.recall(earlier, store)
    engine.start()
    while True:  # until SIGKILL
        await office.step()
        await asyncio.sleep(rng.random() * arguments.pause)


def options() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--journal", type=Path, required=True)
    parser.add_argument("--life", type=int, required=True)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--errors", type=Path, help="where the office writes its stderr")
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--pause", type=float, default=0.02, help="longest pause between two changes, seconds")
    parser.add_argument("--timeout", type=float, default=2.0, help="the client's request timeout, seconds")
    return parser


def zygote() -> None:
    """Fork offices on demand from a process that has imported everything already (two seconds on a busy machine
    that a soak would otherwise spend on every life). Nothing is open here when it forks: each office opens its own
    database and event loop. One command per stdin line, one answer per stdout line:

        spawn ARGS-AS-JSON-LIST -> pid N        kill N -> killed N STATUS        poll N -> alive N | exited N STATUS
    """
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command == "spawn":
            arguments = options().parse_args(json.loads(rest))
            pid = os.fork()
            if pid == 0:
                _office_child(arguments)
            answer = f"pid {pid}"
        elif command == "kill":
            pid = int(rest)
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            answer = f"killed {pid} {status}"
        else:
            pid = int(rest)
            done, status = os.waitpid(pid, os.WNOHANG)
            answer = f"alive {pid}" if done == 0 else f"exited {pid} {status}"
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()


def _office_child(arguments: argparse.Namespace) -> None:
    if sys.platform == "linux":  # an office outliving its zygote (the harness was killed) dies with it
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)  # the zygote's stdout is its answers to the harness
    if arguments.errors is not None:
        os.dup2(os.open(arguments.errors, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
    try:
        asyncio.run(live(arguments))
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    os._exit(3)  # an office never ends by itself: the harness reports this


if __name__ == "__main__":
    if sys.argv[1:] == ["--zygote"]:
        zygote()
    else:
        asyncio.run(live(options().parse_args()))
