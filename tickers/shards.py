"""Files of rows extracted already (``tickers extract``, the Spark adapter), read back as each
document's rows for the store."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow.parquet as pq

from tickers.ingest import unflatten
from tickers.reading.corpora import duckdb_for, quote_name, sql_string
from tickers.rows import Rows
from tickers.schema import EXTRACTED

ROWS_PER_FETCH = 2048


def read_extracted(path: str) -> Iterator[Rows]:
    """The documents' rows in a file of extracted rows, each document's rows together."""
    with duckdb_for(path) as con:
        present = set(pq.read_schema(path).names)
        # Shards of an older release lack the newer columns (a snapshot's text and reader): NULL.
        columns = ", ".join(quote_name(c) if c in present else f"NULL AS {quote_name(c)}" for c in EXTRACTED.names)
        query = con.sql(f"SELECT {columns} FROM read_parquet({sql_string(path)}) ORDER BY snapshot_id, kind, position")
        yield from unflatten(r for batch in query.to_arrow_reader(ROWS_PER_FETCH) for r in batch.to_pylist())
