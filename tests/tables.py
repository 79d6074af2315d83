"""Loading the golden tables in tests/golden/ and comparing records with them."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from tickers.registry import name_key

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).parent.parent
NUMBER_FIELDS = ("value", "change", "pct_change")


def load(name: str) -> dict:
    return tomllib.loads((GOLDEN / name).read_text(encoding="utf-8"))


def params(rows: list[dict], id_key: str = "id") -> list:
    """pytest params with readable ids; rows with ``xfail = "why"`` are strict known failures."""
    out = []
    for row in rows:
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=True)] if row.get("xfail") else []
        out.append(pytest.param(row, id=str(row[id_key]), marks=marks))
    return out


def mismatches(quotes, expect: list[dict], truncated_allowed: bool = False) -> list[str]:
    """What differs between parsed ``quotes`` and the expected records (empty: all agree)."""
    got = list(quotes)
    if truncated_allowed and len(got) == len(expect) + 1 and got[-1].confidence < 0.5:
        got = got[:-1]
    problems = []
    if len(got) != len(expect):
        problems.append(f"expected {len(expect)} records, got {len(got)}: {[q.name for q in got]}")
    for i, (q, e) in enumerate(zip(got, expect, strict=False)):
        where = f"record {i + 1} ({q.name!r})"
        # A known index identifies the record whatever its spelling; any other record, its name.
        if "index" in e and e["index"] != q.index:
            problems.append(f"{where}: index {q.index!r} != {e['index']!r}")
        elif "index" not in e and "name" in e and name_key(e["name"]) != name_key(q.name):
            problems.append(f"{where}: name {q.name!r} != {e['name']!r}")
        for f in NUMBER_FIELDS:
            if f not in e:
                continue
            want = None if e[f] == "none" else Decimal(e[f])
            have = getattr(q, f)
            if want != have:
                problems.append(f"{where}: {f} {have} != {want}")
    return problems
