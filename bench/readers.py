"""Which readers of HTML and of web archives.

HTML to text: each snippet of the golden and real corpora that holds HTML markup, converted
whole by each reader and parsed; records right, wrong and extra against the labels, and the
readers' speed on those snippets. WARC: FastWARC and warcio reading the same gzipped
archive of 3,000 pages (response records, their HTTP bodies).

    pip install -e '.[bench]' && python bench/readers.py
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType
from inscriptis import get_text
from resiliparse.extract.html2text import extract_plain_text
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

import tickers
from tickers.reading.html import html_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from tables import CORPORA, REAL, ROOT, judge, rows
from warcs import archive, record

# The parts the reader was chosen on; the second fresh set came later (its held half stays untouched).
MEASURED = [*(c for c in REAL if not c.startswith("real/fresh2")), *CORPORA]

READERS = {
    "as text (tags blanked line by line)": lambda t: t,
    "selectolax walker (tickers.html)": html_text,
    "resiliparse extract_plain_text": lambda t: extract_plain_text(t, preserve_formatting=True, list_bullets=False),
    "inscriptis get_text": get_text,
}


def main() -> None:
    cases = [(t, r) for c in MEASURED for _, t, r in rows(c) if re.search(r"<(td|li|div|span|tr|p)\b", t, re.I)]
    megabytes = sum(len(t.encode()) for t, _ in cases) / 1e6
    print(f"{len(cases)} snippets with HTML markup, {megabytes * 1000:.0f} KB")
    for name, read in READERS.items():
        start = time.perf_counter()
        for _ in range(20):
            texts = [read(t) for t, _ in cases]
        rate = megabytes * 20 / (time.perf_counter() - start)
        right = wrong = extra = labelled = 0
        for (_, row), text in zip(cases, texts, strict=True):
            verdicts = [
                v for _, v, _ in judge(tickers.parse(text), row.get("expect", []), row.get("truncated_allowed", False)).verdicts
            ]
            right += verdicts.count("right")
            wrong += verdicts.count("wrong") + verdicts.count("misnamed")
            extra += verdicts.count("extra")
            labelled += sum(1 for w in row.get("expect", []) if not w.get("unsure"))
        speed = "" if read is READERS["as text (tags blanked line by line)"] else f"{rate:8.1f} MB/s"
        print(f"{name:38s} right {right:3d} of {labelled}  wrong {wrong:2d}  extra {extra:2d}  {speed}")


def warc_readers() -> None:
    page = (ROOT / "samples" / "029_portal_markets_page.html").read_bytes()
    records = [record(f"https://ledger.example/{i}", "2019-11-05T21:40:00Z", page) for i in range(3000)]
    size = sum(map(len, records)) / 1e6
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.warc.gz"
        path.write_bytes(archive(records, compressed=True))
        for name, read in (("FastWARC", _fastwarc), ("warcio", _warcio)):
            start = time.perf_counter()
            count = read(path)
            print(f"{name:10s} {count} pages, {size / (time.perf_counter() - start):6.0f} MB/s of records")


def _fastwarc(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for r in ArchiveIterator(stream, record_types=WarcRecordType.response) if r.parse_http() or r.reader.read())


def _warcio(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for r in WarcioIterator(stream) if r.rec_type == "response" and r.content_stream().read())


if __name__ == "__main__":
    main()
    warc_readers()
