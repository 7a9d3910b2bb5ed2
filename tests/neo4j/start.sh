#!/usr/bin/env bash
# Start a genuine Neo4j Community 5.26 server for the tests, on loopback only.
#
#   bash tests/neo4j/start.sh            # builds first if needed (tests/neo4j/build.sh)
#   set -a; . tests/neo4j/build/server.env; set +a    # NEO4J_URI, NEO4J_USERNAME, ...
#   bash tests/neo4j/stop.sh
#
# Environment (all optional):
#   NEO4J_TEST_PASSWORD       password of user neo4j (default diplograph-test; 8+ characters)
#   NEO4J_TEST_PORT           Bolt port on 127.0.0.1 (default 7687, or a free port if taken)
#   NEO4J_TEST_HOME           folder for conf/data/logs (default: a new mktemp -d folder);
#                             must be empty or absent, stop.sh deletes it
#   NEO4J_TEST_HEAP           JVM max heap (default 1g)
#   NEO4J_TEST_PAGECACHE      page cache (default 256m)
#   NEO4J_TEST_START_TIMEOUT  seconds to wait for Bolt (default 120)
#   NEO4J_TEST_IMPORT         a folder written by `diplograph export --format neo4j-admin`: its
#                             CSVs are bulk-imported into database neo4j before the server starts
#   NEO4J_TEST_PYTHON         Python with the neo4j driver (default: the repo's .venv)
#   JAVA                      java binary, 17 or 21 (default: java on PATH)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BUILD="${NEO4J_TEST_BUILD:-$HERE/build}"
LIB="$BUILD/lib"
PIDFILE="$BUILD/server.pid"
HOMEFILE="$BUILD/server.home"
ENVFILE="$BUILD/server.env"
MARKER=".diplograph-neo4j-test-home"

say() { echo "neo4j start: $*"; }
die() { echo "neo4j start: $*" >&2; exit 1; }

JAVA="${JAVA:-java}"
PASSWORD="${NEO4J_TEST_PASSWORD:-diplograph-test}"
HEAP="${NEO4J_TEST_HEAP:-1g}"
PAGECACHE="${NEO4J_TEST_PAGECACHE:-256m}"
TIMEOUT="${NEO4J_TEST_START_TIMEOUT:-120}"
PY="${NEO4J_TEST_PYTHON:-}"
if [[ -z "$PY" ]]; then
    if [[ -x "$REPO/.venv/bin/python" ]]; then PY="$REPO/.venv/bin/python"; else PY=python3; fi
fi

# Neo4j's own minimum (dbms.security.auth_minimum_password_length) is 8.
(( ${#PASSWORD} >= 8 )) || die "NEO4J_TEST_PASSWORD must have at least 8 characters"

# Already running? Then there is nothing to do: the env file is still valid.
if [[ -f "$PIDFILE" ]]; then
    oldpid="$(cat "$PIDFILE")"
    if kill -0 "$oldpid" 2>/dev/null && grep -qa CommunityEntryPoint "/proc/$oldpid/cmdline" 2>/dev/null; then
        say "already running (pid $oldpid); see $ENVFILE"
        exit 0
    fi
    say "removing stale pid file (pid $oldpid is gone)"
    rm -f "$PIDFILE" "$ENVFILE"
fi

"$JAVA" -version >/dev/null 2>&1 || die "cannot run '$JAVA'; Neo4j 5.26 needs Java 17 or 21"
jmajor="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[[ "$jmajor" == 17 || "$jmajor" == 21 ]] \
    || say "warning: Java $jmajor found; Neo4j 5.26 supports Java 17 and 21"

"$PY" -c 'import neo4j' 2>/dev/null \
    || die "$PY has no 'neo4j' driver (pip install 'neo4j>=5.26' into .venv, or set NEO4J_TEST_PYTHON)"

bash "$HERE/build.sh"
VERSION="$(cat "$LIB/.neo4j-version")"

# --- port ------------------------------------------------------------------
port_free() {
    "$PY" - "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}
free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
if [[ -n "${NEO4J_TEST_PORT:-}" ]]; then
    PORT="$NEO4J_TEST_PORT"
    port_free "$PORT" || die "port $PORT on 127.0.0.1 is taken (NEO4J_TEST_PORT)"
elif port_free 7687; then
    PORT=7687
else
    PORT="$(free_port)"
    say "port 7687 is taken; using $PORT"
fi

# --- home folder -------------------------------------------------------------
if [[ -n "${NEO4J_TEST_HOME:-}" ]]; then
    NHOME="$NEO4J_TEST_HOME"
    if [[ -e "$NHOME" && -n "$(ls -A "$NHOME" 2>/dev/null)" ]]; then
        die "NEO4J_TEST_HOME=$NHOME exists and is not empty (stop.sh would delete it; pick a new folder)"
    fi
    mkdir -p "$NHOME"
else
    NHOME="$(mktemp -d "${TMPDIR:-/tmp}/diplograph-neo4j.XXXXXX")"
fi
NHOME="$(cd "$NHOME" && pwd)"
touch "$NHOME/$MARKER"
mkdir -p "$NHOME"/{conf,data,logs,run,plugins,import}
echo "$NHOME" >"$HOMEFILE"

cat >"$NHOME/conf/neo4j.conf" <<EOF
# Written by tests/neo4j/start.sh: a throwaway Neo4j for diplograph's tests.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$PORT
server.bolt.advertised_address=127.0.0.1:$PORT
server.bolt.tls_level=DISABLED
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
server.memory.pagecache.size=$PAGECACHE
server.memory.heap.max_size=$HEAP
server.directories.data=$NHOME/data
server.directories.logs=$NHOME/logs
server.directories.run=$NHOME/run
server.directories.plugins=$NHOME/plugins
server.directories.import=$NHOME/import
dbms.usage_report.enabled=false
# Shut down promptly even if a test left a transaction open.
db.shutdown_transaction_end_timeout=2s
# Bolt otherwise waits 5 s for its connections and 5 s for its thread pool on shutdown.
internal.server.bolt.connection_shutdown_wait_time=1s
internal.server.bolt.thread_pool_shutdown_wait_time=1s
EOF

CP="$LIB/*"
# Initial password, the neo4j-admin way: `neo4j-admin dbms set-initial-password`
# is org.neo4j.cli.AdminTool; it writes data/dbms/auth.ini, read at first start.
if ! NEO4J_HOME="$NHOME" NEO4J_CONF="$NHOME/conf" "$JAVA" -Xmx256m -cp "$CP" \
        org.neo4j.cli.AdminTool dbms set-initial-password "$PASSWORD" \
        >"$NHOME/logs/set-initial-password.log" 2>&1; then
    cat "$NHOME/logs/set-initial-password.log" >&2
    die "neo4j-admin dbms set-initial-password failed (home $NHOME)"
fi

if [[ -n "${NEO4J_TEST_IMPORT:-}" ]]; then
    # `neo4j-admin database import full neo4j @import.args`, run from the export folder
    # (the argument file names the CSVs relative to it).
    if ! (cd "$NEO4J_TEST_IMPORT" && NEO4J_HOME="$NHOME" NEO4J_CONF="$NHOME/conf" "$JAVA" -Xmx512m -cp "$CP" \
            org.neo4j.cli.AdminTool database import full neo4j @import.args) >"$NHOME/logs/import.log" 2>&1; then
        tail -n 20 "$NHOME/logs/import.log" >&2
        die "neo4j-admin database import full failed for $NEO4J_TEST_IMPORT (home $NHOME)"
    fi
fi

# JVM flags: those of Neo4j's default neo4j.conf (server.jvm.additional) that matter on
# Java 17/21 -- the --add-opens are needed by Neo4j's native/unsafe memory access and Netty.
JVM_FLAGS=(
    -Xms256m "-Xmx$HEAP"
    -XX:+UseG1GC
    -XX:-OmitStackTraceInFastThrow
    -XX:+UnlockExperimentalVMOptions
    -XX:+TrustFinalNonStaticFields
    -XX:+DisableExplicitGC
    -XX:+ExitOnOutOfMemoryError
    -Djdk.nio.maxCachedBufferSize=1024
    -Dio.netty.tryReflectionSetAccessible=true
    -Djdk.tls.ephemeralDHKeySize=2048
    -Djdk.tls.rejectClientInitiatedRenegotiation=true
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    -Dlog4j2.disable.jmx=true
    -Dfile.encoding=UTF-8
)

say "starting Neo4j Community $VERSION on bolt://127.0.0.1:$PORT (home $NHOME)"
t0=$(date +%s%N)
# setsid: its own session, so a Ctrl-C or the end of the calling shell does not reach it.
# The inner shell writes its own pid and execs java, so the pid file names the JVM itself.
rm -f "$PIDFILE"
setsid bash -c 'echo $$ >"$1" && cd "$2" && shift 2 && exec "$@"' launch "$PIDFILE" "$NHOME" \
    "$JAVA" "${JVM_FLAGS[@]}" -cp "$CP" \
    org.neo4j.server.CommunityEntryPoint --home-dir="$NHOME" --config-dir="$NHOME/conf" \
    </dev/null >"$NHOME/logs/console.log" 2>&1 &
for _ in $(seq 1 100); do [[ -s "$PIDFILE" ]] && break; sleep 0.1; done
[[ -s "$PIDFILE" ]] || die "the server process did not start (see $NHOME/logs/console.log)"
PID="$(cat "$PIDFILE")"

fail() {
    echo "neo4j start: $*" >&2
    for f in neo4j.log console.log; do
        if [[ -s "$NHOME/logs/$f" ]]; then
            echo "----- tail of $NHOME/logs/$f -----" >&2
            tail -n 30 "$NHOME/logs/$f" >&2
        fi
    done
    if [[ -s "$NHOME/logs/debug.log" ]]; then
        echo "----- errors in $NHOME/logs/debug.log -----" >&2
        grep -E ' (ERROR|WARN) ' "$NHOME/logs/debug.log" | tail -n 20 >&2 || true
    fi
    if kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 1 20); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$PID" 2>/dev/null || true
    fi
    rm -f "$PIDFILE" "$ENVFILE"
    echo "neo4j start: server files kept in $NHOME (bash tests/neo4j/stop.sh removes them)" >&2
    exit 1
}
trap 'fail "interrupted"' INT TERM

rc=0
"$PY" "$HERE/wait_bolt.py" "bolt://127.0.0.1:$PORT" neo4j "$PASSWORD" "$PID" "$TIMEOUT" || rc=$?
case $rc in
    0) ;;
    1) fail "Neo4j did not answer on bolt://127.0.0.1:$PORT within $TIMEOUT s" ;;
    2) fail "Neo4j exited during start-up" ;;
    3) fail "Neo4j refused the password set with set-initial-password" ;;
    *) fail "waiting for Bolt failed (code $rc)" ;;
esac
trap - INT TERM

{
    echo "# Written by tests/neo4j/start.sh; source with: set -a; . $ENVFILE; set +a"
    printf 'export NEO4J_URI=%q\n' "bolt://127.0.0.1:$PORT"
    printf 'export NEO4J_USERNAME=%q\n' neo4j
    printf 'export NEO4J_PASSWORD=%q\n' "$PASSWORD"
    printf 'export NEO4J_DATABASE=%q\n' neo4j
    printf 'export NEO4J_TEST_HOME=%q\n' "$NHOME"
    printf 'export NEO4J_TEST_PID=%q\n' "$PID"
    printf 'export NEO4J_TEST_VERSION=%q\n' "$VERSION"
} >"$ENVFILE"
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
say "up in $((ms / 1000)).$(( (ms % 1000) / 100 )) s: pid $PID, env in $ENVFILE"
