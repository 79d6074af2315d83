"""Record-level accuracy of ``tickers.parse`` on the golden corpora in tests/golden/.

    python bench/accuracy.py

For each corpus: expected records, records found, exact matches (name or index,
value, change and percent all right), precision, recall, and records found in
texts that should yield none. Also how confidence separates right from wrong.
"""

from __future__ import annotations

import sys
import tomllib
from decimal import Decimal
from pathlib import Path

import tickers
from tickers.registry import name_key

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
CORPORA = {  # file: (table key, where the text is)
    "cases.toml": ("case", "text"),
    "samples.toml": ("sample", "file"),
    "prose.toml": ("prose", "text"),
    "wild.toml": ("case", "text"),
    "negatives.toml": ("negative", "text"),
    "pages.toml": ("page", "file"),
    "fresh.toml": ("case", "text"),
    "final.toml": ("case", "text"),
}
FIELDS = ("value", "change", "pct_change")


def same(quote, want: dict) -> bool:
    if "index" in want and want["index"] != quote.index:
        return False
    if "index" not in want and "name" in want and name_key(want["name"]) != name_key(quote.name):
        return False
    return all(f not in want or (None if want[f] == "none" else Decimal(want[f])) == getattr(quote, f) for f in FIELDS)


def score(rows: list[dict], where: str) -> dict:
    totals = {"expected": 0, "found": 0, "right": 0, "false_in_negatives": 0}
    confidences = {"right": [], "wrong": []}
    for row in rows:
        text = (ROOT / row["file"]).read_text(encoding="utf-8") if where == "file" else row["text"]
        expect = row.get("expect", [])
        quotes = tickers.parse(text)
        if row.get("truncated_allowed") and len(quotes) == len(expect) + 1 and quotes[-1].confidence < 0.5:
            quotes = quotes[:-1]
        totals["expected"] += len(expect)
        totals["found"] += len(quotes)
        if not expect:
            totals["false_in_negatives"] += len(quotes)
        unmatched = list(expect)
        for q in quotes:
            hit = next((w for w in unmatched if same(q, w)), None)
            if hit is not None:
                unmatched.remove(hit)
                totals["right"] += 1
            confidences["right" if hit is not None else "wrong"].append(q.confidence)
    totals["confidences"] = confidences
    return totals


def main() -> int:
    print(f"{'corpus':16} {'expected':>8} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7} {'in negatives':>12}")
    right_conf, wrong_conf = [], []
    for name, (key, where) in CORPORA.items():
        path = GOLDEN / name
        if not path.exists():
            continue
        t = score(tomllib.loads(path.read_text(encoding="utf-8"))[key], where)
        precision = t["right"] / t["found"] if t["found"] else 1.0
        recall = t["right"] / t["expected"] if t["expected"] else 1.0
        print(
            f"{name:16} {t['expected']:8d} {t['found']:6d} {t['right']:6d} {precision:9.3f} {recall:7.3f} "
            f"{t['false_in_negatives']:12d}"
        )
        right_conf += t["confidences"]["right"]
        wrong_conf += t["confidences"]["wrong"]
    for label, values in (("right", right_conf), ("wrong", wrong_conf)):
        if values:
            mean = sum(values) / len(values)
            print(f"confidence of {label} records: mean {mean:.2f} over {len(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
