"""Ingest throughput: a JSON Lines corpus of sample pages into a fresh store.

    python bench/ingest_speed.py [--copies N] [--batch-size N]

Prints documents/s, records/s and MB/s for a first ingest, for a re-run that
skips everything, and the share of the first ingest spent parsing (one process,
wall-clock time).
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
import time
from pathlib import Path

import tickers
from tickers import Store

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def corpus(folder: Path, copies: int) -> tuple[Path, list[str]]:
    """Every sample page (the .txt files and the archive's rows), ``copies`` times, each copy its own document."""
    pages = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    pages += [json.loads(line)["text"] for line in (SAMPLES / "archive.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = [f"{page}\n(copy {i})" for i in range(copies) for page in pages]
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"doc-{i}", "date": f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text}) + "\n")
    return path, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5, help="how many times the sample pages are repeated")
    parser.add_argument("--batch-size", type=int, default=2000, help="documents per transaction")
    args = parser.parse_args()
    print(f"tickers {tickers.__version__}, Python {platform.python_version()}, {platform.machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        path, texts = corpus(Path(tmp), args.copies)
        size = path.stat().st_size / 1e6
        store = Store(Path(tmp) / "bench.duckdb")
        for label in ("first", "re-run"):
            start = time.perf_counter()
            summary = store.ingest(path, batch_size=args.batch_size)
            seconds = time.perf_counter() - start
            print(
                f"{label:7} {summary.documents:6d} documents {size:6.2f} MB {seconds:7.2f} s "
                f"{summary.documents / seconds:8.1f} documents/s {summary.records / seconds:8.0f} records/s "
                f"{size / seconds:6.2f} MB/s  ({summary})"
            )
            if label == "first":
                first = seconds
        start = time.perf_counter()
        for text in texts:
            tickers.scan(text)
        parsing = time.perf_counter() - start
        print(f"parsing alone: {parsing:.2f} s, {100 * parsing / first:.0f}% of the first ingest")


if __name__ == "__main__":
    main()
