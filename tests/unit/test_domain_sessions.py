"""Session rules: the local day in the project's timezone, bonus validation, inherited settings, extension, pay."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hydrodesk.domain.sessions import (
    Bonus,
    RuleError,
    check_extension,
    compute_pay,
    format_day,
    local_midnight_utc,
    parse_bonus,
    parse_day_label,
    resolve_settings,
    session_day,
    session_to_show,
)

MEXICO = "America/Mexico_City"  # UTC-6 all year since 2022
LIMA = "America/Lima"  # UTC-5


def test_late_evening_local_belongs_to_that_local_day() -> None:
    # 23:30 in Mexico City on the 19th is already 05:30 on the 20th in UTC.
    assert session_day(datetime(2025, 10, 20, 5, 30, tzinfo=UTC), MEXICO) == date(2025, 10, 19)


def test_just_after_local_midnight_is_the_next_day() -> None:
    assert session_day(datetime(2025, 10, 20, 6, 30, tzinfo=UTC), MEXICO) == date(2025, 10, 20)


def test_same_instant_differs_by_project_timezone() -> None:
    instant = datetime(2025, 10, 20, 5, 30, tzinfo=UTC)
    assert session_day(instant, MEXICO) == date(2025, 10, 19)
    assert session_day(instant, LIMA) == date(2025, 10, 20)


def test_documented_session_day() -> None:
    assert format_day(session_day(datetime(2025, 10, 19, 8, 0, tzinfo=UTC), MEXICO)) == "2025-10-19T00:00:00.000Z"


def test_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        session_day(datetime(2025, 10, 19, 8, 0), MEXICO)


def test_day_label_round_trip_and_local_midnight() -> None:
    assert parse_day_label("2025-10-19T00:00:00.000Z") == date(2025, 10, 19)
    assert local_midnight_utc(date(2025, 10, 19), MEXICO) == datetime(2025, 10, 19, 6, 0, tzinfo=UTC)


def test_bonus_accepts_documented_shapes() -> None:
    assert parse_bonus({"type": "percent", "value": 10, "note": "Bono"}) == Bonus("percent", 10, "Bono")
    assert parse_bonus({"type": "flat", "value": 25}) == Bonus("flat", 25, None)
    assert parse_bonus(None) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("10%", "must be an object"),
        ({"type": "bonus", "value": 10}, "'flat' or 'percent'"),
        ({"type": "percent"}, "bonus.value is required"),
        ({"type": "percent", "value": True}, "must be a number"),
        ({"type": "percent", "value": 101}, "between 0 and 100"),
        ({"type": "percent", "value": -1}, "between 0 and 100"),
        ({"type": "flat", "value": 0}, "positive"),
        ({"type": "flat", "value": 10, "note": 5}, "note must be text"),
    ],
)
def test_bad_bonus_is_refused_with_a_reason(raw: object, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_bonus(raw)


def test_settings_inherit_from_project_and_default_duration_is_12() -> None:
    project = {"samplingUnit": "kg", "pricePerUnit": 1.8, "bonus": {"type": "flat", "value": 25}}
    settings = resolve_settings(project, {"samplingUnit": None, "pricePerUnit": None})
    assert settings.sampling_unit == "kg"
    assert settings.price_per_unit == 1.8
    assert settings.bonus == Bonus("flat", 25)
    assert settings.max_duration_hours == 12


def test_request_overrides_win_and_null_bonus_clears_it() -> None:
    project = {
        "samplingUnit": "box",
        "pricePerUnit": 5.5,
        "bonus": {"type": "percent", "value": 10},
        "maxDurationHours": 10,
    }
    settings = resolve_settings(project, {"pricePerUnit": 6, "maxDurationHours": 14, "bonus": None})
    assert (settings.price_per_unit, settings.max_duration_hours, settings.bonus) == (6, 14, None)
    assert resolve_settings(project, {}).max_duration_hours == 10


def test_extension_must_grow_and_stay_within_24_hours() -> None:
    check_extension(12, 18)
    check_extension(12, 24)
    with pytest.raises(RuleError, match="more than the current 12"):
        check_extension(12, 12)
    with pytest.raises(RuleError, match="may not exceed 24"):
        check_extension(12, 25)


def test_pay_units_times_price_plus_flat_or_percent_bonus() -> None:
    assert compute_pay(10, 5.5, None).total == 55.0
    flat = compute_pay(10, 5.5, Bonus("flat", 25))
    assert (flat.base, flat.bonus, flat.total) == (55.0, 25.0, 80.0)
    percent = compute_pay(10, 5.5, Bonus("percent", 10))
    assert (percent.base, percent.bonus, percent.total) == (55.0, 5.5, 60.5)


def test_no_units_no_bonus_and_negative_tallies_pay_nothing() -> None:
    assert compute_pay(0, 5.5, Bonus("flat", 25)).total == 0
    assert compute_pay(-3, 5.5, Bonus("percent", 10)).total == 0


def test_pay_rounds_to_cents() -> None:
    assert compute_pay(3, 1.115, None).total == 3.35


def test_a_percent_bonus_is_the_percentage_of_the_base_the_payslip_shows() -> None:
    """3 x 1.115 = 3.345 is paid 3.35; 10 % of the 3.35 printed is 0.335, paid 0.34 (10 % of 3.345 would be 0.33,
    a cent short of what a clerk checking the payslip works out)."""
    pay = compute_pay(3, 1.115, Bonus("percent", 10))
    assert (pay.base, pay.bonus, pay.total) == (3.35, 0.34, 3.69)


def test_the_tallies_show_todays_open_session_before_one_left_open_and_mine_before_a_colleagues() -> None:
    today = date(2026, 12, 2)
    left_open_mine = {"session_id": "old", "day": "2025-10-19", "owner_auth0_id": "me"}
    today_colleague = {"session_id": "crew", "day": "2026-12-02", "owner_auth0_id": "carlos"}
    today_mine = {"session_id": "mine", "day": "2026-12-02", "owner_auth0_id": "me"}
    assert session_to_show([left_open_mine, today_colleague, today_mine], "me", today) == today_mine
    assert session_to_show([left_open_mine, today_colleague], "me", today) == today_colleague
    other_day_colleague = {"session_id": "x", "day": "2025-10-18", "owner_auth0_id": "carlos"}
    assert session_to_show([other_day_colleague, left_open_mine], "me", today) == left_open_mine
    assert session_to_show([], "me", today) is None
