"""Read-only guard for user Cypher, shared by both stores.

`Store.run(write=False)` must refuse statements that write. Both engines also refuse
writes server-side in read mode (Neo4j read transactions, FalkorDB GRAPH.RO_QUERY),
but their messages differ and a Neo4j cluster may route a "read" to a writer, so
the guard gives one clear, engine-independent answer before anything is sent.

The scan drops string literals, backquoted names and comments first, so
`WHERE n.name = 'Create Belarus'` or a property called `set` do not trip it.
"""

from __future__ import annotations

import re

from diplograph.graph.stores.base import StoreError

_WRITE_KEYWORDS = frozenset(
    {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH"}
    | {"ALTER", "RENAME", "GRANT", "DENY", "REVOKE", "TERMINATE"}  # Neo4j administration
)
# Segments of a procedure name that mark a writing (or arbitrary-Cypher) procedure,
# e.g. db.createIndex, db.idx.fulltext.drop, apoc.create.node, gds.pageRank.write,
# apoc.periodic.iterate, apoc.cypher.doIt, dbms.setConfigValue.
_WRITE_PROC_PREFIXES = (
    *("create", "drop", "delete", "remove", "set", "merge", "add", "write", "mutate"),
    *("clear", "kill", "terminate", "import", "load", "refactor", "periodic", "doit"),
    *("trigger", "rename", "truncate", "refresh", "upsert", "update", "insert", "lock", "atomic"),
)
_WRITE_PROC_SEGMENTS = frozenset({"do"})  # apoc.do.when / apoc.do.case

_TOKEN = re.compile(
    r"""
      (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
    | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
    | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
    | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)


def _tokens(cypher: str) -> list[str]:
    """Words and punctuation outside comments; literals and quoted names become placeholders."""
    out: list[str] = []
    for match in _TOKEN.finditer(cypher):
        kind = match.lastgroup
        if kind == "comment":
            continue
        if kind == "string":
            out.append("'")
        elif kind == "quoted":
            out.append("`")
        else:
            out.append(match.group())
    return out


def _procedure_name(tokens: list[str], start: int) -> str:
    """The dotted name after CALL at tokens[start], or '' for a CALL { subquery }."""
    parts: list[str] = []
    i = start
    while i < len(tokens):
        token = tokens[i]
        if token[0].isalpha() or token[0] == "_":
            parts.append(token)
        elif token != ".":
            break
        i += 1
    return ".".join(parts)


def write_clauses(cypher: str) -> list[str]:
    """The write clauses in `cypher`, in order of appearance (empty when read-only)."""
    tokens = _tokens(cypher)
    found: list[str] = []
    for i, token in enumerate(tokens):
        upper = token.upper()
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        # n.set, $create, :MERGE (a label or type), {delete: 1} are names, not clauses.
        if before in {".", "$", ":"} or after == ":":
            continue
        if upper in _WRITE_KEYWORDS:
            found.append(upper)
        elif upper == "LOAD" and after.upper() == "CSV":
            found.append("LOAD CSV")
        elif upper == "CALL":
            name = _procedure_name(tokens, i + 1)
            segments = [s.lower() for s in name.split(".")]
            # The first segment is a namespace (db, apoc, gds, algo) unless it is the only one.
            if any(
                s in _WRITE_PROC_SEGMENTS or s.startswith(_WRITE_PROC_PREFIXES)
                for s in segments[1:] or segments
            ):
                found.append(f"CALL {name}")
    return found


def ensure_read_only(cypher: str) -> None:
    """Raise StoreError naming the first write clause, if any."""
    clauses = write_clauses(cypher)
    if clauses:
        raise StoreError(
            f"refused: the query writes ({clauses[0]}); queries are read-only unless "
            "run with write=True (CLI: --write)"
        )
