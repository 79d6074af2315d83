"""The README is the contract: its Python examples run, its CLI options exist, its layout example parses."""

from __future__ import annotations

import doctest
import re
import tomllib

from click.testing import CliRunner
from tables import ROOT, mismatches

import tickers
from tickers.cli import cli
from tickers.schema import STORED

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_examples():
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_quickstart_has_exactly_two_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quickstart, re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "tickers ingest samples/" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_has_help_and_is_documented():
    for name, command in cli.commands.items():
        assert command.help, name
        assert re.search(rf"`tickers {name}[ `]", README), name


def test_documented_options_exist():
    helps = [CliRunner().invoke(cli, [name, "--help"]).output for name in cli.commands]
    for option in set(re.findall(r"`(--[a-z-]+)", README)):
        assert any(option in h for h in helps), option


def test_readme_layout_example_parses(tmp_path):
    block = re.search(r"```toml\n(name = \"spanish\".*?)```", README, re.S).group(1)
    layout = tmp_path / "spanish.toml"
    layout.write_text(block, encoding="utf-8")
    data = tomllib.loads(block)
    [example] = data["example"]
    assert mismatches(tickers.parse(example["text"], grammar=layout), example["expect"]) == []
    [sentence] = data["prose_example"]
    [fact] = tickers.parse(sentence["text"], prose=True, grammar=layout)
    assert (fact.index, str(fact.value), str(fact.pct_change)) == tuple(
        sentence["expect"][0][k] for k in ("index", "value", "pct_change")
    )
    assert tickers.parse(sentence["text"], grammar=layout) == []


def test_every_store_column_is_documented():
    section = README.split("### Tables and views", 1)[1].split("\n### ", 1)[0]
    for name, schema in STORED.items():
        assert f"`{name}`" in section, name
        for column in schema.names:
            assert f"`{column}`" in section, f"{name}.{column}"
