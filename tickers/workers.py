"""Parsing documents in worker processes while one writer owns the store.

Workers import the grammar and the registry themselves (they are loaded once
per process and cached); they are sent documents and options, never a grammar,
and send back plain rows.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime

from tickers.reading.files import Document
from tickers.rows import Options, Rows, document_rows, now_utc

WORTH_A_POOL = 1_000_000  # characters read before workers start: on less, starting them costs more than it saves
WATCH_EVERY = 0.5  # seconds between a worker's looks at its writer
CHUNKS_PER_WORKER = 4  # small enough chunks that a slow document does not leave the others idle


def rows_of(docs: list[Document], options: Options, now: datetime) -> list[Rows]:
    return [document_rows(doc, options, now) for doc in docs]


class Parsers:
    """``jobs`` worker processes, started once the documents read are worth them.

    Like any use of processes in Python, a script that starts them needs its work
    under ``if __name__ == "__main__":`` (the workers import the main module).

    >>> from datetime import UTC, datetime
    >>> with Parsers(2) as parsers:
    ...     rows = parsers.submit([Document("wire", "Dow 27,462.11 +114.75 +0.42%")], Options(), datetime.now(UTC))()
    >>> rows[0].quotes["index"].to_pylist()
    ['Dow Jones Industrial Average']
    """

    def __init__(self, jobs: int, let_go: Callable[[], None] = lambda: None):
        self.jobs = jobs
        self.let_go = let_go  # called before this process parses: a writer lets its store go, and readers in
        self._pool: ProcessPoolExecutor | None = None
        self._read = 0  # characters of the documents submitted so far

    def __enter__(self) -> Parsers:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def submit(self, items: list[Document | Rows], options: Options, now: datetime) -> Callable[[], list[Rows]]:
        """Start parsing the documents among ``items`` (the others are parsed already); the
        returned function waits for every item's rows, in order."""
        parsed = self._parse([d for d in items if isinstance(d, Document)], options, now)

        def rows() -> list[Rows]:
            done = iter(parsed())
            return [next(done) if isinstance(item, Document) else item for item in items]

        return rows

    def _parse(self, docs: list[Document], options: Options, now: datetime) -> Callable[[], list[Rows]]:
        self._read += sum(len(d.text) for d in docs)
        if self.jobs <= 1 or not docs or (self._pool is None and self._read < WORTH_A_POOL):
            if docs:
                self.let_go()
            parsed = rows_of(docs, options, now)
            return lambda: parsed
        if self._pool is None:
            # Not fork: the writer's DuckDB may have threads running, and a forked copy of them is unsafe.
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_watch, initargs=(os.getpid(),))
        size = -(-len(docs) // (self.jobs * CHUNKS_PER_WORKER))
        futures = [self._pool.submit(rows_of, docs[i : i + size], options, now) for i in range(0, len(docs), size)]

        def waited() -> list[Rows]:
            if not all(future.done() for future in futures):
                self.let_go()  # nor while it waits for its workers
            return [rows for future in futures for rows in future.result()]

        return waited


def _watch(writer: int) -> None:
    """In a worker: end with the writer, however it ends (kill -9 leaves no one to shut the
    pool down, and workers holding the writer's stdout would keep ``| tee`` waiting)."""

    def watch() -> None:
        while _alive(writer):
            time.sleep(WATCH_EVERY)
        os._exit(0)

    threading.Thread(target=watch, name="tickers-writer-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed writer its parent has not reaped yet is a zombie: gone all the same
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True  # no /proc here: alive as far as we can tell


def parse_ahead(batches: Iterable[dict], parsers: Parsers, options: Options) -> Iterator[tuple[list[str], list[Rows]]]:
    """``(ids, rows)`` of each batch of ``{snapshot id: document}``, in order; the next batch
    is being parsed while the caller handles one (and is taken from ``batches`` before)."""
    parsing: deque[tuple[list[str], Callable[[], list[Rows]]]] = deque()
    for batch in batches:
        parsing.append((list(batch), parsers.submit(list(batch.values()), options, now_utc())))
        if len(parsing) > 1:
            ids, rows = parsing.popleft()
            yield ids, rows()
    while parsing:
        ids, rows = parsing.popleft()
        yield ids, rows()
