"""The real ``tickers`` command, run as a subprocess, on real files."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from tables import ROOT

from tickers.quote import FIELDS

SEED = ROOT / "samples" / "000_seed_tehran_leader.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tickers", *args], input=stdin, capture_output=True, timeout=120, cwd=ROOT)


def test_table_lists_the_seed_strip():
    result = run("parse", str(SEED))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    for name in ("Samba", "Joga", "Bra", "HangSang", "NasDaq", "S&P500", "Dow", "Hang Seng", "glued_name"):
        assert name in out
    assert "EghtesadOnline" not in out


def test_json_keys_are_the_quote_fields():
    result = run("parse", str(SEED), "--format", "json")
    rows = json.loads(result.stdout)
    assert result.returncode == 0
    assert len(rows) == 7
    assert all(list(r) == list(FIELDS) for r in rows)
    hsi = next(r for r in rows if r["symbol"] == "HSI")
    assert (hsi["value"], hsi["line"], hsi["raw"]) == ("20370", 5, "HangSang20 370 400% -20%")


def test_ndjson_and_csv_agree_with_json():
    as_json = json.loads(run("parse", str(SEED), "--format", "json").stdout)
    ndjson = [json.loads(line) for line in run("parse", str(SEED), "--format", "ndjson").stdout.decode().splitlines()]
    rows = list(csv.DictReader(io.StringIO(run("parse", str(SEED), "--format", "csv").stdout.decode())))
    assert ndjson == as_json
    assert [r["value"] for r in rows] == [r["value"] for r in as_json]
    assert rows[3]["repairs"] == ";".join(as_json[3]["repairs"])


def test_standard_input():
    result = run("parse", "-", "--format", "ndjson", stdin=b"Dow 27,462.11 +114.75 +0.42%\n")
    [row] = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert (row["index"], row["value"], row["change"], row["pct_change"]) == (
        "Dow Jones Industrial Average",
        "27462.11",
        "114.75",
        "0.42",
    )


def test_min_confidence_filters():
    every = json.loads(run("parse", str(SEED), "--format", "json").stdout)
    rows = json.loads(run("parse", str(SEED), "--format", "json", "--min-confidence", "0.5").stdout)
    assert rows == [r for r in every if r["confidence"] >= 0.5]
    assert 0 < len(rows) < len(every)


def test_folder_adds_a_file_column(tmp_path):
    (tmp_path / "a.txt").write_text("Dow 27,462.11 +114.75 +0.42%\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("FTSE 100 7,302.40 -12.50 -0.17%\n", encoding="utf-8")
    rows = json.loads(run("parse", str(tmp_path), "--format", "json").stdout)
    expected = [(str(tmp_path / "a.txt"), "DJI"), (str(tmp_path / "sub" / "b.txt"), "UKX")]
    assert [(r["file"], r["symbol"]) for r in rows] == expected


def test_missing_file_is_named_and_the_rest_still_parsed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Dow 27,462.11 +114.75 +0.42%\n", encoding="utf-8")
    result = run("parse", str(tmp_path / "nope.txt"), str(good), "--format", "json")
    err = result.stderr.decode()
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.txt'}: no such file" in err
    assert "Traceback" not in err
    assert [r["symbol"] for r in json.loads(result.stdout)] == ["DJI"]


def test_undecodable_bytes_are_replaced_with_a_warning(tmp_path):
    page = tmp_path / "latin1.txt"
    page.write_bytes("Caf\xe9 news\nDow 27,462.11 +114.75 +0.42%\n".encode("latin-1"))
    result = run("parse", str(page), "--format", "json")
    assert result.returncode == 0
    assert re.search(rf"{re.escape(str(page))}: invalid UTF-8 at byte 3", result.stderr.decode())
    assert [r["symbol"] for r in json.loads(result.stdout)] == ["DJI"]


def test_bad_grammar_file_stops_with_its_name(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[labels\n", encoding="utf-8")
    result = run("parse", str(SEED), "--grammar", str(bad))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert str(bad) in err and "not a valid TOML" in err and "Traceback" not in err


def test_user_registry_names_an_unknown_index(tmp_path):
    reg = tmp_path / "mine.toml"
    reg.write_text(
        '[[index]]\nname = "Samba Composite"\nsymbol = "SMB"\nrange = [10, 5000]\naliases = ["Samba"]\n', encoding="utf-8"
    )
    rows = json.loads(run("parse", str(SEED), "--format", "json", "--registry", str(reg)).stdout)
    assert (rows[0]["name"], rows[0]["index"], rows[0]["symbol"]) == ("Samba", "Samba Composite", "SMB")


COMMANDS = ["parse", "ingest", "reparse", "extract", "latest", "history", "snapshots", "show", "sql", "export"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples_and_is_documented(command):
    result = run(command, "--help")
    shown = result.stdout.decode()
    assert result.returncode == 0 and len(shown.splitlines()) > 5
    examples = shown.split("Examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert examples and all(line.strip().startswith("tickers ") or "| tickers" in line for line in examples)
    assert f"tickers {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_command_list_shows_whole_summaries():
    listed = run("--help").stdout.decode()
    for command in COMMANDS:
        line = next(line for line in listed.splitlines() if line.strip().startswith(command + " "))
        assert not line.rstrip().endswith("..."), line


def test_bad_option_is_a_usage_error():
    result = run("parse", "--format", "xml")
    assert result.returncode == 2 and "Invalid value for '--format'" in result.stderr.decode()
