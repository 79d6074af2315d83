"""The seed page (samples/000): the strip at its top, and nothing from the article."""

from __future__ import annotations

import pytest
from tables import ROOT

import tickers

SEED = (ROOT / "samples" / "000_seed_tehran_leader.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def quotes():
    return tickers.parse(SEED)


def test_seven_records_one_per_distinct_strip_line(quotes):
    assert [q.line for q in quotes] == [1, 2, 3, 5, 6, 7, 9]


def test_names_are_recognisable(quotes):
    assert [q.name for q in quotes] == ["Samba", "Joga", "Bra", "HangSang", "NasDaq", "S&P500", "Dow"]
    assert [q.index for q in quotes][3:] == ["Hang Seng", "Nasdaq Composite", "S&P 500", "Dow Jones Industrial Average"]


def test_each_has_a_value_and_a_percent_change(quotes):
    assert all(q.value is not None and q.pct_change is not None for q in quotes)


def test_duplicated_scroll_lines_collapse(quotes):
    assert [q.name for q in quotes if "duplicate" in q.repairs] == ["Joga", "HangSang"]


def test_guesses_are_not_reported_as_certain(quotes):
    for q in quotes:
        assert q.repairs, q
        assert q.confidence < 0.9, q


def test_hang_seng_digits_glued_to_its_name(quotes):
    hsi = quotes[3]
    assert hsi.value == 20370 and {"glued_name", "space_thousands"} <= set(hsi.repairs)


def test_spans_point_at_the_original_text(quotes):
    for q in quotes:
        assert SEED[q.span[0] : q.span[1]] == q.raw
        assert SEED.count("\n", 0, q.span[0]) + 1 == q.line


def test_prose_mode_reads_nothing_more_from_the_article(quotes):
    """The article around the strip states no index's move: prose mode adds nothing."""
    assert tickers.parse(SEED, prose=True) == quotes
