"""`diplograph eval`: extraction scored against gold files by the ANNOTATION.md rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from diplograph.cli.options import fail
from diplograph.ingest.evaluate import Miss
from diplograph.ingest.evaluate import evaluate as run_evaluation


def _miss(miss: Miss) -> Text:
    target = f" -> {miss.target}" if miss.target else ""
    return Text(f"  {miss.article}  {miss.kind}  {miss.source}{target}")


def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.json files.", show_default=False)],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List every false positive and negative.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Score extraction against gold files: precision, recall and F1 per relation type.

    Example: diplograph eval ../shared/corpus/dev -v
    """
    if not gold_dir.is_dir() or not any(gold_dir.glob("*.json")):
        fail(f"{gold_dir}: no gold *.json files in this folder")
    try:
        report = run_evaluation(gold_dir)
    except (ValueError, KeyError) as exc:
        fail(f"{gold_dir}: invalid gold file ({exc})")
    rows = report.rows()
    if as_json:
        sys.stdout.write(json.dumps({"articles": report.articles, "scores": rows}, indent=2) + "\n")
        return
    console = Console(highlight=False)
    table = Table("figure", "precision", "recall", "F1", "tp", "fp", "fn")
    table.title = f"{report.articles} articles"
    for row in rows:
        table.add_row(
            str(row["name"]),
            f"{row['precision']:.3f}",
            f"{row['recall']:.3f}",
            f"{row['f1']:.3f}",
            str(row["tp"]),
            str(row["fp"]),
            str(row["fn"]),
        )
    console.print(table)
    if verbose:
        console.print(f"false positives ({len(report.false_positives)}):")
        for miss in report.false_positives:
            console.print(_miss(miss))
        console.print(f"false negatives ({len(report.false_negatives)}):")
        for miss in report.false_negatives:
            console.print(_miss(miss))
