"""HTML pages as the text the parser reads: lines where the page breaks them, a table's
cells apart.

A real HTML parser (selectolax, on the Lexbor engine) reads the page; the text keeps the
structure the grammar needs and nothing it must not see:

- block elements and list items are lines of their own; a paragraph, a table, a list
  or a navigation bar is set off by a blank line;
- a table row is one line, its cells kept apart by `` | ``, which the grammar reads as
  a cell separator (``Dow | 27,462.11 | +0.42%``);
- inline elements (the spans of one ticker widget) stay on their line, glued as the
  page shows them;
- the head (title, metadata), styles, templates, forms' widgets and comments are
  dropped; a ``<script>`` is dropped unless it holds data with digits in it (a JSON or
  JavaScript ticker feed), which is kept as a block of its own.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROPPED = {"head", "title", "style", "template", "noscript", "svg", "canvas", "iframe", "select", "option", "button"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul", "caption",
    "thead", "tbody", "tfoot", "html",
}  # fmt: skip
_APART = {"p", "table", "ul", "ol", "nav", "header", "footer", "aside", "section", "article", "h1", "h2", "h3", "form"}
_CELLS = {"td", "th"}
MAX_SPAN = 12  # a colspan above this is a layout's, not a table's
_DATA = re.compile(r"[\[{][^<]*\d")  # a script that holds an array or an object with digits in it
_PAGE = re.compile(r"<(?:!doctype\s+html|html[\s>]|body[\s>])", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def looks_like_html(text: str) -> bool:
    """Is the text an HTML page (a doctype, an ``<html>`` or ``<body>`` tag near its start),
    not text that kept some tags? In text, line breaks mean something; in HTML they do not."""
    return _PAGE.search(text, 0, 5000) is not None


def html_text(html: str) -> str:
    """The page's text, one line per block and per table row.

    >>> html_text("<ul><li>Dow <b>27,462.11</b></li><li>Nasdaq 8,100.00</li></ul>")
    'Dow 27,462.11\\nNasdaq 8,100.00'
    >>> html_text("<table><tr><th>Index</th><th>Last</th></tr><tr><td>DAX</td><td>15.141,10</td></tr></table>")
    'Index | Last\\nDAX | 15.141,10'
    """
    if re.search(r"<t[rd][\s>]", html, re.IGNORECASE) and not re.search(r"<table[\s>]", html, re.IGNORECASE):
        html = f"<table>{html}</table>"  # a fragment of rows: outside a table, HTML drops their tags
    root = LexborHTMLParser(html).root
    if root is None:
        return ""
    out: list[str | None] = []  # pieces of text, LINE (a line ends) and BLOCK (a block is set apart)
    _walk(root, out)
    return _lines(out)


LINE, BLOCK = "\n", None


def _walk(node: LexborNode, out: list[str | None]) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            text = child.text_content or ""
            # Whitespace alone with a line break, between elements: the page's author broke the
            # line there, and cells a stylesheet would stack stay apart ("GRAM ALTIN" / "165,8645").
            out.append(LINE if "\n" in text and not text.strip() else text)
        elif tag in ("-comment", "-doctype") or tag in _DROPPED:
            continue
        elif tag == "script":
            body = child.text(deep=True) or ""
            if _DATA.search(body):
                out.append(BLOCK)
                for line in body.strip().splitlines():
                    out.extend([line, LINE])  # a feed's lines stay lines
                out.append(BLOCK)
        elif tag == "br":
            out.append(LINE)
        elif tag == "tr":
            out.append(LINE)
            texts = []
            for cell in (c for c in child.iter() if c.tag in _CELLS):
                piece: list[str | None] = []
                _walk(cell, piece)
                texts += _spanned(cell, " ".join(_lines(piece).split("\n")))
            out.append(" | ".join(texts))
            out.append(LINE)
        elif tag in _BLOCKS or tag == "table":
            brk = BLOCK if tag in _APART else LINE
            out.append(brk)
            _walk(child, out)
            out.append(brk)
        else:
            _walk(child, out)


def _lines(pieces: list[str | None]) -> str:
    """Join the pieces: spaces collapsed as a browser does, empty lines dropped, one blank
    line where blocks were set apart."""
    lines: list[str] = []
    current: list[str] = []
    blank = False
    for piece in [*pieces, LINE]:
        if piece is BLOCK or piece == LINE:
            if line := _SPACES.sub(" ", "".join(current)).strip():
                if blank and lines:
                    lines.append("")
                lines.append(line)
                blank = False
            current = []
            blank = blank or piece is BLOCK
        else:
            current.append(piece)
    return "\n".join(lines)


def _spanned(cell, text: str) -> list[str]:
    """A cell as the columns it spans: a header over an arrow's column and a number's names
    the last of them ("Tendenza %" over "▲ | 0,91"); a data cell fills the first."""
    try:
        span = min(max(int(cell.attributes.get("colspan") or 1), 1), MAX_SPAN)
    except ValueError:
        span = 1
    blanks = [""] * (span - 1)
    return [*blanks, text] if cell.tag == "th" else [text, *blanks]
