"""Layout files: every example they carry parses as stated; user files extend them."""

from __future__ import annotations

import pytest
from tables import mismatches

import tickers
from tickers.layouts import LayoutError, default_files, grammar_dir, load_layouts

EXAMPLES = load_layouts().examples


def test_bundled_layout_files_exist():
    assert {p.stem for p in default_files()} >= {"row", "labeled", "verbose", "persian_arabic"}
    assert grammar_dir().is_dir()


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['file']}:{e['text'][:30]}" for e in EXAMPLES])
def test_layout_example(example):
    assert mismatches(tickers.parse(example["text"]), example["expect"]) == []


def test_user_grammar_adds_words(tmp_path):
    text = "Dow Jones ganó 114,75 puntos hasta 27.462,11"
    assert tickers.parse(text) == []
    user = tmp_path / "spanish.toml"
    user.write_text(
        '[directions]\nup = ["ganó", "subió"]\ndown = ["perdió", "cayó"]\n'
        '[units]\npoints = ["puntos"]\n[labels]\nvalue = ["hasta"]\n',
        encoding="utf-8",
    )
    [q] = tickers.parse(text, grammar=user)
    assert (q.index, str(q.value), str(q.change)) == ("Dow Jones Industrial Average", "27462.11", "114.75")


@pytest.mark.parametrize(
    "content, message",
    [
        ("[labels\n", "not a valid TOML layout file"),
        ('[labels]\nprice = ["px"]\n', "unknown field 'price'"),
        ('[directions]\nup = "rose"\n', "expected a list of words"),
        ('orders = ["value volume"]\n', "unknown field 'volume'"),
    ],
)
def test_bad_layout_file_names_file_and_problem(tmp_path, content, message):
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(LayoutError, match=message) as err:
        tickers.parse("Dow 27,462.11 +0.42%", grammar=bad)
    assert str(bad) in str(err.value)


def test_missing_layout_file(tmp_path):
    with pytest.raises(LayoutError, match="cannot read"):
        load_layouts((str(tmp_path / "nope.toml"),))
