"""``extract_metadata``: everything the archive stores about an article, from a RawDocument."""

from __future__ import annotations

from archive.document import ArticleMeta, RawDocument

from .companies import Gazetteer
from .dates import detect_date
from .language import detect_language
from .structure import analyse
from .textmatch import fast_fold
from .topics import Taxonomy


def extract_metadata(
    doc: RawDocument,
    gazetteer: Gazetteer | None = None,
    taxonomy: Taxonomy | None = None,
) -> ArticleMeta:
    """Structure, date, language, companies and topics of one article.

    The text is folded once and every step works on that; the gazetteer and taxonomy
    default to the shipped ones, loaded once per process.
    """
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.default()
    taxonomy = taxonomy if taxonomy is not None else Taxonomy.default()
    text = doc.text
    folded = fast_fold(text)

    structure = analyse(doc, folded)
    date = detect_date(folded, doc.date_hint, text=text, metadata_date=doc.metadata_date)
    title_f = fast_fold(structure.title)
    companies = gazetteer.match_folded(folded, text)
    if doc.title_hint and fast_fold(doc.title_hint) not in folded:
        # The headline came from markup and is not part of the text: count its names too.
        for name, count in gazetteer.match_folded(title_f, structure.title).items():
            companies[name] = companies.get(name, 0) + count
        companies = dict(sorted(companies.items(), key=lambda kv: -kv[1]))
    topics = taxonomy.score_folded(title_f, folded)

    return ArticleMeta(
        title=structure.title,
        subtitle=structure.subtitle,
        kicker=structure.kicker,
        authors=structure.authors,
        blocks=structure.blocks,
        date=date.date,
        year=date.year,
        date_source=date.stored_source,
        language=detect_language(text),
        companies=companies,
        topics=topics,
    )
