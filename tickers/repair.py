"""Text repair before parsing, keeping every character's offset in the original.

Undoes what scraping does to ticker text: leftover HTML tags and entities, mojibake (UTF-8 read as
cp1252, fixed by ftfy), exotic spaces, invisible characters, Unicode minus signs,
and non-ASCII digits and separators. The grammar then sees plain text, while
spans still point into the text the user gave us.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

import ftfy
import ftfy.bad_codecs  # registers the sloppy-windows-1252 codec

# Markup that survived scraping: <span class="up">, </td>, <br/>.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,300})?/?>")
# Odometer widgets flattened to one character per cell: "2 3 , 9 0 7 . 2 5".
_SPACED_DIGITS = re.compile(r"(?<![\w.,%()+-])[-+(\d](?: [-+()\d.,%]){4,}(?![\w.,%()+-])")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A UTF-8 lead byte and continuation bytes, read as cp1252: what mojibake is made of.
_MOJIBAKE_RUN = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]{1,3}")
# A stray "Â" left where a no-break space was mangled and then normalised.
_STRAY_A = re.compile("\u00c2(?= )")

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff"
_MINUS = "\u2212\u2012\u2013\ufe63\uff0d"
_CHAR_MAP: dict[str, str] = {
    **{c: " " for c in _SPACES},
    **{c: "" for c in _INVISIBLE},
    **{c: "-" for c in _MINUS},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u066a": "%",  # Arabic percent sign
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",  # Arabic semicolon
    # Fullwidth ASCII (Japanese and Chinese pages): （-12.40%） is (-12.40%).
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
}

# What _char_edits may change: the map's characters, dashes and digits other than ASCII.
_EDITED = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "\u2014\u2015]|(?![0-9])\\d")


@dataclass(slots=True)
class Repaired:
    """A repaired piece of text and, per character, where it came from.

    ``starts[i]``/``ends[i]`` are the offsets in the original text of the
    character ``text[i]``; ``marks`` lists ``(start, end, code)`` original spans
    that were repaired.
    """

    text: str
    starts: list[int]
    ends: list[int]
    marks: list[tuple[int, int, str]]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` back to the original text."""
        return self.starts[start], self.ends[end - 1]

    def repairs_in(self, start: int, end: int) -> set[str]:
        """Repair codes whose original span overlaps ``[start, end)`` (original offsets)."""
        return {code for s, e, code in self.marks if s < end and e > start}

    def _replace(self, edits: list[tuple[int, int, str]], code: str | None) -> None:
        """Apply sorted, non-overlapping ``(start, end, replacement)`` edits."""
        if not edits:
            return
        text, starts, ends = [], [], []
        pos = 0
        for start, end, new in edits:
            text.append(self.text[pos:start])
            starts.extend(self.starts[pos:start])
            ends.extend(self.ends[pos:start])
            o_start, o_end = self.starts[start], self.ends[end - 1]
            text.append(new)
            starts.extend([o_start] * len(new))
            ends.extend([o_end] * len(new))
            if code:
                self.marks.append((o_start, o_end, code))
            pos = end
        text.append(self.text[pos:])
        starts.extend(self.starts[pos:])
        ends.extend(self.ends[pos:])
        self.text, self.starts, self.ends = "".join(text), starts, ends


def ascii_digits(text: str) -> str:
    """Digits of any script as ASCII, and nothing else changed: "۱۳۹۸" is "1398"."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)


def without_markup(text: str) -> str:
    """``text`` with tags and entities blanked: what a reader of the page sees, roughly."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(" ", text)
    return text


def _sound(text: str) -> bool:
    """Text repair leaves alone at a glance: ASCII, no markup, no digits spaced around a mark."""
    return text.isascii() and "&" not in text and "<" not in text and " . " not in text and " , " not in text


def unrepaired(text: str) -> bool:
    """Does :func:`repair` give the text back as it is?"""
    return _sound(text) or repair(text).text == text


def repair(text: str, base: int = 0) -> Repaired:
    """Repair one piece of text (usually a line) that starts at offset ``base``.

    >>> repair("S&amp;P 500 \u2212 0,5").text
    'S&P 500 - 0,5'
    """
    out = Repaired(text, list(range(base, base + len(text))), list(range(base + 1, base + len(text) + 1)), [])
    if _sound(text):
        return out
    if "<" in out.text:
        out._replace([(m.start(), m.end(), " ") for m in _TAG.finditer(out.text)], "html_tag")
    for _ in range(2):  # entities are sometimes escaped twice: &amp;nbsp;
        edits = [(m.start(), m.end(), html.unescape(m.group())) for m in _ENTITY.finditer(out.text)]
        out._replace([e for e in edits if e[2] != out.text[e[0] : e[1]]], "html_entity")
    if "\u00c2" in out.text or _MOJIBAKE_RUN.search(out.text):
        out._replace(_mojibake_edits(out.text), "mojibake")
        out._replace(_symbol_mojibake_edits(out.text), "mojibake")
        out._replace([(m.start(), m.end(), "") for m in _STRAY_A.finditer(out.text)], "mojibake")
    out._replace(_char_edits(out.text), None)
    if " . " in out.text or " , " in out.text:
        edits = [
            (m.start(), m.end(), m.group().replace(" ", ""))
            for m in _SPACED_DIGITS.finditer(out.text)
            if any(c in m.group() for c in ".,") and sum(c.isdigit() for c in m.group()) >= 3
        ]
        out._replace(edits, "spaced_digits")
    return out


def _mojibake_edits(text: str) -> list[tuple[int, int, str]]:
    """Edits that turn mojibake runs into what ftfy decodes them to.

    ftfy fixes the whole line (it needs the context); we align its output with
    the input on their shared ASCII skeleton so each fixed run keeps its offsets.
    """
    fixed = ftfy.fix_encoding(text)
    if fixed == text:
        return []
    edits = []
    i = j = 0
    while i < len(text) and j < len(fixed):
        if text[i] == fixed[j]:
            i += 1
            j += 1
            continue
        i2, j2 = i, j
        while i2 < len(text) and not text[i2].isascii():
            i2 += 1
        while j2 < len(fixed) and not fixed[j2].isascii():
            j2 += 1
        if i2 == i:  # the skeletons disagree: ftfy changed ASCII, don't trust the alignment
            return []
        edits.append((i, i2, fixed[j:j2]))
        i, j = i2, j2
    if len(text) - i != len(fixed) - j:
        return []
    if i < len(text):
        edits.append((i, len(text), fixed[j:]))
    return edits


def _symbol_mojibake_edits(text: str) -> list[tuple[int, int, str]]:
    """Mojibake of symbols ftfy leaves alone on short lines (``â–¼`` alone is ▼).

    Only runs that decode to a symbol, space or punctuation are taken: those
    are never meant as written, while a lone ``Ã©`` might be.
    """
    edits = []
    for m in _MOJIBAKE_RUN.finditer(text):
        try:
            decoded = m.group().encode("sloppy-windows-1252").decode("utf-8")
        except UnicodeError:
            continue
        if len(decoded) == 1 and unicodedata.category(decoded)[0] in "SZP":
            edits.append((m.start(), m.end(), decoded))
    return edits


def _char_edits(text: str) -> list[tuple[int, int, str]]:
    edits = []
    for found in _EDITED.finditer(text):
        i, char = found.start(), found.group()
        new = _CHAR_MAP.get(char)
        if char in "\u2014\u2015" and text[i + 1 : i + 2].isdigit():
            new = "-"  # an em dash stuck to digits is a minus sign
        if new is None and unicodedata.category(char) == "Nd":
            new = str(unicodedata.digit(char, "")) or None
        if new is not None:
            edits.append((i, i + 1, new))
    return edits
