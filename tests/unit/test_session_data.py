"""SessionData (hydrodesk.domain.session_data) is the shape of the session dicts the office passes around: it
must name exactly what the server's Session model dumps, or the type checker would vouch for keys that are not
there."""

from __future__ import annotations

from hydrodesk.api.models_production import Session
from hydrodesk.domain.session_data import BonusData, SessionData

WIRE_SESSION = {
    "sessionId": "ses_1",
    "companyId": "co_1",
    "projectId": "proj_1",
    "auth0Id": "auth0|me",
    "sectorId": "sec_1",
    "sector_name": "Cuartel 4",
    "timezone": "America/Santiago",
    "day": "2025-10-19T00:00:00.000Z",
    "status": "open",
    "openedAt": "2025-10-19T11:30:00.000Z",
    "maxDurationHours": 12,
    "samplingUnit": "box",
    "pricePerUnit": 450.0,
    "bonus": {"type": "percent", "value": 10},
}


def test_session_data_names_every_field_of_the_server_session_and_no_other() -> None:
    assert SessionData.__required_keys__ | SessionData.__optional_keys__ == set(Session.model_fields)


def test_a_server_session_in_json_form_has_every_required_key() -> None:
    data = Session.model_validate(WIRE_SESSION).to_data()

    assert SessionData.__required_keys__ <= set(data)
    assert data["day"] == "2025-10-19T00:00:00.000Z"  # the API's label, as the cache has always kept it
    assert data["opened_at"] == "2025-10-19T11:30:00.000Z"
    bonus = data["bonus"]
    assert bonus is not None
    assert set(bonus) == BonusData.__required_keys__ | BonusData.__optional_keys__
