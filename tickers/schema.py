"""The store's tables and views, and the version that lets later releases migrate them.

Every column is documented in the README ("The store"): SQL users write
against these names. Times are TIMESTAMPTZ in UTC; levels and changes are
DECIMAL(18,4), percentages DECIMAL(9,4).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

VERSION = 4  # 2: series_newest; 3: a snapshot id is unique in its table; 4: snapshots keep their text and reader
TIME = pa.timestamp("us", tz="UTC")
LEVEL = pa.decimal128(18, 4)


def _table(*columns: tuple[str, pa.DataType, bool]) -> pa.Schema:
    return pa.schema([pa.field(name, kind, nullable=nullable) for name, kind, nullable in columns])


# The tables, once: their rows reach DuckDB as Arrow tables of these schemas, and the
# CREATE TABLE statements are made from them. (name, type, may be NULL)
SNAPSHOTS = _table(
    ("snapshot_id", pa.string(), False),
    ("observed_at", TIME, False),
    ("observed_from", pa.string(), False),
    ("source", pa.string(), False),
    ("content_hash", pa.string(), False),
    ("parser_version", pa.string(), False),
    ("ingested_at", TIME, False),
    ("records", pa.int32(), False),
    ("rejects", pa.int32(), False),
    ("text", pa.string(), True),  # the document as parsed, to read it again (NULL: not kept)
    ("reader", pa.string(), True),  # what read it: tickers' version and its layouts and registry
)
QUOTES = _table(
    ("snapshot_id", pa.string(), False),
    ("position", pa.int32(), False),
    ("observed_at", TIME, False),  # the snapshot's, kept beside each quote: time queries need no join
    ("name", pa.string(), False),
    ("index", pa.string(), True),
    ("symbol", pa.string(), True),
    ("value", LEVEL, True),
    ("change", LEVEL, True),
    ("pct_change", pa.decimal128(9, 4), True),
    ("confidence", pa.float64(), False),
    ("repairs", pa.list_(pa.string()), False),
    ("line", pa.int32(), False),
    ("span_start", pa.int64(), False),
    ("span_end", pa.int64(), False),
    ("raw", pa.string(), False),
)
REJECTS = _table(
    ("snapshot_id", pa.string(), False),
    ("position", pa.int32(), False),
    ("reason", pa.string(), False),
    ("line", pa.int32(), False),
    ("span_start", pa.int64(), False),
    ("span_end", pa.int64(), False),
    ("raw", pa.string(), False),
)
STORED = {"snapshots": SNAPSHOTS, "quotes": QUOTES, "rejects": REJECTS}


def _flat() -> pa.Schema:
    fields = [*SNAPSHOTS, pa.field("kind", pa.string(), nullable=False)]
    for f in (*QUOTES, *REJECTS):
        if f.name not in {g.name for g in fields}:
            fields.append(f.with_nullable(True))
    return pa.schema(fields)


# One schema for what parsing makes of a document, in one table: its snapshot's columns on
# every row, then one row per quote (kind "quote") or reject ("reject"), or a single row of
# kind "none" for a document with neither. `tickers extract` and the Spark adapter write it;
# `tickers ingest` reads it back into the three tables.
EXTRACTED = _flat()


_SQL_TYPES = {pa.string(): "VARCHAR", TIME: "TIMESTAMPTZ", pa.int32(): "INTEGER", pa.int64(): "BIGINT", pa.float64(): "DOUBLE"}


def _sql_type(kind: pa.DataType) -> str:
    if pa.types.is_decimal(kind):
        return f"DECIMAL({kind.precision}, {kind.scale})"
    if pa.types.is_list(kind):
        return _sql_type(kind.value_type) + "[]"
    return _SQL_TYPES[kind]


def create_table(name: str, schema: pa.Schema) -> str:
    """``CREATE TABLE`` for an Arrow schema.

    >>> print(create_table("t", _table(("index", pa.string(), True), ("value", LEVEL, False))))
    CREATE TABLE t ("index" VARCHAR, "value" DECIMAL(18, 4) NOT NULL);
    """
    columns = ", ".join(f'"{f.name}" {_sql_type(f.type)}' + ("" if f.nullable else " NOT NULL") for f in schema)
    return f"CREATE TABLE {name} ({columns});"


# A quote's series: its index where the registry knows it, else its name as written.
SERIES_KEY = 'coalesce("index", name)'

# Each series' newest time, kept up at every write: `latest` reads it instead of taking
# the newest time of every series over every quote (a pass that grows with the store).
NEWEST = "CREATE TABLE series_newest (series VARCHAR PRIMARY KEY, observed_at TIMESTAMPTZ NOT NULL);"
_NEWEST_OF = f"SELECT {SERIES_KEY} AS series, max(observed_at) AS observed_at FROM {{}} GROUP BY ALL"

# No race can store a snapshot twice: its id is unique in the table itself.
UNIQUE_SNAPSHOTS = "CREATE UNIQUE INDEX IF NOT EXISTS snapshots_id ON snapshots (snapshot_id);"
TABLES = "\n".join(
    ["CREATE TABLE tickers_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);"]
    + [create_table(name, schema) for name, schema in STORED.items()]
    + [NEWEST, UNIQUE_SNAPSHOTS]
)


def note_newest(con: duckdb.DuckDBPyConnection, quotes: str) -> None:
    """Move each series' newest time on for new quotes (a table or view of ``quotes``' columns)."""
    con.execute(
        f"INSERT INTO series_newest {_NEWEST_OF.format(quotes)} "
        "ON CONFLICT (series) DO UPDATE SET observed_at = greatest(observed_at, excluded.observed_at)"
    )


def refresh_newest(con: duckdb.DuckDBPyConnection) -> None:
    """Each series' newest time from every quote, after changes made with SQL."""
    con.execute("DELETE FROM series_newest")
    con.execute(f"INSERT INTO series_newest {_NEWEST_OF.format('quotes')}")


def keeps_newest(con: duckdb.DuckDBPyConnection) -> bool:
    """Has this store the table of newest times (a store of schema 1 gets it from its next writer)?"""
    return bool(con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'series_newest'").fetchall())


SERIES = f"""
CREATE OR REPLACE VIEW series AS
SELECT q.observed_at, {SERIES_KEY} AS series, q.* EXCLUDE (observed_at), s.source
FROM quotes q JOIN snapshots s USING (snapshot_id)
ORDER BY q.observed_at, q.snapshot_id, q.position
"""


def latest_query(where: str = "TRUE", kept: bool = False) -> str:
    """The newest quote per series among the quotes that pass ``where`` (on the columns of
    ``quotes``), with a ``series`` column; ties at one time go to the surest record.
    The newest time per series (from ``series_newest`` if ``kept``: only right where
    ``where`` keeps or drops whole series) picks the few rows the rest joins (a join of
    all quotes with those times would hash millions of rows)."""
    newest = "SELECT series, observed_at FROM series_newest" if kept else _NEWEST_OF.format(f"quotes WHERE {where}")
    return f"""
WITH newest AS MATERIALIZED ({newest}),
chosen AS MATERIALIZED (SELECT * FROM quotes WHERE {where} AND observed_at IN (SELECT observed_at FROM newest))
SELECT c.observed_at, n.series, c.* EXCLUDE (observed_at)
FROM chosen c JOIN newest n ON coalesce(c."index", c.name) = n.series AND c.observed_at = n.observed_at
QUALIFY row_number() OVER (PARTITION BY n.series ORDER BY c.confidence DESC, c.snapshot_id, c.position) = 1
ORDER BY n.series
"""


LATEST = f"""
CREATE OR REPLACE VIEW latest AS
SELECT newest.*, s.source FROM ({latest_query(kept=True)}) newest JOIN snapshots s USING (snapshot_id) ORDER BY newest.series
"""
VIEWS = (SERIES, LATEST)


class StoreError(Exception):
    """A store that cannot be used as asked; the message names it and says why."""


class SchemaError(StoreError):
    """A database that is not a tickers store, or one made by a newer release."""


def ensure(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Create the schema in an empty database; check the version of an existing one, and
    bring an older one up to this release's."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    con.execute("BEGIN")
    if not tables:
        con.execute(TABLES)
        con.execute("INSERT INTO tickers_meta VALUES ('schema_version', ?)", [str(VERSION)])
    elif (version := check(con, path, tables)) < VERSION:
        if version < 2:
            con.execute(NEWEST)
            refresh_newest(con)
        if version < 3:
            _drop_twins(con)  # two writers through two paths could store a snapshot twice before
            con.execute(UNIQUE_SNAPSHOTS)
        if version < 4:
            con.execute("ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS text VARCHAR")
            con.execute("ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS reader VARCHAR")
        con.execute("UPDATE tickers_meta SET value = ? WHERE key = 'schema_version'", [str(VERSION)])
    else:
        con.execute("COMMIT")
        return
    for view in VIEWS:
        con.execute(view)
    con.execute("COMMIT")


def _drop_twins(con: duckdb.DuckDBPyConnection) -> None:
    """Keep one copy of each snapshot, and of each of its quotes and rejects, where one was stored twice."""
    twins = con.execute("SELECT count(*) - count(DISTINCT snapshot_id) FROM snapshots").fetchone()[0]
    if not twins:
        return
    for table, key in (("snapshots", "snapshot_id"), ("quotes", "snapshot_id, position"), ("rejects", "snapshot_id, position")):
        con.execute(f"CREATE TEMP TABLE kept AS SELECT DISTINCT ON ({key}) * FROM {table}")
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} SELECT * FROM kept")
        con.execute("DROP TABLE kept")
    con.execute("COMMIT")  # the index below sees the deleted copies until they are gone
    con.execute("BEGIN")


def check(con: duckdb.DuckDBPyConnection, path: str, tables: set[str] | None = None) -> int:
    """The schema version of a tickers store this release can read; else a SchemaError."""
    if tables is None:
        tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not tables:
        raise SchemaError(f"{path}: an empty database; fill it with `tickers ingest`")
    if "tickers_meta" not in tables:
        raise SchemaError(f"{path}: not a tickers store (it has other tables: {', '.join(sorted(tables)[:5])})")
    found = con.execute("SELECT value FROM tickers_meta WHERE key = 'schema_version'").fetchall()
    version = int(found[0][0]) if found else 0
    if version > VERSION:
        raise SchemaError(f"{path}: made by a newer tickers (schema {version}; this release reads up to {VERSION})")
    return version
