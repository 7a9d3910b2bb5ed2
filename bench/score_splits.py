"""Extraction scores on the development data and on the held-out validation split.

    .venv/bin/python bench/score_splits.py [--shared ../shared] [--splits dev,train,validation]

`dev` is ../shared/corpus/dev, `train` the train articles outside the validation split, and
`validation` the 30 train articles listed in bench/validation_split.txt, which were kept unread
while the extractor and the pair model were developed (the model is trained on dev + train only).
Prints P/R/F1 (tp/fp/fn) per relation type, headline and entity type for each split.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from diplograph.ingest.evaluate import evaluate

SPLIT_FILE = Path(__file__).with_name("validation_split.txt")


def validation_ids() -> set[str]:
    return {
        line.strip()
        for line in SPLIT_FILE.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def split_rows(paths: list[Path]) -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            (Path(tmp) / path.name).symlink_to(path.resolve())
        return evaluate(Path(tmp)).rows()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--splits", default="dev,train,validation")
    args = ap.parse_args()
    held = validation_ids()
    train = sorted((args.shared / "corpus" / "train").glob("*.json"))
    splits = {
        "dev": sorted((args.shared / "corpus" / "dev").glob("*.json")),
        "train": [p for p in train if p.stem not in held],
        "validation": [p for p in train if p.stem in held],
    }
    for name in args.splits.split(","):
        paths = splits[name]
        print(f"\n{name} ({len(paths)} articles)")
        for r in split_rows(paths):
            print(
                f"  {r['name']:22} {r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f}"
                f"  ({r['tp']}/{r['fp']}/{r['fn']})"
            )


if __name__ == "__main__":
    main()
