"""Web archives: the pages of a WARC file (what Common Crawl and every web archive ship),
and the text records of a WET file, as documents.

FastWARC reads the records as they stream (gzip, zstd or bzip2 compressed or not). A
``response`` record whose HTTP content type is HTML becomes the page's text
(:func:`tickers.reading.html.html_text`); a WET ``conversion`` record is text already. The
record's target URI is the document's source, and the record's date its time of last
resort (a corpus time or ``--as-of`` comes first).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from fastwarc.warc import ArchiveIterator, WarcRecordType

from tickers.reading.dates import page_time
from tickers.reading.files import Document, InputError, open_binary, to_utc
from tickers.reading.html import html_text

_PAGES = ("text/html", "application/xhtml+xml")


def is_archive(name: str) -> bool:
    """Does a file name (lower case, compression suffix removed) say it is a WARC or WET file?"""
    return name.endswith((".warc", ".wet", ".warc.wet"))


def warc_documents(path: str) -> Iterator[Document | InputError]:
    """The HTML pages and text records of a web archive, in order; an error names the file
    (and the record's position) where the archive cannot be read."""
    try:
        with open_binary(path) as stream:
            records = ArchiveIterator(stream, record_types=WarcRecordType.response | WarcRecordType.conversion)
            for record in records:
                doc = _document(record)
                if doc is not None:
                    yield doc
    except (OSError, EOFError, ValueError) as exc:
        yield InputError(f"{path}: cannot read the archive ({getattr(exc, 'strerror', None) or exc})")


def _document(record) -> Document | None:
    source = record.headers.get("WARC-Target-URI") or record.record_id
    observed = _when(record.record_date)
    if record.record_type == WarcRecordType.conversion:
        return Document(source, _decode(record.reader.read(), "utf-8"), None, observed, "warc")
    record.parse_http()
    kind = (record.http_content_type or "").split(";")[0].strip().lower()
    if kind not in _PAGES:
        return None  # images, scripts, feeds: no page to read
    page = _decode(record.reader.read(), record.http_charset)
    text = html_text(page)
    if (own := page_time(text, page)) is not None:
        return Document(source, text, None, own, "page")  # the page's own time before the crawl's
    return Document(source, text, None, observed, "warc")


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", errors="replace")


def _when(date: datetime | None) -> datetime | None:
    return to_utc(date) if date is not None else None
