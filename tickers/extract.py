"""Parsing without a store: documents into Parquet shards of extracted rows.

The shards hold one table of ``schema.EXTRACTED`` in Hive partitions by year of
observation (``DIR/year=2019/part-….parquet``), as the Spark adapter writes them;
``tickers ingest DIR`` takes either into a store.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from tickers.layouts import load_layouts
from tickers.reading import Fields, Item, documents
from tickers.reading.files import Document
from tickers.registry import load_registry
from tickers.rows import Options, Rows, Summary, batches, flatten
from tickers.schema import EXTRACTED
from tickers.shards import read_extracted
from tickers.workers import Parsers, parse_ahead


def extracted_table(parsed: Iterable[Rows]) -> pa.Table:
    """Documents' rows as one Arrow table of ``schema.EXTRACTED``."""
    return pa.Table.from_pylist([record for rows in parsed for record in flatten(rows)], EXTRACTED)


def extract(
    inputs: Item | Iterable[Item],
    out: str | os.PathLike,
    *,
    as_of=None,
    source: str | None = None,
    fields: Fields | None = None,
    grammar=(),
    registry=(),
    batch_size: int = 2000,
    jobs: int = 1,
    on_document: Callable[[Document], None] | None = None,
    keep_text: bool = True,
) -> Summary:
    """Parse documents as :meth:`tickers.Store.ingest` does and write their rows under ``out``,
    one shard per batch and year. Shards of earlier runs stay: ingesting skips what it has.
    """
    import pyarrow.dataset as ds  # here, not above: it loads pandas, which `tickers parse` never needs

    options = Options.of(as_of, grammar, registry, keep_text=keep_text)
    load_layouts(options.grammar)
    load_registry(options.registry)
    summary, run = Summary(), uuid.uuid4().hex[:8]
    Path(out).mkdir(parents=True, exist_ok=True)
    with Parsers(jobs) as parsers:
        read = documents(inputs, source=source, fields=fields or Fields(), shards=read_extracted)
        found = batches(read, batch_size, summary, on_document)
        for number, (_, parsed) in enumerate(parse_ahead(found, parsers, options)):
            table = extracted_table(parsed)
            ds.write_dataset(
                table.append_column("year", pc.year(table["observed_at"])),
                out,
                format="parquet",
                partitioning=["year"],
                partitioning_flavor="hive",
                basename_template=f"part-{run}-{number:05d}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
            summary.count(parsed)
    return summary
