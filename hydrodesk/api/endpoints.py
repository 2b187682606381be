"""Every Hydrobit path HydroDesk calls, the server it lives on and how it is authenticated.

This is the one module to realign when the real API's missing pages turn up: nothing else in the codebase spells a
path. Operations marked `provisional=True` come from our own provisional contract
(/work/shared/reference/provisional-contract.md), not from Hydrobit's documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from string import Formatter
from urllib.parse import quote


class Server(Enum):
    PRODUCTION = "production"  # https://api.hydrobit.ag: the /api/control/... endpoints
    IOT = "iot"  # https://iot.hydrobit.ag: /mqtt and the IoT data endpoints


class AuthKind(Enum):
    NONE = "none"
    BEARER_JWT = "bearer"  # user endpoints: Authorization: Bearer <JWT>
    API_KEY = "api_key"  # scoped data endpoints: x-api-key (or Authorization: Bearer keyId.token)
    IOT_TOKEN = "iot_token"  # the short-lived MQTT token: x-iot-token


@dataclass(frozen=True)
class Endpoint:
    method: str
    template: str
    server: Server
    auth: AuthKind
    provisional: bool = False

    def path(self, **params: str) -> str:
        """The path with its placeholders filled; each value is percent-encoded so an id can't add segments."""
        names = {name for _, name, _, _ in Formatter().parse(self.template) if name}
        if names != set(params):
            raise ValueError(f"{self.template} needs {sorted(names)}, got {sorted(params)}")
        return self.template.format(**{name: quote(str(value), safe="") for name, value in params.items()})


_P, _I = Server.PRODUCTION, Server.IOT
_JWT, _KEY, _IOT = AuthKind.BEARER_JWT, AuthKind.API_KEY, AuthKind.IOT_TOKEN

# The signed-in user's company (provisional: lets the office name its company instead of showing its id)
MY_COMPANY = Endpoint("GET", "/api/control/companies/me", _P, _JWT, provisional=True)

# Projects (provisional: the Projects tag is documented, its operations are not)
LIST_PROJECTS = Endpoint("GET", "/api/control/projects", _P, _JWT, provisional=True)
GET_PROJECT = Endpoint("GET", "/api/control/projects/{project_id}", _P, _JWT, provisional=True)

# Forms
GET_FORMS = Endpoint("GET", "/api/control/forms/getForms", _P, _JWT)
SUBMIT_FORM_RECORD = Endpoint("POST", "/api/control/forms/record", _P, _JWT)
# What the user submitted (provisional: lets the office check a submission reached the server)
LIST_FORM_RECORDS = Endpoint("GET", "/api/control/forms/records", _P, _JWT, provisional=True)

# Workers
CREATE_WORKER = Endpoint("POST", "/api/control/workers", _P, _JWT)
LIST_WORKERS = Endpoint("GET", "/api/control/workers", _P, _JWT)
GET_WORKER = Endpoint("GET", "/api/control/workers/{worker}", _P, _JWT)
# The company's "template options" the docs validate against; how to read them is not documented.
WORKER_OPTIONS = Endpoint("GET", "/api/control/workers/options", _P, _JWT, provisional=True)

# Production sessions
OPEN_SESSION = Endpoint("POST", "/api/control/production/sessions", _P, _JWT)
LIST_SESSIONS = Endpoint("GET", "/api/control/production/sessions", _P, _JWT, provisional=True)
GET_SESSION = Endpoint("GET", "/api/control/production/sessions/{session_id}", _P, _JWT)
UPDATE_SESSION = Endpoint("PATCH", "/api/control/production/sessions/{session_id}", _P, _JWT)
# The close path is documented, its body and reply are provisional.
CLOSE_SESSION = Endpoint("POST", "/api/control/production/sessions/{session_id}/close", _P, _JWT, provisional=True)
EXTEND_SESSION = Endpoint("POST", "/api/control/production/sessions/{session_id}/extend", _P, _JWT)
LIST_SESSION_RECORDS = Endpoint(
    "GET", "/api/control/production/sessions/{session_id}/records", _P, _JWT, provisional=True
)

# Production records
CREATE_RECORD = Endpoint("POST", "/api/control/production/records", _P, _JWT)
BULK_CREATE_RECORDS = Endpoint("POST", "/api/control/production/records/bulk", _P, _JWT)
CHECK_IDEMPOTENCY = Endpoint("HEAD", "/api/control/production/records/check-idempotency", _P, _JWT)
GET_RECORD = Endpoint("GET", "/api/control/production/records/{record_id}", _P, _JWT)
VOID_RECORD = Endpoint("POST", "/api/control/production/records/{record_id}/void", _P, _JWT)

# Phytosanitary and harvest (scoped API key)
PHYTOSANITARY_SUMMARY = Endpoint("GET", "/api/control/phytosanitary/summary", _P, _KEY)
PHYTOSANITARY_COMPANY_SUMMARY = Endpoint("GET", "/api/control/phytosanitary/company-summary", _P, _KEY)
PHYTOSANITARY_COMPANY_RECORDS = Endpoint("GET", "/api/control/phytosanitary/company-records", _P, _KEY)
HARVEST = Endpoint("GET", "/api/control/harvest", _P, _KEY)

# IoT server
MQTT_DESCRIPTOR = Endpoint("GET", "/mqtt", _I, _IOT)
ISSUE_IOT_TOKEN = Endpoint("POST", "/api/iot/token", _I, _JWT, provisional=True)
WEATHER = Endpoint("GET", "/api/iot/weather", _I, _KEY, provisional=True)
PLANT = Endpoint("GET", "/api/iot/plant", _I, _KEY, provisional=True)
TELEMETRY_HISTORY = Endpoint("GET", "/api/iot/telemetry", _I, _KEY, provisional=True)
LIST_VALVES = Endpoint("GET", "/api/iot/irrigation/valves", _I, _KEY, provisional=True)
SEND_VALVE_COMMAND = Endpoint("POST", "/api/iot/irrigation/valves/{valve_id}/commands", _I, _KEY, provisional=True)
GET_COMMAND = Endpoint("GET", "/api/iot/irrigation/commands/{command_id}", _I, _KEY, provisional=True)
LIST_PROGRAMS = Endpoint("GET", "/api/iot/irrigation/programs", _I, _KEY, provisional=True)
START_PROGRAM = Endpoint("POST", "/api/iot/irrigation/programs/{program_id}/start", _I, _KEY, provisional=True)
STOP_PROGRAM = Endpoint("POST", "/api/iot/irrigation/programs/{program_id}/stop", _I, _KEY, provisional=True)
IRRIGATION_LOGS = Endpoint("GET", "/api/iot/irrigation/logs", _I, _KEY, provisional=True)

# The identity provider (the profile's OIDC issuer, Hydrobit's Auth0 tenant): only discovery has a fixed path; the
# authorization, device, token and revocation endpoints are the absolute URLs its discovery document names.
OIDC_DISCOVERY_PATH = "/.well-known/openid-configuration"
# Where the loopback redirect of the browser sign-in (RFC 8252) lands on 127.0.0.1.
OIDC_LOOPBACK_CALLBACK_PATH = "/callback"

ALL_ENDPOINTS: dict[str, Endpoint] = {name: value for name, value in globals().items() if isinstance(value, Endpoint)}

# Response header the server sets on an idempotent replay of a record create.
IDEMPOTENT_REPLAY_HEADER = "X-Idempotent-Replay"
