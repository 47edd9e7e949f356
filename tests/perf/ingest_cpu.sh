#!/usr/bin/env bash
# CPU and wall time of a command-line ingest of N generated articles, another checkout
# against this one, alternated over two rounds (CPU time holds up on a loaded machine,
# wall time does not). Usage: tests/perf/ingest_cpu.sh OTHER_CHECKOUT [N]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
other="$(cd "$1" && pwd)"; n="${2:-3000}"
py="$here/.venv/bin/python"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$py" -c "import sys; sys.path.insert(0, '$here/tests/perf')
from corpus import write_corpus; from pathlib import Path
write_corpus(Path('$work/corpus'), $n)"
for round in 1 2; do
    for tree in "$other" "$here"; do
        rm -rf "$work/archive"
        /usr/bin/time -f "$tree round $round: wall %e s, user %U s, sys %S s, peak %M KB" \
            "$py" "$tree/main.py" ingest "$work/corpus" --json --archive "$work/archive" \
            > "$work/report.json" 2> "$work/time.txt" || true
        tail -n 1 "$work/time.txt"
        "$py" -c "import json; d = json.load(open('$work/report.json'))
print('   ', {k: len(v) for k, v in d.items() if isinstance(v, list)})"
    done
done
