"""Clearing the cache: every table of server data emptied, the office's own work (the outbox) never touched.

Each table is named on one side or the other, and a test checks that every table of the schema is: a new table
must be classed on purpose, so one holding local work can never be emptied by "Clear cache" by default.
"""

from __future__ import annotations

from sqlalchemy import Connection

# What the server sent: the next refresh downloads it again. Their refresh marks go too, so that refresh is full.
CACHE_TABLES = (
    "companies",
    "projects",
    "sectors",
    "workers",
    "sessions",
    "records",
    "record_sums",
    "telemetry_rollups",
    "forms",
    "phyto_records",
    "documents",
    "weather_points",
    "plant_points",
    "valves",
    "programs",
    "irrigation_logs",
    "refresh_marks",
)
# What the office did and the server may not have yet: kept whatever the user clears.
KEPT_TABLES = (
    "outbox",
    "local_ids",  # sessions opened offline and the server ids they got: entries still waiting refer to them
    "alarm_journal",  # who acknowledged what: the office's own record, on no server
    "alarm_rules",  # thresholds the user set
)


def clear_cache(conn: Connection) -> int:
    """Empty every cache table; returns how many rows went."""
    removed = 0
    for table in CACHE_TABLES:
        removed += conn.exec_driver_sql(f"DELETE FROM {table}").rowcount or 0  # the table names are the constants above
    return removed
