"""Real inputs: HTML pages, web archives and compressed files, read into real stores."""

from __future__ import annotations

import bz2
import gzip
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zstandard
from tables import ROOT
from test_store_cli import run
from warcs import archive, record

from tickers import Store
from tickers.reading import Fields, documents
from tickers.reading.html import html_text, looks_like_html

PAGE = ROOT / "samples" / "029_portal_markets_page.html"
WARC = ROOT / "samples" / "030_crawl_segment.warc.gz"
STRIP = "Dow 27,462.11 +114.75 +0.42%\nFTSE 100 7,302.42 -25.61 -0.35%\n"
PACK = {".gz": gzip.compress, ".bz2": bz2.compress, ".zst": zstandard.ZstdCompressor().compress}


def quotes(db: Path) -> list[tuple]:
    return [tuple(r) for r in Store(db).sql("SELECT name, value, pct_change FROM quotes ORDER BY name").itertuples(index=False)]


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<ul><li>Dow <b>27,462.11</b> <i>+0.42%</i></li><li>Nasdaq 8,386.40</li></ul>", "Dow 27,462.11 +0.42%\nNasdaq 8,386.40"),
        (
            "<table><tr><th>Index</th><th>Last</th></tr><tr><td>DAX</td><td>12.961,05</td></tr></table>",
            "Index | Last\nDAX | 12.961,05",
        ),
        ("<tr><td>DAX</td><td>12.961,05</td></tr>", "DAX | 12.961,05"),  # rows without their table
        ("<p>Dow</p><p>27,462.11</p>", "Dow\n\n27,462.11"),  # paragraphs set apart
        ("<div><span>GRAM ALTIN</span>\n<span>165,8645</span></div>", "GRAM ALTIN\n165,8645"),  # the author's line breaks
        ("<head><title>Dow 27,000 soon?</title></head><body>x <script>track(1)</script><style>.a{}</style>y</body>", "x y"),
        (
            '<body><script>var feed = [{"n": "Dow", "v": "27,462.11"}];</script></body>',
            'var feed = [{"n": "Dow", "v": "27,462.11"}];',
        ),
        ("<p>S&amp;P&nbsp;500 <!-- hidden 1,234 -->3,066.91</p>", "S&P 500 3,066.91"),
        (  # code-it-wefed-tabella-indici-html (fresh2 dev): a header over an arrow's column and a number's
            '<tr><th>Mercati</th><th>Valore</th><th colspan="2">Tendenza %</th></tr>'
            '<tr><td>FTSE MIB</td><td>22.583,66</td><td><i class="up"></i></td><td>0,91</td></tr>'
            '<tr><td colspan="3">Fonte</td><td>x</td></tr>',
            "Mercati | Valore | | Tendenza %\nFTSE MIB | 22.583,66 | | 0,91\nFonte | | | x",
        ),
    ],
)
def test_html_becomes_lines_and_cells(html, text):
    assert html_text(html) == text


def test_only_pages_are_taken_for_html():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  <html lang='en'><p>x</p></html>")
    assert not looks_like_html("Dow 27,462.11 <b>+0.42%</b>\nFTSE 100 7,302.42")  # text that kept a tag


def test_an_html_file_gives_its_bar_table_and_feed(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).ingest(PAGE)
    names = [q[0] for q in quotes(db)]
    assert sorted(names) == sorted(
        ["Dow", "S&P 500", "Nasdaq", "FTSE 100", "DAX", "CAC 40", "Nikkei 225", "Hang Seng", "Gold", "EUR/USD"]
    )
    assert "Markets close mixed as oil slides" not in names  # the title and the headline are no names


def test_html_in_a_corpus_field_is_read_as_a_page(tmp_path):
    corpus = tmp_path / "pages.jsonl"
    page = PAGE.read_text(encoding="utf-8")
    corpus.write_text(json.dumps({"url": "https://ledger.example/a", "html": page}) + "\n", encoding="utf-8")
    docs = list(documents(corpus, fields=Fields(text="html")))
    assert len(docs) == 1 and "DAX | 12,961.05 | +54.04" in docs[0].text and "<td>" not in docs[0].text


@pytest.mark.parametrize("suffix", [".gz", ".bz2", ".zst"])
@pytest.mark.parametrize("kind", ["txt", "html", "jsonl", "csv", "tsv"])
def test_every_input_kind_reads_compressed(tmp_path, kind, suffix):
    plain = {
        "txt": STRIP,
        "html": "<!DOCTYPE html><html><body><ul>"
        + "".join(f"<li>{line}</li>" for line in STRIP.splitlines())
        + "</ul></body></html>",
        "jsonl": json.dumps({"id": "a", "text": STRIP}) + "\n",
        "csv": "id,text\n" + f'a,"{STRIP}"\n',
        "tsv": "id\ttext\n" + "a\t" + STRIP.replace("\n", " | ") + "\n",
    }[kind]
    path = tmp_path / f"doc.{kind}{suffix}"
    path.write_bytes(PACK[suffix](plain.encode()))
    db = tmp_path / "s.duckdb"
    summary = Store(db).ingest(path)
    assert summary.documents == 1
    assert quotes(db) == [("Dow", 27462.11, 0.42), ("FTSE 100", 7302.42, -0.35)]


def test_a_broken_compressed_file_is_named_and_the_rest_is_kept(tmp_path):
    (tmp_path / "bad.txt.zst").write_bytes(b"not zstd at all")
    (tmp_path / "bad.jsonl.bz2").write_bytes(b"not bzip2")
    (tmp_path / "good.txt.gz").write_bytes(gzip.compress(STRIP.encode()))
    result = run("ingest", "--db", str(tmp_path / "s.duckdb"), str(tmp_path))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "bad.txt.zst" in result.stderr and "bad.jsonl.bz2" in result.stderr
    assert len(quotes(tmp_path / "s.duckdb")) == 2


def _crawl(tmp_path: Path, compressed: bool) -> Path:
    page = PAGE.read_bytes()
    records = [
        record("https://ledger.example/close", "2019-11-05T21:40:00Z", page),
        record("https://ledger.example/logo.png", "2019-11-05T21:40:01Z", b"\x89PNG\r\n", "image/png"),
        record("https://ledger.example/wet", "2019-11-06T08:00:00Z", STRIP.encode(), kind="conversion"),
    ]
    path = tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc")
    path.write_bytes(archive(records, compressed))
    return path


@pytest.mark.parametrize("compressed", [False, True])
def test_a_web_archive_gives_its_pages_with_uri_and_date(tmp_path, compressed):
    path = _crawl(tmp_path, compressed)
    db = tmp_path / "s.duckdb"
    summary = Store(db).ingest(path)
    assert summary.documents == 2  # the image is no page
    snaps = Store(db).sql("SELECT source, observed_at, observed_from FROM snapshots ORDER BY source")
    assert list(snaps["source"]) == ["https://ledger.example/close", "https://ledger.example/wet"]
    assert [t.to_pydatetime() for t in snaps["observed_at"]] == [
        datetime(2019, 11, 5, 21, 35, tzinfo=UTC),  # the page's own metadata, before the crawl's 21:40
        datetime(2019, 11, 6, 8, 0, tzinfo=UTC),  # a WET record without a dateline: the crawl's date
    ]
    assert list(snaps["observed_from"]) == ["page", "warc"]
    assert len(quotes(db)) == 12


def test_as_of_comes_before_the_page_and_the_crawl_date(tmp_path):
    db = tmp_path / "s.duckdb"
    result = run("ingest", "--db", str(db), "--as-of", "2019-11-05T16:00:00Z", str(_crawl(tmp_path, True)))
    assert result.returncode == 0, result.stderr
    snaps = Store(db).sql("SELECT DISTINCT observed_from FROM snapshots")
    assert list(snaps["observed_from"]) == ["as_of"]


def test_the_sample_crawl_reads_from_the_command_line(tmp_path):
    result = run("parse", "--format", "json", str(WARC))
    assert result.returncode == 0, result.stderr
    names = [r["name"] for r in json.loads(result.stdout)]
    assert names == ["Tadawul All Share", "DFM General", "ADX General", "Qatar Exchange"]


def test_a_path_given_as_text_is_refused_with_a_message(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(STRIP, encoding="utf-8")
    store = Store(tmp_path / "s.duckdb")
    summary = store.ingest(str(page))
    assert summary.documents == 0 and summary.snapshots == 0
    assert summary.failed == [f"{page}: a file's path given as text; pass Path({str(page)!r}) to read the file"]
    assert store.ingest(page).records == 2  # as a Path it is read
    assert store.ingest("Dow 27,462.11 +114.75 +0.42%").records == 1  # a text that names no file is a text


def test_html_flag_reads_fragments_as_html(tmp_path):
    fragment = tmp_path / "bar.txt"
    fragment.write_text("<ul><li>Dow <b>27,462.11</b> +114.75 +0.42%</li><li>FTSE 100 7,302.42 -25.61 -0.35%</li></ul>")
    as_html = run("parse", "--html", "--format", "json", str(fragment))
    assert as_html.returncode == 0, as_html.stderr
    assert [(r["name"], r["raw"]) for r in json.loads(as_html.stdout)] == [
        ("Dow", "Dow 27,462.11 +114.75 +0.42%"),
        ("FTSE 100", "FTSE 100 7,302.42 -25.61 -0.35%"),
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": fragment.read_text()}) + "\n")
    db = tmp_path / "s.duckdb"
    assert run("ingest", "--html", "--db", str(db), str(corpus)).returncode == 0
    assert [q[0] for q in quotes(db)] == ["Dow", "FTSE 100"]


def test_text_files_are_observed_at_their_dateline(tmp_path):
    page = tmp_path / "close.txt"
    page.write_text("The Evening Bell\nThursday, Nov. 7, 2019 — 4:35 p.m. ET\n\n" + STRIP, encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text(STRIP.replace("27,462.11", "27,492.56"), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    Store(db).ingest([page, undated])
    snaps = Store(db).sql("SELECT observed_at, observed_from FROM snapshots ORDER BY source")
    assert snaps["observed_at"][0].to_pydatetime() == datetime(2019, 11, 7, 21, 35, tzinfo=UTC)
    assert list(snaps["observed_from"]) == ["page", "ingested"]


@pytest.mark.parametrize("suffix", [".bz2", ".zst"])
def test_web_archives_read_compressed_as_every_input(tmp_path, suffix):
    page = PAGE.read_bytes()
    path = tmp_path / f"crawl.warc{suffix}"
    path.write_bytes(PACK[suffix](archive([record("https://ledger.example/close", "2019-11-05T21:40:00Z", page)])))
    docs = list(documents(path))
    assert [d.source for d in docs] == ["https://ledger.example/close"]
    assert "DAX | 12,961.05 | +54.04" in docs[0].text


def test_a_file_is_observed_at_its_modification_time_only_when_asked(tmp_path):
    page = tmp_path / "undated.txt"
    page.write_text(STRIP, encoding="utf-8")
    stamp = datetime(2019, 11, 5, 16, 30, tzinfo=UTC).timestamp()
    os.utime(page, (stamp, stamp))
    for flags, basis in ((["--file-time"], "file"), ([], "ingested"), (["--file-time", "--as-of", "2020-01-01"], "as_of")):
        db = tmp_path / f"{basis}.duckdb"
        assert run("ingest", "--db", str(db), *flags, str(page)).returncode == 0
        snaps = Store(db).sql("SELECT observed_at, observed_from FROM snapshots")
        assert list(snaps["observed_from"]) == [basis]
    assert Store(tmp_path / "file.duckdb").sql("SELECT observed_at FROM snapshots")["observed_at"][0].year == 2019
