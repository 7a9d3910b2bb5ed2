#!/usr/bin/env bash
# Resolve a genuine Neo4j Community server (5.26 LTS) from Maven Central into
# tests/neo4j/build/lib, using the pom.xml beside this script.
#
#   bash tests/neo4j/build.sh                    # the version pinned in pom.xml
#   NEO4J_VERSION=5.26.29 bash tests/neo4j/build.sh
#   NEO4J_VERSION=latest bash tests/neo4j/build.sh   # newest 5.26.x on Maven Central
#   MVN_ARGS='-o' bash tests/neo4j/build.sh       # extra Maven arguments (offline, repo.local, ...)
#
# Idempotent: when build/lib already holds the wanted version it returns at once
# without calling Maven.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="${NEO4J_TEST_BUILD:-$HERE/build}"   # override only for experiments
LIB="$BUILD/lib"
STAMP="$LIB/.neo4j-version"

pinned="$(sed -n 's:.*<neo4j.version>\(.*\)</neo4j.version>.*:\1:p' "$HERE/pom.xml" | head -n1)"
want="${NEO4J_VERSION:-$pinned}"

command -v mvn >/dev/null || { echo "neo4j build: mvn (Maven 3) is required" >&2; exit 1; }

if [[ "$want" == latest ]]; then
    # A version range in the pom would make Maven read the dependency graph of every
    # 5.26.x release (minutes). Instead fetch just the newest release's pom, which brings
    # Central's version list (maven-metadata) into the local repository, and read 5.26.x off it.
    mkdir -p "$BUILD"
    repo="$HOME/.m2/repository"
    if [[ "${MVN_ARGS:-}" =~ -Dmaven\.repo\.local=([^[:space:]]+) ]]; then repo="${BASH_REMATCH[1]}"; fi
    # shellcheck disable=SC2086
    mvn -B -q -U -f "$HERE/pom.xml" ${MVN_ARGS:-} dependency:get \
        -Dartifact=org.neo4j:neo4j:RELEASE:pom -Dtransitive=false >"$BUILD/mvn-latest.log" 2>&1 \
        || { tail -n 20 "$BUILD/mvn-latest.log" >&2
             echo "neo4j build: could not read Neo4j's versions from Maven Central" >&2; exit 1; }
    want="$(cat "$repo"/org/neo4j/neo4j/maven-metadata-*.xml 2>/dev/null \
        | grep -o '<version>5\.26\.[0-9]*</version>' | sed 's/<[^>]*>//g' | sort -uV | tail -n1)"
    [[ -n "$want" ]] || { echo "neo4j build: no 5.26.x in $repo/org/neo4j/neo4j" >&2; exit 1; }
    echo "neo4j build: newest 5.26.x on Maven Central is $want"
fi

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" && -f "$LIB/neo4j-$want.jar" ]]; then
    echo "neo4j build: Neo4j Community $want already in $LIB"
    exit 0
fi

command -v java >/dev/null || { echo "neo4j build: java (17 or 21) is required" >&2; exit 1; }
mvn_version="$want"

mkdir -p "$BUILD"
tmp="$BUILD/lib.tmp"
rm -rf "$tmp"
log="$BUILD/mvn.log"
echo "neo4j build: resolving org.neo4j:neo4j:$mvn_version (Community) from Maven Central ..."
t0=$SECONDS
# shellcheck disable=SC2086  # MVN_ARGS is deliberately word-split
if ! mvn -B -q -f "$HERE/pom.xml" ${MVN_ARGS:-} \
        "-Dneo4j.version=$mvn_version" \
        dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp" >"$log" 2>&1; then
    echo "neo4j build: Maven failed; the end of $log:" >&2
    tail -n 40 "$log" >&2
    rm -rf "$tmp"
    exit 1
fi

jar="$tmp/neo4j-$want.jar"
if [[ ! -f "$jar" ]]; then
    echo "neo4j build: Maven did not bring neo4j-$want.jar into $tmp" >&2
    exit 1
fi
got="$want"
# The server entry point must be there, or this is not a server build.
if command -v unzip >/dev/null && ! unzip -Z1 "$jar" org/neo4j/server/CommunityEntryPoint.class >/dev/null 2>&1; then
    echo "neo4j build: $jar has no org.neo4j.server.CommunityEntryPoint" >&2
    exit 1
fi
echo "$got" >"$tmp/.neo4j-version"

rm -rf "$LIB"
mv "$tmp" "$LIB"
n="$(find "$LIB" -maxdepth 1 -name '*.jar' | wc -l)"
echo "neo4j build: Neo4j Community $got ready in $LIB ($n jars, $(du -sh "$LIB" | cut -f1)) in $((SECONDS - t0)) s"
