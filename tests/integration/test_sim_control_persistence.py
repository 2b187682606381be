"""A restart loses nothing: writes made through the control endpoints are there when a new simulator process
opens the same data folder (and media URLs follow the new address)."""

from __future__ import annotations

import base64

import httpx

from hydrodesk.sim.launcher import start_simulator

DEMO_USER = "user_123456789"
SESSIONS = "/api/control/production/sessions"
RECORDS = "/api/control/production/records"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_writes_survive_a_restart(fresh_sim) -> None:
    headers = {"Authorization": f"Bearer {fresh_sim.token(DEMO_USER)}"}
    with httpx.Client(base_url=fresh_sim.base_url, headers=headers, timeout=15) as client:
        worker = client.post(
            "/api/control/workers",
            json={
                "first_name": "Úrsula",
                "last_name": "Iñiguez",
                "hire_date": "2024-09-09",
                "position": "harvester",
                "employment_type": "seasonal",
                "photo": "data:image/png;base64," + base64.b64encode(PNG).decode(),
            },
        ).json()["data"]
        session_id = client.post(
            SESSIONS,
            json={
                "projectId": "proj_123",
                "sectorId": "sector_005",
                "sector_name": "Lote C-1",
                "openedAt": "2024-09-10T13:00:00Z",
            },
        ).json()["data"]["sessionId"]
        event = {"sessionId": session_id, "workerId": "UI0909", "worker_name": "Úrsula Iñiguez", "units": 7}
        created = client.post(
            RECORDS, json={**event, "recordedAtUtc": "2024-09-10T15:00:00Z", "clientEventId": "evt_restart"}
        ).json()["data"]["payloadPreview"]
        client.post(f"{SESSIONS}/{session_id}/extend", json={"maxDurationHours": 16})
    fresh_sim.stop()

    restarted = start_simulator(fresh_sim.data_dir, devices=False)
    try:
        with httpx.Client(base_url=restarted.base_url, headers=headers, timeout=15) as client:
            again = client.get(f"/api/control/workers/{worker['workerId']}").json()["data"]
            assert (again["worker_id"], again["first_name"]) == ("UI0909", "Úrsula")
            assert again["photoUrl"].startswith(restarted.base_url + "/media/")
            assert httpx.get(again["photoUrl"], timeout=10).content == PNG

            session = client.get(f"{SESSIONS}/{session_id}").json()["data"]
            assert (session["status"], session["maxDurationHours"], session["totalUnits"]) == ("open", 16, 7)
            replay = client.post(
                RECORDS, json={**event, "recordedAtUtc": "2024-09-10T15:00:00Z", "clientEventId": "evt_restart"}
            )
            assert replay.status_code == 200
            assert replay.json()["data"]["payloadPreview"]["recordId"] == created["recordId"]
            key = f"client:{session_id}:UI0909:evt_restart"
            assert client.head(f"{RECORDS}/check-idempotency", params={"key": key}).status_code == 200
    finally:
        restarted.stop()
