"""What the composition root hands the UI: the launch options and where the signed-in session comes from.

Qt-free and cheap to import, so hydrodesk.app can build these before any Qt module loads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from hydrodesk.api.auth import Credentials
    from hydrodesk.api.config import ApiConfig

THEMES = ("light", "dark", "system", "outdoor")  # outdoor: high contrast, readable in sunlight
LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class LaunchOptions:
    language: str = "en"
    demo: bool = False
    pane: str | None = None
    screenshot: Path | None = None
    quit_after: float | None = None
    profile: str | None = None
    theme: str | None = None  # None: the theme the user picked last time (UI state)

    def cache_to_open(self, data_dir: Path, settings_file: Path) -> Path | None:
        """The account cache this start is about to open, when that is known before signing in: the demo farm's,
        or the one of whoever signed in last on the profile (`profile`, or the default one). None for a first
        start, a profile nobody has signed in on yet, or settings that cannot be read (the window explains those
        later). Asked before the first window (hydrodesk.ui.single_instance)."""
        if not self.demo and not settings_file.exists():  # a first start: nothing to read, nor modules to import
            return None
        from hydrodesk.store.paths import account_database

        if self.demo:
            return account_database(data_dir, demo=True)
        from hydrodesk.settings import SettingsError, SettingsStore

        try:
            chosen = SettingsStore(settings_file).load().profile(self.profile)
        except SettingsError:
            return None
        if chosen is None or not chosen.auth0_id.strip():
            return None
        return account_database(data_dir, demo=False, profile_name=chosen.name, auth0_id=chosen.auth0_id)


class StartupPhase(Enum):
    """Steps a session source reports while it gets ready; the UI shows each as a translated sentence."""

    STARTING_SIMULATOR = "starting-simulator"
    ISSUING_CREDENTIALS = "issuing-credentials"
    READING_KEYCHAIN = "reading-keychain"
    CONNECTING = "connecting"


ProgressCallback = Callable[[StartupPhase], None]


@dataclass(frozen=True)
class Connection:
    """Everything needed to build the API client for one signed-in account."""

    label: str  # the profile name, shown with the signed-in user
    config: ApiConfig
    credentials: Credentials
    demo: bool = False  # the built-in demo farm (the UI then says so, in the user's language)
    refresh_every_s: float | None = None  # how often the office fetches others' work (None: the sync default)
    # Files the source locked for as long as it runs (the demo farm's database): a later HydroDesk that finds one
    # of them locked asks this one to come forward (hydrodesk.ui.single_instance).
    held_files: tuple[Path, ...] = ()


class SessionSource(Protocol):
    """Where a signed-in session comes from: the demo farm, or a saved Hydrobit profile."""

    async def connect(self, progress: ProgressCallback) -> Connection: ...

    async def close(self) -> None:
        """Release whatever `connect` started (the demo stops its simulator). Safe to call more than once."""
        ...
