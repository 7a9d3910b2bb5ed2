"""Split-half check of the extractor on a gold folder: even vs odd article ids.

A rule tuned to one article shows up as a gap between the halves. Usage:

    .venv/bin/python bench/extraction_split.py ../shared/corpus/dev
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from diplograph.ingest.evaluate import evaluate


def half_report(gold_dir: Path, parity: int) -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(gold_dir.glob("*.json")):
            if path.stem.isdigit() and int(path.stem) % 2 == parity:
                (Path(tmp) / path.name).symlink_to(path.resolve())
        return {row["name"]: row for row in evaluate(Path(tmp)).rows()}


def main(gold_dir: str) -> None:
    halves = {name: half_report(Path(gold_dir), parity) for name, parity in (("even", 0), ("odd", 1))}
    print(f"{'figure':22} {'even P/R/F1 (tp/fp/fn)':34} {'odd P/R/F1 (tp/fp/fn)':34}")
    for figure in halves["even"]:
        cells = []
        for half in ("even", "odd"):
            r = halves[half][figure]
            cells.append(
                f"{r['precision']:.3f}/{r['recall']:.3f}/{r['f1']:.3f} ({r['tp']}/{r['fp']}/{r['fn']})"
            )
        print(f"{figure:22} {cells[0]:34} {cells[1]:34}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/dev")
