"""The client against the running simulator: credentials, projects, workers and forms over real HTTP."""

from __future__ import annotations

import base64
import zlib
from collections.abc import AsyncIterator
from datetime import date
from struct import pack

import httpx
import pytest
import pytest_asyncio

from hydrodesk.api.auth import Credentials
from hydrodesk.api.client import HydrobitClient
from hydrodesk.api.config import ApiConfig
from hydrodesk.api.errors import AuthExpired, Conflict, CredentialsMissing, Forbidden, NotFound, ValidationFailed
from hydrodesk.api.models import FormRecord, NewWorker
from hydrodesk.sim.launcher import run_cli

DEMO_USER = "user_123456789"


def connect(simulator, user: str = DEMO_USER, *, token: str | None = None) -> HydrobitClient:
    credentials = Credentials(user, bearer_token=token if token is not None else simulator.token(user))
    return HydrobitClient(ApiConfig.single_origin(simulator.base_url, timeout=15.0), credentials)


@pytest_asyncio.fixture
async def client(sim) -> AsyncIterator[HydrobitClient]:
    async with connect(sim) as api:
        yield api


# ------------------------------------------------------------------------------------------------ credentials
@pytest.mark.asyncio
async def test_a_bad_token_asks_the_user_to_sign_in_again(sim) -> None:
    async with connect(sim, token="not.a.jwt") as api:
        with pytest.raises(AuthExpired) as caught:
            await api.list_projects()
    assert caught.value.status_code == 401
    assert caught.value.user_message == "Your session has expired. Sign in again."


@pytest.mark.asyncio
async def test_an_expired_token_is_refused(sim) -> None:
    expired = run_cli("token", "--data", str(sim.data_dir), "--user", DEMO_USER, "--expires-in", "-60")
    async with connect(sim, token=expired) as api:
        with pytest.raises(AuthExpired) as caught:
            await api.get_project("proj_123")
    assert caught.value.server_error == "token_expired"
    assert "Sign in again" in caught.value.user_message


@pytest.mark.asyncio
async def test_without_a_token_nothing_is_sent(sim) -> None:
    async with HydrobitClient(ApiConfig.single_origin(sim.base_url), Credentials(DEMO_USER)) as api:
        with pytest.raises(CredentialsMissing) as caught:
            await api.list_projects()
    assert "Sign in" in caught.value.user_message
    assert caught.value.status_code is None


@pytest.mark.asyncio
async def test_the_token_names_the_user_and_company(sim) -> None:
    credentials = Credentials(DEMO_USER, bearer_token=sim.token(DEMO_USER))
    assert credentials.display_name == "María López"
    assert credentials.company_id == "comp_12345"


# ------------------------------------------------------------------------------------------------ company
@pytest.mark.asyncio
async def test_the_users_company_has_a_name_and_a_timezone(sim, client: HydrobitClient) -> None:
    company = await client.get_my_company()
    assert (company.company_id, company.name, company.timezone) == (
        "comp_12345",
        "Agrícola San Pedro",
        "America/Mexico_City",
    )
    async with connect(sim, "user_555000111") as other:
        assert (await other.get_my_company()).name == "Berries del Norte"


@pytest.mark.asyncio
async def test_the_company_is_only_told_to_its_own_signed_in_user(sim) -> None:
    async with HydrobitClient(ApiConfig.single_origin(sim.base_url), Credentials(DEMO_USER)) as api:
        with pytest.raises(CredentialsMissing):
            await api.get_my_company()
    async with connect(sim, token="not.a.jwt") as api:
        with pytest.raises(AuthExpired):
            await api.get_my_company()
    # auth0Id must name the signed-in user, as on every user endpoint.
    async with httpx.AsyncClient(base_url=sim.base_url) as http:
        reply = await http.get(
            "/api/control/companies/me",
            params={"auth0Id": "user_555000111"},
            headers={"Authorization": f"Bearer {sim.token(DEMO_USER)}"},
        )
    assert reply.status_code == 403
    assert reply.json()["error"] == "auth0id_mismatch"


# ------------------------------------------------------------------------------------------------ projects
@pytest.mark.asyncio
async def test_projects_of_the_users_company_with_sectors_and_settings(client: HydrobitClient) -> None:
    projects = {project.project_id: project for project in await client.list_projects()}
    assert {"proj_123", "proj_456"} <= set(projects)
    assert all(project.company_id == "comp_12345" for project in projects.values())
    rancho = await client.get_project("proj_123")
    assert rancho == projects["proj_123"]
    assert (rancho.name, rancho.timezone) == ("Rancho San Pedro", "America/Mexico_City")
    assert projects["proj_456"].timezone == "America/Lima"
    sector = next(sector for sector in rancho.sectors if sector.sector_id == "sector_001")
    assert sector.sector_name == "Lote A-1"
    assert sector.boundary is not None
    assert sector.boundary["type"] == "Polygon"
    assert rancho.settings.max_duration_hours >= 1


@pytest.mark.asyncio
async def test_another_companys_project_is_forbidden_and_an_unknown_one_not_found(client: HydrobitClient) -> None:
    with pytest.raises(Forbidden):
        await client.get_project("proj_789")
    with pytest.raises(NotFound) as caught:
        await client.get_project("proj_does_not_exist")
    assert caught.value.status_code == 404


# ------------------------------------------------------------------------------------------------ workers
@pytest.mark.asyncio
async def test_workers_page_newest_first_within_the_limits(client: HydrobitClient) -> None:
    first = await client.list_workers(limit=5)
    second = await client.list_workers(limit=5, page=2)
    assert first.total >= 50
    assert (first.page, first.page_size, len(first.items)) == (1, 5, 5)
    assert {w.uid for w in first.items}.isdisjoint({w.uid for w in second.items})
    created = [worker.created_at for worker in first.items + second.items]
    assert all(stamp is not None for stamp in created)
    assert created == sorted(created, reverse=True)  # type: ignore[type-var]
    default = await client.list_workers()
    assert default.page_size == 25
    widest = await client.list_workers(limit=100)
    assert len(widest.items) == min(100, widest.total)
    with pytest.raises(ValueError, match="limit"):
        await client.list_workers(limit=101)


@pytest.mark.asyncio
async def test_workers_can_be_searched_and_fetched_by_either_id(client: HydrobitClient) -> None:
    found = await client.list_workers(query="JS0315")
    assert [worker.full_name for worker in found.items] == ["John Smith"]
    by_business_id = await client.get_worker("JS0315")
    by_uid = await client.get_worker(by_business_id.uid)
    assert by_uid == by_business_id
    assert by_uid.hire_date is not None
    assert by_uid.hire_date.strftime("%m%d") == "0315"
    with pytest.raises(NotFound):
        await client.get_worker("ZZ9999")


@pytest.mark.asyncio
async def test_listing_another_companys_workers_is_forbidden(client: HydrobitClient) -> None:
    with pytest.raises(Forbidden) as caught:
        await client.list_workers(company_id="comp_67890")
    assert caught.value.status_code == 403
    own = await client.list_workers(company_id="comp_12345", limit=1)
    assert own.total >= 50


@pytest.mark.asyncio
async def test_worker_template_options(client: HydrobitClient) -> None:
    options = await client.worker_options()
    assert "field_worker" in options.positions
    assert "full_time" in options.employment_types


def _tiny_png_data_url() -> str:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )
    return "data:image/png;base64," + base64.b64encode(png).decode()


@pytest.mark.asyncio
async def test_creating_workers_is_idempotent_and_validated(fresh_sim) -> None:
    async with connect(fresh_sim) as api:
        before = (await api.list_workers(limit=1)).total
        new = NewWorker(
            first_name="Ánibal",
            last_name="Quiñones",
            position="harvester",
            employment_type="seasonal",
            hire_date=date(2024, 7, 4),
            hourly_rate=18.5,
            skills=["harvesting", "not_a_template_skill"],
            photo=_tiny_png_data_url(),
        )
        first = await api.create_worker(new)
        assert first.created
        assert first.worker.worker_id == "AQ0704"
        assert first.worker.skills == ["harvesting"]  # unknown skills are filtered out, as documented
        assert first.worker.photo_url

        again = await api.create_worker(new)
        assert not again.created
        assert again.worker.uid == first.worker.uid
        page = await api.list_workers(limit=1)
        assert page.total == before + 1
        assert page.items[0].uid == first.worker.uid  # newest first

        namesake = new.model_copy(update={"first_name": "Alma", "last_name": "Quiroga"})
        with pytest.raises(Conflict) as clash:
            await api.create_worker(namesake)
        assert "AQ0704" in clash.value.user_message

        wrong = new.model_copy(update={"position": "astronaut", "first_name": "Berta"})
        with pytest.raises(ValidationFailed) as caught:
            await api.create_worker(wrong)
        assert caught.value.status_code == 400
        assert "position" in caught.value.user_message
        assert caught.value.server_message is not None
        assert caught.value.server_message in caught.value.user_message
        assert (await api.list_workers(limit=1)).total == before + 1


# ------------------------------------------------------------------------------------------------ forms
@pytest.mark.asyncio
async def test_forms_and_a_submitted_record_located_in_its_sector(client: HydrobitClient) -> None:
    forms = await client.get_forms()
    assert forms
    tasks = await client.get_forms(subtype="tasks")
    assert {form.form_id for form in tasks} <= {form.form_id for form in forms} | {form.form_id for form in tasks}
    form = forms[0]
    inside = FormRecord(form_id=form.form_id, type=form.type or "inspection", latitude=19.4326, longitude=-99.1332)
    check = await client.submit_form_record(inside)
    assert (check.project, check.sector) == (True, True)
    outside = inside.model_copy(update={"latitude": 0.0, "longitude": 0.0})
    assert (await client.submit_form_record(outside)).project is False


@pytest.mark.asyncio
async def test_forms_of_another_company_are_forbidden(client: HydrobitClient) -> None:
    with pytest.raises(Forbidden):
        await client.get_forms(company_id="comp_67890")
