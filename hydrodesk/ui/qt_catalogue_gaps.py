"""Qt's own strings that Qt's catalogues lack, so that HydroDesk's catalogue supplies them.

Qt ships its translations (qtbase_es.qm and the like, loaded by hydrodesk.ui.i18n), but some are behind Qt's
sources: the file dialog's "&Look in:" and "Files of &type:" gained their shortcut letters after Spanish was last
updated, so Qt finds no translation and shows English in an otherwise Spanish dialog. Listing them here, in Qt's
own contexts, puts them in hydrodesk_<lang>.ts; Qt asks every installed translator, and ours answers where Qt's
catalogue is silent (Qt's answer wins where it has one).

Only the dialogs HydroDesk opens are covered: the file dialog, and the print dialog with its page setup and printer
properties. Nothing imports this module at run time; lupdate reads it.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_STRINGS: tuple[tuple[str, object], ...] = (  # (context, source text), as QCoreApplication.translate takes them
    # the file dialog
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "&Look in:")),
    ("QFileDialog", QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:")),
    (
        "QFileSystemModel",
        QT_TRANSLATE_NOOP(
            "QFileSystemModel",
            '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters or no punctuation '
            "marks.",
        ),
    ),
    # the print dialog
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Double Sided Printing")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Long side binding")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Short side binding")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Off")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:")),
    ("QPrintSettingsOutput", QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Pages")),
    (
        "QPrintSettingsOutput",
        QT_TRANSLATE_NOOP(
            "QPrintSettingsOutput",
            "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. "
            "E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.",
        ),
    ),
    (
        "QPrintDialog",
        QT_TRANSLATE_NOOP(
            "QPrintDialog",
            "%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to define ranges "
            "and make sure ranges do not intersect with each other.",
        ),
    ),
    ("QPrintDialog", QT_TRANSLATE_NOOP("QPrintDialog", "Invalid Pages Definition")),
    ("QPrintDialog", QT_TRANSLATE_NOOP("QPrintDialog", "Duplex Settings Conflicts")),
    (
        "QPrintDialog",
        QT_TRANSLATE_NOOP("QPrintDialog", "There are conflicts in duplex settings. Do you want to fix them?"),
    ),
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Page &order:")),
    ("QPageSetupWidget", QT_TRANSLATE_NOOP("QPageSetupWidget", "Pages &per sheet:")),
    ("QPrintPropertiesWidget", QT_TRANSLATE_NOOP("QPrintPropertiesWidget", "Advanced")),
    (
        "QPrintPropertiesWidget",
        QT_TRANSLATE_NOOP("QPrintPropertiesWidget", "There are conflicts in some options. Please fix them."),
    ),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "Job &priority:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "Scheduled &printing:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "&Billing information:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "&Start:")),
    ("QCupsJobWidget", QT_TRANSLATE_NOOP("QCupsJobWidget", "&End:")),
)
