"""What the Telemetry pane says about its data: the chart's state page when there is nothing to plot (and why),
and the connection chip and banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hydrodesk.ui.widgets.restyle import set_style_property

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QStackedWidget

    from hydrodesk.mqtt.connection import ConnectionStatus
    from hydrodesk.ui.charts.live_chart import LiveChart
    from hydrodesk.ui.live.telemetry import LiveTelemetry
    from hydrodesk.ui.widgets.state_page import StatePage

CHART_PAGE, STATE_PAGE = 0, 1


class TelemetryStates:
    """Mixed into TelemetryPane (which builds the widgets named below)."""

    chart: LiveChart
    chart_stack: QStackedWidget
    chart_state: StatePage
    banner: QLabel
    connection_chip: QLabel
    _live: LiveTelemetry | None

    def _on_connection_changed(self, status: ConnectionStatus) -> None:
        from hydrodesk.mqtt.connection import ConnectionState

        state = status.state
        chip, tone = {
            ConnectionState.CONNECTED: (QCoreApplication.translate("TelemetryPane", "Live"), "ok"),
            ConnectionState.CONNECTING: (QCoreApplication.translate("TelemetryPane", "Connecting…"), "warn"),
            ConnectionState.RETRYING: (QCoreApplication.translate("TelemetryPane", "Reconnecting…"), "warn"),
            ConnectionState.REFUSED: (QCoreApplication.translate("TelemetryPane", "Refused"), "error"),
            ConnectionState.STOPPED: (QCoreApplication.translate("TelemetryPane", "Stopped"), "error"),
        }[state]
        self._set_chip(chip, tone)
        if state is ConnectionState.CONNECTED or (state is ConnectionState.CONNECTING and not status.failures):
            self.banner.setVisible(False)
        else:
            reason = status.message or QCoreApplication.translate("TelemetryPane", "The live data connection was lost.")
            retry = (
                QCoreApplication.translate("TelemetryPane", " Retrying in {seconds} s.").format(
                    seconds=max(1, round(status.retry_in_s))
                )
                if status.retry_in_s
                else ""
            )
            self.banner.setText(
                QCoreApplication.translate(
                    "TelemetryPane",
                    "{reason}{retry} The charts keep what they have and continue when the data returns.",
                ).format(reason=reason, retry=retry)
            )
            set_style_property(self.banner, "tone", "error" if state is ConnectionState.REFUSED else "warn")
            self.banner.setVisible(True)
        self._update_state()

    def _set_chip(self, text: str, tone: str) -> None:
        self.connection_chip.setText("● " + text)
        set_style_property(self.connection_chip, "tone", tone)

    def _update_state(self) -> None:
        """Charts when there is something to plot; otherwise a page that says why and what to do."""
        from hydrodesk.mqtt.connection import ConnectionState

        live = self._live
        if live is None:
            self._show_chart_state(
                QCoreApplication.translate("TelemetryPane", "Live data is off"),
                QCoreApplication.translate(
                    "TelemetryPane",
                    "Sign in to a Hydrobit account, or explore the demo farm, to see live telemetry.",
                ),
                "signed-out",
            )
        elif not self._all_keys() and live.history_loading:
            self._show_chart_state(
                QCoreApplication.translate("TelemetryPane", "Loading the last 24 hours…"),
                QCoreApplication.translate(
                    "TelemetryPane",
                    "HydroDesk is fetching the devices' telemetry history; live data follows as it arrives.",
                ),
                "empty",
            )
        elif not self._all_keys() and live.status.state is not ConnectionState.CONNECTED:
            message = live.status.message or QCoreApplication.translate(
                "TelemetryPane", "HydroDesk is connecting to the live data server."
            )
            self._show_chart_state(
                QCoreApplication.translate("TelemetryPane", "Not connected to the live data server"),
                QCoreApplication.translate(
                    "TelemetryPane", "{message} HydroDesk keeps retrying by itself; check the network if this lasts."
                ).format(message=message),
                "offline",
            )
        elif not self._all_keys():
            self._show_chart_state(
                QCoreApplication.translate("TelemetryPane", "No devices have reported yet"),
                QCoreApplication.translate(
                    "TelemetryPane",
                    "Connected, but no field device has sent telemetry. Devices report every few seconds: check that "
                    "the field gateways are powered and online.",
                ),
                "empty",
            )
        elif not self.chart.keys:
            self._show_chart_state(
                QCoreApplication.translate("TelemetryPane", "Nothing plotted"),
                QCoreApplication.translate(
                    "TelemetryPane",
                    "Tick the series to plot in the list on the left (flow, pressure, soil moisture, ...).",
                ),
                "empty",
            )
        else:
            self.chart_stack.setCurrentIndex(CHART_PAGE)
            return
        self.chart_stack.setCurrentIndex(STATE_PAGE)

    def _show_chart_state(self, title: str, message: str, icon: str) -> None:
        from PySide6.QtCore import QSize

        from hydrodesk.ui.icons import svg_pixmap

        color = getattr(self, "_state_icon_color", "#888888")
        self.chart_state.show_state(title=title, message=message, icon=svg_pixmap(icon, QSize(48, 48), color))
