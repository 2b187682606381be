"""A sector's label on the map names what made its verdict: the incidence of the pest behind it, or its severity
when that is what made it (one point of grey mould, badly: "Alert · Grey mould 8 %" read as an Alert for 8 %)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from hydrodesk.domain.map_layers import SectorScouting
from hydrodesk.domain.phyto_verdicts import Verdict
from hydrodesk.ui.i18n import install_language, uninstall_language
from hydrodesk.ui.map.looks import scouting_look

LABELS = {"botrytis": "Botrytis (Moho gris)", "aphids": "Aphids (Pulgón)"}


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    installed = install_language(qapp, "es")
    yield
    uninstall_language(qapp, installed)


@pytest.mark.usefixtures("spanish")
def test_the_label_gives_the_severity_when_the_severity_made_the_verdict() -> None:
    by_severity = SectorScouting(Verdict.ALERT, 12, 8.3, 75.0, "botrytis", by_severity=True)
    assert scouting_look(by_severity, LABELS).detail == "Alerta · Moho gris: severidad 75 %"
    by_incidence = SectorScouting(Verdict.ALERT, 12, 58.3, 25.0, "aphids")
    assert scouting_look(by_incidence, LABELS).detail == "Alerta · Pulgón 58 %"
