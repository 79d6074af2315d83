"""The store's tables and views, and the version that lets later releases migrate them.

Every column is documented in the README ("The store"): SQL users write
against these names. Times are TIMESTAMPTZ in UTC; levels and changes are
DECIMAL(18,4), percentages DECIMAL(9,4).
"""

from __future__ import annotations

import duckdb

VERSION = 1

TABLES = """
CREATE TABLE tickers_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE snapshots (
    snapshot_id VARCHAR NOT NULL,
    observed_at TIMESTAMPTZ NOT NULL,
    observed_from VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    parser_version VARCHAR NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL,
    records INTEGER NOT NULL,
    rejects INTEGER NOT NULL
);
CREATE TABLE quotes (
    snapshot_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    "index" VARCHAR,
    symbol VARCHAR,
    value DECIMAL(18, 4),
    change DECIMAL(18, 4),
    pct_change DECIMAL(9, 4),
    confidence DOUBLE NOT NULL,
    repairs VARCHAR[] NOT NULL,
    line INTEGER NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    raw VARCHAR NOT NULL
);
CREATE TABLE rejects (
    snapshot_id VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    reason VARCHAR NOT NULL,
    line INTEGER NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    raw VARCHAR NOT NULL
);
"""

# A quote's series key: its index where the registry knows it, else its name as written.
SERIES = """
CREATE OR REPLACE VIEW series AS
SELECT s.observed_at, coalesce(q."index", q.name) AS series, q.*, s.source
FROM quotes q JOIN snapshots s USING (snapshot_id)
ORDER BY s.observed_at, q.snapshot_id, q.position
"""


def latest_query(where: str = "TRUE") -> str:
    """The newest quote per series among the rows of ``series`` that pass ``where``;
    ties at one time go to the surest record."""
    return f"""
SELECT * FROM series WHERE {where}
QUALIFY row_number() OVER (
    PARTITION BY series ORDER BY observed_at DESC, confidence DESC, snapshot_id, position) = 1
ORDER BY series
"""


VIEWS = (SERIES, f"CREATE OR REPLACE VIEW latest AS {latest_query()}")


class StoreError(Exception):
    """A store that cannot be used as asked; the message names it and says why."""


class SchemaError(StoreError):
    """A database that is not a tickers store, or one made by a newer release."""


def ensure(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Create the schema in an empty database; check the version of an existing one."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if not tables:
        con.execute("BEGIN")
        con.execute(TABLES)
        for view in VIEWS:
            con.execute(view)
        con.execute("INSERT INTO tickers_meta VALUES ('schema_version', ?)", [str(VERSION)])
        con.execute("COMMIT")
        return
    check(con, path, tables)


def check(con: duckdb.DuckDBPyConnection, path: str, tables: set[str] | None = None) -> None:
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
