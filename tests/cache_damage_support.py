"""Damaging a real cache file the way disks and copies do, for the cache-damage tests."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import struct
from pathlib import Path


def outbox_leaf_pages(path: Path) -> list[int]:
    """The outbox's leaf pages, read from its root (an interior table page once the outbox spans several pages)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'outbox'").fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = path.read_bytes()[(root - 1) * page_size : root * page_size]
    assert page[0] == 0x05, "the outbox should span several pages"
    cells = struct.unpack(">H", page[3:5])[0]
    offsets = [struct.unpack(">H", page[12 + 2 * i : 14 + 2 * i])[0] for i in range(cells)]
    children = [struct.unpack(">I", page[offset : offset + 4])[0] for offset in offsets]
    return [*children, struct.unpack(">I", page[8:12])[0]]  # and the right-most child


def overwrite_middle_outbox_page(path: Path, seed: int) -> None:
    """Garbage (seeded, so a failure replays) over one outbox page in the middle, as a failing disk leaves it."""
    leaves = outbox_leaf_pages(path)
    with path.open("r+b") as handle:
        handle.seek((leaves[len(leaves) // 2] - 1) * 4096)
        handle.write(random.Random(seed).randbytes(4096))
