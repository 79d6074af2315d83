"""The registry data: required indices, unique aliases, lookups; user files extend it."""

from __future__ import annotations

import tomllib
from collections import Counter
from decimal import Decimal

import pytest

from tickers.registry import DATA_FILE, RegistryError, load_registry, name_key

REQUIRED = [
    "Dow Jones Industrial Average",
    "S&P 500",
    "Nasdaq Composite",
    "Nasdaq 100",
    "Russell 2000",
    "FTSE 100",
    "DAX",
    "CAC 40",
    "Euro Stoxx 50",
    "IBEX 35",
    "FTSE MIB",
    "SMI",
    "Nikkei 225",
    "TOPIX",
    "Hang Seng",
    "Shanghai Composite",
    "KOSPI",
    "BSE Sensex",
    "Nifty 50",
    "S&P/ASX 200",
    "S&P/TSX Composite",
    "Bovespa",
    "TEDPIX",
    "Tadawul All Share",
    "EGX 30",
    "BIST 100",
    "Straits Times",
    "TAIEX",
]
ENTRIES = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))["index"]


def test_required_indices_are_known():
    assert set(REQUIRED) <= {e["name"] for e in ENTRIES}


def test_aliases_and_symbols_are_unique():
    owners = {}
    for e in ENTRIES:
        for alias in {name_key(a) for a in [e["name"], e["symbol"], *e.get("aliases", [])]}:
            assert owners.setdefault(alias, e["name"]) == e["name"], f"{alias!r}: {owners[alias]} and {e['name']}"
    assert not [s for s, n in Counter(e["symbol"] for e in ENTRIES).items() if n > 1]


def test_ranges_are_ordered():
    assert all(0 <= e["range"][0] < e["range"][1] for e in ENTRIES)


# name as written, canonical name (None: unknown), fuzzy
LOOKUPS = [
    ("Dow", "Dow Jones Industrial Average", False),
    ("S&P500", "S&P 500", False),
    ("NASDAQ", "Nasdaq Composite", False),
    ("Nasdaq-100", "Nasdaq 100", False),
    ("EuroStoxx50", "Euro Stoxx 50", False),
    ("HangSang", "Hang Seng", True),
    ("Nasdq", "Nasdaq Composite", True),
    ("Nikei 225", "Nikkei 225", True),
    ("شاخص کل", "TEDPIX", False),
    ("شاخص كل", "TEDPIX", False),  # Arabic kaf for the Persian one
    ("Nasdaq Compos", "Nasdaq Composite", True),
    ("Dow Jones Industrial Average (DJI)", "Dow Jones Industrial Average", False),
    ("KSE-100 Index", "KSE-100", False),
    ("Petróleo Brent", "Brent Crude", True),
    ("Germany", None, False),  # not "Germany 40": a misspelling keeps its digits
    ("EGX 80", None, False),
    ("Euro", None, False),  # one word cut short could be anything
    ("Samba", None, False),
    ("Apple", None, False),
    ("Bra", None, False),
]


@pytest.mark.parametrize("name, canonical, fuzzy", LOOKUPS, ids=[x[0] for x in LOOKUPS])
def test_lookup(name, canonical, fuzzy):
    index, guessed = load_registry().lookup(name)
    assert (index.name if index else None, guessed) == (canonical, fuzzy)


def test_plausible_range():
    dow = load_registry().exact("DJIA")
    assert dow.plausible(Decimal("27462.11")) and not dow.plausible(Decimal("2746211"))


def test_user_file_adds_and_overrides(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[index]]\nname = "Samba Composite"\nsymbol = "SMB"\nrange = [10, 5000]\naliases = ["Samba"]\n'
        '[[index]]\nname = "Dow Jones Industrial Average"\nsymbol = "DJI"\nrange = [1, 10]\naliases = ["Dow"]\n',
        encoding="utf-8",
    )
    reg = load_registry((str(mine),))
    assert reg.lookup("Samba")[0].symbol == "SMB"
    assert reg.exact("Dow").high == 10


def test_bad_registry_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[index]]\nname = "X"\n', encoding="utf-8")
    with pytest.raises(RegistryError, match="bad entry 'X'") as err:
        load_registry((str(bad),))
    assert str(bad) in str(err.value)
