"""An in-memory keychain for tests, so no test ever touches the real one."""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A keychain that lives in this process only."""

    # Not viable for keyring's own backend discovery: it is used only where a test installs it explicitly.
    @keyring.backend.properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test-only keyring, install it with keyring.set_keyring()")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such entry")
