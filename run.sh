#!/usr/bin/env bash
# News Archive: set up (once) and run.
#   ./run.sh              set up and open the desktop app on the default archive
#   ./run.sh test         set up and run the whole test suite
#   ./run.sh bench ARGS   run the benchmark (see README)
#   ./run.sh cli ARGS     run a command-line command, e.g. ./run.sh cli search 汽车
set -euo pipefail
cd "$(dirname "$0")"
VENV=.venv
PY="$VENV/bin/python"

setup() {
    if [ ! -x "$PY" ]; then
        python3 -m venv "$VENV" || {
            echo "error: could not create a virtual environment; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2
            exit 1
        }
    fi
    local stamp="$VENV/.installed" want
    want=$(sha256sum pyproject.toml | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
        "$PY" -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
        echo "$want" > "$stamp"
    fi
}

cmd="${1:-app}"
[ $# -gt 0 ] && shift
setup
case "$cmd" in
    app) exec "$PY" main.py "$@" ;;
    test) QT_QPA_PLATFORM=offscreen exec "$PY" -m pytest "$@" ;;
    bench) exec "$PY" tests/perf/bench.py "$@" ;;
    screenshots) exec "$PY" tests/gui_screenshots.py "$@" ;;
    cli) exec "$PY" main.py "$@" ;;
    *) echo "usage: ./run.sh [app|test|bench|screenshots|cli] [ARGS...]" >&2; exit 2 ;;
esac
