"""Golden cases: tables of real-looking ticker text and what it must yield.

Every corpus in tests/golden/ runs through one test. Rows name where they came
from (``source``, ``style``) and the layouts and damages they exercise; see the
README for which corpora were written independently of the parser. Known
failures carry ``xfail = "why"`` and are strict: fixing one turns the suite red
until someone moves it.
"""

from __future__ import annotations

import pytest
from tables import CORPORA, mismatches, rows

import tickers


def _params() -> list:
    out = []
    for corpus in CORPORA:
        for ident, text, row in rows(corpus):
            marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
            out.append(pytest.param(text, row, id=f"{corpus.removesuffix('.toml')}:{ident}", marks=marks))
    return out


@pytest.mark.parametrize("text, row", _params())
def test_golden(text, row):
    quotes = tickers.parse(text)
    assert mismatches(quotes, row.get("expect", []), row.get("truncated_allowed", False)) == []
