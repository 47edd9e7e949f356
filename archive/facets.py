"""The facet registry (``index/facet_registry.py``) for the GUI and the command line."""

from index.facet_registry import BY_NAME, EXTERNAL, FACETS, INDEXED, NAMES, UNKNOWN_YEAR, Facet

__all__ = ["BY_NAME", "EXTERNAL", "FACETS", "INDEXED", "NAMES", "UNKNOWN_YEAR", "Facet"]
