"""Prose mode: the facts of report sentences, opt-in; the default mode reads no sentence."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import duckdb
import pytest

import tickers
from tickers.layouts import load_layouts

EXAMPLES = load_layouts().prose_examples


def _facts(quotes) -> list[tuple]:
    return [(q.index, *(None if f is None else str(f) for f in (q.value, q.change, q.pct_change))) for q in quotes]


def _expected(records: list[dict]) -> list[tuple]:
    def field(v: str):
        return None if v == "none" else v

    return [(r["index"], field(r["value"]), field(r["change"]), field(r["pct_change"])) for r in records]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['file']}:{e['text'][:30]}" for e in EXAMPLES])
def test_layout_prose_examples(example):
    quotes = tickers.parse(example["text"], prose=True)
    assert _facts(quotes) == _expected(example["expect"])
    assert all("prose" in q.repairs for q in quotes)
    assert tickers.parse(example["text"]) == []  # the default mode reads no sentence


def test_prose_examples_cover_the_languages_the_issue_names():
    languages = "".join(e["text"] for e in EXAMPLES)
    # English, German, French, Spanish, Portuguese, Italian, Turkish, Russian, Arabic, Persian,
    # Hindi, Korean, Japanese, Chinese
    samples = ("Nikkei 225 was", "schloss", "a terminé", "cerró", "fechou", "ha chiuso", "endeksi", "Мосбиржи")
    samples += ("إيجي إكس", "شاخص", "सेंसेक्स", "코스피", "日経平均株価", "道瓊")
    for sample in samples:
        assert sample in languages


def test_a_fact_keeps_its_sentence_as_raw_and_span():
    text = "Dow 27,462.11 +114.75 +0.42%\nElsewhere, the FTSE 100 closed 12.5 points lower at 7,302.4 on Friday."
    strip, fact = tickers.parse(text, prose=True)
    assert strip.repairs == () and strip.index == "Dow Jones Industrial Average"
    assert fact.index == "FTSE 100" and (fact.value, fact.change) == (Decimal("7302.4"), Decimal("-12.5"))
    assert fact.raw == text[fact.span[0] : fact.span[1]] == text.splitlines()[1]
    assert fact.line == 2 and fact.repairs == ("prose",) and fact.confidence < 0.95


def test_default_mode_reads_no_sentence_after_a_strip():
    text = "Dow 27,462.11 +114.75 +0.42%\nThe Dow rose 0.4% on Monday."
    assert [q.value for q in tickers.parse(text)] == [Decimal("27462.11")]


@pytest.mark.parametrize(
    "sentence",
    [
        "이날 코스피는 직전 장보다 4.22포인트(0.17%) 올라 2432.07로 거래를 끝냈다.",
        "恒生中國企業指數收報8913，跌77點或0.9%；恒生科技指數收報5515，跌62點或1.1%。",
        "The Nasdaq composite gained 119.70 points, or 1%, to 11,829.29.",
    ],
)
def test_default_mode_reads_no_report_sentence(sentence):
    assert tickers.parse(sentence) == []
    assert tickers.parse(sentence, prose=True)


def test_default_mode_reads_no_paragraph_of_market_sentences():
    text = (
        "The dollar added 0.6% to 127.93 yen, and the euro lost 0.6% to $1.1721. The Dow Jones Industrial Average "
        "rose 502.78 points, or 1.4%, to 35,024.55, and the Nasdaq Composite lost 1.7% to 15,018.83.\n"
        "Brent crude rose 1.2% to $62.13 a barrel, while gold slipped 0.5% to $1,505 an ounce. The FTSE 100 "
        "gained 47.41 points, or 0.6%, to 7,499.66."
    )
    assert tickers.parse(text) == []
    assert {q.index for q in tickers.parse(text, prose=True)} == {"Dow Jones Industrial Average", "Nasdaq Composite", "FTSE 100"}


def test_lines_in_words_one_after_another_are_a_list_the_default_mode_reads():
    text = "The S&P 500 rose 44.06 points, or 1.1%, to 3,925.43.\n\nThe Nasdaq rose 132.77 points, or 1%, to 13,597.97."
    assert [q.index for q in tickers.parse(text)] == ["S&P 500", "Nasdaq Composite"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The KOSPI is down 8.01% so far this year.",  # another period
        "For the week, the Dow was up 1,156.41 points, or 4.1%.",
        "Going by futures, the ASX 200 is expected to open 22 points or 0.3 per cent higher.",  # a forecast
        "The FTSE 100 hit an all-time high of 8,000 in 2024.",  # another number of the index
        "The Acme Widget Index rose 2.1% to 1,234.5.",  # a name the registry does not know
        "The yen weakened 0.3% to 140.5 per dollar.",
        "Nifty PSU Bank index finished down 0.68% at 8303.05 today.",  # a longer name than a known one
    ],
)
def test_prose_mode_refuses(sentence):
    assert tickers.parse(sentence, prose=True) == []


def test_a_level_the_index_never_had_is_no_level():
    (fact,) = tickers.parse("The Nikkei rose 1.2%, while the yen fell to 140.5 per dollar.", prose=True)
    assert fact.value is None and fact.pct_change == Decimal("1.2")


def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "tickers", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_cli_parse_and_ingest_in_prose_mode(tmp_path):
    page = tmp_path / "wrap.txt"
    page.write_text("Markets wrap\n\nO Ibovespa fechou em alta de 9,69%, aos 69.729,30 pontos.\n", encoding="utf-8")
    default = _run("parse", str(page), "--format", "json")
    assert default.returncode == 0 and json.loads(default.stdout) == []
    prose = _run("parse", str(page), "--format", "json", "--prose")
    assert prose.returncode == 0, prose.stderr
    (record,) = json.loads(prose.stdout)
    assert record["index"] == "Bovespa" and record["repairs"] == ["prose"]

    db = tmp_path / "store.duckdb"
    first = _run("ingest", str(page), "--db", str(db), "--jobs", "1")
    again = _run("ingest", str(page), "--db", str(db), "--jobs", "1", "--prose")
    assert first.returncode == 0 and again.returncode == 0, again.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        snapshots = con.execute("SELECT records FROM snapshots ORDER BY records").fetchall()
        quotes = con.execute("SELECT index, value, repairs FROM quotes").fetchall()
    assert snapshots == [(0,), (1,)]  # the prose reading is a snapshot of its own, not "seen before"
    assert quotes == [("Bovespa", Decimal("69729.30"), ["prose"])]


def test_store_ingest_prose(tmp_path):
    store = tickers.Store(tmp_path / "s.duckdb")
    summary = store.ingest(["코스피는 20.06포인트(0.92%) 상승한 2,197.16에 마감했다."], source="wire", prose=True)
    assert summary.documents == 1
    latest = store.latest()
    assert list(latest["index"]) == ["KOSPI"] and float(latest["value"].iloc[0]) == 2197.16


def test_a_fact_names_its_line_as_str_splitlines_counts_lines():
    """Found by bench/fuzz.py: lines broken by a carriage return or U+2028 count too."""
    text = "Intro\rMore\u2028words\nThe FTSE 100 closed 12.5 points lower at 7,302.4."
    (fact,) = tickers.parse(text, prose=True)
    assert fact.line == len((text[: fact.span[0]] + "x").splitlines()) == 4
