"""Searches in the background, newest wins.

At most one search runs at a time; a request made while one runs replaces any request
still waiting, so typing fast never queues up stale searches, and a result that a newer
request has superseded is dropped rather than shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from archive.library import Library, SearchResult

from .tasks import Task, TaskRunner

PAGE = 50


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    years: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sort: str = "relevance"
    tags: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    review: tuple[str, ...] = ()  # ("needs review",): OCR'd articles of low confidence

    @property
    def effective_sort(self) -> str:
        """An empty query has no relevance: it lists the archive newest first (other
        orders still apply)."""
        return "date" if self.sort == "relevance" and not self.query.strip() else self.sort


@dataclass
class SearchOutcome:
    request: SearchRequest
    result: SearchResult
    edited: set[int] = field(default_factory=set)


class SearchController(QObject):
    """``request(SearchRequest)``; emits ``finished(SearchOutcome)`` or
    ``failed(request, message)`` for the newest request only."""

    finished = Signal(object)
    failed = Signal(object, str)
    busy_changed = Signal(bool)

    def __init__(self, library: Library, runner: TaskRunner, parent=None):
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.latest: SearchRequest | None = None
        self._pending: SearchRequest | None = None
        self._task: Task | None = None

    def busy(self) -> bool:
        return self._task is not None

    def request(self, req: SearchRequest) -> None:
        self.latest = req
        if self._task is not None:
            self._pending = req
            self._task.cancel.set()  # tells the running one it is superseded
            return
        self._start(req)

    def _start(self, req: SearchRequest) -> None:
        library = self.library

        def work(_progress, _cancel) -> SearchOutcome:
            result = library.search(req.query, list(req.years), list(req.companies),
                                    list(req.topics), sort=req.effective_sort, limit=PAGE,
                                    tags=list(req.tags), collections=list(req.collections),
                                    needs_review=bool(req.review))
            page = library.get_many([h.id for h in result.hits])
            if result.total == 0:
                _ = result.suggestion  # "did you mean" is lazy: work it out here, off the UI
            return SearchOutcome(req, result, {i for i, a in page.items() if a.edited})

        self._task = self.runner.start(work, on_done=self._done,
                                       on_failed=lambda m, r=req: self._failed(r, m))
        self.busy_changed.emit(True)

    def _next(self) -> bool:
        self._task = None
        if self._pending is not None:
            req, self._pending = self._pending, None
            self._start(req)
            return True
        self.busy_changed.emit(False)
        return False

    def _done(self, outcome: SearchOutcome) -> None:
        if not self._next() and outcome.request == self.latest:
            self.finished.emit(outcome)

    def _failed(self, req: SearchRequest, message: str) -> None:
        if not self._next() and req == self.latest:
            self.failed.emit(req, message)
