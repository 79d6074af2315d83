"""The Spark adapter in a local session: its shards are the rows `tickers extract` writes."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest
from tables import ROOT

pyspark = pytest.importorskip("pyspark", reason="the spark extra (installed with the test extra)")
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

from tickers.integrations.spark import extract, extract_archives  # noqa: E402

ARCHIVE = ROOT / "samples" / "archive.jsonl"
# Spark writes its timestamps without a zone (INT96); both hold UTC.
ROWS = (
    "SELECT * EXCLUDE (ingested_at, year) REPLACE (CAST(observed_at AS TIMESTAMPTZ) AS observed_at)"
    " FROM read_parquet('{}/**/*.parquet', hive_partitioning=true) ORDER BY ALL"
)


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers run this interpreter, with tickers installed
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tickers-test")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


def rows(folder) -> list[tuple]:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    return con.sql(ROWS.format(folder)).fetchall()


def shards(spark, folder) -> None:
    """The README's recipe: JSON Lines in, Hive-partitioned Parquet out."""
    pages = spark.read.json(str(ARCHIVE))
    extracted = extract(pages, text_field="text", time_field="date", id_field="url")
    extracted.withColumn("year", F.year("observed_at")).write.partitionBy("year").parquet(str(folder))


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tickers", *args], capture_output=True, text=True, timeout=300)


def test_spark_shards_are_what_extract_writes(spark, tmp_path):
    shards(spark, tmp_path / "spark")
    local = run("extract", str(ARCHIVE), "--out", str(tmp_path / "local"), "--jobs", "1")
    assert local.returncode == 0, local.stderr
    from_spark, from_extract = rows(tmp_path / "spark"), rows(tmp_path / "local")
    assert len(from_spark) > 80 and from_spark == from_extract
    assert sorted(p.name for p in (tmp_path / "spark").iterdir() if p.is_dir()) == ["year=2019"]


def test_spark_shards_ingest_as_the_corpus_does(spark, tmp_path):
    pages = spark.read.json(str(ARCHIVE))
    extract(pages, text_field="text", time_field="date", id_field="url").withColumn(
        "year", F.year("observed_at")
    ).write.partitionBy("year").parquet(str(tmp_path / "shards"))
    for db, source in (("shards.duckdb", tmp_path / "shards"), ("corpus.duckdb", ARCHIVE)):
        result = run("ingest", str(source), "--db", str(tmp_path / db))
        assert result.returncode == 0, result.stderr
        assert "36 documents: 36 snapshots" in result.stdout
    tables = []
    for db in ("shards.duckdb", "corpus.duckdb"):
        with duckdb.connect(str(tmp_path / db), read_only=True) as con:
            tables.append(
                [
                    con.sql(f"SELECT * {exclude} FROM {table} ORDER BY ALL").fetchall()
                    for table, exclude in (("snapshots", "EXCLUDE (ingested_at)"), ("quotes", ""), ("rejects", ""))
                ]
            )
    assert tables[0] == tables[1]


def test_web_archives_run_as_one_job_a_task_per_file(spark, tmp_path):
    sys.path.insert(0, str(ROOT / "tests"))
    from warcs import archive, record

    page = (ROOT / "samples" / "029_portal_markets_page.html").read_bytes()
    paths = []
    for day in (5, 6):
        path = tmp_path / f"segment-{day}.warc.gz"
        path.write_bytes(archive([record(f"https://ledger.example/{day}", f"2019-11-0{day}T21:40:00Z", page)], compressed=True))
        paths.append(str(path))
    extract_archives(spark, paths).write.parquet(str(tmp_path / "spark"))
    local = run("extract", *paths, "--out", str(tmp_path / "local"), "--jobs", "1")
    assert local.returncode == 0, local.stderr
    count = "SELECT source, kind, count(*), sum(value) FROM read_parquet('{}/**/*.parquet') GROUP BY ALL ORDER BY ALL"
    from_spark = duckdb.sql(count.format(tmp_path / "spark")).fetchall()
    assert [r[:3] for r in from_spark] == [("https://ledger.example/5", "quote", 10), ("https://ledger.example/6", "quote", 10)]
    assert from_spark == duckdb.sql(count.format(tmp_path / "local")).fetchall()
