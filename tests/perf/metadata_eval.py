"""Precision and recall of the year and company facets, before and after, on three corpora.

    /work/main/.venv/bin/python tests/perf/metadata_eval.py [--before /work/main] [--after .]
        [--realdocs /work/realdocs/x] [--today 2026-11-27] [--show]

Corpora and their truth (``tests/data/metadata_nonnews/``):

- ``news``: the five sample articles and their 40 format fixtures (``news_truth.json``);
- ``tuning``: manuals, FAQs, changelogs, man pages, command output, tables and code under
  ``tuning/`` and ``synthetic/`` (``truth.json``);
- ``held-out``: Debian Reference (zh-cn, zh-tw), the Debian Edu manual and the KiCad manual,
  read from ``--realdocs`` (``heldout_truth.json``; never used to tune the rules).

Each truth entry gives the acceptable publication years (empty: the document does not say,
the right answer is "unknown") and the companies the text really names. A year is right
when it is one of the acceptable years; company precision and recall count (document,
company) pairs. Every code base runs in its own process (``--before``/``--after`` are
checkouts of this project), on the same files, with the same import day.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "metadata_nonnews"


def _documents(paths: list[tuple[str, Path]]):
    """(key, RawDocument) of the first article of each file, read by the archive's readers."""
    from archive.readers import ReadError, read_bytes

    for key, path in paths:
        data = path.read_bytes()
        name = path.name
        if name.endswith(".gz"):
            data, name = gzip.decompress(data), name[:-3] + ".txt"
        try:
            result = read_bytes(data, name)
        except ReadError as exc:  # a file no reader takes: a prediction of nothing
            print(f"{key}: {exc}", file=sys.stderr)
            continue
        if result.documents:
            yield key, result.documents[0]


def predict(files: dict[str, str], today: str) -> dict[str, dict]:
    """Year, date, date source and companies of each file, with the code on ``sys.path``."""
    import datetime as dt
    import inspect

    from archive.metadata import Gazetteer, Taxonomy, extract_metadata
    from archive.metadata import dates as dates_mod

    day = dt.date.fromisoformat(today)
    takes_today = "today" in inspect.signature(dates_mod.detect_date).parameters
    if takes_today:  # the import day is fixed, so the figures do not drift with the clock
        original = dates_mod.detect_date

        def detect(folded, hint=None, **kw):
            kw.setdefault("today", day)
            return original(folded, hint, **kw)

        sys.modules["archive.metadata.extract"].detect_date = detect
    gaz, tax = Gazetteer.default(), Taxonomy.default()
    out: dict[str, dict] = {}
    for key, doc in _documents([(k, Path(p)) for k, p in files.items()]):
        meta = extract_metadata(doc, gaz, tax)
        out[key] = {"year": meta.year, "date": meta.date, "source": meta.date_source,
                    "companies": sorted(meta.companies)}
    return out


def _run(code: Path, files: dict[str, str], today: str) -> dict[str, dict]:
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]);"
        "import metadata_eval as m;"
        "print(json.dumps(m.predict(json.load(sys.stdin), sys.argv[3]), ensure_ascii=False))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(code), str(Path(__file__).parent), today],
        input=json.dumps(files), capture_output=True, text=True, cwd=str(code), check=True,
    )
    return json.loads(proc.stdout)


def _corpora(realdocs: Path) -> dict[str, dict[str, dict]]:
    """corpus -> file key -> {"path", "years", "companies"}."""
    out: dict[str, dict[str, dict]] = {"news": {}, "tuning": {}, "held-out": {}}
    news = json.loads((DATA / "news_truth.json").read_text(encoding="utf-8"))
    fixtures = [*sorted((ROOT / "resources" / "corpus").glob("*.txt")),
                *sorted((ROOT / "tests" / "data" / "formats").glob("0*"))]
    for path in fixtures:
        truth = news[path.name[:20]]
        out["news"][path.name] = {"path": str(path), **truth}
    for key, truth in json.loads((DATA / "truth.json").read_text(encoding="utf-8")).items():
        out["tuning"][key] = {"path": str(DATA / key), **truth}
    held = json.loads((DATA / "heldout_truth.json").read_text(encoding="utf-8"))
    for key, truth in held.items():
        path = realdocs / key
        if path.exists():
            out["held-out"][key] = {"path": str(path), **truth}
    return out


def score(truth: dict[str, dict], pred: dict[str, dict]) -> dict[str, float | int]:
    """Year and company precision/recall, dates without evidence, future years."""
    y_pred = y_right = y_true = 0
    c_pred = c_right = c_true = 0
    unsourced = 0
    for key, t in truth.items():
        p = pred.get(key, {"year": None, "source": None, "companies": []})
        years = set(t["years"])
        y_true += bool(years)
        if p["year"] is not None:
            y_pred += 1
            y_right += p["year"] in years
            unsourced += ": " not in (p["source"] or "")
        truly = set(t["companies"])
        got = set(p["companies"])
        c_true += len(truly)
        c_pred += len(got)
        c_right += len(truly & got)
    return {
        "docs": len(truth), "years": y_pred, "year_p": y_right / y_pred if y_pred else 1.0,
        "year_r": y_right / y_true if y_true else 1.0, "companies": c_pred,
        "company_p": c_right / c_pred if c_pred else 1.0,
        "company_r": c_right / c_true if c_true else 1.0, "unsourced": unsourced,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--before", type=Path, default=Path("/work/main"))
    ap.add_argument("--after", type=Path, default=ROOT)
    ap.add_argument("--realdocs", type=Path, default=Path("/work/realdocs/x"))
    ap.add_argument("--today", default="2026-11-27", help="the import day (ISO)")
    ap.add_argument("--show", action="store_true", help="print every wrong answer")
    args = ap.parse_args(argv)
    corpora = _corpora(args.realdocs)
    files = {k: v["path"] for c in corpora.values() for k, v in c.items()}
    runs = {name: _run(code.resolve(), files, args.today)
            for name, code in (("before", args.before), ("after", args.after)) if code.exists()}
    print(f"{'corpus':9} {'code':7} {'docs':>4} {'years':>5} {'year P':>7} {'year R':>7} "
          f"{'cos':>4} {'co P':>6} {'co R':>6} {'no evidence':>11}")
    for corpus, truth in corpora.items():
        for name, pred in runs.items():
            s = score(truth, pred)
            print(f"{corpus:9} {name:7} {s['docs']:4d} {s['years']:5d} {s['year_p']:7.2f} "
                  f"{s['year_r']:7.2f} {s['companies']:4d} {s['company_p']:6.2f} "
                  f"{s['company_r']:6.2f} {s['unsourced']:11d}")
            if args.show:
                for key, t in truth.items():
                    p = pred.get(key, {"year": None, "source": None, "companies": []})
                    wrong_year = p["year"] is not None and p["year"] not in t["years"] or (
                        p["year"] is None and t["years"])
                    extra = sorted(set(p["companies"]) - set(t["companies"]))
                    missed = sorted(set(t["companies"]) - set(p["companies"]))
                    if wrong_year or extra or missed:
                        print(f"    {key}: year {p['year']} (truth {t['years']}; "
                              f"{(p['source'] or '')[:60]}) +{extra} -{missed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
