"""The words shown on hover over a date: where it came from and the text that says so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from archive.metadata.dates import split_source


def _labels() -> dict[str, str]:
    return {
        "dateline": QCoreApplication.translate(
            "DateEvidence", "From the dateline"),
        "explicit": QCoreApplication.translate(
            "DateEvidence", "From a date on the title page or at the top"),
        "event": QCoreApplication.translate(
            "DateEvidence", "Inferred from the dates of reported events"),
        "inferred": QCoreApplication.translate(
            "DateEvidence", "Inferred: the text reports a whole finished year"),
        "manual": QCoreApplication.translate(
            "DateEvidence", "Entered by hand"),
        "hint": QCoreApplication.translate(
            "DateEvidence", "From the file's metadata"),
    }


def date_label(date_source: str | None) -> str:
    """The kind of evidence of a stored ``date_source``, in words ("" when unknown)."""
    kind, _ = split_source(date_source)
    return _labels().get(kind, kind)


def date_evidence(date_source: str | None) -> str:
    """"From the dateline: “发布时间：2020-09-15”" for a stored ``date_source``."""
    kind, evidence = split_source(date_source)
    if not kind:
        return ""
    label = _labels().get(kind, kind)
    if not evidence:
        return label
    return (QCoreApplication.translate("DateEvidence", "%1: “%2”")
            .replace("%1", label).replace("%2", evidence))
