"""Turning bytes of unknown encoding into text, and refusing bytes that are not text.

Order of evidence: a byte order mark; valid UTF-8 (other encodings of Chinese almost never
are); then charset-normalizer's guess weighed against the two Chinese legacy families
(GB18030, which is a superset of GB2312 and GBK, and Big5). Trying decoders in order is
not detection: Big5 bytes decode without error as GB18030 into nonsense, so each strict
decoding is scored by how plausible its characters are (common Chinese characters versus
private-use, unassigned and control characters) and the most plausible one wins.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from archive.readers.base import ReadError
from index.cjk import IDEOGRAPH_CLASS

# Labels as met in meta tags and MIME headers -> the codec that really decodes them.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "cp950",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "iso-8859-1": "cp1252",  # as browsers do: the C1 range is Windows-1252 in practice
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "iso8859-1": "cp1252",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "utf-16": "utf-16",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def normalize_charset(label: str | None) -> str | None:
    """A charset label from markup -> a Python codec name, or None when unknown."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    key = _ALIASES.get(key, key)
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) when ``data`` starts with a byte order mark."""
    for bom, codec, _label in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def normalize_newlines(text: str) -> str:
    """CRLF, CR, form feeds and Unicode line separators -> ``\\n``; drop stray BOMs."""
    return _NEWLINES.sub("\n", text).replace("\ufeff", "")


@lru_cache(maxsize=1)
def _common_set() -> frozenset[str]:
    """The 3,755 most used simplified characters (GB2312 level 1, a frequency-ordered set)
    and their traditional forms (through OpenCC), about 4,500 characters in all."""
    simplified = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                simplified.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    chars = set(simplified)
    import opencc

    chars.update(opencc.OpenCC("s2t").convert("".join(simplified)))
    chars.update(opencc.OpenCC("s2tw").convert("".join(simplified)))
    return frozenset(chars)


_CJK_FIND = re.compile(f"[{IDEOGRAPH_CLASS}]")


def plausibility(text: str, sample: int = 12000) -> tuple[float, float, int]:
    """(bad-character ratio, share of common characters among CJK ones, CJK count)."""
    if len(text) > sample:
        # Look at the start, middle and end: cheap, and catches a binary tail.
        third = sample // 3
        mid = len(text) // 2
        text = text[:third] + text[mid : mid + third] + text[-third:]
    if not text:
        return 0.0, 1.0, 0
    bad: float = len(_BAD_RE.findall(text))
    head = text[:2000]
    bad += sum(1 for ch in head if unicodedata.category(ch) == "Cn") * len(text) / len(head)
    cjk = "".join(_CJK_FIND.findall(text))
    if not cjk:
        return bad / len(text), 1.0, 0
    rare = len(cjk.translate(_drop_common()))
    return bad / len(text), 1 - rare / len(cjk), len(cjk)


@lru_cache(maxsize=1)
def _drop_common() -> dict[int, None]:
    """A str.translate table deleting the common characters (counting runs in C)."""
    return dict.fromkeys(map(ord, _common_set()))


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        pass
    # A file cut in the middle of a multi-byte character: forgive the last 1-3 bytes, but
    # only when the rest has plenty of multi-byte characters to vouch for the codec.
    for cut in (1, 2, 3):
        try:
            text = data[:-cut].decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if sum(1 for ch in text[:4000] if ord(ch) > 0x7F) >= 8:
            return text
        return None
    return None


def _utf16_order(data: bytes) -> list[str]:
    """BOM-less UTF-16 byte orders to try, likeliest first (by where the zero bytes are)."""
    sample = data[:4000]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    return ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]


# Legacy encodings worth believing when charset-normalizer names them; exotic single-byte
# code pages (Mac, DOS) decode anything and are more often a wrong guess than a right one.
_ACCEPTED_GUESSES = {
    "gb18030", "big5hkscs", "cp950", "cp1252", "iso8859-15", "cp1250", "cp1251", "cp1253",
    "cp1254", "cp1255", "cp1256", "cp1257", "iso8859-2", "iso8859-5", "iso8859-7", "koi8-r",
    "koi8-u", "shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "hz",
}  # fmt: skip
_SINGLE_BYTE = re.compile(r"^(cp12\d\d|iso8859-\d+|koi8-[ru]|latin_1)$")


_NOT_TEXT = "This file is not text (it looks like binary data)."
_UNDECODABLE = "The text encoding of this file could not be worked out, so it cannot be read."


_BAD_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd\ufffe\uffff]")


def check_text(text: str) -> None:
    """Raise ReadError when decoded text is really binary data.

    Control characters (other than tab, newline, carriage return, form feed), private-use
    and replacement characters over 1 % of the text mean binary; so do unassigned code
    points, looked up on a sample as that needs a per-character table.
    """
    if not text:
        return
    bad = len(_BAD_RE.findall(text))
    if bad > 0.01 * len(text):
        raise ReadError(_NOT_TEXT)
    sample = text[:2000]
    if sum(1 for ch in sample if unicodedata.category(ch) == "Cn") > 0.01 * len(sample):
        raise ReadError(_NOT_TEXT)


def _score(text: str) -> tuple[float, int] | None:
    """(how plausible one decoding is, its CJK count); None when it is nonsense."""
    bad, common, cjk = plausibility(text)
    if bad > 0.01:
        return None
    if cjk >= 8 and common < 0.8:
        return None  # a CJK decoding full of rare characters is another encoding's bytes
    return (1.0 - bad) * (common if cjk else 0.9), cjk


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` as text; returns (text with ``\\n`` line endings, codec name).

    ``declared`` is a charset named by the markup (a meta tag, a MIME header); a BOM
    overrides it, and it is dropped when the bytes do not decode with it.
    Raises ReadError for binary data and for bytes no plausible encoding decodes.
    """
    found = bom_encoding(data)
    if found:
        codec, skip = found
        try:
            text = data[skip:].decode(codec)
        except UnicodeDecodeError:
            raise ReadError(
                f"The file starts with a {codec.upper()} byte order mark but is not valid "
                f"{codec.upper()} text."
            ) from None
        check_text(text)
        return normalize_newlines(text), codec
    if b"\x00" in data:
        # Zero bytes: BOM-less UTF-16 or binary data.
        for codec in _utf16_order(data):
            text16 = _strict(data, codec)
            if text16 is not None and _score(text16) is not None:
                try:
                    check_text(text16)
                except ReadError:
                    continue
                return normalize_newlines(text16), codec
        raise ReadError(_NOT_TEXT)

    declared = normalize_charset(declared)
    plain = _strict(data, "utf-8")
    if plain is not None:
        check_text(plain)
        return normalize_newlines(plain), "utf-8"

    # Chinese first: when GB18030 or Big5 gives clearly plausible Chinese, that is the
    # answer (and charset-normalizer, the slow part, is not needed).
    best: tuple[float, int] | None = None
    chosen: tuple[str, str] | None = None
    cjk_count = 0
    tried: set[str] = set()

    def consider(codec: str, rank: int) -> None:
        nonlocal best, chosen, cjk_count
        tried.add(codec)
        decoded = _strict(data, codec)
        if decoded is None:
            return
        scored = _score(decoded)
        if scored is None:
            return
        key = (round(scored[0], 3), -rank)  # on a tie the earlier (declared, guessed) codec wins
        if best is None or key > best:
            best, chosen, cjk_count = key, (decoded, codec), scored[1]

    if declared and declared != "utf-8":
        consider(declared, 0)
    for rank, codec in enumerate(("gb18030", "big5hkscs"), start=10):
        if codec not in tried:
            consider(codec, rank)
    if chosen is not None and best is not None and best[0] >= 0.95 and cjk_count >= 20:
        return normalize_newlines(chosen[0]), chosen[1]

    guess = _charset_normalizer_guess(data)
    if guess not in _ACCEPTED_GUESSES:
        guess = None
    later: list[str] = []
    if guess and _SINGLE_BYTE.match(guess):
        later.append("cp1252")  # the guesser often names a cousin of Windows-1252
    for name in (guess, "cp1252"):
        if name and name not in later:
            later.append(name)
    for rank, codec in enumerate(later, start=1):
        if codec not in tried:
            consider(codec, rank)
    if chosen is None:
        if _looks_binary(data):
            raise ReadError(_NOT_TEXT)
        raise ReadError(_UNDECODABLE)
    return normalize_newlines(chosen[0]), chosen[1]


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13, 27))
    return controls > 0.01 * len(sample)


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(data[:200_000]).best()
    except Exception:  # noqa: BLE001 - a detector failure is just "no guess"
        return None
    if best is None:
        return None
    return normalize_charset(best.encoding)


# ----- text of mixed encodings -----------------------------------------------------------
_MAX_BAD_LINE_SHARE = 0.2  # more lines than this undecodable: not text, or not one we read
_LINE_CODECS = ("utf-8", "gb18030", "big5hkscs")


def decode_mixed(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    """``decode_text``, falling back to line-by-line decoding for text of mixed encodings.

    Returns (text, codec, warning). A file whose lines are in different encodings (UTF-8
    lines pasted into a GBK file) is decoded one line at a time with the most plausible
    codec; bytes no codec decodes are replaced with U+FFFD, and ``warning`` says how many
    bytes on how many lines were replaced (None when nothing was). Binary data, and text
    with undecodable bytes on more than a fifth of its lines, still raise ReadError.
    """
    try:
        text, codec = decode_text(data, declared)
        return text, codec, None
    except ReadError as err:
        if err.message != _UNDECODABLE:
            raise
    lines = data.split(b"\n")
    out: list[str] = []
    used: dict[str, int] = {}
    bad_lines = bad_bytes = 0
    for raw in lines:
        line, line_codec, replaced = _decode_line(raw, normalize_charset(declared))
        out.append(line)
        if line_codec:
            used[line_codec] = used.get(line_codec, 0) + 1
        if replaced:
            bad_lines += 1
            bad_bytes += replaced
    if bad_lines > _MAX_BAD_LINE_SHARE * max(len(lines), 1):
        raise ReadError(_UNDECODABLE)
    joined = normalize_newlines("\n".join(out))
    check_text(joined.replace("\ufffd", ""))
    codecs_used = sorted(used, key=lambda c: -used[c])
    warning = None
    if bad_lines:
        warning = (
            f"{bad_bytes} byte{'s' if bad_bytes != 1 else ''} on {bad_lines} "
            f"line{'s' if bad_lines != 1 else ''} could not be decoded and "
            f"{'were' if bad_bytes != 1 else 'was'} replaced by �."
        )
    note = f"The lines of this file are in different encodings ({', '.join(codecs_used)})."
    return joined, "mixed: " + "+".join(codecs_used), f"{note} {warning}" if warning else note


def _decode_line(raw: bytes, declared: str | None) -> tuple[str, str | None, int]:
    """(text, codec, bytes replaced) for one line of a mixed file."""
    if not raw.strip():
        return raw.decode("ascii", "replace"), None, 0
    best: tuple[float, str, str] | None = None
    for codec in (declared, *_LINE_CODECS):
        if not codec:
            continue
        try:
            text = raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec == "utf-8":
            return text, codec, 0  # valid UTF-8 is UTF-8 (other encodings almost never are)
        scored = _score(text)
        if scored is not None and (best is None or scored[0] > best[0]):
            best = (scored[0], text, codec)
    if best is not None:
        return best[1], best[2], 0
    # Undecodable bytes: replace them under the codec that keeps most of the line.
    candidates = [raw.decode(c, "replace") for c in ("utf-8", "gb18030")]
    text = min(candidates, key=lambda t: t.count("\ufffd"))
    return text, None, max(text.count("\ufffd"), 1)
