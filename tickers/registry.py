"""The index registry: canonical names, aliases, symbols and plausible levels.

The data lives in ``tickers/data/indices.toml`` (its header names the sources);
users add or override entries with files of their own in the same format.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

DATA_FILE = Path(__file__).parent / "data" / "indices.toml"
_FUZZY_CUTOFF = 85.0
_KOREAN_PARTICLES = "은는이가"
_GENERIC_SUFFIXES = ("index", "idx", "indices", "futures", "spot", "price", "petrol", "oil")
_GENERIC_SUFFIXES += ("指数", "指數", "지수", "工業指數", "工业指数")
_GLUED_SYMBOL = re.compile(r"^[.^]?[A-Z]{2,6}(?=[A-Z][a-z])")
# A Reuters or Yahoo symbol glued before a name: ".KS11KOSPI Index", "^DJIDow Jones".
_MARKED_SYMBOL = re.compile(r"[.^][A-Z0-9]{2,12}")
_TRAILING_SYMBOL = re.compile(r"(?<=\S)[ ][.^][A-Z0-9]{2,12}$")
_LEET = re.compile(r"(?<=[A-Za-z])[01345](?=[A-Za-z])")
_LETTERS = {"0": "O", "1": "I", "3": "E", "4": "A", "5": "S"}
# Letter variants that Persian and Arabic pages use interchangeably.
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و"})


class RegistryError(ValueError):
    """A registry file that cannot be read or does not follow the format."""


@dataclass(frozen=True, slots=True)
class Index:
    name: str
    symbol: str
    kind: str
    market: str
    low: Decimal
    high: Decimal

    def plausible(self, value: Decimal) -> bool:
        return self.low <= abs(value) <= self.high


def name_key(name: str) -> str:
    """The form names are compared in: case, spacing and punctuation folded.

    >>> name_key("S&P 500"), name_key("Nasdaq-100")
    ('sp500', 'nasdaq100')
    """
    folded = unicodedata.normalize("NFKC", name).casefold().translate(_FOLD)
    return "".join(c for c in folded if c.isalnum())


class Registry:
    """Looks names up: exactly on any alias, else fuzzily on the longer ones.

    >>> load_registry().lookup("HangSang")[0].name
    'Hang Seng'
    """

    def __init__(self, indices: dict[str, Index], aliases: dict[str, list[str]]):
        self.indices = indices
        self._aliases = aliases
        self._keys: dict[str, str] = {}  # alias key -> canonical name
        for canonical, names in reversed(aliases.items()):  # a user's later entries win
            for alias in names:
                self._keys.setdefault(name_key(alias), canonical)
        self._by_head: dict[tuple[str, ...], list[tuple[str, str]]] = {}  # all words but the last -> (last, canonical)
        for canonical, names in aliases.items():
            for alias in names:
                words = tuple(name_key(w) for w in alias.split())
                if len(words) >= 2:
                    self._by_head.setdefault(words[:-1], []).append((words[-1], canonical))
        self._fuzzy_keys = [k for k in self._keys if len(k) >= 4]
        self._words: tuple[str, ...] | None = None
        # Per registry and bounded: a crawl meets millions of distinct names.
        self._looked_up = lru_cache(maxsize=1 << 16)(self._lookup)

    def words(self) -> tuple[str, ...]:
        """The one-word names and aliases, of three letters or more: names in any case."""
        if self._words is None:  # once per registry: every parse asks
            self._words = tuple(sorted({a for names in self._aliases.values() for a in names if a.isalpha() and len(a) >= 3}))
        return self._words

    def aliases(self) -> dict[str, Index]:
        """Every name and alias as written, with the index it names (a user's later entries win)."""
        return {alias: self.indices[self._keys[name_key(alias)]] for names in self._aliases.values() for alias in names}

    def exact(self, name: str) -> Index | None:
        canonical = self._keys.get(name_key(name))
        return self.indices[canonical] if canonical else None

    def unglue(self, name: str) -> str | None:
        """The name without a symbol glued before it, if one is: the longest rest the
        registry knows (".SETISET Composite Index" is SET Composite Index), else the rest
        from the first capitalised word (".TRXFLDJPPThomson Reuters …"); and without a
        symbol after it ("S&P/TSX 60 Index ^TX60")."""
        if trailing := _TRAILING_SYMBOL.search(name):  # "S&P/TSX 60 Index ^TX60": the symbol's own cell
            return self.unglue(name[: trailing.start()]) or name[: trailing.start()]
        symbol = _MARKED_SYMBOL.match(name)
        if symbol is None:
            return None
        for cut in range(2, symbol.end() + 1):
            rest = name[cut:]
            if len(rest) >= 3 and rest[0].isalpha() and self._exact_key(name_key(rest)):
                return rest
        word = re.match(r"[.^][A-Z0-9]{2,12}?(?=[A-Z][a-z])", name)
        return name[word.end() :] if word else None

    def lookup(self, name: str) -> tuple[Index | None, bool]:
        """``(index, fuzzy)``: the entry a name means, and whether that was a guess.

        Exact matches first: the name, the name without a symbol in parentheses,
        the symbol; then guesses: words in front of a known name ("Petróleo
        Brent", "Markets Dow"), an abbreviation ("Nasdaq Comp"), a misspelling.
        """
        return self._looked_up(name)

    def _lookup(self, name: str) -> tuple[Index | None, bool]:
        bare, _, symbol = name.partition("(")
        for key in (name_key(name), name_key(bare), name_key(symbol)):
            if found := self._exact_key(key):
                return found, False
        key = name_key(bare)
        if key[-1:] in _KOREAN_PARTICLES and (found := self._exact_key(key[:-1])):  # 코스피는 is 코스피
            return found, False
        # Guesses that keep the name's letters: a symbol glued before it (".DJIDow Jones"),
        # digits written for letters (K0SPI, T0PIX).
        for guess in (_GLUED_SYMBOL.sub("", bare), _LEET.sub(lambda m: _LETTERS[m.group()], bare)):
            if guess != bare and (found := self._exact_key(name_key(guess))):
                return found, True
        words = bare.split()
        for i in range(1, len(words)):
            tail = name_key(" ".join(words[i:]))
            # A short word in lower case is a word, not a symbol: "Peruvian new sol" is no Solana.
            short = len(tail) <= 3 and words[-1].islower()
            if len(tail) >= 3 and not short and (found := self._exact_key(tail)):
                return found, True
        if found := self._abbreviation(bare):
            return found, True
        # Misspelt: the name, the symbol in parentheses ("Saudi (Tadwul)"), or the name's
        # last words after a heading ("即時行情 HangSang").
        candidates = [bare, symbol, *(" ".join(words[i:]) for i in range(1, len(words)))]
        found = next((f for c in candidates if (f := self._misspelt(name_key(c)))), None)
        return found, found is not None

    def _misspelt(self, key: str) -> Index | None:
        """The one index a misspelt key is close to. A misspelling keeps its digits and its
        first letter: "Germany" is not "Germany 40", "EGX 30" not "EGX 70", "Composite"
        not "KL Composite"."""
        if len(key) < 4 or key.isdigit():
            return None
        digits = [c for c in key if c.isdigit()]
        best = [
            (k, score)
            for k, score, _ in process.extract(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=5)
            if [c for c in k if c.isdigit()] == digits and k[0] == key[0]
        ]
        names = {self._keys[k] for k, score in best if score >= best[0][1] - 1} if best else set()
        return self.indices[names.pop()] if len(names) == 1 else None  # none close, or a tie

    def _abbreviation(self, name: str) -> Index | None:
        """ "Nasdaq Comp", "Dow Jones Ind": the last word cut short, every other word whole."""
        words = [name_key(w) for w in name.split()]
        if len(words) < 2 or len(words[-1]) < 3:  # one word cut short could be anything: "Euro"
            return None
        found = {
            canonical
            for last, canonical in self._by_head.get(tuple(words[:-1]), ())
            if last != words[-1] and last.startswith(words[-1])
        }
        return self.indices[found.pop()] if len(found) == 1 else None

    def _exact_key(self, key: str) -> Index | None:
        """An exact alias, or one followed by a generic word ("KSE-100 Index")."""
        if not key:
            return None
        if key in self._keys:
            return self.indices[self._keys[key]]
        for suffix in _GENERIC_SUFFIXES:
            if key.endswith(suffix) and key[: -len(suffix)] in self._keys:
                return self.indices[self._keys[key[: -len(suffix)]]]
        return None


@lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    """The bundled registry plus the user's files; later files override earlier entries."""
    indices: dict[str, Index] = {}
    aliases: dict[str, list[str]] = {}
    for path in (DATA_FILE, *map(Path, extra)):
        for entry in _read(path):
            try:
                low, high = (Decimal(str(x)) for x in entry["range"])
                index = Index(entry["name"], entry["symbol"], entry.get("kind", "index"), entry.get("market", ""), low, high)
                names = [entry["name"], entry["symbol"], *entry.get("aliases", [])]
            except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
                raise RegistryError(f"{path}: bad entry {entry.get('name', entry)!r}: {exc!r}") from None
            indices[index.name] = index
            aliases[index.name] = names
    return Registry(indices, aliases)


def _read(path: Path) -> list[dict]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read registry file ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: not a valid TOML registry file ({exc})") from None
    entries = data.get("index", [])
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: expected [[index]] tables")
    return entries
