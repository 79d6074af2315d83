"""Fit the confidence model of tickers/scoring.py on the labelled corpora.

    python bench/calibrate.py          # fit; print BIAS and the evidence weights for the table, and the reliability

A record's confidence is the logistic of ``BIAS + SCALE * score + MARGIN * margin +
evidence``: ``score`` is its reading's score (the search's weights), ``margin`` how
far it scores above its closest rival with other numbers (up to ``DOUBT``), and
``evidence`` the sum of the ``evidence`` weights of what its verdict found.
``SCALE``, ``MARGIN``, ``ambiguous`` and ``guessed`` are set by design (a rival close
by, a guess, is doubt); this fits ``BIAS`` and the other ``evidence`` weights by L2-regularised
logistic regression on whether each record of the golden corpora and of the
dev and held parts of the real pages is right, as bench/accuracy.py judges it. Records
a careful reader could not be sure of are left out; records of real pages weigh
``REAL`` times those of the written corpora, which are many and almost all right;
the fresh third of the real pages is never used. A weight whose meaning is doubt
is held at 0 where the corpora would make it evidence, and the other way round.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from tables import CORPORA, judge, rows

import tickers
import tickers.parser
from tickers.scoring import FEATURES, MARGIN, SCALE, margin, score

# A close rival, and each guess, are doubt whatever the corpora show: the written corpora's damage
# was made so that its guesses come out right.
BY_DESIGN = {"ambiguous", "guessed"}
EVIDENCE = [name for name, f in FEATURES.items() if f.stage == "evidence" and name not in BY_DESIGN]
# What only ever adds doubt: fitted no higher than 0, whatever a corpus happens to hold.
DOUBTS = {
    "one_field",
    "unsigned",
    "strip_signed",
    "neighbour_support",
    "plain_pair",
    "strip_of_moves",
    "listed_level",
    "lookalikes",
    "truncated",
    "ambiguous",
    "guessed",
    "disagrees",
    "odd_order",
    "unknown_name",
}
SUPPORTS = {"labelled", "table_row", "checks_out", "known_index"}  # and what only ever adds evidence: no lower than 0
L2 = 1.0  # pull of each evidence weight towards 0
REAL = 3.0


def records() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per record: [1, evidence features...], the fixed part of its odds, its weight, and 1 if it is right."""
    seen: dict[tuple, tuple] = {}
    make = tickers.parser._quote

    def spy(block, source, entry, r, name, evidence):
        quote = make(block, source, entry, r, name, evidence)
        designed = sum(FEATURES[name].weight * evidence.get(name, 0) for name in BY_DESIGN)
        fixed = SCALE * score(r.features) + MARGIN * margin(r.features, r.rival) + designed
        seen[(quote.span, quote.value)] = (fixed, evidence)
        return quote

    tickers.parser._quote = spy
    x, fixed, weight, y = [], [], [], []
    try:
        for corpus in (*CORPORA, "real/dev.toml", "real/held.toml"):  # the fresh third stays unseen
            for _, text, row in rows(corpus):
                seen.clear()
                judged = judge(tickers.parse(text), row.get("expect", []), row.get("truncated_allowed", False))
                for q, verdict, _ in judged.verdicts:
                    if verdict != "unsure" and (q.span, q.value) in seen:
                        f, evidence = seen[(q.span, q.value)]
                        x.append([1.0, *(evidence.get(name, 0) for name in EVIDENCE)])
                        fixed.append(f)
                        weight.append(REAL if corpus.startswith("real/") else 1.0)
                        y.append(1.0 if verdict == "right" else 0.0)
    finally:
        tickers.parser._quote = make
    return np.array(x), np.array(fixed), np.array(weight), np.array(y)


def fit(x: np.ndarray, fixed: np.ndarray, weight: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The weights, doubts held at 0 where the data would make them evidence, and the other way round."""
    held: set[int] = set()
    while True:
        free = [i for i in range(x.shape[1]) if i not in held]
        w = np.zeros(x.shape[1])
        w[free] = _newton(x[:, free], fixed, weight, y)
        wrong = {
            i for i in free if i and ((EVIDENCE[i - 1] in DOUBTS and w[i] > 0) or (EVIDENCE[i - 1] in SUPPORTS and w[i] < 0))
        }
        if not wrong:
            return w
        held |= wrong


def _newton(x: np.ndarray, fixed: np.ndarray, weight: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Newton's method on the weighted, L2-regularised log-likelihood (the bias is not pulled)."""
    w = np.zeros(x.shape[1])
    pull = np.full(x.shape[1], L2)
    pull[0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-(x @ w + fixed)))
        gradient = x.T @ (weight * (y - p)) - pull * w
        hessian = -(x.T * (weight * p * (1 - p))) @ x - np.diag(pull)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def main() -> int:
    x, fixed, weight, y = records()
    w = fit(x, fixed, weight, y)
    print(f"{len(y)} records, {int(y.sum())} right\n\nBIAS = {w[0]:.2f}")
    for i, name in enumerate(EVIDENCE, start=1):
        print(f'"{name}": {w[i]:+.2f}   ({int((x[:, i] > 0).sum())} records)')
    p = 1 / (1 + np.exp(-(x @ w + fixed)))
    print("\nfitted confidence: bucket, records, share right")
    for low, high in ((0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)):
        inside = (p >= low) & (p < high)
        if inside.any():
            print(f"  [{low:.2f}, {min(high, 1):.2f}) {int(inside.sum()):6d} {y[inside].mean():7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
