"""How fast the parser reads notes: 10,000 notes (the sample repeated under new numbers).

    python scripts/bench_parse.py [N]

Prints notes per second for ``sources.parse_notes`` alone (warm, best of 3), and the
wall time of a cold process that imports footnote-kit, parses the N notes and exits.
Targets: more than 10,000 notes/s on one core; under 1.5 s cold.
"""

from __future__ import annotations

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


_COLD = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {src!r})
from footnote_kit.model import RawNote
from footnote_kit.sources import parse_notes
sys.path.insert(0, {scripts!r})
from bench_parse import sample_notes
raw = [RawNote(number=n, text=t) for n, t in sample_notes({n})]
notes, _ = parse_notes(raw)
assert len(notes) == {n}
"""


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    sys.path.insert(0, str(ROOT / "src"))
    from footnote_kit.model import RawNote
    from footnote_kit.sources import parse_notes

    raw = [RawNote(number=k, text=t) for k, t in sample_notes(n)]
    best = best_cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        parse_notes(raw)
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    print(f"parse_notes: {n} notes in {best:.3f} s wall = {n / best:,.0f} notes/s (warm, best of 3)")
    print(f"             {best_cpu:.3f} s of CPU = {n / best_cpu:,.0f} notes/s (what one free core would give)")
    code = _COLD.format(src=str(ROOT / "src"), scripts=str(ROOT / "scripts"), n=n)
    start = time.perf_counter()
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True)
    cold = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (usage.ru_utime - usage_before.ru_utime) + (usage.ru_stime - usage_before.ru_stime)
    print(f"cold process: interpreter start, import, parse {n} notes: {cold:.3f} s wall, {cpu:.3f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
