"""Character error rate, speed and memory of the OCR engines on the rendered test set.

    /work/main/.venv/bin/python tests/perf/ocr_testset.py /tmp/ocrset          # make the set
    /work/main/.venv/bin/python tests/perf/ocr_cer.py /tmp/ocrset \
        [--engines pipeline,rapidocr,tesseract] [--limit N] [--json OUT] [--ingest 100]

Engines (each runs in its own process, one page after the other, so its speed and peak memory
are its own):

- ``pipeline``: ours, ``archive.ocr.recognise.recognise_image`` then ``page_text``;
- ``pipeline+fixes``: the pipeline with the fixes this branch proposes put around it: the
  page straightened (``archive.ocr.deskew``), display-type lines at the top of the page kept
  out of the column finding, dashes and ellipses restored (``archive.ocr.punct``), traditional
  pages kept traditional (``archive.ocr.script``);
- ``rapidocr``: RapidOCR (``rapidocr_onnxruntime``) with its defaults, the lines' texts joined
  by newlines in the order it returns them;
- ``tesseract``: the ``tesseract`` binary, ``-l chi_sim`` on simplified pages and ``-l chi_tra``
  on traditional ones (it is told the script; the others are not), default page segmentation.
  Skipped with "tesseract not installed" when the binary or the language data is missing.

CER, exactly: both texts are NFKC-normalised (full-width letters, digits and punctuation
become their ASCII forms, so "，" and "," are the same character; "…" is kept as one character
rather than NFKC's three dots) and every whitespace
character is removed (line breaks and spaces carry no meaning in Chinese text, and engines
differ in where they put them); CER = Levenshtein distance (insertions, deletions and
substitutions of one character each cost 1) / number of characters of the true text. A
condition's CER is the sum of the distances over its pages divided by the sum of their true
lengths. No script folding: a traditional page must be read as traditional.

Pages per minute are wall-clock pages / minutes of recognition (the model load is reported
apart); CPU seconds per page are the engine process's user + system time over the pages; peak
RSS is the process's maximum resident set (``ru_maxrss``). ``--ingest N`` also imports N page
images of the set (cycled) into a new temporary archive with ``main.py ingest`` and reports
its wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's archive package, not an installed one
ENGINES = ("pipeline", "rapidocr", "tesseract")


def normalise(text: str) -> str:
    """NFKC (but an ellipsis "…" stays one character), then every whitespace character removed."""
    return "".join(unicodedata.normalize("NFKC", text.replace("…", "\u22ef")).split())


def levenshtein(a: str, b: str) -> int:
    """Edit distance with unit costs (row by row; insertions by a running minimum)."""
    if not a or not b:
        return len(a) or len(b)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    offs = np.arange(len(b) + 1, dtype=np.int64)
    prev = offs.copy()
    for i, ch in enumerate(a, start=1):
        cur = np.empty_like(prev)
        cur[0] = i
        cur[1:] = np.minimum(prev[1:] + 1, prev[:-1] + (bb != ord(ch)))
        cur = np.minimum.accumulate(cur - offs) + offs
        prev = cur
    return int(prev[-1])


def cer(truth: str, hyp: str) -> tuple[int, int]:
    """(edit distance, true length) of the normalised texts."""
    t, h = normalise(truth), normalise(hyp)
    return levenshtein(t, h), len(t)


# ---- engines (run in the worker process) ----

def _pipeline():
    from archive.ocr.recognise import page_text, recognise_image

    return lambda img, page: page_text(recognise_image(img))


def _pipeline_fixed():
    """The pipeline with this branch's proposed fixes put around it (measurement only):
    the page straightened first (``archive.ocr.deskew``), display-type lines at the top
    kept out of the column finding, dashes and ellipses restored (``archive.ocr.punct``),
    traditional pages kept traditional (``archive.ocr.script``)."""
    from archive.ocr import order, recognise
    from archive.ocr.deskew import straighten
    from archive.ocr.punct import tidy_punctuation
    from archive.ocr.script import match_script

    plain = recognise.reading_order

    def heads_apart(lines, height):
        size = order.body_size(lines) if lines else 1.0
        heads = [ln for ln in lines if order.size_of(ln) >= order.HEADLINE_RATIO * size
                 and ln.box[1] <= order.HEADLINE_ZONE * height
                 and not order.is_vertical(ln.box, ln.text)]
        ids = {id(ln) for ln in heads}
        rest = [ln for ln in lines if id(ln) not in ids]
        return sorted(heads, key=lambda ln: (ln.box[1], ln.box[0])) + plain(rest, height)

    recognise.reading_order = heads_apart

    def read(img, page):
        level, _ = straighten(img)
        text = recognise.page_text(recognise.recognise_image(level))
        return match_script("\n".join(tidy_punctuation(ln) for ln in text.split("\n")))
    return read


def _rapidocr():
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()

    def read(img, page):
        result, _ = engine(np.asarray(img.convert("RGB")))
        return "\n".join(r[1] for r in result or [])
    return read


def tesseract_missing() -> str | None:
    """Why tesseract cannot run here, or None."""
    exe = shutil.which("tesseract")
    if not exe:
        return "tesseract not installed"
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                           check=False).stdout.split()
    missing = [lang for lang in ("chi_sim", "chi_tra") if lang not in langs]
    return f"tesseract not installed for {', '.join(missing)}" if missing else None


def _tesseract():
    exe = shutil.which("tesseract")

    def read(img, page):
        lang = "chi_tra" if page["script"] == "traditional" else "chi_sim"
        out = subprocess.run([exe, str(page["path"]), "stdout", "-l", lang], capture_output=True,
                             text=True, check=True)
        return out.stdout
    return read


def worker(engine: str, set_dir: Path, names: list[str], out: Path, det_side: int = 0,
           progress: Path | None = None, no_cls: bool = False) -> None:
    """Read the pages with one engine; write texts and timings to ``out``."""
    from PIL import Image

    if det_side and engine.startswith("pipeline"):
        from archive.ocr import recognise

        recognise.DET_SIDE = det_side  # an experiment: text found on the page at this size
    if no_cls and engine.startswith("pipeline"):
        from archive.ocr import recognise

        eng = recognise._engine()  # an experiment: no text-direction classifier
        eng.use_cls = False
        eng.text_cls = lambda crops: (crops, None, 0.0)

    pages = {m["name"]: m for m in json.loads((set_dir / "manifest.json").read_text("utf-8"))}
    t0 = time.perf_counter()
    read = {"pipeline": _pipeline, "pipeline+fixes": _pipeline_fixed, "rapidocr": _rapidocr,
            "tesseract": _tesseract}[engine]()
    load = time.perf_counter() - t0
    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    ch0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    texts, seconds = {}, {}
    t_all = time.perf_counter()
    for name in names:
        page = dict(pages[name], path=set_dir / pages[name]["image"])
        t = time.perf_counter()
        with Image.open(page["path"]) as img:
            img.load()
            texts[name] = read(img, page)
        seconds[name] = time.perf_counter() - t
        if progress:  # what is done so far, for --table when the run cannot finish
            progress.write_text(json.dumps({"engine": engine, "texts": texts,
                                            "seconds": seconds}, ensure_ascii=False), "utf-8")
    wall = time.perf_counter() - t_all
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    ch1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime + ru1.ru_stime - ru0.ru_stime
           + ch1.ru_utime - ch0.ru_utime + ch1.ru_stime - ch0.ru_stime)
    out.write_text(json.dumps({"texts": texts, "seconds": seconds, "wall": wall, "cpu": cpu,
                               "load": load, "rss_children_kb": ch1.ru_maxrss,
                               "rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss},
                              ensure_ascii=False), "utf-8")


def run_engine(engine: str, set_dir: Path, names: list[str], det_side: int = 0,
               progress: Path | None = None, no_cls: bool = False) -> dict:
    """One engine over the pages in a fresh process: its results and peak RSS (MB)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        proc = subprocess.Popen([sys.executable, __file__, "--worker", engine, str(set_dir),
                                 "--out", str(out), "--names", ",".join(names),
                                 "--det-side", str(det_side)]
                                + (["--progress", str(progress)] if progress else [])
                                + (["--no-cls"] if no_cls else []))
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            raise SystemExit(f"{engine}: worker failed with exit code {proc.returncode}")
        result = json.loads(out.read_text("utf-8"))
    result["rss_mb"] = max(usage.ru_maxrss, result.pop("rss_children_kb"),
                           result.pop("rss_self_kb")) / 1024
    return result


def measure_ingest(set_dir: Path, manifest: list[dict], n: int) -> dict:
    """Import ``n`` page images (cycled from the set) with ``main.py ingest`` into a new archive."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i in range(n):
            m = manifest[i % len(manifest)]
            src = set_dir / m["image"]
            shutil.copyfile(src, folder / f"{i:03d}_{src.name}")
        out, err = Path(tmp) / "out.json", Path(tmp) / "err.txt"
        t = time.perf_counter()
        with out.open("w") as fo, err.open("w") as fe:
            proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "ingest", str(folder),
                                     "--archive", str(Path(tmp) / "archive"), "--json"],
                                    stdout=fo, stderr=fe)
            _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        code = os.waitstatus_to_exitcode(status)
        stdout, stderr = out.read_text("utf-8"), err.read_text("utf-8", errors="replace")
    report: dict = {}
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        pass
    added = len(report.get("added", [])) if isinstance(report, dict) else 0
    failed = len(report.get("failed", [])) if isinstance(report, dict) else 0
    return {"pages": n, "added": added, "failed": failed, "exit": code,
            "wall": wall, "rss_mb": usage.ru_maxrss / 1024, "stderr": stderr.strip()[-300:]}


# ---- report ----

def conditions(m: dict) -> list[str]:
    """The condition rows a page counts in."""
    script = "trad " if m["script"] == "traditional" else ""
    rows = [f"{script}{m['degradation']} {m['dpi']}"]
    if m["degradation"] == "clean":
        rows += [f"{script}clean {m['columns']} col", f"{script}clean font {m['font']}"]
    else:
        rows.append(f"{script}degraded (all)")
    return rows


def _order(row: str) -> tuple:
    trad = row.startswith("trad ")
    body = row[5:] if trad else row
    kind = 0 if body.startswith("clean") and body[6:].isdigit() else (
        1 if body.startswith("clean") else (3 if body.startswith("degraded") else 2))
    return (trad, kind, body)


def table(manifest: list[dict], truths: dict[str, str], results: dict[str, dict]) -> str:
    """Markdown table: CER % per condition (rows) and engine x split (columns)."""
    engines = list(results)
    sums: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for m in manifest:
        for eng in engines:
            if m["name"] not in results[eng]["texts"]:
                continue
            d, n = results[eng]["cer"][m["name"]]
            for row in conditions(m):
                s = sums[(row, eng, m["split"])]
                s[0] += d
                s[1] += n
                s[2] += 1
    rows = sorted({k[0] for k in sums}, key=_order)
    head = ["condition"] + [f"{e} {s}" for e in engines for s in ("tuning", "held-out")]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for row in rows:
        cells = [row]
        for eng in engines:
            for split in ("tuning", "heldout"):
                d, n, pages = sums.get((row, eng, split), [0, 0, 0])
                cells.append(f"{100 * d / n:.2f} ({pages})" if n else "–")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set_dir", type=Path)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--only", default="",
                    help="only pages whose name contains this (or one of these, comma-separated)")
    ap.add_argument("--json", type=Path, help="write every page's text and CER here")
    ap.add_argument("--ingest", type=int, default=0, help="also import N page images by the CLI")
    ap.add_argument("--table", type=Path, nargs="+",
                    help="print the CER table of earlier --json outputs (on this set) instead")
    ap.add_argument("--det-side", type=int, default=0,
                    help="pipeline engines: find text on the page scaled to this longer side "
                         "(archive.ocr.recognise.DET_SIDE) instead of the module's own")
    ap.add_argument("--progress", type=Path,
                    help="each engine writes the pages it has read so far to PROGRESS.ENGINE.json")
    ap.add_argument("--no-cls", action="store_true",
                    help="pipeline engines: without RapidOCR's text-direction classifier")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--names", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        worker(args.worker, args.set_dir, args.names.split(","), args.out, args.det_side,
               args.progress, args.no_cls)
        return 0
    manifest = json.loads((args.set_dir / "manifest.json").read_text("utf-8"))
    if args.only:
        manifest = [m for m in manifest
                    if any(part in m["name"] for part in args.only.split(","))]
    if args.limit:
        manifest = manifest[:args.limit]
    truths = {m["name"]: (args.set_dir / m["text"]).read_text("utf-8") for m in manifest}
    manifest.sort(key=lambda m: (m["dpi"] < 300, m["degradation"] != "clean",
                                 m["script"] != "simplified"))  # most telling pages first
    names = [m["name"] for m in manifest]
    if args.table:
        from archive.ocr.punct import tidy_punctuation

        saved: dict[str, dict] = {}
        for path in args.table:
            data = json.loads(path.read_text("utf-8"))
            if "engine" in data:  # a --progress file: the pages one engine has read so far
                data = {n: {data["engine"]: {"text": t}} for n, t in data["texts"].items()}
            for name, page in data.items():
                for eng, res in page.items():
                    if eng != "truth" and name in truths:
                        if eng == "pipeline+fixes":  # runs made before the punctuation step
                            res["text"] = "\n".join(tidy_punctuation(ln)
                                                    for ln in res["text"].split("\n"))
                        r = saved.setdefault(eng, {"texts": {}, "cer": {}})
                        r["texts"][name] = res["text"]
                        r["cer"][name] = cer(truths[name], res["text"])
        print(table([m for m in manifest if m["name"] in truths], truths, saved))
        return 0
    results: dict[str, dict] = {}
    for eng in filter(None, args.engines.split(",")):
        if eng == "tesseract" and (why := tesseract_missing()):
            print(why + "; skipped", file=sys.stderr)
            continue
        if eng.startswith("pipeline"):
            try:
                import archive.ocr.recognise  # noqa: F401
            except ImportError:
                print("pipeline: archive.ocr.recognise not in this checkout; skipped",
                      file=sys.stderr)
                continue
        if eng == "rapidocr":
            try:
                import rapidocr_onnxruntime  # noqa: F401
            except ImportError:
                print("rapidocr_onnxruntime not installed; skipped", file=sys.stderr)
                continue
        print(f"{eng}: {len(names)} pages ...", file=sys.stderr, flush=True)
        prog = args.progress.with_name(f"{args.progress.name}.{eng}.json") if args.progress \
            else None
        res = run_engine(eng, args.set_dir, names, args.det_side, prog, args.no_cls)
        res["cer"] = {n: cer(truths[n], res["texts"][n]) for n in names}
        results[eng] = res
    if not results and not args.ingest:
        print("no engine to measure", file=sys.stderr)
        return 1
    if results:
        print(f"CER % (pages) on {len(names)} pages of {args.set_dir}\n")
        print(table(manifest, truths, results))
        print("\n| engine | pages/min | CPU s/page | model load s | peak RSS MB |")
        print("| --- | --- | --- | --- | --- |")
    for eng, res in results.items():
        print(f"| {eng} | {60 * len(names) / res['wall']:.1f} | {res['cpu'] / len(names):.2f} | "
              f"{res['load']:.1f} | {res['rss_mb']:.0f} |", flush=True)
    if args.ingest:
        ing = measure_ingest(args.set_dir, manifest, args.ingest)
        print(f"\nmain.py ingest of {ing['pages']} page images: exit {ing['exit']}, "
              f"{ing['added']} added, {ing['failed']} failed, {ing['wall']:.0f} s "
              f"({60 * ing['pages'] / ing['wall']:.1f} pages/min), peak RSS {ing['rss_mb']:.0f} MB")
        if ing["exit"]:
            print(ing["stderr"])
    if args.json:
        args.json.write_text(json.dumps({n: {"truth": truths[n], **{
            e: {"text": r["texts"][n], "cer": r["cer"][n], "seconds": r["seconds"][n]}
            for e, r in results.items()}} for n in names}, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
