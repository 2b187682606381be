"""A session's sampling unit is named in the user's language ("caja") and sent as the API names it ("box"), chosen
or typed. The Spanish dialog offered "box", "kg" and "ton" as the server spells them, beside "5,50 por caja"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QFormLayout, QWidget
from pytestqt.qtbot import QtBot

from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.sessions.dialogs import PayFields


@pytest.fixture(autouse=True)
def spanish(qapp: QApplication) -> Iterator[None]:
    installed = install_language(qapp, "es")
    yield
    uninstall_language(qapp, installed)


@pytest.fixture
def form(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def fields(form: QWidget) -> PayFields:
    pay = PayFields(form)
    pay.add_rows(QFormLayout(form))
    return pay


def test_the_usual_units_are_named_in_spanish_and_sent_by_their_api_names(fields: PayFields) -> None:
    assert [fields.unit.itemText(i) for i in range(fields.unit.count())] == ["caja", "kg", "tonelada"]
    fields.set_values("box", 5.5, None)  # the project's default, as the server sends it
    assert fields.unit.currentText() == "caja"
    assert fields.sampling_unit == "box"
    fields.unit.setCurrentIndex(2)
    assert fields.sampling_unit == "ton"
    # Typed by a hurried person: any case, the Spanish name or the API's.
    for typed, sent in (
        ("Caja ", "box"),
        ("BOX", "box"),
        ("Tonelada", "ton"),
        ("cubeta", "cubeta"),
        ("kilos", "kg"),
        ("Kg.", "kg"),
        ("cajas", "box"),
        ("toneladas", "ton"),
    ):
        fields.unit.setEditText(typed)
        assert fields.sampling_unit == sent, typed


def test_a_unit_the_farm_made_up_is_kept_as_the_server_has_it(fields: PayFields) -> None:
    fields.set_values("jaba grande", 3.0, None)
    assert fields.unit.currentText() == "jaba grande"
    assert fields.sampling_unit == "jaba grande"
    assert fields.problem() is None
