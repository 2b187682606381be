"""Parsing and validating what devices publish (pure). Anything a device sends may be garbage: every function here
returns a value or raises `Malformed` with a reason, and never anything else.

Bounds (so a hostile or broken device cannot make the console spend memory or time): payloads up to
`MAX_PAYLOAD_BYTES`, JSON objects only, up to `MAX_METRICS` metrics with names of up to `MAX_NAME_LENGTH`
characters from `[A-Za-z0-9_.-]`, values that are real numbers (not booleans, not strings) with a magnitude up to
`MAX_ABS_VALUE`. Timestamps are ISO 8601 with a zone (`2025-10-19T14:30:00.000Z`) or epoch seconds (epoch
milliseconds are recognised by their size); a timestamp before 2000 or more than `MAX_FUTURE_S` ahead of the
console's clock is refused, because a point from the far future would leave the series unable to take any
honest point after it.

In a telemetry message each metric is judged on its own: one broken sensor does not silence the others.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Final, NamedTuple

from hydrodesk.mqtt.nesting import MAX_JSON_DEPTH, nests_deeper_than

MAX_PAYLOAD_BYTES: Final = 16 * 1024
MAX_METRICS: Final = 64
MAX_NAME_LENGTH: Final = 64
MAX_ABS_VALUE: Final = 1e15
MAX_FUTURE_S: Final = 300.0
EARLIEST_TS: Final = 946_684_800.0  # 2000-01-01T00:00:00Z
EPOCH_MS_ABOVE: Final = 1e11  # as seconds that is the year 5138; as milliseconds, 1973
MAX_TEXT: Final = 200

_METRIC_NAME = re.compile(rf"[A-Za-z0-9_.\-]{{1,{MAX_NAME_LENGTH}}}")
MAX_KNOWN_NAMES: Final = 4096
_GOOD_NAMES: set[str] = set()  # names already found valid: the regex runs once per name, not once per message


class Reason(StrEnum):
    """Why a message or a metric was refused (counted per reason)."""

    TOO_LARGE = "too_large"
    NOT_JSON = "not_json"
    NOT_OBJECT = "not_object"
    BAD_TOPIC = "bad_topic"
    BAD_TS = "bad_ts"
    FUTURE_TS = "future_ts"
    NO_METRICS = "no_metrics"
    TOO_MANY_METRICS = "too_many_metrics"
    BAD_METRIC_NAME = "bad_metric_name"
    NOT_NUMBER = "not_number"
    NOT_FINITE = "not_finite"
    OUT_OF_RANGE = "out_of_range"
    BAD_FIELD = "bad_field"
    TOO_MANY_SERIES = "too_many_series"
    INBOX_FULL = "inbox_full"


class Malformed(ValueError):
    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason


class Telemetry(NamedTuple):  # not a frozen dataclass: built 20,000 times a second, a tuple is cheaper
    ts: float
    metrics: list[tuple[str, float]]
    refused: list[Reason]
    """Why the metrics that were left out were refused."""


@dataclass(frozen=True, slots=True)
class DeviceStatusReport:
    online: bool
    ts: float | None
    battery_pct: float | None
    rssi_dbm: float | None


@dataclass(frozen=True, slots=True)
class ValveReport:
    valve_id: str
    state: str
    since: float | None


@dataclass(frozen=True, slots=True)
class StateReport:
    ts: float | None
    valves: list[ValveReport]


@dataclass(frozen=True, slots=True)
class AckReport:
    command_id: str
    status: str
    ts: float | None
    error: str | None


def _refuse_constant(name: str) -> Any:
    raise Malformed(Reason.NOT_FINITE, f"{name} is not a JSON number")


# One decoder for every message: json.loads(..., parse_constant=...) would build a new one each time (a fifth of
# the parsing cost at 20,000 messages a second).
_DECODER: Final = json.JSONDecoder(parse_constant=_refuse_constant)
# Its scanner, called directly for the usual payload (one object, no whitespace around it): decode() would first
# match and then re-match whitespace around it, a quarter of the parse.
# (An attribute JSONDecoder.__init__ sets in the standard library, which typeshed does not declare.)
_SCAN: Final[Callable[[str, int], tuple[Any, int]]] = _DECODER.scan_once  # type: ignore[attr-defined]


def decode_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in a payload (UTF-8; anything else is not JSON to us)."""
    if len(raw) > MAX_PAYLOAD_BYTES:
        raise Malformed(Reason.TOO_LARGE, f"{len(raw)} bytes")
    if nests_deeper_than(raw):  # our rule, not the interpreter's recursion limit: the same reason on every Python
        raise Malformed(Reason.NOT_JSON, f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        text = raw.decode("utf-8")
        value, end = _SCAN(text, 0) if text[:1] == "{" else (None, -1)
        if end != len(text):  # whitespace around it (or garbage after it): the decoder's full rules decide
            value = _DECODER.decode(text)
    except StopIteration:  # the scanner's answer to a value it cannot read, inside the object too (`{"ts": x}`)
        raise Malformed(Reason.NOT_JSON, "JSONDecodeError") from None
    except Malformed:
        raise
    # ValueError: bad JSON, bad UTF-8, or an integer too long to parse; RecursionError: a stack already nearly full.
    except (ValueError, RecursionError, TypeError) as exc:
        raise Malformed(Reason.NOT_JSON, type(exc).__name__) from None
    if not isinstance(value, dict):
        raise Malformed(Reason.NOT_OBJECT, type(value).__name__)
    return value


def parse_ts(value: object, now: float) -> float:
    """Epoch seconds of a payload timestamp."""
    if isinstance(value, str):
        if len(value) > 64:
            raise Malformed(Reason.BAD_TS, "too long")
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise Malformed(Reason.BAD_TS, "not ISO 8601") from None
        if moment.tzinfo is None:
            raise Malformed(Reason.BAD_TS, "no time zone")
        try:
            ts = moment.timestamp()
        except (OverflowError, ValueError, OSError):
            raise Malformed(Reason.BAD_TS, "out of range") from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        try:
            ts = float(value)
        except OverflowError:
            raise Malformed(Reason.BAD_TS, "out of range") from None
        if not math.isfinite(ts):
            raise Malformed(Reason.BAD_TS, "not finite")
        if ts > EPOCH_MS_ABOVE:
            ts /= 1000.0
    else:
        raise Malformed(Reason.BAD_TS, "missing" if value is None else type(value).__name__)
    if ts < EARLIEST_TS:
        raise Malformed(Reason.BAD_TS, "before 2000")
    if ts > now + MAX_FUTURE_S:
        raise Malformed(Reason.FUTURE_TS, f"{ts - now:.0f} s ahead")
    return ts


def metric_value(value: object) -> float:
    """A metric's value as a float, or Malformed."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Malformed(Reason.NOT_NUMBER, type(value).__name__)
    if isinstance(value, int):
        if abs(value) > MAX_ABS_VALUE:  # compared as an int: a 400-digit integer would overflow float()
            raise Malformed(Reason.OUT_OF_RANGE)
        return float(value)
    if not math.isfinite(value):
        raise Malformed(Reason.NOT_FINITE)
    if abs(value) > MAX_ABS_VALUE:
        raise Malformed(Reason.OUT_OF_RANGE)
    return value


def parse_telemetry(raw: bytes, now: float) -> Telemetry:
    """`{"ts", "metrics": {name: number}}`: the timestamp and the metrics that passed."""
    payload = decode_object(raw)
    return _plain_telemetry(payload, now) or telemetry_by_the_rules(payload, now)


def _plain_telemetry(payload: dict[str, Any], now: float) -> Telemetry | None:
    """What nearly every device sends (epoch seconds, names seen before, floats in range), taken as it is in a
    few comparisons; None for anything else, which `telemetry_by_the_rules` reads (the same answer for what
    both take: tests/unit/test_telemetry_runs.py)."""
    ts, metrics = payload.get("ts"), payload.get("metrics")
    if type(ts) is not float or type(metrics) is not dict or not 0 < len(metrics) <= MAX_METRICS:
        return None
    if not EARLIEST_TS <= ts <= min(now + MAX_FUTURE_S, EPOCH_MS_ABOVE):
        return None
    plain = [
        (name, value)
        for name, value in metrics.items()
        # NaN fails the comparisons, infinity the bounds.
        if type(value) is float and -MAX_ABS_VALUE <= value <= MAX_ABS_VALUE and name in _GOOD_NAMES
    ]
    return Telemetry(ts, plain, []) if len(plain) == len(metrics) else None


def telemetry_by_the_rules(payload: dict[str, Any], now: float) -> Telemetry:
    """A telemetry payload checked field by field, every refusal with its reason."""
    ts = parse_ts(payload.get("ts"), now)
    metrics = payload.get("metrics")
    if not isinstance(metrics, dict) or not metrics:
        raise Malformed(Reason.NO_METRICS)
    if len(metrics) > MAX_METRICS:
        raise Malformed(Reason.TOO_MANY_METRICS, str(len(metrics)))
    accepted: list[tuple[str, float]] = []
    refused: list[Reason] = []
    for name, value in metrics.items():
        if name not in _GOOD_NAMES:
            if not _METRIC_NAME.fullmatch(name):
                refused.append(Reason.BAD_METRIC_NAME)
                continue
            if len(_GOOD_NAMES) < MAX_KNOWN_NAMES:
                _GOOD_NAMES.add(name)
        try:
            accepted.append((name, metric_value(value)))
        except Malformed as exc:
            refused.append(exc.reason)
    if not accepted:
        raise Malformed(refused[0] if refused else Reason.NO_METRICS)
    return Telemetry(ts, accepted, refused)


def _optional_number(payload: dict[str, Any], name: str) -> float | None:
    value = payload.get(name)
    if value is None:
        return None
    try:
        return metric_value(value)
    except Malformed:
        raise Malformed(Reason.BAD_FIELD, name) from None


def _optional_ts(payload: dict[str, Any], name: str, now: float) -> float | None:
    value = payload.get(name)
    return None if value is None else parse_ts(value, now)


def _text(payload: dict[str, Any], name: str, *, required: bool) -> str | None:
    value = payload.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
        raise Malformed(Reason.BAD_FIELD, name)
    return value


def parse_status(raw: bytes, now: float) -> DeviceStatusReport:
    """`{"online", "ts", "battery_pct"?, "rssi_dbm"?}` (retained; also the device's last will)."""
    payload = decode_object(raw)
    online = payload.get("online")
    if not isinstance(online, bool):
        raise Malformed(Reason.BAD_FIELD, "online")
    return DeviceStatusReport(
        online,
        _optional_ts(payload, "ts", now),
        _optional_number(payload, "battery_pct"),
        _optional_number(payload, "rssi_dbm"),
    )


def parse_state(raw: bytes, now: float) -> StateReport:
    """`{"ts", "valves": {valveId: {"state", "since"}}}` (retained)."""
    payload = decode_object(raw)
    valves = payload.get("valves")
    if not isinstance(valves, dict) or len(valves) > MAX_METRICS:
        raise Malformed(Reason.BAD_FIELD, "valves")
    reports = []
    for valve_id, entry in valves.items():
        if not isinstance(entry, dict) or not valve_id or len(valve_id) > MAX_TEXT:
            raise Malformed(Reason.BAD_FIELD, "valves")
        state = _text(entry, "state", required=True)
        assert state is not None
        reports.append(ValveReport(valve_id, state, _optional_ts(entry, "since", now)))
    return StateReport(_optional_ts(payload, "ts", now), reports)


def parse_ack(raw: bytes, now: float) -> AckReport:
    """`{"commandId", "status": "acked"|"failed", "ts", "error"?}`."""
    payload = decode_object(raw)
    command_id = _text(payload, "commandId", required=True)
    status = payload.get("status")
    if status not in ("acked", "failed"):
        raise Malformed(Reason.BAD_FIELD, "status")
    error = payload.get("error")
    if error is not None and not isinstance(error, str):
        raise Malformed(Reason.BAD_FIELD, "error")
    assert command_id is not None
    return AckReport(command_id, status, _optional_ts(payload, "ts", now), error[:MAX_TEXT] if error else None)
