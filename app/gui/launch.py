"""Start the desktop app: parse its flags, open the archive, show the window.

Nothing heavy happens before the window is shown: the first search, a sample import for
a new archive and a reconcile of the index all run in the background after ``show()``.
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtWidgets import QApplication

from archive.library import Library
from archive.opening import BackendUnavailable, open_library
from archive.paths import APP_NAME


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="main.py", description="News Archive desktop app")
    p.add_argument("--archive", default=None, metavar="FOLDER|URL",
                   help="archive folder or postgresql:// URL")
    p.add_argument("--no-samples", action="store_true",
                   help="do not import the sample articles into a new, empty archive")
    p.add_argument("--theme", choices=("system", "light", "dark"), default="system",
                   help="colour scheme (default: follow the system)")
    p.add_argument("--read-replica", default=None, metavar="URL",
                   help="with a postgresql:// --archive: read from this streaming replica")
    return p.parse_args(argv)


def start_window(library: Library, import_samples: bool, settings=None, theme=None):
    """Create the main window and start the first-run import or reconcile in the background."""
    from .main_window import MainWindow

    window = MainWindow(library, settings=settings, theme=theme)
    if import_samples and library.is_empty():
        window.start_import([], samples=True)
    elif library.can_write() and library.needs_reconcile():  # a reader leaves it to a writer
        window.runner.start(lambda p, c: library.reconcile(p, c),
                            on_done=lambda _r: window.run_search())
    window.run_search()
    window.refresh_archive_label()
    return window


def launch(argv: list[str]) -> int:
    args = parse_args(argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        print("error: no display found (set DISPLAY, or QT_QPA_PLATFORM=offscreen for a "
              "headless run)", file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)

    from .i18n import install_translators
    from .icons import icon
    from .theme import Theme

    translators = install_translators(app)  # noqa: F841 - kept alive for the app's life
    theme = Theme(None if args.theme == "system" else args.theme)
    theme.apply(app)
    app.setWindowIcon(icon("app", "#1a5fb4", 64))
    try:  # opened without recovery: a reconcile runs in the background after show()
        replica = {"read_replica": args.read_replica} if args.read_replica else {}
        library = open_library(args.archive, recover=False, **replica)
    except BackendUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    window = start_window(library, not args.no_samples, theme=theme)
    window.show()
    code = app.exec()
    window.runner.wait()
    library.close()
    return code
