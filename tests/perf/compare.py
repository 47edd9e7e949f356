"""Like-for-like comparison: our engine, SQLite FTS5 (trigram) and tantivy (CJK bigrams).

All three index the same texts (read back from the archive: title, body, year, companies,
folded with our ``fold``), answer the same query with the same meaning (AND of terms, each
an exact substring of title or body; ``OR``; ``-`` for NOT; quoted phrases; ``title:``,
``company:`` and ``year:A..B``), and return the top 20 with snippets (the same
``make_snippet`` on the same stored texts) and year counts. They run in one process,
interleaved per query (ours, FTS5, tantivy for each query in turn, several rounds), and
each engine's totals are checked against a literal count over the texts.

* tantivy gets pre-tokenised text: overlapping bigrams of the folded text, split by a
  whitespace tokenizer, so a phrase of a term's bigrams is exactly "contains the term";
* FTS5 uses the trigram tokenizer; a term of under three characters cannot use its index
  and becomes a ``LIKE`` scan, which is what FTS5 offers for it.
"""

from __future__ import annotations

import gc
import re
import resource
import shutil
import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

EXTRA_QUERIES = [
    "营商坏境", "qwzxkjv", "智能网连", "的", '"长春汽车产业"', "一汽 -红旗", "新能源 OR 氢能",
    "title:汽车 人才", "汽车 零部件 企业 项目", "year:2021 长春", "company:一汽 新能源",
    "解放 OR 红旗 -新能源",
]
ROUNDS = 3
TOP = 20
_WS = re.compile(r"\s")


@dataclass
class Atom:
    field: str  # "text", "title", "company" or "year"
    value: str
    negate: bool = False


def parse(query: str) -> list[list[Atom]]:
    """The bench's query language as OR of AND-groups of atoms (as our parser reads it:
    AND binds tighter than OR, so ``a OR b -c`` is ``a OR (b AND NOT c)``)."""
    from index.folding import fold

    groups: list[list[Atom]] = [[]]
    for tok in re.findall(r'-?"[^"]*"|\S+', query):
        if tok == "OR":
            groups.append([])
            continue
        negate = tok.startswith("-") and len(tok) > 1
        tok = tok[1:] if negate else tok
        field, value = "text", tok.strip('"')
        m = re.fullmatch(r"(title|company|year):(.+)", tok)
        if m:
            field, value = m.group(1), m.group(2)
        groups[-1].append(Atom(field, value if field == "year" else fold(value), negate))
    return [g for g in groups if g]


def _years(value: str) -> tuple[int, int]:
    lo, _, hi = value.partition("..")
    return int(lo), int(hi or lo)


def bigrams(text: str) -> list[str]:
    """Overlapping character bigrams (whitespace shown as ␣ so a token never splits)."""
    text = _WS.sub("␣", text)
    return [text[i:i + 2] for i in range(len(text) - 1)] if len(text) > 1 else [text]


def engine(lib):
    """The search engine (``index.engine.SearchIndex``) under a Library, for engine-level
    timings; older checkouts (``--code``) had it as ``lib.index``."""
    seam = getattr(lib, "_index", None)
    return seam._index if seam is not None else lib.index


def store(lib):
    """The Library's store (``lib.store`` in older checkouts)."""
    return getattr(lib, "_store", None) or lib.store


class Corpus:
    """The archive's documents, folded: what every engine indexes and the literal count sees."""

    def __init__(self, lib):
        from index.folding import fold

        ids = store(lib).article_ids()
        self.docs = {}
        for start in range(0, len(ids), 2000):
            for d in lib.index_documents(ids[start:start + 2000]):
                self.docs[d.id] = (fold(d.title), fold(d.body), d.year, list(d.companies))
        self.resolve = lib.resolve

    def companies(self, value: str) -> set[str]:
        return set(self.resolve("company", value))

    def literal(self, groups: list[list[Atom]]) -> int:
        """Documents that satisfy the query, counted by plain substring tests."""
        names = {a.value: self.companies(a.value) for g in groups for a in g
                 if a.field == "company"}

        def holds(atom: Atom, doc) -> bool:
            title, body, year, comps = doc
            if atom.field == "text":
                ok = atom.value in title or atom.value in body
            elif atom.field == "title":
                ok = atom.value in title
            elif atom.field == "company":
                ok = bool(names[atom.value] & set(comps))
            else:
                lo, hi = _years(atom.value)
                ok = year is not None and lo <= year <= hi
            return ok != atom.negate

        return sum(any(all(holds(a, d) for a in g) for g in groups) for d in self.docs.values())


class Tantivy:
    """tantivy over the folded bigram tokens, BM25, year counts by a terms aggregation."""

    def __init__(self, corpus: Corpus, folder: Path):
        import tantivy

        self.t = tantivy
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        sb = tantivy.SchemaBuilder()
        for name in ("title", "body"):
            sb.add_text_field(name, tokenizer_name="ws", index_option="position")
        sb.add_text_field("company", tokenizer_name="raw")
        sb.add_integer_field("year", indexed=True, fast=True)
        sb.add_integer_field("id", stored=True, fast=True)
        self.schema = sb.build()
        self.index = tantivy.Index(self.schema, path=str(folder))
        self.index.register_tokenizer(
            "ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        t = time.perf_counter()
        for aid, (title, body, year, comps) in corpus.docs.items():
            doc = tantivy.Document()
            doc.add_text("title", " ".join(bigrams(title)))
            doc.add_text("body", " ".join(bigrams(body)))
            for c in comps:
                doc.add_text("company", c)
            doc.add_integer("year", year or 0)
            doc.add_integer("id", aid)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        self.build_seconds = time.perf_counter() - t
        self.index.reload()
        self.searcher = self.index.searcher()
        self.corpus = corpus

    def _phrase(self, field: str, value: str):
        grams = bigrams(value)
        if len(grams) == 1:
            return self.t.Query.term_query(self.schema, field, grams[0])
        return self.t.Query.phrase_query(self.schema, field, grams)

    def _atom(self, atom: Atom):
        Q = self.t.Query
        if atom.field in ("text", "title") and len(atom.value) == 1:  # any bigram holding it
            c = re.escape(atom.value)
            fields = ["title"] if atom.field == "title" else ["title", "body"]
            return Q.boolean_query([(self.t.Occur.Should, Q.regex_query(
                self.schema, f, f"{c}.|.{c}")) for f in fields])
        if atom.field == "text":
            return Q.boolean_query([(self.t.Occur.Should, self._phrase("title", atom.value)),
                                    (self.t.Occur.Should, self._phrase("body", atom.value))])
        if atom.field == "title":
            return self._phrase("title", atom.value)
        if atom.field == "company":
            names = sorted(self.corpus.companies(atom.value))
            return Q.term_set_query(self.schema, "company", names)
        lo, hi = _years(atom.value)
        return Q.range_query(self.schema, "year", self.t.FieldType.Integer, lo, hi)

    def query(self, groups: list[list[Atom]]):
        Occur = self.t.Occur
        ors = [self.t.Query.boolean_query(
            [(Occur.MustNot if a.negate else Occur.Must, self._atom(a)) for a in g])
            for g in groups]
        if len(ors) == 1:
            return ors[0]
        return self.t.Query.boolean_query([(Occur.Should, q) for q in ors])

    def run(self, groups, texts) -> tuple[int, list[int], dict]:
        q = self.query(groups)
        res = self.searcher.search(q, TOP, count=True)
        ids = [self.searcher.doc(addr)["id"][0] for _, addr in res.hits]
        agg = self.searcher.aggregate(q, {"y": {"terms": {"field": "year", "size": 200}}})
        years = {b["key"]: b["doc_count"] for b in agg["y"]["buckets"]}
        texts(ids)
        return res.count, ids, years


class Fts5:
    """SQLite FTS5 with the trigram tokenizer over the same folded texts."""

    def __init__(self, corpus: Corpus, path: Path):
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='trigram')")
        self.db.execute("CREATE TABLE meta (id INTEGER PRIMARY KEY, year INTEGER)")
        self.db.execute("CREATE TABLE comp (id INTEGER, name TEXT)")
        self.db.execute("CREATE INDEX comp_name ON comp(name)")
        t = time.perf_counter()
        for aid, (title, body, year, comps) in corpus.docs.items():
            self.db.execute("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
                            (aid, title, body))
            self.db.execute("INSERT INTO meta VALUES (?, ?)", (aid, year))
            self.db.executemany("INSERT INTO comp VALUES (?, ?)", [(aid, c) for c in comps])
        self.db.commit()
        self.build_seconds = time.perf_counter() - t
        self.corpus = corpus

    def _atom(self, atom: Atom) -> tuple[str, list]:
        v = atom.value
        if atom.field in ("text", "title"):
            cols = ["title"] if atom.field == "title" else ["title", "body"]
            if len(v) >= 3:  # the trigram index answers it
                phrase = '"' + v.replace('"', '""') + '"'
                expr = f"{{{' '.join(cols)}}} : {phrase}"
                return "rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)", [expr]
            like = "%" + v.replace("%", "\\%").replace("_", "\\_") + "%"
            sql = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in cols)
            return f"({sql})", [like] * len(cols)
        if atom.field == "company":
            names = sorted(self.corpus.companies(v))
            marks = ",".join("?" * len(names)) or "NULL"
            return f"rowid IN (SELECT id FROM comp WHERE name IN ({marks}))", names
        lo, hi = _years(v)
        return "rowid IN (SELECT id FROM meta WHERE year BETWEEN ? AND ?)", [lo, hi]

    def where(self, groups) -> tuple[str, list]:
        clauses, params = [], []
        for g in groups:
            parts = []
            for a in g:
                sql, p = self._atom(a)
                parts.append(f"NOT {sql}" if a.negate else sql)
                params += p
            clauses.append("(" + " AND ".join(parts) + ")")
        return " OR ".join(clauses) or "1", params

    def run(self, groups, texts) -> tuple[int, list[int], dict]:
        where, params = self.where(groups)
        ids = [r[0] for r in self.db.execute(
            f"SELECT rowid FROM fts WHERE {where} ORDER BY rowid DESC LIMIT {TOP}", params)]
        years = dict(self.db.execute(
            f"SELECT year, count(*) FROM meta WHERE id IN (SELECT rowid FROM fts WHERE {where})"
            " GROUP BY year", params).fetchall())
        texts(ids)
        return sum(years.values()), ids, years


class Pauses:
    """Garbage-collection pauses of this process (wall ms), from ``gc.callbacks``."""

    def __init__(self):
        self.ms = 0.0
        self.full = 0  # collections of the oldest generation
        self._start = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.ms += (time.perf_counter() - self._start) * 1000
            self.full += info["generation"] == 2

    def close(self) -> None:
        gc.callbacks.remove(self._note)


def compare(archive: Path, work: Path, queries: list[str], rounds: int = ROUNDS,
            freeze: bool = True) -> dict:
    """Build the two peers from the archive, then time all three interleaved per query.

    Each timed run also records its CPU time, the garbage collector's pauses in it and
    its major page faults (reads from disk), so a run far slower in wall time than in CPU
    time says why. ``freeze`` moves what is built before the timing (the literal count's
    texts, the peers' objects) out of the collector's sight (``gc.freeze``): they live
    to the end, and otherwise every full collection walks them (100-170 ms at 100,000
    articles, charged to whichever timed run it falls in)."""
    from bench import as_when_idle

    from archive.library import Library, snippet_text
    from index.snippets import make_snippet

    lib = Library(archive)
    try:
        as_when_idle(lib)
        corpus = Corpus(lib)
        tv = Tantivy(corpus, work / "tantivy")
        fts = Fts5(corpus, work / "fts5.sqlite")
        specs = {q: parse(q) for q in queries}

        def snippet_texts(groups):
            terms = [a.value for g in groups for a in g
                     if a.field in ("text", "title") and not a.negate]

            def fetch(ids):
                arts = store(lib).articles(ids)
                return [make_snippet(snippet_text(a), terms) for a in arts.values()]
            return fetch

        lib.search("", limit=TOP)  # the app's first page, as at start; then the user types
        time.sleep(1.0)  # (meanwhile the word segmenter loads in the background)
        if freeze:
            gc.collect()
            gc.freeze()
        pauses = Pauses()
        times: dict[str, list[float]] = {"ours": [], "ours_engine": [], "fts5": [], "tantivy": []}
        per_query: dict[str, dict[str, float]] = {q: {} for q in queries}
        slow_runs: list[tuple] = []  # (wall, cpu, gc ms, full collections, major faults, ...)
        totals: dict[str, dict[str, int]] = {q: {} for q in queries}
        for _ in range(rounds):
            for q in queries:
                groups = specs[q]
                runs = {
                    "ours": lambda q=q: lib.search(q, limit=TOP).total,
                    "ours_engine": lambda q=q: engine(lib).search(
                        q, limit=TOP, facets=False, resolve=lib.resolve).total,
                    "fts5": lambda g=groups: fts.run(g, snippet_texts(g))[0],
                    "tantivy": lambda g=groups: tv.run(g, snippet_texts(g))[0],
                }
                for name, fn in runs.items():
                    gc_ms, full = pauses.ms, pauses.full
                    faults = resource.getrusage(resource.RUSAGE_SELF).ru_majflt
                    cpu = time.process_time()
                    t = time.perf_counter()
                    fn()
                    ms = (time.perf_counter() - t) * 1000
                    cpu = (time.process_time() - cpu) * 1000
                    times[name].append(ms)
                    per_query[q][name] = max(per_query[q].get(name, 0.0), ms)
                    if name.startswith("ours"):
                        slow_runs.append((
                            round(ms, 1), round(cpu, 1), round(pauses.ms - gc_ms, 1),
                            pauses.full - full,
                            resource.getrusage(resource.RUSAGE_SELF).ru_majflt - faults, name, q))
        pauses.close()
        if freeze:
            gc.unfreeze()
        for q in queries:
            totals[q]["literal"] = corpus.literal(specs[q])
            totals[q]["ours"] = engine(lib).search(q, limit=0, facets=False,
                                                   resolve=lib.resolve).total
            totals[q]["fts5"] = fts.run(specs[q], lambda ids: None)[0]
            totals[q]["tantivy"] = tv.run(specs[q], lambda ids: None)[0]
        mismatches = {q: t for q, t in totals.items()
                      if len({t["literal"], t["ours"], t["fts5"], t["tantivy"]}) > 1}
        out: dict = {"compare_queries": len(queries), "compare_rounds": rounds,
                     "tantivy_build_rate": round(len(corpus.docs) / tv.build_seconds, 1),
                     "fts5_build_rate": round(len(corpus.docs) / fts.build_seconds, 1)}
        for name, values in times.items():
            out[f"{name}_median_ms"] = round(statistics.median(values), 1)
            out[f"{name}_p95_ms"] = round(_percentile(values, 0.95), 1)
            out[f"{name}_max_ms"] = round(max(values), 1)
        out["ratio_median_vs_tantivy"] = round(out["ours_median_ms"]
                                               / max(out["tantivy_median_ms"], 0.01), 2)
        out["ratio_p95_vs_tantivy"] = round(out["ours_p95_ms"] / max(out["tantivy_p95_ms"], 0.01),
                                            2)
        out["ratio_p95_vs_fts5"] = round(out["ours_p95_ms"] / max(out["fts5_p95_ms"], 0.01), 2)
        out["total_mismatches"] = mismatches
        out["slowest_ours"] = sorted(((round(v["ours"], 1), q) for q, v in per_query.items()),
                                     reverse=True)[:5]
        out["slowest_ours_runs"] = [
            {"wall_ms": r[0], "cpu_ms": r[1], "gc_ms": r[2], "full_collections": r[3],
             "major_faults": r[4], "run": r[5], "query": r[6]}
            for r in sorted(slow_runs, reverse=True)[:8]]
        out["gc_freeze"] = freeze
        return out
    finally:
        lib.close()


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[max(0, min(len(values) - 1, round(q * (len(values) - 1))))]


def main() -> int:
    """``python tests/perf/compare.py ARCHIVE WORKDIR [--code CHECKOUT]``: the side-by-side
    run alone, on an archive a bench run kept; ``--code`` measures another checkout's
    engine (e.g. the main branch, for a before/after on the same archive)."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(description=main.__doc__.splitlines()[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("work", type=Path, help="folder for the FTS5 and tantivy indexes")
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[2])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--no-freeze", dest="freeze", action="store_false",
                        help="leave the harness's own objects to garbage collection")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench import QUERIES, peak_rss_mb  # (puts this checkout first on the path)

    sys.path.insert(0, str(args.code.resolve()))  # the code measured comes first

    args.work.mkdir(parents=True, exist_ok=True)
    out = compare(args.archive, args.work, QUERIES + EXTRA_QUERIES, args.rounds, args.freeze)
    out["compare_peak_rss_mb"] = peak_rss_mb()
    import archive

    out["code"] = str(Path(archive.__file__).resolve().parents[1])
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
