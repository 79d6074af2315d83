"""Golden cases: tables of real-looking ticker text and what it must yield.

Each case names where it came from (``source``: developed on, held back for
evaluation, or caught in the wild) and the layouts and damages it exercises.
Known failures carry ``xfail = "why"`` and are strict: fixing one turns the
suite red until someone moves it.
"""

from __future__ import annotations

import pytest
from tables import ROOT, load, mismatches, params

import tickers

CASES = load("cases.toml")["case"]
SAMPLES = load("samples.toml")["sample"]
PROSE = load("prose.toml")["prose"]


@pytest.mark.parametrize("case", params(CASES))
def test_case(case):
    quotes = tickers.parse(case["text"])
    assert mismatches(quotes, case["expect"], case.get("truncated_allowed", False)) == []


@pytest.mark.parametrize("sample", params(SAMPLES, "file"))
def test_sample(sample):
    text = (ROOT / sample["file"]).read_text(encoding="utf-8")
    quotes = tickers.parse(text)
    assert mismatches(quotes, sample.get("expect", []), sample.get("truncated_allowed", False)) == []


@pytest.mark.parametrize("prose", params(PROSE))
def test_prose_yields_nothing(prose):
    assert [q.raw for q in tickers.parse(prose["text"])] == []


WILD = load("wild.toml")["case"]


@pytest.mark.parametrize("case", params(WILD))
def test_wild(case):
    """Written independently of the parser, in real sites' styles: how well it generalises."""
    quotes = tickers.parse(case["text"])
    assert mismatches(quotes, case["expect"], case.get("truncated_allowed", False)) == []


NEGATIVES = load("negatives.toml")["negative"]


@pytest.mark.parametrize("negative", params(NEGATIVES))
def test_hard_negative_yields_nothing(negative):
    """Written independently of the parser to look as much like strips as possible."""
    assert [q.raw for q in tickers.parse(negative["text"])] == []


PAGES = load("pages.toml")["page"]


@pytest.mark.parametrize("page", params(PAGES, "file"))
def test_page(page):
    """Whole scraped pages, written independently of the parser."""
    text = (ROOT / page["file"]).read_text(encoding="utf-8")
    quotes = tickers.parse(text)
    assert mismatches(quotes, page.get("expect", []), page.get("truncated_allowed", False)) == []


FRESH = load("fresh.toml")["case"]


@pytest.mark.parametrize("case", params(FRESH))
def test_fresh(case):
    """A second independent corpus: several damages at once, layouts not seen before."""
    quotes = tickers.parse(case["text"])
    assert mismatches(quotes, case["expect"], case.get("truncated_allowed", False)) == []


FINAL = load("final.toml")["case"]


@pytest.mark.parametrize("case", params(FINAL))
def test_final(case):
    """The last independent corpus, kept to measure generalisation (see bench/accuracy.py)."""
    quotes = tickers.parse(case["text"])
    assert mismatches(quotes, case["expect"], case.get("truncated_allowed", False)) == []
