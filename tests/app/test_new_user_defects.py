"""Defects a new user ran into (issue 15), each driven as that user would."""

from __future__ import annotations

import pytest
from gui_helpers import facet_click, search, wait_idle
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def _visible_in(widget, bar) -> bool:
    """``widget`` lies wholly inside ``bar`` and inside the area the bar is given."""
    if not widget.isVisible():
        return False
    rect = widget.geometry()
    return bar.rect().contains(rect) and rect.bottom() < bar.height()


@pytest.mark.parametrize("ticks", [3, 4, 6])
def test_chips_wrap_and_clear_all_stays_visible(qtbot, window, ticks):
    window.show()
    window.splitter.setSizes([220, 420, 700])
    companies = [v for v, _c in window.facets.sections["company"].model.values][:ticks - 1]
    for value in companies:
        facet_click(qtbot, window, "company", value)
    facet_click(qtbot, window, "year", "2024")
    qtbot.waitUntil(lambda: len(window.chips.chips) == len(companies) + 1, timeout=5000)
    wait_idle(qtbot, window)
    bar = window.chips
    qtbot.waitUntil(lambda: bar.clear_button.isVisible(), timeout=2000)
    qtbot.wait(50)  # let the layouts settle
    widgets = [*bar.chips, bar.clear_button]
    for w in widgets:
        assert _visible_in(w, bar), (w, w.geometry(), bar.geometry())
    for i, a in enumerate(widgets):
        for b in widgets[i + 1:]:
            assert not a.geometry().intersects(b.geometry()), (a.geometry(), b.geometry())
    # the results below are not covered by the chips either
    assert bar.geometry().bottom() < window.timeline.geometry().top()
    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.facets.has_selection(), timeout=5000)
