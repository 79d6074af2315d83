"""The benchmark suite: every figure of the throughput issue, side by side, from one run.

    pip install -e '.[bench]' && python bench/run.py [--size MB] [--memory-mb MB] [--quotes N]

Generates its own corpus (bench/corpus.py), prints each figure as it is measured,
and writes them all to bench/RESULTS.md with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import psutil

import tickers
from tickers import Store, schema
from tickers.ingest import Batch
from tickers.reading.files import Document
from tickers.reading.html import html_text
from tickers.reading.warc import warc_documents
from tickers.rows import Options, document_rows, now_utc

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
from warcs import archive, record  # tests/warcs.py, on the path corpus puts there

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, figure: str, target: str = "", met: bool | None = None) -> None:
        verdict = "" if met is None else ("met" if met else "missed")
        self.rows.append((what, figure, target, verdict))
        print(f"{what:58} {figure:>34}  {target} {verdict}", flush=True)


def timed(run) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def bare_scan(texts: list[str]) -> float:
    """Split each document in memory into lines and test each for %, as parsing sees them:
    the floor no parser beats (seconds)."""
    seconds, _ = timed(lambda: sum("%" in line for text in texts for line in text.splitlines()))
    return seconds


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


TARGETS = {  # corpus: (what, the share of the bare scan's rate parsing must reach)
    "market": ("parse, number-dense market prose (1 process)", 0.3),
    "prose": ("parse, general news prose (1 process)", 0.5),
    "mixed": ("parse, mixed corpus (1 process)", 0.015),
}


def parse_speed(report: Report, corpora: dict[str, list[str]]) -> None:
    """Each corpus parsed, beside a bare scan of the same documents in memory in the same run."""
    for label, texts in corpora.items():
        scan = megabytes(texts) / bare_scan(texts)
        seconds, records = timed(lambda texts=texts: sum(len(tickers.parse(t)) for t in texts))
        rate = megabytes(texts) / seconds
        figure = f"{rate:.2f} MB/s = {rate / scan:.4f} of bare scan ({scan:.0f} MB/s), {records / seconds:,.0f} records/s"
        if label in TARGETS:
            what, share = TARGETS[label]
            report.add(what, figure, f"≥ {share} of bare scan", rate >= share * scan)
        else:
            fresh = len(set(texts)) == len(texts)
            report.add(
                f"parse, strips alone, {'fresh' if fresh else 'REPEATED'} documents (1 process)",
                figure,
                "≥ 10,000 records/s",
                records / seconds >= 10000,
            )


def parallel_ingest(report: Report, path: Path, folder: Path) -> None:
    rates = {}
    for jobs in (1, 2):
        store = Store(folder / f"jobs{jobs}.duckdb")
        before = os.times()
        seconds, summary = timed(lambda store=store, jobs=jobs: store.ingest(path, jobs=jobs))
        after = os.times()
        rates[jobs] = summary.documents / seconds
        # The writer's own CPU (all its threads): with workers, what it does besides parsing.
        cpu = after.user - before.user + after.system - before.system
        report.add(
            f"ingest with {jobs} worker{'s' if jobs > 1 else ''}",
            f"{rates[jobs]:.0f} docs/s, {summary.records / seconds:.0f} records/s; {seconds:.1f} s, writer CPU {cpu:.1f} s",
        )
    speedup = rates[2] / rates[1]
    report.add("  speed-up of 2 workers over 1", f"{speedup:.2f}×", "≥ 1.8×", speedup >= 1.8)


def html_and_warc(report: Report, docs: list[dict], folder: Path) -> None:
    """The corpus as HTML pages (paragraphs, a strip as a list), read into text and parsed;
    then the same pages in a gzipped WARC, read record by record."""
    pages = [_page(d["text"]) for d in docs]
    size = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    seconds, records = timed(lambda: sum(len(tickers.parse(html_text(p))) for p in pages))
    report.add("HTML pages to records (1 process)", f"{size / seconds:.2f} MB/s of HTML, {records / seconds:,.0f} records/s")
    path = folder / "pages.warc.gz"
    path.write_bytes(archive([record(d["id"], d["date"], p.encode("utf-8")) for d, p in zip(docs, pages, strict=True)], True))
    seconds, count = timed(lambda: sum(1 for _ in warc_documents(str(path))))
    report.add("WARC read into page texts (1 process)", f"{size / seconds:.2f} MB/s of HTML, {count / seconds:,.0f} pages/s")


def _page(text: str) -> str:
    body = "".join(
        f"<p>{html.escape(line)}</p>" if corpus.is_prose(line) else f"<ul><li>{html.escape(line)}</li></ul>"
        for line in text.splitlines()
    )
    return f"<!DOCTYPE html><html><head><title>News</title></head><body><main>{body}</main></body></html>"


def quantulum_baseline(report: Report, sample: list[str]) -> None:
    """What a user would otherwise glue together: a quantity extractor run on every line."""
    from quantulum3 import parser as quantulum

    theirs, _ = timed(lambda: [quantulum.parse(line) for t in sample for line in t.splitlines()])
    ours, _ = timed(lambda: [tickers.parse(t) for t in sample])
    report.add(
        f"quantulum3 line by line (baseline, {len(sample)} docs)",
        f"{len(sample) / theirs:.1f} docs/s (tickers: {len(sample) / ours:.0f})",
    )


def bulk_against_executemany(report: Report, texts: list[str], folder: Path) -> None:
    now = now_utc()
    base = [document_rows(Document(f"doc{i}", t), Options(), now) for i, t in enumerate(texts[:300])]
    batch = Batch()
    copies = 0
    while len(batch.quotes) < 100_000:
        for rows in base:
            batch.add(rows._replace(quotes=[q | {"snapshot_id": f"{q['snapshot_id']}-{copies}"} for q in rows.quotes]))
        copies += 1
    quotes = batch.quotes
    store = Store(folder / "bulk.duckdb")
    store.ingest("Dow 27,462.11 +114.75 +0.42%")  # creates the schema
    with duckdb.connect(store.path) as con:
        bulk = Batch(quotes=quotes)
        seconds, _ = timed(lambda: bulk.write(con))
        bulk_rate = len(quotes) / seconds
        few = quotes[:2000]
        columns = list(few[0])
        names = ", ".join('"' + c + '"' for c in columns)
        sql = f"INSERT INTO quotes ({names}) VALUES ({', '.join('?' for _ in columns)})"
        seconds, _ = timed(lambda: con.executemany(sql, [[q[c] for c in columns] for q in few]))
        row_rate = len(few) / seconds
    report.add("insert, bulk Arrow path", f"{bulk_rate:,.0f} records/s ({len(quotes):,} rows)")
    report.add("insert, executemany row by row", f"{row_rate:,.0f} records/s ({len(few):,} rows)")
    report.add("  bulk over executemany", f"{bulk_rate / row_rate:,.0f}×", "≥ 100×", bulk_rate / row_rate >= 100)


def query_latency(report: Report, quotes: int, folder: Path) -> None:
    store = Store(folder / "big.duckdb")
    store.ingest("Dow 27,462.11 +114.75 +0.42%", as_of="2000-01-01")  # creates the schema
    names = [(i.name, i.symbol) for i in list(store._registry.indices.values())[:50]]
    snapshots = quotes // 10
    with duckdb.connect(store.path) as con:
        con.execute(
            "CREATE TEMP TABLE names AS SELECT * FROM (VALUES "
            + ", ".join(f"({k}, ?, ?)" for k in range(len(names)))
            + ") t(k, name, symbol)",
            [x for n in names for x in n],
        )
        con.execute(
            f"""INSERT INTO snapshots SELECT printf('%016x', i), TIMESTAMPTZ '2010-01-01' + i * INTERVAL 5 MINUTE, 'field',
                'https://news.example/' || i, md5(i::VARCHAR), '0', now(), 10, 0 FROM range({snapshots}) r(i)"""
        )
        con.execute(
            f"""INSERT INTO quotes SELECT printf('%016x', i // 10), (i % 10 + 1)::INTEGER,
                TIMESTAMPTZ '2010-01-01' + (i // 10) * INTERVAL 5 MINUTE, n.name, n.name, n.symbol,
                (1000 + (i * 7919) % 30000)::DECIMAL(18,4), 1.5, 0.2, 1.0, [], 1, 0, 10, 'x'
                FROM range({quotes}) r(i) JOIN names n ON n.k = (i * 31 + i // 10) % {len(names)}"""
        )
        schema.refresh_newest(con)  # rows written with SQL, as `tickers sql --write` does after its statements
    middle = "2014-06-01"
    for label, run in (
        ("latest", lambda: store.latest()),
        ("latest --as-of", lambda: store.latest(as_of=middle)),
        ("history, one index, all of it", lambda: store.history(names[0][1])),
        ("history, one index, one year", lambda: store.history(names[0][1], since="2014-01-01", until="2014-12-31")),
    ):
        rows = len(run())
        ms = statistics.median(timed(run)[0] * 1000 for _ in range(5))
        report.add(f"{label} on {quotes:,} quotes ({rows:,} rows, median of 5)", f"{ms:.0f} ms", "< 100 ms", ms < 100)


def peak_memory(report: Report, megabytes_: int, folder: Path) -> None:
    path = folder / "memory.jsonl"
    count = corpus.write(path, megabytes_ * 1_000_000, seed=1)
    command = [sys.executable, "-m", "tickers", "ingest", str(path), "--db", str(folder / "memory.duckdb")]
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak_rss = peak_pss = 0
    start = time.perf_counter()
    while process.poll() is None:
        try:
            tree = [p for p in (process, *process.children(recursive=True)) if p.is_running()]
            peak_rss = max(peak_rss, sum(p.memory_info().rss for p in tree))
            # Workers fork from one server and share its pages: RSS counts them in each, PSS once.
            peak_pss = max(peak_pss, sum(p.memory_full_info().pss for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    report.add(
        f"peak memory ingesting {megabytes_:,} MB ({count:,} docs, all processes)",
        f"{peak_pss / 1e6:.0f} MB PSS ({peak_rss / 1e6:.0f} MB RSS) in {seconds:.0f} s",
        "< 500 MB for 1 GB",
        peak_pss < 500e6 if megabytes_ >= 1000 else None,
    )


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB; "
        f"Python {platform.python_version()}, tickers {tickers.__version__}, DuckDB {duckdb.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=100, help="corpus size in MB (default 100)")
    parser.add_argument("--memory-mb", type=int, default=1000, help="corpus size for the peak-memory ingest (default 1000)")
    parser.add_argument("--quotes", type=int, default=10_000_000, help="quotes in the store the queries run on")
    args = parser.parse_args()
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    print(machine())
    report = Report()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "corpus.jsonl"
        docs = list(corpus.documents(int(args.size * 1_000_000)))
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        corpora = corpus.split(docs)
        strip_lines = sum(t.count("\n") for t in corpora["strips"])
        all_lines = sum(t.count("\n") for t in corpora["mixed"])
        report.add(
            "corpus",
            f"{megabytes(corpora['mixed']):.1f} MB, {len(docs):,} docs, {100 * strip_lines / all_lines:.1f}% strip lines",
        )
        corpora["market"] = list(corpus.market_documents(int(args.size * 1_000_000 / 10)))
        report.add("market prose", f"{megabytes(corpora['market']):.1f} MB, {len(corpora['market']):,} docs")
        parse_speed(report, corpora)
        quantulum_baseline(report, corpora["mixed"][:50])
        html_and_warc(report, docs, folder)
        parallel_ingest(report, path, folder)
        bulk_against_executemany(report, corpora["mixed"], folder)
        query_latency(report, args.quotes, folder)
        peak_memory(report, args.memory_mb, folder)
    write_results(report, command)


def write_results(report: Report, command: str) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}, with:",
        "",
        f"    {command}",
        "",
        "| what | figure | target | |",
        "| --- | --- | --- | --- |",
        *(f"| {what.strip()} | {figure} | {target} | {met} |" for what, figure, target, met in report.rows),
        "",
    ]
    notes = (
        RESULTS.read_text(encoding="utf-8").split("## Notes", 1)[1]
        if RESULTS.exists() and "## Notes" in RESULTS.read_text(encoding="utf-8")
        else "\n"
    )
    RESULTS.write_text("\n".join(lines) + "\n## Notes" + notes, encoding="utf-8")


if __name__ == "__main__":
    main()
