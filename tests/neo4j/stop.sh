#!/usr/bin/env bash
# Stop the test server started by start.sh and delete its home folder.
#
#   bash tests/neo4j/stop.sh
#
# SIGTERM first (Neo4j shuts down cleanly on it), SIGKILL after
# NEO4J_TEST_STOP_TIMEOUT seconds (default 30). NEO4J_TEST_KEEP=1 keeps the home
# folder (logs, data) for a look afterwards. Safe to run when nothing is running.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="${NEO4J_TEST_BUILD:-$HERE/build}"
PIDFILE="$BUILD/server.pid"
HOMEFILE="$BUILD/server.home"
ENVFILE="$BUILD/server.env"
MARKER=".diplograph-neo4j-test-home"
TIMEOUT="${NEO4J_TEST_STOP_TIMEOUT:-30}"

say() { echo "neo4j stop: $*"; }

ours() {  # is $1 a live Neo4j server JVM (not a recycled pid)?
    kill -0 "$1" 2>/dev/null && grep -qa 'org.neo4j.server.CommunityEntryPoint' "/proc/$1/cmdline" 2>/dev/null
}

if [[ -f "$PIDFILE" ]]; then
    pid="$(cat "$PIDFILE")"
    if ours "$pid"; then
        t0=$SECONDS
        kill -TERM "$pid" 2>/dev/null || true
        while ours "$pid" && (( SECONDS - t0 < TIMEOUT )); do sleep 0.2; done
        if ours "$pid"; then
            say "pid $pid still running after ${TIMEOUT} s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do ours "$pid" || break; sleep 0.1; done
        else
            say "stopped pid $pid in $((SECONDS - t0)) s"
        fi
    else
        say "pid $pid is not running"
    fi
    rm -f "$PIDFILE"
else
    say "no server pid file ($PIDFILE); nothing to stop"
fi
rm -f "$ENVFILE"

if [[ -f "$HOMEFILE" ]]; then
    nhome="$(cat "$HOMEFILE")"
    if [[ "${NEO4J_TEST_KEEP:-0}" == 1 ]]; then
        say "kept $nhome (NEO4J_TEST_KEEP=1)"
    elif [[ -n "$nhome" && -f "$nhome/$MARKER" ]]; then
        rm -rf -- "$nhome"
        say "removed $nhome"
    elif [[ -n "$nhome" && -e "$nhome" ]]; then
        say "not removing $nhome: it has no $MARKER marker"
    fi
    rm -f "$HOMEFILE"
fi
