"""Choosing the right reading of one entry.

Damage leaves several readings of an entry's numbers: which digits belong to the
name (``S&P5002 60``), which runs of digits are one number split by a space
(``20 370``), which field each number fills, where a lost decimal point was.
Each reading is scored with three kinds of evidence:

* the index registry: known names, and the level range an index can have;
* arithmetic: pct ≈ change / (value − change) × 100;
* the rest of the strip: one decimal convention, one order of fields.

The best reading wins; every guess it needed is named in ``repairs`` and
lowers ``confidence``.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from tickers.grammar import Entry, Num, Word
from tickers.numbers import to_decimal
from tickers.registry import Index, Registry, name_key
from tickers.scoring import DOUBT, bound, repairs, score

ROLES = ("value", "change", "pct_change")
_THOUSANDS_TAIL = re.compile(r"\d{3}(?:[.,]\d+)?")  # the rest of a number whose thousands a space set apart
WIDE_FIRST = -1  # the rank of reading a wide row's first three numbers as its quote
MAX_ATOMS = 8  # beyond this, numbers are not re-joined (a table row, not a strip entry)
_GLUED_DECIMALS = re.compile(r"\d+,\d{3,}")  # decimals enough for a level's and a percentage's first digit


@dataclass(slots=True)
class Group:
    """One number of the entry: a run of digits, or several joined across spaces."""

    body: str
    start: int
    end: int
    sign: int
    arrow: int
    paren: bool
    percent: bool
    currency: str  # the price sign before the digits, or ""
    hint: str | None  # the field a label or the table's column gave it
    points: bool  # followed by "points"
    merge: str | None = None  # space_thousands | split_number | wrapped_number | glued_numbers
    scale: int = 0  # 64.2K: times 10**3
    labelled: bool = False  # the hint is a label's, written right before the number
    moved: bool = False  # a direction word right before it: "up 18.72 points"

    @classmethod
    def of(cls, n: Num, label: str | None, column: str | None) -> Group:
        hint, labelled = label or column, bool(label)
        return cls(n.body, n.start, n.end, n.sign, n.arrow, n.paren, n.percent, n.currency, hint, False, None, n.scale, labelled)


@dataclass(slots=True)
class Reading:
    name: str
    index: Index | None
    fuzzy: bool
    value: Decimal | None
    change: Decimal | None
    pct_change: Decimal | None
    roles: tuple[str, ...]
    features: Counter[str]
    agrees: bool = False  # value, change and percent agree arithmetically
    signed: bool = False  # a sign, arrow or direction word said which way
    worded: bool = False  # a direction word said so, not a mark on a number
    hints: int = 0  # fields a label or a table's header named
    columns: int = 0  # fields a table's header named
    precise: bool = False  # the percentage is written with decimals, as quotes write it
    end: int = 0  # where the record ends in the block: numbers left out after it are not its own
    rival: float | None = None  # the score of the best reading with other numbers, within DOUBT

    @property
    def score(self) -> float:
        return score(self.features)

    def says(self) -> tuple:
        """What the reading tells: which instrument, at which numbers."""
        return (self.index.name if self.index else self.name, self.value, self.change, self.pct_change)

    @property
    def repairs(self) -> list[str]:
        return repairs(self.features)

    def add(self, feature: str) -> None:
        self.features[feature] += 1


@dataclass(frozen=True, slots=True)
class StripContext:
    """What a strip tells about each of its entries."""

    convention: str = "."
    parens_wrap: bool = False  # "(+0.42%)": parentheses wrap, they don't negate
    signature: tuple[str, ...] | None = None  # the strip's usual order of fields
    columns: Mapping[int, str] = field(default_factory=dict)  # number start -> its table column's role


def resolve(entry: Entry, text: str, registry: Registry, orders, ctx: StripContext) -> Reading | None:
    """The best reading of ``entry`` (a grammar entry inside block ``text``), or ``None``."""
    atoms, direction = _atoms(entry, text, ctx.columns)
    if not atoms:
        return None
    end = atoms[-1].end
    best: Reading | None = None
    scores: dict[tuple, float] = {}  # what a reading says -> the best score saying it
    for written, rest, absorbed in _name_options(entry, atoms, text, registry):
        name = registry.unglue(written) or written
        index, fuzzy = registry.lookup(name)
        most = bound(index is not None, absorbed is not None)  # readings that cannot win are not scored
        for groups in _groupings(rest, text):
            for roles, rank in _role_options(groups, orders):
                features = _layout(groups, roles, rank)
                if ctx.signature is not None and tuple(r for r in roles if r) == ctx.signature:
                    features["strip_order"] = 1
                if best is not None and score(features) + most <= best.score - DOUBT:
                    continue
                reading = _score(name, index, fuzzy, groups, roles, features, direction, ctx)
                if reading is None:
                    continue
                if (absorbed == "glued_count" or rank == WIDE_FIRST) and not reading.agrees:
                    continue  # a guess only the arithmetic can confirm
                if absorbed in ("count", "glued_count"):
                    reading.add("name_count" if index else "stray_count")
                elif absorbed:
                    reading.add("name_digits")
                    if absorbed == "glued":
                        reading.add("glued_digits")
                elif rest and rest[0].start == entry.name_end:
                    reading.add("glued_digits")
                if name != written:
                    reading.add("glued_symbol")
                reading.end = end
                said = reading.says()
                scores[said] = max(scores.get(said, reading.score), reading.score)
                if best is None or reading.score > best.score:
                    best = reading
                if _certain(reading, ctx):
                    return reading  # the first, plainest reading checks out: no other can beat it
    if best is not None:
        rivals = [s for said, s in scores.items() if said != best.says() and s > best.score - DOUBT]
        best.rival = max(rivals, default=None)
    return best


def _certain(r: Reading, ctx: StripContext) -> bool:
    return (
        r.agrees and not r.repairs and r.index is not None and not r.fuzzy and (ctx.signature is None or r.roles == ctx.signature)
    )


def _atoms(entry: Entry, text: str, columns: Mapping[int, str]) -> tuple[list[Group], int]:
    """The entry's numbers with the labels and units around them, and its direction word.

    Numbers labelled as none of the fields (previous close, volume) are left out,
    and so are numbers after the percentage that closes a record (a date or time
    stamp: "(0.04%) 29 Nov, 15:30"), and a second record that a time stamp or another
    percentage shows to be one ("… -0.86% 05:04:31 PM EDT 38,213.00 +9.00 +0.02%").
    """
    atoms: list[Group] = []
    hint = None
    direction = 0
    previous = None
    closed = False  # a percentage, then a time stamp: the record is over
    in_table = any(isinstance(i, Num) and i.start in columns for i in entry.items)  # a row's cells are the header's
    for item in entry.items:
        if closed and isinstance(item, Num) and not in_table:
            break
        if isinstance(item, Num):
            atoms.append(Group.of(item, hint, columns.get(item.start)))
            atoms[-1].moved = isinstance(previous, Word) and previous.kind == "direction"
            hint = None
        elif item.kind == "label":
            hint = item.meaning
        elif item.kind == "direction" and not direction:
            direction = item.meaning
        elif item.kind == "unit" and isinstance(previous, Num) and atoms:
            if item.meaning == "percent":
                atoms[-1].percent = True
            elif item.meaning == "points":
                atoms[-1].points = True
            elif item.meaning == "period":  # "1 Jahr", "30 days": a span of time, no field
                atoms[-1].hint = "other"
            elif item.meaning == "currency" and not atoms[-1].currency:  # "156470 تومان", "4970.809 (AED)"
                atoms[-1].currency = text[item.start : item.end].strip("() ")
            atoms[-1].end = item.end
        elif item.kind == "stamp" and atoms and atoms[-1].percent and len(atoms) >= 2:
            closed = True
        previous = item
    # Left out: numbers labelled as something else, with the digit groups a space split off
    # them ("Максимум 5 018,82"), and digits that are no number (22.11.2024).
    for a, b in itertools.pairwise(atoms):
        if a.hint == "other" and b.hint is None and text[a.end : b.start] == " " and _THOUSANDS_TAIL.fullmatch(b.body):
            b.hint = "other"
    atoms = [a for a in atoms if a.hint != "other" and to_decimal(a.body) is not None]
    # A change written as a percentage where nothing else is one ('chg: "-0,20%"') is the percentage.
    for a in atoms:
        if a.hint == "change" and a.percent and not any(b.percent or b.hint == "pct_change" for b in atoms if b is not a):
            a.hint = "pct_change"
    percents = [i for i, a in enumerate(atoms) if a.percent]
    if len(percents) >= 2 and percents[0] >= 1 and len(atoms) - percents[0] - 1 >= 2 and not in_table:
        atoms = atoms[: percents[0] + 1]  # a second record after the first one's percentage
    closing = max((i for i, a in enumerate(atoms) if a.percent), default=None)
    stamp = [a.body.isdigit() and len(a.body) <= 4 and not (a.sign or a.hint) for a in atoms[(closing or 0) + 1 :]]
    if closing is not None and closing >= 2 and stamp and all(stamp):
        atoms = atoms[: closing + 1]
    return atoms, direction


def _name_options(entry: Entry, atoms: list[Group], text: str, registry: Registry):
    """``(name, numbers, absorbed)``: the name as written, and with leading digits
    taken into it where the registry knows the longer name (``S&P`` + ``500``).

    A name's digits are never a level: where the registry knows the name with the
    count that follows it ("S&P 500 ▲ 1.14%", "EURO STOXX 50 4,309.12"), the count
    is read as the name's only."""
    first = atoms[0]
    gap = text[entry.name_end : first.start]
    if len(atoms) == 1 and gap == "" and first.body.isdigit() and len(first.body) <= 3 and not _marked(first):
        return  # digits glued to a name and nothing else: a heading ("Индекс ММВБ10"), no quote
    named = gap in (" ", "") and first.body.isdigit() and len(first.body) <= 4 and not _marked(first)
    words = entry.name.split()
    if not (named and any(registry.exact(" ".join(words[i:]) + gap + first.body) for i in range(len(words)))):
        yield entry.name, atoms, None
    after = text[first.end : atoms[1].start] if len(atoms) > 1 else ""
    glued_count = gap == "" and 2 <= len(first.body) <= 3 and len(atoms) > 1
    # "SBF 120" or "EGX100" alone on its line, "S&P/TSX 60 1,509.42": a count that names
    # the index, unless it reads as the first digits of a level ("20 370") or a mark before
    # a line wrap says the number goes on ("16,\n023.15").
    if (
        (after or named)
        and first.body.isdigit()
        and len(first.body) <= 4
        and not _marked(first)
        and (gap in (" ", "\n") or "\n" in after or glued_count)
        and after[:1] not in ",."
        and not (after == " " and _lead(atoms[1].body) == 3 and len(first.body) <= 3)
    ):
        # Glued digits belong to the name only if the level that follows is written in
        # thousands (OMXH25 3 987,12) or the numbers then agree (VN30 951.20 +20.44 +2.20%).
        proof = "count" if gap or _starts_a_level(atoms[1:], text) else "glued_count"
        yield entry.name + gap.replace("\n", " ") + first.body, atoms[1:], proof
    if gap not in ("", " ", "\n") or first.currency or first.paren or first.hint or (first.sign and gap):
        return
    for cut in range(_lead(first.body), 0, -1):
        digits = first.body[:cut]
        longer = entry.name + gap + ("-" if first.sign < 0 else "") + digits
        known = registry.exact(longer)
        if known is None:
            # A misspelt name may still take its digits (Nikei 225), if they are the index's own.
            known, _ = registry.lookup(longer)
            if known is None or not name_key(known.name).endswith(digits):
                continue
        rest = first.body[cut:]
        if not rest:
            yield longer, atoms[1:], "spaced" if gap else "glued"
            return
        # A lone digit left over is a number only as the thousands of the group after it:
        # "Nasdaq 1008 240.70" is Nasdaq 100 at 8,240.70, "Nifty 500 was up" no Nifty 50 at 0.
        continued = len(atoms) > 1 and after == " " and _lead(atoms[1].body) == 3
        if len(rest) < 2 and gap and not continued:
            continue
        if rest[0].isdigit():
            split = replace(first, body=rest, start=first.start + cut, sign=0, paren=False, currency="", hint=None)
            yield longer, [split, *atoms[1:]], "glued"
            return


def _starts_a_level(atoms: list[Group], text: str) -> bool:
    """Do these numbers open with a level written in thousands ("3 987,12", "1,509.42")?
    Then digits glued to the name before them belong to the name (OMXH25, mWIG40)."""
    first = atoms[0]
    if re.match(r"\d{1,3}[,.'’]\d{3}", first.body):
        return True
    if len(atoms) < 2 or not first.body.isdigit() or len(first.body) > 3 or text[first.end : atoms[1].start] != " ":
        return False
    return re.match(r"\d{3}(?!\d)", atoms[1].body) is not None


def _lead(body: str) -> int:
    """How many digits a number's body starts with: 3 for "462.11"."""
    return len(body) - len(body.lstrip("0123456789"))


def _marked(g: Group) -> bool:
    return bool(g.sign or g.arrow or g.paren or g.percent or g.currency or g.hint or g.points)


def _groupings(atoms: list[Group], text: str):
    """Every way of joining neighbouring runs of digits split by one space (or a line wrap, or a
    space after a thousands mark), once numbers that ran into their percentage are cut apart
    (:func:`_cut_glued`)."""
    if not atoms:
        return
    yield from _joinings(_cut_glued(atoms, text) or atoms, text)


def _cut_glued(atoms: list[Group], text: str) -> list[Group] | None:
    """A comma-decimal level that ran into its percentage ("DAX 11391,282,87%": 11391,28 and
    2,87 %, "Euro/USD 1,09190,21%": 1,0919 and 0,21 %) cut where the percentage's one integer
    digit starts: the grammar reads "11391,282" and "87%", a percentage with no decimals that
    a bare comma keeps from a level with three (no strip writes those). None where no number ran on so."""
    out, cut = list(atoms), False
    for i, (a, b) in enumerate(itertools.pairwise(atoms)):
        if (
            text[a.end : b.start] == ","
            and _GLUED_DECIMALS.fullmatch(a.body)
            and b.percent
            and b.body.isdigit()
            and len(b.body) <= 2
            and not (a.percent or b.sign or b.arrow or b.currency or b.paren)
        ):
            out[i] = replace(a, body=a.body[:-1], end=a.end - 1)
            out[i + 1] = replace(b, body=f"{a.body[-1]},{b.body}", start=a.end - 1, merge="glued_numbers")
            cut = True
    return out if cut else None


def _joinings(atoms: list[Group], text: str):
    gaps = [text[a.end : b.start] for a, b in itertools.pairwise(atoms)]
    joinable = [
        len(atoms) <= MAX_ATOMS
        and (
            (gap in (" ", "\n") and a.body.isdigit())
            or gap in (",\n", ".\n")
            or (gap == ", " and a.body.isdigit() and len(a.body) <= 3 and re.match(r"\d{3}(?!\d)", b.body) is not None)
        )
        and not a.percent
        and not a.points
        and not a.paren
        and not a.scale
        and not (b.sign or b.arrow or b.currency or b.paren or b.labelled or b.hint not in (None, a.hint))
        for gap, (a, b) in zip(gaps, itertools.pairwise(atoms), strict=True)
    ]
    choices = [(False, True) if j else (False,) for j in joinable]
    for joins in itertools.product(*choices):
        runs = [[atoms[0]]]
        wrapped = False
        for atom, join, gap in zip(atoms[1:], joins, gaps, strict=True):
            if join and gap.strip():
                # A line wrapped right after a mark, which stays ("6,114." + "63"), or a space after
                # a thousands mark ("6, 520").
                last = runs[-1][-1]
                body = last.body + gap.strip() + atom.body
                merge = "space_thousands" if gap == ", " else "wrapped_number"
                runs[-1][-1] = replace(last, body=body, end=atom.end, percent=atom.percent, points=atom.points, merge=merge)
            elif join:
                runs[-1].append(atom)
                wrapped = wrapped or "\n" in gap
            else:
                runs.append([atom])
        groups = [_join(run) for run in runs]
        if all(g is not None for g in groups) and not (wrapped and any(g.merge == "split_number" for g in groups)):
            yield groups


def _join(run: list[Group]) -> Group | None:
    """One number from runs of digits split by spaces; ``None`` if they can't be one."""
    if len(run) == 1:
        return run[0]
    first, last = run[0], run[-1]
    chunks = [a.body for a in run]
    regular = 1 <= len(chunks[0]) <= 3 and all(len(c) == 3 for c in chunks[1:-1]) and _lead(chunks[-1]) == 3
    if not regular and last.percent:
        return None  # "60 50%" is a number and a percentage, not one odd percentage
    merge = "space_thousands" if regular else "split_number"
    return replace(first, body="".join(chunks), end=last.end, paren=False, percent=last.percent, points=last.points, merge=merge)


def _role_options(groups: list[Group], orders):
    """``(roles, rank)`` for each order of fields the groups could fill: ``rank`` is the
    order's place in the layouts' list, ``None`` for an order only labels allow."""
    n = len(groups)
    if n > 3:
        # A table row with more columns (open, high, low): the fields its header named, or
        # the level first, change and percent last.
        named = tuple(g.hint or "" for g in groups)
        # Numbers before the first named one are the name's digits, for the name's options to take.
        if named[0] and len(set(filter(None, named))) == len(list(filter(None, named))):
            yield named, 0
        elif groups[-1].percent:
            yield ("value",) + ("",) * (n - 3) + ("change", "pct_change"), 0
        else:  # the quote first, then a volume and a turnover ("3639.7754,20.5868,0.57,3296819,43348980")
            yield ("value", "change", "pct_change") + ("",) * (n - 3), WIDE_FIRST
        return
    hinted = any(g.hint for g in groups)
    for roles in itertools.permutations(ROLES, n):
        if any(g.hint and g.hint != r for g, r in zip(groups, roles, strict=True)):
            continue
        if roles == ("change",) and not groups[0].hint:
            continue  # a number alone is a change only where a label or a column says so
        if roles in orders:
            yield roles, orders.index(roles)
        elif hinted:  # labels may put the fields in any order
            yield roles, None


def _layout(groups: list[Group], roles: tuple[str, ...], rank: int | None) -> dict[str, int]:
    """The features of giving these groups these fields, before reading any number.
    ``rank``: the order's place in the layouts' list (``None``: an order only labels allow)."""
    features: Counter[str] = Counter()
    if len(roles) > 3 and not all(g.hint for g, r in zip(groups, roles, strict=True) if r):
        features["wide_row"] = 1  # numbers left out on a guess, not because a header named them
    elif rank is None:
        features["free_order"] = 1
    elif rank:
        features["order_rank"] = rank
    for group, role in zip(groups, roles, strict=True):
        if not role:
            continue
        if group.merge:
            features[group.merge] += 1
        if group.percent and role != "pct_change":
            features["stray_percent"] += 1
        elif role == "pct_change" and not group.percent:
            features["bare_percent"] += 1
        if group.points and role == "pct_change":
            features["points_percent"] += 1
        if (
            role == "change"
            and "value" not in roles
            and not (group.sign or group.arrow or group.paren or group.hint or group.moved)
        ):
            features["bare_change"] += 1  # a move with no level is marked as one: "+1.2", "▼ 26", "Chg 3"
    level = groups[roles.index("value")] if "value" in roles else None
    if level is not None:
        if level.sign < 0 and not level.paren:
            features["negative_level"] = 1  # levels are positive
        elif level.sign or level.arrow or level.paren:
            features["marked_level"] = 1  # a signed or bracketed number is a move, seldom the level
        elif level.currency:
            features["priced_level"] = 1
        elif level.moved and level.points:
            features["moved_level"] = 1  # "is up 18.72 points": a move, not the level
    return features


def _score(name, index, fuzzy, groups, roles, features, direction, ctx: StripContext) -> Reading | None:
    """A reading with its layout features (:func:`_layout`, and the strip's usual order
    of fields) and the features of its numbers: arithmetic, the registry, the strip's signs."""
    fields = {role: group for group, role in zip(groups, roles, strict=True) if role}
    numbers = {r: to_decimal(g.body, ctx.convention) for r, g in fields.items()}
    if any(v is None for v in numbers.values()) or numbers.get("value") == 0:
        return None  # no number, or a level of nothing: an empty cell's placeholder ("price: 0")
    numbers = {r: v.scaleb(fields[r].scale) if fields[r].scale else v for r, v in numbers.items()}
    features = Counter(features)

    value = numbers.get("value")
    signed, conflict = _apply_signs(fields, numbers, direction, ctx)
    if conflict:
        features["sign_conflict"] = 1  # the page itself says up and down

    change, pct = numbers.get("change"), numbers.get("pct_change")
    # A level priced in another money than the registry's range ("Solana ₹21,350") is checked by no range.
    priced = "value" in fields and fields["value"].currency.upper() not in ("", "$", "US$", "$US", "USD", "DOLLARS")
    scaled, agrees, fit = _fit(value, change, pct, fields, None if priced else index, rescale=len(roles) <= 3)
    features.update(fit)
    if scaled:
        value, change, pct = scaled

    if pct is not None and abs(pct) > 30 and not agrees:
        features["absurd_move" if abs(pct) > 100 else "big_move"] = 1
    if value is not None and change is not None and abs(change) >= value > 0:
        features["move_over_level"] = 1
    if index is not None:
        features["fuzzy_name" if fuzzy else "known_name"] = 1
    return Reading(
        name=name,
        index=index,
        fuzzy=fuzzy,
        value=value,
        change=change,
        pct_change=pct,
        roles=tuple(r for r in roles if r),
        features=features,
        agrees=agrees,
        signed=signed,
        worded=bool(direction) and not any(g.sign or g.arrow for g in fields.values()),
        hints=sum(1 for g in groups if g.hint),
        columns=sum(1 for g in groups if g.hint and not g.labelled),
        precise=pct is not None and pct.as_tuple().exponent < 0,
    )


def _apply_signs(fields: dict[str, Group], numbers: dict[str, Decimal], direction: int, ctx: StripContext):
    """Give the change and the percentage their direction; ``(signed, conflict)``.

    A move's own sign or arrow first, else the other move's, else an arrow on the
    level or a direction word; parentheses alone mean negative unless the strip
    uses them as wrappers. ``signed``: something on the page said which way.
    """
    movement = [r for r in ("change", "pct_change") if r in fields]
    explicit = {r: fields[r].sign or fields[r].arrow for r in movement}
    level_arrow = fields["value"].arrow if "value" in fields else 0
    shared = next((s for s in explicit.values() if s), 0) or level_arrow or direction
    # Parentheses negate where every move wears them ("(0.42) (0.35%)"); around the percentage
    # alone they wrap it ("0.10 (0.04%)").
    negated = not ctx.parens_wrap and all(fields[r].paren for r in movement)
    for r in movement:
        paren = -1 if fields[r].paren and negated else 1
        # A move of nothing has no direction, whatever the page's arrow says: 0.00, not -0.00.
        numbers[r] = abs(numbers[r]) * (explicit[r] or shared or paren) if numbers[r] else abs(numbers[r])
    conflict = len(movement) == 2 and all(explicit.values()) and len(set(explicit.values())) > 1
    return bool(shared), conflict


def agree(value: Decimal, change: Decimal, pct: Decimal) -> bool:
    """Do the three numbers agree, to the precision they are written in?

    Each number is exact to half a unit of its last digit; the percentage the
    level and change imply may differ from the one shown by what that rounding
    allows.
    """
    base = value - change
    if value <= 0 or base <= 0 or (change == 0) != (pct == 0):
        return False
    implied = change / base * 100
    # What the rounding of the level and the change allows, doubled for sites that use a
    # slightly different base, plus the rounding of the percentage itself.
    slack = 2 * 100 * (_half_unit(change) / base + abs(change) * _half_unit(value) / base**2) + _half_unit(pct)
    # Capped: numbers written without decimals would otherwise agree with almost anything.
    slack = min(slack, Decimal("0.05") + abs(pct) * Decimal("0.02"))
    return abs(abs(implied) - abs(pct)) <= slack + Decimal("0.001")


def _half_unit(x: Decimal) -> Decimal:
    """Half a unit of the last digit written: 0.005 for 114.75."""
    return Decimal(5).scaleb(x.as_tuple().exponent - 1)


def _fit(value, change, pct, fields, index: Index | None, rescale: bool = True):
    """Registry range and arithmetic: ``(rescaled numbers or None, agrees, features)``.

    A number written without any decimal mark may have lost it; where the level
    range or the arithmetic only works with a point put back, put it back.
    """

    def scales(role, top):
        # A single digit lost no decimal point worth guessing: "1" read as "0.1" agrees with anything.
        body = fields[role].body if role in fields else ""
        if not rescale or not body or any(c in body for c in ",.'’") or len(body) < 2:
            return (0,)
        return range(top + 1)

    plausible = index.plausible if index is not None else (lambda v: True)
    if value is not None and index is not None and not plausible(value):
        value_scales = [k for k in scales("value", 4) if plausible(value / 10**k)]
    else:
        value_scales = [0]
    if not value_scales:
        return None, False, {"implausible_level": 1}
    best = None
    for kv in value_scales:
        v = value / 10**kv if value is not None else None
        level = {"known_level": 1} if index is not None and v is not None else {}
        if v is None or change is None or pct is None:
            cand = (level | {"lost_decimal": kv}, v, change, pct, False)
        else:
            cand = None
            for kc, kp in itertools.product(scales("change", 3), scales("pct_change", 2)):
                c, p = change / 10**kc, pct / 10**kp
                if agree(v, c, p):
                    found = ({"agrees": 1} | level | {"lost_decimal": kv + kc + kp}, v, c, p, True)
                    if cand is None or score(found[0]) > score(cand[0]):
                        cand = found
            if cand is None:
                cand = ({"disagrees": 1} | level | {"lost_decimal": kv}, v, change, pct, False)
        if best is None or score(cand[0]) > score(best[0]):
            best = cand
    features, v, c, p, agrees = best
    features = {k: n for k, n in features.items() if n}
    return ((v, c, p) if features.get("lost_decimal") else None), agrees, features
