"""Deep JSON nesting is refused by the console's own rule, so every Python gives the same reason (issue 13)."""

from __future__ import annotations

import json

import pytest

from hydrodesk.mqtt.nesting import MAX_JSON_DEPTH, nests_deeper_than
from hydrodesk.mqtt.payloads import Malformed, Reason, parse_telemetry

NOW = 1_760_884_200.0  # 2025-10-19T14:30:00Z


def telemetry_with(extra: str) -> bytes:
    """A good telemetry message carrying `extra` (JSON text) in a field the parser ignores; one level of nesting."""
    return ('{"ts": "2025-10-19T14:30:00Z", "metrics": {"flow_lpm": 1.5}, "extra": ' + extra + "}").encode()


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_a_message_nested_up_to_the_limit_parses() -> None:
    telemetry = parse_telemetry(telemetry_with(nested(MAX_JSON_DEPTH - 1)), NOW)
    assert telemetry.metrics == [("flow_lpm", 1.5)]


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH, 8_000])
def test_one_level_more_is_refused_by_the_rule_not_by_the_interpreter(levels: int) -> None:
    # 8,000 levels: a RecursionError inside json on CPython 3.11, a successful parse on 3.13.
    with pytest.raises(Malformed) as refused:
        parse_telemetry(telemetry_with(nested(levels)), NOW)
    assert refused.value.reason is Reason.NOT_JSON
    assert f"nested deeper than {MAX_JSON_DEPTH} levels" in str(refused.value)


def test_brackets_inside_strings_do_not_count() -> None:
    text = json.dumps({"note": "[" * 100 + '\\" {{{{ "' + "{" * 100})
    assert not nests_deeper_than(text.encode())
    assert parse_telemetry(telemetry_with(text), NOW).metrics == [("flow_lpm", 1.5)]


def test_siblings_add_no_depth_but_a_stray_closer_hides_nothing() -> None:
    siblings = "[" + ",".join([nested(3)] * 200) + "]"
    assert not nests_deeper_than(siblings.encode())
    assert nests_deeper_than(b"]" * 50 + nested(MAX_JSON_DEPTH + 1).encode())
    assert nests_deeper_than(b'{"a": ' * 40)  # cut off mid-way: still too deep
