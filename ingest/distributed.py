"""Extraction on a Dask cluster (`ingest --dask`, `extract --dask`; the `diplograph[dask]` extra).

Batches of articles go to the workers as tasks; each worker process loads the spaCy
pipeline once (a worker plugin, run again on any worker that replaces a dead one) and
returns the batch's records. The records come back to the caller in input order
whatever order the batches finish in, so everything after extraction -- resolution
and the store writes through graph/load.py -- runs in this process exactly as in a
single-process run, and gives the same graph.

A worker that dies mid-batch (killed, out of memory) loses nothing: the scheduler
hands the batch to another worker (after `distributed.scheduler.allowed-failures`
deaths, 3 by default, it gives up and the run stops with an error; articles stored
until then stay stored and a re-run skips them). Records are written only here, once
each, so a batch computed twice is still stored once.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import batched

from distributed import Client, Future, LocalCluster, WorkerPlugin

from .article import Article
from .extract import OnError, _records
from .nlp import get_nlp

BATCH_SIZE = 8
LOCAL = "local"


class SpacyPipeline(WorkerPlugin):
    """Loads the pipeline when a worker starts, so no task pays for it."""

    name = "diplograph-spacy"

    def setup(self, worker: object) -> None:
        get_nlp()


def local_workers(target: str) -> int | None:
    """N of `local[:N]` (default: one per CPU); None when `target` is a scheduler address."""
    name, _, count = target.partition(":")
    if name != LOCAL:
        return None
    if not count:
        return os.cpu_count() or 1
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"--dask {target}: expected local or local:N with N >= 1")
    return int(count)


@contextmanager
def dask_client(target: str) -> Iterator[Client]:
    """A client of the scheduler at `target`, or of a new loopback LocalCluster for `local[:N]`.

    Every worker gets the SpacyPipeline plugin.
    """
    workers = local_workers(target)
    if workers is None:
        client = Client(target)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        client.register_plugin(SpacyPipeline())
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def extract_on(
    client: Client,
    articles: Iterable[Article],
    batch_size: int = BATCH_SIZE,
    on_error: OnError = OnError.RECORD,
) -> Iterator[dict]:
    """Records of `articles` extracted on the client's workers, in input order (`on_error`
    as for extract_articles).

    At most two batches per worker are in flight, so memory does not grow with the input.
    """
    in_flight = 2 * max(sum(client.nthreads().values()), 1)
    pending: deque[Future] = deque()
    for batch in batched(articles, batch_size):
        # A fresh key per batch: never mixed up with another run's tasks on a shared scheduler.
        pending.append(client.submit(_records, batch, on_error, key=f"diplograph-extract-{uuid.uuid4().hex}"))
        if len(pending) >= in_flight:
            yield from _take(pending)
    while pending:
        yield from _take(pending)


def _take(pending: deque[Future]) -> list[dict]:
    future = pending.popleft()
    records = future.result()
    future.release()
    return records
