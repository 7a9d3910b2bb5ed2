"""Printing query results as a rich table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a value a store returned."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)


def _cell(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def print_rows(columns: list[str], rows: list[list[Any]], fmt: Format) -> None:
    if fmt is Format.json:
        records = [dict(zip(columns, (_plain(v) for v in row), strict=True)) for row in rows]
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
    else:
        table = Table(*columns, show_lines=False)
        for row in rows:
            # Text() so that article text is shown literally, never read as rich markup.
            table.add_row(*(Text(_cell(v)) for v in row))
        console = Console(highlight=False)
        console.print(table)
        console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
