"""Secrets out of every log line: tokens, keys and passwords replaced by "[redacted]" before anything is written.

Two nets, because a log line can carry a secret in many shapes:
- the secrets this session really uses (the JWT, the API key, the IoT token), remembered as requests are built
  (hydrodesk.api.auth), are removed wherever they appear, whatever their shape;
- patterns catch what has not been remembered (yet): HTTP headers in any spelling (`Authorization: …`,
  `{'x-api-key': '…'}`, `(b'x-iot-token', b'…')`), `Bearer …`, anything shaped like a JWT, `key_….token` API keys,
  and token/secret/password parameters in URLs, forms and JSON.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Iterable
from functools import cache

MARK = "[redacted]"
# Short values would redact ordinary words ("demo", "true"); no real secret is this short.
_MIN_SECRET_LENGTH = 8
# Renewed tokens (IoT tokens last minutes) are remembered too; the oldest are forgotten once they have expired.
_REMEMBERED = 64

_HEADER_NAMES = r"authorization|proxy-authorization|x-api-key|x-iot-token|cookie|set-cookie"
_PARAMETER_NAMES = (
    r"access_token|refresh_token|id_token|token|client_secret|secret|password|passwd|pwd|api_key|apikey"
    r"|code_verifier|device_code|bearer_token|iot_token"
)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled on the first line logged, not at import: the app imports this before its window's first paint."""
    return (
        # A header with its value: `Authorization: Bearer x`, `'x-api-key': 'x'`, `(b'authorization', b'Bearer x')`.
        # The value runs to the end of the line or to its closing quote.
        (
            re.compile(
                rf"""(?P<name>\b(?:{_HEADER_NAMES})\b['"]?\s*[:=,]\s*+(?:b(?=['"]))?)(?P<quote>['"])?(?!['"]?\[redacted\])(?P<value>(?(quote)[^'"\r\n]*|[^\r\n,;}}\]]*))""",
                re.IGNORECASE,
            ),
            rf"\g<name>\g<quote>{MARK}",
        ),
        # Parameters in a query string or a form (`?token=x`, `refresh_token=x&…`) and keys in JSON or a Python dict
        # (`"password": "x"`); a bare `token: …` is prose ("the token: expired") and stays.
        (
            re.compile(
                rf"""(?P<name>(?:\b(?:{_PARAMETER_NAMES})=|['"](?:{_PARAMETER_NAMES})['"]\s*:\s*+))(?P<quote>['"])?(?!['"]?\[redacted\])(?P<value>(?(quote)[^'"\r\n]*|[^\s&'",;}}\]]+))""",
                re.IGNORECASE,
            ),
            rf"\g<name>\g<quote>{MARK}",
        ),
        (re.compile(r"\b(Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}", re.IGNORECASE), rf"\1 {MARK}"),
        # Three base64url parts, the first a JSON header ("eyJ" is how `{"` starts in base64).
        (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), MARK),
        # Hydrobit API keys are `keyId.token`: the key id names the key (useful to support), the token is the secret.
        (re.compile(r"\b(key_[A-Za-z0-9]{4,})\.[A-Za-z0-9_-]{12,}"), rf"\1.{MARK}"),
    )


# Every pattern above needs one of these words (compared in lower case) to match: a line with none of them is left
# alone without running (or, on the first line logged, compiling) the patterns. Qt's first complaint arrives
# before the window's first paint, and compiling these costs a good part of a start-up.
_TRIGGERS = tuple(
    {*_HEADER_NAMES.split("|"), *_PARAMETER_NAMES.replace("|", " ").split(), "bearer", "basic", "eyj", "key_"}
)


def _might_hold_a_secret(text: str) -> bool:
    lowered = text.lower()
    return any(trigger in lowered for trigger in _TRIGGERS)


_lock = threading.Lock()
_secrets: deque[str] = deque(maxlen=_REMEMBERED)


def remember_secrets(values: Iterable[str | None]) -> None:
    """Redact these exact values from now on (called with every credential as a request is built)."""
    for value in values:
        if not value or len(value) < _MIN_SECRET_LENGTH:
            continue
        with _lock:
            if value not in _secrets:
                _secrets.append(value)
        # A Bearer scheme header carries "Bearer <secret>": the secret alone is remembered as well.
        scheme, _, rest = value.partition(" ")
        if rest and scheme.lower() in ("bearer", "basic"):
            remember_secrets([rest])


def forget_secrets() -> None:
    """For tests: start with no remembered secret."""
    with _lock:
        _secrets.clear()


def redact(text: str) -> str:
    """`text` with every secret it carries replaced by "[redacted]"."""
    if not text:
        return text
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)  # the longest first: a token may contain a shorter one
    for secret in known:
        if secret in text:
            text = text.replace(secret, MARK)
    if not _might_hold_a_secret(text):
        return text
    for pattern, replacement in _patterns():
        text = pattern.sub(replacement, text)
    return text
