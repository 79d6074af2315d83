"""Writing documents' rows to the store: a batch per transaction, as Arrow tables,
after history's second opinion; and reading extracted rows back into documents' rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tickers.history import references, second_opinion
from tickers.registry import Registry
from tickers.rows import Rows
from tickers.schema import QUOTES, REJECTS, SNAPSHOTS, note_newest, refresh_newest
from tickers.scoring import rescaled


def unflatten(records: Iterable[dict]) -> Iterator[Rows]:
    """Rows of ``schema.EXTRACTED`` back into each document's rows; a document's rows come together."""
    for _, group in itertools.groupby(records, key=lambda r: r["snapshot_id"]):
        group = list(group)
        yield Rows(
            {k: group[0][k] for k in SNAPSHOTS.names},
            pa.Table.from_pylist([r for r in group if r["kind"] == "quote"], QUOTES),
            pa.Table.from_pylist([r for r in group if r["kind"] == "reject"], REJECTS),
        )


@dataclass
class Batch:
    """Rows of one transaction, gathered document by document."""

    snapshots: list[dict] = field(default_factory=list)
    quotes: list[pa.Table] = field(default_factory=list)
    rejects: list[pa.Table] = field(default_factory=list)
    replaced: set[str] = field(default_factory=set)  # ids stored already, read again: their rows give way

    def add(self, rows: Rows) -> None:
        self.snapshots.append(rows.snapshot)
        self.quotes.append(rows.quotes)
        self.rejects.append(rows.rejects)

    def check_history(self, con: duckdb.DuckDBPyConnection, registry: Registry) -> None:
        """Flag, and where the record's arithmetic allows correct, levels off from their neighbours."""
        quotes = _whole(self.quotes, QUOTES)
        known = pc.and_(pc.is_in(quotes["index"], pa.array(list(registry.indices), pa.string())), pc.is_valid(quotes["value"]))
        rows = pc.indices_nonzero(pc.fill_null(known, False))
        levels = pa.table(
            {"row": pc.cast(rows, pa.int64()), **{k: pc.take(quotes[k], rows) for k in ("index", "observed_at", "value")}}
        )
        changed: dict[int, dict] = {}
        for row, reference in references(con, levels).items():
            q = {k: quotes[k][row].as_py() for k in ("index", "value", "change", "pct_change", "repairs", "confidence")}
            opinion = second_opinion(q["value"], q["change"], q["pct_change"], reference, registry.indices[q["index"]])
            if opinion is None:
                continue
            q["value"], q["change"], corrected = opinion
            q["repairs"] = [*q["repairs"], "history_outlier", *(["history_corrected"] if corrected else [])]
            q["confidence"] = rescaled(q["confidence"], "history_outlier")
            if corrected:
                q["confidence"] = rescaled(q["confidence"], "history_corrected")
            changed[row] = q
        self.quotes = [_patched(quotes, changed) if changed else quotes]

    def write(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert every row in bulk; the caller holds the transaction. A snapshot read again
        keeps its row (its id is unique: updated in place) and loses its old quotes and rejects."""
        if self.replaced:
            gone = list(self.replaced)
            for table in ("quotes", "rejects"):
                con.execute(f"DELETE FROM {table} WHERE snapshot_id IN (SELECT unnest(?))", [gone])
            con.register(
                "new_rows", pa.Table.from_pylist([s for s in self.snapshots if s["snapshot_id"] in self.replaced], SNAPSHOTS)
            )
            changed = ", ".join(f'"{c}" = n."{c}"' for c in SNAPSHOTS.names if c != "snapshot_id")
            con.execute(f"UPDATE snapshots SET {changed} FROM new_rows n WHERE snapshots.snapshot_id = n.snapshot_id")
            con.unregister("new_rows")
        added = [s for s in self.snapshots if s["snapshot_id"] not in self.replaced]
        tables = (
            ("snapshots", pa.Table.from_pylist(added, SNAPSHOTS)),
            ("quotes", _whole(self.quotes, QUOTES)),
            ("rejects", _whole(self.rejects, REJECTS)),
        )
        for table, rows in tables:
            if rows.num_rows:
                con.register("new_rows", rows)
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_rows")
                if table == "quotes":
                    note_newest(con, "new_rows")
                con.unregister("new_rows")
        if self.replaced:
            refresh_newest(con)  # a series' newest quote may have given way


def _whole(tables: list[pa.Table], schema: pa.Schema) -> pa.Table:
    """Documents' tables as one, in one piece: a batch's thousand small pieces made every
    column's lookups and DuckDB's insert slow (0.7 s of a batch's second)."""
    return pa.concat_tables(tables).combine_chunks() if tables else schema.empty_table()


def _patched(quotes: pa.Table, changed: dict[int, dict]) -> pa.Table:
    """``quotes`` with the fields of some rows (``row -> {column: value}``) replaced, each column
    one contiguous array again (a column in thousands of pieces cost DuckDB gigabytes to insert)."""
    rows = sorted(changed)
    picks = np.arange(quotes.num_rows)
    picks[rows] = quotes.num_rows + np.arange(len(rows))  # the new values follow the old ones
    for column in ("value", "change", "repairs", "confidence"):
        kind, old = quotes.schema.field(column).type, quotes[column]
        new = pa.array([changed[row][column] for row in rows], kind)
        whole = pa.chunked_array([*old.chunks, new], kind).take(picks).combine_chunks()
        quotes = quotes.set_column(quotes.schema.get_field_index(column), column, whole)
    return quotes
