"""The app's side of the MQTT topic tree (provisional-contract.md): what to subscribe to, and what a topic says.

Per device, under `{topicPrefix}/{projectId}/{deviceId}/`: `telemetry`, `state`, `ack`, `status` (device ->
app) and `cmd` (app -> device). The IoT token names the prefix: `connect/{companyId}` today; a prefix that
already includes the project (`connect/{companyId}/{projectId}`, the contract's other reading) works too.
All topic patterns live here, so aligning with the real Hydrobit topics is a change to this module.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, NamedTuple


class Kind(StrEnum):
    TELEMETRY = "telemetry"
    STATE = "state"
    ACK = "ack"
    STATUS = "status"
    CMD = "cmd"


INBOUND: Final = (Kind.TELEMETRY, Kind.STATE, Kind.STATUS, Kind.ACK)
INBOUND_QOS: Final = {Kind.TELEMETRY: 0, Kind.STATE: 1, Kind.STATUS: 1, Kind.ACK: 1}
COMMAND_QOS: Final = 1
ROOT: Final = "connect"


class Route(NamedTuple):
    project_id: str
    device_id: str
    kind: Kind


MAX_KNOWN_TOPICS: Final = 10_000
_UNKNOWN: Final = object()


class TopicPlan:
    """The subscriptions for one company prefix, and the parser of the topics they deliver."""

    def __init__(self, topic_prefix: str) -> None:
        prefix = topic_prefix.strip("/")
        parts = prefix.split("/")
        if not prefix or any(not part or part in ("+", "#") for part in parts):
            raise ValueError(f"not a topic prefix: {topic_prefix!r}")
        if parts[0] == ROOT and len(parts) == 3:
            # The prefix names the project already: only the device level is open.
            self._fixed_project: str | None = parts[2]
            self._company_prefix = "/".join(parts[:2])
        else:
            self._fixed_project = None
            self._company_prefix = prefix
        self.prefix = prefix
        self._routes: dict[str, Route | None] = {}

    def subscriptions(self) -> list[tuple[str, int]]:
        """(filter, QoS) for every inbound kind: `{prefix}/+/+/telemetry` and so on."""
        project = self._fixed_project or "+"
        return [(f"{self._company_prefix}/{project}/+/{kind}", INBOUND_QOS[kind]) for kind in INBOUND]

    def parse(self, topic: str) -> Route | None:
        """Who sent a message and what it is; None for a topic outside this plan. The answers for the topics seen
        are remembered (a farm's devices send on a few hundred topics, thousands of times a second)."""
        known = self._routes.get(topic, _UNKNOWN)
        if known is not _UNKNOWN:
            return known  # type: ignore[return-value]  # not the sentinel, so a Route or None (no cast: hot path)
        route = self._parse(topic)
        if len(self._routes) < MAX_KNOWN_TOPICS:
            self._routes[topic] = route
        return route

    def _parse(self, topic: str) -> Route | None:
        if not topic.startswith(self._company_prefix + "/"):
            return None
        rest = topic[len(self._company_prefix) + 1 :].split("/")
        if len(rest) != 3 or not rest[0] or not rest[1]:
            return None
        project_id, device_id, kind = rest
        if self._fixed_project is not None and project_id != self._fixed_project:
            return None
        try:
            return Route(project_id, device_id, Kind(kind))
        except ValueError:
            return None

    def command_topic(self, project_id: str, device_id: str) -> str:
        for part in (project_id, device_id):
            if not part or any(char in part for char in "/+#"):
                raise ValueError(f"not a topic level: {part!r}")
        return f"{self._company_prefix}/{project_id}/{device_id}/{Kind.CMD}"
