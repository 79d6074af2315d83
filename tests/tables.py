"""The golden corpora in tests/golden/, and comparing parsed records with them.

Shared by the test suite and ``bench/accuracy.py``.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from tickers.registry import name_key

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).parent.parent
NUMBER_FIELDS = ("value", "change", "pct_change")
# file: (table key, id key, where the text is: "text" or a "file" path)
CORPORA = {
    "cases.toml": ("case", "id", "text"),
    "samples.toml": ("sample", "file", "file"),
    "prose.toml": ("prose", "id", "text"),
    "wild.toml": ("case", "id", "text"),
    "negatives.toml": ("negative", "id", "text"),
    "pages.toml": ("page", "file", "file"),
    "fresh.toml": ("case", "id", "text"),
    "final.toml": ("case", "id", "text"),
    "pages2.toml": ("page", "file", "file"),
}


def load(name: str) -> dict:
    return tomllib.loads((GOLDEN / name).read_text(encoding="utf-8"))


def rows(corpus: str):
    """``(id, text, row)`` for every row of a corpus."""
    key, id_key, where = CORPORA[corpus]
    for row in load(corpus)[key]:
        text = (ROOT / row["file"]).read_text(encoding="utf-8") if where == "file" else row["text"]
        yield str(row[id_key]), text, row


def same(quote, want: dict) -> bool:
    """Is ``quote`` the expected record? A known index identifies it whatever its
    spelling; any other record, its name. Then every number given must be equal."""
    if "index" in want:
        if want["index"] != quote.index:
            return False
    elif "name" in want and name_key(want["name"]) != name_key(quote.name):
        return False
    return all(f not in want or _number(want[f]) == getattr(quote, f) for f in NUMBER_FIELDS)


def _number(text: str) -> Decimal | None:
    return None if text == "none" else Decimal(text)


def mismatches(quotes, expect: list[dict], truncated_allowed: bool = False) -> list[str]:
    """What differs between parsed ``quotes`` and the expected records, in order (empty: all agree)."""
    got = list(quotes)
    if truncated_allowed and len(got) == len(expect) + 1 and got[-1].confidence < 0.5:
        got = got[:-1]
    problems = []
    if len(got) != len(expect):
        problems.append(f"expected {len(expect)} records, got {len(got)}: {[q.name for q in got]}")
    for i, (q, e) in enumerate(zip(got, expect, strict=False)):
        if not same(q, e):
            shown = {k: str(getattr(q, k)) for k in ("name", "index", *NUMBER_FIELDS)}
            problems.append(f"record {i + 1}: got {shown}, expected {e}")
    return problems
