"""Record-level accuracy of ``tickers.parse`` on the golden corpora in tests/golden/.

    python bench/accuracy.py

For each corpus: expected records, records found, right ones (name or index and
every number), precision, recall, and records found in texts that should yield
none; then the mean confidence of right and of wrong records.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from tables import CORPORA, GOLDEN, rows, same

import tickers


def score(corpus: str) -> tuple[dict, list[float], list[float]]:
    totals = {"expected": 0, "found": 0, "right": 0, "in_negatives": 0}
    right_conf, wrong_conf = [], []
    for _, text, row in rows(corpus):
        expect = row.get("expect", [])
        quotes = tickers.parse(text)
        if row.get("truncated_allowed") and len(quotes) == len(expect) + 1 and quotes[-1].confidence < 0.5:
            quotes = quotes[:-1]
        totals["expected"] += len(expect)
        totals["found"] += len(quotes)
        if not expect:
            totals["in_negatives"] += len(quotes)
        unmatched = list(expect)
        for q in quotes:
            hit = next((w for w in unmatched if same(q, w)), None)
            if hit is not None:
                unmatched.remove(hit)
                totals["right"] += 1
            (right_conf if hit is not None else wrong_conf).append(q.confidence)
    return totals, right_conf, wrong_conf


def main() -> int:
    print(f"{'corpus':16} {'expected':>8} {'found':>6} {'right':>6} {'precision':>9} {'recall':>7} {'in negatives':>12}")
    right_all, wrong_all = [], []
    for corpus in CORPORA:
        if not (GOLDEN / corpus).exists():
            continue
        t, right, wrong = score(corpus)
        precision = t["right"] / t["found"] if t["found"] else 1.0
        recall = t["right"] / t["expected"] if t["expected"] else 1.0
        print(
            f"{corpus:16} {t['expected']:8d} {t['found']:6d} {t['right']:6d} {precision:9.3f} {recall:7.3f} "
            f"{t['in_negatives']:12d}"
        )
        right_all += right
        wrong_all += wrong
    for label, values in (("right", right_all), ("wrong", wrong_all)):
        if values:
            print(f"confidence of {label} records: mean {sum(values) / len(values):.2f} over {len(values)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
