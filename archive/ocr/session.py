"""One import's OCR: where finished pages are kept, progress and cancel.

The ingest sets an ``OcrSession`` around its run (``using``); the image and PDF readers
call ``recognise_pages``, which takes each page from the session's store when an earlier
(killed) run finished it, else recognises it and hands it to the store at once. Outside
an ingest (a worker process, a measurement) the default session keeps nothing.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.faults import fault_point

from .layout import OcrPage

if TYPE_CHECKING:
    from PIL import Image

PageProgress = Callable[[int, int, str], None]  # pages done, pages in the file, file name


class OcrCancelled(BaseException):
    """The user cancelled the import while a file's pages were being recognised.

    A BaseException, like KeyboardInterrupt: readers turn any ``Exception`` of a parser
    into a file's error, and a cancel is no error of the file."""


@dataclass
class OcrSession:
    load: Callable[[str, int], OcrPage | None] | None = None
    save: Callable[[str, OcrPage], None] | None = None
    progress: PageProgress | None = None
    cancel: threading.Event | None = None

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


class OcrElsewhere(BaseException):
    """Raised in an ingest's worker process: OCR runs in the main process, which keeps
    finished pages, reports progress and hears Cancel (``archive/prepare.py``)."""


_IN_WORKER = False


def worker_process() -> None:
    """Mark this process as an ingest worker: files that need OCR are sent back."""
    global _IN_WORKER
    _IN_WORKER = True


_CURRENT: contextvars.ContextVar[OcrSession | None] = contextvars.ContextVar(
    "ocr_session", default=None)


def current() -> OcrSession:
    """The session of the ingest running in this thread (a keep-nothing one outside)."""
    return _CURRENT.get() or OcrSession()


def activate(session: OcrSession) -> contextvars.Token:
    """Make ``session`` this thread's until ``deactivate(token)``."""
    return _CURRENT.set(session)


def deactivate(token: contextvars.Token) -> None:
    _CURRENT.reset(token)


@contextmanager
def using(session: OcrSession) -> Iterator[OcrSession]:
    token = activate(session)
    try:
        yield session
    finally:
        deactivate(token)


def recognise_pages(sha256: str, name: str, page_nos: list[int],
                    image_of: Callable[[int], Image.Image]) -> list[OcrPage]:
    """These pages (1-based numbers) of one file: pages stored by an earlier run reused,
    the others recognised and stored one by one.

    ``image_of(n)`` gives page n's image (raising ``ReadError`` for a bad page)."""
    from .recognise import recognise_image, release_memory

    if _IN_WORKER:
        raise OcrElsewhere()
    session = current()
    pages: list[OcrPage] = []
    total = len(page_nos)
    for done, n in enumerate(page_nos):
        if session.progress:
            session.progress(done, total, name)
        if session.cancelled():
            raise OcrCancelled()
        page = session.load(sha256, n) if session.load else None
        if page is None:
            page = recognise_image(image_of(n), n)  # the page's image is freed here
            release_memory()
            if session.save:
                session.save(sha256, page)
                fault_point("ocr-page-stored")
        pages.append(page)
    if session.progress:
        session.progress(total, total, name)
    return pages
