"""A regular expression that finds typed text the way the roster's search does: accents, case and runs of spaces
ignored ("valvula norte" finds "Válvula  Norte 1", "pina" finds "Piña").

The tables filter in C++ (a sort/filter proxy with a regular expression), which stays fast on 100,000 rows where a
Python comparison per row would not; so the folding goes into the pattern: each letter becomes the class of every
letter that folds to it.
"""

from __future__ import annotations

import re
from functools import cache

from hydrodesk.domain.workers import fold_accents, search_key

# Latin-1 Supplement and Latin Extended-A and -B: the accented letters of Spanish, Portuguese, French, Catalan...
_ACCENTED_RANGE = range(0x00C0, 0x0250)


@cache
def _variants() -> dict[str, str]:
    """Folded letter -> every letter (both cases) that folds to it, the letter itself first."""
    found: dict[str, list[str]] = {}
    for code in _ACCENTED_RANGE:
        char = chr(code)
        folded = fold_accents(char).casefold()
        if len(folded) == 1 and folded.isascii() and folded.isalpha() and folded != char:
            found.setdefault(folded, []).append(char)
    return {base: base + base.upper() + "".join(chars) for base, chars in found.items()}


def folded_pattern(text: str) -> str:
    """The pattern for `text` (match it case-insensitively); "" for text with nothing to find (everything matches)."""
    variants = _variants()
    parts = []
    for char in search_key(text):
        if char == " ":
            parts.append(r"\s+")
        elif char in variants:
            parts.append(f"[{variants[char]}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)
