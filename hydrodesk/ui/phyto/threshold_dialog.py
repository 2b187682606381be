"""The action-threshold editor: per pest or disease, the incidence and severity (%) that call for attention and for
action. A threshold that makes no sense (attention above alert) is named in words and cannot be saved; values
equal to the defaults are stored as "use the default", so better defaults in a later version reach the company."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hydrodesk.domain.phyto_verdicts import DEFAULT_THRESHOLD, DEFAULT_THRESHOLDS, Threshold, ThresholdBook

FIELDS = ("attention_incidence", "alert_incidence", "attention_severity", "alert_severity")


class ThresholdDialog(QDialog):
    def __init__(self, book: ThresholdBook, pests: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Action thresholds"))
        self._pests = list(pests) or [(name, name) for name in DEFAULT_THRESHOLDS]
        self.spins: dict[tuple[str, str], QDoubleSpinBox] = {}
        intro = QLabel(
            self.tr(
                "A sector is in Attention or Alert for a pest when its incidence (share of points where it was found) "
                "or its severity (mean damage grade where found) reaches these percentages."
            ),
            self,
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        titles = (
            self.tr("Pest or disease"),
            self.tr("Incidence:\nattention"),
            self.tr("Incidence:\nalert"),
            self.tr("Severity:\nattention"),
            self.tr("Severity:\nalert"),
        )
        for column, title in enumerate(titles):
            label = QLabel(title, self)
            label.setObjectName("SectionLabel")
            grid.addWidget(label, 0, column)
        for row, (name, label_text) in enumerate(self._pests, start=1):
            label = QLabel(label_text, self)
            grid.addWidget(label, row, 0)
            threshold = book.for_pest(name)
            for column, field in enumerate(FIELDS, start=1):
                spin = QDoubleSpinBox(self)
                spin.setLocale(QLocale())
                spin.setRange(0.0, 100.0)
                spin.setDecimals(1)
                spin.setSingleStep(1.0)
                spin.setSuffix(" %")
                spin.setValue(getattr(threshold, field))
                spin.setAccessibleName(f"{label_text}: {titles[column].replace(chr(10), ' ')}")
                spin.valueChanged.connect(self._check)
                self.spins[(name, field)] = spin
                grid.addWidget(spin, row, column)
                if column == 1:
                    label.setBuddy(spin)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("ErrorText")
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.defaults_button = QPushButton(self.tr("Restore defaults"), self)
        self.buttons.addButton(self.defaults_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(self.restore_defaults)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._check()
        first = self.spins.get((self._pests[0][0], FIELDS[0])) if self._pests else None
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def threshold(self, name: str) -> Threshold:
        return Threshold(**{field: self.spins[(name, field)].value() for field in FIELDS})

    def book(self) -> ThresholdBook:
        """The company's choices: only the thresholds that differ from the defaults."""
        chosen = {}
        for name, _ in self._pests:
            threshold = self.threshold(name)
            if threshold != DEFAULT_THRESHOLDS.get(name, DEFAULT_THRESHOLD):
                chosen[name] = threshold
        return ThresholdBook(chosen)

    def restore_defaults(self) -> None:
        for name, _ in self._pests:
            default = DEFAULT_THRESHOLDS.get(name, DEFAULT_THRESHOLD)
            for field in FIELDS:
                self.spins[(name, field)].setValue(getattr(default, field))

    def problems(self) -> list[str]:
        found = []
        for name, label in self._pests:
            threshold = self.threshold(name)
            if threshold.attention_incidence > threshold.alert_incidence:
                found.append(
                    self.tr("{pest}: the attention incidence is above the alert incidence.").format(pest=label)
                )
            if threshold.attention_severity > threshold.alert_severity:
                found.append(self.tr("{pest}: the attention severity is above the alert severity.").format(pest=label))
        return found

    def _check(self) -> None:
        problems = self.problems()
        self.problem_label.setText("\n".join(problems))
        self.problem_label.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problems)
