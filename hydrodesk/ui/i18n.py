"""Which language the UI speaks, and the Qt translators that make it speak it."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from hydrodesk.resources import resource_path
from hydrodesk.ui.launch import LANGUAGES

log = logging.getLogger(__name__)


def system_language() -> str:
    """The OS locale's language if HydroDesk speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def qt_translations_folder() -> str:
    """Where Qt's own catalogues (qtbase_es.qm, ...) are: inside PySide6, or beside a frozen app's Qt."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


@dataclass
class InstalledLanguage:
    """The translators installed for a language, and the locale that was the default before."""

    language: str
    translators: list[QTranslator] = field(default_factory=list)
    previous_locale: QLocale = field(default_factory=QLocale)


def install_language(app: QApplication, language: str) -> InstalledLanguage:
    """Install HydroDesk's and Qt's own translations for `language`.

    English is the source language, so it needs no translator. The default locale is set too, so numbers, dates
    and times are written the way that language's readers expect.
    """
    installed = InstalledLanguage(language)
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resource_path("translations", f"hydrodesk_{language}.qm"))):
        app.installTranslator(ours)
        installed.translators.append(ours)
    else:
        log.warning("no HydroDesk translation for %r; the UI stays in English", language)
    # Qt's own strings: standard buttons, file and print dialogs, the context menu of a text field. Installed last,
    # so Qt asks it first; where it has no translation (hydrodesk.ui.qt_catalogue_gaps), ours answers.
    qt_base = QTranslator(app)
    folder = qt_translations_folder()
    if qt_base.load(f"qtbase_{language}", folder):
        app.installTranslator(qt_base)
        installed.translators.append(qt_base)
    else:  # a trimmed Qt (some packagers drop translations): HydroDesk still speaks; Qt's dialogs stay English
        log.warning(
            "Qt's own %r translation (qtbase_%s.qm) is not in %s; its standard dialogs stay in English",
            language,
            language,
            folder,
        )
    return installed


def uninstall_language(app: QApplication, installed: InstalledLanguage) -> None:
    for translator in installed.translators:
        app.removeTranslator(translator)
    QLocale.setDefault(installed.previous_locale)
