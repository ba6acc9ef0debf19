"""How fast the parser reads notes: 10,000 notes (the sample repeated under new numbers).

    python scripts/bench_parse.py [N]

Prints notes per second for ``sources.parse_notes`` alone (warm, best of 3), and the
wall time of a cold process that imports footnote-kit, parses the N notes and exits,
for the rules alone (the baseline) and for the rules combined with the learned reader
(the default where the model is installed). Targets (issue #11): at least 2,000 varied
notes/s on one core warm, and 10,000 notes from a cold process in under 6 s.

The sample repeats every 56 notes, so any cache keyed on text would flatter it. A second
figure is printed for N *varied* notes: AnyStyle's 1,669 gold references plus the sample
with every title word, name, number and date changed (seeded, so the set is the same on
every run), in which no text repeats.
"""

from __future__ import annotations

import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "central-asia-notes.txt"


def sample_notes(n: int) -> list[tuple[int, str]]:
    texts: list[str] = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3})\s+(.*)$", line)
        if m:
            texts.append(m.group(2))
        elif line.strip() and texts:
            texts[-1] += " " + line.strip()
    return [(i + 1, texts[i % len(texts)]) for i in range(n)]


_WORD = re.compile(r"[^\W\d_]{4,}")
_DIGITS = re.compile(r"\d+")
_KEEP = frozenset(
    "january february march april may june july august september october november december "
    "ibid accessed available retrieved see also http https html www".split()
)


def _anystyle_texts() -> list[str]:
    import xml.etree.ElementTree as ET

    gold = ROOT / "tests" / "data" / "anystyle" / "gold.xml"
    out = []
    for seq in ET.parse(gold).getroot().findall("sequence"):
        text = " ".join((e.text or "").strip() for e in seq if e.tag != "citation-number" and (e.text or "").strip())
        out.append(text)
    return out


def _vary(text: str, rng: random.Random, vocab: list[str]) -> str:
    """The same note shape with other words and numbers: every word of 4+ letters
    (names, titles, outlets; not months or keywords) and every number is replaced."""

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.lower() in _KEEP:
            return w
        new = rng.choice(vocab)
        return new.capitalize() if w[0].isupper() else new

    def number(m: re.Match[str]) -> str:
        d = m.group(0)
        if len(d) == 4 and d[:2] in ("19", "20"):
            return str(rng.randint(1950, 2025))
        if len(d) <= 2:
            return str(rng.randint(1, 28))
        return str(rng.randint(10 ** (len(d) - 1), 10 ** len(d) - 1))

    return _DIGITS.sub(number, _WORD.sub(word, text))


def varied_notes(n: int) -> list[tuple[int, str]]:
    """N notes in which no text repeats (see the module docstring)."""
    rng = random.Random(20261128)
    refs = _anystyle_texts()
    sample = [t for _, t in sample_notes(56)]
    vocab = sorted({w.lower() for t in refs for w in _WORD.findall(t) if w.isascii()})
    texts = refs[:n]
    i = 0
    while len(texts) < n:
        texts.append(_vary(sample[i % len(sample)] if i % 2 else refs[i % len(refs)], rng, vocab))
        i += 1
    return [(k + 1, t) for k, t in enumerate(texts)]


_COLD = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {src!r})
from footnote_kit.model import RawNote
from footnote_kit.sources import parse_notes
sys.path.insert(0, {scripts!r})
from bench_parse import {which}
raw = [RawNote(number=n, text=t) for n, t in {which}({n})]
notes, _ = parse_notes(raw, reader={reader!r})
assert len(notes) == {n}
"""


def _warm(parse_notes, raw: list, label: str, reader: str) -> None:  # type: ignore[no-untyped-def]
    n = len(raw)
    best = best_cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        parse_notes(raw, reader=reader)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    print(f"{label}: {n} notes in {best:.3f} s wall = {n / best:,.0f} notes/s (warm, best of 3)")
    print(f"{'':{len(label)}}  {best_cpu:.3f} s of CPU = {n / best_cpu:,.0f} notes/s (what one free core would give)")


def _cold(n: int, which: str, label: str, reader: str) -> None:
    code = _COLD.format(src=str(ROOT / "src"), scripts=str(ROOT / "scripts"), n=n, which=which, reader=reader)
    start = time.perf_counter()
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True)
    cold = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (usage.ru_utime - usage_before.ru_utime) + (usage.ru_stime - usage_before.ru_stime)
    print(f"cold process ({label}): interpreter start, import, parse {n} notes: {cold:.3f} s wall, {cpu:.3f} s CPU")


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    sys.path.insert(0, str(ROOT / "src"))
    from footnote_kit.model import RawNote
    from footnote_kit.sources import parse_notes
    from footnote_kit.sources.learned import tagger

    sample = [RawNote(number=k, text=t) for k, t in sample_notes(n)]
    varied = [RawNote(number=k, text=t) for k, t in varied_notes(n)]
    # the rules alone are the baseline, measured in the same run under the same load
    readers = ["rules", "combined"] if tagger.available() else ["rules"]
    for reader in readers:
        _warm(parse_notes, sample, f"{reader:8} sample repeated", reader)
        _warm(parse_notes, varied, f"{reader:8} varied notes   ", reader)
    for reader in readers:
        _cold(n, "sample_notes", f"{reader}, sample", reader)
        _cold(n, "varied_notes", f"{reader}, varied", reader)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
