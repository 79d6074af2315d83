"""Records are plain frozen values that pickle and serialise."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

import tickers
from tickers.quote import FIELDS


@pytest.fixture(scope="module")
def quote():
    [q] = tickers.parse("S&amp;P 500 3,078.27 ▲ 9.88 (0.32%)")
    return q


def test_pickles_to_an_equal_value(quote):
    assert pickle.loads(pickle.dumps(quote)) == quote


def test_is_frozen(quote):
    with pytest.raises(dataclasses.FrozenInstanceError):
        quote.value = 0


def test_to_dict_is_json_ready(quote):
    row = json.loads(json.dumps(quote.to_dict()))
    assert list(row) == list(FIELDS)
    assert (row["name"], row["value"], row["change"], row["pct_change"]) == ("S&P 500", "3078.27", "9.88", "0.32")
    assert row["repairs"] == ["html_entity"] and row["span"] == list(quote.span)
