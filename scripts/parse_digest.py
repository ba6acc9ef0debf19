"""Has a refactor changed what the parser reads? A fingerprint of its output.

    python scripts/parse_digest.py                 # print one digest
    python scripts/parse_digest.py --save FILE     # keep the output, one note a line
    python scripts/parse_digest.py --compare FILE  # name the notes that now read differently

Parses the corpora of ``bench_parse.py`` (the sample, and 10,000 varied notes:
AnyStyle's gold references plus the sample with every word and number changed) and
10,000 notes mixed at random from tricky pieces (quotes of every kind, labels, dates,
links in odd cases), and fingerprints every parsed note (its parts, sources and every
field). Speed work on the
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


# Pieces that steer the recognisers into their tricky paths (quotes of every kind, labels,
# dates, links in odd cases, the letters re.I treats specially), mixed at random.
_PIECES = [
    "“", "”", "„", "«", "»", "‘", "’", "'", '"', "″", "(", ")", "[", "]", ";", ",", ".", ":", " i) ", "; ii) ", " and iv) ",
    "Ibid.", "op. cit.", "See: ", " in ", " ed. ", "(London: Verso, 2019)", "12, no. 3 (2019): 45–67", "p.15", "pp. 3–5",
    "19 December 2019", "December 19, 2019", "November 10", "https://example.org/a b.h tml", "doi:10.1000/x", "S/2020/717",
    "accessed 3 May 2021", "Smith, Jane", "A and B", " ", "2020", "Jane Smith, ", "Human Rights Watch", "(in Russian)",
    "Reuters", "ſee ", "İbid", "Www.x.org", "HTTP://A.B/c", "Tucker, N., & Lemon, E. (2019). ", "Report No. 12", "2nd ed.",
    "Interview with X", "vol. 3", "no. 4", "Journal of Things 12(3): 4-5", "in Human Rights Watch, World Report 2021",
    "et al.", "(eds.)", "Bd. 2",
]


def mixed_notes(n: int) -> list[tuple[int, str]]:
    """N notes mixed at random (seeded) from ``_PIECES`` and pieces of the sample's lines."""
    import random

    from bench_parse import sample_notes

    rng = random.Random(7)
    lines = [t for _, t in sample_notes(56)]
    texts = [
        "".join(rng.choice(_PIECES) if rng.random() < 0.7 else rng.choice(lines)[: rng.randint(0, 60)] for _ in range(rng.randint(1, 12)))
        for _ in range(n)
    ]
    return [(k + 1, t) for k, t in enumerate(texts)]


def lines(reader: str | None = None) -> list[str]:
    from bench_parse import sample_notes, varied_notes

    from footnote_kit.model import RawNote
    from footnote_kit.sources import parse_notes

    out: list[str] = []
    for label, notes in (("sample", sample_notes(56)), ("varied", varied_notes(10_000)), ("mixed", mixed_notes(10_000))):
        parsed, problems = parse_notes([RawNote(number=n, text=t) for n, t in notes], reader=reader)
        out.extend(f"{label} {note.number}\t{note.parts!r}" for note in parsed)
        out.extend(f"{label} problem\t{p!r}" for p in problems)
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--reader", choices=("rules", "model", "combined"), help="default: the parser's default (combined where the model is installed)")
    args = ap.parse_args(argv)
    now = lines(args.reader)
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
