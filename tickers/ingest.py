"""Writing documents' rows to the store: a batch per transaction, as Arrow tables,
after history's second opinion; and reading extracted rows back into documents' rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pyarrow as pa

from tickers.history import references, second_opinion
from tickers.registry import Registry
from tickers.rows import Rows
from tickers.schema import LEVEL, QUOTES, REJECTS, SNAPSHOTS, STORED, TIME, note_newest, refresh_newest
from tickers.scoring import rescaled


def unflatten(records: Iterable[dict]) -> Iterator[Rows]:
    """Rows of ``schema.EXTRACTED`` back into each document's rows; a document's rows come together."""
    quote_columns, reject_columns = QUOTES.names, REJECTS.names
    for _, group in itertools.groupby(records, key=lambda r: r["snapshot_id"]):
        group = list(group)
        yield Rows(
            {k: group[0][k] for k in SNAPSHOTS.names},
            [{k: r[k] for k in quote_columns} for r in group if r["kind"] == "quote"],
            [{k: r[k] for k in reject_columns} for r in group if r["kind"] == "reject"],
        )


@dataclass
class Batch:
    """Rows of one transaction, gathered document by document."""

    snapshots: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    observed: dict[str, datetime] = field(default_factory=dict)  # snapshot id -> time, for the history check
    replaced: set[str] = field(default_factory=set)  # ids stored already, read again: their rows give way

    def add(self, rows: Rows) -> None:
        self.snapshots.append(rows.snapshot)
        self.quotes.extend(rows.quotes)
        self.rejects.extend(rows.rejects)
        self.observed[rows.snapshot["snapshot_id"]] = rows.snapshot["observed_at"]

    def check_history(self, con: duckdb.DuckDBPyConnection, registry: Registry) -> None:
        """Flag, and where the record's arithmetic allows correct, levels off from their neighbours."""
        known = [i for i, q in enumerate(self.quotes) if q["index"] in registry.indices and q["value"] is not None]
        levels = pa.table(
            {
                "row": pa.array(known, pa.int64()),
                "index": pa.array([self.quotes[i]["index"] for i in known], pa.string()),
                "observed_at": pa.array([self.observed[self.quotes[i]["snapshot_id"]] for i in known], TIME),
                "value": pa.array([self.quotes[i]["value"] for i in known], LEVEL),
            }
        )
        for row, reference in references(con, levels).items():
            q = self.quotes[row]
            opinion = second_opinion(q["value"], q["change"], q["pct_change"], reference, registry.indices[q["index"]])
            if opinion is None:
                continue
            q["value"], q["change"], corrected = opinion
            q["repairs"] = [*q["repairs"], "history_outlier", *(["history_corrected"] if corrected else [])]
            q["confidence"] = rescaled(q["confidence"], "history_outlier")
            if corrected:
                q["confidence"] = rescaled(q["confidence"], "history_corrected")

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
        for table, rows in (("snapshots", added), ("quotes", self.quotes), ("rejects", self.rejects)):
            if rows:
                con.register("new_rows", pa.Table.from_pylist(rows, STORED[table]))
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_rows")
                if table == "quotes":
                    note_newest(con, "new_rows")
                con.unregister("new_rows")
        if self.replaced:
            refresh_newest(con)  # a series' newest quote may have given way
