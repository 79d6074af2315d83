"""A news-like corpus for the benchmarks: articles of prose, a few percent of their lines ticker strips.

Strips are drawn from every layout, number style and damage the property tests
use (``tests/render.py``); prose is market and general news with the numbers
news carries (percentages, amounts, dates, years), so the pre-filter meets both.
Deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from render import DAMAGES, INDICES, LAYOUTS, NUMBER_STYLES, strip

CENT = Decimal("0.01")
SUBJECTS = [
    "The central bank",
    "Shares of the carmaker",
    "The ministry of finance",
    "Oil producers",
    "The city council",
    "Retail sales",
    "The company",
    "Analysts at the bank",
    "Exporters",
    "The opposition party",
    "Hospital staff",
    "Farmers in the north",
    "The airline",
    "Consumer prices",
    "The football club",
    "Mobile operators",
]
VERBS = [
    "rose",
    "fell",
    "said",
    "reported",
    "expected",
    "warned",
    "announced",
    "forecast",
    "cut",
    "raised",
    "held",
    "estimated",
    "denied",
    "confirmed",
]
TAILS = [
    "on {day} after a week of talks",
    "by {pct}% in the third quarter, the highest since {year}",
    "that revenue grew to ${amount} billion from ${amount2} billion a year earlier",
    "{n} new jobs, according to figures released on {day}",
    "a {pct}% rise in costs as the harvest came in late",
    "that talks would resume in {month} {year}",
    "the plan, which would cost about {amount} million dollars over {n} years",
    "in a statement, adding that demand had slowed since {month}",
    "after {n} of its {n2} branches closed during the strike",
    "that inflation would ease to {pct} percent by the end of {year}",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "3 November", "21 October", "12 December"]


def sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS).format(
        day=rng.choice(DAYS),
        pct=f"{rng.uniform(0.1, 12):.1f}",
        year=rng.randint(1990, 2019),
        amount=f"{rng.uniform(1, 90):.1f}",
        amount2=f"{rng.uniform(1, 90):.1f}",
        n=rng.randint(2, 900),
        n2=rng.randint(900, 2000),
        month=rng.choice(MONTHS),
    )
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {tail}."


# Wire-style market reports, as dense in numbers as real closing wraps: two facts to a sentence.
MARKET = {
    "en": [
        "Brent crude {up} {pct}% to ${price} a barrel, while gold {down} {pct2}% to ${price2:,} an ounce.",
        "The {index} {up} {points} points, or {pct}%, to {level:,}, and the {index2} {down} {pct2}% to {level2:,}.",
        "The dollar {up} {pct}% to {fx} yen, and the euro {down} {pct2}% to ${fx2}.",
        "Ten-year Treasury yields {up} {bp} basis points to {yield_}%, the highest since {month}.",
        "Shares of {company} {up} {pct}% to ${price} after quarterly profit of ${amount} billion beat estimates.",
    ],
    "de": [
        "Der {index} {up_de} um {pct_de} Prozent auf {level_de} Punkte, der Euro kostete {fx2_de} Dollar.",
        "Brent verteuerte sich um {pct_de} Prozent auf {price_de} Dollar je Barrel, Gold um {pct2_de} Prozent.",
    ],
    "fr": [
        "Le {index} a {up_fr} de {pct_fr} % à {level_fr} points, tandis que l'euro cédait {pct2_fr} % à {fx2_fr} dollar.",
        "Le baril de Brent prenait {pct_fr} % à {price_fr} dollars et l'once d'or {pct2_fr} % à {price2_fr} dollars.",
    ],
    "es": [
        "El {index} {up_es} un {pct_es} % hasta los {level_es} puntos, y el euro se cambiaba a {fx2_es} dólares.",
        "El barril de Brent subía un {pct_es} % hasta {price_es} dólares, y el oro un {pct2_es} %.",
    ],
}
MARKET_INDICES = [
    "Dow Jones Industrial Average",
    "S&P 500",
    "Nasdaq Composite",
    "FTSE 100",
    "DAX",
    "CAC 40",
    "Nikkei 225",
    "IBEX 35",
]
COMPANIES = ["Acme Motors", "Northwind Bank", "Contoso Mining", "Globex Retail", "Initech Software", "Umbrella Pharma"]


def _comma(x: float, places: int = 2) -> str:
    """A number as the continental press writes it: 7.302,40."""
    return f"{x:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def market_sentence(rng: random.Random, language: str) -> str:
    level, level2 = rng.uniform(2000, 40000), rng.uniform(2000, 40000)
    pct, pct2 = rng.uniform(0.05, 3), rng.uniform(0.05, 3)
    price, price2, fx2 = rng.uniform(40, 120), rng.randint(1200, 2600), rng.uniform(1.02, 1.25)
    return rng.choice(MARKET[language]).format(
        index=rng.choice(MARKET_INDICES),
        index2=rng.choice(MARKET_INDICES),
        up=rng.choice(["rose", "gained", "climbed", "added"]),
        down=rng.choice(["fell", "slipped", "lost", "eased"]),
        up_de=rng.choice(["stieg", "fiel", "legte zu"]),
        up_fr=rng.choice(["progressé", "reculé", "gagné"]),
        up_es=rng.choice(["subió", "cayó", "avanzó"]),
        pct=f"{pct:.1f}",
        pct2=f"{pct2:.1f}",
        points=f"{level * pct / 100:.2f}",
        level=round(level, 2),
        level2=round(level2, 2),
        price=f"{price:.2f}",
        price2=price2,
        fx=f"{rng.uniform(100, 160):.2f}",
        fx2=f"{fx2:.4f}",
        bp=rng.randint(1, 15),
        yield_=f"{rng.uniform(0.5, 5):.3f}",
        month=rng.choice(MONTHS),
        company=rng.choice(COMPANIES),
        amount=f"{rng.uniform(1, 30):.1f}",
        pct_de=_comma(pct, 1),
        pct2_de=_comma(pct2, 1),
        level_de=_comma(level),
        fx2_de=_comma(fx2, 4),
        price_de=_comma(price),
        pct_fr=_comma(pct, 2),
        pct2_fr=_comma(pct2, 2),
        level_fr=_comma(level).replace(".", " "),
        fx2_fr=_comma(fx2, 4),
        price_fr=_comma(price),
        price2_fr=f"{price2:,}".replace(",", " "),
        pct_es=_comma(pct, 2),
        pct2_es=_comma(pct2, 2),
        level_es=_comma(level, 1),
        fx2_es=_comma(fx2, 4),
        price_es=_comma(price),
    )


def market_documents(size: int, seed: int = 1) -> Iterator[str]:
    """Closing reports (half in English, the rest in German, French and Spanish) of paragraphs
    of two market sentences each, until ``size`` bytes: fresh text, no repeats."""
    rng = random.Random(seed)
    written = 0
    while written < size:
        language = rng.choice(["en", "en", "en", "de", "fr", "es"])
        paragraphs = [" ".join(market_sentence(rng, language) for _ in range(2)) for _ in range(rng.randint(4, 12))]
        text = "\n".join(paragraphs) + "\n"
        written += len(text.encode("utf-8"))
        yield text


def record(rng: random.Random) -> tuple:
    name, index, level = rng.choice(INDICES)
    value = (Decimal(level) * Decimal(rng.randint(60, 140)) / 100).quantize(CENT)
    pct = Decimal(rng.randint(-400, 400) or 1) / 100
    change = (value - value / (1 + pct / 100)).quantize(CENT, ROUND_HALF_UP) or CENT
    pct = (change / (value - change) * 100).quantize(CENT, ROUND_HALF_UP)
    return name, index, value, change, pct


def ticker_strip(rng: random.Random) -> str:
    recs = list({r[0]: r for r in (record(rng) for _ in range(rng.randint(3, 8)))}.values())  # one entry per index
    return strip(
        recs,
        rng.choice(sorted(LAYOUTS)),
        rng.choice(NUMBER_STYLES),
        rng.choice(DAMAGES),
        duplicate=rng.random() < 0.2,
        glue=rng.random() < 0.2,
    )


def is_prose(line: str) -> bool:
    """A line the generator wrote as prose (a paragraph or a headline), not as a strip."""
    return line.endswith(".") or " as markets wait" in line


def article(rng: random.Random, with_strip: bool) -> str:
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(6, 20))]
    lines = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} as markets wait", *paragraphs]
    if with_strip:
        lines.insert(rng.choice([0, 1, len(lines)]), ticker_strip(rng))
    return "\n".join(lines) + "\n"


def documents(size: int, seed: int = 0, strip_share: float = 0.03) -> Iterator[dict]:
    """Articles as ``{"id", "date", "text"}`` until ``size`` bytes of text; about
    ``strip_share`` of all lines are ticker strips."""
    rng = random.Random(seed)
    written = lines = strip_lines = number = 0
    while written < size:
        with_strip = strip_lines < strip_share * lines
        text = article(rng, with_strip)
        body_lines = text.count("\n")
        if with_strip:
            strip_lines += body_lines - sum(map(is_prose, text.splitlines()))
        lines += body_lines
        day = f"2019-{1 + number % 12:02d}-{1 + number % 28:02d}T{number % 24:02d}:00:00Z"
        yield {"id": f"https://news.example/{number}", "date": day, "text": text}
        written += len(text.encode("utf-8"))
        number += 1


def write(path: Path, size: int, seed: int = 0) -> int:
    """Write a JSON Lines corpus of about ``size`` bytes of text; returns its document count."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for doc in documents(size, seed):
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            count += 1
    return count


def split(docs: list[dict]) -> dict[str, list[str]]:
    """The corpus three ways: as written, prose alone, strips alone (each strip a document)."""
    mixed = [d["text"] for d in docs]
    strips, prose = [], []
    for text in mixed:
        kept, found = [], []
        for line in text.splitlines():
            (kept if is_prose(line) else found).append(line)
        prose.append("\n".join(kept) + "\n")
        if found:
            strips.append("\n".join(found) + "\n")
    return {"mixed": mixed, "prose": prose, "strips": strips}
