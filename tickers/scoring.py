"""The scoring model: the features of a reading of an entry, and their weights.

A reading (which digits belong to the name, which runs of digits are one number,
which field each number fills, where a lost decimal point was) has features. Each
feature has one weight; a reading's score is the sum of its features' weights. The
search in :mod:`tickers.resolve` keeps the reading with the highest score, its
pruning bound is the most the features still unknown can add, and the confidence
of a record is derived from the same sums (:func:`confidence`).

Weights are in log-odds: +1 makes a reading about e times likelier, -2 about
seven times less likely; a feature of -4 or less rules a reading out as a record
(``IMPOSSIBLE``). A new layout adds features here, not special cases there.
"""

from __future__ import annotations

from typing import NamedTuple


class Feature(NamedTuple):
    weight: float
    stage: str  # "layout": known before any number is read; "numbers": after
    repair: str | None  # the repair code a reading with this feature names
    needs: str | None  # "index": only readings of a known name may have it; "digits": only names that took digits
    group: str | None  # a reading has at most one feature of a group
    meaning: str


FEATURES: dict[str, Feature] = {  # in the order their repair codes are named
    "glued_digits": Feature(0.0, "numbers", "glued_name", None, None, "digits stuck to the name, split off"),
    # Which runs of digits are one number.
    "space_thousands": Feature(-0.2, "layout", "space_thousands", None, None, "digit groups split by spaces, joined"),
    "wrapped_number": Feature(-0.2, "layout", "wrapped_number", None, None, "a number broken by a line wrap, joined"),
    "split_number": Feature(-2.0, "layout", "split_number", None, None, "digits split by a space in an irregular place, joined"),
    # Which field each number fills.
    "order_rank": Feature(-0.15, "layout", None, None, "order", "per place the order of fields stands down the layouts' list"),
    "free_order": Feature(-1.5, "layout", None, None, "order", "labels put the fields in an order no layout lists"),
    "wide_row": Feature(-3.0, "layout", "extra_numbers", None, "order", "more numbers than fields: the middle ones left out"),
    "strip_order": Feature(0.6, "layout", None, None, None, "the order of fields most entries of the strip have"),
    "stray_percent": Feature(-1.2, "layout", "stray_percent", None, None, "a % on a number that is not the percentage"),
    "bare_percent": Feature(-0.6, "layout", None, None, None, "a percentage written without %"),
    "points_percent": Feature(-1.5, "layout", None, None, None, "a number followed by 'points' read as the percentage"),
    "negative_level": Feature(-1.5, "layout", None, None, "level", "a level with a minus sign"),
    "marked_level": Feature(-1.0, "layout", None, None, "level", "a level with a plus sign, an arrow or parentheses"),
    "priced_level": Feature(0.3, "layout", None, None, "level", "a price sign on the level"),
    # What the numbers say.
    "agrees": Feature(2.5, "numbers", None, None, "fit", "level, change and percentage agree"),
    "disagrees": Feature(-0.5, "numbers", None, None, "fit", "level, change and percentage that do not agree"),
    "known_level": Feature(0.8, "numbers", None, "index", None, "a known index at a level its range allows"),
    "implausible_level": Feature(-2.0, "numbers", None, "index", "fit", "a known index at a level no decimal point fits"),
    "lost_decimal": Feature(-0.8, "numbers", "lost_decimal", None, None, "per decimal place put back"),
    "big_move": Feature(-1.0, "numbers", None, None, None, "a percentage over 30 that nothing confirms"),
    "absurd_move": Feature(-4.0, "numbers", None, None, None, "a percentage over 100 that nothing confirms: no quote"),
    "move_over_level": Feature(-2.0, "numbers", None, None, None, "a change as large as the level: the two are swapped"),
    "sign_conflict": Feature(-1.0, "numbers", None, None, None, "the change and the percentage have opposite signs"),
    # What the name says.
    "known_name": Feature(0.5, "numbers", None, "index", "name", "the registry knows the name"),
    "fuzzy_name": Feature(0.3, "numbers", "fuzzy_name", "index", "name", "the registry knows the name, misspelt"),
    "name_count": Feature(0.6, "numbers", None, "digits", "digits", "digits that complete a known name (FTSE 100, EGX30)"),
    "stray_count": Feature(-0.4, "numbers", None, "digits", "digits", "digits taken into a name the registry does not know"),
    "name_digits": Feature(0.6, "numbers", None, "digits", "digits", "first digits of a number complete a known name (S&P5002)"),
}


IMPOSSIBLE = -4.0


def score(features: dict[str, int]) -> float:
    """The score of a reading with these features (name -> how many times).

    >>> score({"agrees": 1, "known_name": 1})
    3.0
    """
    return sum(FEATURES[name].weight * count for name, count in features.items())


def repairs(features: dict[str, int]) -> list[str]:
    """The repair codes of these features, in the table's order, each once."""
    return list(dict.fromkeys(f.repair for name, f in FEATURES.items() if f.repair and features.get(name)))


def bound(known: bool, digits: bool) -> float:
    """The most the features of the ``numbers`` stage can add to a reading's layout score,
    for a name the registry knows or not, and one that took digits or not."""
    allowed = {None, *(["index"] if known else []), *(["digits"] if digits else [])}
    best: dict[object, float] = {}
    for name, f in FEATURES.items():
        if f.stage == "numbers" and f.needs in allowed and f.weight > 0:
            group = f.group or name
            best[group] = max(best.get(group, 0.0), f.weight)
    return sum(best.values())
