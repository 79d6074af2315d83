"""Fuzz ``parse`` and ``scan`` in both modes: random texts of ticker-like and hostile characters.

    python bench/fuzz.py [--examples N] [--seed S]

Every text must parse without raising, and every record and reject must point at its own
text on the line it names. Prints the count run, the failures (with the text) and the time.
The test suite runs the same checks with hypothesis (tests/test_properties.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import tickers

ALPHABET = [
    *"Dow Nikkei 225 S&P FTSE DAX rose fell points to at 0123456789 .,'%+-−▲▼()|\n\t$€",
    *"円万銭۰۱۲۳ر・코스피포인트指數點 شاخص واحد \u00a0\u202f\r",
    "\ud800",
    "\udcc7",
    "\udfff",
    "\x00",
    "\x85",
    "\u2028",
    "\ufeff",
    "Â",
    "&amp;",
    "<td>",
]


def check(text: str) -> str | None:
    """What is wrong with parsing ``text``, or None."""
    for prose in (False, True):
        try:
            found = tickers.scan(text, prose=prose)
        except Exception as exc:  # the parser is a total function: any exception is a failure
            return f"{type(exc).__name__}: {exc}"
        for item in (*found.quotes, *found.rejects):
            if text[item.span[0] : item.span[1]] != item.raw:
                return f"raw {item.raw!r} is not the text at {item.span}"
            if len((text[: item.span[0]] + "x").splitlines()) != item.line:
                return f"line {item.line} is not where {item.raw!r} starts"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start, failures = time.perf_counter(), 0
    for _ in range(args.examples):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 80)))
        problem = check(text)
        if problem:
            failures += 1
            if failures <= 10:
                print(f"FAIL {text!r}: {problem}")
    print(f"{args.examples:,} texts, both modes, {failures} failures, {time.perf_counter() - start:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
