"""Reading printed output back as a person reads it: poppler's `pdftotext -layout` (Debian's poppler-utils)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path


def pdf_text(path: Path) -> str:
    """The PDF's text laid out as on the page: a table row stays on one line, so a broken number shows in pieces."""
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", done.stdout)  # "ﬁ" ligatures back to letters


def whole(token: str) -> re.Pattern[str]:
    """`token` standing alone: not a piece of a longer word or number."""
    return re.compile(rf"(?<![\w.,]){re.escape(token)}(?![\w.,])")
