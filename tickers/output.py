"""Printing rows: one set of output options shared by every command that prints rows."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    import pandas as pd

    pass

FORMATS = ("table", "json", "ndjson", "csv")


def output_options(command: Callable) -> Callable:
    """The ``--format`` option, for every command that prints rows."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for people; json, ndjson or csv for other programs (keys are the column names).",
    )(command)


def emit(rows: Iterable[dict], columns: Sequence[str], fmt: str, *, title: str | None = None) -> None:
    """Print ``rows`` (plain JSON-ready dicts) with ``columns`` in the chosen format: ndjson and
    csv a row at a time as they come. A reader that leaves early (``| head``) ends the command
    with success: nothing went wrong."""
    try:
        _emit(rows, columns, fmt, title)
        sys.stdout.flush()
    except BrokenPipeError:
        quiet_stdout()
        sys.exit(0)  # click would make a closed pipe exit 1


def quiet_stdout() -> None:
    """Standard output to /dev/null: the pipe is closed, and Python flushes it at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _emit(rows: Iterable[dict], columns: Sequence[str], fmt: str, title: str | None) -> None:
    out = sys.stdout
    if fmt not in ("ndjson", "csv"):
        rows = list(rows)  # a table's widths, and a JSON array, need every row
    if fmt == "json":
        json.dump([{c: r.get(c) for c in columns} for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "ndjson":
        for r in rows:
            out.write(json.dumps({c: r.get(c) for c in columns}, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for r in rows:
            writer.writerow(_cell(r.get(c), csv_mode=True) for c in columns)
    else:
        # Off a terminal, rows stay whole rather than wrapping at 80 columns.
        console = Console(file=out, width=None if out.isatty() else 1000)
        columns_given = set(columns)
        cells = [{c: _cell(r.get(c)) for c in columns} for r in rows]
        if out.isatty():
            cells = [{c: _short(c, v) for c, v in row.items()} for row in cells]
            columns = _fitting(columns, cells, console.width)
            if "index" in columns and "name" in columns and _width(columns, cells) > console.width:
                # Still too wide: one column of series, the index or else the name as written.
                for row in cells:
                    row["series"] = row["index"] or row["name"]
                columns = [("series" if c == "index" else c) for c in columns if c != "name"]
        table = Table(show_lines=False)
        for c in columns:
            numbers = c in _NUMERIC or (
                c in columns_given and all(isinstance(r.get(c), int | float | Decimal | None) for r in rows)
            )
            # A number, a time or an id is never cut in two.
            table.add_column(c, justify="right" if numbers else "left", overflow="fold", no_wrap=numbers or _whole(c))
        for row in cells:
            table.add_row(*(Text(row[c]) for c in columns))  # Text: no markup in data
        if title:
            console.print(Text(title))
        console.print(table)


_NUMERIC = {"value", "change", "pct_change", "confidence", "line"}  # strings in parse's rows, numbers all the same
_WHOLE = {"snapshot_id", "symbol", "span", "records", "rejects", "position"}
# What a narrow terminal loses first: columns a reader can do without, before names fold.
_DROPPED_FIRST = (
    "repairs", "raw", "span", "line", "content_hash", "parser_version", "ingested_at",
    "symbol", "snapshot_id", "confidence",
)  # fmt: skip
_TIME_TEXT = re.compile(r"^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(?::\d\d(?:\.\d+)?)?(?:\+00:00|Z)?$")


def _short(column: str, text: str) -> str:
    """On a terminal: a time to the minute in UTC, an id to the prefix `show` takes."""
    if column == "snapshot_id" and len(text) > 8:
        return text[:8]
    m = _TIME_TEXT.match(text) if column.endswith("_at") else None
    return f"{m[1]} {m[2]}" if m else text


def _fitting(columns: Sequence[str], cells: list[dict], width: int) -> list[str]:
    """The columns that fit a terminal ``width``, dropping the least needed first."""
    kept = list(columns)
    for column in _DROPPED_FIRST:
        if _width(kept, cells) <= width:
            break
        if column in kept and len(kept) > 3:
            kept.remove(column)
    return kept


def _width(columns: Sequence[str], cells: list[dict]) -> int:
    """A table's width: whole columns (numbers, times, ids) as wide as they are, words folding to 14."""
    widths = [max([len(c), *(len(r[c]) for r in cells)]) for c in columns]
    return sum(w if _whole(c) else min(w, 14) for c, w in zip(columns, widths, strict=True)) + 3 * len(columns) + 1


def _whole(column: str) -> bool:
    return column in _NUMERIC or column in _WHOLE or column.endswith("_at")


def frame_rows(frame: pd.DataFrame, fmt: str) -> list[dict]:
    """A query's rows as plain JSON-ready dicts: missing values None, times in ISO 8601 (to the
    second in tables), numpy scalars and arrays as Python numbers and lists."""
    import numpy as np  # here, not above: `tickers parse` never loads them
    import pandas as pd

    def plain(value):
        if isinstance(value, list | tuple | np.ndarray):
            return [plain(v) for v in value]
        if isinstance(value, datetime):  # pandas' Timestamp is one
            return value.isoformat(sep=" ", timespec="seconds") if fmt == "table" else value.isoformat()
        if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return None
        return value.item() if isinstance(value, np.generic) else value

    return [{c: plain(v) for c, v in row.items()} for row in frame.to_dict("records")]


def _cell(value, csv_mode: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, list | tuple):
        return ";".join(map(str, value)) if csv_mode else ", ".join(map(str, value))
    return str(value)


@contextmanager
def progress(verb: str, total: int) -> Iterator[Callable]:
    """A progress bar on standard error, when it is a terminal, over ``total`` bytes of input;
    yields the function to call with each document read."""
    if not sys.stderr.isatty():
        yield lambda item: None
        return
    columns = (TextColumn(verb), BarColumn(), TextColumn("{task.fields[docs]} documents"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(verb, total=total or None, docs=0)

        def advance(item) -> None:  # parsed shards have no text: they count, but do not move the bar
            bar.update(task, advance=len(getattr(item, "text", "")), docs=bar.tasks[0].fields["docs"] + 1)

        yield advance
