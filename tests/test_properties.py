"""Properties: clean records rendered in every layout and damaged come back exact;
``parse`` never raises on any text; its work grows linearly with the input."""

from __future__ import annotations

import os
import sys
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render import DAMAGES, INDICES, LAYOUTS, NUMBER_STYLES, strip

import tickers
from tickers.strips import _kind, _prose_lines

EXAMPLES = int(os.environ.get("TICKERS_PROPERTY_EXAMPLES", "300"))  # raise it for a deeper search
CENT = Decimal("0.01")


@st.composite
def records(draw):
    name, index, level = draw(st.sampled_from(INDICES))
    value = (Decimal(level) * Decimal(draw(st.integers(60, 140))) / 100).quantize(CENT)
    pct = Decimal(draw(st.integers(-400, 400))) / 100
    if pct == 0:
        pct = Decimal("0.01")
    change = (value - value / (1 + pct / 100)).quantize(CENT, ROUND_HALF_UP)
    if change == 0:
        change = CENT if pct > 0 else -CENT
    pct = (change / (value - change) * 100).quantize(CENT, ROUND_HALF_UP)
    return name, index, value, change, pct


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(records(), min_size=2, max_size=6, unique_by=lambda r: r[0]),
    st.sampled_from(sorted(LAYOUTS)),
    st.sampled_from(NUMBER_STYLES),
    st.sampled_from(DAMAGES),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_rendered_records_come_back(recs, layout, style, harm, duplicate, glue, lost):
    prose = "The index rose 3% on Monday, analysts said, and 52 of 100 stocks fell."
    page = f"Markets at a glance\n{strip(recs, layout, style, harm, duplicate, glue, lost)}\n\n{prose}\n"
    quotes = tickers.parse(page)
    got = [(q.index, q.value, q.change, q.pct_change) for q in quotes]
    assert got == [(r[1], r[2], r[3], r[4]) for r in recs], page


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_raises_on_arbitrary_text(text):
    _provenance_holds(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"Dow Nikkei 225 rose 27,462.11 +0.4%|\n", "\udcc7", "\ud800", "\udfff"]), max_size=200))
def test_never_raises_on_lone_surrogates(text):
    """Text decoded with surrogateescape, or taken from JSON, carries lone surrogates ('\udcc7')."""
    _provenance_holds(text)


def _provenance_holds(text: str) -> None:
    """Every record and every reject points at its own text, on the line it names, in both modes."""
    for prose in (False, True):
        found = tickers.scan(text, prose=prose)
        for item in (*found.quotes, *found.rejects):
            assert text[item.span[0] : item.span[1]] == item.raw
            assert len((text[: item.span[0]] + "x").splitlines()) == item.line
        for q in found.quotes:
            assert 0 <= q.confidence <= 1


TICKERISH = st.text(alphabet="Dow SP&500 Nikkei 0123456789 .,'%+-−▲▼()|\n\t$€ Â–²âˆ’&amp;#;\u00a0\u202f۰۱۲", max_size=300)


@settings(max_examples=300, deadline=None)
@given(TICKERISH)
def test_never_raises_on_ticker_like_noise(text):
    _provenance_holds(text)


def _calls(text: str) -> int:
    """Python function calls made while parsing ``text``: a measure of work that ignores the clock."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        tickers.parse(text)
    finally:
        sys.setprofile(None)
    return count


PAGE = (
    "Dow 27,462.11 +114.75 +0.42% | S&P 500 3,078.27 +9.88 +0.32% | HangSang20 370 400% -20%\n"
    "The Dow rose 0.4% on Monday, while 52 of 100 stocks fell and revenue grew 3.2% to $4.5 billion.\n"
    "Nikkei 225\n23,303.32\n-116.22\n-0.50%\n\n"
)
PATHOLOGICAL = {
    "pages": PAGE,
    "digits split by spaces": "Dow " + "1 " * 50 + "\n",
    "one long line of entries": "Dow 27,462.11 +114.75 +0.42% | ",
    "one long line of prose": "the market rose 3% and fell 2% on news of 100 deals " * 4,  # cut into pieces from 20 on
    "names without numbers": "Alpha Beta Gamma Delta ",
}


def test_work_grows_linearly_with_input():
    for label, unit in PATHOLOGICAL.items():
        small, large = _calls(unit * 20), _calls(unit * 80)
        assert large <= 4.6 * small, f"{label}: {small} calls for 20 copies, {large} for 80"


# Lines of words and numbers near the filter's bound, and text of the characters it tells apart.
TOKENS = st.sampled_from(["rose", "a", "of", "Dow", "iPhone", "abc12", "x9", "27,462.11", "2019", "+0.4%", "S&P"])
FILTER_TEXT = st.one_of(
    st.lists(st.lists(TOKENS, max_size=30).map(" ".join), max_size=5).map("\n".join),
    st.text(alphabet=st.sampled_from(list("abcxyzDPQ_0129 .,;&<>%+-\n\r\x0b\x1cé\u2028")), max_size=300),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(FILTER_TEXT, st.text(max_size=200)))
def test_prose_proved_at_c_speed_is_prose_line_by_line(text):
    """The whole-text count never calls a line prose that the line-by-line rule would read,
    nor a line without digits one that may hold entries."""
    kinds = _prose_lines(text)
    if kinds is None:
        return
    lines = text.splitlines()
    assert len(kinds) == len(lines)
    for kind, line in zip(kinds, lines, strict=True):
        if kind == "prose":
            assert _kind(line) == "prose", line
        elif kind == "plain":
            assert _kind(line) != "ticker", line


def test_prose_lines_are_decided_without_the_line_rule():
    """The point of the whole-text count: news prose with numbers is decided by it."""
    prose = "Retail sales rose by 3.2% in the third quarter, the highest since 2015, the ministry said.\n" * 50
    assert _prose_lines(prose) == ["prose"] * 50
    assert _prose_lines(prose + "Dow 27,462.11 +114.75 +0.42%\n")[-1] is None
