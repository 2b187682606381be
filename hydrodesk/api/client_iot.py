"""Operations on the IoT server: MQTT access, weather and plant series, telemetry history, irrigation (all but /mqtt
provisional)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from hydrodesk.api import endpoints as ep
from hydrodesk.api.client_base import ClientBase, accepted
from hydrodesk.api.models_iot import (
    CommandAccepted,
    CommandStatus,
    IotToken,
    IotTokenRequest,
    IrrigationLog,
    MqttDescriptor,
    PlantSeries,
    Program,
    ProgramCommand,
    ProgramRun,
    Resolution,
    Valve,
    ValveCommand,
    WeatherSeries,
)
from hydrodesk.api.models_telemetry import HistoryResolution, TelemetryHistory
from hydrodesk.api.transport import data_of, parse


class IotOperations(ClientBase):
    # ------------------------------------------------------------------------------------------ MQTT access
    async def issue_iot_token(self, device_id: str | None = None) -> IotToken:
        """A short-lived token for MQTT over WebSocket (password on CONNECT, `x-iot-token` on the upgrade)."""
        reply = await self._write(ep.ISSUE_IOT_TOKEN, IotTokenRequest(device_id=device_id))
        return parse(IotToken, data_of(reply, what="IoT token"), what="IoT token")

    async def mqtt_descriptor(self, device_id: str, iot_token: str) -> MqttDescriptor:
        """Where and on which topics a device's MQTT traffic flows (the plain-GET face of /mqtt)."""
        reply = await self._wire.send(ep.MQTT_DESCRIPTOR, params={"deviceId": device_id}, iot_token=iot_token)
        # This endpoint answers with a bare descriptor, not the usual envelope.
        return parse(MqttDescriptor, reply.payload, what="MQTT descriptor")

    # ------------------------------------------------------------------------------------------ weather, plant
    async def weather(
        self, project_id: str, start: datetime, end: datetime, *, resolution: Resolution = "raw"
    ) -> WeatherSeries:
        reply = await self._wire.send(
            ep.WEATHER,
            params={"projectId": project_id, "startTime": start, "endTime": end, "resolution": resolution},
        )
        return parse(WeatherSeries, data_of(reply, what="weather"), what="weather")

    async def plant(
        self, sector_id: str, start: datetime, end: datetime, *, resolution: Resolution = "raw"
    ) -> PlantSeries:
        reply = await self._wire.send(
            ep.PLANT,
            params={"sectorId": sector_id, "startTime": start, "endTime": end, "resolution": resolution},
        )
        return parse(PlantSeries, data_of(reply, what="plant"), what="plant")

    # ------------------------------------------------------------------------------------------ telemetry history
    async def telemetry_history(
        self,
        project_id: str,
        start: datetime,
        end: datetime,
        *,
        device_ids: Sequence[str] = (),
        metrics: Sequence[str] = (),
        resolution: HistoryResolution = "1m",
    ) -> TelemetryHistory:
        """Past telemetry of a project's field devices (all of them, or `device_ids`; every metric, or `metrics`),
        at most 31 days per call. Each series' points arrive as one numpy array (see models_telemetry)."""
        reply = await self._wire.send(
            ep.TELEMETRY_HISTORY,
            params={
                "projectId": project_id,
                "deviceId": list(device_ids),
                "metric": list(metrics),
                "startTime": start,
                "endTime": end,
                "resolution": resolution,
            },
        )
        return parse(TelemetryHistory, data_of(reply, what="telemetry history"), what="telemetry history")

    # ------------------------------------------------------------------------------------------ irrigation
    async def list_valves(self, project_id: str) -> list[Valve]:
        reply = await self._wire.send(ep.LIST_VALVES, params={"projectId": project_id})
        return parse(list[Valve], data_of(reply, what="valves"), what="valves")

    async def send_valve_command(self, valve_id: str, command: ValveCommand) -> CommandAccepted:
        """Ask a valve to open (always for a duration) or close. Resending the same command is safe (`replayed`)."""
        reply = await self._write(ep.SEND_VALVE_COMMAND, command, path={"valve_id": valve_id})
        return accepted(CommandAccepted, reply, what="valve command")

    async def get_command(self, command_id: str) -> CommandStatus:
        reply = await self._wire.send(ep.GET_COMMAND, path_params={"command_id": command_id})
        return parse(CommandStatus, data_of(reply, what="command"), what="command")

    async def list_programs(self, project_id: str) -> list[Program]:
        reply = await self._wire.send(ep.LIST_PROGRAMS, params={"projectId": project_id})
        return parse(list[Program], data_of(reply, what="programs"), what="programs")

    async def start_program(self, program_id: str, command: ProgramCommand) -> ProgramRun:
        """Run an irrigation program now. Keep `command` (its id) from when the user acted, for safe retries."""
        reply = await self._write(ep.START_PROGRAM, command, path={"program_id": program_id})
        return accepted(ProgramRun, reply, what="program start")

    async def stop_program(self, program_id: str, command: ProgramCommand) -> ProgramRun:
        """Close every valve of the program, running or not."""
        reply = await self._write(ep.STOP_PROGRAM, command, path={"program_id": program_id})
        return accepted(ProgramRun, reply, what="program stop")

    async def irrigation_logs(self, project_id: str, start: datetime, end: datetime) -> list[IrrigationLog]:
        reply = await self._wire.send(
            ep.IRRIGATION_LOGS, params={"projectId": project_id, "startTime": start, "endTime": end}
        )
        return parse(list[IrrigationLog], data_of(reply, what="irrigation logs"), what="irrigation logs")
