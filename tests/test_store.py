"""The snapshot store through its Python API, on real DuckDB files in temporary folders."""

from __future__ import annotations

import json
import os
import random
import re
import statistics
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from stores import writer_holding
from tables import ROOT, sample_documents

from tickers import Store, StoreError, schema, workers
from tickers.history import PER_DAY, TOLERANCE, references
from tickers.reading import Fields
from tickers.reading.files import Document
from tickers.rows import BATCH_TEXT, Summary, batches
from tickers.store import StoreBusy

SAMPLES = ROOT / "samples"
ARCHIVE = SAMPLES / "archive.jsonl"
HSI = "Hang Seng {} {} {}%"


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "t.duckdb")


def column(store: Store, sql: str) -> list:
    return store.sql(sql).iloc[:, 0].tolist()


def test_ingesting_samples_twice_yields_the_same_snapshots(store, monkeypatch):
    monkeypatch.chdir(ROOT)  # sources are paths from the working folder
    first = store.ingest(SAMPLES)
    before = store.snapshots()
    again = store.ingest(Path("samples"))  # a str would be a document's text
    after = store.snapshots()
    pd.testing.assert_frame_equal(before, after)
    total = sample_documents()
    assert (first.documents, first.snapshots, first.skipped) == (total, total, 0)
    assert (again.documents, again.snapshots, again.skipped, again.records) == (first.documents, 0, first.documents, 0)
    assert first.records == column(store, "SELECT count(*) FROM quotes")[0] > 100
    assert "samples/000_seed_tehran_leader.txt" in set(after["source"])


def test_snapshot_counts_match_their_rows(store):
    store.ingest(SAMPLES)
    bad = store.sql(
        """SELECT s.snapshot_id FROM snapshots s
           WHERE records != (SELECT count(*) FROM quotes q WHERE q.snapshot_id = s.snapshot_id)
              OR rejects != (SELECT count(*) FROM rejects r WHERE r.snapshot_id = s.snapshot_id)"""
    )
    assert bad.empty


def test_as_of_answers_with_what_was_known_then(store):
    for day, level, change, pct in (
        ("2019-11-01", "27,100.50", "+120.30", "+0.45"),
        ("2019-11-04", "27,305.82", "+205.32", "+0.76"),
        ("2019-11-06", "27,238.73", "-67.09", "-0.25"),
    ):
        store.ingest(HSI.format(level, change, pct), as_of=f"{day}T08:00:00+08:00", source="hk-wire")
    store.ingest("Dow 27,462.11 +114.75 +0.42%", as_of="2019-11-05", source="us-wire")

    def level_at(when):
        frame = store.latest(as_of=when, indices=["HSI"])
        return frame["value"].tolist()

    assert level_at("2019-10-31") == []
    assert level_at("2019-11-01T00:00:00Z") == [27100.50]  # 08:00 in Hong Kong
    assert level_at("2019-11-05") == [27305.82]
    assert level_at(None) == [27238.73]
    assert set(store.latest(as_of="2019-11-05T12:00")["index"]) == {"Hang Seng", "Dow Jones Industrial Average"}
    week = store.history("恒生指数", since="2019-11-02", until="2019-11-06T23:59")
    assert week["value"].tolist() == [27305.82, 27238.73]
    assert str(week["observed_at"].iloc[0]) == "2019-11-04 00:00:00+00:00"
    assert store.history("Hang Seng")["snapshot_id"].is_unique


def test_the_same_text_from_another_source_is_another_snapshot(store):
    store.ingest("Dow 27,462.11 +114.75 +0.42%", source="a")
    second = store.ingest("Dow 27,462.11 +114.75 +0.42%", source="b")
    third = store.ingest(["Dow 27,462.11 +114.75 +0.42%"] * 3, source="b")
    assert (second.snapshots, third.snapshots, third.skipped) == (1, 0, 3)
    assert sorted(store.snapshots()["source"]) == ["a", "b"]


def _corpus(tmp_path) -> pd.DataFrame:
    rows = [
        {"page_id": f"p{i}", "published": f"2019-11-{i + 1:02d}T09:00:00", "article": f"Dow {27000 + i * 10}.50 +10.00 +0.04%"}
        for i in range(5)
    ]
    rows[4]["published"] = "Tue, 05 Nov 2019 09:00:00 +0800"  # as e-mail, HTTP and RSS write dates
    rows.append({"page_id": "p5", "published": "not a date", "article": "FTSE 100 7,302.40 -12.50 -0.17%"})
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_corpora_with_named_fields(tmp_path, store, kind):
    path = _corpus(tmp_path)
    if kind != "jsonl":
        target = tmp_path / f"corpus.{kind}"
        duckdb.sql(f"COPY (SELECT * FROM read_json('{path}')) TO '{target}' (FORMAT {kind})")
        path = target
    summary = store.ingest(path, fields=Fields(text="article", time="published", id="page_id"), as_of="2020-01-01")
    assert (summary.documents, summary.snapshots, summary.records) == (6, 6, 6)
    assert summary.warnings == ["p5: published 'not a date' is not a time; --as-of or the ingest time is used"]
    snaps = store.snapshots().set_index("source")
    assert str(snaps.loc["p3", "observed_at"]) == "2019-11-04 09:00:00+00:00"
    assert snaps.loc["p3", "observed_from"] == "field"
    assert str(snaps.loc["p4", "observed_at"]) == "2019-11-05 01:00:00+00:00"
    assert snaps.loc["p5", "observed_from"] == "as_of"  # no time of its own: --as-of, else the ingest time
    assert store.history("DJI")["value"].tolist() == [27000.5, 27010.5, 27020.5, 27030.5, 27040.5]


def test_corpus_without_the_text_field_names_file_and_fields(tmp_path, store):
    path = _corpus(tmp_path)
    summary = store.ingest([path, "Dow 27,462.11 +114.75 +0.42%"])
    assert summary.failed == [f"{path}: no text field (fields: page_id, published, article); name it with --text-field"]
    assert summary.snapshots == 1
    with pytest.raises(StoreError):
        store.snapshot("nothing")


def test_archive_fields_are_found_by_their_usual_names(store):
    summary = store.ingest(ARCHIVE)
    snaps = store.snapshots()
    assert summary.snapshots == len(snaps) == len(ARCHIVE.read_text(encoding="utf-8").splitlines())
    assert set(snaps["observed_from"]) == {"field"}
    assert snaps["source"].str.startswith("https://").all()
    assert (snaps["records"] == 0).sum() >= 3  # pages of prose give nothing
    assert snaps["observed_at"].is_monotonic_increasing


def test_latest_from_the_kept_newest_times_is_latest_over_every_quote(store, monkeypatch):
    """`latest` reads each series' newest time from series_newest, kept up at each write and
    after SQL writes; it answers what the pass over every quote (as of any later time) does."""
    monkeypatch.chdir(ROOT)
    store.ingest(ARCHIVE)
    store.ingest(SAMPLES / "000_seed_tehran_leader.txt", as_of="2019-11-30")
    store.ingest("Dow 27,000.00 +1.00 +0.00%\nFTSE 100 7,302.40 -12.50 -0.17%", as_of="2019-01-01", source="old")
    store.ingest("Dow 28,538.44 +76.30 +0.27%", as_of="2019-12-31", source="new")

    def both():
        return store.latest(), store.latest(as_of="2100-01-01")

    kept, scanned = both()
    assert len(kept) > 10
    pd.testing.assert_frame_equal(kept, scanned)
    dow = store.latest(indices=["DJI"])
    store.sql(
        'DELETE FROM quotes WHERE observed_at = $t AND "index" = $i',
        {"t": dow["observed_at"][0], "i": dow["index"][0]},
        write=True,
    )
    kept, scanned = both()
    pd.testing.assert_frame_equal(kept, scanned)
    assert kept.set_index("symbol").loc["DJI", "observed_at"] < dow["observed_at"][0]


def test_a_snapshot_stored_twice_before_is_kept_once_and_can_no_longer_be(tmp_path):
    db = tmp_path / "twice.duckdb"
    Store(db).ingest("Dow 27,462.11 +114.75 +0.42% | FTSE 100 7,302.40 -12.50 -0.17%", as_of="2019-11-01", source="a")
    with duckdb.connect(str(db)) as con:  # as two writers through two paths left it in schema 2
        con.execute("DROP INDEX snapshots_id")
        for table in ("snapshots", "quotes", "rejects"):
            con.execute(f"INSERT INTO {table} SELECT * FROM {table}")
        con.execute("UPDATE tickers_meta SET value = '2'")
    Store(db).ingest("Nikkei 225 23,303.82 +51.83 +0.22%", as_of="2019-11-04", source="b")  # a writer upgrades it
    assert column(Store(db), "SELECT count(*) FROM snapshots") == [2]
    assert column(Store(db), "SELECT count(*) FROM quotes") == [3]
    with duckdb.connect(str(db)) as con, pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO snapshots SELECT * FROM snapshots LIMIT 1")


def test_a_store_of_schema_1_is_read_and_brought_up_to_date(tmp_path):
    db = tmp_path / "old.duckdb"
    Store(db).ingest("Dow 27,462.11 +114.75 +0.42%", as_of="2019-11-01", source="a")
    with duckdb.connect(str(db)) as con:  # as release 1 left it: no series_newest
        con.execute("DROP VIEW latest")
        con.execute("DROP TABLE series_newest")
        con.execute("UPDATE tickers_meta SET value = '1'")
    assert Store(db).latest()["value"].tolist() == [27462.11]  # a reader reads it as it is
    Store(db).ingest("Dow 27,500.00 +37.89 +0.14%", as_of="2019-11-04", source="b")  # a writer upgrades it
    assert column(Store(db), "SELECT value FROM tickers_meta") == [str(schema.VERSION)]
    assert column(Store(db), "SELECT value FROM latest") == [27500.0]
    assert Store(db).latest()["value"].tolist() == [27500.0]


def test_sql_is_read_only_unless_asked(store, tmp_path):
    store.ingest("Dow 27,462.11 +114.75 +0.42% | FTSE 100 7,302.40 -12.50 -0.17%", as_of="2019-11-05")
    [_, quotes_csv, _] = store.export(tmp_path, fmt="csv")
    for statement in ("DELETE FROM quotes", "CREATE TABLE x (a INT)", "SELECT 1; DROP TABLE quotes"):
        with pytest.raises(StoreError, match=r"refused: .* changes the store"):
            store.sql(statement)
    with pytest.raises(StoreError, match=r"refused: COPY moves data between the store and files; give --write"):
        store.sql(f"COPY quotes FROM '{quotes_csv}'")
    assert column(store, "SELECT count(*) FROM quotes") == [2]
    found = store.sql("SELECT symbol FROM latest WHERE value > $floor", {"floor": 10000})
    assert found["symbol"].tolist() == ["DJI"]
    with pytest.raises(StoreError, match="'unused' is not used"):
        store.sql("SELECT 1", {"unused": 1})
    store.sql("DELETE FROM quotes WHERE symbol = $s", {"s": "UKX"}, write=True)
    assert column(store, "SELECT symbol FROM quotes") == ["DJI"]
    with pytest.raises(StoreError, match=r"SQL: .*"):
        store.sql("SELEC nothing")


def test_history_flags_a_level_off_by_a_power_of_ten(store):
    for day, level, change, pct in (
        ("2019-11-01", "27,100.50", "+120.30", "+0.45"),
        ("2019-11-02", "27,200.10", "+99.60", "+0.37"),
        ("2019-11-03", "27,305.82", "+105.72", "+0.39"),
    ):
        store.ingest(HSI.format(level, change, pct), as_of=day, source="hk")
    store.ingest("Hang Seng 2,743.14 +12.56 +0.46%", as_of="2019-11-04", source="hk")  # a digit lost from both
    store.ingest("Hang Seng 2,731.29", as_of="2019-11-05", source="hk")  # nothing to check it against
    store.ingest(HSI.format("27,312.90", "-118.53", "-0.43"), as_of="2019-11-06", source="hk")
    rows = store.history("HSI").set_index(store.history("HSI")["observed_at"].dt.day)
    assert (rows.loc[4, "value"], rows.loc[4, "change"]) == (27431.4, 125.6)
    assert list(rows.loc[4, "repairs"]) == ["history_outlier", "history_corrected"]
    assert rows.loc[4, "confidence"] < 1
    assert rows.loc[5, "value"] == 2731.29
    assert "history_outlier" in rows.loc[5, "repairs"] and rows.loc[5, "confidence"] <= 0.5
    assert [len(rows.loc[d, "repairs"]) for d in (1, 2, 3, 6)] == [0, 0, 0, 0]


def test_history_reference_is_the_median_of_the_levels_within_thirty_days(tmp_path):
    """The reference of each new level, against a plain reading of its definition: the median
    of the same index's other levels, stored or new, at most 30 days away (to the second),
    of which a day gives its first PER_DAY (a crowded day is one here); given for the levels
    that could be a power of ten off it."""
    rng = random.Random(7)
    start = datetime(2019, 1, 1, tzinfo=UTC)
    times = lambda n: [start + timedelta(seconds=rng.randrange(0, 200 * 86400)) for _ in range(n)]  # noqa: E731
    stored = [(rng.choice("AB"), t, Decimal(rng.randrange(1000, 2000))) for t in times(300)]
    crowded = start + timedelta(days=50)
    stored += [("A", crowded + timedelta(seconds=rng.randrange(0, 80000)), Decimal(rng.randrange(1000, 2000))) for _ in range(60)]
    off = lambda: Decimal(rng.randrange(1000, 2000)) * rng.choice([1, 1, 10, Decimal("0.01")])  # noqa: E731  some lost digits
    new = [(rng.choice("AB"), t, off()) for t in times(60)]
    new += [("A", crowded + timedelta(seconds=rng.randrange(0, 80000)), off()) for _ in range(20)]
    new.append(("A", stored[0][1] + timedelta(days=30), Decimal(1)))  # 30 days to the second: a neighbour
    con = duckdb.connect(str(tmp_path / "h.duckdb"))
    schema.ensure(con, "h.duckdb")
    con.execute("SET TimeZone = 'UTC'")
    con.executemany(
        'INSERT INTO quotes (snapshot_id, position, name, "index", value, confidence, repairs, line, span_start, span_end, '
        "raw, observed_at) VALUES (?, 0, ?, ?, ?, 1, [], 1, 0, 1, '', ?)",
        [(f"s{i}", index, index, value, at) for i, (index, at, value) in enumerate(stored)],
    )
    levels = pa.table(
        {
            "row": pa.array(range(len(new)), pa.int64()),
            "index": [index for index, _, _ in new],
            "observed_at": pa.array([at for _, at, _ in new], pa.timestamp("us", tz="UTC")),
            "value": pa.array([value for _, _, value in new], pa.decimal128(18, 4)),
        }
    )
    found = references(con, levels)
    everyone = [(x, t, v, None) for x, t, v in stored] + [(x, t, v, row) for row, (x, t, v) in enumerate(new)]
    days: dict[tuple, list] = {}
    for level in sorted(everyone, key=lambda e: (e[1], e[2], e[3] is None, e[3] or 0)):
        days.setdefault((level[0], int(level[1].timestamp()) // 86400), []).append(level)
    voices = [level for day in days.values() for level in day[:PER_DAY]]
    assert max(map(len, days.values())) > PER_DAY  # the cap is met
    asked = 0
    for row, (index, at, value) in enumerate(new):
        near = [v for x, t, v, r in voices if x == index and abs(t - at) <= timedelta(days=30) and r != row]
        reference = statistics.median(near) if near else None
        far = reference is not None and max(value / reference, reference / value) >= 10 ** (1 - TOLERANCE)
        assert found.get(row) == (reference if far else None), row  # only levels a power of ten could be off come back
        asked += far
    assert asked >= 20


def test_rejects_and_unstorable_numbers_are_kept_with_their_reason(store):
    page = "Dow 27,462.11 +114.75 +0.42%\nArsenal  12  4  5  3  -1  17\nGold 99999999999999999.5 +1.2 +0.5%"
    summary = store.ingest(page, source="page")
    rejects = store.show(store.snapshots()["snapshot_id"][0], rejects=True)
    assert summary.rejects == len(rejects) == 2
    assert rejects[["reason", "line"]].values.tolist() == [["unreadable", 2], ["out_of_range", 3]]
    assert rejects["raw"][0] == "Arsenal  12  4  5  3  -1  17"


def test_show_takes_a_unique_prefix(store):
    store.ingest("Dow 27,462.11 +114.75 +0.42% | FTSE 100 7,302.40 -12.50 -0.17%", source="x")
    sid = store.snapshots()["snapshot_id"][0]
    quotes = store.show(sid[:4])
    assert quotes["symbol"].tolist() == ["DJI", "UKX"]
    assert quotes["value"].tolist() == [27462.11, 7302.4]
    assert quotes["position"].tolist() == [1, 2]
    assert store.sql("SELECT value FROM quotes WHERE position = 1")["value"].dtype == "float64"
    assert store.sql("SELECT typeof(value) AS t FROM quotes LIMIT 1")["t"][0] == "DECIMAL(18,4)"


def test_export_writes_files_any_tool_reads(store, tmp_path):
    store.ingest(ARCHIVE)
    store.ingest("Dow 27,462.11 +114.75 +0.42%", as_of="2020-02-03", source="later")
    written = store.export(tmp_path / "out", partition_by="year")
    assert sorted(p.name for p in (tmp_path / "out" / "quotes").iterdir()) == ["year=2019", "year=2020"]
    exported = duckdb.sql(f"SELECT count(*) FROM read_parquet('{written[1]}/**/*.parquet', hive_partitioning=true)")
    assert exported.fetchall() == [(column(store, "SELECT count(*) FROM quotes")[0],)]
    flat = store.export(tmp_path / "csv", fmt="csv")
    assert [p.name for p in flat] == ["snapshots.csv", "quotes.csv", "rejects.csv"]
    assert len(pd.read_csv(flat[0])) == len(store.snapshots())


def test_a_database_that_is_not_a_store_is_named(tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE sales (a INT)")
    with pytest.raises(StoreError, match=re.escape(f"{other}: not a tickers store")):
        Store(other).ingest("Dow 27,462.11 +114.75 +0.42%")
    with pytest.raises(StoreError, match="no store here yet"):
        Store(tmp_path / "missing.duckdb").latest()
    with pytest.raises(StoreError, match=re.escape(f"folder {tmp_path / 'nowhere'} does not exist")):
        Store(tmp_path / "nowhere" / "t.duckdb").ingest("Dow 27,462.11 +114.75 +0.42%")
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    with pytest.raises(StoreError, match="an empty database"):
        Store(tmp_path / "empty.duckdb").snapshots()
    (tmp_path / "junk.duckdb").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.duckdb: cannot open"):
        Store(tmp_path / "junk.duckdb").ingest("Dow 27,462.11 +114.75 +0.42%")


def test_a_second_writer_is_told_who_holds_the_store(tmp_path):
    db = tmp_path / "t.duckdb"
    Store(db).ingest("Dow 27,462.11 +114.75 +0.42%", source="first")
    with writer_holding(str(db)) as holder:
        with pytest.raises(StoreBusy, match=re.escape(f"{db}: being written by process {holder.pid}; waited 0.5 s")):
            Store(db, wait=0.5).ingest("FTSE 100 7,302.40 -12.50 -0.17%", source="second")
        assert Store(db).latest()["symbol"].tolist() == ["DJI"]  # readers still read
    assert Store(db).ingest("FTSE 100 7,302.40 -12.50 -0.17%", source="second").snapshots == 1


def test_environment_names_the_default_store(tmp_path, monkeypatch):
    monkeypatch.setenv("TICKERS_DB", str(tmp_path / "env.duckdb"))
    assert Store().path == str(tmp_path / "env.duckdb")
    monkeypatch.delenv("TICKERS_DB")
    monkeypatch.chdir(tmp_path)
    with Store() as store:
        store.ingest("Dow 27,462.11 +114.75 +0.42%")
    assert os.path.exists(tmp_path / "tickers.duckdb")


def test_values_are_exact_decimals_in_sql(store):
    store.ingest("Bitcoin 9,218.4567 -212.6 -2.25%", as_of="2019-11-05")
    with duckdb.connect(store.path, read_only=True) as con:
        assert con.execute("SELECT value, change, pct_change FROM quotes").fetchall() == [
            (Decimal("9218.4567"), Decimal("-212.6000"), Decimal("-2.2500"))
        ]


def test_worker_processes_store_what_one_process_stores(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "WORTH_A_POOL", 0)  # workers from the first batch on, however small
    pages = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts = [f"{page}\n(copy {i})" for i in range(2) for page in pages]
    rows = {}
    for jobs in (1, 2):
        store = Store(tmp_path / f"jobs{jobs}.duckdb")
        summary = store.ingest(texts, jobs=jobs, batch_size=40, as_of="2019-11-29")  # one batch parsed while one is written
        assert summary.snapshots == summary.documents == len(texts)
        rows[jobs] = store.sql("SELECT * EXCLUDE (ingested_at) FROM snapshots JOIN quotes USING (snapshot_id) ORDER BY ALL")
    pd.testing.assert_frame_equal(rows[1], rows[2])


def test_batches_hold_a_bounded_amount_of_text():
    long_pages = [Document(f"page{i}", "Dow 27,462.11 +0.42%\n" + "x" * (BATCH_TEXT // 3)) for i in range(7)]
    summary = Summary()
    sizes = [len(batch) for batch in batches(long_pages, 2000, summary)]
    assert sizes == [3, 3, 1] and summary.documents == 7


GRAMMAR = (
    'name = "fund-house"\ndescription = "a fund house\'s labels"\n[labels]\nvalue = ["Kurslevel"]\npct_change = ["Bewegung"]\n'
)
PAGE = "Index: XYZQ | Kurslevel: 1.234,50 | Bewegung: +0,42 %\nDow 27,462.11 +114.75 +0.42%\n"


def test_stored_documents_are_read_again_after_a_layout_change(tmp_path):
    db, layout = tmp_path / "s.duckdb", tmp_path / "fund.toml"
    layout.write_text(GRAMMAR, encoding="utf-8")
    Store(db).ingest(PAGE, as_of="2019-11-04", source="fund-page")
    assert column(Store(db), "SELECT name FROM quotes") == ["Dow"]
    assert Store(db).reparse().snapshots == 0  # the same reader: nothing to read again
    again = Store(db, grammar=[layout]).reparse()
    assert (again.snapshots, again.before, again.after, again.gained, again.lost, again.changed) == (1, 1, 2, 1, 0, 0)
    assert sorted(column(Store(db), "SELECT name FROM quotes")) == ["Dow", "XYZQ"]
    assert column(Store(db), "SELECT observed_at FROM quotes WHERE name = 'XYZQ'")[0].year == 2019  # its time kept
    assert column(Store(db), "SELECT records FROM snapshots") == [2]


def test_ingesting_again_with_another_reader_replaces_instead_of_skipping(tmp_path):
    db, layout = tmp_path / "s.duckdb", tmp_path / "fund.toml"
    layout.write_text(GRAMMAR, encoding="utf-8")
    Store(db).ingest(PAGE, source="fund-page")
    assert Store(db).ingest(PAGE, source="fund-page").skipped == 1  # the same reader skips it
    newer = Store(db, grammar=[layout]).ingest(PAGE, source="fund-page")
    assert (newer.skipped, newer.records) == (0, 2)
    assert column(Store(db), "SELECT count(*) FROM snapshots") == [1]
    assert sorted(column(Store(db), "SELECT name FROM quotes")) == ["Dow", "XYZQ"]


def test_a_store_without_texts_says_what_it_cannot_read_again(tmp_path):
    db, layout = tmp_path / "s.duckdb", tmp_path / "fund.toml"
    layout.write_text(GRAMMAR, encoding="utf-8")
    Store(db).ingest(PAGE, source="fund-page", keep_text=False)
    assert column(Store(db), "SELECT text FROM snapshots") == [None]
    again = Store(db, grammar=[layout]).reparse()
    assert (again.snapshots, again.without_text) == (0, 1)
    assert "1 stored without their text were not" in str(again)


def test_a_store_of_schema_3_gains_texts_and_readers(tmp_path):
    db = tmp_path / "old.duckdb"
    Store(db).ingest("Dow 27,462.11 +114.75 +0.42%", as_of="2019-11-01", source="a")
    with duckdb.connect(str(db)) as con:  # as release 3 left it: no text, no reader
        con.execute("DROP INDEX snapshots_id")
        con.execute("ALTER TABLE snapshots DROP COLUMN text")
        con.execute("ALTER TABLE snapshots DROP COLUMN reader")
        con.execute(schema.UNIQUE_SNAPSHOTS)
        con.execute("UPDATE tickers_meta SET value = '3'")
    Store(db).ingest("FTSE 100 7,302.40 -12.50 -0.17%", as_of="2019-11-04", source="b")  # a writer upgrades it
    assert column(Store(db), "SELECT value FROM tickers_meta") == [str(schema.VERSION)]
    rows = Store(db).sql("SELECT source, text IS NOT NULL AS kept, reader IS NOT NULL AS read FROM snapshots ORDER BY source")
    assert rows.values.tolist() == [["a", False, False], ["b", True, True]]
    assert Store(db).reparse().without_text == 1


def test_reparse_counts_records_whose_numbers_changed_and_reads_older_releases_again(tmp_path):
    db, as_percent, as_points = tmp_path / "s.duckdb", tmp_path / "a.toml", tmp_path / "b.toml"
    as_percent.write_text('name = "a"\ndescription = "x"\n[labels]\nvalue = ["Kurslevel"]\npct_change = ["Bewegung"]\n')
    as_points.write_text('name = "b"\ndescription = "x"\n[labels]\nvalue = ["Kurslevel"]\nchange = ["Bewegung"]\n')
    Store(db, grammar=[as_percent]).ingest("Index: XYZQ | Kurslevel: 1.234,50 | Bewegung: +0,42", source="fund")
    assert column(Store(db), "SELECT pct_change FROM quotes") == [0.42]
    again = Store(db, grammar=[as_points]).reparse()
    assert (again.gained, again.lost, again.changed) == (0, 0, 1)
    assert column(Store(db), "SELECT change FROM quotes") == [0.42]
    assert Store(db).reparse(before="0.1.0").snapshots == 0  # read by 0.1.0, which is not older than itself
    assert Store(db).reparse(before="0.10.0").snapshots == 1  # 0.10 comes after 0.9, and after 0.1
