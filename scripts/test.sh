#!/usr/bin/env bash
# The whole test suite: installs what the tests need (venv, headless Chromium),
# builds and starts the Neo4j test server, runs ruff and pytest, stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    fi
fi

bash tests/neo4j/build.sh
bash tests/neo4j/start.sh
trap 'bash tests/neo4j/stop.sh' EXIT
# The Neo4j tests read the server's address from tests/neo4j/build/server.env.

.venv/bin/ruff check .
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ "$status" = 5 ]; then
    echo "error: pytest collected no tests" >&2
fi
exit "$status"
