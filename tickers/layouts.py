"""Ticker layouts as data: load the files in ``grammars/`` (and the user's own).

Each file is TOML with any of these keys (all optional; files are pooled):

``name``, ``description``
    What the layout family is.
``orders``
    Strings like ``"value change pct_change"``: the orders in which unlabelled
    numbers fill the fields, most likely first.
``[labels]`` ``value``/``change``/``pct_change``/``other``/``name``
    Words that name the field of the number after them (``Chg:``); ``other``
    names numbers that are none of the three (previous close, high, volume),
    which are then left out; ``name`` introduces the entry's name (``Index:``).
``[directions]`` ``up``/``down``
    Words that give the sign of the change (``Increased By``, ``minus``).
``[units]`` ``points``/``percent``/``currency``
    Words right after a number: ``points`` marks a level or change, ``percent``
    a percentage, ``currency`` a price (``USD``, ``ریال``).
``[units]`` ``period``
    Words after a number that make it a span of time (``1 Jahr``, ``30 days``):
    such a number is no field of a quote.
``[words]`` ``filler``, ``months``, ``weekdays``, ``instrument``, ``generic``, ``particle``, ``spans``
    Connecting words that belong to a record (``or``); names of months and days
    (``Jan``, ``април``, ``ม.ค.``, ``Пт``), so that a date in a row is read as a date;
    words that make a name a market instrument's (``Index``, ``dollar``, ``ذهب``), so
    that a list of their levels alone is read as quotes; instrument words that name no
    instrument alone (``Index``, ``futures``): a row named only by them takes the line of
    words above it ("China Enterprises" / "Index 14,009.76 …"); particles a name carries in
    a sentence and that are no part of it (Korean ``은``, ``는``); phrases that name a span
    longer than the session (``for the week``, ``year to date``, ``seit Jahresbeginn``):
    under a heading that holds one, moves are that span's, not the day's.
``[[example]]``
    ``text`` and the records it must yield (``expect``); the test suite parses each.
``[prose]`` ``up``/``down``/``level``/``after_level``/``before_change``/``points``/``before_percent``/
``percent``/``periods``/``forecasts``/``others``/``stops``
    The words of market-report sentences, for prose mode only (:mod:`tickers.prose`):
    verbs of direction (``rose``, ``fechou em alta``, ``상승한``); words before a level
    (``to``, ``aos``, ``до``, ``به``) or right after one (Korean ``로``, Turkish ``puandan``);
    unit words of points (``points``, ``пункта``, ``포인트``); words before or after a
    percentage (``yüzde``, ``per cent``); phrases that make a move another period's
    (``so far this year``, ``seit Jahresbeginn``), a forecast (``could reach``), or a
    number of something else about the index (``52-week high``, ``record``); and words
    that end a fact's clause (``while``, ``whereas``).
``[prose.scales]``, ``[prose.numbers]``
    Scale words and the power of ten they multiply by: ``"万" = 4``, ``"هزار" = 3``; and
    number words read before a scale word: ``"یک" = 1`` ("یک میلیون").
``[[prose_example]]``
    A sentence and the records prose mode must read from it (``expect``); the default
    mode must read nothing. The test suite parses each.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FIELDS = ("value", "change", "pct_change")
LABELS = (*FIELDS, "other", "name")
UNITS = ("points", "percent", "currency", "period")
WORDS = ("filler", "months", "weekdays", "instrument", "generic", "particle", "spans")
PROSE = (
    "up",
    "down",
    "level",
    "after_level",
    "before_change",
    "points",
    "before_percent",
    "percent",
    "periods",
    "forecasts",
    "others",
    "stops",
)


class LayoutError(ValueError):
    """A layout file that cannot be read or does not follow the format."""


@dataclass(frozen=True)
class Layouts:
    """The pooled vocabulary and field orders of a set of layout files."""

    labels: dict[str, tuple[str, ...]]
    directions: dict[int, tuple[str, ...]]
    units: dict[str, tuple[str, ...]]
    words: dict[str, tuple[str, ...]]
    orders: tuple[tuple[str, ...], ...]
    examples: tuple[dict, ...]
    files: tuple[str, ...]
    prose: dict[str, tuple[str, ...]]
    scales: dict[str, int]
    numbers: dict[str, int]
    prose_examples: tuple[dict, ...]

    def __hash__(self) -> int:
        return hash(self.files)


def grammar_dir() -> Path:
    """The bundled ``grammars/`` folder: inside the wheel, or at the top of a checkout."""
    packaged = Path(__file__).parent / "grammars"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "grammars"


def default_files() -> tuple[Path, ...]:
    return tuple(sorted(grammar_dir().glob("*.toml")))


@lru_cache(maxsize=16)
def load_layouts(extra: tuple[str, ...] = ()) -> Layouts:
    """Pool the bundled layout files and the user's ``extra`` ones.

    >>> "change" in load_layouts().labels
    True
    """
    labels: dict[str, list[str]] = {f: [] for f in LABELS}
    directions: dict[int, list[str]] = {1: [], -1: []}
    units: dict[str, list[str]] = {u: [] for u in UNITS}
    lists: dict[str, list[str]] = {w: [] for w in WORDS}
    orders: list[tuple[str, ...]] = []
    examples: list[dict] = []
    prose: dict[str, list[str]] = {w: [] for w in PROSE}
    scales: dict[str, int] = {}
    numbers: dict[str, int] = {}
    prose_examples: list[dict] = []
    paths = [*default_files(), *(Path(p) for p in extra)]
    for path in paths:
        data = _read(path)
        try:
            for field, words in data.get("labels", {}).items():
                labels[_field(field, path, LABELS)].extend(_words(words, path))
            for way, words in data.get("directions", {}).items():
                directions[{"up": 1, "down": -1}[way]].extend(_words(words, path))
            for unit, words in data.get("units", {}).items():
                units[_field(unit, path, UNITS)].extend(_words(words, path))
            for kind, listed in data.get("words", {}).items():
                lists[_field(kind, path, WORDS)].extend(_words(listed, path))
            for order in data.get("orders", []):
                fields = tuple(_field(f, path) for f in order.split())
                if fields and fields not in orders:
                    orders.append(fields)
            examples.extend({**ex, "file": path.name} for ex in data.get("example", []))
            for kind, listed in data.get("prose", {}).items():
                if kind in ("scales", "numbers"):
                    (scales if kind == "scales" else numbers).update({word: int(n) for word, n in listed.items()})
                else:
                    prose[_field(kind, path, PROSE)].extend(_words(listed, path))
            prose_examples.extend({**ex, "file": path.name} for ex in data.get("prose_example", []))
        except (KeyError, AttributeError, TypeError, ValueError) as exc:
            raise LayoutError(f"{path}: unexpected key or value {exc}") from None
    return Layouts(
        labels={k: tuple(dict.fromkeys(v)) for k, v in labels.items()},
        directions={k: tuple(dict.fromkeys(v)) for k, v in directions.items()},
        units={k: tuple(dict.fromkeys(v)) for k, v in units.items()},
        words={k: tuple(dict.fromkeys(v)) for k, v in lists.items()},
        orders=tuple(orders),
        examples=tuple(examples),
        files=tuple(str(p) for p in paths),
        prose={k: tuple(dict.fromkeys(v)) for k, v in prose.items()},
        scales=scales,
        numbers=numbers,
        prose_examples=tuple(prose_examples),
    )


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LayoutError(f"{path}: cannot read layout file ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{path}: not a valid TOML layout file ({exc})") from None


def _field(name: str, path: Path, allowed: tuple[str, ...] = FIELDS) -> str:
    if name not in allowed:
        raise LayoutError(f"{path}: unknown field {name!r} (expected one of {', '.join(allowed)})")
    return name


def _words(words: object, path: Path) -> list[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise LayoutError(f"{path}: expected a list of words, got {words!r}")
    return [w.strip() for w in words]
