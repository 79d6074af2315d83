"""Telling quotes from look-alikes: a table's header, whole-number percentages, lone entries."""

from __future__ import annotations

import pytest

import tickers
from tickers.columns import foreign_spans
from tickers.layouts import load_layouts
from tickers.strips import find_blocks

LAYOUTS = load_layouts()
ROWS = "\nItaly | 12,462 | +2,313 | +22.8%\nSpain | 2,277 | +622 | +37.6%"

# header above the same rows, is it a foreign table
HEADERS = [
    ("Country | Cases | New | Change %", True),
    ("Index | Last | Chg | %Chg", False),
    ("Name | Price | Change | %", False),
    ("City | 2011 | 2021 | Change", True),
    ("Login | Register | Get the App | Help | Contact | About", False),  # a menu, not this table's header
]


@pytest.mark.parametrize("header, foreign", HEADERS, ids=[h for h, _ in HEADERS])
def test_foreign_header(header, foreign):
    [block] = list(find_blocks(header + ROWS))
    assert bool(foreign_spans(block.text.text, block.line_spans(), LAYOUTS)) is foreign


def test_rows_under_a_ticker_header_are_quotes():
    text = "Index | Last | Chg | %Chg\nAlpha Fund | 12,462 | +2,313 | +22.80%\nBeta Fund | 2,277 | +622 | +37.58%"
    assert [q.name for q in tickers.parse(text)] == ["Alpha Fund", "Beta Fund"]


def test_rows_under_a_foreign_header_are_not():
    assert tickers.parse("Country | Cases | New | Change %" + ROWS) == []


def test_whole_number_percentages_prove_nothing():
    discounts = "Mouse $24.99 (-$5.00, -17%)\nHub $39.90 (-$10.00, -20%)"
    assert tickers.parse(discounts) == []


def test_a_lone_unknown_quote_is_not_a_strip_but_two_that_agree_are():
    assert tickers.parse("Apple rose 2.3% to $245.10") == []
    strip = "Alpha 245.10 +5.51 +2.30% | Beta 120.00 -1.20 -0.99%"
    assert [(q.name, str(q.value)) for q in tickers.parse(strip)] == [("Alpha", "245.10"), ("Beta", "120.00")]
