"""From a document to its rows: the snapshot, quotes and rejects the store keeps of it.

A pure function of picklable values, run by every path: the writer, its worker
processes, ``tickers extract`` and each Spark task. A snapshot's id is a hash of
its source and its content, so the same document from the same source is the same
snapshot in every store and on every run. Nothing here needs DuckDB, so workers
load only the parser and Arrow.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa

from tickers import __version__
from tickers.layouts import default_files
from tickers.parser import scan_pieces
from tickers.quote import Quote, Reject
from tickers.reading.files import Document, to_utc
from tickers.registry import DATA_FILE
from tickers.schema import QUOTES, REJECTS

PLACES = Decimal("0.0001")
LIMITS = {"value": Decimal("1e14"), "change": Decimal("1e14"), "pct_change": Decimal("1e5")}  # what the columns hold


@dataclass
class Summary:
    """What an ingest did; ``failed`` and ``warnings`` are messages naming the input."""

    documents: int = 0
    snapshots: int = 0
    records: int = 0
    rejects: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, parsed: Iterable[Rows]) -> None:
        """Add documents' rows, written or extracted, to the counts."""
        for rows in parsed:
            self.snapshots += 1
            self.records += len(rows.quotes)
            self.rejects += len(rows.rejects)

    def __str__(self) -> str:
        return (
            f"{self.documents} documents: {self.snapshots} snapshots, {self.records} records, "
            f"{self.rejects} rejects, {self.skipped} skipped as seen before"
            + (f", {len(self.failed)} inputs failed" if self.failed else "")
        )


@dataclass
class Reread:
    """What reading stored documents again did (``Store.reparse``). A record is known by its
    snapshot, name and index: *gained* where it is new, *lost* where it is gone, *changed*
    where its numbers differ."""

    snapshots: int = 0
    before: int = 0
    after: int = 0
    gained: int = 0
    lost: int = 0
    changed: int = 0
    without_text: int = 0  # snapshots stored without their text: not read again

    def add(self, snapshots: int, before: Counter, after: Counter) -> None:
        """``before`` and ``after``: counts of records as ``(snapshot, name, index, numbers...)``."""
        self.snapshots += snapshots
        self.before += before.total()
        self.after += after.total()
        keys_before, keys_after = _keys(before), _keys(after)
        self.gained += (keys_after - keys_before).total()
        self.lost += (keys_before - keys_after).total()
        self.changed += (after - before).total() - (keys_after - keys_before).total()

    def __str__(self) -> str:
        told = (
            f"{self.snapshots} snapshots read again: {self.before} records before, {self.after} after "
            f"({self.gained} gained, {self.lost} lost, {self.changed} changed)"
        )
        return told + (f"; {self.without_text} stored without their text were not" if self.without_text else "")


def _keys(records: Counter) -> Counter:
    """Records counted by what they are (snapshot, name, index), whatever their numbers."""
    keys: Counter = Counter()
    for record, count in records.items():
        keys[record[:3]] += count
    return keys


@dataclass(frozen=True, slots=True)
class Options:
    """How documents are parsed and timed."""

    as_of: datetime | None = None
    grammar: tuple[str, ...] = ()
    registry: tuple[str, ...] = ()
    prose: bool = False  # read report sentences too (tickers.prose)
    keep_text: bool = True  # store each document's text, to read it again later

    @classmethod
    def of(cls, as_of=None, grammar=(), registry=(), prose: bool = False, keep_text: bool = True) -> Options:
        """From what a caller gives: a time as text or datetime, paths as str or PathLike."""
        paths = tuple(map(os.fspath, grammar)), tuple(map(os.fspath, registry))
        return cls(to_utc(as_of) if as_of else None, *paths, prose, keep_text)


@lru_cache(maxsize=16)
def reader(grammar: tuple[str, ...] = (), registry: tuple[str, ...] = ()) -> str:
    """What reads documents: tickers' version and a digest of every layout and registry file
    it loads. A stored snapshot read by another reader is read again (``Store.reparse``)."""
    digest = hashlib.sha256()
    for path in (*default_files(), *map(Path, grammar), DATA_FILE, *map(Path, registry)):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
    return f"{__version__}+{digest.hexdigest()[:12]}"


def mode_of(snapshot: str, source: str, digest: str) -> bool | None:
    """Whether a stored snapshot was read in prose mode (its id says), None if neither id matches."""
    return next((prose for prose in (False, True) if snapshot_id(source, digest, prose) == snapshot), None)


def snapshot_id(source: str, content_hash: str, prose: bool = False) -> str:
    """A document's id: its source and text, and the mode that read it (a page read again in
    prose mode is a new snapshot, not one seen before)."""
    mode = "\0prose" if prose else ""
    return hashlib.sha256(f"{source}\0{content_hash}{mode}".encode()).hexdigest()[:16]


def content_hash(text: str) -> str:
    """The SHA-256 of the text's UTF-8, encoded a megabyte at a time (a long page is not copied whole).

    >>> content_hash("Dow") == hashlib.sha256(b"Dow").hexdigest()
    True
    """
    digest = hashlib.sha256()
    for start in range(0, len(text), HASH_STEP):
        digest.update(text[start : start + HASH_STEP].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


HASH_STEP = 1 << 20


class Rows(NamedTuple):
    """One document's rows: its snapshot, and its quotes and rejects as Arrow tables of the
    store's schemas (compact however many records a document holds; they pickle to a worker)."""

    snapshot: dict
    quotes: pa.Table
    rejects: pa.Table


def document_rows(doc: Document, options: Options, now: datetime) -> Rows:
    """Parse one document into the rows the store keeps of it; a pure function of its arguments.
    A long document is parsed a window at a time and each window's records made Arrow rows
    at once: about 170 bytes a record, where a record as Python objects took more than a kilobyte."""
    digest = content_hash(doc.text)
    sid = snapshot_id(doc.source, digest, options.prose)
    # A corpus's time first; then --as-of; then the page's own dateline or metadata, the crawl's date, the file's.
    if doc.observed_at and not (options.as_of and doc.observed_from in ("page", "warc", "file")):
        observed, basis = doc.observed_at, doc.observed_from
    else:
        observed, basis = (options.as_of, "as_of") if options.as_of else (now, "ingested")
    quotes, rejects = [], []
    records = refused = 0
    for piece in scan_pieces(doc.text, prose=options.prose, grammar=options.grammar, registry=options.registry):
        kept, set_aside = _storable(piece.quotes, list(piece.rejects))
        quotes.append(_quote_table(kept, sid, records, observed))
        rejects.append(_reject_table(set_aside, sid, refused))
        records, refused = records + len(kept), refused + len(set_aside)
    snapshot = {
        "snapshot_id": sid,
        "observed_at": observed,
        "observed_from": basis,
        "source": doc.source,
        "content_hash": digest,
        "parser_version": __version__,
        "ingested_at": now,
        "records": records,
        "rejects": refused,
        "text": doc.text if options.keep_text else None,
        "reader": reader(options.grammar, options.registry),
    }
    return Rows(snapshot, pa.concat_tables(quotes), pa.concat_tables(rejects))


def _quote_table(quotes: list[Quote], sid: str, before: int, observed: datetime) -> pa.Table:
    columns = {
        "snapshot_id": [sid] * len(quotes),
        "position": range(before + 1, before + len(quotes) + 1),
        "observed_at": [observed] * len(quotes),
        **{k: [getattr(q, k) for q in quotes] for k in ("name", "index", "symbol", "confidence", "line", "raw")},
        **{k: [_exact(getattr(q, k)) for q in quotes] for k in LIMITS},
        "repairs": [list(q.repairs) for q in quotes],
        "span_start": [q.span[0] for q in quotes],
        "span_end": [q.span[1] for q in quotes],
    }
    return _table(columns, QUOTES)


def _reject_table(rejects: list[Reject], sid: str, before: int) -> pa.Table:
    columns = {
        "snapshot_id": [sid] * len(rejects),
        "position": range(before + 1, before + len(rejects) + 1),
        **{k: [getattr(r, k) for r in rejects] for k in ("reason", "line", "raw")},
        "span_start": [r.span[0] for r in rejects],
        "span_end": [r.span[1] for r in rejects],
    }
    return _table(columns, REJECTS)


def _table(columns: dict, schema: pa.Schema) -> pa.Table:
    return pa.table({f.name: pa.array(columns[f.name], f.type) for f in schema}, schema)


def flatten(rows: Rows) -> list[dict]:
    """A document's rows as rows of one table (``schema.EXTRACTED``): its snapshot on each."""
    entries = [{"kind": "quote", **q} for q in rows.quotes.to_pylist()]
    entries += [{"kind": "reject", **r} for r in rows.rejects.to_pylist()]
    return [rows.snapshot | entry for entry in entries or [{"kind": "none"}]]


BATCH_TEXT = 8_000_000  # characters of text a batch holds at most, however few its documents


def batches(
    items: Iterable[Document | Rows | Exception], size: int, summary: Summary, on_item=None, prose: bool = False
) -> Iterator[dict]:
    """Documents (or documents parsed already) by snapshot id, ``size`` at a time, or fewer
    where they hold ``BATCH_TEXT`` characters (memory stays bounded for long pages); inputs
    that could not be read and repeats are counted in ``summary`` on the way."""
    pending: dict[str, Document | Rows] = {}
    text = 0
    for item in items:
        if isinstance(item, Exception):
            summary.failed.append(str(item))
            continue
        summary.documents += 1
        if isinstance(item, Rows):
            sid = item.snapshot["snapshot_id"]
        else:
            sid = snapshot_id(item.source, content_hash(item.text), prose)
            if item.warning:
                summary.warnings.append(f"{item.source}: {item.warning}")
        if sid in pending:
            summary.skipped += 1
        pending[sid] = item
        text += len(getattr(item, "text", ""))
        if on_item:
            on_item(item)
        if len(pending) >= size or text >= BATCH_TEXT:
            yield pending
            pending, text = {}, 0
    if pending:
        yield pending


def _exact(number: Decimal | None) -> Decimal | None:
    return None if number is None else number.quantize(PLACES)


def _storable(quotes: list[Quote], rejects: list[Reject]) -> tuple[list[Quote], list[Reject]]:
    """Records whose numbers the columns cannot hold go to the rejects, not away."""
    kept = []
    for q in quotes:
        if any(getattr(q, k) is not None and abs(getattr(q, k)) >= limit for k, limit in LIMITS.items()):
            rejects.append(Reject(q.line, q.span, q.raw, "out_of_range"))
        else:
            kept.append(q)
    return kept, rejects


def now_utc() -> datetime:
    return datetime.now(UTC)
