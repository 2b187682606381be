"""Settings > General: the interface's language, the theme (light, dark, the system's, or high contrast for
working outdoors) and the release feed Help > Check for Updates reads."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hydrodesk.ui.settings import SettingsContext
from hydrodesk.ui.ui_state import DEFAULT_UPDATE_FEED
from hydrodesk.update_check import acceptable_url

# Each language named in itself, as language pickers do: whoever cannot read the current one finds theirs.
LANGUAGE_NAMES = (("en", "English"), ("es", "Español"))


class GeneralPage(QWidget):
    def __init__(self, context: SettingsContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GeneralSettings")
        self._context = context

        self.language = QComboBox(self)
        self.language.setObjectName("LanguageChoice")
        self.language.addItem(self.tr("Follow the system"), None)
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self._saved_language = context.ui_state.language
        self.language.setCurrentIndex(max(0, self.language.findData(self._saved_language)))
        self.language_note = QLabel(self.tr("The new language is used from the next start of HydroDesk."), self)
        self.language_note.setObjectName("Muted")
        self.language_note.setWordWrap(True)
        self.language_note.setVisible(False)
        self.language.currentIndexChanged.connect(self._on_language_changed)

        self.theme = QComboBox(self)
        self.theme.setObjectName("ThemeChoice")
        for choice, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
            ("outdoor", self.tr("High contrast (outdoors, in sunlight)")),
        ):
            self.theme.addItem(label, choice)
        self.theme.setCurrentIndex(max(0, self.theme.findData(context.themes.choice)))

        self.feed = QLineEdit(context.ui_state.update_feed_url, self)
        self.feed.setObjectName("UpdateFeed")
        self.feed.setToolTip(self.tr("Where Help > Check for Updates reads the latest release"))
        self.feed_problem = QLabel(self)
        self.feed_problem.setObjectName("FieldProblem")
        self.feed_problem.setWordWrap(True)
        self.feed_problem.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("&Release feed:"), self.feed)
        form.addRow("", self.feed_problem)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def page_title(self) -> str:
        return self.tr("General")

    def _on_language_changed(self) -> None:
        self.language_note.setVisible(self.language.currentData() != self._saved_language)

    def apply(self) -> bool:
        feed = self.feed.text().strip() or DEFAULT_UPDATE_FEED
        if not acceptable_url(feed):
            self.feed_problem.setText(self.tr("The release feed must be an https:// address."))
            self.feed_problem.setVisible(True)
            self.feed.setFocus()
            return False
        self.feed_problem.setVisible(False)
        self._context.ui_state.update_feed_url = feed
        language = self.language.currentData()
        self._context.ui_state.language = language
        theme = str(self.theme.currentData())
        self._context.ui_state.theme = theme
        self._context.themes.apply(theme)  # at once: the theme needs no restart
        self._context.ui_state.sync()
        return True
