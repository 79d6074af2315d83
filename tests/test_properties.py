"""Properties: clean records rendered in every layout and damaged come back exact;
``parse`` never raises on any text; its work grows linearly with the input."""

from __future__ import annotations

import importlib.util
import os
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render import DAMAGES, INDICES, LAYOUTS, NUMBER_STYLES, strip
from tables import CORPORA, PROSE, REAL, rows

import tickers
from tickers.evidence import prose_mask
from tickers.grammar import Entry
from tickers.parser import Scan, _join_across_lines, _proved_prose, _read, _sentences_only, _setup
from tickers.strips import find_blocks, line_kind, prose_lines

# The benchmark's market reports (bench/ is no package, and holds a module named "profile").
_spec = importlib.util.spec_from_file_location("bench_corpus", Path(__file__).resolve().parent.parent / "bench" / "corpus.py")
_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench)
market_documents = _bench.market_documents

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
    kinds = prose_lines(text)
    if kinds is None:
        return
    lines = text.splitlines()
    assert len(kinds) == len(lines)
    for kind, line in zip(kinds, lines, strict=True):
        if kind == "prose":
            assert line_kind(line) == "prose", line
        elif kind == "plain":
            assert line_kind(line) != "ticker", line


def test_prose_lines_are_decided_without_the_line_rule():
    """The point of the whole-text count: news prose with numbers is decided by it."""
    prose = "Retail sales rose by 3.2% in the third quarter, the highest since 2015, the ministry said.\n" * 50
    assert prose_lines(prose) == ["prose"] * 50
    assert prose_lines(prose + "Dow 27,462.11 +114.75 +0.42%\n")[-1] is None


# The sentence gate of ``parse``: lines of real pages, real report sentences and rendered
# strips glued into sentences the way market reports and flattened pages run them together.
_SETUP = _setup((), ())
_POOL = sorted(
    {
        line
        for corpus in [*CORPORA, *REAL, *PROSE]
        for _, text, _ in rows(corpus)
        for line in text.splitlines()
        if any(c.isdigit() for c in line) and len(line) < 300
    }
)
_JOINS = [". The ", ", while ", ". Markets were calm, and ", ", the highest since May. ", ", y el ", ", der ", ". It, with "]
_ENDS = [".", "", " points.", ", the most since March.", "%."]


@st.composite
def glued(draw) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        parts = draw(st.lists(st.sampled_from(_POOL), min_size=1, max_size=3))
        line = parts[0] + "".join(draw(st.sampled_from(_JOINS)) + part for part in parts[1:])
        lines.append(line + draw(st.sampled_from(_ENDS)))
    return "\n".join(lines)


def _gate_holds(text: str) -> tuple[int, int]:
    """Assert the gate's two claims on a text: a line it proves prose (with entries on it) is
    masked as prose whatever the grammar found; a text it dismisses yields nothing on the
    full path, neither records nor rejects. ``(lines proved, texts dismissed)``."""
    layouts, reg, grammar = _SETUP
    proved = 0
    for block in find_blocks(text):
        t = block.text.text
        entries = [x for x in _join_across_lines(grammar.tokenize(t), t, reg, grammar.generic) if isinstance(x, Entry)]
        if not entries:
            continue
        mask = prose_mask(block, [(e.start, e.end) for e in entries])
        starts = {block.line_of(e.start) for e in entries}
        for i, (a, b) in enumerate(block.line_spans()):
            if i in starts and _proved_prose(t[a:b], grammar):
                proved += 1
                assert mask[a], t[a:b]
    known = prose_lines(text)
    dismissed = known is not None and _sentences_only(text, known, grammar)
    if dismissed:
        assert _read(text, False, layouts, reg, grammar) == Scan([], []), text
    return proved, dismissed


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(glued(), FILTER_TEXT))
def test_sentence_gate_loses_nothing_on_glued_lines(text):
    _gate_holds(text)


def test_sentence_gate_loses_nothing_on_every_corpus():
    """Every golden and real text, real report sentences two to a line, rendered strips in
    articles, and market reports: the gate's claims hold, and it does decide many lines."""
    sentences = [t for corpus in PROSE for _, t, _ in rows(corpus)]
    rng = random.Random(7)
    texts = [t for corpus in [*CORPORA, *REAL, *PROSE] for _, t, _ in rows(corpus)]
    texts += ["\n".join(" ".join(rng.sample(sentences, 2)) for _ in range(rng.randint(1, 5))) for _ in range(600)]
    texts += list(market_documents(300_000, seed=3))
    texts += [strip(list(recs), layout, style, harm) for recs, layout, style, harm in _strips(rng, 200)]
    proved = dismissed = 0
    for text in texts:
        lines, gone = _gate_holds(text)
        proved, dismissed = proved + lines, dismissed + gone
    assert proved > 1000 and dismissed > 200, (proved, dismissed)


def _strips(rng: random.Random, count: int):
    for _ in range(count):
        recs = []
        for name, index, level in rng.sample(INDICES, 3):
            value = (Decimal(level) * rng.randint(60, 140) / 100).quantize(CENT)
            change = (value * rng.randint(-300, 300) / 10000).quantize(CENT) or CENT
            recs.append((name, index, value, change, (change / (value - change) * 100).quantize(CENT)))
        yield recs, rng.choice(sorted(LAYOUTS)), rng.choice(NUMBER_STYLES), rng.choice(DAMAGES)


@pytest.mark.parametrize(
    ("text", "word", "held"),
    [
        ("The Dow rose 2%, to 7,302.", "to", True),  # a label of the level
        ("The index rose 2%, up sharply.", "up", True),  # a direction word
        ("It rose 2%, the highest since May.", "the", False),
        ("Shares of Bank of America rose", "of", True),  # a connector inside a name
        ("Brent crude 62.10 a barrel", "crude", True),  # a name's last word in lower case
        ("Brent crude rose 2%", "crude", True),  # before a verb
        ("profit after quarterly profit of $2 beat", "quarterly", False),
        ("O Ibovespa fechou em alta de 2%", "alta", True),  # inside a phrase that starts before it
        ("Der Euro kostete 1,2431 Dollar", "kostete", True),
        ("Gold, while the rest was flat.", "while", False),
        ("Gold, while gold was flat.", "while", True),  # "… while gold" could end a name before a verb
    ],
)
def test_words_an_entry_may_hold(text, word, held):
    grammar = _SETUP[2]
    assert grammar.may_hold(text, text.index(" " + word) + 1) is held
