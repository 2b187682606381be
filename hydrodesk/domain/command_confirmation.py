"""Is a valve command carried out? Judged from the flow readings this office receives, not from the server's word.

A command counts as confirmed only when the office's own telemetry agrees with it within `within_s` of the
device's acknowledgement (or of the server's "confirmed", whichever came first):
- an open: a flow reading inside the valve's expected envelope (any real flow when the valve has no envelope);
- a close: a reading at (or near) zero, no more than the leak threshold.
Only readings newer than the newest one known when the watch started count, so water from before the command
cannot confirm it. When the time is up without agreement the verdict is "unconfirmed", or "contradicted" when the
server called the command confirmed and readings arrived that say otherwise.

Pure: the caller feeds readings and the time (seconds, any monotonic-enough clock shared by both).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from hydrodesk.domain.irrigation import LEAK_THRESHOLD_LPM, FlowCheck, FlowEnvelope, check_flow


class Verdict(StrEnum):
    WAITING = "waiting"  # not started, or within the time and nothing agreed yet
    CONFIRMED = "confirmed"  # the office's telemetry agrees
    UNCONFIRMED = "unconfirmed"  # the time is up and no reading agreed
    CONTRADICTED = "contradicted"  # the server said confirmed, the time is up and the readings disagree


def telemetry_agrees(action: str, flow_lpm: float | None, envelope: FlowEnvelope | None) -> bool:
    """Does one flow reading show the valve where `action` ("open" or "close") should have put it?"""
    if flow_lpm is None or not math.isfinite(flow_lpm):
        return False
    if action == "open":
        if envelope is None:
            return flow_lpm > LEAK_THRESHOLD_LPM
        return check_flow("open", flow_lpm, envelope) is FlowCheck.OK
    return flow_lpm <= LEAK_THRESHOLD_LPM


@dataclass
class ConfirmationWatch:
    action: str
    envelope: FlowEnvelope | None
    within_s: float
    started_at: float | None = None
    baseline_ts: float | None = None
    """The newest reading's time when the watch started: only newer readings count."""
    agreed_at: float | None = None
    readings: int = 0
    """Readings that arrived since the start (a silent device confirms nothing and contradicts nothing)."""
    last_flow: float | None = None
    server_confirmed: bool = False

    def __post_init__(self) -> None:
        if self.action not in ("open", "close"):
            raise ValueError(f"unknown action {self.action!r}")
        if not self.within_s > 0:
            raise ValueError("the confirmation time must be positive")

    @property
    def started(self) -> bool:
        return self.started_at is not None

    def start(self, now: float, latest_reading_ts: float | None) -> None:
        """The device acknowledged (or the server confirmed): the clock runs from now. Starting twice is a no-op."""
        if self.started_at is None:
            self.started_at = now
            self.baseline_ts = latest_reading_ts

    def note_server_confirmed(self, now: float, latest_reading_ts: float | None) -> None:
        self.server_confirmed = True
        self.start(now, latest_reading_ts)

    def observe(self, ts: float, flow_lpm: float | None) -> None:
        """A reading (its time, its flow); older ones, and any before the start, are ignored."""
        if self.started_at is None or self.agreed_at is not None:
            return
        if self.baseline_ts is not None and ts <= self.baseline_ts:
            return
        self.baseline_ts = ts  # each reading counts once, however often it is offered
        self.readings += 1
        self.last_flow = flow_lpm
        if telemetry_agrees(self.action, flow_lpm, self.envelope):
            self.agreed_at = ts

    def verdict(self, now: float) -> Verdict:
        if self.agreed_at is not None:
            return Verdict.CONFIRMED
        if self.started_at is None or now - self.started_at < self.within_s:
            return Verdict.WAITING
        if self.server_confirmed and self.readings:
            return Verdict.CONTRADICTED
        return Verdict.UNCONFIRMED
