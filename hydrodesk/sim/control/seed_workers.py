"""The demo farm's workers: realistic Spanish names (with their accents), distinct worker_ids per company.

John Smith (JS0315, hired 2025-03-15) and José Núñez (JN0315, hired the same day) are fixed because the documented
examples and the worker-id rule's tests name them.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hydrodesk.domain.workers import make_worker_id
from hydrodesk.sim.control.workers import SKILLS, insert_worker
from hydrodesk.sim.db import Database
from hydrodesk.sim.http import format_utc

SEED = 20251019
DEMO_COMPANY_NAMES = [
    ("María Fernanda", "García"), ("Juan", "Hernández"), ("Luis", "Martínez"), ("Guadalupe", "López"),
    ("Rosa", "Gómez"), ("Francisco", "Pérez"), ("Alejandro", "Sánchez"), ("Verónica", "Ramírez"),
    ("Jesús", "Flores"), ("Miguel Ángel", "Cruz"), ("Sofía", "Morales"), ("Andrés", "Ortiz"),
    ("Lucía", "Jiménez"), ("Héctor", "Reyes"), ("Raúl", "Castillo"), ("Itzel", "Vázquez"),
    ("Efraín", "Domínguez"), ("Araceli", "Gutiérrez"), ("Tomás", "Ruiz"), ("Adriana", "Mendoza"),
    ("Óscar", "Aguilar"), ("Beatriz", "Álvarez"), ("Rubén", "Chávez"), ("Mónica", "Ríos"),
    ("Iván", "Torres"), ("Elena", "Romero"), ("Ramón", "Herrera"), ("Patricia", "Medina"),
    ("Sergio", "Vargas"), ("Dulce", "Castro"), ("Jorge", "Guzmán"), ("Claudia", "Salazar"),
    ("Víctor", "Ibáñez"), ("Noemí", "Estrada"), ("Ernesto", "Cortés"), ("Yolanda", "Rosales"),
    ("Hugo", "Zúñiga"), ("Marisol", "Villanueva"), ("Agustín", "Cárdenas"), ("Leticia", "Bautista"),
    ("Fidel", "Orozco"), ("Gabriela", "Solís"), ("Carmen", "Delgado"), ("Rogelio", "Montes"),
    ("Karina", "Luna"), ("Esteban", "Cabrera"), ("Nayeli", "Trujillo"), ("Arturo", "Navarro"),
    ("Silvia", "Sandoval"), ("Lorena", "Espinoza"), ("Cristian", "Acosta"), ("Teresa", "Velázquez"),
    ("Jaime", "Rangel"), ("Irma", "Contreras"), ("Ángela", "Peña"), ("Ximena", "Ávila"),
    ("Joaquín", "Muñoz"), ("Begoña", "Ocaña"),
]  # fmt: skip
OTHER_COMPANY_NAMES = [
    ("Pedro", "Garza"), ("Alma", "Treviño"), ("Rodrigo", "Elizondo"), ("Consuelo", "Cantú"),
    ("Mauricio", "Villarreal"), ("Reyna", "Saldaña"), ("Gerardo", "Leal"), ("Paola", "Benavides"),
    ("Ismael", "Quiroga"), ("Diana", "Montemayor"), ("Abel", "Sepúlveda"), ("Nora", "González"),
    ("Saúl", "Hinojosa"), ("Inés", "Barrera"), ("Álvaro", "Tamez"), ("Lidia", "Zapata"),
    ("Fermín", "Galván"), ("Olga", "Puente"),
]  # fmt: skip
EMERGENCY_NAMES = ["Ana", "Pablo", "Rocío", "Enrique", "Josefina", "Manuel", "Alicia", "Felipe"]


def _demo_people() -> list[dict[str, Any]]:
    """The documented examples' fixed people first (hire dates fixed), then everyone else (hire dates drawn)."""
    return [
        {
            "first_name": "John",
            "last_name": "Smith",
            "hire_date": date(2025, 3, 15),
            "phone": "+1234567890",
            "email": "john.smith@example.com",
            "position": "field_worker",
            "employment_type": "full_time",
            "hourly_rate": 18.5,
            "emergency_contact_name": "Jane Smith",
            "emergency_contact_phone": "+1234567891",
            "skills": ["irrigation", "pruning"],
            "notes": "Experienced in avocado and blueberry harvesting",
        },
        {"first_name": "José", "last_name": "Núñez", "hire_date": date(2025, 3, 15)},
    ]


def _position(rng: random.Random, index: int) -> str:
    if index % 17 == 5:
        return "supervisor"
    if index % 13 == 3:
        return "irrigator"
    if index % 19 == 7:
        return "tractor_driver"
    if index % 23 == 11:
        return "quality_inspector"
    if index % 29 == 13:
        return "scout"
    return rng.choice(("harvester", "harvester", "harvester", "field_worker"))


def _status(index: int) -> tuple[str, bool]:
    """(status, terminated?) — a few people are on leave, inactive or gone, as on any real roster."""
    if index in (12, 41):
        return "on_leave", False
    if index == 27:
        return "inactive", False
    if index in (33, 50):
        return "terminated", True
    return "active", False


# Hire dates are drawn back from a fixed day, not from today: a worker ID holds its hire date (make_worker_id), and a
# badge must not change from one day's demo to the next.
HIRED_BEFORE = date(2026, 12, 2)


def build_workers(company_id: str, names: list[tuple[str, str]], rng: random.Random, today: date) -> list[dict]:
    people = _demo_people() if company_id == "comp_12345" else []
    people += [{"first_name": first, "last_name": last} for first, last in names]
    taken: set[str] = set()
    workers = []
    for index, person in enumerate(people):
        hire_date = person.get("hire_date")
        while hire_date is None or make_worker_id(person["first_name"], person["last_name"], hire_date) in taken:
            hire_date = HIRED_BEFORE - timedelta(days=rng.randint(45, 6 * 365))
        worker_id = make_worker_id(person["first_name"], person["last_name"], hire_date)
        taken.add(worker_id)
        status, terminated = _status(index) if index > 1 else ("active", False)
        position = person.get("position") or _position(rng, index)
        seasonal = position in ("harvester", "field_worker") and rng.random() < 0.6
        first_key = person["first_name"].split()[0].lower()
        workers.append(
            {
                "worker_id": worker_id,
                "first_name": person["first_name"],
                "last_name": person["last_name"],
                "phone": person.get("phone") or f"+52 1 443 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                "email": person.get("email")
                or (f"{first_key}.{rng.randint(10, 99)}@correo.mx" if rng.random() < 0.4 else None),
                "position": position,
                "employment_type": person.get("employment_type") or ("seasonal" if seasonal else "full_time"),
                "hire_date": hire_date.isoformat(),
                "termination_date": (today - timedelta(days=rng.randint(5, 40))).isoformat() if terminated else None,
                "status": status,
                "hourly_rate": person.get("hourly_rate") or round(rng.uniform(45, 78), 1),
                "emergency_contact_name": person.get("emergency_contact_name")
                or f"{rng.choice(EMERGENCY_NAMES)} {person['last_name'].split()[0]}",
                "emergency_contact_phone": person.get("emergency_contact_phone")
                or f"+52 1 443 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                "skills": person.get("skills") or sorted(rng.sample(SKILLS, rng.randint(1, 3))),
                "notes": person.get("notes"),
                # Created when they were hired (the roster was loaded over the years): newest hires list first.
                "created_at": format_utc(
                    datetime(hire_date.year, hire_date.month, hire_date.day, 15, 0, tzinfo=UTC)
                    + timedelta(minutes=index)
                ),
            }
        )
    return workers


def object_id(rng: random.Random, moment: datetime) -> str:
    return f"{int(moment.timestamp()) & 0xFFFFFFFF:08x}{rng.getrandbits(64):016x}"


def seed_workers(db: Database, today: date) -> dict[str, list[dict[str, Any]]]:
    """Insert the workers of both companies; return them per company (the production seed draws crews)."""
    rng = random.Random(SEED)
    rosters = {
        "comp_12345": build_workers("comp_12345", DEMO_COMPANY_NAMES, rng, today),
        "comp_67890": build_workers("comp_67890", OTHER_COMPANY_NAMES, rng, today),
    }
    with db.transaction():
        for company_id, workers in rosters.items():
            for worker in workers:
                moment = datetime.fromisoformat(worker["created_at"].replace("Z", "+00:00"))
                insert_worker(db, company_id, object_id(rng, moment), worker, worker["created_at"])
    return rosters
