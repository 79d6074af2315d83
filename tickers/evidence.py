"""Telling ticker records from prose and tables that look like them.

A reading of an entry is only a candidate. Each entry gets a verdict of its own
(:func:`verdicts`): it becomes a record when it carries a ticker's evidence (a
direction, a known index, numbers that agree), when an entry that weak has support
beside it (a neighbour that checks out), when no look-alike table's header stands
over it, and when the line it stands on is made of entries rather than of words
around numbers. Checks return verdicts; they never change a reading.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from tickers.grammar import Entry, Num, Word
from tickers.resolve import Reading
from tickers.scoring import FEATURES, IMPOSSIBLE
from tickers.strips import Block

UNSUPPORTED = -5.0  # below this score a reading needs evidence of its own
ODD_ORDER = 5  # an order of fields this far down the layouts' list is an odd one
MAX_UNCOVERED = 0.4  # weighted share of a line's words that may lie outside entries
_WORD = re.compile(r"\w+")
_KEY = re.compile(r"""["'][ \t]*[:=]|[ \t]*[:=][ \t]*["']""")  # after a word, a key of code: "last":, name: "DAX"
_CELL = re.compile(r"(?:[^|•·\n]|\S[|•·]|[|•·]\S)+")  # a line's parts between strip separators
# Time and date stamps beside a strip are neither entries nor prose: "at 4:00 p.m. ET", "29 Nov, 15:30 IST".
_STAMP = re.compile(
    r"(?:\b(?:at|as of|on|updated)\s+)?"
    r"(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+)?"
    r"(?:\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s?[aApP]\.?[mM]\.?)?|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})"
    r"(?:\s?\(?[A-Z]{2,5}\)?(?![\w.]))?",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[^\W_][.!?。]['\"”’)]*\s*$")
# A full stop inside a line, a new sentence after it: "… an ounce. It ranged", "… to $1.1721. The Dow …".
_SENTENCES = re.compile(r"(?:[a-z]{2}|\d|%)[.!?][ ]+[A-Z][a-z]")
# A lower-case word after a comma or a word (not after a number, so no unit): it starts no name.
_LOOSE = re.compile(r"(?:(?<=, )|(?<=[^\W\d_] ))[a-z](?![A-Z])[^\W\d_]*(?![\w/])")
_SEPARATED = re.compile(r"[|•·\t]|[ ]{3}")  # strip separators, table cells
_VERB_TAIL = re.compile(r"[A-Za-z0-9)] [a-z]{3,}(?: [a-z]+)?$")  # lower-case words ending a name of capitals
_FULL_STOP = re.compile(r"[^\s.][.!?。।۔؟]['\"”’)]*$|[。।۔]$")
_GUESSES = {"stray_percent", "split_number", "lost_decimal", "extra_numbers"}  # readings bent to fit


class Verdict(NamedTuple):
    """An entry's verdict: ``reason`` it is refused (``None``: a record), and the evidence
    beyond its reading that a record's confidence weighs (features of :mod:`tickers.scoring`)."""

    reason: str | None
    evidence: dict[str, int]


def is_record(r: Reading, signed: bool = False) -> bool:
    """Does this reading carry the evidence of a ticker record, not a stray number?

    Market shares, vote counts and league tables have names and numbers too;
    what they lack is a direction (a sign, an arrow, a word), a known index, or
    a change and a percentage that agree with the level. ``signed``: the strip it
    stands in signs its moves, so an unsigned one went up.
    """
    fields = set(r.roles)
    known = r.index is not None
    signed = r.signed or (signed and fields != {"value"})
    if any(FEATURES[name].weight <= IMPOSSIBLE for name, count in r.features.items() if count):
        return False
    if fields == {"value", "change", "pct_change"}:
        return True
    if fields == {"value", "pct_change"} or fields == {"value", "change"}:
        return signed or strong(r)
    if fields == {"value"}:  # a level alone; with a direction word it is a move ("drops Rs2,100")
        return (known and r.index.plausible(r.value) and not r.worded) or (r.columns > 0 and not r.signed)
    if fields == {"change"}:  # a change alone, in a table's column of changes
        return r.columns > 0 and signed
    # Movements without a level: a percentage, and a sign or direction saying which way.
    return "pct_change" in fields and signed and (known or len(fields) == 2)


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


def verdicts(
    block: Block,
    entries: list[Entry],
    readings: list[Reading | None],
    foreign: list[tuple[int, int]],
    instruments: list[bool],
    periods: list[bool],
    signature: tuple[str, ...] | None = None,
    sentence: bool = False,
) -> list[Verdict]:
    """Per entry, its :class:`Verdict`: refused with a reject reason (or ``prose``, for an
    entry on a line of prose, which is no ticker text at all), or a record with its evidence.

    ``foreign``: the spans of the block under a look-alike table's header, where only
    known indices are taken. An entry with no evidence of its own (no known index, no
    numbers that agree, no labels, no table's header) is taken only with support beside
    it: a neighbour with such evidence, two plain quotes, a strip of three signed moves.
    ``instruments``: per entry, whether its name is a market instrument's ("… Index",
    "Dólar blue"); three of them with a level alone make a list of quotes. ``periods``: per
    entry, whether its name holds a span of time ("1 Year"): its moves are that period's. A strip that
    signs some moves signs all of them (those in its usual order of fields, ``signature``,
    where it has one): unsigned ones went up. ``sentence``: the block is a sentence
    (:func:`lone_line`), whose entries are prose.
    """
    strip_signs = any(r is not None and r.signed for r in readings)

    def signs(r: Reading) -> bool:
        return strip_signs and (signature is None or r.roles == signature)

    reasons: list[str | None] = []
    for e, r, named, period in zip(entries, readings, instruments, periods, strict=True):
        if r is None:
            reasons.append("unreadable")
        elif not (is_record(r, signs(r)) or _listed(r, named)) or (period and r.value is None):
            reasons.append("no_evidence")  # or a move over another period: "Performance 1 mese +4.09%"
        elif r.index is None and any(start <= e.start < end for start, end in foreign):
            reasons.append("foreign_table")
        else:
            reasons.append(None)
    candidates = [r for r, why in zip(readings, reasons, strict=True) if why is None]
    supported = sum(1 for r in candidates if _own_evidence(r))
    plain = sum(1 for r in candidates if plain_quote(r))
    moves = sum(1 for r in candidates if _signed_move(r, signs(r)))
    listed = [
        _listed(r, named) if why is None and not is_record(r, signs(r)) else None
        for r, named, why in zip(readings, instruments, reasons, strict=True)
    ]
    lists = Counter(listed)
    evidence: list[dict[str, int]] = [{} for _ in entries]
    for i, r in enumerate(readings):
        if reasons[i] is not None:
            continue
        found = evidence[i]
        found.update(_doubts(r))
        if not r.signed and r.roles != ("value",):
            found["strip_signed" if signs(r) else "unsigned"] = 1
        if _own_evidence(r):
            continue
        if r.score < UNSUPPORTED:  # a reading bent this far takes no support from its neighbours
            reasons[i] = "unconfirmed"
        elif listed[i]:
            # A level or a move alone is a quote in a list of three or more such, not beside full
            # quotes (a cut-off entry).
            found[listed[i]] = 1
            if lists[listed[i]] < 3:
                reasons[i] = "unconfirmed"
        elif supported:
            found["neighbour_support"] = 1
        elif plain_quote(r) and plain >= 2:
            found["plain_pair"] = 1
        elif _signed_move(r, signs(r)) and moves >= 3:
            found["strip_of_moves"] = 1
        else:  # a table of shares or scores has nothing that checks out
            reasons[i] = "unconfirmed"
    taken = [(e, r) for e, r, why in zip(entries, readings, reasons, strict=True) if why is None]
    if sentence:
        return [Verdict("prose" if why is None else why, found) for why, found in zip(reasons, evidence, strict=True)]
    prose = prose_mask(block, [(e.start, r.end) for e, r in taken])
    for i, (e, r) in enumerate(zip(entries, readings, strict=True)):
        if reasons[i] is None and (prose[e.start] or prose[r.end - 1]):
            reasons[i] = "prose"
    # Look-alikes beside a record (entries shaped like quotes that were refused) make a weak one doubtful.
    lookalikes = sum(1 for e, why in zip(entries, reasons, strict=True) if why not in (None, "prose") and quote_shaped(e))
    if lookalikes:
        for i, why in enumerate(reasons):
            if why is None:
                evidence[i]["lookalikes"] = min(lookalikes, 3)
    return [Verdict(why, found) for why, found in zip(reasons, evidence, strict=True)]


def lone_line(block: Block, entries: list[Entry]) -> tuple[bool, bool]:
    """Does the block say in words what an index did, and is it one line that says it as a
    sentence does: with words around its entries or a full stop ("The Dow rose 0.4% on Monday.",
    "恒指收報8913，跌77點。")? A sentence is for prose mode; a strip says it between separators,
    or in lines of their own, one after another."""
    text = block.text.text
    words = [i for e in entries for i in e.items if isinstance(i, Word) and i.kind == "direction"]
    worded = any(c.isalpha() for w in words for c in text[w.start : w.end])
    if not entries or len({block.line_of(e.start) for e in entries}) != 1 or _SEPARATED.search(text):
        return worded, False
    loose = list(text)
    for e in entries:
        loose[e.start : e.end] = " " * (e.end - e.start)
    stop = bool(_FULL_STOP.search(text.rstrip()))
    around = any(c.isalpha() for c in _STAMP.sub(" ", "".join(loose)))
    # A verb the vocabulary does not know ends up in the name ("Dow Jones Industrial Average tacked on"),
    # or after it ("… मजबूत हुआ।"): a full stop and words around or in the name say it too.
    tail = any(_VERB_TAIL.search(e.name) for e in entries)
    return worded, (worded and (stop or around)) or (stop and (around or tail))


def _doubts(r: Reading) -> dict[str, int]:
    """What a record's reading says of how sure it is, beside its score: the evidence features
    a record has whatever its neighbours."""
    found = {
        "labelled": r.hints - r.columns >= 2,
        "table_row": r.columns > 0,
        "one_field": len(r.roles) == 1,
        "checks_out": _checks_out(r),
        "known_index": r.index is not None and r.value is not None and r.index.plausible(r.value),
        "unknown_name": r.index is None,
        "guessed": len((_GUESSES | {"fuzzy_name"}) & set(r.repairs)),
        "no_agreement": len(r.roles) == 3 and not r.agrees,
        "odd_order": r.features.get("free_order", 0) > 0 or r.features.get("order_rank", 0) >= ODD_ORDER,
    }
    return {name: int(present) for name, present in found.items() if present}


def quote_shaped(entry: Entry) -> bool:
    """Two numbers or more, one of them marked as a move (a sign, an arrow, a percent, a direction word)."""
    nums = [i for i in entry.items if isinstance(i, Num)]
    marked = any(n.sign or n.arrow or n.percent for n in nums) or any(
        isinstance(i, Word) and i.kind == "direction" for i in entry.items
    )
    return len(nums) >= 2 and marked


def _listed(r: Reading, instrument: bool) -> str | None:
    """What an entry is if it stands only in a list of its kind: an instrument's level alone
    ("listed_level"), or a move alone marked as quotes mark it ("listed_move": a sign or an
    arrow, two decimals: "Reliance Industries (-0.19%)"). Sector moves, inflation rates and
    survey balances are written with one decimal or none."""
    if instrument and _level_alone(r):
        return "listed_level"
    marked = r.signed and not r.worded and r.roles == ("pct_change",) and r.pct_change.as_tuple().exponent <= -2
    return "listed_move" if marked and r.index is None and not r.features.get("bare_percent") and not bent(r) else None


def _level_alone(r: Reading) -> bool:
    """A level and nothing else, as written: no sign, no guess."""
    return r.roles == ("value",) and not r.signed and not _GUESSES & set(r.repairs) and not bent(r)


def _signed_move(r: Reading, signed: bool) -> bool:
    """A level and a percentage written as quotes write them: signed (or in a strip that signs
    them), with decimals, read without a guess, and a change, if any, that agrees. Votes,
    budgets and counts have levels and percentages too, but not signed ones with decimals
    beside levels that agree; prices of houses are round thousands ("$936,000 (+0.2%)")."""
    moved = r.signed or signed
    if not ({"value", "pct_change"} <= set(r.roles) and moved and r.precise) or _GUESSES & set(r.repairs) or bent(r):
        return False
    round_level = r.value >= 1000 and r.value % 1000 == 0
    return not round_level and (r.change is None or r.agrees)


def _own_evidence(r: Reading) -> bool:
    """Evidence an entry carries itself: :func:`strong`; or a known index the numbers do not
    contradict, or a row of a table whose header names a quote's columns, read without bending."""
    known = r.index is not None and (r.value is None or r.index.plausible(r.value))
    return strong(r) or ((known or r.columns > 0) and not _GUESSES & set(r.repairs) and not bent(r))


def bent(r: Reading) -> bool:
    """Was the reading bent to fit: a feature that costs a point or more of log-odds
    (a move as large as the level, a percentage over 30, signs that disagree)?"""
    return any(FEATURES[name].weight <= -1.0 for name, count in r.features.items() if count)


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
    starts = sorted(start for start, _ in spans)
    for start, end in block.line_spans():
        total = loose = lower = 0
        for cell in _CELL.finditer(text, start, end):
            words = list(_WORD.finditer(text, cell.start(), cell.end()))
            if not any(covered[cell.start() : cell.end()]) and sum(w.group()[0].islower() for w in words) >= 2:
                continue  # a note beside the strip
            for word in words:
                if not covered[word.start()] and (not word.group().isalpha() or _KEY.match(text, word.end())):
                    continue  # a table's other columns, a code's identifiers and keys: no words of prose
                weight = len(word.group()) * (2 if word.group()[0].islower() else 1)
                total += weight
                if not covered[word.start()]:
                    loose += weight
                    lower += not word.group()[0].isupper()  # scripts without case count as lower case
        # A sentence is prose: one entry, lower-case words beside it and a full stop ("The Dow rose 0.4% on Monday."),
        # and so are sentences one after another ("… an ounce. It ranged from …").
        # A line that opens with words of its own and ends with a full stop is a sentence too ("Across the
        # Channel, the CAC 40 lost 59 points to 4,276 while the Dax gave up 154 points to 9,188.").
        first = _WORD.search(text, start, end)
        opens = first is not None and not covered[first.start()]
        one = bisect_left(starts, end) - bisect_left(starts, start) == 1
        ended = _SENTENCE_END.search(text, start, end)
        sentence = lower and ((ended and (one or opens)) or _SENTENCES.search(text, start, end))
        if (loose > 3 and loose > MAX_UNCOVERED * total) or sentence:
            prose[start:end] = b"\x01" * (end - start)
    return prose


def sentences(line: str) -> bool:
    """Is the line one cell (no strip separator) that holds two sentences or more?"""
    return "|" not in line and "•" not in line and "·" not in line and _SENTENCES.search(line) is not None


def prose_whatever(line: str, holds: Callable[[str, int], bool]) -> bool:
    """Is the line prose for :func:`prose_mask` whatever entries the grammar finds on it? It is
    one cell of two sentences ("… an ounce. It ranged …") with a word in lower case no entry
    can hold: after a comma or a word, outside parentheses, that ``holds`` says no entry holds,
    with more than letters after it on the line (else a wrapped name's first half could join
    the entry below: "… while Dow" / "Jones 27,462")."""
    if not sentences(line):
        return False
    for word in _LOOSE.finditer(line):
        at = word.start()
        note = line.rfind("(", 0, at)
        in_note = note >= 0 and at - note <= 25 and ")" not in line[note:at]  # a name's note: "(24K, per tola)"
        rest = line[at:].replace(" ", "")
        free = word.group().isalpha() and not in_note and not rest.isalpha() and not _KEY.match(line, word.end())
        if free and not holds(line, at):
            return True
    return False


def truncated(found: list[Reading], text: str) -> bool:
    """Was a strip's last record cut off? It has fewer fields than the others, at the text's end."""
    if len(found) < 2:
        return False
    last = found[-1]
    usual = Counter(r.roles for r in found[:-1]).most_common(1)[0][0]
    return len(last.roles) < len(usual) and not text[last.end :].strip()
