"""Companies, users, projects and sectors: the farm structure every other area of the simulator hangs from.

Also serves the provisional Projects endpoints (GET /api/control/projects[/{projectId}]) and the caller's company
(GET /api/control/companies/me), so HydroDesk can name the company rather than show its id.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hydrodesk.domain.geo import point_in_polygon, square_polygon
from hydrodesk.sim.auth import authenticate_user, check_caller_is
from hydrodesk.sim.db import Database, dumps, loads, register_schema
from hydrodesk.sim.http import HttpError, ok

register_schema(
    """
    CREATE TABLE IF NOT EXISTS companies (
        company_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        timezone TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS users (
        auth0_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL REFERENCES companies(company_id),
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS projects (
        project_id TEXT PRIMARY KEY,
        company_id TEXT NOT NULL REFERENCES companies(company_id),
        name TEXT NOT NULL,
        timezone TEXT NOT NULL,
        crop TEXT NOT NULL,
        variety TEXT NOT NULL,
        settings TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sectors (
        sector_id TEXT PRIMARY KEY,
        project_id TEXT NOT NULL REFERENCES projects(project_id),
        sector_name TEXT NOT NULL,
        area_ha REAL NOT NULL,
        crop TEXT NOT NULL,
        variety TEXT NOT NULL,
        boundary TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sectors_by_project ON sectors(project_id);
    """
)

# ------------------------------------------------------------------------------------------------ seed data
COMPANIES = [
    {"company_id": "comp_12345", "name": "Agrícola San Pedro", "timezone": "America/Mexico_City"},
    {"company_id": "comp_67890", "name": "Berries del Norte", "timezone": "America/Monterrey"},
]
USERS = [
    {
        "auth0_id": "user_123456789",
        "company_id": "comp_12345",
        "name": "María López",
        "email": "maria.lopez@agricolasanpedro.mx",
        "role": "supervisor",
    },
    {
        "auth0_id": "user_987654321",
        "company_id": "comp_12345",
        "name": "Carlos Ramírez",
        "email": "carlos.ramirez@agricolasanpedro.mx",
        "role": "supervisor",
    },
    {
        "auth0_id": "user_555000111",
        "company_id": "comp_67890",
        "name": "Lucía Garza",
        "email": "lucia.garza@berriesdelnorte.mx",
        "role": "manager",
    },
    # Field supervisors whose tablets the live farm plays (hydrodesk.sim.life.crews); added to older farms too.
    {
        "auth0_id": "user_246813579",
        "company_id": "comp_12345",
        "name": "Rosa Hernández",
        "email": "rosa.hernandez@agricolasanpedro.mx",
        "role": "supervisor",
    },
    {
        "auth0_id": "user_864209753",
        "company_id": "comp_12345",
        "name": "Jorge Medina",
        "email": "jorge.medina@agricolasanpedro.mx",
        "role": "supervisor",
    },
    {
        "auth0_id": "user_555000222",
        "company_id": "comp_67890",
        "name": "Pedro Salinas",
        "email": "pedro.salinas@berriesdelnorte.mx",
        "role": "supervisor",
    },
]
_BLUEBERRY_SETTINGS = {
    "samplingUnit": "box",
    "pricePerUnit": 5.5,
    "bonus": {"type": "percent", "value": 10, "note": "Bono de calidad"},
    "maxDurationHours": 12,
}
PROJECTS = [
    {
        "project_id": "proj_123",
        "company_id": "comp_12345",
        "name": "Rancho San Pedro",
        "timezone": "America/Mexico_City",
        "crop": "Blueberry",
        "variety": "Biloxi",
        "settings": _BLUEBERRY_SETTINGS,
        # The documented examples' GPS point (19.4326, -99.1332) lies in sector_001.
        "origin": (-99.1332, 19.4326),
        "sectors": [
            ("sector_001", "Lote A-1", 4.2, "Biloxi"),
            ("sector_002", "Lote A-2", 3.8, "Biloxi"),
            ("sector_003", "Lote B-1", 5.1, "Ventura"),
            ("sector_004", "Lote B-2", 4.6, "Ventura"),
            ("sector_005", "Lote C-1", 2.9, "Emerald"),
        ],
    },
    {
        "project_id": "proj_456",
        "company_id": "comp_12345",
        "name": "Finca El Mirador",
        "timezone": "America/Lima",
        "crop": "Blueberry",
        "variety": "Ventura",
        "settings": {
            "samplingUnit": "kg",
            "pricePerUnit": 1.8,
            "bonus": {"type": "flat", "value": 25, "note": "Bono por jornada completa"},
            "maxDurationHours": 10,
        },
        "origin": (-79.0286, -8.1116),
        "sectors": [
            ("sector_101", "Parcela Norte", 6.3, "Ventura"),
            ("sector_102", "Parcela Sur", 5.7, "Ventura"),
            ("sector_103", "Parcela Este", 4.4, "Biloxi"),
        ],
    },
    {
        "project_id": "proj_789",
        "company_id": "comp_67890",
        "name": "Campo Norte",
        "timezone": "America/Monterrey",
        "crop": "Strawberry",
        "variety": "Albion",
        "settings": {"samplingUnit": "box", "pricePerUnit": 4.0, "bonus": None, "maxDurationHours": 12},
        "origin": (-100.3161, 25.6866),
        "sectors": [("sector_701", "Tabla 1", 3.0, "Albion"), ("sector_702", "Tabla 2", 3.2, "Albion")],
    },
]
SECTOR_SPACING_DEG = 0.004  # ~440 m between sector centres, ~220 m squares


def seed_farm(db: Database) -> None:
    with db.transaction():
        for company in COMPANIES:
            db.execute("INSERT INTO companies VALUES (:company_id, :name, :timezone)", company)
        add_missing_users(db)
        for project in PROJECTS:
            db.execute(
                "INSERT INTO projects VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    project["project_id"],
                    project["company_id"],
                    project["name"],
                    project["timezone"],
                    project["crop"],
                    project["variety"],
                    dumps(project["settings"]),
                ),
            )
            lon0, lat0 = project["origin"]
            for index, (sector_id, sector_name, area_ha, variety) in enumerate(project["sectors"]):
                # The first sector is centred on the project's origin so documented GPS points land in it.
                lon = lon0 + (index % 3) * SECTOR_SPACING_DEG
                lat = lat0 - (index // 3) * SECTOR_SPACING_DEG
                db.execute(
                    "INSERT INTO sectors VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        sector_id,
                        project["project_id"],
                        sector_name,
                        area_ha,
                        project["crop"],
                        variety,
                        dumps(square_polygon(lon, lat, SECTOR_SPACING_DEG / 2.2)),
                    ),
                )


def add_missing_users(db: Database) -> int:
    """Add the people of USERS a farm seeded by an older version lacks; returns how many were added."""
    before = db.scalar("SELECT COUNT(*) FROM users")
    for user in USERS:
        db.execute("INSERT OR IGNORE INTO users VALUES (:auth0_id, :company_id, :name, :email, :role)", user)
    return db.scalar("SELECT COUNT(*) FROM users") - before


# ------------------------------------------------------------------------------------------------ reading
def _sector_json(row: Any) -> dict[str, Any]:
    return {
        "sectorId": row["sector_id"],
        "sector_name": row["sector_name"],
        "area_ha": row["area_ha"],
        "crop": row["crop"],
        "variety": row["variety"],
        "boundary": loads(row["boundary"]),
    }


def _project_json(db: Database, row: Any) -> dict[str, Any]:
    sectors = db.all("SELECT * FROM sectors WHERE project_id = ? ORDER BY sector_id", (row["project_id"],))
    return {
        "projectId": row["project_id"],
        "companyId": row["company_id"],
        "name": row["name"],
        "timezone": row["timezone"],
        "crop": row["crop"],
        "variety": row["variety"],
        "settings": loads(row["settings"]),
        "sectors": [_sector_json(sector) for sector in sectors],
    }


def list_projects(db: Database, company_id: str) -> list[dict[str, Any]]:
    rows = db.all("SELECT * FROM projects WHERE company_id = ? ORDER BY project_id", (company_id,))
    return [_project_json(db, row) for row in rows]


def get_project(db: Database, project_id: str) -> dict[str, Any] | None:
    row = db.one("SELECT * FROM projects WHERE project_id = ?", (project_id,))
    return None if row is None else _project_json(db, row)


def project_of_company(db: Database, company_id: str, project_id: str) -> dict[str, Any]:
    """The project, or 404 when it does not exist and 403 when it belongs to another company."""
    project = get_project(db, project_id)
    if project is None:
        raise HttpError(404, f"Project {project_id} was not found.", "project_not_found")
    if project["companyId"] != company_id:
        raise HttpError(403, f"Project {project_id} belongs to another company.", "forbidden_project")
    return project


def sector_of_company(db: Database, company_id: str, sector_id: str) -> dict[str, Any]:
    """The sector with its `projectId` and the project's `timezone`; 404 or 403 as for projects."""
    row = db.one(
        "SELECT s.*, p.company_id, p.timezone, p.name AS project_name FROM sectors s "
        "JOIN projects p USING (project_id) WHERE s.sector_id = ?",
        (sector_id,),
    )
    if row is None:
        raise HttpError(404, f"Sector {sector_id} was not found.", "sector_not_found")
    if row["company_id"] != company_id:
        raise HttpError(403, f"Sector {sector_id} belongs to another company.", "forbidden_sector")
    return {
        **_sector_json(row),
        "projectId": row["project_id"],
        "project_name": row["project_name"],
        "timezone": row["timezone"],
    }


def company_of(db: Database, company_id: str) -> dict[str, Any]:
    row = db.one("SELECT company_id, name, timezone FROM companies WHERE company_id = ?", (company_id,))
    if row is None:  # a user always belongs to a seeded company; a missing one is a broken data folder
        raise HttpError(404, f"Company {company_id} was not found.", "company_not_found")
    return {"companyId": row["company_id"], "name": row["name"], "timezone": row["timezone"]}


def company_timezone(db: Database, company_id: str) -> str:
    return db.scalar("SELECT timezone FROM companies WHERE company_id = ?", (company_id,)) or "UTC"


def locate(db: Database, company_id: str, lat: float, lon: float) -> tuple[str | None, str | None]:
    """(projectId, sectorId) of the company's sector containing the point; (None, None) when outside all."""
    rows = db.all(
        "SELECT s.sector_id, s.project_id, s.boundary FROM sectors s JOIN projects p USING (project_id) "
        "WHERE p.company_id = ?",
        (company_id,),
    )
    for row in rows:
        if point_in_polygon(lon, lat, loads(row["boundary"])):
            return row["project_id"], row["sector_id"]
    return None, None


# ------------------------------------------------------------------------------------------------ routes
async def list_projects_route(request: Request) -> Response:
    user = authenticate_user(request)
    check_caller_is(user, request.query_params.get("auth0Id"))
    return ok(list_projects(request.app.state.ctx.db, user.company_id))


async def get_project_route(request: Request) -> Response:
    user = authenticate_user(request)
    check_caller_is(user, request.query_params.get("auth0Id"))
    return ok(project_of_company(request.app.state.ctx.db, user.company_id, request.path_params["projectId"]))


async def my_company_route(request: Request) -> Response:
    user = authenticate_user(request)
    check_caller_is(user, request.query_params.get("auth0Id"))
    return ok(company_of(request.app.state.ctx.db, user.company_id))


def routes() -> list[Route]:
    return [
        Route("/api/control/companies/me", my_company_route, methods=["GET"]),
        Route("/api/control/projects", list_projects_route, methods=["GET"]),
        Route("/api/control/projects/{projectId}", get_project_route, methods=["GET"]),
    ]
