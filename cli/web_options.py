"""The options and plumbing the commands that read the web share (ingest, extract, watch)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from diplograph.cli.options import say_error
from diplograph.graph.stores.base import Store
from diplograph.ingest.feeds import feed_urls
from diplograph.ingest.fetch import Fetcher, Limits
from diplograph.ingest.web_sources import FeedCounts, WebReader

Feeds = Annotated[
    list[str] | None,
    typer.Option(
        "--feed",
        metavar="URL|FILE",
        help="RSS/Atom feed URL, or a file listing feed URLs one a line; repeatable.",
        show_default=False,
    ),
]
KeepHtml = Annotated[
    Path | None,
    typer.Option(
        "--keep-html",
        metavar="DIR",
        help="Keep every fetched page in this folder; `ingest DIR` re-reads them without the network.",
        show_default=False,
    ),
]
Delay = Annotated[
    float, typer.Option("--delay", min=0, help="Seconds between two requests to the same host.")
]


def stored_links(store: Store) -> Callable[[list[str]], set[str]]:
    """A look-up of which feed links are already stored as an Article's url."""

    def known(links: list[str]) -> set[str]:
        _, rows = store.run("MATCH (a:Article) WHERE a.url IN $links RETURN a.url", {"links": links})
        return {row[0] for row in rows}

    return known


def feeds_given(values: list[str] | None) -> tuple[list[str], int]:
    """The feed URLs of the --feed values, the problems (files of URLs unreadable) printed;
    (urls, number of problems)."""
    urls, problems = feed_urls(values or [])
    for problem in problems:
        say_error(problem)
    return urls, len(problems)


@contextmanager
def web_reader(keep_html: Path | None, delay: float, store: Store | None = None) -> Iterator[WebReader]:
    with Fetcher(Limits(host_delay=delay)) as fetcher:
        reader = WebReader(fetcher, keep_html=keep_html)
        if store is not None:
            reader.known_links = stored_links(store)
        yield reader


def feed_line(counts: FeedCounts) -> str:
    return (
        f"feeds: {counts.read} read, {counts.unchanged} unchanged (304), {counts.failed} failed; "
        f"{counts.new_links} new links of {counts.items} items"
    )


def no_sources(paths: list[str] | None, feeds: list[str] | None) -> None:
    if not paths and not feeds:
        say_error("nothing to read: give files, folders, URLs or --feed URL")
        raise typer.Exit(2)
