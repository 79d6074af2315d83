"""The README is the contract: its Python examples run, its CLI options exist, its layout example parses."""

from __future__ import annotations

import doctest
import re
import subprocess
import sys
import tomllib

from tables import ROOT, mismatches

import tickers

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_python_examples():
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_quickstart_has_exactly_two_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quickstart, re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert "tickers parse samples/" in commands[0] and "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_documented_options_exist():
    help_text = subprocess.run([sys.executable, "-m", "tickers", "parse", "--help"], capture_output=True, text=True).stdout
    for option in set(re.findall(r"`(--[a-z-]+)", README)):
        assert option in help_text, option


def test_readme_layout_example_parses(tmp_path):
    block = re.search(r"```toml\n(name = \"spanish\".*?)```", README, re.S).group(1)
    layout = tmp_path / "spanish.toml"
    layout.write_text(block, encoding="utf-8")
    [example] = tomllib.loads(block)["example"]
    assert mismatches(tickers.parse(example["text"], grammar=layout), example["expect"]) == []
