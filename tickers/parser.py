"""``parse``: text in, ticker records out.

Text repair → grammar → resolution, then the checks that keep prose out: an
entry must carry the evidence of a ticker record, and the line it stands on
must be made of entries, not of words around them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from os import PathLike
from types import EllipsisType
from typing import NamedTuple, TypeVar

from tickers.columns import column_hints, foreign_spans
from tickers.evidence import lone_line, prose_mask, prose_whatever, quote_shaped, sentences, truncated, verdicts
from tickers.grammar import Entry, Grammar, Junk, Num, grammar_for
from tickers.layouts import Layouts, load_layouts
from tickers.numbers import strip_convention, to_decimal
from tickers.prose import prose_reader
from tickers.quote import Quote, Reject
from tickers.registry import Registry, load_registry, name_key
from tickers.repair import unrepaired
from tickers.resolve import Reading, StripContext, resolve
from tickers.scoring import confidence
from tickers.scoring import repairs as repairs_of
from tickers.strips import MAX_LINE, Block, find_blocks, line_kind, prose_lines
from tickers.windows import WINDOW, Window, windows

PathArg = str | PathLike | Iterable[str | PathLike] | None
_Found = TypeVar("_Found", Quote, Reject)
_DIGIT = re.compile(r"\d")


def _paths(arg: PathArg) -> tuple[str, ...]:
    if arg is None:
        return ()
    if isinstance(arg, str | PathLike):
        return (str(arg),)
    return tuple(str(p) for p in arg)


class Scan(NamedTuple):
    """What a text holds: the records recovered, and the ticker text that could not be read."""

    quotes: list[Quote]
    rejects: list[Reject]


def parse(text: str, *, prose: bool = False, grammar: PathArg = None, registry: PathArg = None) -> list[Quote]:
    """Every ticker entry recovered from ``text``, in document order.

    ``prose``: read the market facts of report sentences too ("The FTSE 100 closed 12.5
    points lower at 7,302.4"), with repair code ``prose`` (see :mod:`tickers.prose`).
    ``grammar`` and ``registry`` name extra layout and registry files (see
    ``grammars/`` and ``tickers/data/indices.toml`` for the formats).

    >>> [(q.index, str(q.value), str(q.pct_change)) for q in parse("HangSang20 370 ▲ 0.81%")]
    [('Hang Seng', '20370', '0.81')]
    """
    return scan(text, prose=prose, grammar=grammar, registry=registry).quotes


def scan(text: str, *, prose: bool = False, grammar: PathArg = None, registry: PathArg = None) -> Scan:
    """:func:`parse`, and beside its records the entries of ticker lines it refused, with why.

    >>> [(r.raw, r.reason) for r in scan("Dow 27,462.11 +114.75 +0.42%\\nArsenal  12  4  5  3  -1  17").rejects]
    [('Arsenal  12  4  5  3  -1  17', 'unreadable')]
    """
    pieces = list(scan_pieces(text, prose=prose, grammar=grammar, registry=registry))
    if len(pieces) == 1:
        return pieces[0]
    return Scan([q for p in pieces for q in p.quotes], [r for p in pieces for r in p.rejects])


def scan_pieces(text: str, *, prose: bool = False, grammar: PathArg = None, registry: PathArg = None) -> Iterator[Scan]:
    """:func:`scan` a window at a time (:mod:`tickers.windows`), in document order: one piece
    for a text of up to ``WINDOW`` characters, and for a longer one a piece per window, each
    given once the next window is read, so that memory stays bounded whatever the text's size.
    A scroll loop's repeat is one record within two neighbouring windows (a repeat further on
    is another page's, read again)."""
    layouts, reg, parser = _setup(_paths(grammar), _paths(registry))  # a bad layout or registry file is named
    if len(text) <= WINDOW:
        yield _scan_piece(text, prose, layouts, reg, parser)
    else:
        yield from _scan_windows(windows(text), text, prose, layouts, reg, parser)


def _scan_windows(
    parts: Iterable[Window], text: str, prose: bool, layouts: Layouts, reg: Registry, parser: Grammar
) -> Iterator[Scan]:
    held = Scan([], [])
    for w in parts:
        piece = _scan_piece(text[w.start : w.end], prose, layouts, reg, parser)
        # The held window's records may gain "duplicate" from this one's.
        quotes = _collapse_duplicates([*held.quotes, *_owned(piece.quotes, w)])
        rejects = _unique([*held.rejects, *_owned(piece.rejects, w)])
        (quotes_before, quotes_after), (rejects_before, rejects_after) = _split(quotes, w), _split(rejects, w)
        if w.own_start:
            yield Scan(quotes_before, rejects_before)
        held = Scan(quotes_after, rejects_after)
    yield held


def _scan_piece(text: str, prose: bool, layouts: Layouts, reg: Registry, parser: Grammar) -> Scan:
    if not _DIGIT.search(text):
        return Scan([], [])  # every entry and every fact holds digits (repair makes none from letters)
    known = prose_lines(text)
    if not prose and known is not None and _sentences_only(text, known, parser):
        return Scan([], [])  # market reports in sentences: nothing for the default mode, proved before parsing
    return _read(text, prose, layouts, reg, parser, known)


def _owned(found: list[_Found], w: Window) -> list[_Found]:
    """The records (or rejects) of a window that start in its own part, placed in the whole text."""
    start = w.start
    return [
        replace(f, line=f.line + w.lines_before, span=(f.span[0] + start, f.span[1] + start))
        for f in found
        if w.own_start <= start + f.span[0] < w.own_end
    ]


def _split(found: list[_Found], w: Window) -> tuple[list[_Found], list[_Found]]:
    """Those that start before the window's own part (the window before's), and the others."""
    return [f for f in found if f.span[0] < w.own_start], [f for f in found if f.span[0] >= w.own_start]


def _unique(rejects: list[Reject]) -> list[Reject]:
    """One reject per distinct text: a scroll loop refuses the same entries again."""
    return list({" ".join(r.raw.split()): r for r in reversed(rejects)}.values())[::-1]


def _read(
    text: str, prose: bool, layouts: Layouts, reg: Registry, parser: Grammar, known: list[str | None] | EllipsisType | None = ...
) -> Scan:
    """:func:`scan` past its shortcuts: the text's blocks tokenized, resolved and judged."""
    quotes: list[Quote] = []
    rejects: list[Reject] = []
    blocks = []
    for block in find_blocks(text, known):
        tokens = _join_across_lines(parser.tokenize(block.text.text), block.text.text, reg, parser.generic)
        entries = [t for t in tokens if isinstance(t, Entry)]
        if entries:
            blocks.append((block, entries, [i for e in entries for i in e.items if isinstance(i, Num)]))
    # A block whose numbers do not show their decimal mark ("$7.684") reads them as the page does.
    page = strip_convention(n.body for _, _, nums in blocks for n in nums)
    # A sentence on a line of its own is prose, unless such lines follow one another: a list in words
    # ("The S&P 500 rose 44.06 points, or 1.1%, to 3,925.43." / "The Nasdaq rose …").
    lines = [lone_line(block, entries) for block, entries, _ in blocks]
    verbal = [worded for worded, _ in lines]
    near = [i > 0 and verbal[i - 1] and verbal[i] and _near(blocks[i - 1][0], blocks[i][0]) for i in range(len(blocks))]
    listed = [near[i] or (i + 1 < len(blocks) and near[i + 1]) for i in range(len(blocks))]
    lone = [sentence for _, sentence in lines]
    for (block, entries, nums), sentence, in_list in zip(blocks, lone, listed, strict=True):
        if _all_prose(block, entries):
            continue  # no record and no reject can come of it: not worth reading
        found, refused = _parse_block(block, text, entries, nums, page, parser, layouts, reg, sentence and not in_list)
        quotes.extend(found)
        rejects.extend(refused)
    if prose:
        taken = _merged(sorted(q.span for q in quotes))
        facts = list(prose_reader(layouts, reg, parser).read(text, page, taken))
        quotes = sorted([*quotes, *facts], key=lambda q: q.span[0]) if facts else quotes
    return Scan(_collapse_duplicates(quotes), _unique(rejects))


@lru_cache(maxsize=16)
def _setup(grammar: tuple[str, ...], registry: tuple[str, ...]) -> tuple[Layouts, Registry, Grammar]:
    """The layouts, the registry and the grammar of a set of files: built once per process."""
    layouts = load_layouts(grammar)
    reg = load_registry(registry)
    return layouts, reg, grammar_for(layouts, reg.words())


def _sentences_only(text: str, known: list[str | None], parser: Grammar) -> bool:
    """Is every line of the text prose, blank, or :func:`_proved_prose`, with no short line
    between them to start a strip? Then every block of the text is :func:`_all_prose` and
    the text yields nothing in the default mode: decided on the lines' own words, before the
    grammar reads them. ``known``: :func:`prose_lines` of the text."""
    if None not in known:
        return True  # find_blocks finds nothing either: no need to ask
    open_lines = []
    for line, kind in zip(text.splitlines(), known, strict=True):
        if kind == "prose":
            continue
        if len(line) > MAX_LINE:
            return False  # find_blocks judges its pieces apart
        if kind == "plain" or not _DIGIT.search(line):
            if line_kind(line) not in ("prose", "blank"):
                return False  # a heading or a stacked field may start an entry the lines below end
        elif line_kind(line) != "prose":
            if not sentences(line):
                return False  # most strips fail here, before a word is weighed
            open_lines.append(line)
    return all(_proved_prose(line, parser) for line in open_lines)


def _proved_prose(line: str, parser: Grammar) -> bool:
    """Is the line prose whatever entries it holds (:func:`prose_whatever`, on the line as
    repair leaves it), and out of reach of an entry above? It must open with no item, or an
    entry of the line above could carry on into it and lend it its start
    (:func:`_join_across_lines` moves an entry's start back to direction words it spilt)."""
    if not unrepaired(line) or not prose_whatever(line, parser.may_hold):
        return False
    return not parser.item_at("0\n" + line.lstrip(" \t"), 2)  # "0\n": the line above may end in digits, as units need


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, the overlapping ones made one."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _all_prose(block: Block, entries: list[Entry]) -> bool:
    """Does every entry of the block start on a line of prose even were every entry taken?
    Then none is: a line of one cell stays prose when fewer of its words are entries, and
    its entries are refused as prose whatever they read (and never reported as rejects)."""
    text = block.text.text
    mask = prose_mask(block, [(e.start, e.end) for e in entries])
    lines = block.line_spans()
    for e in entries:
        if not mask[e.start]:
            return False
        start, end = lines[block.line_of(e.start)]
        if any(c in text[start:end] for c in "|•·"):
            return False  # a line of cells: a cell of words may be a note beside the strip
    return True


def _near(above: Block, below: Block) -> bool:
    return below.lines[0] - above.lines[-1] <= 3


def _parse_block(
    block: Block,
    source: str,
    entries: list[Entry],
    nums: list[Num],
    page: str,
    parser: Grammar,
    layouts: Layouts,
    reg: Registry,
    sentence: bool = False,
) -> tuple[list[Quote], list[Reject]]:
    text = block.text.text
    ctx = StripContext(
        convention=strip_convention((n.body for n in nums), page),
        parens_wrap=any(n.paren and n.sign for n in nums),
        columns=column_hints(text, block.line_spans(), entries, layouts),
    )
    readings = [resolve(e, text, reg, layouts.orders, ctx) for e in entries]
    if hints := _unmarked_percents(entries, readings, ctx):
        ctx = replace(ctx, columns=hints)
        readings = [resolve(e, text, reg, layouts.orders, ctx) for e in entries]
    usual = Counter(r.roles for r in readings if r is not None and len(r.roles) >= 2).most_common(1)
    if usual and usual[0][1] >= 2:
        ctx = replace(ctx, signature=usual[0][0])
        readings = [
            resolve(e, text, reg, layouts.orders, ctx) if r is not None and r.roles != ctx.signature else r
            for e, r in zip(entries, readings, strict=True)
        ]
    instruments = [parser.instrument(e.name) for e in entries]
    spans = _under_span(block, entries, parser)
    periods = [parser.period(e.name) or spanned for e, spanned in zip(entries, spans, strict=True)]
    foreign = foreign_spans(text, block.line_spans(), layouts)
    found = verdicts(block, entries, readings, foreign, instruments, periods, ctx.signature, sentence)
    taken = [(e, r, v.evidence) for e, r, v in zip(entries, readings, found, strict=True) if v.reason is None]
    if truncated([r for _, r, _ in taken], text):
        taken[-1][2]["truncated"] = 1
    quotes = [_quote(block, source, e, r, parser.bare(r.name), evidence) for e, r, evidence in taken]
    refused = {e.start: (e, v.reason) for e, v in zip(entries, found, strict=True) if v.reason not in (None, "prose")}
    return quotes, _rejects(block, source, entries, refused)


def _unmarked_percents(entries: list[Entry], readings: list[Reading | None], ctx: StripContext) -> dict[int, str]:
    """A table without a header whose second column reads as changes too small to be any:
    percentages written without "%" ("WIG140 | 2,116.31 | 0.10"). As changes, three rows in
    four or more would have moved less than 0.05 % of their level; as percentages (under 20)
    they move as markets do. ``number start -> "pct_change"`` for those numbers, or nothing."""
    if ctx.columns:
        return {}  # a header says what the columns are
    rows = [(e, r) for e, r in zip(entries, readings, strict=True) if r is not None and r.roles == ("value", "change")]
    if len(rows) < 3 or len(rows) < len([r for r in readings if r is not None]):
        return {}
    tiny = sum(1 for _, r in rows if abs(r.change) * 2000 < r.value)
    if tiny * 4 < len(rows) * 3 or any(abs(r.change) >= 20 for _, r in rows):
        return {}  # most rows must read as too small a change, and every one as a percentage
    hints = {}
    for e, r in rows:
        for n in e.items:
            if isinstance(n, Num) and not n.percent and to_decimal(n.body, ctx.convention) == abs(r.change):
                hints[n.start] = "pct_change"
    return hints


def _rejects(block: Block, source: str, entries: list[Entry], refused: dict[int, tuple[Entry, str]]) -> list[Reject]:
    """Refused entries shaped like quotes (two numbers or more, one of them marked as a move)
    that stand on ticker lines: dates, counts and lines of prose were never ticker text."""
    refused = {k: v for k, v in refused.items() if quote_shaped(v[0])}
    if not refused:
        return []
    prose = prose_mask(block, [(e.start, e.end) for e in entries])
    rejects = []
    for e, reason in sorted(refused.values()):
        if not prose[e.start]:
            start, end = block.text.original_span(e.start, e.end)
            rejects.append(Reject(block.lines[block.line_of(e.start)], (start, end), source[start:end], reason))
    return rejects


def _join_across_lines(tokens: list, text: str, reg: Registry, generic) -> list:
    """Mend what a line break cut: direction words an entry left at the start of the
    next line go to the entry that follows them ("… نقطة. / وتراجع مؤشر …"), and a
    name wrapped in two ("Dow" / "Jones 27,462.11") comes back whole, where the
    registry knows the joined name and not the second half alone, or where the second
    half is only ``generic`` words ("China Enterprises" / "Index 14,009.76 …"). An entry named only
    in lower case under a heading line ("Индекс РТС" / "долларовый 1800.04 …") is the
    heading's: the lower-case words are a variant, and the next variants share it."""
    out: list = []
    heading = None
    for token in tokens:
        if isinstance(token, Entry) and out and isinstance(out[-1], Entry) and out[-1].spill:
            spill = out[-1].spill
            token = token._replace(start=spill[0].start, items=(*spill, *token.items))
        if isinstance(token, Entry) and out and isinstance(out[-1], Junk) and "\n" in text[out[-1].end : token.start]:
            words = [out[-1]]
            while len(words) < 3 and len(out) > len(words) and isinstance(out[-1 - len(words)], Junk):
                words.insert(0, out[-1 - len(words)])
            for i in range(len(words)):
                joined = text[words[i].start : token.name_end]
                if not text[words[i].start : words[-1].end].replace(" ", "").isalpha():
                    continue
                alone, guessed = reg.lookup(token.name)
                if (alone is None or guessed) and reg.exact(" ".join(joined.split())) is not None:
                    del out[len(out) - len(words) + i :]
                    token = token._replace(name=joined, start=words[i].start)
                    break
        cut = isinstance(token, Entry) and generic(token.name) and reg.lookup(token.name)[0] is None
        if cut and (words := _words_line(out, text, token.start)):
            start = out[-words].start
            del out[-words:]
            token = token._replace(name=text[start : token.name_end], start=start)
        if isinstance(token, Entry):
            variant = token.name.islower() and "\n" in text[token.start - 1 : token.start]
            if variant and out and (isinstance(out[-1], Junk) or _named_only(out[-1], text)):
                heading = _heading(text[out[-1].start - 200 if out[-1].start > 200 else 0 : token.start])
            elif not (variant and out and isinstance(out[-1], Entry)):
                heading = None
            if variant and heading:
                token = token._replace(name=heading)
        out.append(token)
    return out


def _under_span(block: Block, entries: list[Entry], parser: Grammar) -> list[bool]:
    """Per entry, whether the last heading above it in the block names a span longer than the
    session ("For the week:", "Year to date"): its moves are that span's. A heading is a line
    with no entry on it and no digit, short or ending in a colon; the next heading ends it."""
    text = block.text.text
    entry_lines = {block.line_of(e.start) for e in entries}
    spanned, under = False, []
    for i, (start, end) in enumerate(block.line_spans()):
        line = text[start:end].strip()
        if i not in entry_lines and line and not any(c.isdigit() for c in line) and (line.endswith(":") or len(line) <= 40):
            spanned = parser.span(line)
        under.append(spanned)
    return [under[block.line_of(e.start)] for e in entries]


def _words_line(out: list, text: str, start: int) -> int:
    """How many of the last tokens make the line of words before ``start``, if that line
    reads as the first half of a name: junk only, a capital first, no number, no colon."""
    line_start = text.rfind("\n", 0, len(text[:start].rstrip())) + 1
    count = 0
    while count < len(out) and isinstance(out[-1 - count], Junk) and out[-1 - count].start >= line_start:
        count += 1
    if not count or out[-count].start != line_start or "\n" not in text[out[-1].end : start]:
        return 0
    words = text[line_start:start].strip()
    return count if _heading(words) == words and words[-1:] != ":" else 0


def _named_only(entry: Entry, text: str) -> bool:
    """An entry whose one number is digits glued to its name: a name ("Индекс ММВБ10"), no quote."""
    nums = [i for i in entry.items if isinstance(i, Num)]
    return len(nums) == 1 and nums[0].start == entry.name_end and text[nums[0].start : nums[0].end].isdigit()


def _heading(before: str) -> str | None:
    """The last line with words before an entry, if it reads as a heading: a capital first, and
    no number but digits glued to a name ("Индекс ММВБ10", "Индекс РТС-2")."""
    lines = [line.strip() for line in before.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    numbers = any(word.strip("-+.,%()").isdigit() or word[:1].isdigit() for word in last.split())
    return last if last[:1].isupper() and not numbers and len(last) <= 60 else None


def _quote(block: Block, source: str, entry: Entry, r: Reading, name: str, evidence: dict[str, int]) -> Quote:
    start, end = block.text.original_span(entry.start, r.end)
    if r.rival is not None and r.score - r.rival < 1:
        evidence = {**evidence, "ambiguous": 1}  # another reading's numbers scored almost as well
    repairs = tuple(dict.fromkeys([*r.repairs, *repairs_of(evidence), *sorted(block.text.repairs_in(start, end))]))
    # A known name at a level its index never had is another instrument ("Gold (24K, per tola)").
    index = r.index if r.index and (r.value is None or r.index.plausible(r.value)) else None
    return Quote(
        name=" ".join(name.split()),
        index=index.name if index else None,
        symbol=index.symbol if index else None,
        value=r.value,
        change=r.change,
        pct_change=r.pct_change,
        confidence=confidence(r.features, evidence, r.rival),
        repairs=repairs,
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
