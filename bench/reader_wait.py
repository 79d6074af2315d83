"""How long a reader waits for a writer: the longest stretch a store stays closed during an ingest.

    python bench/reader_wait.py [--size MB] [--strips SHARE] [--jobs N]

Writes a JSON Lines corpus of fresh articles (``--strips``: the share of lines that are
ticker strips; 1 makes every document a page of strips), starts ``tickers ingest`` on it
in another process, and opens the store read-only every 10 ms until the ingest ends.
Prints the longest time between two opens that succeeded, and the ingest's own time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from corpus import documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=4.0, help="MB of text to ingest")
    parser.add_argument("--strips", type=float, default=0.25, help="share of lines that are ticker strips")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus, store = Path(folder) / "corpus.jsonl", Path(folder) / "store.duckdb"
        with corpus.open("w", encoding="utf-8") as out:
            for doc in documents(int(args.size * 1e6), seed=11, strip_share=args.strips):
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        duckdb.connect(str(store)).close()  # a store for the reader from the start
        ingest = [sys.executable, "-m", "tickers", "ingest", str(corpus), "--db", str(store), "--jobs", str(args.jobs)]
        started = time.monotonic()
        writer = subprocess.Popen(ingest, stdout=subprocess.DEVNULL)
        last_open, longest, opens = started, 0.0, 0
        while writer.poll() is None:
            try:
                duckdb.connect(str(store), read_only=True).close()
            except duckdb.Error:
                pass
            else:
                now = time.monotonic()
                longest, last_open, opens = max(longest, now - last_open), now, opens + 1
            time.sleep(0.01)
        took = time.monotonic() - started
    print(f"ingest of {args.size:g} MB ({args.strips:g} of lines strips, {args.jobs} job(s)): {took:.1f} s")
    print(f"reader opens: {opens}; longest the store stayed closed: {longest:.2f} s")


if __name__ == "__main__":
    main()
