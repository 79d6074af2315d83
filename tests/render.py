"""Ticker strips written as pages write them, and damaged as scraping damages them.

Shared by the property tests and the benchmark's corpus generator.
"""

from __future__ import annotations

from decimal import Decimal

# Names as strips write them, their canonical index, and a typical level (levels vary ±40 % around it).
INDICES = [
    ("Dow Jones", "Dow Jones Industrial Average", 27000),
    ("S&P 500", "S&P 500", 3000),
    ("Nasdaq", "Nasdaq Composite", 8400),
    ("FTSE 100", "FTSE 100", 7300),
    ("DAX", "DAX", 13000),
    ("CAC 40", "CAC 40", 5800),
    ("Nikkei 225", "Nikkei 225", 23000),
    ("Hang Seng", "Hang Seng", 27000),
    ("KOSPI", "KOSPI", 2100),
    ("Sensex", "BSE Sensex", 40000),
    ("TEDPIX", "TEDPIX", 320000),
    ("Tadawul", "Tadawul All Share", 7900),
    ("EGX 30", "EGX 30", 14000),
    ("Gold", "Gold", 1480),
    ("Brent Crude", "Brent Crude", 62),
]
NBSP = "\u00a0"


def fmt(x: Decimal, style: str, signed: bool = False) -> str:
    """A number as a page writes it: ``us`` 1,234.56; ``eu`` 1.234,56; ``space`` 1 234.56; ``nbsp``; ``plain``."""
    sign = ("+" if x > 0 else "-" if x < 0 else "") if signed else ("-" if x < 0 else "")
    whole, frac = f"{abs(x):.2f}".split(".")
    groups = f"{int(whole):,}"
    body = {
        "us": f"{groups}.{frac}",
        "eu": f"{groups.replace(',', '.')},{frac}",
        "space": f"{groups.replace(',', ' ')}.{frac}",
        "nbsp": groups.replace(",", NBSP) + "," + frac,
        "plain": f"{whole}.{frac}",
    }[style]
    return sign + body


def arrow(x: Decimal) -> str:
    return "▲" if x > 0 else "▼"


# Layouts: how one record is written, and what joins records into a strip.
LAYOUTS = {
    "pipe": (lambda r, s: f"{r[0]} {fmt(r[2], s)} {fmt(r[3], s, True)} {fmt(r[4], s, True)}%", " | "),
    "bullets": (lambda r, s: f"• {r[0]} {fmt(r[2], s)} {fmt(r[3], s, True)} {fmt(r[4], s, True)}%", "\n"),
    "arrows": (lambda r, s: f"{r[0]} {fmt(r[2], s)} {arrow(r[3])}{fmt(abs(r[3]), s)} {arrow(r[3])}{fmt(abs(r[4]), s)}%", "   "),
    "tabs": (lambda r, s: f"{r[0]}\t{fmt(r[2], s)}\t{fmt(r[3], s, True)}\t{fmt(r[4], s, True)} %", "\n"),
    "stacked": (lambda r, s: f"{r[0]}\n{fmt(r[2], s)}\n{fmt(r[3], s, True)}\n{fmt(r[4], s, True)}%", "\n"),
    "parens": (lambda r, s: f"{r[0]}: {fmt(r[2], s)} {fmt(r[3], s, True)} ({fmt(r[4], s, True)}%)", " · "),
    "verbose": (
        lambda r, s: (
            f"{r[0]} {'Increased' if r[3] > 0 else 'Decreased'} By {fmt(abs(r[3]), s)} Points "
            f"({fmt(abs(r[4]), s)}%) To {fmt(r[2], s)}"
        ),
        "\n",
    ),
    "labeled": (lambda r, s: f"{r[0]} Last {fmt(r[2], s)} Chg {fmt(r[3], s, True)} %Chg {fmt(r[4], s, True)}%", " ; "),
    "screen_reader": (
        lambda r, s: (
            f"{r[0]}, {fmt(r[2], s)}, {'up' if r[3] > 0 else 'down'} {fmt(abs(r[3]), s)} points, or {fmt(abs(r[4]), s)} percent"
        ),
        "\n",
    ),
    "run_together": (lambda r, s: f"{r[0]}{fmt(r[2], s)}{fmt(r[3], s, True)}{fmt(r[4], s, True)}%", ""),
}
NUMBER_STYLES = ["us", "eu", "space", "nbsp"]
GLUEABLE = {"pipe", "bullets", "arrows"}  # layouts where the level follows the name


def damage(text: str, kind: str) -> str:
    if kind == "mojibake":  # UTF-8 read as cp1252
        return text.encode("utf-8").decode("cp1252", errors="ignore") if text.isascii() is False else text
    if kind == "entities":
        return text.replace("&", "&amp;").replace("▲", "&#9650;").replace("▼", "&#9660;")
    if kind == "unicode_minus":
        return text.replace("-", "\u2212")
    if kind == "zero_width":
        return text.replace(" ", " \u200b")
    if kind == "persian_digits":
        return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    if kind == "wrapped":  # the strip's one line broken in the middle, at a space
        middle = text.find(" ", len(text) // 2)
        return text if middle < 0 else text[:middle] + "\n" + text[middle + 1 :]
    return text


DAMAGES = ["none", "mojibake", "entities", "unicode_minus", "zero_width", "persian_digits", "wrapped"]


def strip(recs, layout: str, style: str, harm: str, duplicate=False, glue=False, lost=False) -> str:
    """Records ``(name, index, value, change, pct)`` as one damaged strip."""
    render, joiner = LAYOUTS[layout]
    if harm == "persian_digits" and style in ("eu", "nbsp"):
        style = "us"  # Persian pages use the point (٫) convention
    if layout == "run_together" and style in ("space", "nbsp"):
        style = "us"  # a space would separate what this layout runs together
    text = joiner.join(render(r, style) for r in recs)
    if lost and layout in GLUEABLE:  # the first level lost its decimal point and separators
        written = fmt(recs[0][2], style)
        text = text.replace(written, "".join(c for c in written if c.isdigit()), 1)
    if glue and layout in GLUEABLE:  # names glued to their first digits
        text = text.replace(f"{recs[0][0]} ", recs[0][0], 1)
    if duplicate:  # a scroll loop repeats the strip
        text = text + joiner + text
    return damage(text, harm)
