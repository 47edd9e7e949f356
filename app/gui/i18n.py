"""Chinese and English UI: load the app's and Qt's translations for a locale."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from archive.paths import RESOURCES

TRANSLATIONS = RESOURCES / "translations"


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install the translations for ``locale`` (default: the system's) and return them
    (keep them alive). English is the source language; its file only holds plural forms."""
    locale = locale or QLocale.system()
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(locale, "app", "_", str(TRANSLATIONS)) or ours.load(
            str(TRANSLATIONS / "app_en.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    if locale.language() not in (QLocale.Language.English, QLocale.Language.C):
        qt = QTranslator(app)
        if qt.load(locale, "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for t in translators:
        app.removeTranslator(t)
