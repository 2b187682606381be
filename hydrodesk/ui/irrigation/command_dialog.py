"""The confirmation before a valve or program command goes out: it names the valve, its sector and the duration
(or the program and the valves it opens), asks how long it may wait to be delivered, shows the interlocks, and is
fully usable from the keyboard (the duration has focus, Enter confirms, Esc cancels).

The command (and its commandId) is made when the user confirms, here, and never again: every retry resends it.
Actions: "open" and "close" (a valve; `valve_name`, `sector_name`), "start" and "stop" (a program; `valve_name`
is the program's name, `sector_name` lists its valves).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.irrigation import MAX_DURATION_MIN, MIN_DURATION_MIN
from hydrodesk.domain.irrigation_limits import Interlock, InterlockKind
from hydrodesk.ui.formats import number_text
from hydrodesk.ui.widgets.restyle import set_style_name

DEFAULT_DURATION_MIN = 30
DEFAULT_DELIVERY_MIN = 15


PROGRAM_ACTIONS = ("start", "stop")


class ValveCommandDialog(QDialog):
    confirmed = Signal(object)  # ValveCommand, or ProgramCommand (its delivery deadline: `expires_at`)

    def __init__(
        self,
        *,
        action: str,
        valve_name: str,
        sector_name: str,
        project_name: str,
        interlocks: list[Interlock],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.valve_name = valve_name
        self.sector_name = sector_name
        self.interlocks = interlocks
        self.expires_at: datetime | None = None  # set when the user confirms
        self.setObjectName("ValveCommandDialog")
        self.setWindowTitle(
            {
                "open": self.tr("Open valve"),
                "close": self.tr("Close valve"),
                "start": self.tr("Start program"),
                "stop": self.tr("Stop program"),
            }[action]
        )
        self.setMinimumWidth(440)

        self.heading = QLabel(self)
        self.heading.setObjectName("StateTitle")
        self.heading.setWordWrap(True)
        if action in PROGRAM_ACTIONS:
            where = self.tr("{project} · valves: {valves}").format(project=project_name, valves=sector_name)
        else:
            where = self.tr("{valve} · sector {sector} · {project}").format(
                valve=valve_name, sector=sector_name, project=project_name
            )
        self.where = QLabel(where, self)
        self.where.setObjectName("Muted")
        self.where.setWordWrap(True)

        self.duration = QSpinBox(self)
        self.duration.setRange(MIN_DURATION_MIN, MAX_DURATION_MIN)
        self.duration.setValue(DEFAULT_DURATION_MIN)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setAccessibleName(self.tr("Duration in minutes"))
        self.duration.valueChanged.connect(self._update_texts)
        self.delivery = QSpinBox(self)
        self.delivery.setRange(1, 24 * 60)
        self.delivery.setValue(DEFAULT_DELIVERY_MIN)
        self.delivery.setSuffix(self.tr(" min"))
        self.delivery.setToolTip(
            self.tr("If the command cannot reach the valve within this time (no connection), it is dropped.")
        )
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        if action == "open":
            form.addRow(self.tr("Open for"), self.duration)
        else:
            self.duration.setVisible(False)  # outside the layout it would float over the heading
        form.addRow(self.tr("Give up delivering after"), self.delivery)

        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setVisible(bool(interlocks))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        set_style_name(self.confirm_button, "PrimaryButton" if action in ("open", "start") else "DangerButton")
        self.confirm_button.setDefault(True)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self._show_interlocks()
        self._update_texts()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The keyboard path: type the minutes straight away, Enter confirms (the default button), Esc cancels.
        if self.action == "open":
            self.duration.setFocus(Qt.FocusReason.PopupFocusReason)
            self.duration.selectAll()
        else:
            self.confirm_button.setFocus(Qt.FocusReason.PopupFocusReason)

    @property
    def blocked(self) -> bool:
        return any(interlock.blocking for interlock in self.interlocks)

    def _update_texts(self) -> None:
        minutes = self.duration.value()
        if self.action == "open":
            self.heading.setText(
                self.tr("Open {valve} in {sector} for {minutes} min?").format(
                    valve=self.valve_name, sector=self.sector_name, minutes=minutes
                )
            )
            self.confirm_button.setText(self.tr("Open for {minutes} min").format(minutes=minutes))
        elif self.action == "close":
            self.heading.setText(
                self.tr("Close {valve} in {sector}?").format(valve=self.valve_name, sector=self.sector_name)
            )
            self.confirm_button.setText(self.tr("Close valve"))
        elif self.action == "start":
            self.heading.setText(self.tr("Start “{name}” now?").format(name=self.valve_name))
            self.confirm_button.setText(self.tr("Start program"))
        else:
            self.heading.setText(self.tr("Stop “{name}” and close all its valves?").format(name=self.valve_name))
            self.confirm_button.setText(self.tr("Stop program"))
        self.confirm_button.setEnabled(not self.blocked)

    def _show_interlocks(self) -> None:
        lines = []
        for interlock in self.interlocks:
            mark = "⛔" if interlock.blocking else "⚠"
            lines.append(f"{mark} {interlock_text(interlock)}")
        self.notes.setText("<br>".join(lines))

    def _confirm(self) -> None:
        if self.blocked:
            return
        from hydrodesk.api.models_iot import ProgramCommand, ValveCommand

        expires = self.expires_at = datetime.now(UTC) + timedelta(minutes=self.delivery.value())
        command: ValveCommand | ProgramCommand
        if self.action in PROGRAM_ACTIONS:
            command = ProgramCommand()
        elif self.action == "open":
            command = ValveCommand(action="open", duration_min=self.duration.value(), expires_at=expires)
        else:
            command = ValveCommand(action="close", expires_at=expires)
        self.confirmed.emit(command)
        self.accept()


def interlock_text(interlock: Interlock) -> str:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    if interlock.kind is InterlockKind.TOO_MANY_OPEN:
        count, names, limit = int(interlock.value or 0), ", ".join(interlock.names), int(interlock.limit or 0)
        if count == 1:
            return translate(
                "Interlocks", "1 valve of this project is already open ({valves}); at most {limit} may be open at once."
            ).format(valves=names, limit=limit)
        return translate(
            "Interlocks",
            "{count} valves of this project are already open ({valves}); at most {limit} may be open at once.",
        ).format(count=count, valves=names, limit=limit)
    if interlock.kind is InterlockKind.LOW_PRESSURE:
        return translate(
            "Interlocks", "Line pressure is {value} bar, below the {limit} bar needed to open a valve."
        ).format(value=number_text(interlock.value or 0.0, 2), limit=number_text(interlock.limit or 0.0, 1))
    if interlock.kind is InterlockKind.PRESSURE_UNKNOWN:
        return translate("Interlocks", "The line pressure is not known yet (no reading from the device).")
    if interlock.kind is InterlockKind.DEVICE_OFFLINE:
        return translate(
            "Interlocks",
            "The valve's device is offline: the command waits until it is back or the delivery time runs out.",
        )
    return translate(
        "Interlocks", "This valve belongs to a running program ({programs}): the program may open or close it later."
    ).format(programs=", ".join(interlock.names))
