"""Reading the digits of one number as written: separators and decimal marks.

A strip uses one convention (``27,462.11`` or ``27.462,11``); numbers that are
ambiguous on their own (``12,345``) are read with the convention the strip's
unambiguous numbers vote for.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_THOUSANDS_ONLY = "'’"


def decimal_mark(body: str) -> str | None:
    """The decimal mark ``body`` shows unambiguously, if any.

    >>> decimal_mark("27.462,11"), decimal_mark("0,36"), decimal_mark("12,345")
    (',', ',', None)
    """
    marks = [c for c in body if c in ",."]
    if not marks:
        return None
    if len(set(marks)) == 2:
        return marks[-1]
    if len(marks) > 1:
        return None  # 1,234,567: thousands only
    whole, _, frac = body.replace("'", "").replace("’", "").partition(marks[0])
    if len(frac) != 3 or whole == "0":
        return marks[0]
    return None


def strip_convention(bodies, fallback: str = ".") -> str:
    """The decimal mark most of a strip's numbers show; ``fallback`` when none tells."""
    votes = Counter(m for m in map(decimal_mark, bodies) if m)
    return fallback if votes[","] == votes["."] else "," if votes[","] > votes["."] else "."


@lru_cache(maxsize=65536)
def to_decimal(body: str, convention: str = ".") -> Decimal | None:
    """The value of digits as written, or ``None`` when they cannot be a number.

    >>> to_decimal("27.462,11"), to_decimal("12,345", ","), to_decimal("1'234.5"), to_decimal("82,45,310")
    (Decimal('27462.11'), Decimal('12.345'), Decimal('1234.5'), Decimal('8245310'))
    """
    for c in _THOUSANDS_ONLY:
        body = body.replace(c, "")
    marks = [c for c in body if c in ",."]
    if not marks:
        digits = body
    elif len(set(marks)) == 2:
        point = marks[-1]
        if marks.count(point) > 1:
            return None
        whole, _, frac = body.rpartition(point)
        digits = whole.replace("," if point == "." else ".", "") + "." + frac
    else:
        mark = marks[0]
        parts = body.split(mark)
        if len(parts) > 2:  # several of one mark: thousands groups (or Indian lakhs: 82,45,310)
            lakhs = mark == "," and len(parts[-1]) == 3 and all(len(p) == 2 for p in parts[1:-1])
            if not lakhs and any(len(p) != 3 for p in parts[1:]):
                return None
            digits = "".join(parts)
        elif decimal_mark(body) == mark or mark == convention:
            digits = parts[0] + "." + parts[1]
        else:
            digits = parts[0] + parts[1]
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None
