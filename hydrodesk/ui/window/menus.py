"""The main window's actions, menus, toolbar and theme choice, and the shortcuts they bind (the F1 sheet's
"Everywhere" lines)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QToolBar, QWidget

from hydrodesk.ui.account_button import AccountButton
from hydrodesk.ui.icons import themed_icon
from hydrodesk.ui.keys import KeyHelp, bound_keys
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.models.farm_tree import NodeKind
from hydrodesk.ui.panes import PANE_CONTEXT, PANES
from hydrodesk.ui.theme import Theme

if TYPE_CHECKING:
    from hydrodesk.ui.settings.dialog import SettingsDialog
    from hydrodesk.ui.shortcut_sheet import ShortcutSheet
    from hydrodesk.ui.update_dialog import UpdateDialog


class WindowMenus(Mixin):
    """Builds the window's actions (with their shortcuts), menus and toolbar; follows the theme."""

    # ------------------------------------------------------------------------------------------ actions
    def _build_actions(self) -> None:
        self.sign_in_action = QAction(self.tr("&Sign in to Hydrobit…"), self)
        self.sign_in_action.triggered.connect(self.sign_in_requested)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.sign_out_action.setEnabled(False)
        self.export_action = QAction(self.tr("&Export Table as CSV…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._export_current_table)
        self.settings_action = QAction(self.tr("S&ettings…"), self)
        preferences = QKeySequence(QKeySequence.StandardKey.Preferences)
        # Ctrl+, wherever the platform names no Preferences key of its own (Windows, most Linux desktops).
        self.settings_action.setShortcut(preferences if not preferences.isEmpty() else QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setWhatsThis(self.tr("Open the settings: language, theme, irrigation limits, cache"))
        self.settings_action.triggered.connect(self.open_settings)
        self.settings_dialog: SettingsDialog | None = None
        # The sign-in session builds the Profiles page (it owns the profiles and their keychain entries).
        self.profiles_page_factory: Callable[[QWidget | None], QWidget] | None = None
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(QApplication.quit)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setToolTip(self.tr("Reload the farm from the Hydrobit server (F5)"))
        self.refresh_action.triggered.connect(self.request_reload)
        self.refresh_action.setEnabled(False)  # signed out: nothing to reload until attach()
        self.filter_action = QAction(self.tr("&Filter"), self)
        self.filter_action.setShortcut(QKeySequence("Ctrl+F"))
        self.filter_action.triggered.connect(self._focus_filter)
        self.alarms_action = QAction(self.tr("&Alarms…"), self)
        self.alarms_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.alarms_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.alarms_action.setWhatsThis(self.tr("Show the alarm journal: acknowledge, clear, export"))
        self.alarms_action.triggered.connect(self.open_alarms)
        self.alarms_action.setEnabled(False)
        self.help_action = QAction(self.tr("&Keyboard Shortcuts and Help"), self)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
        self.help_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.help_action.setWhatsThis(self.tr("Show this pane's shortcuts and how it works"))
        self.help_action.triggered.connect(self.show_shortcut_sheet)
        self.shortcut_sheet: ShortcutSheet | None = None
        self.log_folder_action = QAction(self.tr("Open &Log Folder"), self)
        self.log_folder_action.setToolTip(self.tr("Show the folder with HydroDesk's log and crash reports"))
        self.log_folder_action.triggered.connect(self.open_log_folder)
        self.log_folder_action.setEnabled(self.paths is not None)
        self.update_action = QAction(self.tr("Check for &Updates…"), self)
        self.update_action.setToolTip(self.tr("Ask whether a newer HydroDesk has been released"))
        self.update_action.triggered.connect(self.check_for_updates)
        self.update_dialog: UpdateDialog | None = None
        self.about_action = QAction(self.tr("&About HydroDesk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._show_about)

        self.theme_actions = QActionGroup(self)
        self.theme_actions.setExclusive(True)
        for choice, label in (
            ("system", self.tr("Follow the &System")),
            ("light", self.tr("&Light")),
            ("dark", self.tr("&Dark")),
            ("outdoor", self.tr("High &Contrast (Outdoors)")),
        ):
            action = QAction(label, self.theme_actions)
            action.setCheckable(True)
            action.setData(choice)
            action.setChecked(choice == self._themes.choice)
        self.theme_actions.triggered.connect(self._on_theme_chosen)

        self.pane_actions: list[QAction] = []
        for number, spec in enumerate(PANES, start=1):
            action = QAction(QCoreApplication.translate(PANE_CONTEXT, spec.title), self)
            action.setData(spec.name)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setWhatsThis(
                self.tr("Show the {pane} pane").format(pane=QCoreApplication.translate(PANE_CONTEXT, spec.title))
            )
            action.triggered.connect(lambda _checked=False, name=spec.name: self.open_pane(name))
            self.pane_actions.append(action)
        self._set_data_actions_enabled(False)

    def _build_menus(self) -> None:
        menus = self.menuBar()
        file_menu = menus.addMenu(self.tr("&File"))
        file_menu.addAction(self.sign_in_action)
        file_menu.addAction(self.sign_out_action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menus.addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        view_menu.addAction(self.filter_action)
        view_menu.addAction(self.sync.sync_action)
        view_menu.addAction(self.alarms_action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        theme_menu.addActions(self.theme_actions.actions())
        view_menu.addAction(self.navigator.toggleViewAction())
        go_menu = menus.addMenu(self.tr("&Go"))
        go_menu.addActions(self.pane_actions)
        help_menu = menus.addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.log_folder_action)
        help_menu.addAction(self.update_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("MainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.refresh_action)
        self.toolbar.addAction(self.sync.sync_action)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        # Who is signed in, with Sign out and Switch profile (the session controller answers its signals).
        self.account_button = AccountButton(self.toolbar)
        self.account_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.account_button.sign_in_requested.connect(self.sign_in_requested)
        self.account_button.sign_out_requested.connect(self.sign_out_requested)
        self.account_button.profile_chosen.connect(self.profile_chosen)
        self.toolbar.addWidget(self.account_button)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        for action in (self.export_action, self.filter_action, *self.pane_actions):
            action.setEnabled(enabled)

    # ------------------------------------------------------------------------------------------ theme
    def _on_theme_chosen(self, action: QAction) -> None:
        choice = str(action.data())
        self._ui_state.theme = choice
        self._themes.apply(choice)

    def _apply_theme(self, theme: Theme) -> None:
        for action in self.theme_actions.actions():  # the menu shows the choice, whoever made it (Settings too)
            action.setChecked(action.data() == self._themes.choice)
        color = theme.tokens["icon"]
        self.refresh_action.setIcon(themed_icon("refresh", color))
        self.export_action.setIcon(themed_icon("export", color))
        self.sign_in_action.setIcon(themed_icon("account", color))
        self.account_button.setIcon(themed_icon("account", color))
        self.quit_action.setIcon(themed_icon("quit", color))
        self.filter_action.setIcon(themed_icon("search", color))
        self.sync.sync_action.setIcon(themed_icon("sync", color))
        self.about_action.setIcon(themed_icon("about", color))
        for action, spec in zip(self.pane_actions, PANES, strict=True):
            action.setIcon(themed_icon(spec.icon, color))
        self.navigator.set_pane_icons({spec.name: themed_icon(spec.icon, color) for spec in PANES})
        self.navigator.set_tree_icons({kind: themed_icon(kind.value, color) for kind in NodeKind})
        self.banner.setStyleSheet(
            f"QLabel#Banner {{ background: {theme.tokens['accent_soft']}; color: {theme.tokens['error']};"
            f" padding: 8px 24px; border-bottom: 1px solid {theme.tokens['border']}; }}"
        )
        for pane in self._panes.values():
            pane.apply_theme(theme)

    # ------------------------------------------------------------------------------------------ help
    def global_keys(self) -> list[KeyHelp]:
        """The window's own shortcuts, read from its actions (the F1 sheet's "Everywhere" lines)."""
        holder = QWidget()  # bound_keys reads a widget's actions: lend it the window's, not its panes'
        holder.addActions(
            [
                *self.pane_actions,
                self.refresh_action,
                self.filter_action,
                self.export_action,
                self.sync.sync_action,
                self.alarms_action,
                self.settings_action,
                self.help_action,
                self.quit_action,
            ]
        )
        return bound_keys(holder)
