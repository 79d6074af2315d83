"""Record-level accuracy of ``tickers.parse`` on the golden corpora in tests/golden/.

    python bench/accuracy.py                    # every corpus, then how confidence tracks rightness
    python bench/accuracy.py --held --fresh     # and the held and fresh parts of the real pages
    python bench/accuracy.py --show real/dev.toml   # each case of a corpus that is not all right
    python bench/accuracy.py --prose-held --prose-fresh   # and the held and fresh parts of the prose sentences
    python bench/accuracy.py --fresh2-held      # and the untouched half of the second fresh set

Per corpus: records labelled (sure ones), records found, and the verdict of each found
record (tests/tables.py, ``judge``): right, partial (right numbers, some missing), wrong
(a number that contradicts the label), misnamed (a labelled record's numbers under
another name), extra (nothing labelled; ``negatives`` counts
those in texts that hold no quote). Precision is right / found (records a careful
reader could not be sure of aside), recall right / labelled.

Prose sentences (tests/golden/real/prose_*.toml) are read in both modes. The default mode
must give no record from any of them; prose mode is scored per fact: *read* (the index
and its level, or its percentage where the sentence gives no level), and wrong, misnamed
and extra records as above; records from look-alike sentences (moves over other periods,
forecasts, other numbers) are counted apart.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from tables import CORPORA, GOLDEN, PROSE, REAL, fact_read, judge, judge_facts, rows

import tickers
from tickers.registry import load_registry

BUCKETS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)
REGISTRY = load_registry()  # real pages' labels name instruments: the judge matches them by index


def score(corpus: str, show: bool = False, by_layout: dict | None = None):
    tally: Counter = Counter()
    confidences: list[tuple[float, bool]] = []
    for ident, text, row in rows(corpus):
        expect = row.get("expect", [])
        judged = judge(tickers.parse(text), expect, row.get("truncated_allowed", False), REGISTRY if corpus in REAL else None)
        sure = sum(1 for w in expect if not w.get("unsure"))
        case = Counter(v for _, v, _ in judged.verdicts)
        case["expected"] = sure
        if not expect:
            case["negatives"] = case["extra"]
        tally.update(case)
        confidences += [(q.confidence, v == "right") for q, v, _ in judged.verdicts if v != "unsure"]
        if by_layout is not None:
            by_layout[row.get("layout", "?")].update(case)
        if show and (judged.missed or any(v not in ("right", "unsure") for _, v, _ in judged.verdicts)):
            print(f"--- {ident} ({row.get('layout', '')}: {row.get('notes', row.get('style', ''))})")
            _print_verdicts(judged.verdicts, judged.missed, "right")
    return tally, confidences


def _print_verdicts(verdicts, missed: list[dict], good: str, instrument: bool = False) -> None:
    """Each record of a case with its verdict (and its label where it is not ``good``), then the labels missed."""
    for q, verdict, want in verdicts:
        numbers = " ".join(str(getattr(q, f)) for f in ("value", "change", "pct_change"))
        said = "" if want is None or verdict == good else f"   label: {_label(want)}"
        print(f"  {verdict:7} {q.name!r} [{q.index}] {numbers} c={q.confidence}{said}")
    for want in missed:
        print(f"  missed  {_label(want)}" + (f" [{want.get('instrument')}]" if instrument else ""))


def _label(want: dict) -> str:
    return f"{want.get('name')!r} {want.get('value', 'none')} {want.get('change', 'none')} {want.get('pct_change', 'none')}"


def _row(label: str, t: Counter) -> str:
    found = sum(t[v] for v in ("right", "partial", "wrong", "misnamed", "extra"))
    precision = t["right"] / found if found else 1.0
    recall = t["right"] / t["expected"] if t["expected"] else 1.0
    return (
        f"{label:18} {t['expected']:8d} {found:6d} {t['right']:6d} {t['partial']:7d} {t['wrong']:6d} "
        f"{t['misnamed']:8d} {t['extra']:6d} "
        f"{t['negatives']:9d} {precision:9.3f} {recall:7.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", metavar="CORPUS", help="list the cases of CORPUS that are not all right")
    parser.add_argument("--held", action="store_true", help="measure the held half of the real pages too")
    parser.add_argument("--fresh", action="store_true", help="measure the fresh third of the real pages too (untouched)")
    parser.add_argument("--prose-held", action="store_true", help="measure the held half of the prose sentences too")
    parser.add_argument("--prose-fresh", action="store_true", help="measure the fresh third of the prose sentences too")
    parser.add_argument(
        "--fresh2-held", action="store_true", help="measure the untouched half of the second fresh set too (pages and sentences)"
    )
    args = parser.parse_args()
    if args.show in PROSE:
        score_prose(args.show, show=True)
        return 0
    if args.show:
        score(args.show, show=True)
        return 0
    header = f"{'corpus':18} {'labelled':>8} {'found':>6} {'right':>6} {'partial':>7} {'wrong':>6} {'misnamed':>8} {'extra':>6} "
    print(header + f"{'negatives':>9} {'precision':>9} {'recall':>7}")
    every: list[tuple[float, bool]] = []
    real: list[tuple[float, bool]] = []
    layouts: dict[str, Counter] = defaultdict(Counter)
    for corpus in (*CORPORA, *REAL):
        skipped = (
            (corpus == "real/held.toml" and not args.held)
            or (corpus == "real/fresh.toml" and not args.fresh)
            or (corpus == "real/fresh2_held.toml" and not args.fresh2_held)
        )
        if not (GOLDEN / corpus).exists() or skipped:
            continue
        tally, confidences = score(corpus, by_layout=layouts if corpus in REAL else None)
        print(_row(corpus.removesuffix(".toml"), tally))
        every += confidences
        if corpus in REAL:
            real += confidences
    if layouts:
        print("\nreal pages by layout")
        for layout, tally in sorted(layouts.items()):
            print(_row(layout, tally))
    prose: list[tuple[float, bool]] = []
    print(
        f"\n{'sentences':18} {'facts':>6} | default: {'records':>7} | prose: {'found':>5} {'read':>5} {'partial':>7} "
        f"{'wrong':>5} {'misnamed':>8} {'extra':>5} {'look-alike':>10} {'precision':>9} {'recall':>6}"
    )
    for corpus in PROSE:
        if (
            (corpus == "real/prose_held.toml" and not args.prose_held)
            or (corpus == "real/prose_fresh.toml" and not args.prose_fresh)
            or (corpus == "real/prose_fresh2_held.toml" and not args.fresh2_held)
        ):
            continue
        tally, confidences = score_prose(corpus)
        prose += confidences
        found = sum(tally[v] for v in ("read", "partial", "wrong", "misnamed", "extra"))
        print(
            f"{corpus.removesuffix('.toml'):18} {tally['facts']:6d} | default: {tally['default']:7d} | prose: {found:5d} "
            f"{tally['read']:5d} {tally['partial']:7d} {tally['wrong']:5d} {tally['misnamed']:8d} {tally['extra']:5d} "
            f"{tally['lookalike']:10d} {(tally['read'] + tally['partial']) / found if found else 1:9.3f} "
            f"{tally['read'] / tally['facts'] if tally['facts'] else 1:6.3f}"
        )
    for label, pairs in (("every corpus", every), ("real pages", real), ("prose", prose)):
        if pairs:
            _reliability(label, pairs)
    return 0


def score_prose(corpus: str, show: bool = False):
    """Facts of prose sentences read in prose mode, and records either mode takes wrongly."""
    registry = load_registry(())
    tally: Counter = Counter()
    confidences: list[tuple[float, bool]] = []
    for ident, text, row in rows(corpus):
        expect = row.get("expect", [])  # facts a careful reader could not be sure of are judged "unsure"
        default = tickers.parse(text)
        tally["default"] += len(default)
        tally["facts"] += sum(1 for w in expect if not w.get("unsure"))
        quotes = tickers.parse(text, prose=True)
        judged = judge_facts(quotes, expect, registry)
        verdicts = []
        for q, verdict, want in judged.verdicts:
            if verdict in ("right", "partial"):
                verdict = "read" if fact_read(q, want) else "partial"
            elif verdict == "extra" and row["kind"] != "fact":
                tally["lookalike"] += 1
            tally[verdict] += 1
            verdicts.append((q, verdict, want))
            if verdict != "unsure":
                confidences.append((q.confidence, verdict in ("read", "partial")))
        if show and (default or judged.missed or any(v not in ("read", "unsure") for _, v, _ in verdicts)):
            print(f"--- {ident} ({row['kind']}): {text}")
            for q in default:
                print(f"  default {q.name!r} [{q.index}] {q.value} {q.change} {q.pct_change}")
            _print_verdicts(verdicts, judged.missed, "read", instrument=True)
    return tally, confidences


def _reliability(label: str, pairs: list[tuple[float, bool]]) -> None:
    """How often records of each confidence are right: confidence should say it."""
    print(f"\nconfidence on {label}: bucket, records, share right")
    for low, high in itertools.pairwise(BUCKETS):
        inside = [right for c, right in pairs if low <= c < high]
        if inside:
            print(f"  [{low:.2f}, {min(high, 1):.2f}{']' if high > 1 else ')'} {len(inside):6d} {sum(inside) / len(inside):7.3f}")
    sure = [right for c, right in pairs if c >= 0.9]
    if sure:
        print(f"  right at confidence >= 0.9: {sum(sure) / len(sure):.3f} of {len(sure)}")
    for name, want in (("right", True), ("not right", False)):
        values = [c for c, right in pairs if right is want]
        if values:
            print(f"  mean confidence of {name} records: {sum(values) / len(values):.2f} over {len(values)}")


if __name__ == "__main__":
    sys.exit(main())
