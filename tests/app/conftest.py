"""GUI test set-up: a main window on the sample archive, with its own settings file and the
English UI (the source strings with their plural forms), driven as a user would."""

from __future__ import annotations

import pytest


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def english(qapp):
    from PySide6.QtCore import QLocale

    from app.gui.i18n import install_translators, remove_translators

    translators = install_translators(qapp, QLocale(QLocale.Language.English,
                                                    QLocale.Country.UnitedStates))
    yield
    remove_translators(qapp, translators)


@pytest.fixture
def make_window(qtbot, library, settings, english):
    """Build main windows that are torn down (runner drained) after the test."""
    from app.gui.main_window import MainWindow
    from app.gui.theme import Theme

    windows = []

    def make(theme: str | None = "light", lib=None, cfg=None):
        win = MainWindow(lib or library, settings=cfg or settings, theme=Theme(theme))
        qtbot.addWidget(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        for dialog in list(win.dialogs):
            dialog.close()
        win.runner.wait()
        win.close()
        win.runner.wait()
    # Delete the windows now, while the library is still open: qtbot's own clean-up runs
    # after the library fixture has closed the database, and a timer or lazy row fetch
    # left alive until then fails with "Cannot operate on a closed database".
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):  # deliver finished tasks' results (they may start one more task)
        QCoreApplication.processEvents()
        for win in windows:
            win.runner.wait()
    for win in windows:
        win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


@pytest.fixture
def window(qtbot, make_window):
    """The main window, shown, with the first search (the whole archive) done."""
    win = make_window()
    win.show()
    qtbot.waitExposed(win)
    win.run_search()
    qtbot.waitUntil(lambda: win.result is not None and not win.searches.busy(), timeout=10000)
    return win
