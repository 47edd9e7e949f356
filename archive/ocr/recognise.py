"""Recognition: a page image -> an ``OcrPage`` (lines, boxes, confidences, reading order).

The engine is RapidOCR's ONNX pipeline (``rapidocr-onnxruntime``) with the PP-OCR
detection and recognition models shipped inside its wheel: everything runs here, offline,
with nothing downloaded at run time. One engine is loaded per process on first use (about
0.7 s) and shared; calls into it hold a lock. Its text-direction classifier is not used:
it turned lines full of curly quotes upside down (and they were lost); vertical columns
are told by the shape of their boxes (``order.is_vertical``), not by it.

A page is straightened first (``deskew``); lines are found, ordered and joined into
paragraphs on the straightened page, and their boxes mapped back to the page as given.
A page whose lines lean traditional is read again with PP-OCRv5's recogniser
(``traditional``). Dashes and ellipses are restored in each paragraph (``punct``) and a
traditional page kept traditional (``script``); each line's stored text is its share of
that final text.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import traditional
from .deskew import straighten, to_original
from .layout import OcrLine, OcrPage
from .order import join_lines, paragraphs, reading_order
from .punct import tidy_punctuation
from .script import match_script, page_script
from .spacing import restore_spaces

if TYPE_CHECKING:
    from PIL import Image

# A page whose confidence (characters-weighted mean of its lines) is under this is listed
# for review; README "OCR" gives the figures it was tuned on.
REVIEW_THRESHOLD = 0.90
# Lines read with less confidence than this are dropped as noise (a speck, a photo's
# texture); the engine's own default (0.5) also dropped real but badly printed lines,
# which then neither reached the text nor lowered the page's confidence.
MIN_LINE_SCORE = 0.2
MAX_SIDE = 8192  # the engine's own cap on the longer side of an image it reads
# Text is found on the page scaled to this longer side (and read at full size). Without the
# direction classifier, on the five clean 300 dpi tuning pages: 1280 px 0.60 % CER, 790 MB
# peak RSS; 1600 px 0.76 %, 888 MB; 2000 px 0.82 %, 1,015 MB (README "OCR accuracy").
DET_SIDE = 1280

# onnxruntime threads a session may use: two (this machine's cores; the ingest's other
# work runs beside it), and idle threads sleep rather than spin: spinning threads cost
# about 40 % more CPU a page on a busy machine for no gain in speed.
THREADS = 2

# Lines recognised in one run. A run pads its lines to the widest one's width, and its
# memory grows with lines x width: on a 300 dpi page 6 lines at once (RapidOCR's default)
# peaked at 546 MB, 2 at 468 MB, for the same text and no more CPU.
REC_BATCH = 2

_ENGINE = None
_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Raw:
    text: str
    box: tuple[int, int, int, int]
    confidence: float


def session_options():
    """onnxruntime options of the detection and recognition sessions, set for memory:
    no arena (it keeps the largest page's buffers for good) and no memory pattern (one
    block planned for every tensor of a run at once, cached per input shape, so per page
    size and per line-batch width); each tensor is allocated when made and freed when
    used up. With both off, a 150 dpi page's detection peaks about 70 MB lower."""
    import os

    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 4
    opts.enable_cpu_mem_arena = False
    opts.enable_mem_pattern = False
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.intra_op_num_threads = max(1, min(THREADS, os.cpu_count() or 1))
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return opts


def _engine():
    """The process's RapidOCR engine, loaded once, its detection and recognition sessions
    made with ``session_options`` (the classifier, never used, keeps RapidOCR's)."""
    global _ENGINE
    if _ENGINE is None:
        import onnxruntime as ort
        from rapidocr_onnxruntime import RapidOCR

        engine = RapidOCR(max_side_len=MAX_SIDE)
        engine.use_cls = False
        engine.text_rec.rec_batch_num = REC_BATCH
        for holder in (engine.text_det.infer, engine.text_rec.session):
            path = holder.session._model_path
            holder.session = None  # the first session is freed before the second is made
            holder.session = ort.InferenceSession(path, sess_options=session_options(),
                                                  providers=["CPUExecutionProvider"])
        _ENGINE = engine
    return _ENGINE


def engine_sessions() -> dict:
    """The loaded engine's onnxruntime sessions by role (``det``, ``rec``)."""
    engine = _engine()
    return {"det": engine.text_det.infer.session, "rec": engine.text_rec.session.session}


def release_memory() -> None:
    """Give the heap's freed pages back to the system after a page (glibc keeps them
    otherwise, and the next page's buffers land elsewhere, so the ingest's resident size
    creeps up page by page). Does nothing where there is no ``malloc_trim``."""
    import ctypes
    import ctypes.util

    global _TRIM
    if _TRIM is None:
        try:
            _TRIM = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _TRIM = False
    if _TRIM:
        _TRIM(0)


_TRIM: Any = None  # libc's malloc_trim, False where there is none, None before the first look


def _bgr(image: Image.Image):
    import numpy as np

    rgb = image.convert("RGB")
    return np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])


def _raw_lines(image: Image.Image) -> list[_Raw]:
    import numpy as np

    bgr = _bgr(image)
    with _LOCK:
        if max(image.size) > DET_SIDE:
            result = _read_large(bgr)
        else:
            result, _ = _engine()(bgr, use_cls=False, return_word_box=True,
                                  text_score=MIN_LINE_SCORE)
        if result and page_script("".join(str(item[1]) for item in result)) == "traditional":
            result = traditional.reread(_engine(), bgr, result, MIN_LINE_SCORE)
    del bgr  # a full-size copy of the page: gone before the next one is made
    gray = np.asarray(image.convert("L"))
    out = []
    for item in result or []:
        quad, text, score = item[0], str(item[1]), item[2]
        chars = item[3] if len(item) > 3 else None
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        box = (int(min(xs)), int(min(ys)), round(float(max(xs))), round(float(max(ys))))
        text = tidy_line(restore_spaces(gray, text, box, chars))
        if text:
            out.append(_Raw(text, box, max(0.0, min(1.0, float(score)))))
    return out


def _read_large(bgr) -> list:
    """RapidOCR's pipeline with text found on the page scaled down to ``DET_SIDE`` and read
    from the full-size page: detection's memory grows with the pixels it is given (about
    500 MB for an A4 page at 150 dpi, 250 MB at ``DET_SIDE``), recognition needs the detail.
    Items as ``RapidOCR.__call__`` gives them: [quad, text, score, char boxes, chars]."""
    import cv2
    import numpy as np

    engine = _engine()
    h, w = bgr.shape[:2]
    f = DET_SIDE / max(h, w)
    small = cv2.resize(bgr, (max(1, round(w * f)), max(1, round(h * f))),
                       interpolation=cv2.INTER_AREA)
    boxes, _ = engine.text_det(small)
    del small
    if boxes is None or len(boxes) == 0:
        return []
    boxes = [np.asarray(b, dtype=np.float32) / f for b in engine.sorted_boxes(boxes)]
    crops = engine.get_crop_img_list(bgr, boxes)
    rec, _ = engine.text_rec(crops, True)
    rec = engine.cal_rec_boxes(crops, boxes, rec)
    return [[box.tolist(), text, score, chars, content]
            for box, (text, score, chars, content, _conf) in zip(boxes, rec, strict=True)
            if score >= MIN_LINE_SCORE]


_DASH_START = re.compile(r"^\s*(?:-一|一-|--|—一|一—|-—|—-|——)\s*(?=\S)")


def tidy_line(text: str) -> str:
    """A recognised line with surrounding blanks removed and a subtitle's dash ("——",
    often read as "-一") restored."""
    return _DASH_START.sub("——", text.strip())


def page_confidence(lines: tuple[OcrLine, ...] | list[OcrLine]) -> float:
    """The characters-weighted mean confidence of a page's lines (1.0 for no lines)."""
    chars = sum(len(ln.text) for ln in lines)
    if not chars:
        return 1.0
    return sum(ln.confidence * len(ln.text) for ln in lines) / chars


def recognise_image(image: Image.Image, page_no: int = 1) -> OcrPage:
    """Recognise one page image; offsets of its lines refer to ``page_text`` of the page,
    boxes to the image as given."""
    level, angle = straighten(image)
    ordered = reading_order(_raw_lines(level), level.height)
    spans: list[tuple[_Raw, int, int]] = []  # each line's place in the page's text
    text = ""
    for para in paragraphs(ordered):
        if text:
            text += "\n"
        joined = ""
        for raw in para:
            joined = join_lines([joined, raw.text]) if joined else raw.text.strip()
            spans.append((raw, len(text) + len(joined) - len(raw.text.strip()),
                          len(text) + len(joined)))
        tidied = tidy_punctuation(joined)
        if tidied != joined:
            at = len(text)
            moved = _remap(joined, tidied, [(s - at, e - at) for _, s, e in spans
                                            if s >= at])
            spans = [(r, s, e) for r, s, e in spans if s < at] + [
                (r, at + s, at + e) for (r, _, _), (s, e) in
                zip([x for x in spans if x[1] >= at], moved, strict=True)]
        text += tidied
    final = match_script(text)
    if final != text:
        spans = [(r, s, e) for (r, _, _), (s, e) in
                 zip(spans, _remap(text, final, [(s, e) for _, s, e in spans]), strict=True)]
    lines: list[OcrLine] = []
    prev_end = -2
    for raw, start, end in spans:
        box = to_original(raw.box, angle, level.size, image.size)
        lines.append(OcrLine(final[start:end], box, raw.confidence, "body", start, end,
                             joined=bool(lines) and "\n" not in final[prev_end:start]))
        prev_end = end
    conf = page_confidence(lines)
    return OcrPage(page_no=page_no, width=image.width, height=image.height,
                   confidence=round(conf, 4), needs_review=conf < REVIEW_THRESHOLD,
                   lines=tuple(lines))


def _remap(old: str, new: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``old`` moved to where the same text is in ``new`` (an edit of it)."""
    from difflib import SequenceMatcher

    ops = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def at(pos: int) -> int:
        for _tag, i1, i2, j1, j2 in ops:
            if i1 <= pos < i2:
                return j1 + min(pos - i1, j2 - j1)
        return len(new)

    return [(at(s), max(at(s), at(e - 1) + 1) if e > s else at(s)) for s, e in spans]


def line_paragraphs(page: OcrPage) -> list[list[OcrLine]]:
    """The page's lines grouped into paragraphs as reading order found them when the page
    was recognised (from the boxes for pages stored before that was kept)."""
    if any(ln.joined is None for ln in page.lines):
        return paragraphs(list(page.lines))
    out: list[list[OcrLine]] = []
    for ln in page.lines:
        if out and ln.joined:
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def page_paragraphs(page: OcrPage) -> list[str]:
    """The page's paragraphs in reading order, each one line of text."""
    return [join_lines([ln.text for ln in para]) for para in line_paragraphs(page)]


def page_text(page: OcrPage) -> str:
    """The page's text in reading order: paragraphs one a line, as stored."""
    return "\n".join(page_paragraphs(page))
