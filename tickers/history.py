"""History as a second opinion: a new level that is off from its neighbours in time
by a power of ten lost a digit or its decimal point.

The neighbours are the same index's levels within ``WINDOW`` of the new one,
in the store and in the batch being written (the first ``PER_DAY`` of each day, so
that a crowded day costs no more than a quiet one); their median is the reference, so
one bad neighbour does not make good values look wrong. A known index's
registry range vets the reference itself.
"""

from __future__ import annotations

import math
from contextlib import suppress
from decimal import Decimal

import duckdb
import pyarrow as pa

from tickers.registry import Index
from tickers.resolve import agree

DAYS = 30
WINDOW = f"INTERVAL {DAYS} DAY"
PER_DAY = 16  # levels of an index a day that speak as neighbours: enough for a median, and the join stays linear
_DAY = "floor(epoch({}) / 86400)::BIGINT"  # the UTC day a time falls on (a DOUBLE // rounds, and days began at noon)
TOLERANCE = math.log10(1.5)  # how near a power of ten the ratio must be: markets do not move ×10 in a month

# Each new level meets its neighbours through a join on (index, day) over the days its window
# touches (levels 30 days apart or less are at most 30 days apart by date). A window function
# over the pool would compute a median for every stored level too: 48 s a batch on 10 million
# quotes, against 1.5 s. Only the first PER_DAY levels of an index's day are neighbours: a page of
# 10,000 levels of one index in a day joined each to every other (10^8 rows, 8 GB for a 3 MB text).
VOICES = f"""
CREATE OR REPLACE TEMP TABLE voices AS
WITH pool AS (
    SELECT NULL::BIGINT AS row, "index", observed_at, value FROM quotes
    WHERE value IS NOT NULL AND "index" IN (SELECT "index" FROM new_levels)
      AND observed_at BETWEEN (SELECT min(observed_at) FROM new_levels) - {WINDOW}
                          AND (SELECT max(observed_at) FROM new_levels) + {WINDOW}
    UNION ALL SELECT row, "index", observed_at, value FROM new_levels
)
SELECT *, {_DAY.format("observed_at")} AS day FROM pool
QUALIFY row_number() OVER (PARTITION BY "index", day ORDER BY observed_at, value, row) <= {PER_DAY}
"""
# A part of the batch at a time meets the voices: each level asks the days of its window, and
# a million levels asking 61 days each at once held 61 million rows.
NEIGHBOURS = f"""
WITH wanted AS (
    SELECT row, "index", observed_at, value, unnest(range(day - {DAYS}, day + {DAYS} + 1)) AS day
    FROM (SELECT *, {_DAY.format("observed_at")} AS day FROM new_levels WHERE row >= $first AND row < $last)
)
SELECT w.row, median(p.value) AS reference
FROM wanted w JOIN voices p ON p."index" = w."index" AND p.day = w.day
WHERE p.observed_at BETWEEN w.observed_at - {WINDOW} AND w.observed_at + {WINDOW} AND p.row IS DISTINCT FROM w.row
GROUP BY w.row
HAVING any_value(w.value) > 0 AND reference > 0
   AND greatest(any_value(w.value) / reference, reference / any_value(w.value)) >= {10 ** (1 - TOLERANCE)}
"""
PART = 20_000  # new levels that ask their neighbours at once


def references(con: duckdb.DuckDBPyConnection, levels: pa.Table) -> dict[int, Decimal]:
    """``row -> median of its neighbours' levels`` for the new levels off from that median by
    a factor of 10 ** (1 - TOLERANCE) or more (no other can be a power of ten off: the rest
    are left out, so a million levels do not come back as a million Decimals), of a table of
    new levels (columns ``row``, ``index``, ``observed_at``, ``value``; ``row`` ascending)."""
    if levels.num_rows == 0:
        return {}
    con.register("new_levels", levels)
    try:
        con.execute(VOICES)
        found = {}
        rows = levels["row"]
        for at in range(0, len(rows), PART):
            part = {"first": rows[at].as_py(), "last": rows[min(at + PART, len(rows)) - 1].as_py() + 1}
            found.update((row, Decimal(str(ref))) for row, ref in con.execute(NEIGHBOURS, part).fetchall())
        return found
    finally:
        with suppress(duckdb.Error):  # after a failed query the transaction refuses this too: its error is the one to see
            con.execute("DROP TABLE IF EXISTS voices")
        con.unregister("new_levels")


def second_opinion(
    value: Decimal, change: Decimal | None, pct: Decimal | None, reference: Decimal, index: Index
) -> tuple[Decimal, Decimal | None, bool] | None:
    """``(value, change, corrected)`` for a level off from its reference by a power of
    ten, else None. The level is corrected only where its own arithmetic agrees with
    the corrected reading (the change may have lost the same digits, or not).

    >>> from tickers.registry import load_registry
    >>> hsi = load_registry().exact("HSI")
    >>> second_opinion(Decimal("2634649"), Decimal("120.35"), Decimal("0.46"), Decimal("26300"), hsi)
    (Decimal('26346.49'), Decimal('120.35'), True)
    >>> second_opinion(Decimal("26346.49"), None, None, Decimal("26300"), hsi) is None
    True
    """
    if value <= 0 or reference <= 0 or not index.plausible(reference):
        return None
    ratio = math.log10(value / reference)
    shift = round(ratio)
    if shift == 0 or abs(shift) > 3 or abs(ratio - shift) > TOLERANCE:
        return None
    level = value.scaleb(-shift)
    if pct is not None and change is not None and index.plausible(level):
        for moved in (change, change.scaleb(-shift)):
            if agree(level, moved, pct):
                return level, moved, True
    return value, change, False
