"""Finding ticker strips in free text: which lines to parse, grouped into blocks.

Most lines of a page are prose; a plain ``re`` pre-filter dismisses them at
scan speed, so the grammar only sees lines that might be ticker text. Runs of
such lines, with the short lines around them (a stacked layout puts a name
alone on its line), form a block: one strip, parsed as one piece so that
entries wrapped over several lines come back whole.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from tickers.repair import Repaired, repair, without_markup

MAX_LINE = 4000  # longer lines are cut into pieces of about this size
SHORT_LINE = 48  # a line this short may hold one field of a stacked layout
_DIGIT = re.compile(r"\d")
_LOWER_WORD = re.compile(r"(?<![\w&])[a-z]{2,}\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s*$")


@dataclass(slots=True)
class Block:
    """Repaired text of consecutive lines, joined by newlines, with offsets into the input."""

    text: Repaired
    lines: list[int]  # 1-based line number of each line in the block
    line_starts: list[int]  # offset in ``text.text`` where each line starts

    def line_of(self, pos: int) -> int:
        """The index, within the block, of the line a position of the block text is on."""
        return bisect_right(self.line_starts, pos) - 1

    def line_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each line in the block text, without its newline."""
        ends = [start - 1 for start in self.line_starts[1:]] + [len(self.text.text)]
        return list(zip(self.line_starts, ends, strict=True))


def _pieces(text: str) -> Iterator[tuple[int, int, str]]:
    """``(line_no, offset, line)`` for each line, long lines cut at spaces."""
    offset = 0
    for no, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        pos = 0
        while len(stripped) - pos > MAX_LINE:
            cut = stripped.rfind(" ", pos + MAX_LINE // 2, pos + MAX_LINE)
            cut = cut if cut > pos else pos + MAX_LINE
            yield no, offset + pos, stripped[pos:cut]
            pos = cut
        yield no, offset + pos, stripped[pos:]
        offset += len(line)


def _byte_classes(classes: dict[str, str]) -> bytes:
    return bytes(ord(next((c for chars, c in classes.items() if chr(i) in chars), " ")) for i in range(256))


# For ASCII lines: lower-case letters, the other word characters, &, everything else.
_WORD_CLASSES = _byte_classes({string.ascii_lowercase: "a", string.ascii_uppercase + string.digits + "_": "#", "&": "&"})
_DIGIT_RUNS = _byte_classes({string.digits: "0"})


def lower_words(raw: bytes) -> int:
    """How many words ``_LOWER_WORD`` finds in an ASCII line, without a regex: the runs of two
    lower-case letters or more that no other word character touches.

    >>> lower_words(b"The iPhone's 3 new models rose, analysts said")
    5
    """
    # An & ends the word before it and spoils the one after it ("S&P", "&amp;"), as in the regex.
    tokens = raw.translate(_WORD_CLASSES).replace(b"&", b" &").split()
    return sum(map(bytes.isalpha, tokens)) - tokens.count(b"a")


def _kind(line: str) -> str:
    """``ticker`` (may hold entries), ``short`` (may hold a stacked field), ``blank`` or ``prose``."""
    line = without_markup(line)
    if not line.strip():
        return "blank"
    if _DIGIT.search(line):
        if line.isascii():  # most prose: counted at C speed, where a bound on the numbers suffices
            raw = line.encode()
            if lower_words(raw) > 2 * len(raw.translate(_DIGIT_RUNS).split()) + 4:
                return "prose"  # more lower-case words than even every digit run would allow
        limit = 2 * len(_NUMBER.findall(line)) + 4
        # Lower-case words are counted only until they outnumber what the numbers allow.
        lower = sum(1 for _ in islice(_LOWER_WORD.finditer(line), limit + 1))
        return "ticker" if lower <= limit else "prose"
    if len(line) <= SHORT_LINE and not _SENTENCE_END.search(line):
        return "short"
    return "prose"


def find_blocks(text: str) -> Iterator[Block]:
    """Blocks of lines that may hold ticker entries, repaired and ready to parse.

    >>> [b.text.text for b in find_blocks("A long sentence about nothing at all, really, truly.\\nDow 27,462 +0.4%")]
    ['Dow 27,462 +0.4%']
    """
    run: list[tuple[int, int, str]] = []
    has_ticker = False
    pending_blank = False
    for no, offset, line in _pieces(text):
        kind = _kind(line)
        if kind == "blank":
            pending_blank = bool(run)
            if pending_blank and len(run[-1][2]) > SHORT_LINE:
                yield from _emit(run, has_ticker)
                run, has_ticker, pending_blank = [], False, False
            continue
        if kind == "prose" or (pending_blank and len(line) > SHORT_LINE and kind != "ticker"):
            yield from _emit(run, has_ticker)
            run, has_ticker, pending_blank = [], False, False
            if kind == "prose":
                continue
        run.append((no, offset, line))
        has_ticker = has_ticker or kind == "ticker"
        pending_blank = False
    yield from _emit(run, has_ticker)


def _emit(run: list[tuple[int, int, str]], has_ticker: bool) -> Iterator[Block]:
    if not run or not has_ticker:
        return
    parts = [(no, repair(line, offset)) for no, offset, line in run]
    parts = [(no, part) for no, part in parts if part.text.strip()]
    text, starts, ends, marks, line_starts = [], [], [], [], []
    pos = 0
    for _, part in parts:
        if text:
            text.append("\n")
            starts.append(starts[-1])
            ends.append(ends[-1])
            pos += 1
        line_starts.append(pos)
        text.append(part.text)
        starts.extend(part.starts)
        ends.extend(part.ends)
        marks.extend(part.marks)
        pos += len(part.text)
    if parts:
        yield Block(Repaired("".join(text), starts, ends, marks), [no for no, _ in parts], line_starts)
