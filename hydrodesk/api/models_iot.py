"""Models of the IoT server: the MQTT access token and descriptor, weather and plant series, irrigation.

All of these are provisional (our contract, not Hydrobit's documentation), apart from the /mqtt descriptor.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from hydrodesk.api.models_base import RequestModel, UtcDateTime, UtcInstant, WireModel
from hydrodesk.domain.ids import new_command_id

MAX_OPEN_MINUTES = 720


# ------------------------------------------------------------------------------------------------ MQTT access
class IotToken(WireModel):
    """A short-lived token for MQTT over WebSocket. The token is hidden from repr so it never lands in a log."""

    token: str = Field(repr=False)
    expires_at: UtcDateTime = Field(alias="expiresAt")
    # The MQTT-over-WebSocket address. A server with no broker running (the simulator started without one)
    # sends null: then there is nothing to connect to, which the caller must be told rather than a guess.
    url: str | None
    topic_prefix: str = Field(alias="topicPrefix")


class IotTokenRequest(RequestModel):
    device_id: str | None = Field(None, alias="deviceId")


class MqttDescriptor(WireModel):
    url: str | None  # null from a server with no broker running, as for IotToken.url
    device_id: str = Field(alias="deviceId")
    topic: str
    protocol: str | None = None


# ------------------------------------------------------------------------------------------------ weather, plant
Resolution = Literal["raw", "1h", "1d"]


class WeatherPoint(WireModel):
    ts: UtcDateTime
    air_temp_c: float | None = None
    rh_pct: float | None = None
    rain_mm: float | None = None
    wind_ms: float | None = None
    solar_wm2: float | None = None
    et0_mm: float | None = None


class WeatherSeries(WireModel):
    project_id: str = Field(alias="projectId")
    station_id: str | None = Field(None, alias="stationId")
    series: list[WeatherPoint]


class PlantPoint(WireModel):
    ts: UtcDateTime
    soil_moisture_pct: dict[str, float | None] = Field(default_factory=dict)  # by depth: "10cm", "30cm", ...
    soil_temp_c: float | None = None
    leaf_wetness_pct: float | None = None
    dendrometer_um: float | None = None
    canopy_temp_c: float | None = None


class PlantSeries(WireModel):
    sector_id: str = Field(alias="sectorId")
    series: list[PlantPoint]


# ------------------------------------------------------------------------------------------------ irrigation
ValveState = Literal["open", "closed", "unknown", "fault"]


class FlowEnvelope(WireModel):
    min_lpm: float
    max_lpm: float


class Valve(WireModel):
    valve_id: str = Field(alias="valveId")
    device_id: str = Field(alias="deviceId")
    sector_id: str = Field(alias="sectorId")
    name: str
    observed_state: ValveState = Field(alias="observedState")  # what the field reports
    commanded_state: Literal["open", "closed"] | None = Field(None, alias="commandedState")  # what was asked
    commanded_until: UtcDateTime | None = Field(None, alias="commandedUntil")  # when an open command runs out
    flow_lpm: float | None = None
    pressure_bar: float | None = None
    expected_flow: FlowEnvelope | None = Field(None, alias="expectedFlow")
    last_seen: UtcDateTime | None = Field(None, alias="lastSeen")


class ValveCommand(RequestModel):
    """Open or close one valve. Build it once when the user acts; the `command_id` makes a resend harmless.

    An open always carries a duration, so a valve is never left open on the console's say-so.
    """

    action: Literal["open", "close"]
    duration_min: int | None = Field(None, ge=1, le=MAX_OPEN_MINUTES, alias="durationMin")
    command_id: str = Field(default_factory=new_command_id, alias="commandId")
    # Past this moment the field must not carry the command out any more (server default applies if unset).
    expires_at: UtcInstant | None = Field(None, alias="expiresAt")

    @model_validator(mode="after")
    def _open_needs_duration(self) -> ValveCommand:
        if self.action == "open" and self.duration_min is None:
            raise ValueError("opening a valve needs a duration (1-720 minutes)")
        return self


class ProgramCommand(RequestModel):
    """Start or stop a program; like a valve command, its `command_id` makes a resend harmless."""

    command_id: str = Field(default_factory=new_command_id, alias="commandId")


CommandState = Literal["pending", "sent", "acked", "confirmed", "failed", "expired"]


class CommandAccepted(WireModel):
    """The server took the command (202), or already had it (`replayed`: a resend of the same commandId)."""

    command_id: str = Field(alias="commandId")
    status: CommandState
    replayed: bool = False


class CommandStatus(WireModel):
    command_id: str = Field(alias="commandId")
    valve_id: str | None = Field(None, alias="valveId")
    action: str | None = None
    duration_min: int | None = Field(None, alias="durationMin")
    status: CommandState
    requested_at: UtcDateTime | None = Field(None, alias="requestedAt")
    sent_at: UtcDateTime | None = Field(None, alias="sentAt")
    acked_at: UtcDateTime | None = Field(None, alias="ackedAt")
    confirmed_at: UtcDateTime | None = Field(None, alias="confirmedAt")
    expires_at: UtcDateTime | None = Field(None, alias="expiresAt")
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("confirmed", "failed", "expired")


class ProgramValve(WireModel):
    valve_id: str = Field(alias="valveId")
    duration_min: int = Field(alias="durationMin")


class ProgramSchedule(WireModel):
    days: list[str] = Field(default_factory=list)
    start_times: list[str] = Field(default_factory=list, alias="startTimes")


class Program(WireModel):
    program_id: str = Field(alias="programId")
    project_id: str | None = Field(None, alias="projectId")
    name: str
    enabled: bool
    valves: list[ProgramValve] = Field(default_factory=list)
    schedule: ProgramSchedule = Field(default_factory=ProgramSchedule)
    running: bool | None = None
    last_started_at: UtcDateTime | None = Field(None, alias="lastStartedAt")
    last_stopped_at: UtcDateTime | None = Field(None, alias="lastStoppedAt")


class ProgramStep(WireModel):
    """The valve command a program start or stop issued for one of its valves."""

    command_id: str = Field(alias="commandId")
    valve_id: str = Field(alias="valveId")
    action: Literal["open", "close"]
    duration_min: int | None = Field(None, alias="durationMin")
    status: CommandState


class ProgramRun(WireModel):
    """A program start/stop the server took (202), or already had under this commandId (`replayed`)."""

    program_id: str = Field(alias="programId")
    command_id: str = Field(alias="commandId")
    status: str  # running | stopped
    commands: list[ProgramStep] = Field(default_factory=list)
    replayed: bool = False


class IrrigationLog(WireModel):
    log_id: str = Field(alias="logId")
    valve_id: str = Field(alias="valveId")
    sector_id: str | None = Field(None, alias="sectorId")
    started_at: UtcDateTime = Field(alias="startedAt")
    ended_at: UtcDateTime | None = Field(None, alias="endedAt")
    volume_l: float | None = None
    source: str | None = None  # manual | program
    program_id: str | None = Field(None, alias="programId")
    command_id: str | None = Field(None, alias="commandId")
    auth0_id: str | None = Field(None, alias="auth0Id")
