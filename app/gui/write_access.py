"""What a person who may only read the archive sees: every action that would change it
greyed out, its tooltip saying why.

That is a reader on a server archive (``Library.access_level``), or a local archive whose
database could only be opened read-only (a read-only folder or disk). The server refuses
such a write anyway; greying the action says so before the person tries.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from archive.library import Library


def read_only_reason(library: Library) -> str | None:
    """Why this archive cannot be changed from here (a translated sentence), or None."""
    if library.can_write():
        return None
    level = library.access_level
    if level == "reader":
        return QCoreApplication.translate(
            "WriteAccess", "You have read-only access (reader) to this archive: you can "
                           "search, read, compare and export. An admin can give you editor "
                           "rights.")
    if level is not None:
        return QCoreApplication.translate(
            "WriteAccess", "You have no rights to change this archive. An admin can give "
                           "you editor rights.")
    return QCoreApplication.translate(
        "WriteAccess", "This archive is read-only here: its folder or disk cannot be "
                       "written.")


class WriteGate:
    """Keeps the write actions and buttons of a window disabled, with the reason as their
    tooltip, when the archive cannot be changed; does nothing when it can."""

    def __init__(self, library: Library):
        self.reason = read_only_reason(library)
        self._actions: list[QAction] = []
        self._widgets: list[QWidget] = []

    @property
    def writable(self) -> bool:
        return self.reason is None

    def guard(self, *items: QAction | QWidget) -> None:
        """Disable these actions or widgets now and whenever ``apply`` runs."""
        if self.reason is None:
            return
        for item in items:
            (self._actions if isinstance(item, QAction) else self._widgets).append(item)
            item.setToolTip(self.reason)
            if isinstance(item, QAction):
                item.setStatusTip(self.reason)
        self.apply()

    def apply(self) -> None:
        """Disable the guarded items again (after code that enables them by selection)."""
        for item in (*self._actions, *self._widgets):
            item.setEnabled(False)
