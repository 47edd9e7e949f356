"""A labelled set of text pairs for version grouping: same text (positive) or not.

Positive: the same article read from another format or encoding (the format fixtures),
converted to traditional script character by character (OpenCC ``s2t``), a real manual
chapter in traditional script. Negative: a book and one of its chapters, articles sharing
most of their paragraphs, a report whose figures changed (all, or a single one), a
translation into Taiwan wording (OpenCC ``s2twp``).

``python tests/archive/grouping_cases.py`` prints precision and recall of
``archive.versions.is_version`` on it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
VERSIONS = ROOT / "tests" / "data" / "versions"
SAMPLES = ROOT / "resources" / "corpus"
BOOK = VERSIONS / "debian-reference-ch3-4.zh-cn.txt"
_CHAPTER = re.compile(r"^第\s\d+\s章\s", re.MULTILINE)


def convert(text: str, config: str) -> str:
    """``text`` through OpenCC (``s2t``: characters only; ``s2twp``: Taiwan wording)."""
    import opencc

    return opencc.OpenCC(config).convert(text)


def chapters() -> tuple[str, str, str]:
    """``(book, chapter 3, chapter 4)`` of the Debian Reference excerpt."""
    book = BOOK.read_text(encoding="utf-8")
    start = [m.start() for m in _CHAPTER.finditer(book)]
    return book, book[start[0] : start[1]], book[start[1] :]


def paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def shared_paragraphs(n: int, replaced: int) -> tuple[str, str]:
    """Two texts of ``n`` paragraphs each, the same but for ``replaced`` of them."""
    paras = paragraphs(chapters()[0])
    a = paras[:n]
    b = paras[: n - replaced] + paras[200 : 200 + replaced]
    return "\n\n".join(a), "\n\n".join(b)


def new_figures(text: str) -> str:
    """Every number but the years changed, as in next month's edition of a report."""
    return re.sub(r"\d+", lambda m: m.group() if len(m.group()) == 4 else str(int(m.group()) + 1),
                  text)


def one_figure_changed(text: str) -> str:
    """The last figure that is not a year changed by one."""
    runs = [m for m in re.finditer(r"\d+", text) if len(m.group()) != 4]
    m = runs[-1]
    return text[: m.start()] + str(int(m.group()) + 1) + text[m.end() :]


def labelled_pairs() -> list[tuple[str, str, str, bool]]:
    """``(name, text a, text b, same text?)`` for every case."""
    from archive.readers import read_bytes

    pairs: list[tuple[str, str, str, bool]] = []
    samples = sorted(SAMPLES.glob("*.txt"))
    for sample in samples:
        stem = sample.stem
        text = sample.read_text(encoding="utf-8")
        for other in sorted(FORMATS.glob(f"{stem}.*")):
            docs = read_bytes(other.read_bytes(), other.name).documents
            pairs.append((f"format {other.name}", text, docs[0].text, True))
        pairs.append((f"s2t {stem}", text, convert(text, "s2t"), True))
        pairs.append((f"s2twp translation {stem}", text, convert(text, "s2twp"), False))
        pairs.append((f"new figures {stem}", text, new_figures(text), False))
        pairs.append((f"one figure changed {stem}", text, one_figure_changed(text), False))
    book, ch3, ch4 = chapters()
    pairs.append(("s2t manual chapter 3", ch3, convert(ch3, "s2t"), True))
    pairs.append(("s2t manual chapter 4", ch4, convert(ch4, "s2t"), True))
    pairs.append(("book vs chapter 3", book, ch3, False))
    pairs.append(("book vs chapter 4", book, ch4, False))
    for n, k in ((20, 2), (40, 4), (40, 6), (80, 8)):
        a, b = shared_paragraphs(n, k)
        pairs.append((f"{k} of {n} paragraphs replaced", a, b, False))
    return pairs


def precision_recall() -> tuple[float, float, list[str]]:
    """Precision and recall of ``is_version`` on the labelled pairs, and the misjudged."""
    from archive.versions import is_version

    tp = fp = fn = 0
    wrong = []
    for name, a, b, same in labelled_pairs():
        said = is_version(a, b)
        tp += said and same
        fp += said and not same
        fn += same and not said
        if said != same:
            wrong.append(name)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, wrong


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from archive.versions import compare

    for name, a, b, same in labelled_pairs():
        c = compare(a, b)
        print(f"{name:<42} {'+' if same else '-'} ratio {c.length_ratio:.3f} "
              f"jaccard {c.jaccard:.3f} digits {'ok' if c.digits_match else 'differ'} "
              f"-> {c.verdict}")
    p, r, wrong = precision_recall()
    print(f"precision {p:.3f} recall {r:.3f}; misjudged: {wrong or 'none'}")
