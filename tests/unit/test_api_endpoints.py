"""endpoints.py is the only place a Hydrobit path is spelled, and it fills paths safely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hydrodesk.api import endpoints as ep

PACKAGE = Path(ep.__file__).resolve().parents[1]


def test_placeholders_are_percent_encoded_so_an_id_cannot_add_segments() -> None:
    assert ep.GET_WORKER.path(worker="../../admin") == "/api/control/workers/..%2F..%2Fadmin"
    assert ep.GET_SESSION.path(session_id="6507f1e3c9d8e2a4b1f9c3d5") == (
        "/api/control/production/sessions/6507f1e3c9d8e2a4b1f9c3d5"
    )


def test_missing_or_extra_placeholders_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="record_id"):
        ep.VOID_RECORD.path()
    with pytest.raises(ValueError, match="extra"):
        ep.LIST_PROJECTS.path(extra="x")


def test_servers_and_auth_follow_the_documentation() -> None:
    production = {name for name, e in ep.ALL_ENDPOINTS.items() if e.server is ep.Server.PRODUCTION}
    assert all(ep.ALL_ENDPOINTS[name].template.startswith("/api/control/") for name in production)
    iot = {e.template for e in ep.ALL_ENDPOINTS.values() if e.server is ep.Server.IOT}
    assert "/mqtt" in iot
    assert all(path == "/mqtt" or path.startswith("/api/iot/") for path in iot)
    assert ep.MQTT_DESCRIPTOR.auth is ep.AuthKind.IOT_TOKEN
    assert ep.ISSUE_IOT_TOKEN.auth is ep.AuthKind.BEARER_JWT
    api_key_paths = {e.template for e in ep.ALL_ENDPOINTS.values() if e.auth is ep.AuthKind.API_KEY}
    assert "/api/control/harvest" in api_key_paths
    assert "/api/control/phytosanitary/summary" in api_key_paths


def test_our_own_contract_is_marked_provisional() -> None:
    provisional = {e.template for e in ep.ALL_ENDPOINTS.values() if e.provisional}
    assert "/api/control/projects" in provisional
    assert "/api/control/companies/me" in provisional
    assert "/api/iot/irrigation/valves" in provisional
    assert "/api/control/production/records" not in provisional
    assert "/mqtt" not in provisional


def test_no_other_app_module_spells_a_hydrobit_path() -> None:
    # The simulator is the server, not the client: it has its own routes.
    offenders = []
    for source in PACKAGE.rglob("*.py"):
        relative = source.relative_to(PACKAGE).as_posix()
        if relative.startswith("sim/") or relative == "api/endpoints.py":
            continue
        if re.search(r"""["'](/api/(control|iot)/|/mqtt["'])""", source.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == []
