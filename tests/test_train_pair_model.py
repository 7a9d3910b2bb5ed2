"""The pair model's training script, run for real on our own annotated fixture articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from diplograph.ingest.pair_model import score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "gold"


def test_training_writes_a_model_the_extractor_can_read(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_pair_model.py"),
            str(GOLD),
            "--out",
            str(out),
            "--folds",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "rules alone" in done.stdout and "candidate recall ceiling" in done.stdout
    model = json.loads(out.read_text("utf-8"))
    assert model["policy"] == "union" and model["trained_on"] == len(list(GOLD.glob("*.json")))
    for params in model["types"].values():
        assert 0.0 < params["threshold"] < 1.0
        assert params["weights"], "a kept model has weights"
        assert 0.0 <= score(params["weights"], params["bias"], set(params["weights"])) <= 1.0


def test_held_out_ids_are_left_out(tmp_path: Path) -> None:
    held = sorted(p.stem for p in GOLD.glob("*.json"))[:5]
    exclude = tmp_path / "held.txt"
    exclude.write_text("# held out\n" + "\n".join(held) + "\n", "utf-8")
    out = tmp_path / "model.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "train_pair_model.py"),
            str(GOLD),
            "--out",
            str(out),
            "--folds",
            "3",
            "--exclude",
            str(exclude),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(out.read_text("utf-8"))["trained_on"] == len(list(GOLD.glob("*.json"))) - 5
