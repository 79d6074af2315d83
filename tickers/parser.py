"""``parse``: text in, ticker records out.

Text repair → grammar → resolution, then the checks that keep prose out: an
entry must carry the evidence of a ticker record, and the line it stands on
must be made of entries, not of words around them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from os import PathLike

from tickers.grammar import Entry, Grammar, Junk, Num, grammar_for
from tickers.layouts import Layouts, load_layouts
from tickers.numbers import strip_convention
from tickers.quote import Quote
from tickers.registry import Registry, load_registry, name_key
from tickers.resolve import Reading, StripContext, resolve
from tickers.strips import Block, find_blocks

PathArg = str | PathLike | Iterable[str | PathLike] | None
MAX_UNCOVERED = 0.4  # weighted share of a line's words that may lie outside entries
_WORD = re.compile(r"[^\W_]+")


def _paths(arg: PathArg) -> tuple[str, ...]:
    if arg is None:
        return ()
    if isinstance(arg, str | PathLike):
        return (str(arg),)
    return tuple(str(p) for p in arg)


def parse(text: str, *, grammar: PathArg = None, registry: PathArg = None) -> list[Quote]:
    """Every ticker entry recovered from ``text``, in document order.

    ``grammar`` and ``registry`` name extra layout and registry files (see
    ``grammars/`` and ``tickers/data/indices.toml`` for the formats).

    >>> [(q.index, str(q.value), str(q.pct_change)) for q in parse("HangSang20 370 ▲ 0.81%")]
    [('Hang Seng', '20370', '0.81')]
    """
    layouts = load_layouts(_paths(grammar))
    reg = load_registry(_paths(registry))
    parser = grammar_for(layouts)
    quotes: list[Quote] = []
    for block in find_blocks(text):
        quotes.extend(_parse_block(block, text, parser, layouts, reg))
    return _collapse_duplicates(quotes)


def _parse_block(block: Block, source: str, parser: Grammar, layouts: Layouts, reg: Registry) -> list[Quote]:
    text = block.text.text
    tokens = _join_wrapped_names(parser.tokenize(text), text, reg)
    entries = [t for t in tokens if isinstance(t, Entry)]
    if not entries:
        return []
    nums = [i for e in entries for i in e.items if isinstance(i, Num)]
    ctx = StripContext(
        convention=strip_convention(n.body for n in nums),
        parens_wrap=any(n.paren and n.sign for n in nums),
    )
    readings = [resolve(e, text, reg, layouts.orders, ctx) for e in entries]
    if any(r is not None and r.signed for r in readings):
        # A strip that signs some moves signs all of them: unsigned ones went up.
        for r in readings:
            if r is not None and r.roles != ("value",):
                r.signed = True
    usual = Counter(r.roles for r in readings if r is not None and len(r.roles) >= 2).most_common(1)
    if usual and usual[0][1] >= 2:
        ctx = StripContext(ctx.convention, ctx.parens_wrap, usual[0][0])
        readings = [
            resolve(e, text, reg, layouts.orders, ctx) if r is not None and r.roles != ctx.signature else r
            for e, r in zip(entries, readings, strict=True)
        ]
    found = [(e, r) for e, r in zip(entries, readings, strict=True) if r is not None and _is_record(r)]
    if not any(_strong(r) for _, r in found):
        # Nothing here checks out (no known index, no agreeing arithmetic): a table of
        # shares or scores looks like this. Keep only plain signed quotes, and never one alone.
        found = [(e, r) for e, r in found if _plain_quote(r)]
        if len(found) < 2:
            return []
    found = _on_ticker_lines(block, found)
    _mark_truncated(found, text)
    return [_quote(block, source, e, r) for e, r in found]


def _join_wrapped_names(tokens: list, text: str, reg: Registry) -> list:
    """A strip wrapped inside a name ("Dow" / "Jones 27,462.11") gets the name back whole,
    where the registry knows the joined name and not the second half alone."""
    out: list = []
    for token in tokens:
        if isinstance(token, Entry) and out and isinstance(out[-1], Junk) and "\n" in text[out[-1].end : token.start]:
            words = [out[-1]]
            while len(words) < 3 and len(out) > len(words) and isinstance(out[-1 - len(words)], Junk):
                words.insert(0, out[-1 - len(words)])
            for i in range(len(words)):
                joined = text[words[i].start : token.name_end]
                if not text[words[i].start : words[-1].end].replace(" ", "").isalpha():
                    continue
                if reg.lookup(token.name)[0] is None and reg.exact(" ".join(joined.split())) is not None:
                    del out[len(out) - len(words) + i :]
                    token = token._replace(name=joined, start=words[i].start)
                    break
        out.append(token)
    return out


def _plain_quote(r: Reading) -> bool:
    """In a block where nothing checks out, what may still pass as a quote: a level and
    a signed move, read without guessing, and numbers that agree if all three are given
    (a vote count, its share and a swing have the shape but not the arithmetic)."""
    if "value" not in r.roles or not r.signed or {"stray_percent", "split_number"} & set(r.repairs):
        return False
    return len(r.roles) < 3 or r.agrees


def _strong(r: Reading) -> bool:
    """Evidence beyond the shape: a known index at a plausible level, a label, or
    numbers that agree without having been bent to (a coincidence otherwise)."""
    if r.index is not None and r.value is not None and r.index.plausible(r.value):
        return True
    return r.hinted or (r.agrees and not {"stray_percent", "split_number"} & set(r.repairs))


def _is_record(r: Reading) -> bool:
    """Does this reading carry the evidence of a ticker record, not a stray number?

    Market shares, vote counts and league tables have names and numbers too;
    what they lack is a direction (a sign, an arrow, a word), a known index, or
    a change and a percentage that agree with the level.
    """
    fields = set(r.roles)
    known = r.index is not None
    if fields == {"value", "change", "pct_change"}:
        return True
    if fields == {"value", "pct_change"} or fields == {"value", "change"}:
        return r.signed or _strong(r)
    if fields == {"value"}:
        return known and r.index.plausible(r.value)
    # Movements without a level: a percentage, and a sign or direction saying which way.
    return "pct_change" in fields and r.signed and (known or len(fields) == 2)


def _on_ticker_lines(block: Block, found: list[tuple[Entry, Reading]]) -> list[tuple[Entry, Reading]]:
    """Keep entries whose lines are made of entries: prose has words around its numbers.

    Lower-case words outside entries weigh double: a site's name or a heading
    beside a strip is Title Case, the words around a number in a sentence are not.
    """
    text = block.text.text
    covered = bytearray(len(text))
    for e, _ in found:
        covered[e.start : e.end] = b"\x01" * (e.end - e.start)
    bounds = [*block.line_starts, len(text) + 1]
    bad_lines = set()
    for i in range(len(block.line_starts)):
        total = loose = 0
        for word in _WORD.finditer(text, bounds[i], bounds[i + 1] - 1):
            weight = len(word.group()) * (2 if word.group()[0].islower() else 1)
            total += weight
            if not covered[word.start()]:
                loose += weight
        if loose > 3 and loose > MAX_UNCOVERED * total:
            bad_lines.add(i)
    if not bad_lines:
        return found
    return [(e, r) for e, r in found if not any(block.line_of(p) in bad_lines for p in (e.start, e.end - 1))]


def _mark_truncated(found: list[tuple[Entry, Reading]], text: str) -> None:
    """A strip's last entry with fewer fields than the others was probably cut off."""
    if len(found) < 2:
        return
    entry, last = found[-1]
    usual = Counter(r.roles for _, r in found[:-1]).most_common(1)[0][0]
    if len(last.roles) < len(usual) and not text[entry.end :].strip():
        last.repairs.append("truncated")


def _quote(block: Block, source: str, entry: Entry, r: Reading) -> Quote:
    start, end = block.text.original_span(entry.start, entry.end)
    repairs = list(dict.fromkeys([*r.repairs, *sorted(block.text.repairs_in(start, end))]))
    r.repairs = repairs
    return Quote(
        name=" ".join(r.name.split()),
        index=r.index.name if r.index else None,
        symbol=r.index.symbol if r.index else None,
        value=r.value,
        change=r.change,
        pct_change=r.pct_change,
        confidence=r.confidence(),
        repairs=tuple(repairs),
        line=block.lines[block.line_of(entry.start)],
        span=(start, end),
        raw=source[start:end],
    )


def _collapse_duplicates(quotes: list[Quote]) -> list[Quote]:
    """One record per distinct entry: scroll loops and repeated strips say it again.

    A record that says less of what a recent one says (same name, every field
    it has equal) is the same entry, cut off or shown in a shorter layout.
    """
    kept: list[Quote] = []
    exact: dict[tuple, int] = {}
    by_name: dict[str, list[int]] = {}
    for q in quotes:
        name = q.index or name_key(q.name)
        key = (name, q.value, q.change, q.pct_change)
        twin = exact.get(key)
        if twin is None and None in key:
            twin = next((i for i in reversed(by_name.get(name, [])[-64:]) if _says_less(q, kept[i])), None)
        if twin is None:
            exact[key] = len(kept)
            by_name.setdefault(name, []).append(len(kept))
            kept.append(q)
        elif "duplicate" not in kept[twin].repairs:
            kept[twin] = replace(kept[twin], repairs=(*kept[twin].repairs, "duplicate"))
    return kept


def _says_less(q: Quote, kept: Quote) -> bool:
    return all(getattr(q, f) is None or getattr(q, f) == getattr(kept, f) for f in ("value", "change", "pct_change"))
