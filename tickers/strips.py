"""Finding ticker strips in free text: which lines to parse, grouped into blocks.

Most lines of a page are prose. A whole text is classified in a few C-level
passes (its bytes translated to classes, then counted line by line), which
dismiss prose without a Python step per word; only lines near the bound go
through the per-line rule, and the grammar only sees lines that might be
ticker text. Runs of
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
from itertools import islice, repeat
from types import EllipsisType

from tickers.repair import Repaired, repair, without_markup

MAX_LINE = 4000  # longer lines are cut into pieces of about this size
SHORT_LINE = 48  # a line this short may hold one field of a stacked layout
HEADER_LINE = 120  # a line of capitalised words this short may be a table's header
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s*$")
_CELLS = re.compile(r"(?:[^|\t]*[|\t]){2}|\S {2,}\S.*?\S {2,}\S")  # cells kept apart by bars, tabs or wide gaps: a table's header


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


# A line's kind turns on two counts: its lower-case words (tokens that start with two
# lower-case letters, not after a word character or "&") and its numbers.
_LOWER_WORD = re.compile(r"(?<![\w&])[a-z]{2}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_BREAKS = "\n\x0b\x0c\x1c\x1d\x1e"  # what str.splitlines breaks on in ASCII text, with \r
# Bytes of an ASCII text as classes: lower-case "a", other word characters "A", digits "0",
# "U" for what needs a closer look (markup, entities, non-ASCII), and separators.
_CLASSES = _byte_classes(
    {
        string.ascii_lowercase: "a",
        string.ascii_uppercase + "_": "A",
        string.digits: "0",
        "&<" + "".join(map(chr, range(128, 256))): "U",
        _BREAKS: "\n",
        "\r": "\r",
    }
)


def _counted(lines: list[bytes], pattern: bytes) -> Iterator[int]:
    return map(bytes.count, lines, repeat(pattern))


def prose_lines(text: str) -> list[str | None] | None:
    """Per line of ``text.splitlines()``: ``prose`` where C-level counts prove it, ``plain``
    where the line has no digit (so it holds no entry), ``None`` where ``line_kind`` must decide.
    ``None`` for the whole text when its lines cannot be counted this way.

    The counts bound the rule of ``line_kind`` from the safe side: the lower-case words from
    below (a line's first token is not counted), the numbers from above (a run of k
    digits counts as k - k//2, no less than the numbers it holds). Most prose is decided
    here without a Python step per word; what is left is the few lines near the bound.
    """
    if not text.isascii() and ("\x85" in text or "\u2028" in text or "\u2029" in text):
        return None
    raw = text.encode("utf-8", "surrogatepass")  # lone surrogates (surrogateescape, JSON) are characters too
    classes = raw.translate(_CLASSES)
    if b"\r" in raw and raw.count(b"\r\n") != classes.count(b"\r\n"):
        return None  # "\r" before a control break: one break as bytes, two as text
    lines = classes.splitlines()
    marked = _counted(lines, b"U") if b"U" in classes else repeat(0)
    kinds: list[str | None] = []
    for words, digits, pairs, unsure, size in zip(
        _counted(lines, b" aa"), _counted(lines, b"0"), _counted(lines, b"00"), marked, map(len, lines), strict=False
    ):
        if unsure or size > MAX_LINE:  # _pieces cuts a long line, and its pieces are judged alone
            kinds.append(None)
        elif not digits:
            kinds.append("plain")
        else:
            kinds.append("prose" if words > 2 * (digits - pairs) + 4 else None)
    return kinds


def line_kind(line: str) -> str:
    """``ticker`` (may hold entries), ``short`` (may hold a stacked field), ``blank`` or ``prose``."""
    line = without_markup(line)
    if not line.strip():
        return "blank"
    if _DIGIT.search(line):
        limit = 2 * len(_NUMBER.findall(line)) + 4
        # Lower-case words are counted only until they outnumber what the numbers allow.
        lower = sum(1 for _ in islice(_LOWER_WORD.finditer(line), limit + 1))
        return "ticker" if lower <= limit else "prose"
    if (len(line) <= SHORT_LINE and not _SENTENCE_END.search(line)) or _CELLS.search(line):
        return "short"  # a field of a stacked layout, or a table's header
    if len(line) <= HEADER_LINE and not _SENTENCE_END.search(line) and not _LOWER_WORD.search(line):
        return "short"  # a header of cells kept apart by single spaces: "Company Name LTP GAIN(%) Day's Low"
    return "prose"


def _seen_length(line: str) -> int:
    """How long a line reads, markup and indentation aside."""
    return len(without_markup(line).strip()) if "<" in line or "&" in line else len(line.strip())


def find_blocks(text: str, known: list[str | None] | EllipsisType | None = ...) -> Iterator[Block]:
    """Blocks of lines that may hold ticker entries, repaired and ready to parse;
    ``known``: :func:`prose_lines` of the text, where the caller has it (None included).

    >>> [b.text.text for b in find_blocks("A long sentence about nothing at all, really, truly.\\nDow 27,462 +0.4%")]
    ['Dow 27,462 +0.4%']
    """
    if known is ...:
        known = prose_lines(text)
    if known is not None and None not in known:
        return  # every line is prose or holds no digit: no entry anywhere
    run: list[tuple[int, int, str]] = []
    has_ticker = False
    pending_blank = False
    for no, offset, line in _pieces(text):
        kind = "prose" if known is not None and known[no - 1] == "prose" else line_kind(line)
        if kind == "blank":
            pending_blank = bool(run)
            if pending_blank and _seen_length(run[-1][2]) > SHORT_LINE:
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
