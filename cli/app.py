"""The `diplograph` command: every subcommand registered on one typer app."""

from __future__ import annotations

import typer

from diplograph.cli.eval_cmd import evaluate
from diplograph.cli.graph_cmd import export, push, stats
from diplograph.cli.ingest_cmd import extract, ingest
from diplograph.cli.query_cmd import queries, query
from diplograph.cli.viz_cmd import viz
from diplograph.cli.watch_cmd import watch

app = typer.Typer(
    name="diplograph",
    help="Turn diplomatic news into a knowledge graph you can query and browse.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(ingest)
app.command()(extract)
app.command()(watch)
app.command()(query)
app.command()(queries)
app.command()(viz)
app.command()(export)
app.command()(stats)
app.command()(push)
app.command(name="eval")(evaluate)


def main() -> None:
    app()
