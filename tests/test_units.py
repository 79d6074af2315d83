"""Tables for the small pieces: text repair, number reading, grammar leaves."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tickers.grammar import Entry, Junk, Num, grammar_for
from tickers.layouts import load_layouts
from tickers.numbers import decimal_mark, strip_convention, to_decimal
from tickers.repair import repair

# description, input, repaired text, repair codes
REPAIRS = [
    ("html entities", "S&amp;P 500 &#9650; 3,078", "S&P 500 ▲ 3,078", {"html_entity"}),
    ("double-escaped entity", "DAX&amp;nbsp;13.136", "DAX 13.136", {"html_entity"}),
    ("mojibake arrow and minus", "Dow â–² 27,462.11 âˆ’0.42%", "Dow ▲ 27,462.11 -0.42%", {"mojibake"}),
    ("mojibake arrow alone on a short line", "â–¼ 12", "▼ 12", {"mojibake"}),
    ("mojibake no-break space", "DAXÂ\u00a013.136,28", "DAX 13.136,28", {"mojibake"}),
    ("stray Â before a space", "27Â 462", "27 462", {"mojibake"}),
    ("Unicode minus and en dash", "\u22120.4 \u20131.2", "-0.4 -1.2", set()),
    ("exotic spaces", "27\u202f462\u00a0+1\u20092", "27 462 +1 2", set()),
    ("zero-width and direction marks", "Dow\u200b 27\u200f,462\ufeff", "Dow 27,462", set()),
    ("Persian digits and separators", "۳۱۲٬۴۵۶٫۲ ۰٫۴٪", "312,456.2 0.4%", set()),
    ("Arabic-Indic digits", "٧٬٩٠١٫٢", "7,901.2", set()),
    ("fullwidth digits", "１２３．５％", "123.5%", set()),
    ("legit accents stay", "Café Zürich 1.2", "Café Zürich 1.2", set()),
]


@pytest.mark.parametrize("text, expected, codes", [r[1:] for r in REPAIRS], ids=[r[0] for r in REPAIRS])
def test_repair(text, expected, codes):
    fixed = repair(text, 100)
    assert fixed.text == expected
    assert {code for *_, code in fixed.marks} == codes
    assert len(fixed.starts) == len(fixed.ends) == len(fixed.text)
    assert all(100 <= s < e <= 100 + len(text) for s, e in zip(fixed.starts, fixed.ends, strict=True))


def test_repair_keeps_offsets_of_untouched_characters():
    text = "X &amp; Y â–² 12"
    fixed = repair(text)
    for i, char in enumerate(fixed.text):
        if char in "XY12":
            assert text[fixed.starts[i]] == char


# description, digits as written, strip convention, value (None: not a number)
NUMBERS = [
    ("comma thousands, decimal point", "27,462.11", ".", "27462.11"),
    ("point thousands, decimal comma", "27.462,11", ".", "27462.11"),
    ("ambiguous read by convention (point)", "12,345", ".", "12345"),
    ("ambiguous read by convention (comma)", "12,345", ",", "12.345"),
    ("decimal comma by itself", "0,36", ".", "0.36"),
    ("two-digit decimals are never thousands", "45,12", ".", "45.12"),
    ("several thousands groups", "1,234,567", ",", "1234567"),
    ("apostrophe thousands", "1'234.5", ".", "1234.5"),
    ("right single quote thousands", "1’234,5", ",", "1234.5"),
    ("leading zero is a decimal", "0.123", ",", "0.123"),
    ("version number is not a number", "1.2.3", ".", None),
    ("bad thousands groups", "1,23,4", ".", None),
]


@pytest.mark.parametrize("body, convention, value", [r[1:] for r in NUMBERS], ids=[r[0] for r in NUMBERS])
def test_to_decimal(body, convention, value):
    assert to_decimal(body, convention) == (None if value is None else Decimal(value))


def test_decimal_mark_and_strip_vote():
    assert (decimal_mark("12.5"), decimal_mark("12,345"), decimal_mark("1.234,5")) == (".", None, ",")
    assert strip_convention(["13.136,28", "24,19", "0,18", "12.345"]) == ","
    assert strip_convention(["12,345", "1.234"]) == "."


GRAMMAR = grammar_for(load_layouts())
# description, input, (body, sign, arrow, paren, percent) or None where no number may match at 0
LEAVES = [
    ("plain", "27,462.11", ("27,462.11", 0, 0, False, False)),
    ("signed percent", "+0.42%", ("0.42", 1, 0, False, True)),
    ("percent after a space", "-0,36 %", ("0,36", -1, 0, False, True)),
    ("arrow", "▼ 116.22", ("116.22", 0, -1, False, False)),
    ("parenthesised negative", "(114.75)", ("114.75", 0, 0, True, False)),
    ("signed in parentheses", "(+0.42%)", ("0.42", 1, 0, True, True)),
    ("currency", "$1,480.20", ("1,480.20", 0, 0, False, False)),
    ("leading dot", "+.06%", (".06", 1, 0, False, True)),
    ("Turkish percent first", "%-0,21", ("0,21", -1, 0, False, True)),
    ("sign after the number", "1,234-", ("1,234", -1, 0, False, False)),
    ("time is not a number", "10:30", None),
    ("a duration is not a number", "24h", None),
    ("date is not a number", "28/11/2019", None),
    ("iso date is not a number", "2019-11-28", None),
]


@pytest.mark.parametrize("text, expected", [r[1:] for r in LEAVES], ids=[r[0] for r in LEAVES])
def test_number_leaf(text, expected):
    num = GRAMMAR.number(text, 0)
    if expected is None:
        assert num is None
        return
    assert isinstance(num, Num) and (num.start, num.end) == (0, len(text))
    assert (num.body, num.sign, num.arrow, num.paren, num.percent) == expected


# description, input, [(kind, text)] of the strip's tokens
STRIPS = [
    ("one entry", "Dow 27,462.11 +0.42%", [("entry", "Dow")]),
    ("separators between entries", "Dow 1 +2% | FTSE 3 -4%", [("entry", "Dow"), ("entry", "FTSE")]),
    ("vocabulary words stay out of names", "Dow Jones Increased By 1.5 Points", [("entry", "Dow Jones")]),
    ("a name without numbers is junk", "Markets: Dow 27", [("junk", "Markets"), ("junk", ":"), ("entry", "Dow")]),
    (
        "lower-case words do not start names",
        "voted 52% to 48%",
        [("junk", "voted 52"), ("junk", "% to 48"), ("junk", "%")],
    ),
    ("glued digits leave the name", "HangSang20 370", [("entry", "HangSang")]),
    ("names cross one space, not a newline", "Nikkei 225\n23,303.32", [("entry", "Nikkei")]),
]


@pytest.mark.parametrize("text, expected", [r[1:] for r in STRIPS], ids=[r[0] for r in STRIPS])
def test_strip_tokens(text, expected):
    tokens = GRAMMAR.tokenize(text)
    got = [("entry", t.name) if isinstance(t, Entry) else ("junk", t.text) for t in tokens]
    assert got == expected
    assert all(isinstance(t, Entry | Junk) for t in tokens)


@pytest.mark.parametrize("text, body, scale", [("64.2K", "64.2", 3), ("1.9M", "1.9", 6), ("3B", "3", 9), ("12", "12", 0)])
def test_number_scale_letters(text, body, scale):
    num = GRAMMAR.number(text, 0)
    assert (num.body, num.scale) == (body, scale)


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("XAG / 961 1 140,70000", ["1", "140,70000"]),  # uk-maanimo-nbu-metals-partial (fresh2 dev)
        ("USD/840 41,2345", ["41,2345"]),
        ("S&P/ASX 200 7,012.5", ["200", "7,012.5"]),  # no code: the digits are the name's
    ],
)
def test_a_currency_numeric_code_is_a_stamp_not_a_number(text, numbers):
    [entry] = [t for t in GRAMMAR.tokenize(text) if isinstance(t, Entry)]
    assert [i.body for i in entry.items if isinstance(i, Num)] == numbers
