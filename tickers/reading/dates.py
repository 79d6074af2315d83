"""When a page says it was written: its metadata, else its dateline.

A page that comes without a time (a saved ``.txt`` or ``.html`` file, a WARC record) says
its own time, usually at its top: in HTML metadata (``article:modified_time``, a
``<time datetime>``, JSON-LD ``dateModified``), or in a dateline in its language
("Monday, November 4, 2019 5:12 PM ET", "Freitag, 8. November 2019, 17:45 Uhr",
"دوشنبه ۱۳ آبان ۱۳۹۸ - ۱۵:۴۰", "2019年11月5日"). Only the top of the text is read, so a
date inside an article about history is not taken; a date is taken only where it is
whole (day, month and year) and unambiguous, with its time and time zone where they
follow it. Month names are data (``tickers/data/months.toml``); a time without a zone
is taken as UTC.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from selectolax.lexbor import LexborHTMLParser

from tickers.repair import ascii_digits

TOP_LINES = 25  # a dateline stands among the first lines of a page
TOP_CHARS = 8000  # and within its first characters: a page of one long line is not read whole
_META = (  # most telling first: the page's last update is nearest its quotes
    'meta[property="article:modified_time"]',
    'meta[property="og:updated_time"]',
    'meta[name="dcterms.modified"]',
    'meta[property="article:published_time"]',
    'meta[name="date"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="dc.date"]',
    'meta[name="DC.date.issued"]',
    'meta[itemprop="dateModified"]',
    'meta[itemprop="datePublished"]',
)
_JSON_LD = re.compile(r'"(dateModified|datePublished)"\s*:\s*"([^"]{10,40})"')
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?(?!\d)")
_CJK = re.compile(r"(?<!\d)(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
_NUMERIC = re.compile(r"(?<![\d./])(\d{1,2})[./](\d{1,2})[./](\d{4})(?![\d./])")
_TIME = re.compile(  # a time soon after a date on its line: "5:12 PM ET", "17:45 Uhr", "16 h 45", "18:00 SGT"
    r"[^\d\n]{0,12}?(?<!\d)(\d{1,2})(?:[:.]|[ ]?h[ ]?)(\d{2})(?::\d{2})?(?!\d)"
    r"[ \t]*(?:([ap])\.?[ ]?m\.?)?[ \t]*(uhr\b)?[ \t]*\(?([A-Za-z]{2,4}\b)?\)?",
    re.IGNORECASE,
)
# Zones a dateline names, as places (so that summer time is right) or as fixed offsets.
ZONES = {
    "ET": "America/New_York", "EST": "America/New_York", "EDT": "America/New_York",
    "CT": "America/Chicago", "CST": "America/Chicago", "CDT": "America/Chicago",
    "PT": "America/Los_Angeles", "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "GMT": "UTC", "UTC": "UTC", "BST": "Europe/London", "WET": "Europe/Lisbon",
    "CET": "Europe/Paris", "CEST": "Europe/Paris", "MEZ": "Europe/Berlin", "MESZ": "Europe/Berlin",
    "EET": "Europe/Athens", "EEST": "Europe/Athens", "MSK": "Europe/Moscow", "TRT": "Europe/Istanbul",
    "IST": "Asia/Kolkata", "PKT": "Asia/Karachi", "GST": "Asia/Dubai", "AST": "Asia/Riyadh",
    "IRST": "Asia/Tehran", "HKT": "Asia/Hong_Kong", "SGT": "Asia/Singapore", "CST8": "Asia/Shanghai",
    "JST": "Asia/Tokyo", "KST": "Asia/Seoul", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
    "NZST": "Pacific/Auckland", "NZDT": "Pacific/Auckland", "WAT": "Africa/Lagos", "EAT": "Africa/Nairobi",
    "SAST": "Africa/Johannesburg",
}  # fmt: skip


def page_time(text: str, html: str | None = None, now: datetime | None = None) -> datetime | None:
    """The time the page gives itself (UTC), or None: HTML metadata first, then a dateline
    among the first lines of its text. A time after ``now`` (or before 1990) is no page's.

    >>> page_time("The Evening Bell\\nMonday, November 4, 2019 5:12 PM ET\\nDow 27,462.11").isoformat()
    '2019-11-04T22:12:00+00:00'
    """
    now = now or datetime.now(UTC)
    for found in (_from_html(html) if html else None, _from_text(text)):
        if found is not None and datetime(1990, 1, 1, tzinfo=UTC) <= found <= now + timedelta(days=1):
            return found
    return None


def _from_html(html: str) -> datetime | None:
    head = html[:200_000]
    tree = LexborHTMLParser(head)
    candidates = [node.attributes.get("content") for query in _META for node in tree.css(query)]
    candidates += [node.attributes.get("datetime") for node in tree.css("time[datetime]")[:1]]
    candidates += [m.group(2) for m in sorted(_JSON_LD.finditer(head), key=lambda m: m.group(1) != "dateModified")]
    for value in candidates:
        if value and (m := _ISO.search(value)):
            return _iso(m)
    return None


def _from_text(text: str) -> datetime | None:
    top = "\n".join(text[:TOP_CHARS].splitlines()[:TOP_LINES])
    top = ascii_digits(top)
    found = []
    for m in _ISO.finditer(top):
        found.append((m.start(), _iso(m)))
    for m in _CJK.finditer(top):
        found.append((m.start(), _local(top, m.end(), _day(int(m[1]), int(m[2]), int(m[3])))))
    for m in _NUMERIC.finditer(top):
        a, b = int(m[1]), int(m[2])
        day, month = (a, b) if a > 12 >= b else (b, a) if b > 12 >= a else (a, b) if a == b else (0, 0)
        found.append((m.start(), _local(top, m.end(), _day(int(m[3]), month, day))))
    for pattern, calendar in _month_patterns():
        for m in pattern.finditer(top):
            when = _day(int(m["y"]), _month_number(m["m"].lower(), calendar), int(m["d"]), calendar)
            found.append((m.start(), _local(top, m.end(), when)))
    found = [(at, when) for at, when in found if when is not None]
    return min(found)[1] if found else None


def _iso(m: re.Match) -> datetime | None:
    try:
        when = datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0))
    except ValueError:
        return None
    if m[7] and m[7] != "Z":
        sign = 1 if m[7][0] == "+" else -1
        digits = m[7][1:].replace(":", "")
        return (when - sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))).replace(tzinfo=UTC)
    return when.replace(tzinfo=UTC)


def _day(year: int, month: int, day: int, calendar: str = "gregorian") -> date | None:
    try:
        return _from_jalali(year, month, day) if calendar == "jalali" else date(year, month, day)
    except ValueError:
        return None


def _local(text: str, end: int, day: date | None) -> datetime | None:
    """The day, at the time (and in the zone) that follows it in the text, if any; UTC."""
    if day is None:
        return None
    m = _TIME.match(text, end)
    if m is None:
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    hour, minute = int(m[1]), int(m[2])
    if m[3]:
        hour = hour % 12 + (12 if m[3].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return datetime(day.year, day.month, day.day, tzinfo=UTC)
    zone = ZoneInfo(ZONES.get((m[5] or "").upper(), "Europe/Berlin" if m[4] else "UTC"))  # "17:45 Uhr": German time
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(UTC)


@lru_cache(maxsize=1)
def _languages() -> dict:
    return tomllib.loads((Path(__file__).parent.parent / "data" / "months.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _month_patterns() -> list[tuple[re.Pattern, str]]:
    """Per calendar, day-month-year and month-day-year patterns over every language's names."""
    by_calendar: dict[str, list[str]] = {}
    for language in _languages().values():
        names = [n for month in language["months"] for n in month.split("|")]
        by_calendar.setdefault(language.get("calendar", "gregorian"), []).extend(names)
    patterns = []
    for calendar, names in by_calendar.items():
        month = "(?P<m>" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) + r")(?![^\W\d_])"
        dmy = rf"(?<!\d)(?P<d>\d{{1,2}})(?:\.|º|er|th|st|nd|rd)?\s+(?:de\s+)?{month}\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})(?!\d)"
        mdy = rf"(?<![^\W\d_]){month}\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)"
        patterns += [(re.compile(dmy, re.IGNORECASE), calendar), (re.compile(mdy, re.IGNORECASE), calendar)]
    return patterns


def _month_number(name: str, calendar: str) -> int:
    for language in _languages().values():
        if language.get("calendar", "gregorian") != calendar:
            continue
        for number, month in enumerate(language["months"], 1):
            if name in month.split("|"):
                return number
    return 0


def _from_jalali(year: int, month: int, day: int) -> date:
    """A day of the Persian solar calendar as a Gregorian date: counted from 1 Farvardin 1398
    (21 March 2019), with the leap years of the 33-year arithmetic cycle."""
    leap = year % 33 in _JALALI_LEAPS
    if not (1300 <= year <= 1500 and 1 <= month <= 12 and 1 <= day <= (31 if month <= 6 else 30 if month < 12 or leap else 29)):
        raise ValueError("no such day")
    years = sum(366 if y % 33 in _JALALI_LEAPS else 365 for y in range(min(year, 1398), max(year, 1398)))
    offset = (month - 1) * 31 - max(0, month - 7) + day - 1
    return date(2019, 3, 21) + timedelta(days=(years if year >= 1398 else -years) + offset)


_JALALI_LEAPS = {1, 5, 9, 13, 17, 22, 26, 30}
