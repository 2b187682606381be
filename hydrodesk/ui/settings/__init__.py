"""The Settings dialog (Ctrl+,): a list of pages on the left, the chosen page on the right, OK / Apply / Cancel.

A page is any QWidget with two methods:
    page_title() -> str     the name in the list, translated
    apply() -> bool         save what the page shows; False when its input is wrong (the page says why, and the
                            dialog stays open on it)
Pages are listed by `pages(context)`, in order: each a factory `(context, parent) -> page`. The page classes below
take (context, parent) themselves; the Profiles page is built by the sign-in session, which owns the profiles and
their keychain entries, and reaches the dialog through `context.profiles_page`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from hydrodesk.app_paths import AppPaths
    from hydrodesk.domain.irrigation_limits import IrrigationLimits
    from hydrodesk.sync.office import Office
    from hydrodesk.ui.tasks import BackgroundTasks
    from hydrodesk.ui.theme import ThemeManager
    from hydrodesk.ui.ui_state import UiState


class SettingsPage(Protocol):
    def page_title(self) -> str: ...

    def apply(self) -> bool: ...


@dataclass
class SettingsContext:
    """What the pages work with; the main window fills it in."""

    ui_state: UiState
    themes: ThemeManager
    tasks: BackgroundTasks
    paths: AppPaths | None = None
    office: Callable[[], Office | None] = field(default=lambda: None)
    cache_cleared: Callable[[], None] = field(default=lambda: None)  # the window loads the farm again
    limits_changed: Callable[[IrrigationLimits], None] = field(default=lambda _limits: None)
    # The project selected in the navigator, (id, name): irrigation limits are kept per project. None: none.
    project: Callable[[], tuple[str, str] | None] = field(default=lambda: None)
    profiles_page: Callable[[QWidget | None], QWidget] | None = None  # None: no session to manage profiles


PageFactory = Callable[[SettingsContext, QWidget | None], QWidget]


def pages(context: SettingsContext) -> list[PageFactory]:
    """The pages, in the order the dialog lists them (imported on use: the first paint needs none)."""
    from hydrodesk.ui.settings.cache_page import CachePage
    from hydrodesk.ui.settings.general_page import GeneralPage
    from hydrodesk.ui.settings.irrigation_page import IrrigationPage

    found: list[PageFactory] = [GeneralPage]
    make_profiles = context.profiles_page
    if make_profiles is not None:
        found.append(lambda _context, parent: make_profiles(parent))
    return [*found, IrrigationPage, CachePage]
