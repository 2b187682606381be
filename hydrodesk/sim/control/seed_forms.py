"""The demo farm's forms and two months of phytosanitary scouting.

Forms: a phytosanitary monitoring form per company, a harvest quality inspection (`form_abc123`, the id the
documented submit example uses), an irrigation check, and task forms assigned to the demo users.

Scouting: every sector is walked every third day over the last ~60 days; each walk samples four points inside the
sector. Pest pressure follows a slow seasonal wave that differs per sector and per pest, so summaries show
hot spots and trends rather than noise.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hydrodesk.sim.control.forms import (
    MONITORING_SUBTYPE,
    PHYTOSANITARY_TYPE,
    TASKS_SUBTYPE,
    field,
    insert_form,
)
from hydrodesk.sim.db import Database, dumps
from hydrodesk.sim.http import format_utc

SEED = 6_0_2025
DAYS_BACK = 60
VISIT_EVERY_DAYS = 3
POINTS_PER_VISIT = 4

# (field name, label, pest or disease, base presence probability, typical count when present)
PESTS = [
    ("aphids", "Aphids (Pulgón)", "pest", 0.22, 14),
    ("thrips", "Thrips (Trips)", "pest", 0.18, 9),
    ("spider_mite", "Spider mite (Araña roja)", "pest", 0.12, 20),
    ("spotted_wing_drosophila", "Spotted wing drosophila (Mosca del vinagre)", "pest", 0.08, 4),
    ("botrytis", "Botrytis (Moho gris)", "disease", 0.15, 5),
    ("anthracnose", "Anthracnose (Antracnosis)", "disease", 0.07, 3),
]
# The outbreaks the demo always shows, one in each of its company's projects: Lote B-1 has aphids at most points,
# Parcela Este grey mould; like any hot spot under watch each is walked every day, so the scouting pane's last
# 7 days have a sector in Alert whichever project is chosen, at any hour.
APHID_HOT_SPOT = "sector_003"
HOT_SPOTS = {APHID_HOT_SPOT: "aphids", "sector_103": "botrytis"}  # sector -> its pest or disease
HOT_SPOT_PRESENCE = 0.7
# How much of each pest's base presence a sector sees, by its place in the project: a farm has clean blocks and
# troubled ones. Every sector at full pressure put every sector of the demo in Alert every week (six pests, one of
# them over its threshold somewhere), and the map and the heatmap told nothing apart. Most detections are light.
SECTOR_PRESSURE = (0.15, 0.05, 0.1, 0.3, 0.7)
SEVERITY_RATE = 2.0  # grade 1 in 86 % of detections, 2 in 12 %
PHENOLOGY = ["Brotación", "Floración", "Cuajado", "Fruto verde", "Envero", "Cosecha"]
SCOUTS = {"comp_12345": ["user_123456789", "user_987654321"], "comp_67890": ["user_555000111"]}


def phyto_form_fields() -> list[dict[str, Any]]:
    fields = [
        field(name, label, "pest_disease", minimum=0, maximum=100_000, unit="count", variable_type=kind)
        for name, label, kind, _, _ in PESTS
    ]
    return [
        field("phenology", "Etapa fenológica", "select", options=PHENOLOGY),
        *fields,
        field("notes", "Observaciones", "textarea"),
        field("photo", "Foto", "photo"),
    ]


def forms_for(company_id: str, created_at: str) -> list[dict[str, Any]]:
    suffix = "" if company_id == "comp_12345" else "_701"
    forms: list[dict[str, Any]] = [
        {
            "form_id": f"form_phyto{suffix or '_001'}",
            "company_id": company_id,
            "name": "Monitoreo fitosanitario",
            "description": "Conteo de plagas y enfermedades por punto de muestreo; severidad 0–4.",
            "type": PHYTOSANITARY_TYPE,
            "subtype": MONITORING_SUBTYPE,
            "fields": phyto_form_fields(),
            "created_at": created_at,
        }
    ]
    if company_id != "comp_12345":
        return forms
    forms += [
        {
            "form_id": "form_abc123",
            "company_id": company_id,
            "name": "Inspección de calidad de cosecha",
            "description": "Muestra de 100 frutos por lote antes de embarque.",
            "type": "inspection",
            "subtype": MONITORING_SUBTYPE,
            "fields": [
                field("lot_code", "Código de lote", "text", required=True),
                field("sample_size", "Frutos en la muestra", "number", required=True, minimum=1, maximum=1000),
                field("brix", "Grados Brix", "number", minimum=0, maximum=30, unit="°Bx"),
                field("firmness", "Firmeza", "select", options=["Firme", "Media", "Blanda"]),
                field(
                    "defects",
                    "Defectos",
                    "multiselect",
                    options=["Deshidratado", "Herida", "Hongo", "Sobremaduro", "Sin pruina"],
                ),
                field("approved", "Lote aprobado", "boolean", required=True),
                field("photo", "Foto del lote", "photo"),
                field("signature", "Firma del inspector", "signature"),
            ],
            "created_at": created_at,
        },
        {
            "form_id": "form_irrigation_check",
            "company_id": company_id,
            "name": "Revisión de riego",
            "description": "Recorrido de líneas de goteo y filtros.",
            "type": "irrigation",
            "subtype": MONITORING_SUBTYPE,
            "fields": [
                field("leaks_found", "Fugas encontradas", "number", required=True, minimum=0, maximum=500),
                field("filters_clean", "Filtros limpios", "boolean", required=True),
                field("pressure_bar", "Presión en cabezal", "number", minimum=0, maximum=10, unit="bar"),
                field("last_flush", "Último lavado de líneas", "date"),
                field("voice_note", "Nota de voz", "audio"),
            ],
            "created_at": created_at,
        },
        _task("form_task_001", "Revisar goteros tapados en Lote A-2", "user_123456789", "sector_002", 2, created_at),
        _task("form_task_002", "Muestreo de suelo en Lote B-1", "user_123456789", "sector_003", 5, created_at),
        _task("form_task_003", "Calibrar aspersora de mochila", "user_987654321", "sector_101", 3, created_at),
    ]
    return forms


def _task(form_id: str, name: str, assignee: str, sector_id: str, due_in_days: int, created_at: str) -> dict:
    created = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    return {
        "form_id": form_id,
        "company_id": "comp_12345",
        "name": name,
        "description": "Tarea asignada desde la oficina.",
        "type": "task",
        "subtype": TASKS_SUBTYPE,
        "fields": [
            field("done", "Tarea realizada", "boolean", required=True),
            field("comments", "Comentarios", "textarea"),
            field("photo", "Evidencia", "photo"),
        ],
        "assigned_to": assignee,
        "task_status": "pending",
        # Due a few days from the demo's today (the forms were created DAYS_BACK + 30 days ago), so the demo's
        # open tasks are upcoming, not months overdue.
        "due_date": (created + timedelta(days=DAYS_BACK + 30 + due_in_days)).date().isoformat(),
        "project_id": "proj_123" if sector_id.startswith("sector_00") else "proj_456",
        "sector_id": sector_id,
        "created_at": created_at,
    }


def _pressure(day_number: int, sector_index: int, pest_index: int) -> float:
    """A slow wave (period ~40 days) shifted per sector and pest: 0.3–1.7 times the base probability."""
    phase = (sector_index * 1.3 + pest_index * 0.9) % (2 * math.pi)
    return 1 + 0.7 * math.sin(2 * math.pi * day_number / 40 + phase)


def _point_in(boundary: dict[str, Any], rng: random.Random) -> tuple[float, float]:
    ring = boundary["coordinates"][0]
    lons = [point[0] for point in ring]
    lats = [point[1] for point in ring]
    # Stay inside the square's middle 80 % so the point lies well within the sector.
    lon = min(lons) + (max(lons) - min(lons)) * (0.1 + 0.8 * rng.random())
    lat = min(lats) + (max(lats) - min(lats)) * (0.1 + 0.8 * rng.random())
    return round(lat, 6), round(lon, 6)


def _scouting_values(
    rng: random.Random, day_number: int, sector_index: int, phenology: str, hot_pest: str | None = None
) -> list[dict]:
    values: list[dict[str, Any]] = [{"name": "phenology", "value": phenology}]
    for pest_index, (name, _, _, base, typical) in enumerate(PESTS):
        sector_share = SECTOR_PRESSURE[sector_index % len(SECTOR_PRESSURE)]
        chance = min(0.95, base * sector_share * _pressure(day_number, sector_index, pest_index))
        if name == hot_pest:
            chance = HOT_SPOT_PRESENCE
        present = rng.random() < chance
        if present:
            count = max(1, round(rng.expovariate(1 / typical)))
            severity = min(4, 1 + int(rng.expovariate(SEVERITY_RATE)))
            values.append({"name": name, "value": count, "severity": severity})
        else:
            values.append({"name": name, "value": 0, "severity": 0})
    return values


def seed_forms(db: Database, projects: list[dict[str, Any]], users: dict[str, str], today: date) -> None:
    """Insert the forms and the scouting records (users: auth0Id -> display name)."""
    rng = random.Random(SEED)
    created_at = format_utc(datetime.combine(today - timedelta(days=DAYS_BACK + 30), time(15, 0), UTC))
    rows: list[tuple[Any, ...]] = []
    for project in projects:
        for sector_index, sector in enumerate(project["sectors"]):
            for offset in range(DAYS_BACK, 0, -1):
                day = today - timedelta(days=offset)
                if not is_scouting_day(day, sector_index, sector["sectorId"]):
                    continue
                phenology = PHENOLOGY[min(len(PHENOLOGY) - 1, (DAYS_BACK - offset) * len(PHENOLOGY) // 61)]
                rows += scouting_walk_rows(rng, project, sector, sector_index, day, phenology, users)
    with db.transaction():
        for company_id in SCOUTS:
            for form in forms_for(company_id, created_at):
                insert_form(db, form)
        insert_form_records(db, rows)


def insert_form_records(db: Database, rows: list[tuple[Any, ...]]) -> None:
    db.connection.executemany(
        "INSERT INTO form_records (record_id, company_id, form_id, form_type, auth0_id, user_name, project_id, "
        "sector_id, latitude, longitude, form_values, inicio, segundos, record_time, local_day, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _day_number(day: date) -> int:
    return (day - date(2025, 1, 1)).days


def is_scouting_day(day: date, sector_index: int, sector_id: str | None = None) -> bool:
    """Every sector is walked every third day, the sectors of a project on staggered days; the hot spot daily."""
    return sector_id in HOT_SPOTS or (_day_number(day) + sector_index) % VISIT_EVERY_DAYS == 0


def scouting_walk_rows(
    rng: random.Random,
    project: dict[str, Any],
    sector: dict[str, Any],
    sector_index: int,
    day: date,
    phenology: str,
    users: dict[str, str],
) -> list[tuple[Any, ...]]:
    """One morning's walk through a sector: POINTS_PER_VISIT form_records rows (columns of insert_form_records)."""
    company_id = project["companyId"]
    form_id = "form_phyto_001" if company_id == "comp_12345" else "form_phyto_701"
    scouts = SCOUTS[company_id]
    day_number = _day_number(day)
    scout = scouts[(day_number + sector_index) % len(scouts)]
    walk_start = datetime.combine(day, time(8, rng.randint(0, 50)), ZoneInfo(project["timezone"]))
    hot_pest = HOT_SPOTS.get(sector["sectorId"])
    rows = []
    for point in range(POINTS_PER_VISIT):
        observed = (walk_start + timedelta(minutes=12 * point + rng.randint(0, 6))).astimezone(UTC)
        seconds = rng.randint(60, 300)
        latitude, longitude = _point_in(sector["boundary"], rng)
        rows.append(
            (f"frec_{rng.getrandbits(64):016x}", company_id, form_id, PHYTOSANITARY_TYPE, scout,
             users[scout], project["projectId"], sector["sectorId"], latitude, longitude,
             dumps(_scouting_values(rng, day_number, sector_index, phenology, hot_pest)), format_utc(observed),
             seconds, format_utc(observed), day.isoformat(),
             format_utc(observed + timedelta(seconds=seconds + rng.randint(5, 900))))
        )  # fmt: skip
    return rows
