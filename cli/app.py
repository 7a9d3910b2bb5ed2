"""The `diplograph` command: every subcommand registered on one typer app."""

from __future__ import annotations

import os
import signal
from types import FrameType

import typer

from diplograph.cli.curate_cmd import curate, entities
from diplograph.cli.eval_cmd import evaluate
from diplograph.cli.graph_cmd import export, push, stats
from diplograph.cli.ingest_cmd import extract, ingest
from diplograph.cli.query_cmd import queries, query
from diplograph.cli.store_cmd import backup, restore
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
app.command()(curate)
app.command()(entities)
app.command()(backup)
app.command()(restore)


def _exit_on_signal(signum: int, _frame: FrameType | None) -> None:
    """SIGTERM/SIGHUP unwind like Ctrl-C does, so the store stops its server and unlocks.

    Forked extraction workers inherit the handler; they die the default way.
    """
    if os.getpid() != _MAIN_PID:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise SystemExit(128 + signum)


_MAIN_PID = os.getpid()


def main() -> None:
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _exit_on_signal)
    app()
