"""Small gram indexes of given texts, and what a plain scan of those texts finds: the
gram-index tests compare the two."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from index.folding import fold
from index.gramindex import GramIndex
from index.grams import SHIFT, query_grams, text_grams
from index.segments import SegmentDoc


def doc(aid: int, title: str, body: str) -> SegmentDoc:
    return SegmentDoc(aid=aid, title=title, body=body, year=None, date=None,
                      company=[], topic=[], author=[])


def scan(grams: list[tuple[int, bool]], text: str) -> int:
    """Occurrences of a query's grams at consecutive positions of ``text``, by a plain
    scan of the text's grams (a prefix gram: any gram starting with its character)."""
    codes = text_grams(fold(text)).grams.tolist()
    n = 0
    for start in range(len(codes) - len(grams) + 1):
        n += all(codes[start + i] >> SHIFT == code >> SHIFT if prefix
                 else codes[start + i] == code for i, (code, prefix) in enumerate(grams))
    return n


def scanned(docs: list[SegmentDoc], query: str,
            prefix: bool = False) -> dict[int, tuple[int, int]]:
    """(title, body) occurrences of ``query`` in each document holding it, by ``scan``
    (``prefix``: a query ending in a letter or digit may go on, as ``word*``)."""
    grams = query_grams(query, prefix=prefix)
    return counted(docs, lambda text: scan(grams, text))


def counted(docs: list[SegmentDoc], count: Callable[[str], int]) -> dict[int, tuple[int, int]]:
    """aid -> (``count`` of the title, of the body) of each document where one is not 0."""
    out = {}
    for d in docs:
        counts = (count(d.title), count(d.body))
        if any(counts):
            out[d.aid] = counts
    return out


def found(ix: GramIndex, query: str, prefix: bool = False) -> dict[int, tuple[int, int]]:
    """What the index finds of ``query``, as ``scanned`` gives it."""
    snap = ix.snapshot()
    docs, title, body = snap.phrase(query_grams(query, prefix=prefix))
    return {int(snap.aid[d]): (int(t), int(b))
            for d, t, b in zip(docs.tolist(), title.tolist(), body.tolist(), strict=True)
            if snap.live[d]}


def index_of(tmp_path, docs: list[SegmentDoc], batch: int) -> GramIndex:
    """The documents in segments of ``batch`` documents (neighbours across a segment's end
    are then in different segments)."""
    ix = GramIndex(tmp_path / "g")
    for start in range(0, len(docs), batch):
        ix.add(docs[start:start + batch])
    return ix


def random_text(rnd: random.Random, alphabet: str, n: int) -> str:
    """``n`` characters of ``alphabet``, about one in seven a separator (， or a space)."""
    return "".join(rnd.choice(alphabet) if rnd.random() < 0.85 else rnd.choice("， ")
                   for _ in range(n))


def age_index(index: Path, version: int, missing: tuple[str, ...]) -> None:
    """Make an archive's index folder look written by schema ``version``: its version file
    says so, and each gram segment lacks the files ``missing`` (what that schema lacked)."""
    (index / "schema_version.json").write_text(json.dumps({"schema_version": version}))
    for seg in (p for p in (index / "grams").iterdir() if (p / "keys.npy").exists()):
        for name in missing:
            (seg / name).unlink()
