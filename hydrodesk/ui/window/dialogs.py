"""The dialogs the main window opens: alarms, shortcuts (F1), settings, updates, about; and the log folder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from hydrodesk import __version__
from hydrodesk.ui.icons import app_icon
from hydrodesk.ui.mixin import Mixin
from hydrodesk.ui.panes import PANE_CONTEXT

if TYPE_CHECKING:
    from hydrodesk.domain.irrigation_limits import IrrigationLimits
    from hydrodesk.ui.alarms.dialog import AlarmsDialog
    from hydrodesk.ui.alarms.service import AlarmService
    from hydrodesk.ui.settings.dialog import SettingsDialog
    from hydrodesk.ui.shortcut_sheet import ShortcutSheet
    from hydrodesk.ui.update_dialog import UpdateDialog


class WindowDialogs(Mixin):
    """Opens each dialog once (a second request raises the open one) and never with exec(): a nested event loop
    inside the asyncio loop would re-enter running tasks."""

    # ------------------------------------------------------------------------------------------ alarms
    @property
    def alarms(self) -> AlarmService | None:
        return self._alarms

    def _attach_alarms(self, alarms: AlarmService | None) -> None:
        if self._alarms is not None:
            self._alarms.changed.disconnect(self._show_alarm_count)
        self._alarms = alarms
        if alarms is not None:
            alarms.changed.connect(self._show_alarm_count)
        self.alarms_action.setEnabled(alarms is not None)
        if self.alarms_dialog is not None and isValid(self.alarms_dialog):
            self.alarms_dialog.set_center(alarms)
        self._show_alarm_count()

    def _show_alarm_count(self) -> None:
        from hydrodesk.ui.irrigation.models import alarm_title

        attention = self._alarms.needing_attention() if self._alarms is not None else []
        newest = f"{alarm_title(self, attention[-1].kind)} — {attention[-1].subject}" if attention else ""
        self.status.set_alarm_count(len(attention), newest)

    def open_alarms(self) -> AlarmsDialog | None:
        """Ctrl+Shift+A (or the status bar's badge): the alarm journal, wherever the user is."""
        from hydrodesk.ui.alarms.dialog import AlarmsDialog

        if self._alarms is None:
            return None
        if self.alarms_dialog is not None and isValid(self.alarms_dialog):
            self.alarms_dialog.show()  # closed before: hidden, not gone
            self.alarms_dialog.raise_()
            self.alarms_dialog.activateWindow()
            return self.alarms_dialog
        dialog = AlarmsDialog(self._alarms, self._themes.current, self)
        dialog.set_zone(self.farm_zone)
        dialog.rules_requested.connect(self.open_alarm_rules)
        self.alarms_dialog = dialog
        dialog.open()  # never exec(): it would nest an event loop inside the asyncio loop
        return dialog

    def show_farm_zone(self, zone: str | None) -> None:
        """The farm clock the status bar and the alarm journal show times in (None: this computer's)."""
        self.status.set_farm_zone(zone)
        if self.alarms_dialog is not None and isValid(self.alarms_dialog):
            self.alarms_dialog.set_zone(zone)

    def open_alarm_rules(self) -> QWidget | None:
        """The alarm thresholds per valve, the battery level and the sound (from the journal's "Alarm rules…")."""
        from hydrodesk.ui.alarms.rules_dialog import AlarmRulesDialog

        if self._alarms is None:
            return None
        dialog = AlarmRulesDialog(self._alarms, self._tasks, self)
        dialog.open()
        return dialog

    def show_shortcut_sheet(self) -> ShortcutSheet:
        """F1: this pane's shortcuts, a table's, the window's, and a few words on how the pane works."""
        from hydrodesk.ui.shortcut_sheet import ShortcutSheet  # here: the first paint pays for no help
        from hydrodesk.ui.widgets.data_table import table_keys

        if self.shortcut_sheet is not None and isValid(self.shortcut_sheet):
            self.shortcut_sheet.close()
        spec = self._current_pane
        title = QCoreApplication.translate(PANE_CONTEXT, spec.title)
        pane = self._panes.get(spec.name) if self.showing_data else None
        sheet = ShortcutSheet(
            pane_title=title,
            help_text=pane.help_text() if pane is not None else "",
            sections=[
                (title, pane.key_help() if pane is not None else []),
                (self.tr("In a table"), table_keys()),
                (self.tr("Everywhere"), self.global_keys()),
            ],
            parent=self,
        )
        self.shortcut_sheet = sheet
        sheet.open()
        return sheet

    # ------------------------------------------------------------------------------------------ settings
    def open_settings(self) -> SettingsDialog:
        """Ctrl+,: the Settings dialog (one at a time)."""
        from hydrodesk.ui.settings import SettingsContext
        from hydrodesk.ui.settings.dialog import SettingsDialog

        if self.settings_dialog is not None and isValid(self.settings_dialog):
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return self.settings_dialog
        context = SettingsContext(
            ui_state=self._ui_state,
            themes=self._themes,
            tasks=self._tasks,
            paths=self.paths,
            office=lambda: self._office,
            cache_cleared=self.request_reload,
            limits_changed=self._on_limits_changed,
            project=self._selected_project,
            profiles_page=self.profiles_page_factory,
        )
        dialog = SettingsDialog(context, self)
        self.settings_dialog = dialog
        # open(), not exec(): a nested event loop inside the asyncio loop would re-enter running tasks.
        dialog.open()
        return dialog

    def _selected_project(self) -> tuple[str, str] | None:
        project = self._selection.project
        return None if project is None else (project.project_id, project.name)

    def _on_limits_changed(self, limits: IrrigationLimits) -> None:
        if self._alarms is not None:
            self._alarms.limits = limits
        pane = self._panes.get("irrigation")
        if pane is not None:
            pane.limits = limits  # type: ignore[attr-defined]  # the irrigation pane reads them on every check

    def check_for_updates(self) -> UpdateDialog:
        """Help > Check for Updates: the release feed from Settings, compared with this version; never installs."""
        from hydrodesk.diagnostics.version import running_version
        from hydrodesk.ui.update_dialog import UpdateDialog

        if self.update_dialog is not None and isValid(self.update_dialog):
            self.update_dialog.close()
        dialog = UpdateDialog(self._ui_state.update_feed_url, running_version(), self._tasks, self)
        self.update_dialog = dialog
        dialog.open()
        return dialog

    def open_log_folder(self) -> bool:
        """Help > Open Log Folder: the file manager on the folder of the log and the crash reports."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.paths is None:
            return False
        folder = self.paths.log_dir
        folder.mkdir(parents=True, exist_ok=True)
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not opened:
            self.status.showMessage(self.tr("The log folder is {folder}").format(folder=folder), 15000)
        return opened

    # ------------------------------------------------------------------------------------------ about
    def _show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About HydroDesk"))
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setText(f"<b>HydroDesk {__version__}</b>")
        box.setInformativeText(
            self.tr(
                "The desktop console for farm offices on the Hydrobit platform: production, workers, "
                "scouting, irrigation and weather, online or off."
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
