"""Where a profile's database lives: one file per profile, under the folder the caller names.

The caller passes the user data folder (hydrodesk.settings.AppPaths.data_dir, from platformdirs); this module
only turns a profile's name, which may hold any character, into a file name every OS accepts.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def profile_database(data_dir: Path, profile_name: str) -> Path:
    """`<data_dir>/profiles/<readable-slug>-<hash>.sqlite3`.

    The slug keeps the file recognisable to a person; the hash of the exact name keeps two profiles whose
    names differ only in accents, case or punctuation (`Finca Norte` and `finca-norte`) in files of their own.
    """
    if not profile_name.strip():
        raise ValueError("a profile needs a name")
    ascii_name = unicodedata.normalize("NFKD", profile_name).encode("ascii", "ignore").decode()
    slug = _UNSAFE.sub("-", ascii_name).strip("-.").lower()[:40] or "profile"
    digest = hashlib.sha256(profile_name.encode()).hexdigest()[:8]
    return data_dir / "profiles" / f"{slug}-{digest}.sqlite3"
