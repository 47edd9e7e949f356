"""Manual corrections of an article's metadata, kept apart from what extraction derives.

An article's ``manual`` record holds the user's corrections: a title, a date, companies and
topics added or removed. Extraction may run again (re-ingest, reindex with a new
gazetteer); the corrections are applied on top each time, so they always win.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field

from .isodate import MAX_YEAR, MIN_YEAR  # the range the date facet and the extractor use

MANUAL_TOPIC_SCORE = 1000.0  # above any computed score, so manual topics come first
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class EditError(ValueError):
    """A correction that cannot be applied; the message says why."""


@dataclass
class Edit:
    """What the user asks to change; None or empty means "leave as it is"."""

    title: str | None = None
    date: str | None = None  # ISO, possibly partial; "" clears the date
    add_companies: list[str] = field(default_factory=list)
    remove_companies: list[str] = field(default_factory=list)
    add_topics: list[str] = field(default_factory=list)
    remove_topics: list[str] = field(default_factory=list)


def parse_date(value: str) -> tuple[str | None, int | None]:
    """Validate an ISO date (``2023``, ``2023-10``, ``2023-10-17``; empty clears it)."""
    value = value.strip()
    if not value:
        return None, None
    m = _DATE_RE.match(value)
    if not m:
        raise EditError(f"“{value}” is not a date like 2023, 2023-10 or 2023-10-17")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise EditError(f"“{value}”: the year must be {MIN_YEAR} to {MAX_YEAR}")
    if month and not 1 <= int(month) <= 12:
        raise EditError(f"“{value}”: month must be 1 to 12")
    if day:
        try:
            _dt.date(int(year), int(month), int(day))
        except ValueError:
            last = calendar.monthrange(int(year), int(month))[1]
            raise EditError(f"“{value}”: that month has {last} days") from None
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return "-".join(parts), int(year)


def validate(edit: Edit) -> None:
    """Reject an edit that names an empty company or topic or gives an impossible date."""
    if edit.date is not None:
        parse_date(edit.date)
    if edit.title is not None and not edit.title.strip():
        raise EditError("the headline cannot be empty")
    for kind, names in (("company", edit.add_companies + edit.remove_companies),
                        ("topic", edit.add_topics + edit.remove_topics)):
        if any(not n or not n.strip() for n in names):
            raise EditError(f"a {kind} name cannot be empty")


def merge_manual(manual: dict, edit: Edit) -> dict:
    """The manual record after applying ``edit`` to it."""
    validate(edit)
    out = {k: (list(v) if isinstance(v, list) else v) for k, v in manual.items()}
    if edit.title is not None:
        if not edit.title.strip():
            raise EditError("the headline cannot be empty")
        out["title"] = edit.title.strip()
    if edit.date is not None:
        date, year = parse_date(edit.date)
        out["date"], out["year"] = date, year
    for kind, add, remove in (("companies", edit.add_companies, edit.remove_companies),
                              ("topics", edit.add_topics, edit.remove_topics)):
        added = [v for v in out.get(f"{kind}_add", []) if v not in remove]
        removed = [v for v in out.get(f"{kind}_remove", []) if v not in add]
        added += [v for v in add if v not in added]
        removed += [v for v in remove if v not in removed]
        out[f"{kind}_add"], out[f"{kind}_remove"] = added, removed
        if not added:
            out.pop(f"{kind}_add")
        if not removed:
            out.pop(f"{kind}_remove")
    return out


def apply_companies(extracted: dict[str, int], manual: dict) -> dict[str, int]:
    """Extracted company mentions with the manual additions and removals applied."""
    out = {k: v for k, v in extracted.items() if k not in manual.get("companies_remove", [])}
    for name in manual.get("companies_add", []):
        out.setdefault(name, 0)
    return out


def apply_topics(extracted: list[tuple[str, float]], manual: dict) -> list[tuple[str, float]]:
    """Extracted topics with the manual additions (first) and removals applied."""
    removed = set(manual.get("topics_remove", []))
    added = [t for t in manual.get("topics_add", []) if t not in removed]
    kept = [(t, s) for t, s in extracted if t not in removed and t not in added]
    return [(t, MANUAL_TOPIC_SCORE) for t in added] + kept
