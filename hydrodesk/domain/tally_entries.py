"""The entry list of a session: each movement once, newest first, with what a supervisor needs to judge it.

Pure Python, no I/O. A delivery is *voided* once a void (confirmed or on its way) cancels it; it stays in the list,
struck through, because the ledger is append-only. A delivery is a *suspected duplicate* when the same worker had
another delivery, not voided, at most `window_s` seconds before it: a badge scanned twice, an Enter pressed twice.
The first of such a run is the real one; the later ones are flagged, and the supervisor decides (void them with a
reason, or leave them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from hydrodesk.domain.tallies import LedgerLine, LineStatus
from hydrodesk.domain.timestamps import parse_utc_text

DEFAULT_DUPLICATE_WINDOW_S = 10


@dataclass(frozen=True)
class EntryView:
    line: LedgerLine
    voided: bool = False
    duplicate: bool = False  # a suspected duplicate of the same worker's previous delivery

    @property
    def key(self) -> str:
        return line_key(self.line)

    @property
    def voidable(self) -> bool:
        """A delivery that can still be voided (voids and stopped entries cannot; the outbox view handles those)."""
        return not self.line.is_void and not self.voided and self.line.status is not LineStatus.ATTENTION


def line_key(line: LedgerLine) -> str:
    """A stable name for a line across reloads: its identity, else its server or outbox id."""
    if line.identity is not None:
        return line.identity
    if line.record_id is not None:
        return f"record:{line.record_id}"
    return f"entry:{line.entry_id}"


def voided_targets(lines: Iterable[LedgerLine]) -> tuple[set[str], set[str]]:
    """(record ids, clientEventIds) that a void in `lines` cancels; a void stopped in the outbox cancels nothing."""
    record_ids: set[str] = set()
    events: set[str] = set()
    for line in lines:
        if line.status is LineStatus.ATTENTION:
            continue
        if line.void_of is not None:
            record_ids.add(line.void_of)
        if line.void_of_event is not None:
            events.add(line.void_of_event)
    return record_ids, events


def is_voided(line: LedgerLine, targets: tuple[set[str], set[str]]) -> bool:
    record_ids, events = targets
    return (line.record_id is not None and line.record_id in record_ids) or (
        line.client_event_id is not None and line.client_event_id in events
    )


def entry_views(lines: Sequence[LedgerLine], window_s: float = DEFAULT_DUPLICATE_WINDOW_S) -> list[EntryView]:
    """Every line with its flags, newest first (lines without a time last, in ledger order)."""
    targets = voided_targets(lines)
    voided = [is_voided(line, targets) for line in lines]
    flagged = suspected_duplicates(lines, window_s, voided=voided)
    views = [EntryView(line=line, voided=voided[index], duplicate=index in flagged) for index, line in enumerate(lines)]
    timed = sorted(
        (view for view in views if view.line.recorded_at), key=lambda v: v.line.recorded_at or "", reverse=True
    )
    return timed + [view for view in views if not view.line.recorded_at]


def suspected_duplicates(
    lines: Sequence[LedgerLine], window_s: float = DEFAULT_DUPLICATE_WINDOW_S, *, voided: Sequence[bool] | None = None
) -> set[int]:
    """Indices of deliveries that follow the same worker's previous live delivery within `window_s` seconds.

    Voids, voided deliveries and entries stopped in the outbox are not deliveries that count, so they neither are
    flagged nor make another one a duplicate. A window of 0 or less flags nothing.
    """
    if window_s <= 0:
        return set()
    if voided is None:
        targets = voided_targets(lines)
        voided = [is_voided(line, targets) for line in lines]
    by_worker: dict[str, list[tuple[datetime, int]]] = {}
    for index, line in enumerate(lines):
        if line.is_void or voided[index] or line.status is LineStatus.ATTENTION or not line.recorded_at:
            continue
        by_worker.setdefault(line.worker_id, []).append((parse_utc_text(line.recorded_at), index))
    flagged: set[int] = set()
    for deliveries in by_worker.values():
        deliveries.sort()
        for (before, _), (at, index) in pairwise(deliveries):
            if (at - before).total_seconds() <= window_s:
                flagged.add(index)
    return flagged


def is_suspected_duplicate(
    new: LedgerLine, earlier: Sequence[LedgerLine], window_s: float = DEFAULT_DUPLICATE_WINDOW_S
) -> bool:
    """Whether a delivery just made follows the same worker's last live delivery in `earlier` within `window_s`
    (what `suspected_duplicates` would say of it, without recomputing the whole list for each scan)."""
    if window_s <= 0 or new.is_void or not new.recorded_at:
        return False
    targets = voided_targets(earlier)
    at = parse_utc_text(new.recorded_at)
    for line in reversed(earlier):
        if (
            line.worker_id != new.worker_id
            or line.is_void
            or not line.recorded_at
            or line.status is LineStatus.ATTENTION
            or is_voided(line, targets)
        ):
            continue
        if abs((at - parse_utc_text(line.recorded_at)).total_seconds()) <= window_s:
            return True
    return False
