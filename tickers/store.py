"""The snapshot store: every parse kept in an embedded DuckDB file, queried with SQL or pandas.

One writer at a time holds ``<db>.writer`` (its process id inside). It keeps
the database open across batches for a second at most (opening DuckDB costs
tens of milliseconds), then lets it go for long enough that readers waiting
for the file get in. Readers open it read-only.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import portalocker

from tickers import schema
from tickers.ingest import Batch
from tickers.layouts import load_layouts
from tickers.reading import Fields, Item, documents
from tickers.reading.corpora import sql_string
from tickers.reading.files import Document, to_utc
from tickers.registry import load_registry
from tickers.rows import Options, Reread, Rows, Summary, batches, document_rows, mode_of, now_utc, reader
from tickers.schema import StoreError
from tickers.shards import read_extracted
from tickers.workers import Parsers, parse_ahead

if TYPE_CHECKING:  # pandas loads with the first frame a query returns
    import pandas as pd

DEFAULT_PATH = "tickers.duckdb"
Time = str | datetime | None  # ISO 8601 text or a datetime; UTC unless it says otherwise
WRITER_PATIENCE = 120.0  # seconds a writer that holds the lock waits for readers to let go of the file
HOLD = 1.0  # seconds a writer keeps the database open across batches
GAP = 0.05  # seconds it then leaves the database free, several tries of a waiting reader
RETRY = 0.01  # seconds between tries to open a database another process holds
LATEST_COLUMNS = "index, symbol, name, value, change, pct_change, observed_at, snapshot_id, confidence"
HISTORY_COLUMNS = "observed_at, value, change, pct_change, snapshot_id, confidence, name, repairs"
QUOTE_COLUMNS = "position, name, index, symbol, value, change, pct_change, confidence, repairs, line, raw"
REJECT_COLUMNS = "position, reason, line, raw"
# Statements that change a database: refused on a read-only query before DuckDB would refuse them.
WRITES = {"INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "VACUUM", "CREATE_FUNC", "MERGE_INTO", "COPY_DATABASE"}
WRITES_FILES = {"COPY", "EXPORT"}  # COPY and EXPORT DATABASE: refused even where --read allows a folder


class StoreBusy(StoreError):
    """Another process holds the store."""


class Store:
    """A snapshot store in a DuckDB file: ``path``, else ``$TICKERS_DB``, else ``tickers.duckdb``.

    >>> import tempfile, os
    >>> with Store(os.path.join(tempfile.mkdtemp(), "t.duckdb")) as store:
    ...     print(store.ingest("Dow 27,462.11 +114.75 +0.42%", as_of="2019-11-01"))
    ...     store.latest()[["index", "value"]].values.tolist()
    1 documents: 1 snapshots, 1 records, 0 rejects, 0 skipped as seen before
    [['Dow Jones Industrial Average', 27462.11]]
    """

    def __init__(self, path: str | os.PathLike | None = None, *, grammar=(), registry=(), wait: float = 5.0):
        self.path = os.path.expanduser(os.fspath(path or os.environ.get("TICKERS_DB") or DEFAULT_PATH))
        self.grammar = tuple(os.fspath(g) for g in grammar)
        self.registry = tuple(os.fspath(r) for r in registry)
        self.wait = wait
        self._ready = False  # the schema has been made or checked by a writer
        self._registry = load_registry(self.registry)
        load_layouts(self.grammar)  # a bad layout file fails here, not mid-ingest

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        """Nothing stays open between calls, so there is nothing to close."""

    # Writing

    def ingest(
        self,
        inputs: Item | Iterable[Item],
        *,
        as_of: Time = None,
        source: str | None = None,
        fields: Fields | None = None,
        batch_size: int = 2000,
        jobs: int = 1,
        on_document: Callable[[Document], None] | None = None,
        prose: bool = False,
        keep_text: bool = True,
    ) -> Summary:
        """Parse each document (text, file, folder, glob or corpus) into a snapshot; skip those stored already.

        ``as_of`` times documents that carry no time of their own; ``source`` names plain
        texts; ``fields`` names a corpus's text, time and id columns. Each batch of
        ``batch_size`` documents is one transaction; ``jobs`` worker processes parse
        while this one writes. ``on_document`` is called with each document read (a
        progress bar's hook). ``prose``: read the facts of report sentences too (see
        :func:`tickers.parse`); such a snapshot is another than the default mode's of the same text.
        ``keep_text``: store each document's text, so that :meth:`reparse` can read it again.
        A document stored already by another reader (an older tickers, other layouts or
        registry) is read again and its rows replaced; by this one, it is skipped.
        """
        options = Options.of(as_of, self.grammar, self.registry, prose, keep_text)
        current = reader(options.grammar, options.registry)
        summary = Summary()
        with self._writing(), _Held(self) as held, Parsers(jobs, let_go=held.close) as parsers:
            unwritten: set[str] = set()  # ids being parsed: a document seen again is not parsed twice
            again: set[str] = set()  # ids stored by another reader: read again, their rows replaced

            def fresh() -> Iterator[dict[str, Document | Rows]]:
                for pending in batches(
                    documents(inputs, source=source, fields=fields or Fields(), shards=read_extracted),
                    batch_size,
                    summary,
                    on_document,
                    prose,
                ):
                    with held.connection() as con:
                        stored = dict(con.execute(_STORED, [list(pending)]).fetchall())
                    stale = {
                        sid for sid, doc in pending.items() if isinstance(doc, Document) and stored.get(sid, current) != current
                    }
                    new = {
                        sid: doc for sid, doc in pending.items() if (sid not in stored or sid in stale) and sid not in unwritten
                    }
                    summary.skipped += len(pending) - len(new)
                    unwritten.update(new)
                    again.update(stale)
                    yield new

            for ids, rows in parse_ahead(fresh(), parsers, options):
                self._write(held, rows, summary, again)
                unwritten.difference_update(ids)
        return summary

    def reparse(
        self, where: str | None = None, everything: bool = False, before: str | None = None, batch_size: int = 500
    ) -> Reread:
        """Read the stored documents again with this store's parser, layouts and registry, and
        replace their quotes and rejects, a batch per transaction: those read by another reader
        (every one with ``everything``), among the snapshots ``where`` (SQL on their columns)
        selects (``store.reparse(where="source LIKE '%/2019/%'")``); with ``before``, those a
        tickers older than that version read instead. Snapshots stored without their text
        (``keep_text=False``) cannot be read again.
        """
        options = Options.of(None, self.grammar, self.registry)
        current = reader(options.grammar, options.registry)
        outcome = Reread()
        with self._writing(), _Held(self) as held:
            with held.connection() as con:
                among = f"({where or 'TRUE'})"
                other = "TRUE" if everything else "reader IS DISTINCT FROM $reader"
                query = f"SELECT snapshot_id FROM snapshots WHERE text IS NOT NULL AND {other} AND {among} ORDER BY 1"
                if before is not None:
                    query = f"SELECT snapshot_id, parser_version FROM snapshots WHERE text IS NOT NULL AND {among} ORDER BY 1"
                    rows = con.execute(query).fetchall()
                    ids = [sid for sid, version in rows if _version(version) < _version(before)]
                else:
                    ids = [row[0] for row in con.execute(query, {} if everything else {"reader": current}).fetchall()]
                textless = f"SELECT count(*) FROM snapshots WHERE text IS NULL AND {among}"
                outcome.without_text = con.execute(textless).fetchone()[0]
            for start in range(0, len(ids), batch_size):
                chunk = ids[start : start + batch_size]
                with held.connection() as con:
                    stored = con.execute(_READ_AGAIN, [chunk]).fetchall()
                    stored_records = Counter(tuple(r) for r in con.execute(_RECORDS, [chunk]).fetchall())
                now = now_utc()
                parsed = []
                held.close()  # the store is not held while this process parses
                for sid, source, digest, text, observed_at, observed_from in stored:
                    prose = bool(mode_of(sid, source, digest))
                    doc = Document(source, text, None, observed_at, observed_from)
                    parsed.append(document_rows(doc, replace(options, prose=prose, as_of=None), now))
                self._write(held, parsed, Summary(), set(chunk))
                with held.connection() as con:
                    after = Counter(tuple(r) for r in con.execute(_RECORDS, [chunk]).fetchall())
                outcome.add(len(parsed), stored_records, after)
        return outcome

    def _write(self, held: _Held, parsed: list[Rows], summary: Summary, again: set[str] = frozenset()) -> None:
        """One batch in one transaction, after history's second opinion; the snapshots in
        ``again`` are stored already and have their rows replaced."""
        batch = Batch()
        for rows in parsed:
            batch.add(rows)
        batch.replaced = {r.snapshot["snapshot_id"] for r in parsed} & set(again)
        if batch.snapshots:
            with held.connection() as con:
                con.execute("BEGIN")
                batch.check_history(con, self._registry)
                batch.write(con)
                con.execute("COMMIT")
        summary.count(parsed)

    # Reading

    def latest(self, as_of: Time = None, indices: Iterable[str] = (), min_confidence: float = 0.0) -> pd.DataFrame:
        """The newest quote of each index (or unknown name) at ``as_of`` (default: now)."""
        where, params = ["TRUE"], {}
        if min_confidence > 0:
            where.append("confidence >= $floor")
            params["floor"] = min_confidence
        if as_of is not None:
            where.append("observed_at <= $as_of")
            params["as_of"] = to_utc(as_of)
        if indices := list(indices):
            where.append(self._series_filter(indices, params))
        with self._connect() as con:
            # Each series' newest time is kept in the store: of use unless a time or a floor moves it.
            kept = as_of is None and min_confidence <= 0 and schema.keeps_newest(con)
            query = f"SELECT {LATEST_COLUMNS} FROM ({schema.latest_query(' AND '.join(where), kept)})"
            return con.execute(query, params or None).df()

    def history(self, index: str, since: Time = None, until: Time = None, min_confidence: float = 0.0) -> pd.DataFrame:
        """Every observation of one index (canonical name, alias or symbol; else a name as written), oldest first."""
        params = {"floor": min_confidence}
        where = [self._series_filter([index], params), "confidence >= $floor"]
        for bound, op, value in (("since", ">=", since), ("until", "<=", until)):
            if value is not None:
                where.append(f"observed_at {op} ${bound}")
                params[bound] = to_utc(value)
        query = f"SELECT {HISTORY_COLUMNS} FROM quotes WHERE {' AND '.join(where)} ORDER BY observed_at, snapshot_id, position"
        return self._frame(query, params)

    def snapshots(self) -> pd.DataFrame:
        """One row per ingested document, oldest observation first."""
        return self._frame("SELECT * EXCLUDE (text) FROM snapshots ORDER BY observed_at, source, snapshot_id")

    def snapshot(self, snapshot_id: str) -> pd.Series:
        """One snapshot's row; ``snapshot_id`` may be a unique prefix of its id."""
        query = "SELECT * EXCLUDE (text) FROM snapshots WHERE starts_with(snapshot_id, $id) LIMIT 2"
        found = self._frame(query, {"id": snapshot_id})
        if len(found) != 1:
            problem = "no snapshot" if found.empty else "more than one snapshot"
            raise StoreError(f"{self.path}: {problem} with id {snapshot_id!r}")
        return found.iloc[0]

    def show(self, snapshot_id: str, rejects: bool = False) -> pd.DataFrame:
        """The quotes (or rejects) of one snapshot, in document order."""
        sid = self.snapshot(snapshot_id)["snapshot_id"]
        table, columns = ("rejects", REJECT_COLUMNS) if rejects else ("quotes", QUOTE_COLUMNS)
        return self._frame(f"SELECT {columns} FROM {table} WHERE snapshot_id = $id ORDER BY position", {"id": sid})

    def sql(
        self, query: str, params: Mapping | None = None, write: bool = False, read: Iterable[str | os.PathLike] = ()
    ) -> pd.DataFrame:
        """Run SQL (several statements: the last one's rows) with ``$name`` parameters.

        Read-only unless ``write``: statements that would change the store are refused, and so is
        anything that would read, write or list a file outside it, load an extension or change a setting;
        ``read`` names the files and folders a query may read all the same (``read_csv('mine.csv')``).
        With ``write``, the statements and the rebuild after them are one transaction: all or nothing.
        After writing statements, each series' newest time (``series_newest``) is rebuilt.
        """
        try:
            statements = duckdb.extract_statements(query)
        except duckdb.Error as exc:
            raise StoreError(f"SQL: {_first_line(exc)}") from None
        if not statements:
            raise StoreError("SQL: no statement given")
        changes = [s.type.name for s in statements if s.type.name in WRITES]
        if write and any(s.type.name == "TRANSACTION" for s in statements):
            raise StoreError("SQL: BEGIN, COMMIT and ROLLBACK are ours: --write runs all the statements in one transaction")
        if changes and not write:
            raise StoreError(f"refused: {changes[0]} changes the store; give --write (write=True) to allow it")
        if not write and (files := [s.type.name for s in statements if s.type.name in WRITES_FILES]):
            raise StoreError(f"refused: {files[0]} moves data between the store and files; give --write (write=True) to allow it")
        readable = _readable(read)
        params = dict(params or {})
        unused = set(params) - {name for s in statements for name in s.named_parameters}
        if unused:
            raise StoreError(f"SQL: parameter {sorted(unused)[0]!r} is not used by the query (write it as ${sorted(unused)[0]})")
        with self._writing() if write else nullcontext(), self._connect(write=write) as con:
            try:
                if not write:
                    # Read-only means no side effect anywhere: no file outside the store read, written or
                    # listed (COPY TO, EXPORT, read_text, glob), no extension installed, no setting changed.
                    for setting, paths in readable.items():
                        con.execute(f"SET {setting} = $paths", {"paths": paths})
                    con.execute("SET enable_external_access = false")
                    con.execute("SET lock_configuration = true")
                if write:
                    con.execute("BEGIN")  # all or nothing: the statements and the rebuild after them
                for s in statements:
                    con.execute(s.query, {k: v for k, v in params.items() if k in s.named_parameters} or None)
                rows = con.df() if con.description else _empty_frame()
                if write:
                    if schema.keeps_newest(con):
                        schema.refresh_newest(con)  # the statements may have changed quotes
                    con.execute("COMMIT")
                return rows
            except duckdb.Error as exc:
                if write:
                    _rollback(con)
                message = _first_line(exc)
                if not write and ("disabled" in message or "Cannot change configuration" in message):
                    raise StoreError(
                        "refused: read-only SQL touches no file outside the store and no setting, "
                        f"but those --read names ({message})"
                    ) from None
                if "read-only" in message:
                    raise StoreError(f"refused: the query writes; give --write (write=True) to allow it ({message})") from None
                raise StoreError(f"SQL: {message}") from None

    def export(self, folder: str | os.PathLike, fmt: str = "parquet", partition_by: str | None = None) -> list[Path]:
        """Write the three tables to ``folder`` as Parquet or CSV files, in folders per year if asked."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with self._connect() as con:
            for table in ("snapshots", "quotes", "rejects"):
                query, options = f"SELECT * FROM {table}", f"FORMAT {fmt}"
                if partition_by:  # by the year each row was observed, which its snapshot says
                    query = f"SELECT t.*, year(s.observed_at) AS year FROM {table} t JOIN snapshots s USING (snapshot_id)"
                    options += ", PARTITION_BY (year), OVERWRITE"
                target = out / (table if partition_by else f"{table}.{fmt}")
                con.execute(f"COPY ({query} ORDER BY ALL) TO {sql_string(str(target))} ({options})")
                written.append(target)
        return written

    # Connections

    def _series_filter(self, names: list[str], params: dict) -> str:
        """SQL (on the columns of ``quotes``) for the series that users' names for indices mean:
        the registry's index for a name, alias or symbol it knows; else the name as written."""
        known = [self._registry.exact(name) for name in names]
        params["indices"] = [index.name for index in known if index]
        params["names"] = [name.lower() for name, index in zip(names, known, strict=True) if not index]
        return '("index" IN (SELECT unnest($indices)) OR ("index" IS NULL AND lower(name) IN (SELECT unnest($names))))'

    def _frame(self, query: str, params: Mapping | None = None) -> pd.DataFrame:
        with self._connect() as con:
            return con.execute(query, params or None).df()

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if not write and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no store here yet; fill one with `tickers ingest`")
        con = self._open(write)
        try:
            with _errors(self.path):
                yield con
        finally:
            con.close()

    def _open(self, write: bool) -> duckdb.DuckDBPyConnection:
        """A connection in UTC, on a store whose schema has been made or checked."""
        deadline = time.monotonic() + (max(self.wait, WRITER_PATIENCE) if write else self.wait)
        while True:
            try:
                con = duckdb.connect(self.path, read_only=not write)
                break
            except duckdb.IOException as exc:
                message = _first_line(exc)
                if "lock" not in message.lower():
                    raise StoreError(f"{self.path}: cannot open ({message})") from None
                if time.monotonic() >= deadline:
                    holder = message.split("held in ", 1)[-1].split(". See also", 1)[0]
                    raise StoreBusy(f"{self.path}: in use by {holder}; try again when it has finished") from None
                time.sleep(RETRY)
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: cannot open ({_first_line(exc)})") from None
        try:
            with _errors(self.path):
                con.execute("SET TimeZone = 'UTC'")
                if not self._ready:  # once per Store: opening costs enough without it
                    (schema.ensure if write else schema.check)(con, self.path)
                    self._ready = write
        except BaseException:
            con.close()
            raise
        return con

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the writer lock: wait ``wait`` seconds for another writer, then give up naming it."""
        folder = Path(self.path).parent
        if not folder.is_dir():
            raise StoreError(f"{self.path}: cannot create the store, folder {folder} does not exist")
        # Keyed by the file itself, not the path given: a symlink or a relative path reaches the same lock.
        lock = portalocker.PidFileLock(f"{os.path.realpath(self.path)}.writer", timeout=self.wait, fail_when_locked=False)
        try:
            lock.acquire()
        except portalocker.AlreadyLocked:
            holder = lock.read_pid()
            raise StoreBusy(
                f"{self.path}: being written by process {holder or '(unknown)'}; waited {self.wait:g} s, "
                "try again when it has finished"
            ) from None
        try:
            yield
        finally:
            lock.release()


def _version(text: str) -> tuple[int, ...]:
    """A release's number as numbers: "0.10.0" comes after "0.9.2"."""
    return tuple(int(part) for part in re.findall(r"\d+", text.split("+")[0]))


_STORED = "SELECT snapshot_id, reader FROM snapshots WHERE snapshot_id IN (SELECT unnest(?))"
_READ_AGAIN = (
    "SELECT snapshot_id, source, content_hash, text, observed_at, observed_from FROM snapshots"
    " WHERE snapshot_id IN (SELECT unnest(?))"
)
# A record as a reader of the store tells it from another: whose, and its numbers.
_RECORDS = 'SELECT snapshot_id, name, "index", value, change, pct_change FROM quotes WHERE snapshot_id IN (SELECT unnest(?))'


def _empty_frame() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame()


@contextmanager
def _errors(path: str) -> Iterator[None]:
    """DuckDB's errors (a full disk, a damaged file) as a StoreError naming the store."""
    try:
        yield
    except duckdb.Error as exc:
        raise StoreError(f"{path}: {_first_line(exc)}") from None


class _Held:
    """A writer's connection, kept across batches for ``HOLD`` seconds, then closed and left
    closed for ``GAP`` seconds so that a reader waiting for the file gets in. An error
    closes it, which rolls back the batch being written."""

    def __init__(self, store: Store):
        self.store = store
        self.con: duckdb.DuckDBPyConnection | None = None
        self.opened = 0.0
        self.closed = -GAP

    def __enter__(self) -> _Held:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.con is None:
            time.sleep(max(0.0, self.closed + GAP - time.monotonic()))
            self.con = self.store._open(write=True)
            self.opened = time.monotonic()
        try:
            with _errors(self.store.path):
                yield self.con
        except BaseException:
            self.close()
            raise
        if time.monotonic() - self.opened >= HOLD:
            self.close()

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
            self.closed = time.monotonic()


def _readable(paths: Iterable[str | os.PathLike]) -> dict[str, list[str]]:
    """DuckDB's settings for the files and folders read-only SQL may read: each must exist."""
    files: list[str] = []
    folders: list[str] = []
    for given in paths:
        path = Path(given).expanduser().resolve()
        if not path.exists():
            raise StoreError(f"--read {given}: no such file or folder")
        if path.is_dir():
            folders.append(f"{path}/")  # a folder's own prefix: /data/ does not allow /database
        else:
            files.append(str(path))
    return {k: v for k, v in (("allowed_paths", files), ("allowed_directories", folders)) if v}


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):  # no transaction left to undo
        con.execute("ROLLBACK")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
