"""`diplograph query` and `diplograph queries`: Cypher, ad hoc or named, on either store."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from diplograph.cli.options import StoreChoice, fail, store_from, with_store_options
from diplograph.cli.output import Format, print_rows
from diplograph.graph import named_queries


@with_store_options
def query(
    cypher: Annotated[str | None, typer.Argument(help="A Cypher statement.", show_default=False)] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a named query instead.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="Query parameter key=value (repeatable)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    write: Annotated[bool, typer.Option("--write", help="Allow a statement that writes.")] = False,
    choice: StoreChoice | None = None,
) -> None:
    """Run Cypher against the graph, read-only unless --write.

    Examples:
      diplograph query "MATCH (a:Leader)-[:MET_WITH]-(b:Leader) RETURN a.name, b.name"
      diplograph query --name meetings --param leader=Lukashenko --format json
    """
    assert choice is not None
    if (cypher is None) == (name is None):
        fail("give either a Cypher statement or --name NAME (see `diplograph queries`)")
    named = None
    try:
        if name is not None:
            named = named_queries.load_query(name)
            cypher, params = named.cypher, named_queries.parse_params(named, param or [])
        else:
            params = _adhoc_params(param or [])
    except ValueError as exc:
        fail(str(exc))
    assert cypher is not None
    with store_from(choice) as store:
        if named is not None:
            params = named_queries.resolve_names(store, named, params)
        columns, rows = store.run(cypher, params, write=write, timeout=choice.timeout)
    print_rows(columns, rows, fmt)


# What both stores accept as a $name without quoting (FalkorDB splices names into a CYPHER prefix).
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _adhoc_params(pairs: list[str]) -> dict[str, Any]:
    """`key=value` for ad hoc Cypher: the value as JSON when it parses (42, true, ["a"]), else text."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"parameter {pair!r} is not key=value")
        if not _PARAM_NAME.fullmatch(key.strip()):
            raise ValueError(
                f"parameter name {key.strip()!r} is not usable: letters, digits and _ only, "
                "not starting with a digit"
            )
        try:
            params[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            params[key.strip()] = value
    return params


def queries() -> None:
    """List the named queries with their parameters.

    Example: diplograph queries
    """
    table = Table("name", "description", "parameters")
    for named in named_queries.list_queries():
        params = ", ".join(f"{p.name} ({p.type}{'' if p.required else ', optional'})" for p in named.params)
        table.add_row(named.name, named.description, params or "-")
    Console(highlight=False).print(table)
