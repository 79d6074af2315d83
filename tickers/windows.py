"""Long texts read a window at a time, so that parsing memory stays bounded whatever a text's size.

A window owns the characters between two cuts and reads a margin of context on each side:
an entry across a cut, or a table whose header stands before it, is seen whole by the
window that owns its first character. Cuts fall at line ends, or at spaces inside a
line longer than a window (a crawl's minified page), where the grammar cuts long lines too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

WINDOW = 1 << 18  # characters a window owns: a text no longer than this is read in one piece
MARGIN = 1 << 13  # characters of context read on each side of a window's own part
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines breaks at


class Window(NamedTuple):
    """Read ``text[start:end]``; keep what starts in ``[own_start, own_end)``."""

    start: int
    end: int
    own_start: int
    own_end: int
    lines_before: int  # line breaks before ``start``: a window's line 1 is the text's line ``lines_before + 1``


def windows(text: str, size: int = WINDOW, margin: int = MARGIN) -> Iterator[Window]:
    """The windows that read ``text``, in order; one window for a text of ``size`` characters or fewer.

    >>> [tuple(w) for w in windows("ab\\ncd\\nef\\ngh\\n", 6, 3)]
    [(0, 9, 0, 6, 0), (3, 12, 6, 12, 1)]
    """
    own_start, start, lines_before = 0, 0, 0
    while True:
        own_end = len(text) if len(text) - own_start <= size else _last_cut(text, own_start + size // 2, own_start + size)
        end = _last_cut(text, own_end, own_end + margin) if own_end < len(text) else own_end
        yield Window(start, end, own_start, own_end, lines_before)
        if own_end == len(text):
            return
        next_start = _first_cut(text, max(start, own_end - margin), own_end)
        lines_before += _breaks(text[start:next_start])
        own_start, start = own_end, next_start


def _last_cut(text: str, low: int, high: int) -> int:
    """The last place to cut in ``(low, high]``: after a line break, else after a space, else ``high``."""
    high = min(high, len(text))
    for chars in ("\n", _BREAKS, " \t"):
        at = max(text.rfind(c, low, high) for c in chars)
        if at >= low:
            return _after(text, at)
    return high


def _first_cut(text: str, low: int, high: int) -> int:
    """The first place to cut in ``[low, high]``, as :func:`_last_cut` chooses, else ``high``
    (``low`` itself where a line starts there)."""
    for chars in ("\n", _BREAKS, " \t"):
        found = [at for c in chars if (at := text.find(c, max(low - 1, 0), high)) >= 0]
        if found:
            return _after(text, min(found))
    return high


def _after(text: str, at: int) -> int:
    """Where to cut after the break or space at ``at``: a "\r\n" is one break, never cut in two."""
    return at + 2 if text[at : at + 2] == "\r\n" else at + 1


def _breaks(piece: str) -> int:
    """Line breaks in ``piece``, as ``str.splitlines`` counts them (the piece ends at a cut)."""
    lines = piece.splitlines(keepends=True)
    return len(lines) if lines and lines[-1][-1] in _BREAKS else max(len(lines) - 1, 0)
