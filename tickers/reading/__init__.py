"""Reading the documents a command is given: the one place that picks the reader for a path.

Texts, plain and HTML files, folders, globs and standard input (``files``, ``html``,
``pages``), corpora (``corpora``), web archives (``warc``); a file of rows extracted
already goes to the ``shards`` reader its caller gives. Nothing here knows the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from tickers.reading.corpora import Fields, read_corpus, reader_for, source_name
from tickers.reading.files import Document, InputError, bare_name, expand, read
from tickers.reading.pages import as_text
from tickers.reading.warc import is_archive, warc_documents

Item = str | os.PathLike | Document  # a text; a file, folder or glob (Path("-"): standard input); a document read already

__all__ = ["Document", "Fields", "InputError", "Item", "documents"]


def documents(
    items: Item | Iterable[Item],
    *,
    source: str | None = None,
    fields: Fields | None = None,
    shards: Callable[[str], Iterator] | None = None,
) -> Iterator:
    """Each document of the inputs, or the error that kept one from being read. Parquet files
    that ``tickers extract`` (or the Spark adapter) wrote hold documents parsed already: what
    ``shards`` reads of them (the store's rows), an error without it.

    >>> [d.source for d in documents(["Dow 27,462.11", "FTSE 7,302.40"], source="wire")]
    ['wire', 'wire']
    """
    fields = fields or Fields()
    for item in [items] if isinstance(items, str | os.PathLike | Document) else items:
        if isinstance(item, Document):
            yield as_text(item, html=fields.html)
        elif isinstance(item, str):
            if "\n" not in item and len(item) < 4096 and os.path.isfile(item):
                yield InputError(f"{item}: a file's path given as text; pass Path({item!r}) to read the file")
            else:
                yield as_text(Document(source or "<text>", item), html=fields.html)
        else:
            problems: list[str] = []
            for path in expand([os.fspath(item)], problems):
                try:
                    if extracted(path):
                        if shards is None:
                            raise InputError(f"{path}: rows extracted already, not documents; `tickers ingest` takes it")
                        yield from shards(path)
                    elif reader_for(path):
                        yield from read_corpus(path, fields)
                    elif is_archive(bare_name(path)):
                        yield from warc_documents(path)
                    else:
                        doc = read(path)
                        name = source or ("-" if path == "-" else source_name(path))
                        read_doc = as_text(Document(name, doc.text, doc.warning), path, fields.html)
                        if fields.file_time and read_doc.observed_at is None and path != "-":
                            modified = datetime.fromtimestamp(os.path.getmtime(path), UTC)
                            read_doc = Document(read_doc.source, read_doc.text, read_doc.warning, modified, "file")
                        yield read_doc
                except InputError as exc:
                    yield exc
            yield from map(InputError, problems)


def extracted(path: str) -> bool:
    """Is this a Parquet file of extracted rows (``schema.EXTRACTED``), not a corpus?"""
    if not path.lower().endswith(".parquet"):
        return False
    try:
        return {"snapshot_id", "kind", "content_hash"} <= set(pq.read_schema(path).names)
    except (OSError, pa.ArrowException):
        return False  # the corpus reader will say what is wrong with it
