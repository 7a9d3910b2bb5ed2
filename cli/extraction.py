"""The extraction engine of `ingest` and `extract`: local processes, or a Dask cluster with --dask."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from typing import Annotated

import typer

from diplograph.cli.options import fail
from diplograph.graph.ingest_run import Extractor
from diplograph.ingest.extract import extract_articles

Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="SCHEDULER|local[:N]",
        show_default=False,
        # "\\[" keeps rich from reading [dask] as markup
        help="Extract on a Dask cluster: a scheduler address (tcp://host:8786), or local[:N] for N "
        "worker processes on this machine (default one per CPU). Needs the diplograph\\[dask] extra.",
    ),
]


@contextmanager
def extractor(workers: int, dask: str | None) -> Iterator[Extractor]:
    """Records of articles in input order, from `workers` processes or from the Dask cluster `dask`."""
    if dask is None:
        yield partial(extract_articles, n_process=workers)
        return
    if workers != 1:
        fail("--workers and --dask are alternatives: give one")
    try:
        from distributed import KilledWorker
        from distributed.comm import CommClosedError

        from diplograph.ingest.distributed import dask_client, extract_on
    except ImportError:
        fail("--dask needs the optional extra: pip install 'diplograph[dask]'")
    with ExitStack() as stack:
        try:
            client = stack.enter_context(dask_client(dask))
        except (ValueError, OSError) as exc:
            fail(f"--dask {dask}: {exc}")
        try:
            yield partial(extract_on, client)
        except (KilledWorker, CommClosedError) as exc:
            # Articles written so far are complete and a re-run skips them.
            fail(
                f"--dask {dask}: the cluster failed ({type(exc).__name__}: {exc}); "
                "articles stored so far are kept, run the command again to complete the job"
            )
