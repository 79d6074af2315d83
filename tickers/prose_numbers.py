"""Numbers as report sentences write them, made one token before prose mode reads them.

Scale words ("3万9910円82銭" is 39910.82, "۳۱۸ هزار و ۴۵۲" is 318452, "77 bin 603"),
number words before them ("یک میلیون"), thousands set apart by a space ("8 016,22"),
and the decimal marks of some presses: a Japanese middle dot ("1621・87"), a Kuwaiti
or Egyptian "ر" with the parts swapped ("3ر35" is 35.3). The words are the layouts'
``[prose.scales]`` and ``[prose.numbers]``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tickers.grammar import Num, Word

_JOINERS = ("", "و", "and")  # between the parts of a number in words: "۳۱۸ هزار و ۴۵۲"
_GROUP = re.compile(r"\d{3}(?:[,.]\d+)?$")  # the digits after a thousands space: "016,22"


def written_numbers(tokens: list, text: str, numbers: dict[str, int], scales: dict[str, int]) -> list:
    """The sentence's tokens with each number written in parts made one :class:`Num`."""
    return _join_groups(_combine_scales(_number_words(tokens, text, numbers), text, scales), text)


def _number_words(tokens: list, text: str, numbers: dict[str, int]) -> list:
    """Number words before a scale word are digits: "یک میلیون" is 1 میلیون."""
    out = list(tokens)
    for i, token in enumerate(tokens[:-1]):
        if isinstance(token, Word) and token.kind == "number" and _scale(tokens[i + 1]):
            value = numbers[text[token.start : token.end].casefold()]
            out[i] = Num(token.start, token.end, str(value), 0, 0, False, False, "")
    return out


def _combine_scales(tokens: list, text: str, scales: dict[str, int]) -> list:
    """Numbers written with scale words, made one: "3万9910円82銭" is 39910.82,
    "۳۱۸ هزار و ۴۵۲" is 318452: each number times its scale word's power of ten, and a
    number after the last scale word that is smaller than it."""
    out: list = []
    i = 0
    while i < len(tokens):
        first, total, power, j = tokens[i], Decimal(0), None, i
        while (
            j + 1 < len(tokens)
            and _digits(tokens[j])
            and _scale(tokens[j + 1])
            and (power is None or text[tokens[j - 1].end : tokens[j].start].strip() in ("", "و", "and"))
        ):
            power = scales.get(text[tokens[j + 1].start : tokens[j + 1].end].casefold(), 0)
            total += Decimal(tokens[j].body.replace(",", "")) * Decimal(10) ** power
            j += 2
        if power is None:
            out.append(first)
            i += 1
            continue
        end = tokens[j - 1].end
        rest = tokens[j] if j < len(tokens) else None
        if isinstance(rest, Num) and not rest.percent and power > 0 and text[end : rest.start].strip() in _JOINERS:
            low = Decimal(tokens[j].body.replace(",", ""))
            if low < 10**power:
                total, end, j = total + low, tokens[j].end, j + 1
        out.append(first._replace(end=end, body=format(total.normalize(), "f")))
        i = j
    return out


def _join_groups(tokens: list, text: str) -> list:
    """A number whose thousands a space keeps apart, made one: "8 016,22" (French), "11 597";
    a Japanese decimal written with a middle dot: "1621・87"; a Kuwaiti one with "ر": "3ر35"."""
    out: list = []
    for token in tokens:
        last = out[-1] if out else None
        mark = text[last.end : token.start] if isinstance(token, Num) and isinstance(last, Num) else ""
        if mark in ("ر", "・") and last.body.isdigit() and token.body.isdigit():
            # Japanese papers write the decimal point as a middle dot ("15・80ポイント"); Kuwaiti and
            # Egyptian ones an Arabic decimal mark with the parts swapped ("3ر35" is 35.3).
            whole, fraction = (token.body, last.body) if mark == "ر" else (last.body, token.body)
            out[-1] = token._replace(start=last.start, sign=last.sign, body=f"{whole}.{fraction}")
            continue
        if (
            isinstance(token, Num)
            and isinstance(last, Num)
            and text[last.end : token.start] in (" ", "\u00a0", "\u202f")
            and last.body.isdigit()
            and len(last.body) <= 3
            and not (last.percent or last.currency or token.sign or last.sign)
            and _GROUP.match(token.body)
        ):
            out[-1] = token._replace(start=last.start, sign=last.sign, body=last.body + token.body.replace(" ", ""))
            continue
        out.append(token)
    return out


def _digits(token) -> bool:
    return isinstance(token, Num) and not token.percent and token.body.replace(",", "").isdigit()


def _scale(token) -> bool:
    return isinstance(token, Word) and token.kind == "scale"
