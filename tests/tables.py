"""The golden corpora in tests/golden/, and comparing parsed records with them.

Shared by the test suite and ``bench/accuracy.py``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tickers.registry import name_key
from tickers.repair import ascii_digits

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).parent.parent
NUMBER_FIELDS = ("value", "change", "pct_change")
# file: (table key, id key, where the text is: "text" or a "file" path)
CORPORA = {
    "cases.toml": ("case", "id", "text"),
    "samples.toml": ("sample", "file", "file"),
    "prose.toml": ("prose", "id", "text"),
    "wild.toml": ("case", "id", "text"),
    "negatives.toml": ("negative", "id", "text"),
    "pages.toml": ("page", "file", "file"),
    "fresh.toml": ("case", "id", "text"),
    "final.toml": ("case", "id", "text"),
    "pages2.toml": ("page", "file", "file"),
}
# Snippets of real pages (tests/golden/real/README.md): developed on, held (seen since), fresh (untouched).
REAL = {
    "real/dev.toml": ("case", "id", "text"),
    "real/held.toml": ("case", "id", "text"),
    "real/fresh.toml": ("case", "id", "text"),
    "real/fresh2_dev.toml": ("case", "id", "text"),
    "real/fresh2_held.toml": ("case", "id", "text"),
}
# Sentences of real market reports for prose mode: developed on, held (seen since), fresh (untouched).
PROSE = {
    "real/prose_dev.toml": ("sentence", "id", "text"),
    "real/prose_held.toml": ("sentence", "id", "text"),
    "real/prose_fresh.toml": ("sentence", "id", "text"),
    "real/prose_fresh2_dev.toml": ("sentence", "id", "text"),
    "real/prose_fresh2_held.toml": ("sentence", "id", "text"),
}


def load(name: str) -> dict:
    return tomllib.loads((GOLDEN / name).read_text(encoding="utf-8"))


def rows(corpus: str):
    """``(id, text, row)`` for every row of a corpus."""
    key, id_key, where = {**CORPORA, **REAL, **PROSE}[corpus]
    for row in load(corpus)[key]:
        text = (ROOT / row["file"]).read_text(encoding="utf-8") if where == "file" else row["text"]
        yield str(row[id_key]), text, row


def same(quote, want: dict) -> bool:
    """Is ``quote`` the expected record? A known index identifies it whatever its
    spelling; any other record, its name. Then every number given must be equal."""
    if "index" in want:
        if want["index"] != quote.index:
            return False
    elif "name" in want and name_key(want["name"]) != name_key(quote.name):
        return False
    return all(f not in want or _number(want[f]) == getattr(quote, f) for f in NUMBER_FIELDS)


_ARTICLE = re.compile(r"^(?:The|Le|La|Les|Der|Die|Das|El|Il|Lo|Os|As) (?=\S)|^L['’](?=\w)")


def _same_instrument(quote, want: dict) -> bool:
    """The labelled instrument: its index where the registry knows it, else its name as written,
    with or without a code before it ("ALB Албена АД" is "Албена АД"), and without the article
    the parser leaves out ("The S&P/TSX 60 …")."""
    if "index" in want and want["index"] == quote.index:
        return True
    got, name = ascii_digits(quote.name).split(), ascii_digits(_ARTICLE.sub("", want["name"])).split()
    return name_key(" ".join(name)) == name_key(" ".join(got)) or (len(got) == len(name) + 1 and got[1:] == name)


def _number(text: str) -> Decimal | None:
    return None if text == "none" else Decimal(text)


def mismatches(quotes, expect: list[dict], truncated_allowed: bool = False) -> list[str]:
    """What differs between parsed ``quotes`` and the expected records, in order (empty: all agree)."""
    got = list(quotes)
    if truncated_allowed and len(got) == len(expect) + 1 and got[-1].confidence < 0.5:
        got = got[:-1]
    problems = []
    if len(got) != len(expect):
        problems.append(f"expected {len(expect)} records, got {len(got)}: {[q.name for q in got]}")
    for i, (q, e) in enumerate(zip(got, expect, strict=False)):
        if not same(q, e):
            shown = {k: str(getattr(q, k)) for k in ("name", "index", *NUMBER_FIELDS)}
            problems.append(f"record {i + 1}: got {shown}, expected {e}")
    return problems


VERDICTS = ("right", "partial", "wrong", "misnamed", "extra", "unsure")


@dataclass
class Judged:
    """Each parsed record of a text with its verdict, and the expected records nobody found.

    ``right``: the instrument and every number as labelled. ``partial``: the instrument,
    numbers that agree with the label, but some missing. ``wrong``: a number that
    contradicts the label (or a number the page does not give). ``misnamed``: the
    numbers of a labelled record under another name. ``extra``: a record of nothing labelled.
    ``unsure``: a record a careful reader could not be sure of; not counted either way.
    """

    verdicts: list[tuple[object, str, dict | None]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)


def judge(quotes, expect: list[dict], truncated_allowed: bool = False, registry=None) -> Judged:
    """Pair parsed records with labelled ones and give each a verdict (see :class:`Judged`).
    With a ``registry``, a labelled instrument it knows is matched by its index, whatever
    name the page gives it (a code's symbol field, ``TASI``, for its Arabic name ``تاسي``)."""
    if registry is not None:
        expect = [_indexed(w, registry) for w in expect]
    open_ = list(expect)
    out = Judged()
    pairs: dict[int, dict] = {}
    for i, q in enumerate(quotes):  # the same instrument, the closest numbers first
        candidates = [w for w in open_ if _same_instrument(q, w)]
        if candidates:
            w = max(candidates, key=lambda w: sum(_number(w.get(f, "none")) == getattr(q, f) for f in NUMBER_FIELDS))
            open_.remove(w)
            pairs[i] = w
    for i, q in enumerate(quotes):  # the numbers of a labelled record under another name
        if i not in pairs:
            w = next((w for w in open_ if q.value is not None and _number(w.get("value", "none")) == q.value), None)
            if w is not None:
                open_.remove(w)
                pairs[i] = w
                verdict = "wrong" if _fields_verdict(q, w) == "wrong" else "misnamed"
                out.verdicts.append((q, "unsure" if w.get("unsure") else verdict, w))
                continue
        w = pairs.get(i)
        if w is None:
            last = i == len(quotes) - 1
            out.verdicts.append((q, "unsure" if truncated_allowed and last else "extra", None))
        elif w.get("unsure"):
            out.verdicts.append((q, "unsure", w))
        else:
            out.verdicts.append((q, _fields_verdict(q, w), w))
    out.verdicts.sort(key=lambda v: quotes.index(v[0]))
    out.missed = [w for w in open_ if not w.get("unsure")]
    return out


def judge_facts(quotes, expect: list[dict], registry) -> Judged:
    """:func:`judge` for facts of prose ("日経平均株価" is the Nikkei 225)."""
    return judge(quotes, expect, registry=registry)


def _indexed(want: dict, registry) -> dict:
    """The label with the index its instrument names, where the registry knows it surely."""
    index, guessed = registry.lookup(want.get("instrument", ""))
    return {**want, "index": index.name} if index is not None and not guessed else want


def fact_read(quote, want: dict) -> bool:
    """Is this fact read: its level, or its percentage where the sentence gives no level?"""
    level = _number(want.get("value", "none"))
    if level is not None:
        return quote.value == level
    return quote.pct_change is not None and quote.pct_change == _number(want.get("pct_change", "none"))


def _fields_verdict(q, w: dict) -> str:
    missing = False
    for f in NUMBER_FIELDS:
        want, got = _number(w.get(f, "none")), getattr(q, f)
        if got is not None and got != want:
            return "wrong"
        missing = missing or (got is None and want is not None)
    return "partial" if missing else "right"


def sample_documents() -> int:
    """How many documents ``samples/`` holds: its text and HTML files, the lines of its
    JSON Lines corpus, and the one page of its web archive (its image is no document)."""
    samples = ROOT / "samples"
    files = len(list(samples.glob("*.txt"))) + len(list(samples.glob("*.html")))
    return files + len((samples / "archive.jsonl").read_text(encoding="utf-8").splitlines()) + 1
