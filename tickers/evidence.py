"""Telling ticker records from prose and tables that look like them.

A reading of an entry is only a candidate. It becomes a record when it carries
a ticker's evidence (a direction, a known index, numbers that agree), when its
block holds something that checks out, and when the line it stands on is made
of entries rather than of words around numbers.
"""

from __future__ import annotations

import re
from collections import Counter

from tickers.grammar import Entry
from tickers.resolve import Reading
from tickers.strips import Block

MAX_UNCOVERED = 0.4  # weighted share of a line's words that may lie outside entries
_WORD = re.compile(r"[^\W_]+")
_CELL = re.compile(r"(?:[^|•·\n]|\S[|•·]|[|•·]\S)+")  # a line's parts between strip separators
# Time and date stamps beside a strip are neither entries nor prose: "at 4:00 p.m. ET", "29 Nov, 15:30 IST".
_STAMP = re.compile(
    r"(?:\b(?:at|as of|on|updated)\s+)?"
    r"(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s?[aApP]\.?[mM]\.?)?|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})"
    r"(?:\s?\(?[A-Z]{2,5}\)?(?![\w.]))?",
    re.IGNORECASE,
)
_GUESSES = {"stray_percent", "split_number", "lost_decimal", "extra_numbers"}  # readings bent to fit


def is_record(r: Reading) -> bool:
    """Does this reading carry the evidence of a ticker record, not a stray number?

    Market shares, vote counts and league tables have names and numbers too;
    what they lack is a direction (a sign, an arrow, a word), a known index, or
    a change and a percentage that agree with the level.
    """
    fields = set(r.roles)
    known = r.index is not None
    if fields == {"value", "change", "pct_change"}:
        return True
    if fields == {"value", "pct_change"} or fields == {"value", "change"}:
        return r.signed or strong(r)
    if fields == {"value"}:  # a level alone; with a direction word it is a move ("drops Rs2,100")
        return known and r.index.plausible(r.value) and not r.signed
    # Movements without a level: a percentage, and a sign or direction saying which way.
    return "pct_change" in fields and r.signed and (known or len(fields) == 2)


def strong(r: Reading) -> bool:
    """Evidence beyond the shape: a known index at a plausible level, two labels, or
    numbers that agree without having been bent to (a coincidence otherwise)."""
    if r.index is not None and r.value is not None and r.index.plausible(r.value):
        return True
    # One label may be a word of a sentence ("rose 2.3% to $245.10"); two name a widget's fields,
    # unless the numbers had to be bent to them (a poll's "Latest 40.1%").
    return (r.hints >= 2 and not _GUESSES & set(r.repairs)) or _checks_out(r)


def plain_quote(r: Reading) -> bool:
    """In a block where nothing checks out, what may still pass as a quote: a level,
    a change and a percentage that agree, read without any guess. Tables of votes,
    odds, wages and KPIs have names, levels and signed changes too; they lack this."""
    return len(r.roles) == 3 and _checks_out(r)


def _checks_out(r: Reading) -> bool:
    """Level, change and percentage agree, read without a guess. Discounts and case
    counts agree too, but their percentages are whole numbers (-20%)."""
    return r.agrees and r.precise and not _GUESSES & set(r.repairs)


def on_ticker_lines(block: Block, found: list[tuple[Entry, Reading]]) -> list[tuple[Entry, Reading]]:
    """Keep entries whose lines are made of entries: prose has words around its numbers."""
    prose = prose_mask(block, [(e.start, r.end) for e, r in found])
    return [(e, r) for e, r in found if not (prose[e.start] or prose[r.end - 1])]


def prose_mask(block: Block, spans: list[tuple[int, int]]) -> bytearray:
    """1 on every character of the block that stands on a line of prose: one with too
    many words outside ``spans``.

    Lower-case words outside entries weigh double: a site's name or a heading beside a
    strip is Title Case, the words around a number in a sentence are not. A note set
    off by a strip separator, with no number ("| closed for Veterans Day"), is no
    sentence around the entries and is not counted.
    """
    text = block.text.text
    covered = bytearray(len(text))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    for stamp in _STAMP.finditer(text):
        covered[stamp.start() : stamp.end()] = b"\x01" * (stamp.end() - stamp.start())
    prose = bytearray(len(text))
    for start, end in block.line_spans():
        total = loose = 0
        for cell in _CELL.finditer(text, start, end):
            words = list(_WORD.finditer(text, cell.start(), cell.end()))
            if not any(covered[cell.start() : cell.end()]) and sum(w.group()[0].islower() for w in words) >= 2:
                continue  # a note beside the strip
            for word in words:
                if not covered[word.start()] and word.group().isdigit():
                    continue  # a table's other columns: numbers are no words of prose
                weight = len(word.group()) * (2 if word.group()[0].islower() else 1)
                total += weight
                if not covered[word.start()]:
                    loose += weight
        if loose > 3 and loose > MAX_UNCOVERED * total:
            prose[start:end] = b"\x01" * (end - start)
    return prose


def mark_truncated(found: list[tuple[Entry, Reading]], text: str) -> None:
    """A strip's last entry with fewer fields than the others was probably cut off."""
    if len(found) < 2:
        return
    last = found[-1][1]
    usual = Counter(r.roles for _, r in found[:-1]).most_common(1)[0][0]
    if len(last.roles) < len(usual) and not text[last.end :].strip():
        last.flags.append("truncated")
