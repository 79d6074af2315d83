"""The ``tickers`` command: a thin layer over the library, one library call per command."""

from __future__ import annotations

import functools
import itertools
import os
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import click

from tickers import __version__
from tickers.extract import extract
from tickers.layouts import LayoutError, load_layouts
from tickers.output import emit, frame_rows, output_options, progress, quiet_stdout
from tickers.parser import scan_pieces
from tickers.quote import FIELDS
from tickers.reading import Fields, documents
from tickers.reading.files import Document, InputError, expand, to_utc
from tickers.registry import RegistryError, load_registry
from tickers.schema import StoreError
from tickers.store import Store, StoreBusy

TABLE_COLUMNS = ("name", "index", "value", "change", "pct_change", "confidence", "repairs")
SNAPSHOT_TABLE = ("snapshot_id", "observed_at", "observed_from", "source", "records", "rejects")  # json and csv: every column


def _load_data_files(grammars, registries) -> None:
    """Load the user's layout and registry files now: a bad one stops the command (exit 2) before any work."""
    try:
        load_layouts(tuple(grammars))
        load_registry(tuple(registries))
    except (LayoutError, RegistryError) as exc:
        raise click.UsageError(str(exc)) from None


def _warn(message: str) -> None:
    click.echo(f"tickers: {message}", err=True)


html_option = click.option(
    "--html", is_flag=True, help="Read every document's text as HTML (.html files and whole pages are anyway)."
)


_DEBUG = False  # --debug: main() shows an internal error's traceback
DEFAULT_DB = "tickers.duckdb"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tickers")
@click.option(
    "--db", envvar="TICKERS_DB", metavar="PATH", help=f"The store for every command (also $TICKERS_DB; default {DEFAULT_DB})."
)
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error (also TICKERS_DEBUG=1).")
def cli(db: str | None, debug: bool) -> None:
    """Find market ticker strips in damaged text, recover their entries, and keep them
    as a time series in a DuckDB store."""
    global _DEBUG
    _DEBUG = debug


@cli.command("parse")
@click.argument("inputs", nargs=-1, metavar="[FILE|FOLDER ...|-]")
@output_options
@click.option("--grammar", "grammars", multiple=True, metavar="FILE", help="An extra layout file (see grammars/). Repeatable.")
@click.option("--registry", "registries", multiple=True, metavar="FILE", help="An extra index registry file. Repeatable.")
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True, help="Drop records less sure than this."
)
@click.option("--prose", is_flag=True, help="Read the market facts of report sentences too (repair code prose).")
@html_option
def parse_command(inputs, fmt, grammars, registries, min_confidence, prose, html) -> None:
    """Print the ticker records found in each input (standard input with - or nothing)."""
    _load_data_files(grammars, registries)
    if not inputs and sys.stdin.isatty():
        raise click.UsageError("give a FILE, a FOLDER, or - to read standard input")
    items = [Path(p) for p in inputs or ["-"]]
    failed = 0

    def readable() -> Iterator[Document]:
        nonlocal failed
        for doc in documents(items, fields=Fields(html=html)):
            if isinstance(doc, InputError):
                _warn(str(doc))
                failed += 1
            else:
                if doc.warning:
                    _warn(f"{doc.source}: {doc.warning}")
                yield doc

    docs = readable()
    first = list(itertools.islice(docs, 2))  # a second document, or an input that failed, puts a file column first
    several = len({doc.source for doc in first}) + failed > 1

    def rows() -> Iterator[dict]:  # a window's records at a time: ndjson and csv stream, however long the text
        for doc in itertools.chain(first, docs):
            for piece in scan_pieces(doc.text, prose=prose, grammar=grammars, registry=registries):
                yield from ({"file": doc.source, **q.to_dict()} for q in piece.quotes if q.confidence >= min_confidence)

    columns = TABLE_COLUMNS if fmt == "table" else FIELDS
    emit(rows(), (("file",) if several else ()) + columns, fmt)
    if failed:
        sys.exit(1)


class Time(click.ParamType):
    """An ISO 8601 date or time, UTC unless it says otherwise."""

    name = "TIME"

    def convert(self, value, param, ctx):
        try:
            return to_utc(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def db_option(command):
    """``--db`` on a command, after the command group's: ``tickers --db X latest`` and
    ``tickers latest --db X`` name the same store."""
    return click.option(
        "--db",
        metavar="PATH",
        callback=lambda ctx, param, value: value or ctx.find_root().params.get("db") or DEFAULT_DB,
        help=f"The store: a DuckDB file (default: the one given before the command, $TICKERS_DB, or {DEFAULT_DB}).",
    )(command)


def wait_option(command):
    return click.option(
        "--wait",
        type=click.FloatRange(0),
        default=5.0,
        show_default=True,
        help="Seconds to wait while a writer holds the store.",
    )(command)


def _store(db: str, registries=(), grammars=(), wait: float = 5.0) -> Store:
    _load_data_files(grammars, registries)
    return Store(db, grammar=grammars, registry=registries, wait=wait)


def _print(frame, fmt: str, title: str | None = None, table_columns: tuple[str, ...] | None = None) -> None:
    columns = table_columns if fmt == "table" and table_columns else list(frame.columns)
    emit(frame_rows(frame, fmt), columns, fmt, title=title)


def document_options(command):
    """How the commands that parse documents read, time and parse them."""
    options = [
        click.option("--as-of", type=Time(), help="When the documents were seen, for those without a time field."),
        click.option("--source", metavar="NAME", help="The source of one plain-text input (a URL, an id); default: its path."),
        click.option("--text-field", metavar="COLUMN", help="A corpus's text column (default: text, content or body)."),
        click.option(
            "--time-field", metavar="COLUMN", help="A corpus's time column (default: observed_at, timestamp, date, ...)."
        ),
        click.option("--id-field", metavar="COLUMN", help="A corpus's document id column (default: id, url, uri or source)."),
        html_option,
        click.option(
            "--file-time", is_flag=True, help="A file that gives no time of its own is observed at its modification time."
        ),
        click.option("--grammar", "grammars", multiple=True, metavar="FILE", help="An extra layout file. Repeatable."),
        click.option("--registry", "registries", multiple=True, metavar="FILE", help="An extra index registry file. Repeatable."),
        click.option(
            "--batch-size",
            type=click.IntRange(1),
            default=2000,
            show_default=True,
            help="Documents per batch (at most 8 MB of text).",
        ),
        click.option(
            "--jobs",
            type=click.IntRange(1),
            default=os.cpu_count() or 1,
            show_default="the number of cores",
            help="Processes that parse.",
        ),
    ]

    @functools.wraps(command)
    def packed(**params):  # the shared options reach the command as one value
        shared = {name: params.pop(name) for name in DocumentOptions.__dataclass_fields__}
        return command(reading=DocumentOptions(**shared), **params)

    for option in reversed(options):
        packed = option(packed)
    return packed


@dataclass(frozen=True)
class DocumentOptions:
    """The options of ``document_options``, as the commands that parse documents get them."""

    as_of: datetime | None
    source: str | None
    text_field: str | None
    time_field: str | None
    id_field: str | None
    html: bool
    file_time: bool
    grammars: tuple[str, ...]
    registries: tuple[str, ...]
    batch_size: int
    jobs: int

    def fields(self) -> Fields:
        return Fields(self.text_field, self.time_field, self.id_field, self.html, self.file_time)

    def keywords(self) -> dict:
        """What ``Store.ingest`` and ``extract`` both take: how documents are read, timed and batched."""
        return {
            "as_of": self.as_of,
            "source": self.source,
            "fields": self.fields(),
            "batch_size": self.batch_size,
            "jobs": self.jobs,
        }

    def items(self, inputs: tuple[str, ...]) -> list[Path]:
        """The inputs as paths ("-" too: standard input is read when its turn comes)."""
        if self.source and (len(inputs) > 1 or (inputs[0] != "-" and Path(inputs[0]).is_dir())):
            raise click.UsageError("--source names one document: give one file or -")
        return [Path(p) for p in inputs]


def _input_bytes(inputs: tuple[str, ...]) -> int:
    return sum(os.path.getsize(f) for f in expand([p for p in inputs if p != "-"]) if os.path.isfile(f))


def _report(where: str, summary) -> None:
    for message in (*summary.warnings, *summary.failed):
        _warn(message)
    click.echo(f"{where}: {summary}")
    if summary.failed:
        sys.exit(1)


@cli.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH... | -")
@db_option
@document_options
@click.option("--wait", type=click.FloatRange(0), default=5.0, show_default=True, help="Seconds to wait for another writer.")
@click.option("--prose", is_flag=True, help="Read the market facts of report sentences too (repair code prose).")
@click.option("--no-text", is_flag=True, help="Keep no document's text in the store (it cannot be read again then).")
def ingest_command(inputs, db, reading: DocumentOptions, wait, prose, no_text):
    """Parse files, folders, globs, corpora (JSON Lines, CSV, Parquet) or - (standard input) into the store.

    Each document becomes one snapshot, with its text; a document stored already by
    this reader (this tickers, its layouts and registry) is skipped, so running it
    again only adds what is new, and one stored by another reader is read again. Folders
    of shards written by `tickers extract` or the Spark adapter are taken as they are.
    """
    items = reading.items(inputs)
    store = _store(db, reading.registries, reading.grammars, wait)
    with progress("ingesting", _input_bytes(inputs)) as advance:
        summary = store.ingest(items, **reading.keywords(), on_document=advance, prose=prose, keep_text=not no_text)
    _report(store.path, summary)


@cli.command("reparse")
@db_option
@click.option(
    "--where", metavar="SQL", help="Only the snapshots this condition on their columns selects (source, observed_at, ...)."
)
@click.option("--all", "everything", is_flag=True, help="Every snapshot with its text, not only those another reader read.")
@click.option("--before", metavar="VERSION", help="The snapshots a tickers older than VERSION read (e.g. 0.2.0).")
@click.option("--grammar", "grammars", multiple=True, metavar="FILE", help="An extra layout file. Repeatable.")
@click.option("--registry", "registries", multiple=True, metavar="FILE", help="An extra index registry file. Repeatable.")
@click.option("--wait", type=click.FloatRange(0), default=5.0, show_default=True, help="Seconds to wait for another writer.")
def reparse_command(db, where, everything, before, grammars, registries, wait):
    """Read the stored documents again with this tickers, its layouts and registry.

    Each snapshot that another reader (an older tickers, other layout or registry
    files) read, and whose text the store kept, gets its quotes and rejects replaced,
    a batch per transaction; the line says how many records came and went.
    """
    store = _store(db, registries, grammars, wait)
    click.echo(f"{store.path}: {store.reparse(where=where, everything=everything, before=before)}")


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH... | -")
@click.option("--out", required=True, metavar="DIR", help="Where the Parquet shards go (DIR/year=YYYY/part-….parquet).")
@document_options
@click.option("--no-text", is_flag=True, help="Write no document's text into the shards.")
def extract_command(inputs, out, reading: DocumentOptions, no_text):
    """Parse documents as ingest does, into Parquet shards under --out instead of a store.

    The shards are the ones the Spark adapter writes; `tickers ingest DIR` takes them into a store.
    """
    items = reading.items(inputs)
    _load_data_files(reading.grammars, reading.registries)
    with progress("extracting", _input_bytes(inputs)) as advance:
        summary = extract(
            items,
            out,
            **reading.keywords(),
            grammar=reading.grammars,
            registry=reading.registries,
            on_document=advance,
            keep_text=not no_text,
        )
    _report(out, summary)


@cli.command("latest")
@click.argument("indices", nargs=-1, metavar="[INDEX ...]")
@db_option
@wait_option
@click.option("--as-of", type=Time(), help="The newest values at this time (default: now).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, help="Ignore records less sure than this.")
@output_options
def latest_command(indices, db, wait, as_of, min_confidence, fmt) -> None:
    """The newest value of each index (or of the INDEX names given: names, aliases or symbols)."""
    _print(_store(db, wait=wait).latest(as_of, indices, min_confidence), fmt)


@cli.command("history")
@click.argument("index")
@db_option
@wait_option
@click.option("--since", type=Time(), help="From this time on.")
@click.option("--until", type=Time(), help="Up to this time.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, help="Ignore records less sure than this.")
@output_options
def history_command(index, db, wait, since, until, min_confidence, fmt) -> None:
    """Every observation of INDEX (a name, alias or symbol), oldest first."""
    frame = _store(db, wait=wait).history(index, since, until, min_confidence)
    if frame.empty:
        _warn(f"no observations of {index!r} in {db}")
    _print(frame, fmt)


@cli.command("snapshots")
@db_option
@wait_option
@output_options
def snapshots_command(db, wait, fmt) -> None:
    """Every ingested document: when it was observed, its source and what it held."""
    _print(_store(db, wait=wait).snapshots(), fmt, table_columns=SNAPSHOT_TABLE)


@cli.command("show")
@click.argument("snapshot_id")
@db_option
@wait_option
@click.option("--rejects", is_flag=True, help="The ticker text the parser refused, with why, instead of the quotes.")
@output_options
def show_command(snapshot_id, db, wait, rejects, fmt) -> None:
    """The quotes of one snapshot (SNAPSHOT_ID may be a unique prefix)."""
    store = _store(db, wait=wait)
    snap = store.snapshot(snapshot_id)
    when = f"{snap['observed_at']:%Y-%m-%d %H:%M} UTC ({snap['observed_from']})"
    title = f"{snap['snapshot_id']}  {snap['source']}  observed {when}"
    _print(store.show(snapshot_id, rejects), fmt, title=title)


@cli.command("sql")
@click.argument("query", metavar="QUERY|-")
@db_option
@wait_option
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE", help="A $NAME parameter. Repeatable.")
@click.option("--write", is_flag=True, help="Allow statements that change the store.")
@click.option(
    "--read", "readable", multiple=True, metavar="PATH", help="A file or folder read-only SQL may read (read_csv). Repeatable."
)
@output_options
def sql_command(query, db, wait, params, write, readable, fmt) -> None:
    """Run SQL against the store (read-only unless --write); - reads it from standard input."""
    if query == "-":
        query = sys.stdin.read()
    _print(_store(db, wait=wait).sql(query, dict(params), write=write, read=readable), fmt)


@cli.command("export")
@click.argument("folder", metavar="DIR")
@db_option
@wait_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--partition-by", type=click.Choice(["year"]), help="One folder per year of observation.")
def export_command(folder, db, wait, fmt, partition_by) -> None:
    """Write the snapshots, quotes and rejects tables to DIR as files any tool reads."""
    for path in _store(db, wait=wait).export(folder, fmt, partition_by):
        click.echo(str(path))


# Each command's line in `tickers --help`, and the examples its own --help ends with.
HELP = {
    "parse": (
        "Print the records found in files or standard input.",
        [
            "tickers parse samples/001_us_close_pipe_strip.txt",
            "tickers parse page.html --format json",
            "cat wire/*.txt | tickers parse - --prose --format ndjson",
        ],
    ),
    "ingest": (
        "Parse documents into the store, a snapshot each.",
        [
            "tickers ingest samples/",
            "tickers ingest crawl.jsonl --text-field body --time-field crawled --id-field url",
            "tickers ingest 'segment/*.warc.gz' --jobs 2",
        ],
    ),
    "reparse": (
        "Read the stored documents again with this parser.",
        [
            "tickers reparse",
            "tickers reparse --grammar my-site.toml --where \"source LIKE '%my-site%'\"",
            "tickers reparse --before 0.2.0",
        ],
    ),
    "extract": (
        "Parse documents into Parquet shards, no store.",
        [
            "tickers extract crawl/ --out shards/ --jobs 2",
            "tickers ingest shards/",
        ],
    ),
    "latest": (
        "The newest value of each index.",
        [
            "tickers latest",
            "tickers latest HSI TEDPIX --as-of 2019-11-30 --format csv",
        ],
    ),
    "history": (
        "Every observation of one index, oldest first.",
        [
            'tickers history "Hang Seng" --since 2019-11-01',
            "tickers history DJI --min-confidence 0.9 --format csv",
        ],
    ),
    "snapshots": (
        "Every ingested document and what it held.",
        [
            "tickers snapshots",
            "tickers snapshots --format csv",
        ],
    ),
    "show": (
        "The quotes of one snapshot.",
        [
            "tickers show 0c74",
            "tickers show 0c74 --rejects",
        ],
    ),
    "sql": (
        "Run SQL against the store (read-only unless --write).",
        [
            'tickers sql "SELECT series, count(*) FROM series GROUP BY ALL"',
            'tickers sql "DELETE FROM quotes WHERE confidence < 0.5" --write',
            "echo 'SELECT * FROM latest' | tickers sql - --format csv",
            "tickers sql \"SELECT * FROM latest JOIN read_csv('mine.csv') USING (series)\" --read mine.csv",
        ],
    ),
    "export": (
        "Write the tables to files any tool reads.",
        [
            "tickers export out/ --partition-by year",
            "tickers export out/ --format csv",
        ],
    ),
}
for _name, (_summary, _examples) in HELP.items():
    _command = cli.commands[_name]
    _command.short_help = _summary
    _command.help = (_command.help or "") + "\n\n\b\nExamples:\n" + "\n".join(f"  {line}" for line in _examples)


def main() -> None:
    """Entry point: no traceback reaches the user (unless --debug or TICKERS_DEBUG=1 asks)."""
    try:
        cli.main(prog_name="tickers", standalone_mode=True)
    except BrokenPipeError:  # piped into head: the reader left, nothing is wrong
        quiet_stdout()
        sys.exit(0)
    except StoreBusy as exc:  # worth trying again later: EX_TEMPFAIL
        _warn(str(exc))
        sys.exit(75)
    except (StoreError, InputError) as exc:
        _warn(str(exc))
        sys.exit(1)
    except Exception as exc:  # a bug of ours: say so in one line, not a traceback
        if _DEBUG or os.environ.get("TICKERS_DEBUG") == "1":
            traceback.print_exc()
        _warn(f"internal error ({type(exc).__name__}: {exc}); please report it with the input that caused it")
        if not _DEBUG:
            _warn("run it again with --debug (or TICKERS_DEBUG=1) to see where it happened")
        sys.exit(70)
