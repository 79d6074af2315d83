"""Printing rows: one set of output options shared by every command that prints rows."""

from __future__ import annotations

import csv
import json
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
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


def emit(rows: Sequence[dict], columns: Sequence[str], fmt: str, *, title: str | None = None) -> None:
    """Print ``rows`` (plain JSON-ready dicts) with ``columns`` in the chosen format. A reader
    that leaves early (``| head``) ends the command with success: nothing went wrong."""
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


def _emit(rows: Sequence[dict], columns: Sequence[str], fmt: str, title: str | None) -> None:
    out = sys.stdout
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
        table = Table(show_lines=False)
        for c in columns:
            numbers = c in _NUMERIC or all(isinstance(r.get(c), int | float | Decimal | None) for r in rows)
            table.add_column(c, justify="right" if numbers else "left", overflow="fold")
        for r in rows:
            table.add_row(*(Text(_cell(r.get(c))) for c in columns))  # Text: no markup in data
        # Off a terminal, rows stay whole rather than wrapping at 80 columns.
        console = Console(file=out, width=None if out.isatty() else 1000)
        if title:
            console.print(Text(title))
        console.print(table)


_NUMERIC = {"value", "change", "pct_change", "confidence", "line"}  # strings in parse's rows, numbers all the same


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
