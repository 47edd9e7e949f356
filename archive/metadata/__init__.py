"""Metadata extraction: structure, date, language, companies and topics of an article.

``extract_metadata(doc)`` turns a ``RawDocument`` into an ``ArticleMeta``; ``Gazetteer`` and
``Taxonomy`` hold the company names and topic keywords (data files under ``resources/``).
"""

from .companies import Company, Gazetteer
from .dates import DateInfo, detect_date
from .extract import extract_metadata
from .language import detect_language
from .structure import Structure, analyse
from .textmatch import fast_fold
from .topics import Taxonomy, Topic

__all__ = [
    "Company",
    "DateInfo",
    "Gazetteer",
    "Structure",
    "Taxonomy",
    "Topic",
    "analyse",
    "detect_date",
    "detect_language",
    "extract_metadata",
    "fast_fold",
]
