"""The scoring model: the features of a reading of an entry and of a record, and their weights.

A reading (which digits belong to the name, which runs of digits are one number,
which field each number fills, where a lost decimal point was) has features, and a
record has the evidence its verdict found beside its reading (:mod:`tickers.evidence`).
Each feature has one weight, in log-odds: +1 makes a reading about e times likelier,
-2 about seven times less likely; a feature of -4 or less rules a reading out as a
record (``IMPOSSIBLE``).

- The search in :mod:`tickers.resolve` keeps the reading with the highest score (the
  sum of its features' weights); its pruning bound is the most the features of the
  ``numbers`` stage can still add (:func:`bound`), less ``DOUBT``, so that every rival
  close enough to matter is scored.
- A record's confidence (:func:`confidence`) is the logistic of its score and of its
  margin over the closest rival reading with other numbers, plus its ``evidence``
  features. ``SCALE`` and ``BIAS`` are fitted on the labelled corpora
  (``bench/calibrate.py``), so that a record's confidence is about the share of such
  records that are right; ``MARGIN`` and the ``evidence`` weights say how much doubt a
  close rival and each finding add.
- Features of the ``scale`` stage (a strip cut off, the store's second opinion) then
  scale a confidence by e to their weight.

A new layout adds features here, not special cases there.
"""

from __future__ import annotations

import math
from typing import NamedTuple


class Feature(NamedTuple):
    weight: float
    stage: str  # "layout": before any number is read; "numbers": after; "evidence": the verdict's; "scale"
    repair: str | None  # the repair code a reading with this feature names
    needs: str | None  # "index": only readings of a known name may have it; "digits": only names that took digits
    group: str | None  # a reading has at most one feature of a group
    meaning: str


FEATURES: dict[str, Feature] = {  # in the order their repair codes are named
    "glued_digits": Feature(0.0, "numbers", "glued_name", None, None, "digits stuck to the name, split off"),
    "glued_symbol": Feature(0.0, "numbers", "glued_name", None, None, "a symbol stuck before the name, split off"),
    # Which runs of digits are one number.
    "space_thousands": Feature(-0.2, "layout", "space_thousands", None, None, "digit groups split by spaces, joined"),
    "wrapped_number": Feature(-0.2, "layout", "wrapped_number", None, None, "a number broken by a line wrap, joined"),
    "split_number": Feature(-2.0, "layout", "split_number", None, None, "digits split by a space in an irregular place, joined"),
    "glued_numbers": Feature(-0.5, "layout", "glued_numbers", None, None, "a level run into its percentage, cut apart"),
    # Which field each number fills.
    "order_rank": Feature(-0.15, "layout", None, None, "order", "per place the order of fields stands down the layouts' list"),
    "free_order": Feature(-1.5, "layout", None, None, "order", "labels put the fields in an order no layout lists"),
    "wide_row": Feature(-3.0, "layout", "extra_numbers", None, "order", "more numbers than fields: the middle ones left out"),
    "strip_order": Feature(0.6, "layout", None, None, None, "the order of fields most entries of the strip have"),
    "stray_percent": Feature(-1.2, "layout", "stray_percent", None, None, "a % on a number that is not the percentage"),
    "bare_percent": Feature(-1.0, "layout", None, None, None, "a percentage written without %"),
    "bare_change": Feature(-1.0, "layout", None, None, None, "a change without sign, arrow or label where there is no level"),
    "points_percent": Feature(-1.5, "layout", None, None, None, "a number followed by 'points' read as the percentage"),
    "negative_level": Feature(-1.5, "layout", None, None, "level", "a level with a minus sign"),
    "marked_level": Feature(-1.0, "layout", None, None, "level", "a level with a plus sign, an arrow or parentheses"),
    "priced_level": Feature(0.3, "layout", None, None, "level", "a price sign on the level"),
    "moved_level": Feature(-2.0, "layout", None, None, "level", "a level in points right after a direction word"),
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
    # What the verdict found beside the reading (evidence.verdicts), for the confidence: fitted by
    # bench/calibrate.py (0: no effect the labelled corpora show), but "ambiguous" and "guessed",
    # set by design: a close rival, a guess, is doubt.
    "labelled": Feature(0.0, "evidence", None, None, None, "two labels or more name the fields"),
    "checks_out": Feature(0.0, "evidence", None, None, None, "level, change and percentage agree, read without a guess"),
    "known_index": Feature(0.0, "evidence", None, None, None, "a known index at a level its range allows"),
    "unknown_name": Feature(0.0, "evidence", None, None, None, "the registry does not know the name"),
    "guessed": Feature(-1.5, "evidence", None, None, None, "per guess: stray percent, split number, lost decimal, misspelt name"),
    "no_agreement": Feature(-0.94, "evidence", None, None, None, "level, change and percentage that do not agree"),
    "odd_order": Feature(-0.69, "evidence", None, None, None, "fields in an order far down the layouts' list, or none of it"),
    "table_row": Feature(1.14, "evidence", None, None, None, "a table's header names the fields"),
    "one_field": Feature(-0.1, "evidence", None, None, None, "a level, a change or a percentage alone"),
    "unsigned": Feature(0.0, "evidence", None, None, None, "moves with no sign, arrow or direction word"),
    "strip_signed": Feature(0.0, "evidence", None, None, None, "unsigned moves in a strip that signs others: up"),
    "neighbour_support": Feature(0.0, "evidence", None, None, None, "taken for a neighbour's evidence, not its own"),
    "plain_pair": Feature(0.0, "evidence", None, None, None, "taken as one of two plain quotes that agree"),
    "strip_of_moves": Feature(0.0, "evidence", None, None, None, "taken as one of three signed moves or more"),
    "listed_move": Feature(1.61, "evidence", None, None, None, "a move alone, marked, taken in a list of three or more"),
    "listed_level": Feature(0.0, "evidence", None, None, None, "an instrument's level, taken in a list of three or more"),
    "lookalikes": Feature(0.0, "evidence", None, None, None, "per look-alike refused in the block (up to three)"),
    "ambiguous": Feature(-1.5, "evidence", "ambiguous", None, None, "a reading with other numbers scored within a point"),
    # After the odds, the confidence times e to the weight: a strip cut off, the store's second opinion (history.py).
    "truncated": Feature(-1.2, "scale", "truncated", None, None, "the strip's last record has fewer fields: cut off"),
    "history_outlier": Feature(-0.69, "scale", "history_outlier", None, None, "a level off its neighbours by a power of ten"),
    "history_corrected": Feature(
        0.47, "scale", "history_corrected", None, None, "an outlier divided back, as its arithmetic agrees"
    ),
}
# The odds of a record with no features, fitted by bench/calibrate.py; the weight of its reading's
# score (its features' own log-odds) and of each point it scores above its closest rival.
BIAS = 2.42
SCALE = 1.0
MARGIN = 0.5
DOUBT = 2.0  # rivals within this many points of the best reading are scored: the confidence weighs them


IMPOSSIBLE = -4.0
_REPAIRED = {name: (i, f.repair) for i, (name, f) in enumerate(FEATURES.items()) if f.repair}


def score(features: dict[str, int]) -> float:
    """The score of a reading with these features (name -> how many times).

    >>> score({"agrees": 1, "known_name": 1})
    3.0
    """
    return sum(FEATURES[name].weight * count for name, count in features.items())


def repairs(features: dict[str, int]) -> list[str]:
    """The repair codes of these features, in the table's order, each once."""
    named = sorted((_REPAIRED[name] for name, n in features.items() if n and name in _REPAIRED), key=lambda p: p[0])
    return list(dict.fromkeys(code for _, code in named))


def confidence(features: dict[str, int], evidence: dict[str, int], rival: float | None) -> float:
    """A record's confidence from its reading's features, its verdict's evidence, and the score
    of the best rival reading with other numbers (``None``: none within ``DOUBT``).

    >>> confidence({"agrees": 1, "known_level": 1, "known_name": 1}, {}, None) > confidence({}, {"one_field": 1}, None)
    True
    """
    odds = BIAS + SCALE * score(features) + MARGIN * margin(features, rival)
    odds += sum(FEATURES[name].weight * n for name, n in evidence.items() if FEATURES[name].stage == "evidence")
    chance = 1 / (1 + math.exp(-odds))
    for name, n in evidence.items():
        if FEATURES[name].stage == "scale":
            chance *= math.exp(FEATURES[name].weight * n)
    return round(min(max(chance, 0.01), 1.0), 2)


def margin(features: dict[str, int], rival: float | None) -> float:
    """How far the best reading scores above its closest rival with other numbers, up to ``DOUBT``."""
    return DOUBT if rival is None else min(score(features) - rival, DOUBT)


def rescaled(confidence: float, feature: str) -> float:
    """A confidence after a ``scale`` feature: times e to its weight.

    >>> rescaled(0.9, "history_outlier")
    0.45
    """
    return round(confidence * math.exp(FEATURES[feature].weight), 2)


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
