"""`diplograph ingest` and `diplograph extract`: articles in, graph or JSON Lines out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from diplograph.cli.curate_cmd import CurationOption, curation_for, report_changes
from diplograph.cli.extraction import Dask, extractor
from diplograph.cli.options import StoreChoice, err, say_error, store_from, with_store_options
from diplograph.cli.web_options import Delay, Feeds, KeepHtml, feed_line, feeds_given, no_sources, web_reader
from diplograph.graph.curation import Curation
from diplograph.graph.ingest_run import Extractor, IngestSummary
from diplograph.graph.ingest_run import ingest as run_ingest
from diplograph.graph.model import ENTITY_LABELS
from diplograph.graph.stores.base import Store
from diplograph.ingest.article import Article
from diplograph.ingest.readers import ReadError
from diplograph.ingest.web_sources import WebReader

Paths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Article files or folders (.txt .md .html .json .jsonl), http(s) URLs of web pages; "
        "'-' reads stdin.",
        show_default=False,
    ),
]
Workers = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Extraction processes (spaCy nlp.pipe n_process).")
]


def ingest_with_progress(
    store: Store,
    items: Iterable[Article | ReadError],
    workers: int,
    curation: Curation | None = None,
    extract: Extractor | None = None,
) -> IngestSummary:
    """One ingest run behind a progress bar on stderr (`extract`: see cli/extraction.py)."""
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}", markup=False),  # file names are text, not markup
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with progress:
        # Articles stream from the files as they are ingested (memory does not grow
        # with the corpus), so the total is not known up front.
        task = progress.add_task("ingest", total=None, last="")

        def advance(name: str, outcome: str) -> None:
            progress.update(task, advance=1, last=f"{outcome}: {name}")

        return run_ingest(
            store, items, workers=workers, extract=extract, on_article=advance, curation=curation
        )


def print_summary(out: Console, summary: IngestSummary) -> None:
    """The error lines, then articles new/skipped/failed and what was added."""
    for line in summary.errors:
        say_error(line)
    added = summary.added
    out.print(f"articles: {summary.new} new, {summary.skipped} skipped, {summary.failed} failed")
    entities = sum(added.nodes.get(label, 0) for label in ENTITY_LABELS)
    by_type = {t: n for t, n in sorted(added.relationships.items()) if n and t != "MENTIONS"}
    detail = f" ({', '.join(f'{t} {n}' for t, n in by_type.items())})" if by_type else ""
    out.print(f"added: {entities} entities, {sum(by_type.values())} relationships{detail}")
    report_changes(summary.curation, out)


@with_store_options
def ingest(
    paths: Paths = None,
    feed: Feeds = None,
    keep_html: KeepHtml = None,
    workers: Workers = 1,
    delay: Delay = 1.0,
    curation: CurationOption = None,
    dask: Dask = None,
    choice: StoreChoice | None = None,
) -> None:
    """Extract articles (files, web pages, feed items) and store their graph; articles
    already stored are skipped, and so are feed items whose link is stored.

    Examples: diplograph ingest examples/ --store ./diplograph-data;
    diplograph ingest https://example.org/news/1.html;
    diplograph ingest --feed https://example.org/rss.xml --keep-html pages/
    """
    assert choice is not None
    no_sources(paths, feed)
    feeds, feed_problems = feeds_given(feed)
    out = Console(highlight=False, soft_wrap=True)
    corrections = curation_for(choice, curation)
    with (
        store_from(choice) as store,
        web_reader(keep_html, delay, store) as web,
        extractor(workers, dask) as extract,
    ):
        summary = ingest_with_progress(store, web.read(paths or [], feeds), workers, corrections, extract)
    print_summary(out, summary)
    if feeds:
        out.print(feed_line(web.counts))
    if summary.failed or feed_problems:
        raise typer.Exit(1)


def extract(
    paths: Paths = None,
    feed: Feeds = None,
    keep_html: KeepHtml = None,
    workers: Workers = 1,
    delay: Delay = 1.0,
    dask: Dask = None,
) -> None:
    """Print one JSON extraction record per article (JSON Lines); nothing is stored.

    Example: diplograph extract article.txt | jq '.relations[] | [.type, .source, .target]'
    """
    no_sources(paths, feed)
    feeds, failed = feeds_given(feed)

    def articles(web: WebReader) -> Iterator[Article]:
        nonlocal failed
        for item in web.read(paths or [], feeds):
            if isinstance(item, ReadError):
                failed += 1
                say_error(str(item))
            else:
                yield item

    with web_reader(keep_html, delay) as web, extractor(workers, dask) as records:
        for record in records(articles(web)):
            if "error" in record:
                failed += 1
                say_error(f"{record['path'] or record['id']}: {record['error']}")
                continue
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)
