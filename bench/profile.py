"""Where parsing time goes: a pyinstrument call tree of ``tickers.parse`` over one slice
of the benchmark corpus (prose alone, strips alone, the mixed corpus, or number-dense market prose).

    pip install -e '.[bench]' && python bench/profile.py [prose|strips|mixed|market] [--size MB]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pyinstrument import Profiler

import tickers

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slice", nargs="?", choices=("prose", "strips", "mixed", "market"), default="strips")
    parser.add_argument("--size", type=float, default=20, help="corpus size in MB before slicing (default 20)")
    args = parser.parse_args()
    if args.slice == "market":
        texts = list(corpus.market_documents(int(args.size * 1_000_000 / 10)))
    else:
        texts = corpus.split(list(corpus.documents(int(args.size * 1_000_000))))[args.slice]
    tickers.parse("Dow 27,462.11 +114.75 +0.42%")  # compiles the grammar, once per process: not profiled
    profiler = Profiler(interval=0.0005)
    with profiler:
        records = sum(len(tickers.parse(t)) for t in texts)
    print(f"{args.slice}: {len(texts):,} documents, {sum(map(len, texts)) / 1e6:.1f} MB, {records:,} records")
    print(profiler.output_text(unicode=True, color=sys.stdout.isatty()))


if __name__ == "__main__":
    main()
