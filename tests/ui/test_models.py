"""The Qt models are thin adapters: Qt's own model tester checks each one, plus what they add on top."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester

from hydrodesk.api.models import Project
from hydrodesk.ui.models.farm_tree import KIND_ROLE, PROJECT_ID_ROLE, SECTOR_ID_ROLE, FarmTreeModel
from hydrodesk.ui.models.roles import ID_ROLE, SORT_ROLE
from hydrodesk.ui.models.rows import Column, RowsTableModel
from hydrodesk.ui.models.sectors import AREA, CROP, NAME, SECTOR_ID, VARIETY, SectorsTableModel


def project(project_id: str, name: str, company: str, sectors: list[dict[str, Any]]) -> Project:
    return Project.model_validate(
        {
            "projectId": project_id,
            "companyId": company,
            "name": name,
            "timezone": "America/Mexico_City",
            "crop": "Blueberry",
            "variety": "Biloxi",
            "settings": {"samplingUnit": "box", "pricePerUnit": 5.5, "bonus": None, "maxDurationHours": 12},
            "sectors": sectors,
        }
    )


def sector(sector_id: str, name: str, area: float | None, variety: str | None = "Biloxi") -> dict[str, Any]:
    return {"sectorId": sector_id, "sector_name": name, "area_ha": area, "crop": "Blueberry", "variety": variety}


@pytest.fixture
def projects() -> list[Project]:
    return [
        project("proj_456", "Finca El Mirador", "comp_12345", [sector("s_101", "Parcela Norte", 6.3)]),
        project(
            "proj_123",
            "Rancho San Pedro",
            "comp_12345",
            [sector("s_002", "Lote A-2", 3.8), sector("s_001", "Lote A-1", 4.2), sector("s_009", "Vivero", None, None)],
        ),
        project("proj_900", "Huerta Sola", "comp_999", []),
    ]


@pytest.fixture
def english_locale() -> Any:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


def test_farm_tree_passes_qt_model_tester(qtmodeltester: ModelTester, projects: list[Project]) -> None:
    model = FarmTreeModel()
    model.set_projects(projects)
    qtmodeltester.check(model)
    model.set_projects([])
    qtmodeltester.check(model)


def test_farm_tree_groups_company_project_sector(projects: list[Project]) -> None:
    model = FarmTreeModel()
    model.set_projects(projects)
    companies = [model.index(row, 0) for row in range(model.rowCount())]
    assert [index.data() for index in companies] == ["comp_12345", "comp_999"]
    first = companies[0]
    # Projects and sectors are listed by name, whatever order the server sent.
    assert [model.index(r, 0, first).data() for r in range(model.rowCount(first))] == [
        "Finca El Mirador",
        "Rancho San Pedro",
    ]
    rancho = model.index(1, 0, first)
    assert rancho.data(KIND_ROLE) == "project"
    assert rancho.data(PROJECT_ID_ROLE) == "proj_123"
    assert [model.index(r, 0, rancho).data() for r in range(model.rowCount(rancho))] == [
        "Lote A-1",
        "Lote A-2",
        "Vivero",
    ]
    lote = model.index(0, 0, rancho)
    assert lote.data(KIND_ROLE) == "sector"
    assert lote.data(SECTOR_ID_ROLE) == "s_001"
    assert lote.data(ID_ROLE) == "s_001"
    assert model.parent(lote) == rancho
    assert model.project_at(lote).project_id == "proj_123"
    assert model.sector_at(rancho) is None
    assert model.sector_at(lote).sector_name == "Lote A-1"


def test_farm_tree_names_the_companies_it_knows_and_shows_the_id_of_the_others(projects: list[Project]) -> None:
    model = FarmTreeModel()
    model.set_projects(projects, {"comp_12345": "Agrícola San Pedro"})
    known, unknown = (model.index(row, 0) for row in range(model.rowCount()))
    assert (known.data(), known.data(ID_ROLE)) == ("Agrícola San Pedro", "comp_12345")
    assert known.data(Qt.ItemDataRole.ToolTipRole) == "Agrícola San Pedro (comp_12345)"
    assert (unknown.data(), unknown.data(Qt.ItemDataRole.ToolTipRole)) == ("comp_999", "Company comp_999")
    assert model.rowCount(known) == 2  # its projects are still under it


def test_farm_tree_finds_projects_and_sectors(projects: list[Project]) -> None:
    model = FarmTreeModel()
    model.set_projects(projects)
    assert model.find("proj_123", "s_002").data() == "Lote A-2"
    assert model.find("proj_123").data() == "Rancho San Pedro"
    assert not model.find("proj_123", "s_101").isValid()  # a sector of another project
    assert not model.find("nope").isValid()
    assert model.first_project().data() == "Finca El Mirador"
    model.set_projects([])
    assert not model.first_project().isValid()


def test_sectors_table_passes_qt_model_tester(qtmodeltester: ModelTester, projects: list[Project]) -> None:
    model = SectorsTableModel()
    model.set_sectors(projects[1].sectors)
    qtmodeltester.check(model)
    model.set_sectors([])
    qtmodeltester.check(model)


def test_sectors_table_shows_text_and_sorts_numbers(projects: list[Project], english_locale: None) -> None:
    model = SectorsTableModel()
    model.set_sectors(projects[1].sectors)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Sector", "Area (ha)", "Crop", "Variety", "Sector ID"]
    row = model.row_of("s_001")
    assert model.index(row, NAME).data() == "Lote A-1"
    assert model.index(row, AREA).data() == "4.20"
    assert model.index(row, CROP).data() == "Blueberry"
    assert model.index(row, VARIETY).data() == "Biloxi"
    assert model.index(row, SECTOR_ID).data() == "s_001"
    vivero = model.row_of("s_009")
    assert model.index(vivero, AREA).data() == ""  # unknown area: blank, not "0.00"
    assert model.index(vivero, VARIETY).data() == ""

    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(AREA, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, NAME).data() for r in range(proxy.rowCount())] == ["Lote A-1", "Lote A-2", "Vivero"]
    assert model.row_of("missing") == -1
    assert model.sector_at(99) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert not model.index(0, 0, QModelIndex()).parent().isValid()


def test_area_is_written_the_way_the_ui_language_writes_numbers(projects: list[Project]) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    try:
        model = SectorsTableModel()
        model.set_sectors(projects[1].sectors)
        assert model.index(model.row_of("s_001"), AREA).data() == "4,20"
    finally:
        QLocale.setDefault(previous)


# ------------------------------------------------------------------------------------------------ rows tables
@pytest.mark.parametrize(("values", "refreshed"), [(True, [(1, 1)]), (False, [(0, 2)])])
def test_updated_rows_refresh_only_what_changed_when_rows_are_values(
    qapp: Any, values: bool, refreshed: list[tuple[int, int]]
) -> None:
    """One tally entry changes one worker's row: a table of value rows repaints that row (a sorting proxy re-sorts
    for it alone); a table whose cells may read state beside the row refreshes every row, as before."""

    class Table(RowsTableModel):
        rows_are_values = values

    model = Table(key=lambda row: row[0])
    model.columns = [Column("Worker", lambda row: row[0]), Column("Units", lambda row: str(row[1]))]
    model.set_rows([("w1", 3), ("w2", 5), ("w3", 1)])
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, _roles: changes.append((first.row(), last.row())))

    model.update_rows([("w1", 3), ("w2", 6), ("w3", 1)])

    assert changes == refreshed
    assert model.index(1, 1).data() == "6"
