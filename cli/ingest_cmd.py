"""`diplograph ingest` and `diplograph extract`: articles in, graph or JSON Lines out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from diplograph.cli.extraction import Dask, extractor
from diplograph.cli.options import StoreChoice, err, say_error, store_from, with_store_options
from diplograph.graph.ingest_run import ingest as run_ingest
from diplograph.graph.model import ENTITY_LABELS
from diplograph.ingest.article import Article
from diplograph.ingest.readers import ReadError, read_paths

Paths = Annotated[
    list[str],
    typer.Argument(
        help="Article files or folders (.txt .md .html .json .jsonl); '-' reads stdin.", show_default=False
    ),
]
Workers = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Extraction processes (spaCy nlp.pipe n_process).")
]


@with_store_options
def ingest(paths: Paths, workers: Workers = 1, dask: Dask = None, choice: StoreChoice | None = None) -> None:
    """Extract articles and store their graph; articles already stored are skipped.

    Example: diplograph ingest examples/ --store ./diplograph-data
    """
    assert choice is not None
    out = Console(highlight=False, soft_wrap=True)
    with store_from(choice) as store, extractor(workers, dask) as extract:
        progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}"),
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

            summary = run_ingest(store, read_paths(paths), extract=extract, on_article=advance)
    for line in summary.errors:
        say_error(line)
    added = summary.added
    out.print(f"articles: {summary.new} new, {summary.skipped} skipped, {summary.failed} failed")
    entities = sum(added.nodes.get(label, 0) for label in ENTITY_LABELS)
    by_type = {t: n for t, n in sorted(added.relationships.items()) if n and t != "MENTIONS"}
    detail = f" ({', '.join(f'{t} {n}' for t, n in by_type.items())})" if by_type else ""
    out.print(f"added: {entities} entities, {sum(by_type.values())} relationships{detail}")
    if summary.failed:
        raise typer.Exit(1)


def extract(paths: Paths, workers: Workers = 1, dask: Dask = None) -> None:
    """Print one JSON extraction record per article (JSON Lines); nothing is stored.

    Example: diplograph extract article.txt | jq '.relations[] | [.type, .source, .target]'
    """
    failed = 0

    def articles() -> Iterator[Article]:
        nonlocal failed
        for item in read_paths(paths):
            if isinstance(item, ReadError):
                failed += 1
                say_error(str(item))
            else:
                yield item

    with extractor(workers, dask) as records:
        for record in records(articles()):
            if "error" in record:
                failed += 1
                say_error(f"{record['path'] or record['id']}: {record['error']}")
                continue
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)
