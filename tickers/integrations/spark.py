"""Apache Spark: extraction over a cluster, with the rows ``tickers extract`` writes.

Needs the ``spark`` extra (``pip install 'tickers[spark]'``) and a session in UTC::

    from pyspark.sql import SparkSession, functions as F
    from tickers.integrations.spark import extract

    spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    pages = spark.read.json("crawl/*.jsonl")  # or spark.read.parquet(...)
    rows = extract(pages, text_field="text", time_field="date", id_field="url")
    rows.withColumn("year", F.year("observed_at")).write.partitionBy("year").parquet("shards/")

and then, on one machine, ``tickers ingest shards/``. A crawl segment's web archives run
as one job, a task per file (each worker reads its files from a path it can see)::

    rows = extract_archives(spark, sorted(glob.glob("segment/*.warc.gz")))
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from functools import partial

import pyarrow as pa

from tickers.extract import extracted_table
from tickers.reading.corpora import read_time
from tickers.reading.files import Document, InputError
from tickers.reading.warc import warc_documents
from tickers.rows import Options, content_hash, document_rows, now_utc
from tickers.schema import EXTRACTED, TIME

_SPARK_TYPES = {pa.string(): "STRING", TIME: "TIMESTAMP", pa.int32(): "INT", pa.int64(): "BIGINT", pa.float64(): "DOUBLE"}


def _spark_type(kind: pa.DataType) -> str:
    if pa.types.is_decimal(kind):
        return f"DECIMAL({kind.precision},{kind.scale})"
    if pa.types.is_list(kind):
        return f"ARRAY<{_spark_type(kind.value_type)}>"
    return _SPARK_TYPES[kind]


def spark_schema() -> str:
    """``schema.EXTRACTED`` as a Spark DDL schema string.

    >>> spark_schema().split(", ")[:2]
    ['`snapshot_id` STRING NOT NULL', '`observed_at` TIMESTAMP NOT NULL']
    """
    return ", ".join(f"`{f.name}` {_spark_type(f.type)}" + ("" if f.nullable else " NOT NULL") for f in EXTRACTED)


def extract_batches(
    batches: Iterable[pa.RecordBatch],
    *,
    text_field: str = "text",
    time_field: str | None = None,
    id_field: str | None = None,
    as_of=None,
    grammar: tuple[str, ...] = (),
    registry: tuple[str, ...] = (),
) -> Iterator[pa.RecordBatch]:
    """Record batches of documents in, record batches of ``schema.EXTRACTED`` out: a pure
    function, what each Spark task runs. A document's source is its ``id_field`` (else
    ``sha256:`` and its text's hash); its time, ``time_field`` (else ``as_of``, else now).

    >>> batch = pa.RecordBatch.from_pylist([{"id": "a", "text": "Dow 27,462.11 +114.75 +0.42%"}])
    >>> [(r["source"], r["kind"], r["symbol"]) for b in extract_batches([batch], id_field="id") for r in b.to_pylist()]
    [('a', 'quote', 'DJI')]
    """
    options = Options.of(as_of, grammar, registry)
    for batch in batches:
        now = now_utc()
        parsed = []
        for row in batch.to_pylist():
            text = row[text_field] or ""
            source = str(row[id_field]) if id_field and row[id_field] is not None else f"sha256:{content_hash(text)}"
            observed = read_time(row[time_field]) if time_field else None
            parsed.append(document_rows(Document(source, text, None, observed), options, now))
        yield from extracted_table(parsed).to_batches()


def extract(frame, *, text_field: str = "text", time_field: str | None = None, id_field: str | None = None, **options):
    """A Spark DataFrame of documents as a DataFrame of extracted rows (``mapInArrow``).

    Workers import ``tickers`` themselves: install it on every node.
    """
    run = partial(extract_batches, text_field=text_field, time_field=time_field, id_field=id_field, **options)
    return frame.mapInArrow(run, spark_schema())


def archive_batches(
    batches: Iterable[pa.RecordBatch], *, as_of=None, grammar: tuple[str, ...] = (), registry: tuple[str, ...] = ()
) -> Iterator[pa.RecordBatch]:
    """Record batches of paths to web archives in (a ``path`` column), batches of
    ``schema.EXTRACTED`` out, a few hundred documents at a time. A record that cannot be
    read is told on the worker's standard error and the archive's other pages are kept."""
    options = Options.of(as_of, grammar, registry)
    for batch in batches:
        for path in batch.column("path").to_pylist():
            parsed = []
            for doc in warc_documents(path):
                if isinstance(doc, InputError):
                    print(f"tickers: {doc}", file=sys.stderr)
                    continue
                parsed.append(document_rows(doc, options, now_utc()))
                if len(parsed) == 500:
                    yield from extracted_table(parsed).to_batches()
                    parsed = []
            if parsed:
                yield from extracted_table(parsed).to_batches()


def extract_archives(spark, paths: list[str], **options):
    """WARC and WET files (paths every worker can read) as a DataFrame of extracted rows,
    one task per file: a crawl segment as one Spark job."""
    frame = spark.createDataFrame([(str(p),) for p in paths], "path STRING").repartition(max(1, len(paths)))
    return frame.mapInArrow(partial(archive_batches, **options), spark_schema())
