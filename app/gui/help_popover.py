"""Help: the query-syntax popover under the search box and the F1 help window."""

from __future__ import annotations

import html
from urllib.parse import quote, unquote

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .theme import LIGHT, Colors


def syntax_rows() -> list[tuple[str, str]]:
    """(example, what it finds) rows of the query language, translated."""
    rows = [
        ("汽开区", QCoreApplication.translate(
            "Help", "articles containing it anywhere, like Ctrl+F over the archive")),
        ("長春", QCoreApplication.translate(
            "Help", "also the simplified form: traditional, width and case are folded")),
        ("新能源 电池", QCoreApplication.translate("Help", "both words (AND is implied)")),
        ('"中德 汽车"', QCoreApplication.translate("Help", "the exact phrase")),
        ("一汽 OR 大众", QCoreApplication.translate("Help", "either word")),
        ("汽车 -电池", QCoreApplication.translate("Help", "without a word (also NOT)")),
        ("(红旗 OR 解放) 工厂", QCoreApplication.translate("Help", "grouping")),
        ("title:红旗", QCoreApplication.translate(
            "Help", "in the headline; also author:, company:, topic:")),
        ("company:一汽", QCoreApplication.translate("Help", "a company by any of its names")),
        ("year:2021..2023", QCoreApplication.translate(
            "Help", "a range of years; year:unknown for undated articles")),
        ("volks*", QCoreApplication.translate("Help", "words beginning with volks")),
    ]
    return rows


def shortcut_rows() -> list[tuple[str, str]]:
    """(keys, what they do) rows of the keyboard shortcuts, translated."""
    return [
        ("Ctrl+F", QCoreApplication.translate("Help", "search")),
        ("Enter", QCoreApplication.translate(
            "Help", "search now (in the search box); read the article, or compare the "
                    "selected articles (in the list)")),
        ("↑ / ↓", QCoreApplication.translate(
            "Help", "move in the results (from the search box too)")),
        ("Ctrl+A, Shift+click, Ctrl+click", QCoreApplication.translate(
            "Help", "select several articles")),
        ("Ctrl+D", QCoreApplication.translate(
            "Help", "compare the selected articles side by side")),
        ("Ctrl+E", QCoreApplication.translate(
            "Help", "export the selection (or the article being read)")),
        ("Ctrl+O", QCoreApplication.translate("Help", "import files")),
        ("F2", QCoreApplication.translate("Help", "edit the article's metadata")),
        ("Delete", QCoreApplication.translate(
            "Help", "move the selected articles to the trash (Edit ▸ Trash… restores them)")),
        ("Ctrl+Z", QCoreApplication.translate(
            "Help", "right after an import: undo it (its articles go to the trash)")),
        ("Ctrl+M", QCoreApplication.translate("Help", "more like this")),
        ("Ctrl+Shift+C", QCoreApplication.translate("Help", "copy the citation")),
        ("Ctrl+Shift+O", QCoreApplication.translate("Help", "open the original file")),
        ("F3 / Shift+F3", QCoreApplication.translate(
            "Help", "next / previous match in the article")),
        ("Esc", QCoreApplication.translate("Help", "clear the search box")),
        ("F1", QCoreApplication.translate("Help", "this help")),
    ]


def _table(rows: list[tuple[str, str]], colors: Colors, links: bool) -> str:
    out = ["<table cellspacing='0' cellpadding='4' width='100%'>"]
    for example, meaning in rows:
        code = html.escape(example)
        if links:
            code = (f"<a href='example:{quote(example, safe='')}' "
                    f"style='color:{colors.link};text-decoration:none'>{code}</a>")
        out.append(f"<tr><td style='white-space:pre'><code>{code}</code></td>"
                   f"<td style='color:{colors.muted}'>{html.escape(meaning)}</td></tr>")
    out.append("</table>")
    return "".join(out)


class HelpPopover(QFrame):
    """The query syntax, as a popup under the search box; clicking an example puts it into
    the search box (``example_chosen``)."""

    example_chosen = Signal(str)

    def __init__(self, colors: Colors = LIGHT, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("helpPopover")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setFrameShape(QFrame.Shape.NoFrame)
        self.browser.anchorClicked.connect(self._clicked)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addWidget(self.browser)
        self.resize(560, 400)
        self.set_colors(colors)

    def set_colors(self, colors: Colors) -> None:
        title = html.escape(self.tr("Query syntax"))
        hint = html.escape(self.tr("Click an example to try it. Facets on the left narrow "
                                   "any search: OR within one facet, AND across facets."))
        self.browser.setHtml(f"<h3 style='margin:0 0 6px 0'>{title}</h3>"
                             f"{_table(syntax_rows(), colors, links=True)}"
                             f"<p style='color:{colors.muted}'>{hint}</p>")

    def show_below(self, widget: QWidget) -> None:
        pos = widget.mapToGlobal(QPoint(0, widget.height() + 2))
        self.move(pos)
        self.show()
        self.browser.setFocus()

    def _clicked(self, url: QUrl) -> None:
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        if text.startswith("example:"):
            self.example_chosen.emit(unquote(text[len("example:"):]))
            self.hide()


class HelpDialog(QDialog):
    """F1: keyboard shortcuts and the query syntax."""

    def __init__(self, colors: Colors = LIGHT, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("News Archive help"))
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        keys = html.escape(self.tr("Keyboard shortcuts"))
        syntax = html.escape(self.tr("Query syntax"))
        tips = html.escape(self.tr(
            "An empty search lists the whole archive, newest first. Tick years, companies "
            "and topics on the left, or click a bar of the timeline, to narrow it. Drop "
            "files or folders on the window to import them."))
        self.browser.setHtml(
            f"<p>{tips}</p><h3>{keys}</h3>{_table(shortcut_rows(), colors, False)}"
            f"<h3>{syntax}</h3>{_table(syntax_rows(), colors, False)}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(680, 620)
