"""Named Cypher queries: one `.cypher` file each in the `diplograph.queries` package.

Each file starts with a header of `//` comments:

    // name: who_met_whom
    // description: Meetings and calls between leaders.
    // params: leader (string, optional) a leader's id or name; limit (int, default 10) rows

`params` may repeat over several lines; entries are separated by `;`, or the line is
`// params: none`. Types are string, int, float, bool, date (an ISO date string
kept as a string, which is how the graph stores dates) and name: a string naming an
entity, which may be any spelling of a person the resolver takes for them
("Lukashenka", "Лукашенко"); `resolve_names` turns it into that person's id. Optional parameters the
user leaves out are passed as null: both engines reject a query that names a
parameter missing from the map.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from diplograph.graph.resolve import Resolver
from diplograph.graph.stores.base import Store

_PACKAGE = "diplograph.queries"
_TYPES = ("string", "int", "float", "bool", "date", "name")
_PARAM = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>\w+)\s*"
    r"(?:,\s*(?P<mode>optional|required|default\s+(?P<default>[^)]*?)))?\s*\)\s*(?P<doc>.*)",
    re.DOTALL,
)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?\Z")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    default: Any
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    cypher: str

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Every declared parameter, with defaults filled in; unknown or missing ones refused."""
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(
                f"query {self.name!r} has no parameter {', '.join(unknown)} "
                f"(it takes: {', '.join(sorted(known)) or 'none'})"
            )
        bound: dict[str, Any] = {}
        for param in self.params:
            if param.name in values:
                bound[param.name] = values[param.name]
            elif param.required:
                raise ValueError(f"query {self.name!r} needs {param.name}=<{param.type}>")
            else:
                bound[param.name] = param.default
        return bound


MAX_INT_PARAM = 2**31 - 1


def convert(value: str, type_name: str) -> Any:
    """A command-line string as a parameter of the declared type."""
    if type_name in ("string", "name"):
        return value
    if type_name == "int":
        number = int(value)
        # Named queries' ints are counts (LIMIT); FalkorDB takes LIMIT modulo 2^32, so 2^32 gave no rows.
        if not 0 <= number <= MAX_INT_PARAM:
            raise ValueError(f"{number} is out of range (0 to {MAX_INT_PARAM})")
        return number
    if type_name == "float":
        return float(value)
    if type_name == "bool":
        lowered = value.strip().lower()
        if lowered in {"true", "yes", "1"}:
            return True
        if lowered in {"false", "no", "0"}:
            return False
        raise ValueError(f"{value!r} is not a boolean (true/false)")
    if type_name == "date":
        if not _DATE.match(value):
            raise ValueError(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if len(value) == 10:
            dt.date.fromisoformat(value)
        return value
    raise ValueError(f"unknown parameter type {type_name!r}")


def _parse_param(text: str, query: str) -> Param:
    match = _PARAM.match(text.strip())
    if not match or match["type"] not in _TYPES:
        raise ValueError(f"query {query!r}: cannot read parameter {text.strip()!r}")
    mode = match["mode"] or "required"
    default = None
    if match["default"] is not None:
        default = convert(match["default"].strip(), match["type"])
    return Param(
        name=match["name"],
        type=match["type"],
        required=mode == "required",
        default=default,
        description=match["doc"].strip(),
    )


def parse_query(text: str, fallback_name: str) -> NamedQuery:
    """A NamedQuery from a file's text; the header is its leading `//` lines."""
    header: dict[str, list[str]] = {"name": [], "description": [], "params": []}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            if stripped:
                break
            continue
        key, sep, value = stripped[2:].strip().partition(":")
        if sep and key.strip() in header:
            header[key.strip()].append(value.strip())
    name = header["name"][0] if header["name"] else fallback_name
    params: list[Param] = []
    for line in header["params"]:
        if line.lower() in {"", "none"}:
            continue
        params += [_parse_param(part, name) for part in line.split(";") if part.strip()]
    return NamedQuery(
        name=name,
        description=" ".join(header["description"]),
        params=tuple(params),
        cypher=text,
    )


def list_queries() -> list[NamedQuery]:
    """Every shipped named query, sorted by name."""
    queries = [
        parse_query(entry.read_text(encoding="utf-8"), entry.name.removesuffix(".cypher"))
        for entry in resources.files(_PACKAGE).iterdir()
        if entry.name.endswith(".cypher")
    ]
    return sorted(queries, key=lambda q: q.name)


def load_query(name: str) -> NamedQuery:
    """One named query (file `<name>.cypher`); ValueError listing the known names when there is none."""
    entry = resources.files(_PACKAGE).joinpath(f"{name}.cypher")
    if not _IDENTIFIER.match(name) or not entry.is_file():
        known = sorted(
            e.name.removesuffix(".cypher")
            for e in resources.files(_PACKAGE).iterdir()
            if e.name.endswith(".cypher")
        )
        raise ValueError(f"no named query {name!r}; known: {', '.join(known)}")
    return parse_query(entry.read_text(encoding="utf-8"), name)


def parse_params(query: NamedQuery, pairs: Iterable[str]) -> dict[str, Any]:
    """`key=value` strings typed by the query's header and bound (defaults, nulls)."""
    types = {p.name: p.type for p in query.params}
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValueError(f"parameter {pair!r} is not key=value")
        if key not in types:
            raise ValueError(
                f"query {query.name!r} has no parameter {key!r} "
                f"(it takes: {', '.join(sorted(types)) or 'none'})"
            )
        try:
            values[key] = convert(value, types[key])
        except ValueError as error:
            raise ValueError(f"parameter {key}: {error}") from None
    return query.bind(values)


def resolve_names(store: Store, query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """`params` with each `name` parameter that spells a stored person replaced by their id,
    so a query finds Lukashenko by "Lukashenka"; other values are left for the query's own
    matching on ids, names and aliases."""
    names = [p.name for p in query.params if p.type == "name" and isinstance(params.get(p.name), str)]
    if not names:
        return dict(params)
    resolver = Resolver.from_leaders(store.leaders())
    resolved = dict(params)
    for name in names:
        found = resolver._find_person([params[name]], None)
        if found is not None:
            resolved[name] = found
    return resolved


def run_named(
    store: Store, name: str, params: Mapping[str, Any] | Iterable[str] = ()
) -> tuple[list[str], list[list[Any]]]:
    """Run a named query on a store; params as a mapping or as `key=value` strings."""
    query = load_query(name)
    bound = query.bind(params) if isinstance(params, Mapping) else parse_params(query, params)
    return store.run(query.cypher, resolve_names(store, query, bound))
