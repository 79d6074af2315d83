"""A document as the parser reads it: an HTML page as its text, and the time the page gives itself."""

from __future__ import annotations

from tickers.reading.dates import page_time
from tickers.reading.files import Document, bare_name
from tickers.reading.html import html_text, looks_like_html


def as_text(doc: Document, path: str = "", html: bool = False) -> Document:
    """The document as the parser reads it: an HTML page (a ``.html`` or ``.htm`` file, a text
    that is a page: :func:`looks_like_html`, or any text with ``html``) turned into its text
    by :func:`html_text`; and, where the input gave no time, the time the page gives itself
    (:func:`tickers.reading.dates.page_time`)."""
    page = html or bare_name(path).endswith((".html", ".htm")) or looks_like_html(doc.text)
    text = html_text(doc.text) if page else doc.text
    if doc.observed_at is None and (when := page_time(text, doc.text if page else None)) is not None:
        return Document(doc.source, text, doc.warning, when, "page")  # the page's own time, where it gives one
    return Document(doc.source, text, doc.warning, doc.observed_at, doc.observed_from) if page else doc
