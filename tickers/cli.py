"""The ``tickers`` command: a thin layer over the library."""

from __future__ import annotations

import sys

import click

from tickers import __version__
from tickers.inputs import InputError, expand, read
from tickers.layouts import LayoutError, load_layouts
from tickers.output import emit, output_options
from tickers.parser import parse
from tickers.quote import FIELDS
from tickers.registry import RegistryError, load_registry

TABLE_COLUMNS = ("name", "index", "value", "change", "pct_change", "confidence", "repairs")


def _warn(message: str) -> None:
    click.echo(f"tickers: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tickers")
def cli() -> None:
    """Find market ticker strips in damaged text and recover their entries."""


@cli.command("parse")
@click.argument("inputs", nargs=-1, metavar="[FILE|FOLDER ...|-]")
@output_options
@click.option("--grammar", "grammars", multiple=True, metavar="FILE", help="An extra layout file (see grammars/). Repeatable.")
@click.option("--registry", "registries", multiple=True, metavar="FILE", help="An extra index registry file. Repeatable.")
@click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True, help="Drop records less sure than this."
)
def parse_command(inputs, fmt, grammars, registries, min_confidence) -> None:
    """Print the ticker records found in each input (standard input with - or nothing)."""
    try:
        load_layouts(grammars)
        load_registry(registries)
    except (LayoutError, RegistryError) as exc:
        raise click.UsageError(str(exc)) from None
    if not inputs and sys.stdin.isatty():
        raise click.UsageError("give a FILE, a FOLDER, or - to read standard input")
    sources = list(expand(list(inputs) or ["-"]))
    rows, failed = [], 0
    for source in sources:
        try:
            doc = read(source)
        except InputError as exc:
            _warn(str(exc))
            failed += 1
            continue
        if doc.warning:
            _warn(f"{source}: {doc.warning}")
        for quote in parse(doc.text, grammar=grammars, registry=registries):
            if quote.confidence >= min_confidence:
                rows.append({"file": source, **quote.to_dict()})
    columns = TABLE_COLUMNS if fmt == "table" else FIELDS
    emit(rows, (("file",) if len(sources) > 1 else ()) + columns, fmt)
    if failed:
        sys.exit(1)


def main() -> None:
    """Entry point: no traceback reaches the user."""
    try:
        cli.main(prog_name="tickers", standalone_mode=True)
    except BrokenPipeError:  # piped into head: the reader left, nothing is wrong
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # a bug of ours: say so in one line, not a traceback
        _warn(f"internal error ({type(exc).__name__}: {exc}); please report it with the input that caused it")
        sys.exit(70)
