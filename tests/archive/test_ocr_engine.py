"""The OCR engine's sessions are made for a small memory footprint (issue 16's ingest budget:
1 GB for importing page images), and the engine is loaded once per process.

Not a timing or memory measurement (``tests/perf/ocr_cer.py --ingest`` is): the settings
that keep the memory down are checked where onnxruntime reports them.
"""

from __future__ import annotations

import pytest

pytest.importorskip("rapidocr_onnxruntime")

from archive.ocr import recognise


def test_detection_and_recognition_sessions_keep_no_arena_or_memory_pattern():
    sessions = recognise.engine_sessions()
    assert set(sessions) == {"det", "rec"}
    for role, session in sessions.items():
        opts = session.get_session_options()
        assert opts.enable_cpu_mem_arena is False, role
        assert opts.enable_mem_pattern is False, role
        assert 1 <= opts.intra_op_num_threads <= recognise.THREADS, role
        assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0", role


def test_engine_is_loaded_once_and_shared():
    first = recognise.engine_sessions()
    again = recognise.engine_sessions()
    assert first["det"] is again["det"] and first["rec"] is again["rec"]
    assert recognise._engine() is recognise._engine()


def test_lines_are_recognised_a_few_at_a_time():
    # memory grows with the lines of one run times the widest line's width
    from archive.ocr import traditional

    assert recognise._engine().text_rec.rec_batch_num == recognise.REC_BATCH <= 2
    rec = traditional.recogniser()
    if rec is not None:
        assert rec.rec_batch_num == recognise.REC_BATCH
        opts = rec.session.session.get_session_options()
        assert opts.enable_mem_pattern is False and opts.enable_cpu_mem_arena is False
