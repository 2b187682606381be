"""Where HydroDesk keeps its files for this user (config, data, cache, logs), from platformdirs.

Apart from hydrodesk.settings on purpose: the app needs these folders before its first paint (the log goes there
first of all), and the settings module brings the profiles, the keychain and their imports, which can wait.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_NAME = "HydroDesk"


@dataclass(frozen=True)
class AppPaths:
    """The per-user folders HydroDesk writes to."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @classmethod
    def for_user(cls) -> AppPaths:
        # Imported here: platformdirs is cheap, but the app's first paint pays for every module it imports.
        from platformdirs import PlatformDirs

        dirs = PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            config_dir=Path(dirs.user_config_dir),
            data_dir=Path(dirs.user_data_dir),
            cache_dir=Path(dirs.user_cache_dir),
            log_dir=Path(dirs.user_log_dir),
        )

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def ui_state_file(self) -> Path:
        return self.config_dir / "ui-state.ini"

    @property
    def demo_farm_dir(self) -> Path:
        """The demo simulator's data: kept between runs so what a user did on the demo farm is still there."""
        return self.data_dir / "demo-farm"
