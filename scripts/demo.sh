#!/usr/bin/env bash
# The main job: install, ingest the bundled example articles into the embedded
# store, print a summary and write graph.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DIPLOGRAPH_STORE="${DIPLOGRAPH_STORE:-./diplograph-data}"
.venv/bin/diplograph ingest examples/
.venv/bin/diplograph stats
.venv/bin/diplograph query "MATCH (a:Leader)-[:MET_WITH]->(b:Leader) RETURN a.name AS leader, b.name AS met_with ORDER BY leader"
.venv/bin/diplograph viz -o graph.html
echo "open graph.html in a browser to explore the network"
