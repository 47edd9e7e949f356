"""Refresh the window when another program changes the archive (another desktop imports,
edits or deletes on a shared server archive, or on the same local folder).

A timer asks the Library's change feed every ``INTERVAL_MS`` (the feed never blocks);
on a change the current search runs again, which keeps the article being read and shows
its new state, and the article count is re-read. While this window's own import runs,
that import refreshes the window when it ends.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

INTERVAL_MS = 1500


class LiveUpdates(QObject):
    """Polls ``window.library.change_feed()``; emits ``refreshed`` after each refresh."""

    refreshed = Signal()

    def __init__(self, window, interval_ms: int = INTERVAL_MS):
        super().__init__(window)
        self.window = window
        self.feed = None
        try:
            self.feed = window.library.change_feed()
        except Exception:  # noqa: BLE001 - no feed (e.g. server away): no live updates
            self.feed = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        if self.feed is not None:
            self.timer.start()

    def check(self) -> bool:
        """Poll once; refresh and return True if another program changed the archive."""
        window = self.window
        if self.feed is None:
            return False
        try:
            changed = self.feed.poll()
        except Exception:  # noqa: BLE001 - the archive was closed under us: stop polling
            self.stop()
            return False
        if not changed:
            return False
        if window.importer.busy():
            return False  # this window's import refreshes everything when it ends
        if window.similar_to is None:
            window.run_search()
        window.refresh_archive_label()
        window.statusBar().showMessage(window.tr("The archive was changed by another "
                                                 "program; the results are up to date."),
                                       6000)
        self.refreshed.emit()
        return True

    def stop(self) -> None:
        self.timer.stop()
        if self.feed is not None:
            self.feed.close()
            self.feed = None
