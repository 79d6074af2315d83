"""The ticker grammar: pyparsing expressions compiled from the layout files.

Expressions and nothing else: no I/O, no choosing between readings. The grammar
cuts a block of repaired text into entries (a name and the numbers, labels,
direction and unit words that follow it), separators and junk. Numbers are kept
as written, one token per run of digits without spaces; which tokens belong
together and which field each fills is decided in :mod:`tickers.resolve`.

BNF (``|`` is ordered choice)::

    strip   ::= (entry | sep | junk)*
    entry   ::= name item+                       -- at least one number; item+ is one token
    item    ::= stamp | number | label | direction | unit | filler | punct | sep | blank
    stamp   ::= time | date | security id                 -- cells that are no field of the quote
    blank   ::= "n/a" | "—" | "--" | ...                  -- an empty cell, at a cell's end
    number  ::= [arrow | sign] ["("] ["%"] [sign] [currency] [sign] digits [K|M|B] ["%"] [sign] [")"] [currency]
    digits  ::= DIGIT (DIGIT | [,.'’] DIGIT)*
    name    ::= [direction] [name label] [article] word (" " (word | 1-3 digits before a word)){0,7}
                                                 -- no vocabulary words; one regex
    sep     ::= "|" | "•" | "·" | ";" | "—" | ...
    junk    ::= a word or one other character
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pyparsing as pp
from retrie.trie import Trie

from tickers.layouts import Layouts

ARROWS = {"▲": 1, "△": 1, "↑": 1, "⬆": 1, "▴": 1, "⇧": 1, "▼": -1, "▽": -1, "↓": -1, "⬇": -1, "▾": -1, "⇩": -1}
_ARROW_CLASS = "".join(ARROWS)
_SIGNS = {"+": 1, "-": -1, "±": 0}

_NUMBER_TEMPLATE = (
    # A sign may follow digits directly (run-together strips: "56.60-7.29%");
    # other numbers never start inside a number, a time or a date.
    # CSV without quotes: "^DJI,37592.98" (a number after a name's comma).
    rf"(?:(?<=[\d%,;])(?=[-+{_ARROW_CLASS}])|(?<=[^\W\d_],)|(?<=\d[,;])(?=\d)|(?<![\d.,]))(?<!\d[/:])"
    rf"(?:(?P<arrow>[{_ARROW_CLASS}])\s?)?"
    r"(?P<sign>[-+±](?:[ ](?=\d[\d.,]*[ ]?%))?)?"  # "- 0,48 %": a sign a space split from its percentage
    r"(?P<open>\()?"
    r"(?P<pre>%(?:[ ](?=[-+]?\d))?)?"  # Turkish pages write the percent sign first: %1,27, % -0,14
    r"(?P<sign2>[-+])?"
    r"(?:(?P<currency>US\$|\$US|\$A(?=\d)|R\$|C\$|A\$|HK\$|S\$|US(?=\d)|N(?=\d{1,3},\d{3}|\d+\.\d)|R(?=\d)|Rs\.?|RM(?=[ ]?\d)"
    r"|[$€£¥₹₩₺₦₪﷼]{codes})[ ]?)?"
    r"(?P<sign3>[-+])?"
    # Digits with separators; a plain integer followed by -, / or : and a digit is a date or time.
    # "10-Yr" and "24h" are names and durations, not numbers; ".06" lost its leading zero.
    # A body is one number: groups of three after a thousands mark (or Indian lakhs), then a
    # decimal part; a comma after that starts the next number ("3639.7754,20.5868,0.57").
    r"(?P<body>\d+(?:(?P<mark>[,.'’])\d{3})+(?:(?!(?P=mark))[.,]\d+)?(?![,.'’]?\d)"
    r"|\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?"
    # A period and digits after a number mean it was cut from a longer run ("43,755.3844,596.07").
    r"|\d+[.,]\d+|\d+(?![/:-]\d)|\.\d+)(?!\d|\.\d|-[^\W\d_]|[hH]\b|[A-Z]{2})"
    r"(?P<scale>[KMB](?![\w]))?"  # thousands, millions, billions: 64.2K
    r"(?P<percent>[ \t]?%(?![-+]?\d){not_label})?"  # "%0,84" after a number starts the next one; "%" on the next line too
    r"(?P<sign_after>[-+](?![\d\w]))?"  # right-to-left pages flatten "+1,234" to "1,234+"
    r"(?P<close>\))?"
    r"(?:[ ]?(?P<currency_after>[$€£¥₹¢](?:[ ]?US)?)(?![\d\w/])|p(?![\w]))?"  # 56,35 $ US, 458.35p
)
SEPARATORS = r"[|•·∙●▪◦;¦‖/\\]+|—|--|\s-\s"
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
PUNCT = r"""[:=(),"'“”‘’«»\[\]{}<>*]|\.(?=\s)"""
# Cells of a quote row that are not numbers of the quote: a time ("11:15am EST", "17:19:56"),
# a date ("28.01.2026 Ср", "2023年9月26日", "13 Jan 2021", "27 ม.ค. 2558"), a security id
# (ISIN), and the placeholder of an empty cell ("n/a", "—", "--"). They are kept as items so
# that a row stays one entry and its cells keep their places under a table's header.
STAMP = (
    # A time may touch a name before it and a number after it: "Average11:15am EST34,230.34".
    # A currency's numeric code after its letters ("XAG / 961", "USD/840"), as central banks list them.
    r"(?<=(?<![^\W\d_])[A-Z]{3}/)\d{3}(?![\d.,]|[ ]?%)|(?<=(?<![^\W\d_])[A-Z]{3} / )\d{3}(?![\d.,]|[ ]?%)|"
    r"(?<![\d.,:])\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp]\.?[Mm]\.?)?(?:[ ]?(?:[A-Z]{1,3}[SD]?T|UTC|GMT)(?![^\W\d_]))?"
    r"|(?<![\w.,])(?:(?i:{weekdays})(?![^\W\d_])\.?,?[ ])?(?:"
    r"\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp]\.?[Mm]\.?)?(?:[ ]?(?:[A-Z]{1,3}[SD]?T|UTC|GMT)(?![\w]))?"
    r"|\d{1,2}\.\d{2}[ ]?[AaPp]\.?[Mm]\.?(?:[ ]?(?:[A-Z]{1,3}[SD]?T|UTC|GMT|ET)(?![\w]))?"  # 05.45 AM ET
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?!\d|[.,]\d)"
    r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日"
    r"|\d{1,2}\.?[ ](?i:{months})(?![^\W\d_])\.?,?(?:[ ]\d{4}(?!\d))?"
    r"|(?:[A-Z0-9]{5,9}[ ]?/[ ]?)?[A-Z]{2}[A-Z0-9]{9}\d(?![\w])"  # (WKN or valor /) ISIN
    r")(?:[ ](?i:{weekdays})\.?(?![\w]))?"
)
_WORD_START = re.compile(r"\b\w")
_RUN = re.compile(r"\S*")
_RUN_WORD = re.compile(r"[^\W\d_]*")
_LOWER = re.compile(r"[a-z](?![A-Z])")  # a lower-case word: no name's first word
_JOINERS = "in|of|de|du|des|la|le|el|del|do|da|di|der|und|y|e|et|and"  # inside a name: Bank of America
_JOINER_WORDS = frozenset(_JOINERS.split("|"))
_EMPTY = r"(?:n/a|N/A|n\.a\.|—|–|-{1,3}|−{1,3})%?"
BLANK = rf"(?:(?<=\s)|(?<=\|)){_EMPTY}(?=[ \t]*(?:\||\n|\t|$)|[ \t]+{_EMPTY}[ \t]*(?:\||\n|\t|$))"
# A name word: letters with inner punctuation (S&P/ASX, Nasdaq-100's "Nasdaq").
# Combining marks belong to words: Devanagari and Thai vowel signs, Arabic diacritics.
_MARKS = "\u0300-\u036f\u064b-\u065f\u0670\u0900-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
_WORD = (
    r"(?:\^\d{1,3}[A-Z][A-Z0-9]*(?!\w)|"  # a Yahoo symbol that starts with digits: ^15NTU
    rf"(?:\d{{1,2}}-(?=[A-Za-z])|\d{{1,2}}(?=[A-Z]{{2}}))?"  # 10-Yr Bond, 30-Year; codes 0EA, 7SLO
    # Digits between letters belong to the word: A4L, K0SPI (a zero for an O).
    rf"[\^.]?[^\W\d_](?:{{letter}}|\d+(?=[A-Za-z])|['’.&/+\"״-](?={_LETTER})|&|-\d{{1,3}}(?![\d,.]))*"
    r"(?:(?<=[A-Z]{3})\d{1,2}(?=:(?!\d)))?"  # a share class glued to a symbol before a colon: "PETR4:", "BOVA11:"
    rf"(?:(?<![^\W\d_]{{4}})\.(?=[ ][^\W\d_]))?"  # a short word cut by a period inside a name: "Ind.", "St.", "Пр."
    r")"
)


class Num(NamedTuple):
    """A run of digits as written, with what is attached to it."""

    start: int
    end: int
    body: str
    sign: int  # explicit + or - (0: none)
    arrow: int  # ▲/▼ (0: none)
    paren: bool  # wrapped in parentheses
    percent: bool
    currency: str  # the price sign before the digits ("$", "R$", "₹"), or ""
    scale: int = 0  # power of ten written as a letter: 64.2K


class Word(NamedTuple):
    """A word that is no number: ``kind`` is label, direction, unit, filler, punct, stamp or blank."""

    start: int
    end: int
    kind: str
    meaning: str | int


class Entry(NamedTuple):
    name: str
    start: int
    name_end: int
    end: int
    items: tuple
    spill: tuple = ()  # direction words after the entry that belong to the next one


class Junk(NamedTuple):
    start: int
    end: int
    text: str


def alternation(words, fold: bool = False) -> str:
    """A regex matching any of the phrases, as a trie (fast to try, longest match first);
    spaces in a phrase match any run of spaces. ``fold``: for a pattern matched ignoring
    case, where the trie must be built in one case to keep the longest match first."""
    words = sorted({w.lower() if fold else w for w in words if w})
    if not words:
        return "(?!)"
    return Trie().add(*words).pattern().replace("\\ ", "\\s+")


def phrases(words, fold: bool = False) -> str:
    """Whole phrases only: "GBP" is no word of "GBP/USD". Chinese, Japanese and Korean
    phrases stand between other characters without spaces, so they need no boundary."""
    spaced = [w for w in words if not _CJK.search(w)]
    unspaced = [w for w in words if _CJK.search(w)]
    alts = []
    if spaced:
        # A phrase may touch the digits after it ("Realtime-Kurs12.659,15", "naik26.5"), not a letter.
        alts.append(r"(?<![\w%/&])(?:" + alternation(spaced, fold) + r")(?![^\W\d]|[/&])")
    if unspaced:
        alts.append("(?:" + alternation(unspaced, fold) + ")")
    return "(?:" + "|".join(alts) + ")" if alts else "(?!)"


class Grammar:
    """The pyparsing grammar built from one set of layouts.

    >>> from tickers.layouts import load_layouts
    >>> [type(t).__name__ for t in grammar_for(load_layouts()).tokenize("Dow 27,462.11 +0.42%")]
    ['Entry']
    """

    def __init__(self, layouts: Layouts, names: tuple[str, ...] = ()):
        field_labels = {role: layouts.labels[role] for role in ("pct_change", "change", "value", "other")}
        self.name, tail_end = _name_expr(layouts, names)
        self._tail_end = re.compile(tail_end)
        self.number = _number_expr(layouts)
        # A separator before a number stays inside the entry: table cells joined by " | "
        # (Dow | 27,462.11 | +0.42%); before a name it ends the entry.
        labels = [w for words in field_labels.values() for w in words]
        cell_sep = rf"(?:{SEPARATORS})(?=\s*(?:[-+(%\d{_ARROW_CLASS}$€£¥\"]|(?i:{phrases(labels, fold=True)})))"
        punct = re.compile(PUNCT + "|" + cell_sep)
        stamp = re.compile(
            STAMP.replace(
                "{months}", alternation(layouts.words["months"], fold=True) if layouts.words["months"] else "(?!)"
            ).replace("{weekdays}", alternation(layouts.words["weekdays"], fold=True) if layouts.words["weekdays"] else "(?!)")
        )
        blank = re.compile(BLANK)
        self.items = items = Items(
            [
                lambda s, loc: (m := stamp.match(s, loc)) and Word(loc, m.end(), "stamp", m.group()),
                self.number,
                _Vocabulary(layouts, field_labels),
                lambda s, loc: (m := punct.match(s, loc)) and Word(loc, m.end(), "punct", m.group().strip()),
                lambda s, loc: (m := blank.match(s, loc)) and Word(loc, m.end(), "blank", m.group()),
            ]
        )

        # No results names: they would pile up along a long strip and make it quadratic.
        self.entry = (self.name + items).set_name("entry")
        self.entry.set_parse_action(_make_entry)

        sep = pp.Suppress(pp.Regex(SEPARATORS)).set_name("separator")
        # Junk takes runs of what cannot start a name (lower-case words, digits, punctuation)
        # at once, capitalised words one by one; and any character, so parsing never fails.
        junk = pp.Regex(r"(?:[a-z\d]\w*|[^\w\s|•·;])(?:[ ](?:[a-z\d]\w*|[^\w\s|•·;]))*|[^\W_]+|[\s\S]").set_name("junk")
        junk.set_parse_action(lambda s, loc, t: Junk(loc, loc + len(t[0]), t[0]))
        self.strip = pp.ZeroOrMore(self.entry | sep | junk).set_name("strip")
        self.strip.parse_with_tabs()  # offsets must stay offsets: no tab expansion
        # Phrases an entry's item or name may start with at a word that follows a letter or a
        # comma, in any case: labels, directions, fillers, weekdays, a stamp's lead-in ("at 4:00
        # p.m."), one-word names of the registry (units and months only follow numbers); and every
        # phrase of more than one word, which may start before such a word and run over it.
        held = [
            *labels,
            *layouts.labels["name"],
            *(w for words in layouts.directions.values() for w in words),
            *(w for kind in ("filler", "weekdays") for w in layouts.words[kind]),
            *("at", "as of", "on", "updated"),
            *names,
        ]
        every = [*held, *(w for words in layouts.units.values() for w in words), *layouts.words["months"]]
        spread = [w for w in every if " " in w.strip() or "," in w]
        self._held = re.compile(rf"(?i:{alternation(held, fold=True)})(?![^\W\d])")
        self._spread = re.compile(rf"(?i:{alternation(spread, fold=True)})")
        self._reach = max(map(len, spread), default=0)
        inner = {w for phrase in spread for w in re.split(r"\s+|(?<=,)", phrase.strip())[1:] if w}
        self._inner = re.compile(rf"(?i:{alternation(inner, fold=True)})")  # where a phrase may go on
        self._instrument = re.compile(f"(?i:{phrases(layouts.words['instrument'], fold=True)})")
        self._generic = re.compile(f"(?i:{phrases(layouts.words['generic'], fold=True)})")
        periods = alternation(layouts.units["period"], fold=True) if layouts.units["period"] else "(?!)"
        self._period = re.compile(rf"(?i)\d+[ ]?(?:{periods})(?![^\W\d_])|^(?:{periods}|YTD)$")
        self._span = re.compile(f"(?i:{phrases(layouts.words['spans'], fold=True)})")
        particles = alternation(layouts.words["particle"]) if layouts.words["particle"] else "(?!)"
        self._particle = re.compile(rf"(?<=[\uac00-\ud7af])(?:{particles})$")

    def item_at(self, text: str, loc: int) -> bool:
        """Does an entry's item (a number, a vocabulary word, punctuation, a stamp) start at ``loc``?"""
        return self.items.item(text, loc) is not None

    def may_hold(self, text: str, loc: int) -> bool:
        """Could an entry hold the lower-case word at ``loc``, which follows a letter and a space
        or a comma and a space? No name starts with it; it could be an item, inside a phrase,
        a connector of a name's words, or one of the lower-case words that end a name.

        >>> from tickers.layouts import load_layouts
        >>> g = grammar_for(load_layouts())
        >>> g.may_hold("rose 2%, to 7,302", 9), g.may_hold("rose 2%, the highest", 9)
        (True, False)
        """
        if self._held.match(text, loc):
            return True
        if self._inner.match(text, loc):  # a later word of a phrase that may start before it
            window = text[max(0, loc - self._reach) : loc]
            begin = 0 if "  " in window or "\t" in window else max(0, loc - self._reach)
            for word in _WORD_START.finditer(text, begin, loc):
                phrase = self._spread.match(text, word.start())
                if phrase and phrase.end() > loc:
                    return True
        run = _RUN.match(text, loc).end()
        word = _RUN_WORD.match(text, loc).end()
        if text.startswith(" ", run) and text[loc:run] in _JOINER_WORDS and not _LOWER.match(text, run + 1):
            return True  # "Bank of America"
        # The last of a name's lower-case words, or the first of two: "Brent crude 62.10".
        if any(self._tail_end.match(text, end) for end in range(word, run + 1)):
            return True
        if text.startswith(" ", run) and (after := _RUN.match(text, run + 1)):
            return any(self._tail_end.match(text, end) for end in range(run + 2, after.end() + 1))
        return False

    def bare(self, name: str) -> str:
        """The name without the particle a sentence glued to it ("코스피는" is "코스피")."""
        return self._particle.sub("", name)

    def period(self, name: str) -> bool:
        """Does the name hold a span of time ("Performance 1 mese", "52 Week High"), or is it one ("Month")?"""
        return self._period.search(name) is not None

    def span(self, text: str) -> bool:
        """Does the text name a span longer than the session ("For the week:", "seit Jahresbeginn")?"""
        return self._span.search(text) is not None

    def instrument(self, name: str) -> bool:
        """Does the name hold a word of a market instrument's ("Index", "dollar", "ذهب")?"""
        return self._instrument.search(name) is not None

    def generic(self, name: str) -> bool:
        """Is the name nothing but words that name no instrument alone ("Index", "Index futures"):
        a row's name cut from the words that tell which?"""
        return self._generic.search(name) is not None and not self._generic.sub("", name).strip(" .-:")

    def tokenize(self, text: str) -> list[Entry | Junk]:
        """Entries and junk of a block of repaired text, in order."""
        return list(self.strip.parse_string(text, parse_all=True))


def _currency_codes(layouts: Layouts) -> list[str]:
    return [w for w in layouts.units["currency"] if w.isupper() and w.isalpha()]


def _name_expr(layouts: Layouts, names: tuple[str, ...]) -> tuple[pp.ParserElement, str]:
    """A name: words that are no vocabulary, with counts, connectors and a symbol in parentheses;
    and the pattern of what may follow the lower-case words that end a name.
    ``names``: words a name may start with in lower case (the registry's: "ibex", "btc")."""
    vocab = [w for role, words in layouts.labels.items() if role != "name" for w in words]
    vocab += [w for words in layouts.directions.values() for w in words]
    # No name word starts a vocabulary phrase (units only follow numbers, so names may hold
    # them: "Bitcoin USD"); fillers count only in lower case ("Or" is French for gold).
    spaced = [w for w in vocab if w[0].isalpha() and not _CJK.search(w)]
    cjk = [w for w in [*vocab, *layouts.words["filler"]] if _CJK.search(w)]
    fillers = [w for w in layouts.words["filler"] if w[0].isalpha() and not _CJK.search(w)]
    not_vocab = rf"(?!(?:(?i:{alternation(spaced, fold=True)})|{alternation(fillers)})(?![^\W\d]|[/&-]))" + (
        rf"(?!{alternation(cjk)})" if cjk else ""
    )
    # A currency before a price is not a name word: R$, US$, N1,535, CHF 108.42.
    code_alts = "".join("|" + re.escape(c) for c in _currency_codes(layouts))
    codes = "|".join(re.escape(c) for c in _currency_codes(layouts)) or "(?!)"
    not_price = rf"(?!(?:US|R|C|A|HK|NZ|S)\$|(?:R|Rs|RM{code_alts})\.?[ ]?\d|N(?:\d{{1,3}},\d{{3}}|\d+\.\d))"
    # Chinese and Japanese write a name and the word after it without a space
    # ("上证指数收报2,736.02"): a name word stops where such a phrase begins.
    cjk_stop = rf"(?!{alternation(cjk)})" if cjk else ""
    word_end = rf"(?:(?!{_LETTER})|(?={alternation(cjk)}))" if cjk else rf"(?!{_LETTER})"
    not_id = r"(?![A-Z]{2}[A-Z0-9]{9}\d(?!\w)|n/a\b|N/A\b)"  # a security id, an empty cell's n/a: no name
    word = not_vocab + not_price + not_id + _WORD.replace("{letter}", cjk_stop + _LETTER) + word_end
    # Inside a name: words, "of"/"de"-like connectors between words (Bank of America,
    # Euro in Dollar), short counts before a word (FTSE 100 Index, Russell 2K).
    joiner = rf"(?:{_JOINERS}|&)"
    follows = rf"(?:(?![a-z](?![A-Z])){word}|{joiner}[ ](?![a-z](?![A-Z])){word})"
    verbs = [w for words in layouts.directions.values() for w in words] + list(layouts.words["filler"])
    # Currency pairs written with symbols are names too: £/$, €/$;
    # and currency codes apart from their slash: "USD / INR".
    pair = r"(?:[£$€¥₹₦]|R)[/][£$€¥₹₦](?![\d])|[A-Z]{3}[ ]/[ ][A-Z]{3}(?![^\W\d_])"
    # A count is no day of a date: "SET 27 ม.ค. 2558", "Dow 13 Jan 2021".
    months = layouts.words["months"]
    count = rf"\d{{1,3}}(?![ .]*(?i:{alternation(months, fold=True)})(?![^\W\d_]))" if months else r"\d{1,3}"
    # A dash may set a name off from its level: "Dow - 24,657.80, down 42.41 points", "S&P 500 - 2,767.32".
    dash = r"[ ]+[-–—](?=[ ]+[$€£¥]?\d)"
    # A name starts with a capital, or with a word the registry knows in any case, right before
    # its number: "ibex 9.123,4", "mai | 639.94".
    known = rf"|(?=(?i:{alternation(names, fold=True)})[ \t|]+[-+▲▼(]?\d)" if names else ""
    starts = rf"(?:(?![a-z](?![A-Z])){known})"
    # What may follow a name's last words in lower case: its cell's end, its numbers, a verb.
    tail_end = (
        rf"\t|[ ]{{2}}|[ ]?\n|[ ]?[:|]|[ ][-+(▲▼$€£¥]?[ ]?\d|[ ](?:US\$?|(?:{codes})[ ])\d"
        rf"|[ ](?i:{phrases(verbs, fold=True)})"
    )
    name_re = (
        rf"(?<![\w&])(?:{pair}|{starts}{word}(?:{count}(?=[ ](?![a-z](?![A-Z])){word}))?)"
        rf"(?:\(\w{{2,8}}\))?"
        rf"(?:[ ](?:{follows}|\d{{1,3}}[A-Za-z]{{1,2}}(?!\w)|\#\d{{1,3}}(?=[ ]{follows})|{count}(?=[ ]{follows}|{dash}))){{0,7}}"
        # Lower-case words end a name only right before its numbers or its cell's end:
        # "Brent crude 62.10", "Iron ore<TAB>US$112.50", "Dólar comercial" on its own line.
        # A count may come first: "ASX 200 futures: -0.1%"; a direction word or a filler may follow:
        # "Dow industrial average is up 263 points".
        rf"(?:(?:[ ]\d{{1,3}})?(?:[ ]{word}){{1,2}}(?<![A-Z])(?={tail_end}))?"
        # A note in parentheses ends a name: "(DJI)", "(interbank)", "(24K, per tola)", never "(+0.42%)".
        rf"(?:[ ]?\((?=[^()\n]*[^\W\d_])(?![-+\d.,])[^()%\n]{{1,24}}\)|[ ]?\((?=\d{{1,2}}[A-Za-z])[^()%\n]{{1,24}}\))?"
        r"(?:[ ][.^][A-Z0-9]{2,12}(?![\w.]))?"  # and a Yahoo or Reuters symbol after it: "(USD) ^15U"
    )
    # An article before a name is not part of it: "The Hang Seng Index", "Le CAC 40", "L’Euro Stoxx 50".
    article = r"(?P<article>(?:The|Le|La|Les|Der|Die|Das|El|Il|Lo|Os|As)[ ](?=[A-Z0-9&^])|L['’](?=[A-Z]))?"
    # Verb-first languages put the direction before the name ("وتراجع مؤشر سوق أبوظبي …"), and
    # a label may introduce it ("Index: WIG20 | Kurs: …"). Atomic: once there, never given back.
    directions = [w for words in layouts.directions.values() for w in words]
    before = rf"(?>(?P<before>(?i:{phrases(directions, fold=True)}))\s+(?=\S))?"
    label = rf"(?>(?i:{phrases(layouts.labels['name'], fold=True)})\s*[:=]?\s*)?" if layouts.labels["name"] else ""
    name = pp.Regex(before + label + article + rf"(?P<name>{name_re})(?:{dash})?", as_match=True).set_name("name")

    def found(s: str, loc: int, t: pp.ParseResults) -> list:
        m = t[0]
        said = m["before"]
        way = [Word(m.start("before"), m.end("before"), "direction", _way(layouts, said))] if said else []
        return [*way, (m["name"], m.start("name"), m.end("name"))]

    name.set_parse_action(found)
    return name, tail_end


def _number_expr(layouts: Layouts):
    """A number as written: signs, arrows, parentheses, currency, digits, percent."""
    # A "%" that starts a label ("+114.75 % change +0.42%") is not the number's.
    pct_labels = [w[1:].strip() for w in layouts.labels["pct_change"] if w.startswith("%") and w[1:].strip()]
    not_label = r"(?!\s?(?i:" + "|".join(map(re.escape, pct_labels)) + r"))" if pct_labels else ""
    # Currency codes of the vocabulary also stand before a price: "CHF 108.42".
    codes = _currency_codes(layouts)
    code_alts = "|".join(sorted(map(re.escape, codes), key=len, reverse=True))
    pattern = _NUMBER_TEMPLATE.replace("{not_label}", not_label)
    pattern = re.compile(pattern.replace("{codes}", rf"|(?:{code_alts})(?=[ ]?\d)" if codes else ""))
    return lambda s, loc: (m := pattern.match(s, loc)) and _make_num(m)


class Items(pp.Token):
    """``item+``: at each place the first kind of item that matches (a number, a vocabulary
    word, punctuation), whitespace between. One pyparsing step for what ``OneOrMore`` of a
    ``MatchFirst`` does in four per item: most of a strip is items."""

    def __init__(self, kinds: list):
        super().__init__()
        self.kinds = kinds  # each (text, loc) -> the item there, or None
        self.errmsg = "Expected a number, a vocabulary word or punctuation"
        self.mayReturnEmpty = False
        self.set_name("items")

    def item(self, text: str, loc: int):
        for kind in self.kinds:
            if found := kind(text, loc):
                return found
        return None

    def parseImpl(self, instring: str, loc: int, do_actions: bool = True):
        item = self.item(instring, loc)
        if item is None:
            raise pp.ParseException(instring, loc, self.errmsg, self)
        items = [item]
        while True:
            after = item.end
            item = self.item(instring, self.preParse(instring, after))  # pyparsing's whitespace skip
            if item is None:
                return after, items
            items.append(item)


class _Vocabulary:
    """Labels, units, direction and filler words: the longest phrase at a place, whatever
    its kind, as a :class:`Word`; one trie pattern per kind and meaning.

    The longest match wins, so "fecha em alta de" (up) beats "fecha em" (at); on a
    tie units come first ("0.42 pct" is a unit, "pct: 0.42" a label).
    """

    def __init__(self, layouts: Layouts, field_labels: dict):
        tables = {"unit": layouts.units, "label": field_labels, "direction": layouts.directions}
        tables["filler"] = {"filler": layouts.words["filler"]}
        patterns = [
            (
                re.compile(_vocabulary_pattern(words, kind, meaning)),
                kind,
                meaning,
                {w[0] for w in words} | ({"("} if kind == "unit" else set()),
            )
            for kind, table in tables.items()
            for meaning, words in table.items()
            if words
        ]
        # An arrow standing alone ("82,391.72 ▼ Chg -178.19") says the direction too.
        for way, arrows in ((1, "▲△↑⬆▴⇧"), (-1, "▼▽↓⬇▾⇩")):
            patterns.append((re.compile(rf"[{arrows}](?!\s?[-+(%$€£¥\d])"), "direction", way, set(arrows)))
        # The patterns a phrase starting with each character may match, in order.
        self.by_first: dict[str, list] = {}
        for pattern, kind, meaning, firsts in patterns:
            for c in {f for first in firsts for f in (first.lower(), first.upper())}:
                self.by_first.setdefault(c, []).append((pattern, kind, meaning))

    def __call__(self, text: str, loc: int) -> Word | None:
        if loc >= len(text) or text[loc] not in self.by_first:
            return None
        best = None
        for pattern, kind, meaning in self.by_first[text[loc]]:
            m = pattern.match(text, loc)
            if m and m.end() > loc and (best is None or m.end() > best[0].end()):
                best = (m, kind, meaning)
        if best is None:
            return None
        m, kind, meaning = best
        return Word(m.start(), m.end(), kind, meaning)


def _vocabulary_pattern(words: list[str], kind: str, meaning) -> str:
    """The regex of the vocabulary phrases of one kind and meaning."""
    if kind == "unit":
        # Right after its number ("108.779pts", "/oz", "円"); after a line break only if no
        # price follows ("BP 458.35p" is a name), and a currency code never.
        wrapped = "" if meaning == "currency" else r"|(?<=[\d%)]\n)(?![^\s\d]+[ ]?\d)"
        words = alternation(words, fold=True)
        # A unit in parentheses stays a unit: "4970.809 (AED)", "1,234 (pts)".
        return rf"(?:(?<=[\d%)])|(?<=[\d%)][ \t]){wrapped})(?:(?i:{words})|\((?i:{words})\))(?![\w/&])"
    if kind == "filler":  # as written or in capitals: "Or" is French for gold
        return phrases([*words, *(w.upper() for w in words)])
    # A label's colon, and the quotes of a JSON key ("last":"); nothing else, or a label
    # would outgrow a unit of the same word ("0.01 percent" then a line break).
    tail = r"""(?:["']?[ \t]*[:=][ \t]*["']?)?""" if kind == "label" else ""
    return "(?i:" + phrases(words, fold=True) + ")" + tail


def _make_num(m: re.Match) -> Num:
    sign = (m["sign"] or m["sign2"] or m["sign3"] or m["sign_after"] or "").strip()
    return Num(
        start=m.start(),
        end=m.end(),
        body=m["body"],
        sign=_SIGNS.get(sign, 0),
        arrow=ARROWS.get(m["arrow"] or "", 0),
        paren=bool(m["open"] and m["close"]),
        percent=bool(m["percent"] or m["pre"]),
        currency=(m["currency"] or "").strip(),  # a leading sign only: it starts a new number
        scale={"K": 3, "M": 6, "B": 9}.get(m["scale"] or "", 0),
    )


def _way(layouts: Layouts, phrase: str) -> int:
    """The sign a direction phrase gives."""
    folded = " ".join(phrase.casefold().split())
    return next((way for way, words in layouts.directions.items() if folded in {w.casefold() for w in words}), 0)


def _make_entry(s: str, loc: int, t: pp.ParseResults) -> Entry:
    leading = [x for x in t if isinstance(x, Word)][:1] if isinstance(t[0], Word) else []
    name, _, name_end = t[len(leading)]
    items = tuple(leading) + tuple(t[len(leading) + 1 :])
    if not any(isinstance(i, Num) for i in items):
        raise pp.ParseException(s, loc, "an entry needs a number")
    last_num = max(i.end for i in items if isinstance(i, Num))
    spill: tuple = ()
    while not isinstance(items[-1], Num) and (
        items[-1].kind not in ("unit", "direction", "blank") or "\n" in s[last_num : items[-1].start]
    ):
        # A trailing label or mark belongs to what follows ("… 1,29 %)" / "Cours différés …");
        # units and direction words on the same line stay: Hindi and Turkish put the direction last,
        # and a table row's empty cells are its own.
        # A direction word on the next line is the next entry's ("… نقطة. / وتراجع مؤشر …").
        if items[-1].kind == "direction":
            spill = (items[-1], *spill)
        items = items[:-1]
    return Entry(name, loc, name_end, items[-1].end, items, spill)  # from a label before the name, if any


@lru_cache(maxsize=16)
def grammar_for(layouts: Layouts, names: tuple[str, ...] = ()) -> Grammar:
    """The compiled grammar of a set of layouts (built once per process); ``names`` as :class:`Grammar`'s."""
    return Grammar(layouts, names)
