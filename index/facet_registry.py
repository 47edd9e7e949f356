"""Every facet, defined once: its name, where its values come from, whether users edit
them, and how the command line and the facet panel offer it.

The index counts and filters the ``indexed`` facets from its own arrays; the ``external``
ones (kept by the repository, changed without touching the index) are counted over a
result's ids. The CLI's filter flags (``app/cli/base.add_facet_flags``) and the GUI's facet
panel (``app/gui/facet_panel.py``) are built from this list.
"""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN_YEAR = "unknown"  # the year facet's value for an article without a known year


@dataclass(frozen=True)
class Facet:
    """One facet of the search results."""

    name: str  # the key of filters, counts and saved searches; the query's field name
    derived: str  # how an article's values come about
    user_edits: bool  # users set or correct its values
    indexed: bool  # its values are stored in the search index (else kept by the repository)
    flag_help: str  # the CLI flag's help ("--NAME", repeatable)
    metavar: str
    panel_rows: int | None = None  # rows shown before "more" in the facet panel (None: all)
    filterable: bool = False  # the panel offers a filter box (many values)
    shown_when_empty: bool = True  # the panel shows it even when no article has a value


FACETS: tuple[Facet, ...] = (
    Facet("year", "from the article's date (metadata, text or file; 'unknown' without one)",
          user_edits=True, indexed=True, metavar="Y", panel_rows=8,
          flag_help="only these years (repeat for OR; 'unknown' for no year)"),
    Facet("company", "companies the gazetteer finds in the text, plus manual corrections",
          user_edits=True, indexed=True, metavar="C", filterable=True,
          flag_help="only articles naming this company (repeat for OR)"),
    Facet("topic", "topics the taxonomy scores from title and text, plus manual corrections",
          user_edits=True, indexed=True, metavar="T", panel_rows=9,
          flag_help="only articles of this topic (repeat for OR)"),
    Facet("collection", "collections the user puts articles in", user_edits=True,
          indexed=False, metavar="C", panel_rows=6, shown_when_empty=False,
          flag_help="only articles in this collection (repeat for OR)"),
    Facet("tag", "tags the user gives articles", user_edits=True, indexed=False, metavar="T",
          panel_rows=6, shown_when_empty=False,
          flag_help="only articles with this tag (repeat for OR)"),
)

BY_NAME = {f.name: f for f in FACETS}
NAMES = tuple(f.name for f in FACETS)
INDEXED = tuple(f.name for f in FACETS if f.indexed)  # year, company, topic
EXTERNAL = tuple(f.name for f in FACETS if not f.indexed)  # collection, tag
