"""A page's own time: its metadata, else a dateline among its first lines."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tickers.reading.dates import page_time

NOW = datetime(2026, 12, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("MarketWire Daily  |  Markets  |  Monday, November 4, 2019 5:12 PM ET", "2019-11-04T22:12"),  # EST
        ("Wall Street Post — Tuesday, July 2, 2019 — 4:35 p.m. ET", "2019-07-02T20:35"),  # EDT, summer time
        ("Börsen-Kurier · Freitag, 8. November 2019, 17:45 Uhr", "2019-11-08T16:45"),
        ("LE FIL FINANCIER — Mercredi 6 novembre 2019, 16 h 45", "2019-11-06T16:45"),
        ("EKONOMİ GÜNDEM   Piyasalar   11 Kasım 2019 Pazartesi 18:10", "2019-11-11T18:10"),
        ("اقتصاد آنلاین  |  دوشنبه ۱۳ آبان ۱۳۹۸ - ۱۵:۴۰", "2019-11-04T15:40"),  # Persian solar calendar
        ("الأحد ١٠ نوفمبر ٢٠١٩ - ١٥:٢٠", "2019-11-10T15:20"),
        ("ASIA MARKETS WRAP  //  Wednesday, 6 November 2019, 18:00 SGT", "2019-11-06T10:00"),
        ("Last Updated: Nov 06, 2019, 04:12 PM IST", "2019-11-06T10:42"),
        ("東京市場 2019年11月5日 15:00 JST", "2019-11-05T06:00"),
        ("Posted 2019-11-05T08:20:00+03:30", "2019-11-05T04:50"),
        ("Markets | 25/11/2019", "2019-11-25T00:00"),  # day first: 25 is no month
        ("Markets | 04/11/2019 18h22", None),  # April 11 or 4 November: not taken
        ("Dow 27,462.11 +0.42%", None),
        ("Weather | 14 Brumaire 2019", None),  # no month of any language
        ("Next review: 1 March 2031", None),  # after now
    ],
)
def test_datelines(text, when):
    found = page_time(text + "\nDow 27,462.11 +114.75 +0.42%", now=NOW)
    assert (found.strftime("%Y-%m-%dT%H:%M") if found else None) == when


def test_only_the_top_of_a_page_is_read():
    history = "\n".join(["Dow 27,462.11 +114.75 +0.42%"] * 30 + ["On October 19, 1987 the Dow fell 22.6%."])
    assert page_time(history, now=NOW) is None


def test_html_metadata_comes_before_the_text():
    html = (
        '<html><head><meta property="article:published_time" content="2019-11-04T09:00:00Z">'
        '<meta property="article:modified_time" content="2019-11-05T16:35:00-05:00"></head>'
        "<body><p>Monday, November 4, 2019</p></body></html>"
    )
    assert page_time("Monday, November 4, 2019", html, now=NOW) == datetime(2019, 11, 5, 21, 35, tzinfo=UTC)
    ld = '<script type="application/ld+json">{"datePublished": "2019-11-04", "dateModified": "2019-11-06T10:00:00Z"}</script>'
    assert page_time("", ld, now=NOW) == datetime(2019, 11, 6, 10, 0, tzinfo=UTC)
