"""Which HTML-to-text reader: each snippet of the golden and real corpora that holds HTML
markup, converted whole by each reader and parsed; records right, wrong and extra against
the labels, and the readers' speed on those snippets.

    pip install -e '.[bench]' && python bench/html_readers.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from inscriptis import get_text
from resiliparse.extract.html2text import extract_plain_text
from tables import CORPORA, REAL, judge, rows

import tickers
from tickers.html import html_text

READERS = {
    "as text (tags blanked line by line)": lambda t: t,
    "selectolax walker (tickers.html)": html_text,
    "resiliparse extract_plain_text": lambda t: extract_plain_text(t, preserve_formatting=True, list_bullets=False),
    "inscriptis get_text": get_text,
}


def main() -> None:
    cases = [(t, r) for c in [*REAL, *CORPORA] for _, t, r in rows(c) if re.search(r"<(td|li|div|span|tr|p)\b", t, re.I)]
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


if __name__ == "__main__":
    main()
