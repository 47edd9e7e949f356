"""Near-duplicate fingerprints of article text: 64-bit SimHash over character 4-grams.

The text is folded (``index.folding.fold_script``, kept stable: traditional -> simplified, full
width -> half width, case) and stripped of white space and punctuation, so the same
article read from a .txt, a web page, a Word file, a PDF, an EPUB or Markdown (different
line breaks, spacing, quote marks, a headline moved) gets nearly the same fingerprint.
Every character 4-gram is hashed (a polynomial over the code points, then the SplitMix64
finaliser, all in numpy) and votes on the 64 bits.

Measured on the sample corpus (tests/archive/test_fingerprint.py re-measures it): the
same article read from .txt (UTF-8, GB18030, UTF-16), HTML, DOCX, PDF, EPUB and Markdown
differs by at most 2 bits; two different articles differ by 17 to 35 (32 is chance; these
five share a topic and phrases like 长春汽开区); dropping a tenth of an article's
paragraphs moves it 4-6 bits, a fifth 4-13. ``NEAR_DUPLICATE_BITS = 8`` keeps a margin
of 6 above the same article in another format and 9 below the closest different
article. 10 KB of text takes about 1.2 ms (half of it in ``fold``).

Fingerprints are unsigned 64-bit integers (0 .. 2**64-1); SQLite's INTEGER is signed, so
store them in two's complement (``fp - 2**64`` when ``fp >= 2**63``). ``hamming`` accepts
either form.
"""

from __future__ import annotations

import re

import numpy as np

from index.folding import fold_script as fold

NEAR_DUPLICATE_BITS = 8
"""Two texts whose fingerprints differ in at most this many bits are near-duplicates."""

NGRAM = 4
_STRIP = re.compile(r"[\W_]+")  # white space, punctuation, symbols
_MASK64 = (1 << 64) - 1
_PRIME = np.uint64(0x100000001B3)


def comparable(text: str) -> str:
    """The text as the fingerprint sees it: folded, without spaces and punctuation."""
    return _STRIP.sub("", fold(text))


def _mix(h: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: spreads every input bit over all 64 output bits."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def fingerprint(text: str) -> int:
    """The 64-bit SimHash of ``text``, unsigned (0 for text with no letters or digits)."""
    chars = comparable(text)
    if not chars:
        return 0
    codes = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - NGRAM + 1
    if n <= 0:
        codes = np.concatenate([codes, np.zeros(NGRAM - len(codes), dtype=np.uint64)])
        n = 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for k in range(NGRAM):
            h = h * _PRIME + codes[k : k + n]
        h = _mix(h)
    # Votes per bit: unpack the n hashes into an n x 64 bit matrix and count the ones.
    ones = np.unpackbits(h.astype("<u8").view(np.uint8).reshape(n, 8), axis=1).sum(
        axis=0, dtype=np.int64
    )
    bits = (ones * 2 > n).astype(np.uint8)
    return int.from_bytes(np.packbits(bits).tobytes(), "big")


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two fingerprints (signed or unsigned)."""
    return ((a ^ b) & _MASK64).bit_count()


def is_near_duplicate(a: int, b: int, bits: int = NEAR_DUPLICATE_BITS) -> bool:
    """True when two fingerprints are within ``bits`` of each other."""
    return hamming(a, b) <= bits
