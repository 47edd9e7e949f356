"""Where the characters of an article's stored fields are in the reader's document, and back.

The reader shows the title, kicker and subtitle in its head and the body a block at a time
(``article_html``); each shown piece is found in the stored ``title``/``body`` text and matched,
in order, to the document block that displays it. HTML folds runs of white space into one
space, so offsets inside a block are mapped through that folding.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextDocument

from archive.document import Article

Place = tuple[str, int]  # (field, offset of the piece's first character in that field)
HEAD_KINDS = {"title", "subtitle", "kicker", "byline"}  # shown above the rule, not as blocks
LOOKAHEAD = 64  # document blocks searched for a piece before it is given up


@dataclass(frozen=True)
class Segment:
    """A document block showing a piece of stored text."""

    doc_start: int  # position of the block in the document
    doc_length: int
    places: tuple[Place, ...]  # where the piece is stored (the title is also in the body)
    piece_index: tuple[int, ...]  # for each character of the block, its index in the piece


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` with white-space runs folded to one space and the ends trimmed (as HTML shows
    it), and each kept character's index in ``text``."""
    out, index = [], []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            index.append(i - 1)
            space = False
        out.append(ch)
        index.append(i)
    return "".join(out), index


def shown_pieces(article: Article) -> list[tuple[str, tuple[Place, ...]]]:
    """The stored text the reader shows, in document order, each with where it is stored."""
    text = article.text
    pieces: list[tuple[str, tuple[Place, ...]]] = []
    for part, is_title in ((article.kicker, False), (article.title, True),
                           (article.subtitle, False)):
        if not part:
            continue
        places: list[Place] = [("title", 0)] if is_title else []
        at = text.find(part)
        if at >= 0:
            places.append(("body", at))
        pieces.append((part, tuple(places)))
    blocks = [b.text for b in article.blocks if b.kind not in HEAD_KINDS]
    if not blocks:
        blocks = [line for line in text.splitlines() if line.strip()]
    pos = 0
    for piece in blocks:
        at = text.find(piece, pos)
        if at >= 0:
            pos = at + len(piece)
        pieces.append((piece, (("body", at),) if at >= 0 else ()))
    return pieces


def segments(article: Article, document: QTextDocument) -> list[Segment]:
    """The document blocks that show stored text of ``article``, in order."""
    out: list[Segment] = []
    block = document.begin()
    for piece, places in shown_pieces(article):
        folded, index = _folded(piece)
        if not folded:
            continue
        probe, found = block, None
        for _ in range(LOOKAHEAD):
            if not probe.isValid():
                break
            if " ".join(probe.text().split()) == folded:
                found = probe
                break
            probe = probe.next()
        if found is None:
            continue
        shown = found.text()
        lead = len(shown) - len(shown.lstrip())
        mapping = [0] * lead + index if len(shown) == lead + len(folded) else \
            list(range(len(shown)))
        if places:
            out.append(Segment(found.position(), len(shown), places, tuple(mapping)))
        block = found.next()
    return out


def place_of(segs: list[Segment], position: int) -> list[Place]:
    """Where the document character at ``position`` is stored: ``(field, offset)`` in each
    field that holds it (none when it is not stored text, e.g. a company chip)."""
    for seg in segs:
        if seg.doc_start <= position <= seg.doc_start + seg.doc_length:
            k = min(position - seg.doc_start, seg.doc_length - 1)
            delta = seg.piece_index[k] if k >= 0 else 0
            return [(field, offset + delta) for field, offset in seg.places]
    return []


def position_of(segs: list[Segment], field: str, start: int, end: int) -> tuple[int, int] | None:
    """The document range that shows field characters ``[start, end)``, clipped to the one
    block holding ``start``; None when that text is not shown."""
    for seg in segs:
        for f, offset in seg.places:
            if f != field:
                continue
            length = seg.piece_index[-1] + 1 if seg.piece_index else 0
            if not offset <= start < offset + max(1, length):
                continue
            a = _doc_index(seg, start - offset)
            b = _doc_index(seg, end - offset)
            return seg.doc_start + a, seg.doc_start + max(a, b)
    return None


def _doc_index(seg: Segment, piece_offset: int) -> int:
    """The block character showing piece character ``piece_offset`` (or the first after it)."""
    for k, i in enumerate(seg.piece_index):
        if i >= piece_offset:
            return k
    return seg.doc_length
