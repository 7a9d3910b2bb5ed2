"""How many dev + train articles get a correct publication date from their text.

The gold files (`../shared/corpus/{dev,train}/*.json`) carry the published date where
the page gave one, and the article text, but not the HTML: so this measures the text
fallback alone (`diplograph.ingest.dates.text_date`: dateline, then a date line in the
head of the article), the part that dates an article whose page or feed gave no date.
A date found for an article whose gold file has none cannot be checked: it is counted
apart. Usage: .venv/bin/python bench/date_coverage.py [-v]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from diplograph.ingest.dates import text_date

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong or missed date")
    args = parser.parse_args()
    files = sorted((SHARED / "dev").glob("*.json")) + sorted((SHARED / "train").glob("*.json"))
    if not files:
        raise SystemExit(f"no gold files under {SHARED}/{{dev,train}}")
    outcome: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    for path in files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        found = text_date(gold["text"])
        expected = gold.get("date")
        if expected is None:
            outcome["no gold date, dated from text" if found else "no gold date, none found"] += 1
            continue
        if found is None:
            outcome["missed"] += 1
        elif found[0] == expected[:10]:
            outcome["correct"] += 1
            by_source[found[1]] += 1
        else:
            outcome["wrong"] += 1
        if args.verbose and (found is None or found[0] != expected[:10]):
            print(f"  {path.parent.name}/{path.name}: gold {expected}, found {found}")
    dated = outcome["correct"] + outcome["wrong"] + outcome["missed"]
    print(f"{len(files)} gold articles ({SHARED}), {dated} with a gold date")
    print(
        f"correct from the text: {outcome['correct']} of {dated} "
        f"({', '.join(f'{s} {n}' for s, n in sorted(by_source.items()))}); "
        f"wrong: {outcome['wrong']}; none found: {outcome['missed']}"
    )
    print(
        f"articles without a gold date: {outcome['no gold date, dated from text']} dated from the text "
        f"(unverifiable), {outcome['no gold date, none found']} left undated"
    )


if __name__ == "__main__":
    main()
