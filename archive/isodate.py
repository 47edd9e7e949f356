"""The one builder of ISO dates from found parts, shared by the date detector and the
readers (HTML, Markdown front matter, document properties)."""

from __future__ import annotations

import calendar

MIN_YEAR, MAX_YEAR = 1800, 2100  # the range the date facet and the extractor use


def iso_date(year: int | str, month: int | str | None = None,
             day: int | str | None = None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from parts as found (numbers or digit
    strings): None for a year outside 1800-2100 or an impossible month; an impossible day
    (``2月30日``) keeps the year and month."""
    try:
        y = int(year)
        m = int(month) if month not in (None, "") else None
        d = int(day) if day not in (None, "") else None
    except ValueError:
        return None
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None or not 1 <= d <= calendar.monthrange(y, m)[1]:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"
