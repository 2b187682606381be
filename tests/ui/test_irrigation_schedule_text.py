"""A program's schedule in the user's language: the server names its days mon…sun, a Spanish office reads
"lun mié vie"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from hydrodesk.api.models_iot import Program
from hydrodesk.ui.irrigation.models import ProgramsModel


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("es_CL"))
    yield
    QLocale.setDefault(before)


def test_a_program_s_days_are_said_in_the_user_s_language(spanish: None) -> None:
    program = Program.model_validate(
        {
            "programId": "prog_002",
            "name": "Riego Lote B en días alternos",
            "enabled": True,
            "schedule": {"days": ["mon", "wed", "fri", "someday"], "startTimes": ["06:00", "14:00"]},
        }
    )
    model = ProgramsModel(lambda valve_id: valve_id)
    assert model._schedule(program) == "lun mié vie someday · 06:00, 14:00"
