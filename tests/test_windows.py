"""Long texts are read a window at a time: the windows cover the text, count its lines as
``str.splitlines`` does, and lose no record across a cut."""

from __future__ import annotations

import bisect
import itertools
import json
import random
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from render import DAMAGES, INDICES, LAYOUTS, NUMBER_STYLES, strip

import tickers
from tickers.parser import Scan, _scan_windows, _setup
from tickers.windows import WINDOW, windows

BREAKS = ["\n", "\r\n", "\r", "\u2028", "\x85", "\x0c"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(BREAKS), st.text("ab |", min_size=1, max_size=30)), max_size=60).map("".join),
    st.integers(2, 40),
    st.integers(0, 20),
)
def test_windows_cover_the_text_and_count_its_lines(text, size, margin):
    parts = list(windows(text, size, margin))
    assert parts[0].own_start == 0 and parts[-1].own_end == len(text)
    for before, after in itertools.pairwise(parts):
        assert before.own_end == after.own_start  # own parts tile the text
    for w in parts:
        assert w.start <= w.own_start <= w.own_end <= w.end
        assert w.own_end > w.own_start or len(text) == 0
        assert w.lines_before == len(text[: w.start].splitlines(keepends=True)) - (
            w.start > 0 and not _after_break(text, w.start)
        )


def _after_break(text: str, pos: int) -> bool:
    return text[:pos].splitlines(keepends=True)[-1][-1] in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _document(seed: int) -> str:
    """Strips of every layout, damage and number style between paragraphs of prose."""
    rnd = random.Random(seed)
    prose = "Shares in the region were mixed on Tuesday as traders weighed the outlook for rates."
    parts = []
    for _ in range(12):
        recs = []
        for name, index, level in rnd.sample(INDICES, 3):
            value = round(level * rnd.uniform(0.8, 1.2), 2)
            change = round(value * rnd.uniform(-0.03, 0.03), 2) or 0.01
            recs.append((name, index, value, change, round(change / (value - change) * 100, 2)))
        text = strip(recs, rnd.choice(sorted(LAYOUTS)), rnd.choice(NUMBER_STYLES), rnd.choice(DAMAGES))
        parts.append(f"{prose}\n\n{text}\n")
    return "\n".join(parts)


def _windowed(text: str, size: int, margin: int) -> Scan:
    pieces = list(_scan_windows(windows(text, size, margin), text, False, *_setup((), ())))
    return Scan([q for p in pieces for q in p.quotes], [r for p in pieces for r in p.rejects])


def _fields(scan):
    return [(q.index, q.value, q.change, q.pct_change, q.line, q.span, q.raw) for q in scan.quotes]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.integers(300, 1500))
def test_a_text_read_in_windows_gives_what_it_gives_whole(seed, size):
    text = _document(seed)
    whole = tickers.scan(text)
    windowed = _windowed(text, size, 400)
    assert _fields(windowed) == _fields(whole)
    assert [(r.line, r.span, r.reason) for r in windowed.rejects] == [(r.line, r.span, r.reason) for r in whole.rejects]


def test_a_single_line_cut_at_spaces_keeps_every_entry():
    entries = [
        f"{name} {level * (1 + i / 1000):,.2f} +{i % 7 + 1}.25 +0.{i % 9 + 1}%" for i, (name, _, level) in enumerate(INDICES * 4)
    ]
    text = " | ".join(entries)
    whole = tickers.scan(text)
    windowed = _windowed(text, 200, 120)
    assert len(windows_of(text, 200)) > 5
    assert _fields(windowed) == _fields(whole)
    assert all(text[q.span[0] : q.span[1]] == q.raw and q.line == 1 for q in windowed.quotes)


def windows_of(text: str, size: int) -> list:
    return list(windows(text, size, 120))


def _long_text() -> tuple[str, list[str]]:
    """Prose, and a strip line every 97 lines, for two and a half windows; and those strips."""
    prose = "Markets were quiet in thin holiday trading, and volumes were well below average.\n"
    strips = ["Dow 27,{}.11 +0.42%", "Nikkei 225 23,{} ▲ 26.50 (0.11%)", "DAX 13.{},01 -0,54%"]
    lines, expected = [], []
    while sum(map(len, lines)) < 2.5 * WINDOW:
        lines.extend([prose] * 97)
        expected.append(strips[len(expected) % 3].format(100 + len(expected)))
        lines.append(expected[-1] + "\r\n")  # a break splitlines counts as one line
    return "".join(lines), expected


def test_a_text_longer_than_a_window_names_its_records_lines_and_places():
    text, expected = _long_text()
    found = tickers.parse(text)
    assert [q.raw for q in found] == expected
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    for q in found:
        assert text[q.span[0] : q.span[1]] == q.raw
        assert bisect.bisect_right(starts, q.span[0]) == q.line


def test_a_repeat_in_the_next_window_is_a_duplicate_and_one_further_on_is_another_record():
    prose = "Markets were quiet in thin holiday trading, and volumes were well below average.\n"
    strip = "Dow 27,462.11 +114.75 +0.42% | FTSE 100 7,302.40 -12.50 -0.17%\n"
    near = strip + prose * 4 + strip
    found = _windowed(near + prose * 4, 300, 100)
    assert [q.index for q in found.quotes] == ["Dow Jones Industrial Average", "FTSE 100"]
    assert all("duplicate" in q.repairs for q in found.quotes)
    far = strip + prose * 20 + strip
    found = _windowed(far, 300, 100)
    assert len(found.quotes) == 4 and not any("duplicate" in q.repairs for q in found.quotes)
    assert found.quotes[2].line == 22


def test_the_command_streams_a_long_text_as_the_library_reads_it(tmp_path):
    text, expected = _long_text()
    page = tmp_path / "long.txt"
    page.write_text(text, newline="")
    done = subprocess.run(
        [sys.executable, "-m", "tickers", "parse", str(page), "--format", "ndjson"], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    printed = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert printed == [q.to_dict() for q in tickers.parse(text)]
    assert [row["raw"] for row in printed] == expected
