"""The five sample articles as plain texts, for engine tests."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "corpus"

# Facet values chosen for the facet tests; the texts are the real sample articles.
FACET_VALUES = {
    1: (2023, ["中国一汽", "一汽-大众"], ["会展活动", "营商环境"], ["柳青"]),
    2: (2021, ["中国一汽"], ["产业集群与政策"], []),
    3: (2023, ["中国一汽", "奥迪一汽"], ["新能源汽车"], ["孟凡明", "刘霄宇"]),
    4: (2024, ["奥迪一汽", "一汽弗迪"], ["产业集群与政策", "新能源汽车"], ["孟凡明"]),
    5: (None, ["一汽弗迪"], ["新能源汽车"], ["华泰来"]),
}


def sample_texts() -> dict[int, str]:
    return {i + 1: p.read_text(encoding="utf-8")
            for i, p in enumerate(sorted(SAMPLES.glob("*.txt")))}


def first_line(text: str) -> str:
    return next(line.strip() for line in text.splitlines() if line.strip())


def documents(texts: dict[int, str]) -> list:
    """The ``IndexDocument``s of the sample texts with the facet values above."""
    from index.schema import IndexDocument

    docs = []
    for aid, text in texts.items():
        year, companies, topics, authors = FACET_VALUES[aid]
        docs.append(IndexDocument(
            id=aid, title=first_line(text), body=text, authors=authors, year=year,
            date=f"{year}-06-01" if year else None, companies=companies, topics=topics,
        ))
    return docs
