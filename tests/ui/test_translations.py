"""Every string the UI shows has a Spanish translation, compiled into the .qm the app loads, and the UI uses it."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hydrodesk.api.errors import USER_MESSAGES, ApiError
from hydrodesk.resources import resource_path
from hydrodesk.ui import i18n
from hydrodesk.ui.error_text import api_messages, user_message
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.panes.overview import OverviewPane
from hydrodesk.ui.qt_catalogue_gaps import QT_STRINGS

from .conftest import DEMO_USER, WindowKit

REPO = Path(__file__).resolve().parents[2]
TS_FILE = resource_path("translations", "hydrodesk_es.ts")
QM_FILE = resource_path("translations", "hydrodesk_es.qm")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")

Message = tuple[str, str]  # (context, source text)


def lupdate() -> str:
    folder = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (folder / name).exists():
            return str(folder / name)
    raise AssertionError("pyside6-lupdate is not installed next to this Python")


def read_ts(path: Path) -> dict[Message, str | None]:
    """(context, source) -> the finished translation, or None when missing or unfinished."""
    found: dict[Message, str | None] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete")
            text = translation.text if translation is not None and finished else None
            found[(name, message.findtext("source") or "")] = text or None
    return found


@pytest.fixture(scope="module")
def strings_in_the_code(tmp_path_factory: pytest.TempPathFactory) -> set[Message]:
    """Every tr()/translate()/QT_TRANSLATE_NOOP string in hydrodesk/ui, as Qt's own extractor sees them."""
    fresh = tmp_path_factory.mktemp("lupdate") / "extracted_es.ts"
    sources = sorted(str(path) for path in (REPO / "hydrodesk" / "ui").rglob("*.py"))
    done = subprocess.run([lupdate(), *sources, "-ts", str(fresh)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    extracted = set(read_ts(fresh))
    assert len(extracted) > 100  # the extractor really found the UI's strings
    return extracted


def test_every_ui_string_has_a_spanish_translation(strings_in_the_code: set[Message]) -> None:
    translated = read_ts(TS_FILE)
    missing = sorted(message for message in strings_in_the_code if not translated.get(message))
    assert missing == [], (
        "untranslated UI strings: run `python resources/translations/refresh.py`, translate them in "
        f"{TS_FILE.name}, and run it again:\n" + "\n".join(f"  [{ctx}] {src}" for ctx, src in missing)
    )


def test_the_compiled_qm_holds_every_translation(strings_in_the_code: set[Message]) -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    translated = read_ts(TS_FILE)
    stale = sorted(
        message for message in strings_in_the_code if translator.translate(*message) != translated.get(message)
    )
    assert stale == [], "the .qm is out of date: run `python resources/translations/refresh.py`"


def test_translations_keep_every_placeholder() -> None:
    broken = [
        (source, text)
        for (_context, source), text in read_ts(TS_FILE).items()
        if text is not None and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert broken == []


# Imperatives of the familiar "tú" ("Elige", "Escribe"), where a sentence starts: the Spanish speaks to the user
# as "usted" throughout ("Elija", "Escriba"), as the office's other software does. The forms pane used to mix both.
FAMILIAR_IMPERATIVE = re.compile(
    r"(?:^|[.:;!?]\s+|\(\s*)(Elige|Escribe|Revisa|Usa|Inicia|Vuelve|Selecciona|Pulsa|Comprueba|Intenta|Abre|Cierra|"
    r"Elimina|Espera|Corrige|Prueba|Añade|Guarda|Borra|Cambia|Marca|Llena|Busca|Agrega|Toca|Indica)\b"
)


def test_the_spanish_addresses_the_user_as_usted_throughout() -> None:
    familiar = [text for text in read_ts(TS_FILE).values() if text and FAMILIAR_IMPERATIVE.search(text)]
    assert not familiar, "\n".join(familiar)


def test_every_api_error_sentence_has_a_translatable_version() -> None:
    assert set(api_messages()) == set(USER_MESSAGES)
    # With no translator installed the UI's sentence is the API's own, word for word.
    for key in USER_MESSAGES:
        error = ApiError(status_code=503, server_message="Maintenance window", message_key=key)
        assert user_message(error) == error.user_message


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    installed = install_language(qapp, "es")
    assert installed.translators  # the .qm was found and loaded
    yield
    uninstall_language(qapp, installed)


def test_the_spanish_ui_speaks_spanish(
    qtbot: QtBot, spanish: None, make_window: Callable[[], WindowKit], sim: Any
) -> None:
    kit = make_window()
    window = kit.window
    window.show()
    assert window.navigator.windowTitle() == "Navegador"
    assert window.state_page.title_label.text() == "Sin iniciar sesión"
    assert window.refresh_action.text() == "&Actualizar"
    assert window.navigator.pane_list.item(0).text() == "Resumen"
    assert [menu.title() for menu in (a.menu() for a in window.menuBar().actions())] == [
        "&Archivo",
        "&Ver",
        "&Ir",
        "Ay&uda",
    ]

    kit.attach(sim.base_url, sim.token(DEMO_USER))
    with qtbot.waitSignal(window.load_finished, timeout=15_000):
        window.request_reload()
    window.navigator.select("proj_123", "sector_001")
    pane = window.pane("overview")
    assert isinstance(pane, OverviewPane)
    assert pane.clock_card.caption_label.text() == "HORA LOCAL"
    assert pane.crop_card.caption_label.text() == "CULTIVO"
    assert pane.crop_card.value_label.text() == "Arándano"  # Hydrobit names it "Blueberry"
    assert "Sector de Rancho San Pedro" in pane.subtitle_label.text()
    assert "4,20 ha" in pane.subtitle_label.text()  # and numbers the Spanish way
    assert "por caja" in pane.pay_card.value_label.text()  # the session's unit in words (it read "por box")
    headers = [
        pane.sectors_model.headerData(c, Qt.Orientation.Horizontal) for c in range(pane.sectors_model.columnCount())
    ]
    assert headers == ["Sector", "Superficie (ha)", "Cultivo", "Variedad", "ID del sector"]
    assert pane.sectors_table.filter_edit.placeholderText() == "Filtrar (Ctrl+F)"
    assert window.status.connection_label.text() == "● En línea"
    assert window.account_button.text() == "María López"
    assert window.account_button.toolTip().startswith("Sesión iniciada como María López")


def test_qts_own_strings_speak_spanish_where_qts_catalogue_is_silent(qapp: QApplication) -> None:
    qt_only = QTranslator()
    assert qt_only.load("qtbase_es", i18n.qt_translations_folder())  # this PySide6 ships Qt's Spanish catalogue
    assert qt_only.translate("QFileDialog", "&Look in:") == ""  # ... without the file dialog's current labels
    installed = install_language(qapp, "es")
    try:
        untranslated = [(context, text) for context, text in QT_STRINGS if qapp.translate(context, text) == text]
        assert untranslated == []
        assert qapp.translate("QFileDialog", "&Look in:") == "&Ver en:"
        assert qapp.translate("QFileDialog", "File &name:") == "&Nombre de fichero:"  # Qt's own answer still counts
    finally:
        uninstall_language(qapp, installed)
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"  # English again


def test_without_qts_catalogue_hydrodesk_still_speaks_spanish(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "qt_translations_folder", lambda: str(tmp_path))  # a Qt packaged without them
    installed = install_language(qapp, "es")
    try:
        assert len(installed.translators) == 1  # ours only
        assert "qtbase_es.qm" in caplog.text
        assert qapp.translate("Navigator", "Navigator") == "Navegador"
        assert qapp.translate("QFileDialog", "&Look in:") == "&Ver en:"  # the gaps we fill, filled all the same
    finally:
        uninstall_language(qapp, installed)


def test_the_day_s_session_count_agrees_with_its_number_in_spanish(qtbot: QtBot, spanish: None) -> None:
    """ "1 abiertas · 0 cerradas" on the Overview and above the sessions: each count in its own number now."""
    from types import SimpleNamespace

    from hydrodesk.domain.session_board import LimitState, SessionTotals
    from hydrodesk.ui.sessions.summary import DaySummary

    def row(is_open: bool) -> SimpleNamespace:
        flag = SimpleNamespace(state=LimitState.RUNNING)
        data = {"sampling_unit": "kg"}
        return SimpleNamespace(
            refused=False, is_open=is_open, closing=False, limit=flag, totals=SessionTotals(), data=data
        )

    summary = DaySummary()
    qtbot.addWidget(summary)
    summary.show_rows([row(True)])  # type: ignore[list-item]
    assert summary.sessions_card.detail_label.text() == "1 abierta · 0 cerradas"
    summary.show_rows([row(True), row(True), row(False)])  # type: ignore[list-item]
    assert summary.sessions_card.detail_label.text() == "2 abiertas · 1 cerrada"
