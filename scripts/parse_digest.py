"""Has a refactor changed what the parser reads? A fingerprint of its output.

    python scripts/parse_digest.py                 # print one digest
    python scripts/parse_digest.py --save FILE     # keep the output, one note a line
    python scripts/parse_digest.py --compare FILE  # name the notes that now read differently

Parses the same corpora as ``bench_parse.py`` (the sample, and 10,000 varied notes:
AnyStyle's gold references plus the sample with every word and number changed) and
fingerprints every parsed note (its parts, sources and every field). Speed work on the
parser must leave the digest unchanged; a change of behaviour shows here as the notes
it touches, to be checked against ``eval_parse.py`` and ``eval_anystyle.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))


def lines() -> list[str]:
    from bench_parse import sample_notes, varied_notes

    from footnote_kit.model import RawNote
    from footnote_kit.sources import parse_notes

    out: list[str] = []
    for label, notes in (("sample", sample_notes(56)), ("varied", varied_notes(10_000))):
        parsed, problems = parse_notes([RawNote(number=n, text=t) for n, t in notes])
        out.extend(f"{label} {note.number}\t{note.parts!r}" for note in parsed)
        out.extend(f"{label} problem\t{p!r}" for p in problems)
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    args = ap.parse_args(argv)
    now = lines()
    print(hashlib.sha256("\n".join(now).encode()).hexdigest()[:16], f"({len(now)} notes)")
    if args.save:
        args.save.write_text("\n".join(now) + "\n", encoding="utf-8")
    if args.compare:
        before = args.compare.read_text(encoding="utf-8").splitlines()
        changed = [(b, a) for b, a in zip(before, now) if a != b]
        for b, a in changed[:20]:
            print("-", b[:400], "\n+", a[:400])
        print(f"{len(changed)} of {len(now)} notes read differently" + ("" if len(before) == len(now) else f"; {len(before)} lines before"))
        return 1 if changed or len(before) != len(now) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
