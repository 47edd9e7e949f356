"""The CPU-heavy half of ingest, free of the archive: bytes -> articles with metadata.

``prepare_file`` reads a file's bytes with the reader registry, extracts each article's
metadata, checksum and near-duplicate fingerprint, and the index's word view. It touches
no database, so a batch can run it in worker processes (``PreparePool``) on every core
while the main process stores the results in order.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from index.schema import word_fields

from .document import ArticleMeta, RawDocument
from .fingerprint import fingerprint
from .lifetime import die_with_parent
from .metadata import Gazetteer, Taxonomy, extract_metadata
from .ocr.images import is_image
from .ocr.session import OcrElsewhere, worker_process
from .readers import ReadError, read_bytes
from .suspicious import file_warnings

PARALLEL_MIN_FILES = 400  # below this, starting workers (about 1.5 s) costs more than it saves
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*|[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class PreparedArticle:
    doc: RawDocument
    meta: ArticleMeta
    text_sha256: str
    fingerprint: int | None
    word_count: int
    words: dict  # the index's word-view fields


@dataclass
class PreparedFile:
    format: str
    encoding: str | None
    articles: list[PreparedArticle]
    warnings: list[str] = field(default_factory=list)  # the reader's notes, suspicious input


def normalised_sha256(text: str) -> str:
    """Checksum of the text with layout differences (spaces, blank lines, NFC) removed."""
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", text).splitlines())
    return hashlib.sha256("\n".join(line for line in lines if line).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Words as a reader counts them: each Chinese character, each Latin word."""
    return len(_WORD_RE.findall(text))


def prepare_file(data: bytes, name: str, gazetteer: Gazetteer, taxonomy: Taxonomy) -> PreparedFile:
    """Read and analyse one file; raises ReadError for a file that holds no article."""
    result = read_bytes(data, name)
    articles = []
    for doc in result.documents:
        if not doc.text.strip():
            continue
        meta = extract_metadata(doc, gazetteer, taxonomy)
        articles.append(PreparedArticle(
            doc=doc, meta=meta, text_sha256=normalised_sha256(doc.text),
            fingerprint=fingerprint(doc.text), word_count=word_count(doc.text),
            words=word_fields(meta.title, doc.text),
        ))
    if not articles:
        raise ReadError("no article text found in the file")
    warnings = result.warnings + file_warnings(name, result.format,
                                               [a.doc.text for a in articles])
    return PreparedFile(result.format, result.encoding, articles, warnings)


# ----- worker processes ------------------------------------------------------------------
_worker_state: dict = {}


def _init_worker(aliases: dict[str, list[str]], parent_pid: int) -> None:
    die_with_parent(parent_pid)
    worker_process()  # a scanned PDF comes back to be read by OCR in the main process
    base = Gazetteer.default()
    _worker_state["gazetteer"] = base.with_aliases(aliases) if aliases else base
    _worker_state["taxonomy"] = Taxonomy.default()


def _prepare_or_error(data: bytes, name: str, gazetteer: Gazetteer,
                     taxonomy: Taxonomy) -> PreparedFile | str:
    """``prepare_file``, with a bad file's error as text (it crosses process boundaries)."""
    try:
        return prepare_file(data, name, gazetteer, taxonomy)
    except ReadError as exc:
        return _ErrorText(str(exc))
    except MemoryError:
        return _ErrorText("the file is too large to read into memory")


def _prepare_in_worker(data: bytes, name: str) -> PreparedFile | str | None:
    """``prepare_file`` in a worker; None when the file needs OCR (read in the main process)."""
    try:
        return _prepare_or_error(data, name, _worker_state["gazetteer"],
                                 _worker_state["taxonomy"])
    except OcrElsewhere:
        return None


class _ErrorText(str):
    """A reader's error message coming back from a worker."""


class PreparePool:
    """Runs ``prepare_file`` for a stream of jobs, in order, on worker processes or inline."""

    def __init__(self, gazetteer: Gazetteer, taxonomy: Taxonomy, aliases: dict[str, list[str]],
                 parallel: bool):
        self.gazetteer = gazetteer
        self.taxonomy = taxonomy
        workers = max(1, min(os.cpu_count() or 1, 4))
        self.executor = None
        if parallel and workers > 1:
            ctx = multiprocessing.get_context("spawn")  # never fork a process with Qt threads
            self.executor = ProcessPoolExecutor(workers, mp_context=ctx,
                                                initializer=_init_worker,
                                                initargs=(aliases, os.getpid()))
        self.window = workers * 4

    def map(self, jobs: Iterable[tuple[object, bytes | None, str]]) -> Iterator[tuple[object, PreparedFile | str | None]]:
        """For each ``(key, data, name)`` yield ``(key, PreparedFile or error text)``.

        Jobs with ``data`` None pass through as ``(key, None)``, keeping their place.
        """
        if self.executor is None:
            for key, data, name in jobs:
                yield key, self._inline(data, name)
            return
        pending: list[tuple[object, Future | None, bytes | None, str]] = []
        for key, data, name in jobs:
            # Images are read by OCR here, where finished pages are kept (archive/ocr).
            fut = None if data is None or is_image(data) else self._submit(data, name)
            pending.append((key, fut, data, name))
            while len(pending) >= self.window:
                yield self._take(pending)
        while pending:
            yield self._take(pending)

    def _submit(self, data: bytes, name: str) -> Future | None:
        if self.executor is None:
            return None
        try:
            return self.executor.submit(_prepare_in_worker, data, name)
        except (BrokenProcessPool, RuntimeError):
            self._give_up_workers()
            return None

    def _take(self, pending):
        key, fut, data, name = pending.pop(0)
        if fut is not None:
            try:
                result = fut.result()
                if result is not None:  # None: it needs OCR, done here
                    return key, result
            except BrokenProcessPool:
                # A worker died (out of memory, killed): carry on in this process.
                self._give_up_workers()
        return key, self._inline(data, name)

    def _give_up_workers(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def _inline(self, data: bytes | None, name: str):
        if data is None:
            return None
        return _prepare_or_error(data, name, self.gazetteer, self.taxonomy)

    def close(self, cancel: bool = False) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=cancel)


def is_error(value) -> bool:
    return isinstance(value, _ErrorText)
