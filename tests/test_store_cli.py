"""The store's commands: in-process through click's runner, and as real subprocesses."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner
from stores import writer_holding
from tables import ROOT, sample_documents

from tickers import Store, StoreError
from tickers.cli import cli

SAMPLES = ROOT / "samples"
LATEST_KEYS = ["index", "symbol", "name", "value", "change", "pct_change", "observed_at", "snapshot_id", "confidence"]


def run(*args: str, cwd=ROOT, stdin: str | None = None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tickers", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def filled(tmp_path):
    db = str(tmp_path / "t.duckdb")
    result = invoke("ingest", str(SAMPLES / "archive.jsonl"), "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_ingest_samples_twice_with_the_default_store(tmp_path):
    first = run("ingest", str(SAMPLES), cwd=tmp_path)
    second = run("ingest", str(SAMPLES), cwd=tmp_path)
    assert first.returncode == second.returncode == 0, first.stderr
    assert (tmp_path / "tickers.duckdb").exists()
    docs = sample_documents()
    assert first.stdout.startswith(f"tickers.duckdb: {docs} documents: {docs} snapshots, ")
    assert second.stdout.strip().endswith(f"{docs} documents: 0 snapshots, 0 records, 0 rejects, {docs} skipped as seen before")
    listed = run("snapshots", "--format", "json", cwd=tmp_path)
    assert len(json.loads(listed.stdout)) == docs


def test_latest_json_keys_are_its_columns(filled):
    rows = json.loads(invoke("latest", "--db", filled, "--format", "json").output)
    assert all(list(r) == LATEST_KEYS for r in rows)
    hsi = next(r for r in rows if r["symbol"] == "HSI")
    assert hsi["observed_at"].startswith("2019-12-20T")
    earlier = json.loads(invoke("latest", "HSI", "--db", filled, "--as-of", "2019-11-05", "--format", "json").output)
    assert [(r["value"], r["observed_at"]) for r in earlier] == [(27305.82, "2019-11-04T08:40:00+00:00")]


def test_history_in_every_format(filled):
    as_json = json.loads(invoke("history", "S&P 500", "--db", filled, "--since", "2019-11-01", "--format", "json").output)
    ndjson = [
        json.loads(x)
        for x in invoke("history", "SPX", "--db", filled, "--since", "2019-11-01", "--format", "ndjson").output.splitlines()
    ]
    rows = list(
        csv.DictReader(io.StringIO(invoke("history", "spx", "--db", filled, "--since", "2019-11-01", "--format", "csv").output))
    )
    table = invoke("history", "SPX", "--db", filled, "--since", "2019-11-01").output
    assert len(as_json) >= 3 and as_json == ndjson
    assert [r["observed_at"] for r in as_json] == sorted(r["observed_at"] for r in as_json) == [r["observed_at"] for r in rows]
    assert list(as_json[0])[:6] == ["observed_at", "value", "change", "pct_change", "snapshot_id", "confidence"]
    assert all(r["observed_at"] >= "2019-11-01" for r in as_json)
    assert str(as_json[0]["value"]) in table


def test_unknown_index_history_is_empty_with_a_note(filled):
    result = CliRunner().invoke(cli, ["history", "Nowhere 50", "--db", filled, "--format", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert "no observations of 'Nowhere 50'" in result.stderr


def test_show_and_rejects(tmp_path):
    db = str(tmp_path / "t.duckdb")
    page = "Dow 27,462.11 +114.75 +0.42% | FTSE 100 7,302.40 -12.50 -0.17%\nArsenal  12  4  5  3  -1  17\n"
    invoke("ingest", "-", "--db", db, "--source", "https://example.com/a", "--as-of", "2019-11-05T16:30", stdin=page)
    [snap] = json.loads(invoke("snapshots", "--db", db, "--format", "json").output)
    assert (snap["source"], snap["observed_at"], snap["observed_from"]) == (
        "https://example.com/a",
        "2019-11-05T16:30:00+00:00",
        "as_of",
    )
    shown = invoke("show", snap["snapshot_id"][:6], "--db", db)
    assert "https://example.com/a" in shown.output and "2019-11-05 16:30 UTC (as_of)" in shown.output
    quotes = json.loads(invoke("show", snap["snapshot_id"], "--db", db, "--format", "json").output)
    assert [(q["symbol"], q["value"]) for q in quotes] == [("DJI", 27462.11), ("UKX", 7302.4)]
    [reject] = json.loads(invoke("show", snap["snapshot_id"], "--rejects", "--db", db, "--format", "json").output)
    assert (reject["reason"], reject["line"]) == ("unreadable", 2)


def test_sql_from_stdin_with_parameters(filled):
    query = "SELECT symbol, count(*) AS n FROM series WHERE observed_at < $before GROUP BY symbol HAVING n >= $at_least"
    result = invoke(
        "sql", "-", "-p", "before", "2019-11-01", "-p", "at_least", "3", "--db", filled, "--format", "json", stdin=query
    )
    rows = json.loads(result.output)
    assert rows and all(r["n"] >= 3 for r in rows)
    assert "HSI" in [r["symbol"] for r in rows]


def test_sql_refuses_writes_without_write(filled):
    refused = run("sql", "DELETE FROM quotes", "--db", filled)
    assert refused.returncode == 1
    assert refused.stderr.strip() == "tickers: refused: DELETE changes the store; give --write (write=True) to allow it"
    allowed = run("sql", "DELETE FROM rejects", "--db", filled, "--write")
    assert allowed.returncode == 0, allowed.stderr
    assert Store(filled).sql("SELECT count(*) AS n FROM rejects")["n"][0] == 0


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1) TO '{out}'",
        "EXPORT DATABASE '{folder}'",
        "SELECT * FROM read_text('{secret}')",
        "SELECT * FROM glob('{folder}/*')",
        "PRAGMA enable_profiling = 'json'",
        "CALL enable_logging()",
        "LOAD httpfs",
        "SET enable_external_access = true",
    ],
)
def test_read_only_sql_has_no_side_effect(filled, tmp_path, statement):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for SQL", encoding="utf-8")
    query = statement.format(out=tmp_path / "out.csv", folder=tmp_path / "dump", secret=secret)
    result = run("sql", query, "--db", filled)
    assert result.returncode != 0 and "refused" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "t.duckdb" and not p.name.startswith("t.duckdb")) == [
        "secret.txt"
    ]
    assert run("sql", "SELECT count(*) AS n FROM quotes", "--db", filled).returncode == 0  # the store still reads


def test_read_names_the_files_and_folders_read_only_sql_may_read(filled, tmp_path):
    mine = tmp_path / "mine" / "notes.csv"
    mine.parent.mkdir()
    mine.write_text("symbol,note\nDJI,blue chips\n", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for SQL", encoding="utf-8")
    query = f"SELECT q.symbol, m.note FROM quotes q JOIN read_csv('{mine}') m USING (symbol) LIMIT 1"
    assert run("sql", query, "--db", filled).returncode == 1  # not named: refused
    for allowed in (mine, mine.parent):
        done = run("sql", query, "--db", filled, "--read", str(allowed), "--format", "json")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == [{"symbol": "DJI", "note": "blue chips"}]
    for statement in (f"SELECT * FROM read_text('{secret}')", f"COPY (SELECT 1) TO '{mine.parent / 'out.csv'}'"):
        refused = run("sql", statement, "--db", filled, "--read", str(mine.parent))
        assert refused.returncode == 1 and "refused" in refused.stderr, refused.stderr
    assert sorted(p.name for p in mine.parent.iterdir()) == ["notes.csv"]  # a folder to read is no folder to write
    missing = run("sql", "SELECT 1", "--db", filled, "--read", str(tmp_path / "nothere"))
    assert missing.returncode == 1 and "--read" in missing.stderr and "nothere" in missing.stderr


def test_write_is_all_or_nothing(filled):
    before = run("latest", "--db", filled, "--format", "json").stdout
    failed = run("sql", "DELETE FROM quotes; SELECT * FROM no_such_table", "--write", "--db", filled)
    assert failed.returncode != 0 and "no_such_table" in failed.stderr and "Traceback" not in failed.stderr
    assert run("latest", "--db", filled, "--format", "json").stdout == before
    own = run("sql", "BEGIN; DELETE FROM quotes; COMMIT", "--write", "--db", filled)
    assert own.returncode != 0 and "one transaction" in own.stderr
    done = run("sql", "DELETE FROM quotes WHERE symbol = 'DJI'", "--write", "--db", filled)
    assert done.returncode == 0, done.stderr
    latest = json.loads(run("latest", "--db", filled, "--format", "json").stdout)
    as_of = json.loads(run("latest", "--db", filled, "--format", "json", "--as-of", "2100-01-01").stdout)
    assert "DJI" not in {r["symbol"] for r in latest} and latest == as_of


def test_export_partitions_by_year(filled, tmp_path):
    result = invoke("export", str(tmp_path / "out"), "--db", filled, "--partition-by", "year")
    assert result.output.split() == [str(tmp_path / "out" / t) for t in ("snapshots", "quotes", "rejects")]
    assert [p.name for p in (tmp_path / "out" / "snapshots").iterdir()] == ["year=2019"]


def test_bad_inputs_are_named_and_the_rest_is_ingested(tmp_path):
    (tmp_path / "good.txt").write_text("Dow 27,462.11 +114.75 +0.42%\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("ingest", str(tmp_path / "good.txt"), str(tmp_path / "image.png"), str(tmp_path / "gone.txt"), cwd=tmp_path)
    assert result.returncode == 1
    assert f"tickers: {tmp_path / 'image.png'}: a binary file, not text" in result.stderr
    assert f"tickers: {tmp_path / 'gone.txt'}: no such file" in result.stderr
    assert "1 documents: 1 snapshots, 1 records, 0 rejects, 0 skipped as seen before, 2 inputs failed" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_bad_record_of_a_corpus_is_named_and_its_good_neighbours_kept(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Dow 27,462.11 +114.75 +0.42%"}),
        '{"id": "b", "text": "DAX 15.141,10 -0,20%"',  # cut off: no JSON
        json.dumps({"id": "c", "text": 12345}),  # no text
        json.dumps({"id": "d", "text": "Nikkei 225 26,340.50 -0.42%"}),
    ]
    (tmp_path / "crawl.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "crawl.csv").write_text(
        'id,text\ne,"FTSE 100 7,302.40 -12.50 -0.17%"\nf,"CAC 40 4,833.82 -0.33%",extra\ng,"IBEX 35 9.371,70 -0,38%"\n',
        encoding="utf-8",
    )
    db = str(tmp_path / "t.duckdb")
    result = run("ingest", "crawl.jsonl", "crawl.csv", "--db", db, cwd=tmp_path)
    assert result.returncode == 1
    assert "crawl.jsonl: line 2: not JSON" in result.stderr
    assert "crawl.jsonl: line 3: the text field 'text' holds int, not text" in result.stderr
    assert "crawl.csv: line 3: skipped (Expected Number of Columns: 2 Found: 3)" in result.stderr
    assert "Traceback" not in result.stderr
    kept = Store(db).sql("SELECT source FROM snapshots ORDER BY source")["source"].tolist()
    assert kept == ["a", "d", "e", "g"]


def test_a_text_column_of_numbers_is_named(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["x", "y"], "text": [1, 2]}), tmp_path / "numbers.parquet")
    result = run("parse", "numbers.parquet", cwd=tmp_path)
    assert result.returncode == 1
    assert "numbers.parquet: the text field 'text' holds BIGINT, not text" in result.stderr


def test_a_folder_that_links_back_to_itself_is_named_and_read_once(tmp_path):
    (tmp_path / "pages" / "asia").mkdir(parents=True)
    (tmp_path / "pages" / "asia" / "hk.txt").write_text("Hang Seng 26,889.61 -210.49 -0.78%\n", encoding="utf-8")
    (tmp_path / "pages" / "asia" / "back").symlink_to(tmp_path / "pages")
    result = run("parse", "pages", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert [r["index"] for r in json.loads(result.stdout)] == ["Hang Seng"]
    assert "back: a link back to" in result.stderr and "not followed" in result.stderr


def test_queries_without_a_store_say_so(tmp_path):
    result = run("latest", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "tickers: tickers.duckdb: no store here yet; fill one with `tickers ingest`"


def test_store_from_the_environment(tmp_path):
    env = {"TICKERS_DB": str(tmp_path / "env.duckdb")}
    assert run("ingest", "-", "--source", "wire", cwd=tmp_path, env=env, stdin="Dow 27,462.11 +114.75 +0.42%").returncode == 0
    rows = json.loads(run("latest", "--format", "json", cwd=tmp_path, env=env).stdout)
    assert [r["symbol"] for r in rows] == ["DJI"]


def test_source_names_one_document(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(SAMPLES), "--source", "x", "--db", str(tmp_path / "t.duckdb")])
    assert result.exit_code == 2 and "--source names one document" in result.output


def test_second_writer_exits_naming_the_holder(tmp_path):
    db = str(tmp_path / "t.duckdb")
    with writer_holding(db) as holder:
        result = run("ingest", "-", "--db", db, "--wait", "1", stdin="Dow 27,462.11 +114.75 +0.42%")
    assert result.returncode == 75
    expected = f"tickers: {db}: being written by process {holder.pid}; waited 1 s, try again when it has finished"
    assert result.stderr.strip() == expected


def test_a_writer_through_a_symlink_waits_for_the_writer_of_the_real_file(tmp_path):
    db = tmp_path / "t.duckdb"
    invoke("ingest", "-", "--db", str(db), stdin="Dow 27,462.11 +114.75 +0.42%")
    (tmp_path / "link.duckdb").symlink_to(db)
    with writer_holding(str(db)) as holder:
        result = run("ingest", "-", "--db", str(tmp_path / "link.duckdb"), "--wait", "1", stdin="FTSE 100 7,302.40 -0.17%")
    assert result.returncode == 75
    assert f"being written by process {holder.pid}" in result.stderr


_HOLD_OPEN = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("open", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_readers_wait_for_the_writer_as_long_as_asked(filled):
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_OPEN, filled, "3"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        impatient = run("latest", "--db", filled, "--wait", "0")
        patient = run("latest", "--db", filled, "--wait", "30", "--format", "json")
    finally:
        holder.wait()
        holder.stdout.close()
    assert impatient.returncode == 75 and "in use by" in impatient.stderr
    assert patient.returncode == 0 and json.loads(patient.stdout)


def _big_corpus(path, documents: int) -> None:
    names = ["Dow", "S&P 500", "Nasdaq", "FTSE 100", "DAX", "CAC 40", "Nikkei 225", "Hang Seng", "Sensex", "TASI"]
    with open(path, "w", encoding="utf-8") as out:
        for i in range(documents):
            strip = " | ".join(f"{n} {1000 + 37 * i + k:,}.{k:02d} +{k + 1}.50 +0.{k + 1:02d}%" for k, n in enumerate(names))
            text = f"Markets wrap, page {i}\n{strip}\nStocks moved on trade hopes, analysts said on page {i}.\n" * 3
            out.write(json.dumps({"id": f"doc-{i}", "date": f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": text}) + "\n")


def _consistent(db: str) -> int:
    store = Store(db, wait=30)
    bad = store.sql(
        """SELECT count(*) AS n FROM snapshots s
           WHERE records != (SELECT count(*) FROM quotes q WHERE q.snapshot_id = s.snapshot_id)"""
    )["n"][0]
    orphans = store.sql("SELECT count(*) AS n FROM quotes WHERE snapshot_id NOT IN (SELECT snapshot_id FROM snapshots)")["n"][0]
    assert bad == orphans == 0
    return int(store.sql("SELECT count(*) AS n FROM snapshots")["n"][0])


def test_ingest_killed_midway_leaves_a_consistent_store_and_a_rerun_completes(tmp_path):
    corpus, db = tmp_path / "big.jsonl", str(tmp_path / "t.duckdb")
    _big_corpus(corpus, 400)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tickers", "ingest", str(corpus), "--db", db, "--batch-size", "10"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    committed = 0
    while committed < 20 and time.monotonic() < deadline and writer.poll() is None:
        time.sleep(0.2)
        try:
            committed = int(Store(db, wait=0).sql("SELECT count(*) AS n FROM snapshots")["n"][0])
        except StoreError:
            continue  # not created yet, or the writer is committing
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    done = _consistent(db)
    assert 20 <= done < 400
    rerun = run("ingest", str(corpus), "--db", db)
    assert rerun.returncode == 0, rerun.stderr
    assert f"400 documents: {400 - done} snapshots" in rerun.stdout and f"{done} skipped" in rerun.stdout
    assert _consistent(db) == 400
    assert Store(db).sql("SELECT count(*) AS n FROM quotes")["n"][0] == 4000


def _descendants(pid: int) -> set[int]:
    """The processes under ``pid``, from /proc (Linux)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads processes from /proc")
def test_workers_end_when_their_writer_is_killed(tmp_path):
    corpus, db = tmp_path / "big.jsonl", str(tmp_path / "t.duckdb")
    _big_corpus(corpus, 1500)  # over the megabyte that makes workers worth starting
    writer = subprocess.Popen(
        [sys.executable, "-m", "tickers", "ingest", str(corpus), "--db", db, "--jobs", "2", "--batch-size", "50"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    helpers: set[int] = set()
    while len(helpers) < 3 and time.monotonic() < deadline and writer.poll() is None:
        time.sleep(0.2)
        helpers = _descendants(writer.pid)  # the fork server, its workers, the resource tracker
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert len(helpers) >= 3, "the workers did not start before the ingest ended"
    deadline = time.monotonic() + 15
    while any(_running(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in helpers if _running(p)]


def test_readers_get_in_while_an_ingest_runs(tmp_path):
    """The writer keeps the database open across batches, but lets it go often enough that
    readers with their usual patience are served while it ingests."""
    corpus, db = tmp_path / "big.jsonl", str(tmp_path / "t.duckdb")
    _big_corpus(corpus, 3000)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tickers", "ingest", str(corpus), "--db", db, "--batch-size", "20", "--jobs", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    counts = []
    try:
        deadline = time.monotonic() + 120
        # Read until five reads have seen quotes: the first ones may come before the first batch is in.
        while sum(1 for n in counts if n) < 5 and writer.poll() is None and time.monotonic() < deadline:
            if not os.path.exists(db):
                time.sleep(0.05)
                continue
            counts.append(len(Store(db, wait=3).latest()))  # StoreBusy here fails the test
        assert writer.poll() is None, "the ingest finished before the readers were done"
    finally:
        writer.kill()
        writer.wait()
    assert sum(1 for n in counts if n) == 5


def test_extracted_shards_ingest_as_the_documents_do(tmp_path):
    shards = tmp_path / "shards"
    extracted = invoke("extract", str(SAMPLES), "--out", str(shards), "--as-of", "2019-11-29", "--jobs", "2")
    assert extracted.exit_code == 0, extracted.output
    assert sorted(p.name for p in shards.iterdir()) == ["year=2019"]
    (shards / "_SUCCESS").write_text("")  # what Spark and Hadoop leave beside their output
    stores = {}
    for name, args in (("shards", [str(shards)]), ("documents", [str(SAMPLES), "--as-of", "2019-11-29"])):
        stores[name] = str(tmp_path / f"{name}.duckdb")
        result = invoke("ingest", *args, "--db", stores[name])
        assert result.exit_code == 0 and " 0 skipped" in result.output, result.output
    query = "SELECT * EXCLUDE (ingested_at) FROM snapshots JOIN quotes USING (snapshot_id) ORDER BY ALL"
    assert Store(stores["shards"]).sql(query).equals(Store(stores["documents"]).sql(query))
    again = invoke("ingest", str(shards), "--db", stores["shards"])
    assert again.output.split(": ", 1)[1].startswith(f"{sample_documents()} documents: 0 snapshots")
    [shard] = (shards / "year=2019").iterdir()
    parsed = CliRunner().invoke(cli, ["parse", str(shard)])
    assert parsed.exit_code == 1
    assert f"{shard}: rows extracted already, not documents; `tickers ingest` takes it" in parsed.stderr


@pytest.mark.parametrize("fmt", ["csv", "ndjson", "json", "table"])
def test_a_reader_that_leaves_early_is_no_failure(tmp_path, fmt):
    """`tickers sql … | head -1`: the pipe closes under the writer; the command still succeeds."""
    db = tmp_path / "s.duckdb"
    assert run("ingest", "--db", str(db), str(SAMPLES / "001_us_close_pipe_strip.txt")).returncode == 0
    command = [sys.executable, "-m", "tickers", "sql", "--db", str(db), "SELECT * FROM range(30000)", "--format", fmt]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.readline()
    reader.stdout.close()
    assert reader.wait(timeout=120) == 0
    assert reader.stderr.read() == b""


def test_debug_is_an_option_of_every_command(tmp_path):
    db = tmp_path / "s.duckdb"
    assert run("--debug", "ingest", "--db", str(db), str(SAMPLES / "001_us_close_pipe_strip.txt")).returncode == 0
    latest = run("--debug", "latest", "--db", str(db), "--format", "csv")
    assert latest.returncode == 0 and latest.stdout.startswith("index,")


def test_the_store_may_be_named_before_the_command(tmp_path):
    db, other = tmp_path / "s.duckdb", tmp_path / "other.duckdb"
    assert run("--db", str(db), "ingest", str(SAMPLES / "001_us_close_pipe_strip.txt")).returncode == 0
    before = run("--db", str(db), "latest", "--format", "csv")
    after = run("latest", "--db", str(db), "--format", "csv")
    from_env = run("latest", "--format", "csv", env={"TICKERS_DB": str(db)})
    assert before.returncode == after.returncode == from_env.returncode == 0
    assert before.stdout == after.stdout == from_env.stdout and before.stdout.count("\n") > 3
    named_last = run("--db", str(db), "latest", "--db", str(other))  # the command's own --db wins
    assert named_last.returncode == 1 and str(other) in named_last.stderr


def _on_a_terminal(*args: str, columns: int) -> str:
    """What a command prints on a terminal ``columns`` wide (a pseudo-terminal, as a user's)."""
    import pty
    import select

    master, child = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "50", "TERM": "dumb", "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "tickers", *args], stdout=child, stderr=child, env=env, cwd=ROOT)
    os.close(child)
    out = b""
    while select.select([master], [], [], 60)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=60)
    os.close(master)
    return out.decode("utf-8")


def test_latest_on_an_80_column_terminal_cuts_no_number_in_two(tmp_path):
    db = str(tmp_path / "s.duckdb")
    assert run("ingest", "--db", db, str(SAMPLES)).returncode == 0
    shown = _on_a_terminal("latest", "--db", db, columns=80)
    lines = shown.splitlines()
    assert lines and max(len(line) for line in lines) <= 80
    rows = list(csv.DictReader(io.StringIO(run("latest", "--db", db, "--format", "csv").stdout)))
    cells = {cell.strip() for line in lines for cell in line.split("│")}
    for row in rows:
        for field in ("value", "change", "pct_change"):
            assert row[field] == "" or row[field] in cells, (field, row[field])
        assert row["observed_at"][:16].replace("T", " ") in cells  # a time, to the minute, on one line


def test_reparse_reads_the_stored_pages_again_with_a_new_layout(tmp_path):
    db, layout, page = tmp_path / "s.duckdb", tmp_path / "fund.toml", tmp_path / "fund.txt"
    layout.write_text('name = "fund"\ndescription = "labels"\n[labels]\nvalue = ["Kurslevel"]\npct_change = ["Bewegung"]\n')
    page.write_text("Index: XYZQ | Kurslevel: 1.234,50 | Bewegung: +0,42 %\nDow 27,462.11 +114.75 +0.42%\n")
    assert run("ingest", "--db", str(db), str(page)).returncode == 0
    same = run("reparse", "--db", str(db))
    assert same.returncode == 0 and "0 snapshots read again" in same.stdout
    newer = run("reparse", "--db", str(db), "--grammar", str(layout), "--where", "source LIKE '%fund%'")
    assert newer.returncode == 0, newer.stderr
    assert "1 snapshots read again: 1 records before, 2 after (1 gained, 0 lost, 0 changed)" in newer.stdout
    names = run("sql", "--db", str(db), "SELECT name FROM quotes ORDER BY name", "--format", "csv").stdout.split()
    assert names == ["name", "Dow", "XYZQ"]
