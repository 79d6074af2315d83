"""Corpora: JSON Lines, CSV and Parquet files whose rows are documents.

JSON Lines are read a line at a time (a bad line is named and skipped); CSV and Parquet
through DuckDB's own readers. A row's text, time and id come from the columns the user
names, or from the first column with a usual name.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import duckdb
import zstandard

from tickers.reading.files import Document, InputError, bare_name, open_binary, to_utc
from tickers.reading.pages import as_text

READERS = {
    ".jsonl": "read_json({}, format='newline_delimited')",
    ".ndjson": "read_json({}, format='newline_delimited')",
    # A ragged or broken CSV row is set aside (and named from reject_errors); the rest is read.
    ".csv": "read_csv({}, store_rejects = true)",
    ".tsv": "read_csv({}, delim='\t', store_rejects = true)",
    ".parquet": "read_parquet({})",
}
TEXT_FIELDS = ("text", "content", "body")
TIME_FIELDS = ("observed_at", "timestamp", "date", "datetime", "time", "published_at", "published", "crawled_at")
ID_FIELDS = ("id", "url", "uri", "source")
ROWS_PER_FETCH = 2048
_NUMERIC = {
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "FLOAT",
    "DOUBLE",
}


@dataclass(frozen=True, slots=True)
class Fields:
    """Which columns hold a document's text, time and id (None: the first usual name present);
    ``html``: every document's text is HTML (else only pages are: :func:`as_text`)."""

    text: str | None = None
    time: str | None = None
    id: str | None = None
    html: bool = False
    file_time: bool = False  # a file that gives no time of its own is observed at its modification time


def reader_for(path: str) -> str | None:
    """The DuckDB reader for a corpus file, or None for a plain document."""
    name = bare_name(path)
    return next((reader for suffix, reader in READERS.items() if name.endswith(suffix)), None)


def read_corpus(path: str, fields: Fields) -> Iterator[Document | InputError]:
    """The documents of one corpus file, and an error naming each record that cannot be read
    (its line or row and why): the good records beside a bad one are kept. Raises
    :class:`InputError` naming the file where the file as a whole cannot be read."""
    if os.path.isfile(path) and os.path.getsize(path) == 0:
        return  # an empty corpus has no documents (and no columns to name)
    if bare_name(path).endswith((".jsonl", ".ndjson")):
        yield from _json_lines(path, fields)
        return
    if path.lower().endswith(".bz2"):  # DuckDB's readers take gzip and zstd, not bzip2
        with _unpacked(path) as plain:
            for found in read_corpus(plain, fields):
                yield InputError(str(found).replace(plain, path, 1)) if isinstance(found, InputError) else found
        return
    csv = bare_name(path).endswith((".csv", ".tsv"))
    with duckdb_for(path) as con:
        table = reader_for(path).format(sql_string(path))
        rel = con.sql(f"SELECT * FROM {table}")
        columns = dict(zip(rel.columns, (str(t) for t in rel.types), strict=True))
        text = _column(path, columns, fields.text, TEXT_FIELDS, "text", required=True)
        if columns[text] != "VARCHAR":
            raise InputError(f"{path}: the text field {text!r} holds {columns[text]}, not text")
        time = _column(path, columns, fields.time, TIME_FIELDS, "time")
        key = _column(path, columns, fields.id, ID_FIELDS, "id")
        selected = [
            f"CAST({quote_name(text)} AS VARCHAR)",
            _time_expr(time, columns) if time else "NULL::TIMESTAMPTZ",
            f"CAST({quote_name(time)} AS VARCHAR)" if time else "NULL",
            f"CAST({quote_name(key)} AS VARCHAR)" if key else "NULL",
        ]
        query = con.sql(f"SELECT {', '.join(selected)} FROM {table}")
        row = 0
        for batch in query.to_arrow_reader(ROWS_PER_FETCH):
            for doc_text, observed, time_text, doc_id in zip(*(c.to_pylist() for c in batch.columns), strict=True):
                row += 1
                warning = None
                if time and observed is None and time_text is not None:  # what DuckDB cannot cast
                    observed = read_time(time_text)
                    if observed is None:
                        warning = f"{time} {time_text!r} is not a time; --as-of or the ingest time is used"
                yield as_text(
                    Document(doc_id or f"{source_name(path)}#{row}", doc_text or "", warning, observed), html=fields.html
                )
        if csv:
            for line, message in con.sql("SELECT line, error_message FROM reject_errors ORDER BY line").fetchall():
                yield InputError(f"{path}: line {line}: skipped ({message})")


def _json_lines(path: str, fields: Fields) -> Iterator[Document | InputError]:
    """A JSON Lines corpus, a line at a time: a line that is no JSON object, or whose text
    field is missing or no text, is named and skipped; the others are read."""
    try:
        with io.TextIOWrapper(open_binary(path), encoding="utf-8", errors="replace") as lines:
            first = True
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as exc:
                    yield InputError(f"{path}: line {number}: not JSON ({exc.msg}); skipped")
                    continue
                found = _json_document(path, number, record, fields)
                if isinstance(found, InputError) and first and "no text field" in str(found):
                    # The first record says what the file holds: a file without the field is named once.
                    names = ", ".join(record) if isinstance(record, dict) else ""
                    wanted = f"no text field {fields.text!r}" if fields.text else "no text field"
                    hint = "" if fields.text else "; name it with --text-field"
                    raise InputError(f"{path}: {wanted} (fields: {names}){hint}")
                first = False
                yield found
    except (OSError, EOFError, zstandard.ZstdError) as exc:  # missing, unreadable, a bad compressed stream
        raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None


def _json_document(path: str, number: int, record: object, fields: Fields) -> Document | InputError:
    if not isinstance(record, dict):
        return InputError(f"{path}: line {number}: not a JSON object; skipped")
    text = _field(record, fields.text, TEXT_FIELDS)
    if text is None:
        return InputError(f"{path}: line {number}: no text field (fields: {', '.join(record)}); skipped")
    if not isinstance(record[text], str):
        return InputError(f"{path}: line {number}: the text field {text!r} holds {type(record[text]).__name__}, not text")
    time, key = _field(record, fields.time, TIME_FIELDS), _field(record, fields.id, ID_FIELDS)
    observed, warning = None, None
    if time is not None and record[time] is not None:
        observed = read_time(record[time])
        if observed is None:
            warning = f"{time} {record[time]!r} is not a time; --as-of or the ingest time is used"
    doc_id = str(record[key]) if key is not None and record[key] is not None else f"{source_name(path)}#{number}"
    return as_text(Document(doc_id, record[text], warning, observed), html=fields.html)


def _field(record: dict, given: str | None, usual: tuple[str, ...]) -> str | None:
    """The field ``given``, if the record has it; else the first of the ``usual`` names it has, in any case."""
    if given is not None:
        return given if given in record else None
    return next((k for name in usual for k in record if k.lower() == name), None)


def _column(path: str, columns: dict, given: str | None, usual: tuple[str, ...], role: str, required=False) -> str | None:
    if given is not None:
        if given not in columns:
            raise InputError(f"{path}: no {role} field {given!r} (fields: {', '.join(columns)})")
        return given
    found = _field(columns, None, usual)
    if found is None and required:
        raise InputError(f"{path}: no text field (fields: {', '.join(columns)}); name it with --text-field")
    return found


def quote_name(column: str) -> str:
    """A column's name as an SQL identifier."""
    return '"' + column.replace('"', '""') + '"'


def _time_expr(column: str, columns: dict) -> str:
    """SQL for a time column as TIMESTAMPTZ: timestamps and dates as they are (UTC when
    without zone), numbers as Unix seconds (milliseconds when that large), text cast."""
    kind, col = columns[column], quote_name(column)
    if kind.startswith(("TIMESTAMP", "DATE")):
        return f"CAST({col} AS TIMESTAMPTZ)"
    if kind in _NUMERIC or kind.startswith("DECIMAL"):
        return f"to_timestamp(CASE WHEN abs({col}) >= 1e11 THEN {col} / 1000 ELSE {col} END)"
    return f"TRY_CAST({col} AS TIMESTAMPTZ)"


def read_time(value) -> datetime | None:
    """A document's time from whatever a corpus holds: datetimes, ISO 8601 text, the dates of
    e-mail, HTTP and RSS headers ("Tue, 05 Nov 2019 08:20:00 GMT"), or Unix seconds (or
    milliseconds); None where it is no time.

    >>> [read_time(v).isoformat() for v in ("2019-11-05T08:20:00+03:30", "Tue, 05 Nov 2019 08:20:00 GMT", 1572942000)]
    ['2019-11-05T04:50:00+00:00', '2019-11-05T08:20:00+00:00', '2019-11-05T08:20:00+00:00']
    """
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000 if abs(value) >= 1e11 else value, UTC)
    if isinstance(value, str):
        for parse in (to_utc, parsedate_to_datetime):
            try:
                return to_utc(parse(value))
            except (TypeError, ValueError, IndexError):
                continue
    return None


@contextmanager
def _unpacked(path: str) -> Iterator[str]:
    """A bzip2 corpus decompressed, as it streams, into a temporary file of the same kind."""
    folder = tempfile.mkdtemp(prefix="tickers-")
    plain = os.path.join(folder, os.path.basename(path)[: -len(".bz2")])
    try:
        try:
            with open_binary(path) as packed, open(plain, "wb") as out:
                shutil.copyfileobj(packed, out, 1 << 20)
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
        yield plain
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def duckdb_for(path: str) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB to read one file with, in UTC; its errors name the file."""
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        yield con
    except duckdb.Error as exc:
        raise InputError(f"{path}: cannot read ({str(exc).splitlines()[0]})") from None
    finally:
        con.close()


def sql_string(text: str) -> str:
    """``text`` as an SQL string literal, for the file paths DuckDB's readers and COPY take.

    >>> sql_string("it's.csv")
    "'it''s.csv'"
    """
    return "'" + text.replace("'", "''") + "'"


def source_name(path: str) -> str:
    """A file's source: its path from the working folder when inside it, else absolute,
    so ``samples/`` and ``./samples/`` name the same documents."""
    full = Path(path).absolute()
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()
