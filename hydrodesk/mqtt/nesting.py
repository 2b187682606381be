"""How deeply a JSON text nests its arrays and objects, measured before it is parsed (pure).

The json module recurses once per level, so how deep a text it parses depends on the interpreter: 8,000 nested
brackets raise RecursionError on CPython 3.11 and parse on 3.13. A device payload nests two or three levels, so
anything deeper than `MAX_JSON_DEPTH` is refused by this rule, the same on every Python, before json sees it.
"""

from __future__ import annotations

import re
from typing import Final

MAX_JSON_DEPTH: Final = 32  # the contract's payloads nest three levels (state: {"valves": {id: {...}}})

_OPENERS: Final = (b"[", b"{")
_STRING: Final = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)  # UTF-8 continuation bytes never equal " or \
_BRACKET: Final = re.compile(rb"[\[\]{}]")


def nests_deeper_than(raw: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when the arrays and objects of `raw` (JSON text, maybe malformed) nest more than `limit` levels."""
    # Fast path for nearly every message: with no more opening brackets than the limit, no nesting can exceed it.
    if raw.count(b"[") + raw.count(b"{") <= limit:
        return False
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub(b"", raw)):  # brackets inside strings do not nest
        if bracket in _OPENERS:
            depth += 1
            if depth > limit:
                return True
        elif depth:  # a stray closer (malformed text) must not hide the nesting after it
            depth -= 1
    return False
