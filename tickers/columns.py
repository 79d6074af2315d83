"""Tables: the role of each column, read from its header in the page's language.

A quote table's header names its columns ("Index | Last | Chg | %Chg | High | Low",
"Name Werte Aktuell Diff. % 1 Jahr", one cell a line in a flattened table). Each
number of a row below it then takes its column's role as a hint: the level, the
change, the percentage, or something else (a previous close, a high, a volume, a
weight) that is left out. The header's words are the layouts' labels.

Rows whose cells are kept apart by ``|`` or tabs, like their header, are matched cell
by cell. Others (cells split by spaces, one cell a line) are matched item by item,
at the offset that fits the row's numbers best: a name may have taken a column's
digits ("DAX 30 12.659,15" under "Index Werte Aktuell").
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from tickers.grammar import Entry, Num, Word, alternation
from tickers.layouts import Layouts

ROLES = ("value", "change", "pct_change", "other", "name")
_RULE = re.compile(r"^[\s|:+=_-]*$")  # a markdown rule: |---|---|
_SEPARATED = re.compile(r"[|\t]|[ ]{2,}")  # between cells: a bar, a tab, or a run of spaces
_DIGIT = re.compile(r"\d")
_NOTE = re.compile(r"\([^()]*\)")
_GLUED = re.compile(r"(?<=[^\W\d_])(?<![^\W\d_][A-Z])(?=[A-Z][a-z])|(?<=[^\W\d_])(?=[+%])")
_GROUP = re.compile(r"\d{3}[,.]\d")  # the rest of a number a thousands space split: "161 207,700"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LONE_PERCENT = re.compile(r"(?<=\S) % (?=\S)")  # a % sign between two header words: "Chg % Chg"


class Header(NamedTuple):
    roles: tuple[str, ...]  # per column: a role, or "" where the header does not say
    separator: str | None  # what keeps cells apart: "|" (bars, tabs or runs of spaces), ",", ";" or None
    end: int  # where the header ends in the block


class _Vocabulary:
    """Header words of the layouts, as one pattern per role."""

    def __init__(self, layouts: Layouts):
        # A span of time in a header cell makes it a column of some other period: "Change (7d)", "30 Tage".
        periods = alternation([*layouts.units["period"], "d", "w", "m", "y"], fold=True)
        self.period = re.compile(rf"(?i)\d+[ ]?(?:{periods})(?![^\W\d_])")
        self.meaning: dict[str, str] = {}
        for role in ROLES:  # a phrase of two roles keeps the first: "Diff." is a change
            for phrase in layouts.labels[role]:
                self.meaning.setdefault(_key(phrase), role)
        # One trie of every phrase: the longest wins ("Veränderung %" over "Veränderung").
        words = alternation(self.meaning, fold=True)
        self.pattern = re.compile(rf"(?i)(?<![^\W\d_])(?:{words})(?![^\W\d_])")
        self.phrase = re.compile(rf"(?i)(?P<period>{self.period.pattern[4:]})|(?<![^\W\d_])(?:{words})(?![^\W\d_])")

    def _role(self, m: re.Match) -> str:
        return self.meaning.get(_key(m.group()), "")

    def role(self, cell: str) -> str:
        """The role a whole header cell names, "?" for a cell of other words, "" for an empty one.
        A note in parentheses is no part of the name: "Volume ('000 shares)", "Chg (%)"."""
        if self.period.search(cell):
            return "other"
        for text in (cell, _NOTE.sub(" ", cell)):
            text = text.strip(" :*\"'")
            if m := self.pattern.fullmatch(text):
                return self._role(m)
        if "%" in cell and len(cell) <= 24 and not _DIGIT.search(cell):  # "% Chg", "Diff. %", "%เปลี่ยนแปลง"
            return "pct_change"
        return "?" if cell.strip() else ""

    def _phrases(self, line: str) -> list[str] | None:
        """The roles of a line of header phrases kept apart by single spaces; ``None`` if it holds digits."""
        roles, pos = [], 0
        for m in [*self.phrase.finditer(line), None]:
            # A note in parentheses belongs to the phrase before it: "שער (נקודות)", "Volume ('000)".
            between = _NOTE.sub(" ", line[pos : m.start() if m else len(line)]).split()
            if any(_DIGIT.search(w) for w in between):
                return None
            roles += ["?"] * len(between)
            if m:
                roles.append("other" if m.lastgroup == "period" else self._role(m))
                pos = m.end()
        return roles

    def roles(self, line: str) -> tuple[list[str], str | None] | None:
        """The roles of a line's cells and what separates them, if the line reads as a header."""
        separator = _separator(line)
        if separator:
            cells = _split(line.strip().strip("|"), separator)
            roles = [self.role(c) for c in cells]
            if _DIGIT.search(" ".join(_NOTE.sub("", c) for c, r in zip(cells, roles, strict=True) if r == "?")):
                return None
        else:
            line = _GLUED.sub(" ", line)  # a scraped header's cells run together: "NameKurs+/-in %"
            # "Chg % Chg" reads as "Chg %" + "Chg" or as "Chg" + "% Chg": the change comes first.
            readings = [self._phrases(line), self._phrases(_LONE_PERCENT.sub(" %", line))]
            readings = [r for r in readings if r is not None]
            if not readings:
                return None
            roles = max(readings, key=_change_first)
        fields = [r for r in roles if r in ("value", "change", "pct_change")]
        if len(roles) >= 3 and len(fields) >= 2 and roles[0] in fields:
            roles = ["name", *roles]  # the names' column has no label: "終値 前日比 寄り付き" over "TOPIX 2238.81 -16.84 …"
        # A header of periods only ("30 Tage 90 Tage 250 Tage") heads a box of key figures: nothing to read.
        periods = len(roles) >= 3 and all(r == "other" for r in roles[1:])
        return (roles, separator) if _names_quotes(roles) or periods else None


def _change_first(roles: list[str]) -> tuple[int, bool]:
    """More columns known, then the change before the percentage."""
    known = sum(1 for r in roles if r not in ("", "?"))
    return known, "change" in roles and "pct_change" in roles and roles.index("change") < roles.index("pct_change")


def _names_quotes(roles: list[str]) -> bool:
    """Do these columns make a quote table's header? Past the first column (the names), the
    header must know more columns than not, and name the level, or both moves, or a move
    and nothing it does not know."""
    known = [r for r in roles[1:] if r not in ("", "?")]
    unknown = roles[1:].count("?")
    fields = {"value", "change", "pct_change"} & set(known)
    if sum(1 for r in known if r in fields) > len(fields):
        return False  # one field named twice: a title ("Dow Jones Latest Price"), no header
    return len(known) >= 2 and len(known) > unknown and bool(fields) and ("value" in fields or len(fields) == 2 or not unknown)


def _key(phrase: str) -> str:
    return " ".join(phrase.casefold().split())


@lru_cache(maxsize=16)
def vocabulary(layouts: Layouts) -> _Vocabulary:
    return _Vocabulary(layouts)


def headers(text: str, line_spans: list[tuple[int, int]], vocab: _Vocabulary) -> list[Header]:
    """The headers of a block: lines that name columns, or runs of lines that each name one."""
    found: list[Header] = []
    stacked: list[str] = []
    stacked_end = 0
    for start, end in line_spans:
        line = text[start:end]
        if _RULE.match(line) and line.strip():
            continue
        read = vocab.roles(line) if line.strip() else None
        if read is not None:
            found.append(Header(tuple(read[0]), read[1], end))
            stacked = []
            continue
        single = vocab.role(line) if line.strip() and not _DIGIT.search(line) and len(line) <= 40 else ""
        if single not in ("", "?"):
            stacked.append(single)
            stacked_end = end
            continue
        if len(stacked) >= 3 and _names_quotes(["name", *stacked]):
            found.append(Header(("name", *stacked) if stacked[0] != "name" else tuple(stacked), None, stacked_end))
        stacked = []
    return found


def foreign_spans(text: str, line_spans: list[tuple[int, int]], layouts: Layouts) -> list[tuple[int, int]]:
    """Where the block is a table whose column header says it holds no quotes
    ("Country | Cases | New | Change %"): from such a header to the next header or the end.

    A header is a line of three cells or more without numbers (years aside), above a row
    with about as many cells; it is foreign when its columns do not make a quote table's.
    """
    vocab = vocabulary(layouts)
    lines = [(line, end) for start, end in line_spans if not _RULE.match(line := text[start:end].strip())]
    spans: list[tuple[int, int]] = []
    for (head, end), (row, _) in itertools.pairwise(lines):
        separator = _separator(head)
        if separator is None or not _DIGIT.search(row) or _DIGIT.search(_YEAR.sub("", head)):
            continue
        cells = _split(head.strip("|"), separator)
        if len(cells) < 3 or abs(len(_split(row.strip("|"), separator)) - len(cells)) > 1:
            continue
        if spans and spans[-1][1] == len(text):
            spans[-1] = (spans[-1][0], end)  # a header ends the table above it
        spans.append((end, len(text)) if not _names_quotes([vocab.role(c) for c in cells]) else (end, end))
    return [(start, end) for start, end in spans if end > start]


def column_hints(text: str, line_spans: list[tuple[int, int]], entries: list[Entry], layouts: Layouts) -> dict[int, str]:
    """``number start -> role`` for the numbers of rows under a quote table's header."""
    found = headers(text, line_spans, vocabulary(layouts))
    if not found:
        return {}
    hints: dict[int, str] = {}
    for entry in entries:
        header = next((h for h in reversed(found) if h.end <= entry.start), None)
        if header is None:
            continue
        line_end = text.find("\n", entry.start)
        row = text[entry.start : len(text) if line_end < 0 else line_end]
        if header.separator and _separator(row) == header.separator:
            found_hints = _by_cells(text, entry, header)
        else:
            found_hints = _by_items(text, entry, header)
        # A row with a level and nothing, not even an empty cell, where the header has moves
        # was cut off ("Goud 1.86" at a page's end): its numbers are not the header's.
        moves = {"change", "pct_change"}
        blanks = any(isinstance(i, Word) and i.kind == "blank" for i in entry.items)
        if moves & set(header.roles) and not blanks and not moves & set(found_hints.values()):
            continue
        hints.update(found_hints)
    return hints


def _separator(line: str) -> str | None:
    """What keeps a line's cells apart: bars, tabs or runs of spaces ("|"), or a CSV's "," or ";"."""
    line = line.strip()
    if _SEPARATED.search(line):
        return "|"
    for char in ";,":
        if len(_split(line, char)) >= 3:
            return char
    return None


def _split(line: str, separator: str) -> list[str]:
    """The cells of a line; a CSV's separators inside quotes or between digits are no cell's end."""
    if separator == "|":
        return _SEPARATED.split(line)
    cells, quoted, start = [], False, 0
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted and not (line[i - 1 : i].isdigit() and line[i + 1 : i + 2].isdigit()):
            cells.append(line[start:i])
            start = i + 1
    return [*cells, line[start:]]


def _cells(entry: Entry, text: str) -> list[list]:
    """The row's cells: its numbers, stamps and empty cells, each a list of the items it holds;
    digit groups a space split ("161 207,700") stand in one cell."""
    cells: list[list] = []
    for item in entry.items:
        if isinstance(item, Num):
            last = cells[-1][-1] if cells else None
            if (
                isinstance(last, Num)
                and text[last.end : item.start] == " "
                and last.body.isdigit()
                and len(last.body) <= 3
                and not (last.percent or item.sign or item.arrow)
                and _GROUP.match(item.body)
            ):
                cells[-1].append(item)
                continue
            cells.append([item])
        elif item.kind in ("stamp", "blank"):
            cells.append([item])
    return cells


def _by_cells(text: str, entry: Entry, header: Header) -> dict[int, str]:
    """Cell by cell: a number's column is the count of separators between its line's start and it."""
    line_start = text.rfind("\n", 0, entry.start) + 1
    lead = len(text[line_start:]) - len(text[line_start:].lstrip(" |"))  # a markdown row's opening bar
    out = {}
    for item in (i for cell in _cells(entry, text) for i in cell):
        if isinstance(item, Num):
            column = len(_split(text[line_start + lead : item.start], header.separator)) - 1
            role = header.roles[column] if column < len(header.roles) else ""
            if role not in ("", "?", "name"):
                out[item.start] = _marked(role, item, header)
    return out


def _by_items(text: str, entry: Entry, header: Header) -> dict[int, str]:
    """Item by item, at the offset where the row's numbers fit the columns best."""
    # The columns of numbers start at the first the header names as one (after a code, a name, a symbol).
    first = next((i for i, r in enumerate(header.roles) if r in ("value", "change", "pct_change", "other")), len(header.roles))
    columns = list(header.roles[max(first, 1) :])
    cells = _cells(entry, text)
    if not cells or not columns:
        return {}
    items = [cell[0] for cell in cells]
    best = max(range(-len(items) + 1, len(columns)), key=lambda d: (_fit(items, columns, d), -abs(d)))
    out = {}
    for i, cell in enumerate(cells):
        if isinstance(cell[0], Num) and 0 <= i + best < len(columns) and columns[i + best] not in ("", "?", "name"):
            out |= {n.start: _marked(columns[i + best], cell[-1], header) for n in cell}
    return out


def _marked(role: str, number: Num, header: Header) -> str:
    """A column the header calls the change holds percentages where its numbers say so and the
    header has no column of percentages ("Изменение" / "-1,33%"); else a % there is stray."""
    return "pct_change" if role == "change" and number.percent and "pct_change" not in header.roles else role


def _fit(items: list, columns: list[str], offset: int) -> float:
    score = 0.0
    for i, item in enumerate(items):
        j = i + offset
        role = columns[j] if 0 <= j < len(columns) else None
        if role is None:
            # Left of the columns only a count the name took ("FTSE 100"); right of them, a stray cell.
            count = isinstance(item, Num) and item.body.isdigit() and len(item.body) <= 4 and not item.sign
            score -= (0.5 if count else 2.0) if j < 0 else 1.0
            continue
        if isinstance(item, Word):
            score += 1.0 if item.kind == "blank" or role in ("", "?", "other") else -2.0
        elif item.percent:
            score += 2.0 if role == "pct_change" else -2.0
        elif role == "pct_change":
            score -= 0.5
        elif item.sign and role == "change":
            score += 1.0
        elif item.sign and role == "value":
            score -= 1.0
    return score
