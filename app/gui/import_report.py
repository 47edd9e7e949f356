"""The import report: what was added, what was already there, what looked suspicious (imported
with a warning), and what failed and why."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .theme import LIGHT, Colors

if TYPE_CHECKING:
    from archive.ingest import IngestReport

MAX_ROWS = 2000  # per group; a larger import lists the first ones and says how many more


class ImportReportDialog(QDialog):
    """Groups Added, Versions, Duplicates, Warnings and Failed with one line per file."""

    def __init__(self, report: IngestReport, titles: dict[int, str] | None = None,
                 colors: Colors = LIGHT, parent: QWidget | None = None):
        super().__init__(parent)
        self.report = report
        self.titles = titles or {}
        self.setWindowTitle(self.tr("Import report"))
        self.resize(760, 480)
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("File"), self.tr("Result")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        # a long path keeps its start and its file name ("/home/…/inbox/file.txt"); the
        # whole path is the row's tooltip
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(0, 360)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton(self.tr("Copy report"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.buttons)
        self.groups: dict[str, QTreeWidgetItem] = {}
        self._fill(colors)

    def _fill(self, colors: Colors) -> None:
        r = self.report
        counts = [
            (len(r.added), self.tr("%n added", "", len(r.added)), None),
            (len(r.versions), self.tr("%n new version(s)", "", len(r.versions)), None),
            (len(r.duplicates), self.tr("%n duplicate(s)", "", len(r.duplicates)), None),
            (len(r.warnings), self.tr("%n warning(s)", "", len(r.warnings)),
             None),
            (len(r.failed), self.tr("%n failed", "", len(r.failed)),
             colors.error if r.failed else None),
        ]
        parts = []
        if not r.warnings:
            del counts[3]  # rare too
        if not r.versions:
            del counts[1]  # versions are rare: say nothing of none
        for n, text, color in counts:
            weight = "font-weight:600;" if n else ""
            style = f"color:{color};" if color else ""
            parts.append(f"<span style='{weight}{style}'>{text}</span>")
        text = " · ".join(parts)
        if r.cancelled:
            text += "<br/>" + self.tr("The import was cancelled; the remaining files were "
                                      "not read. Import them again to continue.")
        self.summary.setText(text)

        added = self._group("added", self.tr("Added (%1)").replace("%1", str(len(r.added))))
        for aid in r.added[:MAX_ROWS]:
            self._row(added, self.titles.get(aid, f"#{aid}"), self.tr("article #%1")
                      .replace("%1", str(aid)))
        versions = self._group("versions", self.tr("New versions (%1)")
                               .replace("%1", str(len(r.versions))))
        for v in r.versions[:MAX_ROWS]:
            self._row(versions, v.get("path", ""),
                      self.tr("a version of article #%1").replace("%1", str(v.get("version_of"))))
        dups = self._group("duplicates", self.tr("Duplicates, not added again (%1)")
                           .replace("%1", str(len(r.duplicates))))
        for d in r.duplicates[:MAX_ROWS]:
            known = self.tr("in the trash as #%1: restore it from the Trash") \
                if d.get("trashed") else self.tr("already in the archive as #%1")
            self._row(dups, d.get("path", ""), known.replace("%1", str(d.get("id"))))
        warned = self._group("warnings", self.tr("Imported with warnings (%1)")
                             .replace("%1", str(len(r.warnings))))
        for w in r.warnings[:MAX_ROWS]:
            self._row(warned, w.get("path", ""), w.get("warning", ""))
        review = getattr(r, "needs_review", [])
        low = self._group("review", self.tr("Needs review: low OCR confidence (%1)")
                          .replace("%1", str(len(review))))
        for item in review[:MAX_ROWS]:
            pages = ", ".join(map(str, item.get("pages", [])))
            self._row(low, item.get("path", ""), self.tr("article #%1, page %2")
                      .replace("%1", str(item.get("id"))).replace("%2", pages))
        failed = self._group("failed", self.tr("Failed (%1)").replace("%1", str(len(r.failed))))
        for f in r.failed[:MAX_ROWS]:
            self._row(failed, f.get("path", ""), f.get("error", ""))
        for key, group in self.groups.items():
            group.setHidden(group.childCount() == 0)
            group.setExpanded(key in ("failed", "warnings", "review") or (key == "added" and not r.failed)
                              or group.childCount() <= 20)

    def _group(self, key: str, title: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [title])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        self.groups[key] = item
        return item

    def _row(self, parent: QTreeWidgetItem, name: str, result: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [name, result])
        item.setToolTip(0, name)
        item.setToolTip(1, result)
        return item

    def text(self) -> str:
        """The report as plain text (what "Copy report" puts on the clipboard)."""
        lines = [self.summary.text().replace("<br/>", "\n")]
        for group in self.groups.values():
            if group.isHidden():
                continue
            lines.append("")
            lines.append(group.text(0))
            for i in range(group.childCount()):
                child = group.child(i)
                lines.append(f"  {child.text(0)}\t{child.text(1)}")
        return re.sub(r"<[^>]+>", "", "\n".join(lines))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
