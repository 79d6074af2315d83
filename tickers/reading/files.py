"""Reading the documents a command is given: files, folders, globs and standard input."""

from __future__ import annotations

import bz2
import glob
import gzip
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import zstandard


@dataclass(frozen=True, slots=True)
class Document:
    source: str  # the path as given, "-" for standard input, or a corpus row's id
    text: str
    warning: str | None = None  # e.g. undecodable bytes were replaced
    observed_at: datetime | None = None  # when the page was seen, where the input says
    observed_from: str = "field"  # where observed_at came from: a corpus's time field, or "warc" (the crawl's date)


class InputError(Exception):
    """A document that cannot be read; the message names it."""


def decode(data: bytes, source: str) -> Document:
    """Text of ``data``: UTF-8 (with or without BOM) or BOM-marked UTF-16; bad bytes replaced."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Document(source, data.decode("utf-16", errors="replace"))
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: a binary file, not text")
    try:
        return Document(source, data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        bad = f"invalid UTF-8 at byte {exc.start}; undecodable bytes replaced with U+FFFD"
        return Document(source, data.decode("utf-8-sig", errors="replace"), bad)


def expand(paths: list[str], problems: list[str] | None = None) -> Iterator[str]:
    """Each path as given; folders become the files inside them, recursively, sorted (not hidden
    ones, nor the _SUCCESS and _metadata files that data tools leave beside their output),
    following links to folders; a glob that names no existing file becomes the files it
    matches. A link that loops back and a folder that cannot be read are told in ``problems``."""
    for p in paths:
        path = Path(p)
        if p != "-" and not path.exists() and glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            yield from expand(matches, problems) if matches else [p]
        elif p != "-" and path.is_dir():
            yield from sorted(_walk(path, problems if problems is not None else []), key=lambda f: Path(f).parts)
        else:
            yield p


def _walk(top: Path, problems: list[str]) -> Iterator[str]:
    seen = {os.path.realpath(top)}

    def unreadable(exc: OSError) -> None:
        problems.append(f"{exc.filename}: cannot read the folder ({exc.strerror or exc})")

    for folder, subfolders, files in os.walk(top, followlinks=True, onerror=unreadable):
        kept = []
        for name in sorted(subfolders):
            inside = os.path.join(folder, name)
            real = os.path.realpath(inside)
            if real in seen:
                problems.append(f"{inside}: a link back to {real}, which is read already; not followed")
            elif not name.startswith((".", "_")):
                seen.add(real)
                kept.append(name)
        subfolders[:] = kept
        yield from (os.path.join(folder, f) for f in files if not f.startswith((".", "_")))


COMPRESSED = (".gz", ".bz2", ".zst")


def bare_name(path: str) -> str:
    """The file's name in lower case without its compression suffix: what it holds."""
    name = path.lower()
    return next((name.removesuffix(c) for c in COMPRESSED if name.endswith(c)), name)


def open_binary(path: str) -> BinaryIO:
    """The file's bytes, decompressed as they are read where its name ends in ``.gz``,
    ``.bz2`` or ``.zst``; raises OSError (and EOFError) as ``open`` and the codecs do."""
    name = path.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    if name.endswith(".zst"):
        return zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True)
    return open(path, "rb")


def read(source: str) -> Document:
    """One document; raises :class:`InputError` naming the file and the problem."""
    if source == "-":
        return decode(sys.stdin.buffer.read(), "-")
    try:
        with open_binary(source) as stream:
            return decode(stream.read(), source)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except (OSError, EOFError, zstandard.ZstdError) as exc:  # gzip.BadGzipFile is an OSError
        raise InputError(f"{source}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None


def to_utc(value: str | datetime) -> datetime:
    """A time as an aware UTC datetime; one without a zone is taken as UTC.

    >>> to_utc("2019-11-03 16:30").isoformat()
    '2019-11-03T16:30:00+00:00'
    """
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"not a time: {value!r} (use ISO 8601, e.g. 2019-11-03 or 2019-11-03T16:30:00+03:30)") from None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
