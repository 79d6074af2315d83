"""Parse speed on the bundled samples, on their prose alone and on strips alone.

    python bench/parse_speed.py [--copies N] [--prose]

Prints MB/s and records/s for each corpus (one process, wall-clock time); with
``--prose``, in prose mode too, and on the report sentences of tests/golden/real.
"""

from __future__ import annotations

import argparse
import platform
import re
import time
import tomllib
from pathlib import Path

import tickers

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
REAL = Path(__file__).resolve().parent.parent / "tests" / "golden" / "real"
STRIP = "Dow {v:,.2f} +114.75 +0.42% | S&P 500 3,078.27 +9.88 +0.32% | Nasdaq 8,433.20 +46.80 +0.56%\n"


def measure(label: str, text: str, prose: bool = False) -> None:
    start = time.perf_counter()
    quotes = tickers.parse(text, prose=prose)
    seconds = time.perf_counter() - start
    size = len(text.encode("utf-8")) / 1e6
    rate = len(quotes) / seconds
    print(f"{label:8} {size:7.2f} MB {seconds:7.2f} s {size / seconds:8.2f} MB/s {len(quotes):7d} records {rate:9.0f} records/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="how many times the samples are repeated")
    parser.add_argument("--prose", action="store_true", help="measure prose mode too")
    args = parser.parse_args()
    pages = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    mixed = "\n\n".join(pages) * args.copies
    prose = "\n".join(line for line in mixed.splitlines() if len(re.findall(r"\b[a-z]{2,}\b", line)) > 10 and "&" not in line)
    strips = "".join(STRIP.format(v=20000 + i / 100) for i in range(len(pages) * args.copies * 20))
    print(f"tickers {tickers.__version__}, Python {platform.python_version()}, {platform.machine()}")
    start = time.perf_counter()
    tickers.parse("Dow 27,462.11 +114.75 +0.42%")  # compiles the grammar, once per process
    print(f"grammar compiled in {time.perf_counter() - start:.2f} s (not counted below)")
    measure("mixed", mixed)
    measure("prose", prose)
    measure("strips", strips)
    if args.prose:
        reports = "\n".join(
            s["text"]
            for f in ("prose_dev", "prose_held")
            for s in tomllib.loads((REAL / f"{f}.toml").read_text("utf-8"))["sentence"]
        )
        tickers.parse("Dow rose 0.4%.", prose=True)  # builds the sentence grammar, once per process
        measure("reports", reports * max(1, args.copies // 4))
        for label, text in (
            ("mixed", mixed),
            ("prose", prose),
            ("strips", strips),
            ("reports", reports * max(1, args.copies // 4)),
        ):
            measure(f"{label}+p", text, prose=True)


if __name__ == "__main__":
    main()
