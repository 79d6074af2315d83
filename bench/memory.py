"""Peak memory of one long document: a file of short strip lines, and a file of one long line.

    python bench/memory.py [--lines N] [--line-mb MB] [--jobs N]

Writes the two files (fresh strip entries, one a line; news articles and strips run into one
line, as a crawl's minified page holds them), then runs ``tickers parse --format ndjson`` and
``tickers ingest`` on each in a process of its own and prints the peak resident memory of the
largest process of each run (the writer or a worker), beside the file's size and the time.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import article, record

PEAK = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); " + (
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def strip_lines(path: Path, count: int) -> None:
    rng = random.Random(5)
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            name, _, value, change, pct = record(rng)
            out.write(f"{name} {value:,} {change:+} {pct:+}%\n")


def one_line(path: Path, size: int) -> None:
    rng = random.Random(6)
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            piece = " ".join(article(rng, rng.random() < 0.25).split()) + " "
            out.write(piece)
            written += len(piece.encode("utf-8"))
        out.write("\n")


def peak(command: list[str]) -> tuple[float, float]:
    """``(peak MB, seconds)`` of a command run in a process of its own."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) / 1024, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000, help="strip lines in the first file")
    parser.add_argument("--line-mb", type=float, default=20.0, help="MB of the one-line file")
    parser.add_argument("--jobs", type=int, default=1, help="ingest's --jobs")
    args = parser.parse_args()
    tickers = [sys.executable, "-m", "tickers"]
    jobs = ["--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory() as folder:
        lines, line = Path(folder) / "strips.txt", Path(folder) / "one_line.txt"
        strip_lines(lines, args.lines)
        one_line(line, int(args.line_mb * 1e6))
        empty = Path(folder) / "empty.txt"
        empty.write_text("Dow 27,462.11 +114.75 +0.42%\n", encoding="utf-8")
        commands = {
            "parse": lambda path: [*tickers, "parse", str(path), "--format", "ndjson"],
            "ingest": lambda path: [*tickers, "ingest", str(path), "--db", str(Path(folder) / f"{path.stem}.duckdb"), *jobs],
        }
        constant = {verb: peak(command(empty))[0] for verb, command in commands.items()}
        parse, ingest = constant["parse"], constant["ingest"]
        print(f"a one-line document: parse peaks at {parse:,.0f} MB, ingest at {ingest:,.0f} MB (the constant)")
        for path, label in ((lines, f"{args.lines:,} strip lines"), (line, f"one line of {args.line_mb:g} MB")):
            size = path.stat().st_size / 1e6
            for verb, command in commands.items():
                mb, seconds = peak(command(path))
                above = (mb - constant[verb]) / size
                print(
                    f"{label} ({size:.1f} MB), {verb}: peak {mb:,.0f} MB, {above:.1f}x the file over the constant, {seconds:.0f}s"
                )


if __name__ == "__main__":
    main()
