"""RunningSums: the Tallies pane's per-worker sums kept as entries are typed, one line at a time. They must be
exactly what summing the whole ledger gives, float for float, after every entry; a reloaded ledger starts over."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hydrodesk.domain.tallies import LedgerLine, LineStatus
from hydrodesk.domain.tally_sums import RunningSums, sums_from_lines

WORKERS = [("W-001", "Rosa Hernández"), ("W-002", "Jorge Medina"), ("W-003", "Carlos Ramírez")]


@st.composite
def ledger_lines(draw: st.DrawFn) -> LedgerLine:
    worker_id, name = draw(st.sampled_from(WORKERS))
    status = draw(st.sampled_from(list(LineStatus)))
    is_void = draw(st.booleans())
    units = draw(st.floats(min_value=0.1, max_value=40, allow_nan=False).map(lambda value: round(value, 2)))
    return LedgerLine(
        worker_id=worker_id,
        worker_name=name,
        units=-units if is_void else units,
        status=status,
        void_of="r-1" if is_void else None,
    )


@given(st.lists(ledger_lines(), max_size=60), st.lists(ledger_lines(), max_size=60))
def test_the_running_sums_are_the_whole_ledger_s_after_every_entry(
    loaded: list[LedgerLine], typed: list[LedgerLine]
) -> None:
    running = RunningSums()
    ledger = list(loaded)
    assert running.of("s-1", ledger) == sums_from_lines("s-1", ledger)
    for line in typed:
        ledger.append(line)
        assert running.of("s-1", ledger) == sums_from_lines("s-1", ledger)


def test_a_reloaded_ledger_is_summed_from_its_start() -> None:
    running = RunningSums()
    first = [LedgerLine("W-001", "Rosa Hernández", 12.0, LineStatus.PENDING)]
    assert running.of("s-1", first)[0].pending_units == 12.0
    # After a sync the pane reads the session again: a new list, the same entry now confirmed.
    reloaded = [LedgerLine("W-001", "Rosa Hernández", 12.0, LineStatus.CONFIRMED)]
    (sums,) = running.of("s-1", reloaded)
    assert (sums.confirmed_units, sums.pending_units) == (12.0, 0.0)
    other_session = [LedgerLine("W-002", "Jorge Medina", 3.0, LineStatus.PENDING)]
    assert [row.worker_id for row in running.of("s-2", other_session)] == ["W-002"]
