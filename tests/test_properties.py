"""Properties: clean records rendered in every layout and damaged come back exact;
``parse`` never raises on any text; its work grows linearly with the input."""

from __future__ import annotations

import os
import sys
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tickers

# Names as strips write them, their canonical index, and a typical level (levels vary ±40 % around it).
INDICES = [
    ("Dow Jones", "Dow Jones Industrial Average", 27000),
    ("S&P 500", "S&P 500", 3000),
    ("Nasdaq", "Nasdaq Composite", 8400),
    ("FTSE 100", "FTSE 100", 7300),
    ("DAX", "DAX", 13000),
    ("CAC 40", "CAC 40", 5800),
    ("Nikkei 225", "Nikkei 225", 23000),
    ("Hang Seng", "Hang Seng", 27000),
    ("KOSPI", "KOSPI", 2100),
    ("Sensex", "BSE Sensex", 40000),
    ("TEDPIX", "TEDPIX", 320000),
    ("Tadawul", "Tadawul All Share", 7900),
    ("EGX 30", "EGX 30", 14000),
    ("Gold", "Gold", 1480),
    ("Brent Crude", "Brent Crude", 62),
]
EXAMPLES = int(os.environ.get("TICKERS_PROPERTY_EXAMPLES", "300"))  # raise it for a deeper search
CENT = Decimal("0.01")
NBSP = "\u00a0"


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


def fmt(x: Decimal, style: str, signed: bool = False) -> str:
    """A number as a page writes it: ``us`` 1,234.56; ``eu`` 1.234,56; ``space`` 1 234.56; ``nbsp``; ``plain``."""
    sign = ("+" if x > 0 else "-" if x < 0 else "") if signed else ("-" if x < 0 else "")
    whole, frac = f"{abs(x):.2f}".split(".")
    groups = f"{int(whole):,}"
    body = {
        "us": f"{groups}.{frac}",
        "eu": f"{groups.replace(',', '.')},{frac}",
        "space": f"{groups.replace(',', ' ')}.{frac}",
        "nbsp": groups.replace(",", NBSP) + "," + frac,
        "plain": f"{whole}.{frac}",
    }[style]
    return sign + body


def arrow(x: Decimal) -> str:
    return "▲" if x > 0 else "▼"


# Layouts: how one record is written, and what joins records into a strip.
LAYOUTS = {
    "pipe": (lambda r, s: f"{r[0]} {fmt(r[2], s)} {fmt(r[3], s, True)} {fmt(r[4], s, True)}%", " | "),
    "bullets": (lambda r, s: f"• {r[0]} {fmt(r[2], s)} {fmt(r[3], s, True)} {fmt(r[4], s, True)}%", "\n"),
    "arrows": (lambda r, s: f"{r[0]} {fmt(r[2], s)} {arrow(r[3])}{fmt(abs(r[3]), s)} {arrow(r[3])}{fmt(abs(r[4]), s)}%", "   "),
    "tabs": (lambda r, s: f"{r[0]}\t{fmt(r[2], s)}\t{fmt(r[3], s, True)}\t{fmt(r[4], s, True)} %", "\n"),
    "stacked": (lambda r, s: f"{r[0]}\n{fmt(r[2], s)}\n{fmt(r[3], s, True)}\n{fmt(r[4], s, True)}%", "\n"),
    "parens": (lambda r, s: f"{r[0]}: {fmt(r[2], s)} {fmt(r[3], s, True)} ({fmt(r[4], s, True)}%)", " · "),
    "verbose": (
        lambda r, s: (
            f"{r[0]} {'Increased' if r[3] > 0 else 'Decreased'} By {fmt(abs(r[3]), s)} Points "
            f"({fmt(abs(r[4]), s)}%) To {fmt(r[2], s)}"
        ),
        "\n",
    ),
    "labeled": (lambda r, s: f"{r[0]} Last {fmt(r[2], s)} Chg {fmt(r[3], s, True)} %Chg {fmt(r[4], s, True)}%", " ; "),
    "screen_reader": (
        lambda r, s: (
            f"{r[0]}, {fmt(r[2], s)}, {'up' if r[3] > 0 else 'down'} {fmt(abs(r[3]), s)} points, or {fmt(abs(r[4]), s)} percent"
        ),
        "\n",
    ),
    "run_together": (lambda r, s: f"{r[0]}{fmt(r[2], s)}{fmt(r[3], s, True)}{fmt(r[4], s, True)}%", ""),
}
NUMBER_STYLES = ["us", "eu", "space", "nbsp"]
GLUEABLE = {"pipe", "bullets", "arrows"}  # layouts where the level follows the name


def damage(text: str, kind: str) -> str:
    if kind == "mojibake":  # UTF-8 read as cp1252
        return text.encode("utf-8").decode("cp1252", errors="ignore") if text.isascii() is False else text
    if kind == "entities":
        return text.replace("&", "&amp;").replace("▲", "&#9650;").replace("▼", "&#9660;")
    if kind == "unicode_minus":
        return text.replace("-", "\u2212")
    if kind == "zero_width":
        return text.replace(" ", " \u200b")
    if kind == "persian_digits":
        return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    if kind == "wrapped":  # the strip's one line broken in the middle, at a space
        middle = text.find(" ", len(text) // 2)
        return text if middle < 0 else text[:middle] + "\n" + text[middle + 1 :]
    return text


DAMAGES = ["none", "mojibake", "entities", "unicode_minus", "zero_width", "persian_digits", "wrapped"]


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
    render, joiner = LAYOUTS[layout]
    if harm == "persian_digits" and style in ("eu", "nbsp"):
        style = "us"  # Persian pages use the point (٫) convention
    if layout == "run_together" and style in ("space", "nbsp"):
        style = "us"  # a space would separate what this layout runs together
    strip = joiner.join(render(r, style) for r in recs)
    if lost and layout in GLUEABLE:  # the first level lost its decimal point and separators
        written = fmt(recs[0][2], style)
        strip = strip.replace(written, "".join(c for c in written if c.isdigit()), 1)
    if glue and layout in GLUEABLE:  # names glued to their first digits
        strip = strip.replace(f"{recs[0][0]} ", recs[0][0], 1)
    if duplicate:  # a scroll loop repeats the strip
        strip = strip + joiner + strip
    prose = "The index rose 3% on Monday, analysts said, and 52 of 100 stocks fell."
    page = f"Markets at a glance\n{damage(strip, harm)}\n\n{prose}\n"
    quotes = tickers.parse(page)
    got = [(q.index, q.value, q.change, q.pct_change) for q in quotes]
    assert got == [(r[1], r[2], r[3], r[4]) for r in recs], page


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_raises_on_arbitrary_text(text):
    _provenance_holds(text)


def _provenance_holds(text: str) -> None:
    """Every record and every reject points at its own text, on the line it names."""
    found = tickers.scan(text)
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
    "one long line of prose": "the market rose 3% and fell 2% on news of 100 deals ",
    "names without numbers": "Alpha Beta Gamma Delta ",
}


def test_work_grows_linearly_with_input():
    for label, unit in PATHOLOGICAL.items():
        small, large = _calls(unit * 20), _calls(unit * 80)
        assert large <= 4.6 * small, f"{label}: {small} calls for 20 copies, {large} for 80"
