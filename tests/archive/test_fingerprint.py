"""Near-duplicate fingerprints: one article in six formats is one article; five are five."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from archive.fingerprint import NEAR_DUPLICATE_BITS, fingerprint, hamming, is_near_duplicate
from archive.readers import read_bytes

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
CORPUS = ROOT / "resources" / "corpus"
STEMS = sorted(p.stem for p in CORPUS.glob("*.txt"))
SUFFIXES = ["gb18030.txt", "utf16.txt", "html", "docx", "pdf", "epub", "md"]


@pytest.fixture(scope="module")
def prints() -> dict[tuple[str, str], int]:
    found = {}
    for stem in STEMS:
        found[(stem, "seed")] = fingerprint((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))
        for suffix in SUFFIXES:
            path = FORMATS / f"{stem}.{suffix}"
            found[(stem, suffix)] = fingerprint(
                read_bytes(path.read_bytes(), path.name).documents[0].text
            )
    return found


def test_same_article_in_every_format_is_a_near_duplicate(prints: dict) -> None:
    for stem in STEMS:
        keys = [k for k in prints if k[0] == stem]
        worst = max(hamming(prints[a], prints[b]) for a, b in itertools.combinations(keys, 2))
        assert worst <= 3, stem  # measured: at most 2
        assert all(
            is_near_duplicate(prints[a], prints[b]) for a, b in itertools.combinations(keys, 2)
        )


def test_different_articles_are_not(prints: dict) -> None:
    for a, b in itertools.combinations(STEMS, 2):
        for fa, fb in itertools.product(["seed", "html", "pdf"], repeat=2):
            distance = hamming(prints[(a, fa)], prints[(b, fb)])
            assert distance > NEAR_DUPLICATE_BITS + 4, (a, b, distance)  # measured: 17 or more


def test_small_edits_stay_near_duplicates() -> None:
    text = (CORPUS / f"{STEMS[0]}.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    edited = (
        "\n".join(paragraphs[:-5]) + "\n（责任编辑：王晓）"
    )  # last paragraphs cut, a note added
    assert is_near_duplicate(fingerprint(text), fingerprint(edited))


def test_folding_spacing_and_punctuation_do_not_matter() -> None:
    a = "长春汽开区：向“新”求变，智赢未来。2023中德汽车大会"
    b = "長春汽開區 向新求變 智贏未來 ２０２３中德汽車大會"
    assert hamming(fingerprint(a), fingerprint(b)) == 0


def test_fingerprint_is_an_unsigned_64_bit_integer_and_stable() -> None:
    value = fingerprint((CORPUS / f"{STEMS[1]}.txt").read_text(encoding="utf-8"))
    assert 0 <= value < 2**64
    assert value == fingerprint((CORPUS / f"{STEMS[1]}.txt").read_text(encoding="utf-8"))
    assert fingerprint("") == 0 and fingerprint("，。 ") == 0
    assert fingerprint("长春") != 0  # shorter than one 4-gram still gets a print
    assert hamming(value, value) == 0 and hamming(0, 2**64 - 1) == 64
    assert hamming(value, value - 2**64) == 0  # the two's complement form stored in SQLite


def test_ten_kilobytes_in_under_two_milliseconds() -> None:
    text = (CORPUS / f"{STEMS[0]}.txt").read_text(encoding="utf-8")
    sample = text.encode()[:10_240].decode("utf-8", "ignore")
    fingerprint(sample)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        fingerprint(sample)
    per_call = (time.perf_counter() - start) / runs
    assert per_call < 0.004  # measured ~1.2 ms; doubled for a busy CI machine
