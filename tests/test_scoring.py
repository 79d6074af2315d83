"""The scoring model (tickers/scoring.py): one table that the search, its pruning bound and the
confidence derive from; checks that decide per entry; doubt that the confidence says."""

from __future__ import annotations

import pytest
from tables import CORPORA, rows

import tickers
from tickers.grammar import Entry, grammar_for
from tickers.layouts import load_layouts
from tickers.registry import load_registry
from tickers.resolve import StripContext, _atoms, _name_options, resolve
from tickers.scoring import DOUBT, FEATURES, bound, confidence, repairs, score
from tickers.strips import find_blocks

LAYOUTS, REGISTRY = load_layouts(), load_registry()
GRAMMAR = grammar_for(LAYOUTS, REGISTRY.words())


def _entries(corpus: str):
    for _, text, _row in rows(corpus):
        for block in find_blocks(text):
            for token in GRAMMAR.tokenize(block.text.text):
                if isinstance(token, Entry):
                    yield token, block.text.text


@pytest.mark.parametrize("corpus", [*CORPORA, "real/dev.toml"])
def test_the_pruning_bound_holds_for_every_reading(corpus):
    """Pruning is safe: no reading's features of the numbers stage ever add more than ``bound`` says."""
    for entry, text in _entries(corpus):
        atoms, _ = _atoms(entry, text, {})
        if not atoms:
            continue
        for name, _rest, absorbed in _name_options(entry, atoms, text, REGISTRY):
            reading = resolve(entry, text, REGISTRY, LAYOUTS.orders, StripContext())
            if reading is None or reading.name != name:
                continue
            numbers = {k: n for k, n in reading.features.items() if FEATURES[k].stage == "numbers"}
            assert score(numbers) <= bound(reading.index is not None, absorbed is not None) + 1e-9, (entry.name, numbers)


def test_every_feature_has_a_stage_and_repairs_come_from_the_table():
    assert {f.stage for f in FEATURES.values()} == {"layout", "numbers", "evidence", "scale"}
    assert repairs({"split_number": 1, "glued_digits": 1, "fuzzy_name": 1}) == ["glued_name", "split_number", "fuzzy_name"]


def test_a_rival_reading_close_by_is_doubt():
    sure = confidence({}, {}, None)
    rival = confidence({}, {}, -0.2)
    assert rival < sure
    assert confidence({}, {}, -DOUBT) == sure


def test_guesses_lower_the_confidence():
    plain = confidence({}, {}, None)
    assert confidence({}, {"guessed": 1}, None) < plain
    assert confidence({}, {"guessed": 2}, None) < confidence({}, {"guessed": 1}, None)


def test_tied_readings_are_named_ambiguous_and_not_certain():
    [q] = tickers.parse("Ethereum is up 2.03%")
    assert "ambiguous" in q.repairs and q.confidence < 0.9


def test_a_look_alike_beside_a_strip_drops_only_itself():
    text = (
        "Dow 27,462.11 +114.75 +0.42% | S&P 500 3,078.27 +9.88 +0.32%\n"
        "Country | Cases | New | Change %\nItaly | 12,462 | +2,313 | +22.8%"
    )
    found = tickers.scan(text)
    assert [q.index for q in found.quotes] == ["Dow Jones Industrial Average", "S&P 500"]
    assert [r.reason for r in found.rejects] == ["foreign_table"]


def test_entries_above_a_foreign_header_keep_their_own_evidence():
    text = (
        "Alpha 245.10 +5.51 +2.30%\nBeta 120.00 -1.20 -0.99%\nCountry | Cases | New | Change %\nItaly | 12,462 | +2,313 | +22.80%"
    )
    assert [q.name for q in tickers.parse(text)] == ["Alpha", "Beta"]


def test_a_strip_of_signed_moves_stands_without_a_known_index():
    text = "BRF 21.30 +2.09%\nAzul 12.44 -1.50%\nEmbraer 18.02 +0.61%"
    assert [q.name for q in tickers.parse(text)] == ["BRF", "Azul", "Embraer"]
    assert tickers.parse("BRF 21.30 +2.09%\nAzul 12.44 -1.50%") == []


def test_a_list_of_instrument_levels_stands_but_not_one_beside_full_quotes():
    rates = "Dólar oficial: $1515,00\nDólar blue: $1520,00\nDólar MEP: $1551,03"
    assert [str(q.value) for q in tickers.parse(rates)] == ["1515.00", "1520.00", "1551.03"]
    cut = "VN-Index: 960,65 điểm, tăng 19,31 điểm (+2,05%)\nUPCoM-Index: 66,0"
    assert [q.name for q in tickers.parse(cut)] == ["VN-Index"]
