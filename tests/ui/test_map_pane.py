"""The sector map against the simulator: sectors drawn from their boundaries, colours that follow the layer, a click
that selects in the navigator, a dot that shows its record, and the cached map when the server is gone."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.api.models import Project
from hydrodesk.domain.map_layers import irrigation_by_sector, range_days
from hydrodesk.domain.map_projection import METRES_PER_DEGREE
from hydrodesk.domain.phyto_verdicts import Threshold, ThresholdBook, Verdict
from hydrodesk.store.phyto import load_thresholds, save_thresholds
from hydrodesk.ui.formats import pest_name, short_pest
from hydrodesk.ui.map.looks import VERDICT_FILLS
from hydrodesk.ui.panes.base import PaneContext, Selection
from hydrodesk.ui.panes.map import MapPane
from hydrodesk.ui.phyto.thresholds_hub import thresholds_hub

from .conftest import WindowKit, run_async
from .live_support import SignedIn, sign_in

PROJECT = "proj_123"  # Rancho San Pedro: in the company's own timezone, five sectors on a grid


@pytest.fixture
def signed_in(qtbot: QtBot, qloop: object, qapp: QApplication, sim: Any, tmp_path: Path) -> Iterator[SignedIn]:
    """Signed in to the shared simulator (these tests only read from it), an office in tmp_path, at 1366×768."""
    yield from sign_in(qtbot, qapp, sim, tmp_path, "map", data_dir=tmp_path / "data", size=(1366, 768))


@pytest.fixture
def signed_in_alone(
    qtbot: QtBot, qloop: object, qapp: QApplication, fresh_sim: Any, tmp_path: Path
) -> Iterator[SignedIn]:
    """The same on a simulator of the test's own, which the test may stop."""
    yield from sign_in(qtbot, qapp, fresh_sim, tmp_path, "map", data_dir=tmp_path / "data", size=(1366, 768))


def map_of(qtbot: QtBot, signed: SignedIn, project_id: str = PROJECT) -> MapPane:
    window = signed.kit.window
    qtbot.waitUntil(lambda: window.pane("map") is not None and window.selection.project is not None, timeout=20_000)
    pane = window.pane("map")
    assert isinstance(pane, MapPane)
    if window.selection.project is None or window.selection.project.project_id != project_id:
        assert window.navigator.select(project_id)
    wait_for_layer(qtbot, pane)
    return pane


def wait_for_layer(qtbot: QtBot, pane: MapPane) -> None:
    """Until every load started has finished (the cache read and the server's answer, or its failure)."""
    qtbot.waitUntil(
        lambda: pane.loading == 0 and bool(pane._items) and "…" not in pane.age_label.text(), timeout=20_000
    )


def choose_layer(qtbot: QtBot, pane: MapPane, layer: str) -> None:
    pane.layer_combo.setCurrentIndex(pane.layer_combo.findData(layer))
    wait_for_layer(qtbot, pane)


def choose_range(qtbot: QtBot, pane: MapPane, choice: str) -> None:
    pane.range_buttons.button(choice).click()
    wait_for_layer(qtbot, pane)


def move_mouse(widget: QWidget, position: QPoint) -> None:
    """A plain move, no button held. Sent straight to the widget: QTest's own mouse keeps button state across
    tests (after a double-click in an earlier test its moves no longer reached the map as hovers)."""
    local = QPointF(position)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(widget.mapToGlobal(position)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_the_sectors_are_drawn_from_their_boundaries_true_to_shape(qtbot: QtBot, signed_in: SignedIn) -> None:
    pane = map_of(qtbot, signed_in)
    project = signed_in.kit.window.selection.project
    assert project is not None
    assert project.project_id == PROJECT
    assert sorted(pane._items) == sorted(sector.sector_id for sector in project.sectors)
    assert pane.subtitle_label.text() == f"{len(project.sectors)} sectors"
    scale = math.cos(math.radians(pane._projection.lat0)) * METRES_PER_DEGREE
    for sector in project.sectors:
        assert sector.boundary is not None
        lons = [point[0] for point in sector.boundary["coordinates"][0]]
        lats = [point[1] for point in sector.boundary["coordinates"][0]]
        box = pane._items[sector.sector_id].path().boundingRect()  # the outline itself, without the pen
        # Metres east and north of the farm's centre (scene y grows southwards).
        assert box.left() == pytest.approx((min(lons) - pane._projection.lon0) * scale, abs=0.5)
        assert box.right() == pytest.approx((max(lons) - pane._projection.lon0) * scale, abs=0.5)
        assert -box.bottom() == pytest.approx((min(lats) - pane._projection.lat0) * METRES_PER_DEGREE, abs=0.5)
        assert -box.top() == pytest.approx((max(lats) - pane._projection.lat0) * METRES_PER_DEGREE, abs=0.5)
        # The simulator's sectors are squares in degrees, so on the ground they are narrower than tall by
        # cos(latitude): drawn true to the ground, not as lon/lat squares.
        assert box.width() / box.height() == pytest.approx(math.cos(math.radians(pane._projection.lat0)), rel=0.01)
        assert pane._items[sector.sector_id].label.title == sector.sector_name
    # Everything fits in the view, with a scale bar of a round length.
    shown = pane.view.mapToScene(pane.view.viewport().rect()).boundingRect()
    assert shown.contains(pane.view.content_rect())
    metres, pixels = pane.view.scale_bar()
    assert metres in (50, 100, 200, 500, 1000)
    assert 20 < pixels <= 140


def test_colours_follow_the_layer_and_the_simulators_summary(qtbot: QtBot, signed_in: SignedIn) -> None:
    pane = map_of(qtbot, signed_in)
    choose_range(qtbot, pane, "90d")
    choose_layer(qtbot, pane, "pest")
    assert pane.selected_pest() == "aphids"
    assert pane.pest_combo.currentText() == "Aphids (Pulgón)"

    client = signed_in.controller.client
    assert client is not None
    start, end = range_days("90d", datetime.now(UTC).astimezone(pane._zone()).date())
    summary = run_async(qtbot, client.phytosanitary_summary(start, end, project_id=PROJECT))
    book = ThresholdBook()
    names = {sector.sector_name: sector.sector_id for sector in signed_in.kit.window.selection.project.sectors}  # type: ignore[union-attr]
    aphids = {}
    for stat in summary.sectors:
        pest = next(item for item in stat.pests_diseases if item.pest_disease_name == "Aphids (Pulgón)")
        aphids[names[stat.sector_name]] = (pest.incidence, pest.severity)
    assert aphids, "the demo farm is scouted"
    for sector_id, (incidence, severity) in aphids.items():
        item = pane._items[sector_id]
        verdict = book.verdict("aphids", incidence, severity)
        assert item.key == verdict.value, (item.name, incidence, severity)
        assert item.fill().name() == VERDICT_FILLS[verdict]
    worst_sector = max(aphids, key=lambda key: aphids[key][0])
    assert aphids[worst_sector][0] >= book.for_pest("aphids").alert_incidence
    assert pane._items[worst_sector].fill().name() == VERDICT_FILLS[Verdict.ALERT]  # red
    assert pane._items[worst_sector].key == "alert"

    # The company's agronomist raises the aphid thresholds in the scouting pane (stored, then announced): the map
    # recolours at once, and a map opened later reads the same thresholds from the office's store.
    office = signed_in.controller.office
    assert office is not None
    lenient = ThresholdBook().with_threshold("aphids", Threshold(99, 100, 99, 100))
    run_async(qtbot, office.store.write(save_thresholds, "comp_12345", lenient))
    thresholds_hub().publish("comp_12345", lenient)
    assert pane._items[worst_sector].key == "okay"
    assert pane._items[worst_sector].fill().name() == VERDICT_FILLS[Verdict.OKAY]
    assert run_async(qtbot, office.store.read(load_thresholds, "comp_12345")) == lenient

    # Soil moisture: the newest root-zone reading of each sector, as the simulator reports it.
    choose_layer(qtbot, pane, "moisture")
    assert {item.key for item in pane._items.values()} <= {"dry", "low", "good", "moist", "wet"}
    assert all("%" in item.label.detail for item in pane._items.values())
    assert pane.legend.entry_texts()[0] == "Dry (under 18 %)"

    # Irrigation: what the valves report.
    choose_layer(qtbot, pane, "irrigation")
    valves = run_async(qtbot, client.list_valves(PROJECT))
    states = irrigation_by_sector([valve.model_dump(mode="json") for valve in valves])
    for sector_id, item in pane._items.items():
        assert item.key == states.get(sector_id, "no_valve")
    assert not pane.shown_dots()  # scouting points belong to the scouting layers


def test_a_click_selects_in_the_navigator_and_a_double_click_opens(qtbot: QtBot, signed_in: SignedIn) -> None:
    pane = map_of(qtbot, signed_in)
    navigator = signed_in.kit.window.navigator
    target = next(item for item in pane.view.sectors if item.sector_id == "sector_002")
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=pane.view.sector_position(target))
    qtbot.waitUntil(lambda: signed_in.kit.window.selection.sector is not None)
    assert signed_in.kit.window.selection.sector.sector_id == "sector_002"  # type: ignore[union-attr]
    assert target.selected
    assert sum(item.selected for item in pane._items.values()) == 1

    # The navigator's own choice highlights on the map.
    navigator.select(PROJECT, "sector_004")
    assert pane._items["sector_004"].selected
    assert not target.selected

    with qtbot.waitSignal(pane.sector_opened, timeout=2_000) as opened:
        qtbot.mouseDClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=pane.view.sector_position(target))
    assert opened.args == [PROJECT, "sector_002"]
    # The double-click opened the sector's home view, its timeline; back to the map.
    window = signed_in.kit.window
    qtbot.waitUntil(lambda: window.current_pane is window.pane("timeline"))
    assert window.selection.sector.sector_id == "sector_002"  # type: ignore[union-attr]
    assert window.open_pane("map")
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=pane.view.sector_position(target))

    # Keyboard: the clicked sector has the keyboard; Tab goes on in reading order, Enter selects, Ctrl+Enter opens.
    pane.view.setFocus(Qt.FocusReason.OtherFocusReason)
    assert pane.view.focused_sector() is target
    qtbot.keyClick(pane.view, Qt.Key.Key_Tab)
    second = pane.view.focused_sector()
    assert second is pane.view.sectors[pane.view.sectors.index(target) + 1]
    assert pane.view.hasFocus()
    qtbot.keyClick(pane.view, Qt.Key.Key_Return)
    assert signed_in.kit.window.selection.sector.sector_id == second.sector_id  # type: ignore[union-attr]
    with qtbot.waitSignal(pane.sector_opened, timeout=2_000) as opened:
        qtbot.keyClick(pane.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert opened.args == [PROJECT, second.sector_id]

    # Zoom and pan by keys; "0" fits again.
    before = pane.view.scale_factor()
    qtbot.keyClick(pane.view, Qt.Key.Key_Plus)
    assert pane.view.scale_factor() == pytest.approx(before * 1.25)
    centre = pane.view.mapToScene(pane.view.viewport().rect().center())
    qtbot.keyClick(pane.view, Qt.Key.Key_Right)
    assert pane.view.mapToScene(pane.view.viewport().rect().center()).x() > centre.x()
    qtbot.keyClick(pane.view, Qt.Key.Key_0)
    assert pane.view.scale_factor() == pytest.approx(before, rel=1e-3)


def test_hovering_a_scouting_point_shows_its_record_and_the_map_exports(
    qtbot: QtBot, signed_in: SignedIn, tmp_path: Path
) -> None:
    pane = map_of(qtbot, signed_in)
    choose_range(qtbot, pane, "90d")
    qtbot.waitUntil(lambda: len(pane.shown_dots()) > 0)
    found = [item for item in pane.shown_dots() if item.point.present]
    found.sort(key=lambda item: -len(item.point.present))
    assert found, "some point of 90 days found a pest"
    # The one that found most, of those no other point lies on (ninety days of walks put some points on others).
    dot = next(item for item in found if pane.view.itemAt(pane.view.mapFromScene(item.scenePos())) is item)
    # A sector's label right over the point (as Parcela Este's label sat over one of its points): the point is
    # still drawn, and hovered, on top.
    next(iter(pane._items.values())).label.setPos(dot.scenePos())
    pane.view.centerOn(dot)
    assert pane.view.itemAt(pane.view.mapFromScene(dot.scenePos())) is dot
    move_mouse(pane.view.viewport(), pane.view.mapFromScene(dot.scenePos()))
    qtbot.waitUntil(lambda: pane.legend.record_title.text() == "SCOUTING POINT", timeout=3_000)
    text = pane.legend.record_label.text()
    assert dot.point.who
    assert dot.point.who in text
    label, _count, _grade = dot.point.present[0]
    assert f"{label}: " in text
    assert "of 4" in text
    assert dot.toolTip() == text
    move_mouse(pane.view.viewport(), QPoint(2, 2))
    qtbot.waitUntil(lambda: pane.legend.record_title.text().startswith("SCOUTING POINTS"), timeout=3_000)

    path = tmp_path / "map.png"
    assert pane.export_png(path)
    image = QImage(str(path))
    assert image.size() == pane.view.viewport().size()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 6) for y in range(0, image.height(), 6)}
    assert len(colours) > 8


def test_offline_the_map_shows_the_cache_and_its_age(qtbot: QtBot, signed_in_alone: SignedIn, fresh_sim: Any) -> None:
    pane = map_of(qtbot, signed_in_alone)
    before = {sector_id: item.key for sector_id, item in pane._items.items()}
    assert "as of" in pane.age_label.text()
    fresh_sim.stop()
    pane.age_label.setText("")
    run_async(qtbot, pane.refresh(), timeout_ms=20_000)
    assert pane.age_label.text().startswith("Offline: showing what this computer saved at")
    assert "F5" in pane.age_label.text()
    assert {sector_id: item.key for sector_id, item in pane._items.items()} == before
    # A layer never fetched: grey sectors and a message that says so and what to do.
    choose_layer(qtbot, pane, "moisture")
    assert pane.age_label.text().startswith("Could not fetch this layer:")
    assert "Nothing is saved on this computer yet" in pane.age_label.text()
    assert {item.key for item in pane._items.values()} == {"no_data"}


def test_empty_states_say_what_to_do(qtbot: QtBot, make_window: Callable[[], WindowKit]) -> None:
    kit = make_window()
    context = PaneContext(monitor=kit.monitor, tasks=kit.tasks, client=lambda: None, theme=lambda: kit.themes.current)
    pane = MapPane(context)
    qtbot.addWidget(pane)
    assert pane.stack.currentWidget() is pane.state_page
    assert pane.state_page.title_label.text() == "No project selected"
    bare = Project.model_validate(
        {
            "projectId": "p1",
            "companyId": "c1",
            "name": "Campo sin mapa",
            "timezone": "America/Santiago",
            "settings": {"samplingUnit": "bandeja", "pricePerUnit": 1.0},
            "sectors": [{"sectorId": "s1", "sector_name": "Cuartel 1"}],
        }
    )
    pane.set_selection(Selection(bare))
    assert pane.stack.currentWidget() is pane.state_page
    assert pane.state_page.title_label.text() == "No sector boundaries"
    assert "F5" in pane.state_page.message_label.text()
    assert pane.subtitle_label.text() == "0 sectors · 1 without a boundary"


def square(lon: float, lat: float, half: float = 0.001) -> dict[str, Any]:
    ring = [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def test_the_map_stays_fitted_while_resized_until_the_user_moves_it(
    qtbot: QtBot, make_window: Callable[[], WindowKit]
) -> None:
    kit = make_window()
    context = PaneContext(monitor=kit.monitor, tasks=kit.tasks, client=lambda: None, theme=lambda: kit.themes.current)
    pane = MapPane(context)
    qtbot.addWidget(pane)
    pane.resize(900, 600)
    pane.show()
    qtbot.waitExposed(pane)
    farm = Project.model_validate(
        {
            "projectId": "p1",
            "companyId": "c1",
            "name": "Fundo Los Robles",
            "timezone": "America/Santiago",
            "settings": {"samplingUnit": "bandeja", "pricePerUnit": 1.0},
            "sectors": [
                {
                    "sectorId": f"s{index}",
                    "sector_name": f"Cuartel {index}",
                    "boundary": square(-71 + index * 0.003, -33),
                }
                for index in range(3)
            ],
        }
    )
    pane.set_selection(Selection(farm))
    view = pane.view
    assert pane.stack.currentWidget() is not pane.state_page
    qtbot.waitUntil(
        lambda: pane.age_label.text() == "Sign in to colour the map with scouting, moisture and irrigation."
    )

    def whole_farm_shown() -> bool:
        return view.mapToScene(view.viewport().rect()).boundingRect().contains(view.content_rect())

    assert whole_farm_shown()
    pane.resize(500, 400)  # a smaller window: still the whole farm
    qtbot.waitUntil(whole_farm_shown)
    view.zoom_in()
    view.zoom_in()
    zoomed = view.scale_factor()
    pane.resize(900, 600)  # the user zoomed: a resize keeps their zoom
    qtbot.waitUntil(lambda: view.viewport().width() > 600)
    assert view.scale_factor() == pytest.approx(zoomed)
    for _ in range(30):  # zoom has limits both ways
        view.zoom_out()
    assert whole_farm_shown()
    assert view.scale_factor() >= view._fit_scale / 6 - 1e-9
    # Shift+Tab from the map's first sector leaves the map instead of trapping the keyboard.
    view.setFocus(Qt.FocusReason.TabFocusReason)
    assert view.focused_sector() is view.sectors[0]
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert not view.hasFocus()
    assert view.focused_sector() is None


def test_a_pest_is_named_on_the_map_in_the_users_language(qapp: QApplication) -> None:
    previous = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Spanish))
        assert short_pest("Aphids (Pulgón)") == "Pulgón"
        assert pest_name("Aphids (Pulgón)") == "Pulgón"
        QLocale.setDefault(QLocale(QLocale.Language.English))
        assert short_pest("Aphids (Pulgón)") == "Aphids"
        assert pest_name("Aphids (Pulgón)") == "Aphids (Pulgón)"  # both names where there is room
        assert pest_name("Botrytis") == "Botrytis"
        assert short_pest("Mildew") == "Mildew"  # a label without a local name stays as it is
    finally:
        QLocale.setDefault(previous)


def test_the_map_opens_on_the_last_7_days_as_the_scouting_pane_does(qtbot: QtBot, signed_in: SignedIn) -> None:
    """Never an empty map on the 1st of a month (or a Monday) before the morning's walk: "this month" (or "this
    week") began empty then."""
    pane = map_of(qtbot, signed_in)
    today = datetime.now(UTC).astimezone(pane._zone()).date()
    assert pane.range_choice == "7d"
    assert pane._days() == (today - timedelta(days=6), today)
