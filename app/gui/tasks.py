"""Background work for the GUI: run a core function on a thread pool, report back by signals.

The core takes plain callables for progress and a ``threading.Event`` for cancel; this
module turns them into Qt signals delivered on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """One background call of ``fn(progress, cancel)``; connect to ``signals`` before start."""

    def __init__(self, fn: Callable[[Callable[[int, int, str], None], threading.Event], Any]):
        super().__init__()
        self.fn = fn
        self.cancel = threading.Event()
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(self._progress, self.cancel)
        except Exception as exc:  # noqa: BLE001 - shown to the user as one line
            self.signals.failed.emit(_one_line(exc))
            return
        self.signals.done.emit(result)

    def _progress(self, done: int, total: int, current: str) -> None:
        self.signals.progress.emit(done, total, current)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or exc.__class__.__name__


class TaskRunner(QObject):
    """Starts tasks on a pool and keeps them alive until they finish."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def start(self, fn, on_done: Callable[[Any], None] | None = None,
              on_failed: Callable[[str], None] | None = None,
              on_progress: Callable[[int, int, str], None] | None = None) -> Task:
        task = Task(fn)
        self._running.add(task)
        if on_progress:
            task.signals.progress.connect(on_progress)
        task.signals.done.connect(lambda r, t=task: self._finish(t, on_done, r))
        task.signals.failed.connect(lambda m, t=task: self._finish(t, on_failed, m))
        self.pool.start(task)
        return task

    def _finish(self, task: Task, callback, value) -> None:
        self._running.discard(task)
        if callback is not None:
            callback(value)

    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until all tasks are done (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)
