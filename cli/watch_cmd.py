"""`diplograph watch`: poll feeds and ingest what is new until stopped.

Each round opens the store, ingests the feeds' new items and closes it again, so other
commands can use the store between rounds. Ctrl-C or SIGTERM stops after the article
in hand (a second one stops at once; the store's per-article writes keep it whole).
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated, Any

import typer
from rich.console import Console

from diplograph.cli.ingest_cmd import Workers, ingest_with_progress, print_summary
from diplograph.cli.options import StoreChoice, err, fail, store_from, with_store_options
from diplograph.cli.web_options import (
    Delay,
    Feeds,
    KeepHtml,
    feed_line,
    feeds_given,
    stored_links,
    web_reader,
)
from diplograph.ingest.web_sources import FeedCounts

_UNITS = {"s": 1, "m": 60, "h": 3600}


def parse_every(value: str) -> float:
    """Seconds of "90", "30s", "15m", "1.5h"; typer.BadParameter otherwise."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value.lower())
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"{value!r} is not a period such as 30s, 15m or 1h")
    return float(match.group(1)) * _UNITS[match.group(2) or "s"]


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT/SIGTERM set `stop`; a second signal interrupts at once."""

    def handler(signum: int, _frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        err.print(f"{signal.Signals(signum).name}: stopping after the current article")

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@with_store_options
def watch(
    feed: Feeds = None,
    every: Annotated[str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h.")] = "15m",
    rounds: Annotated[
        int, typer.Option("--rounds", min=0, help="Stop after this many polls (0: until stopped).")
    ] = 0,
    keep_html: KeepHtml = None,
    workers: Workers = 1,
    delay: Delay = 1.0,
    choice: StoreChoice | None = None,
) -> None:
    """Poll feeds and ingest each new item until Ctrl-C or SIGTERM; an unchanged feed
    costs one conditional request (ETag / Last-Modified).

    Example: diplograph watch --feed https://example.org/rss.xml --every 15m
    """
    assert choice is not None
    period = parse_every(every)
    feeds, problems = feeds_given(feed)
    if not feeds:
        fail("nothing to watch: give --feed URL (or a file of feed URLs)", code=2)
    out = Console(highlight=False, soft_wrap=True)
    failed = problems > 0
    with web_reader(keep_html, delay) as web, _stop_on_signals(web.stop):
        done = 0
        while not web.stop.is_set():
            done += 1
            out.print(f"round {done} at {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %Z}")
            web.counts = FeedCounts()
            with store_from(choice) as store:
                web.known_links = stored_links(store)
                summary = ingest_with_progress(store, web.read([], feeds), workers)
            print_summary(out, summary)
            out.print(feed_line(web.counts))
            failed = failed or summary.failed > 0
            if rounds and done >= rounds:
                break
            web.stop.wait(period)
    out.print(f"watch stopped after {done} round{'s' if done != 1 else ''}")
    if failed:
        raise typer.Exit(1)
