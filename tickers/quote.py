"""What the parser returns: ticker entries it recovered and ticker text it refused, with provenance."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Quote:
    """One recovered ticker entry.

    >>> Quote("Dow", "Dow Jones Industrial Average", "DJI", Decimal("27462.11"),
    ...       Decimal("114.75"), Decimal("0.42"), 1.0, (), 1, (0, 30), "Dow 27,462.11 ...").symbol
    'DJI'
    """

    name: str
    index: str | None
    symbol: str | None
    value: Decimal | None
    change: Decimal | None
    pct_change: Decimal | None
    confidence: float
    repairs: tuple[str, ...]
    line: int
    span: tuple[int, int]
    raw: str

    def to_dict(self) -> dict:
        """Plain JSON-ready values: decimals as strings, tuples as lists."""
        row = asdict(self)
        for key in ("value", "change", "pct_change"):
            if row[key] is not None:
                row[key] = str(row[key])
        row["repairs"] = list(self.repairs)
        row["span"] = list(self.span)
        return row


@dataclass(frozen=True, slots=True)
class Reject:
    """An entry of ticker text the parser refused, and why (a code, see the README).

    >>> Reject(2, (29, 57), "Arsenal  12  4  5  3  -1  17", "unreadable").reason
    'unreadable'
    """

    line: int
    span: tuple[int, int]
    raw: str
    reason: str


FIELDS = tuple(Quote.__dataclass_fields__)
