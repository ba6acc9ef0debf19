"""How well the document readers find the development corpus's notes, text and all.

    python scripts/eval_readers.py [-v]

For each document of ``tests/data/corpus/`` read by footnote-kit's own reader (the format
its gold names), counts the gold's notes that the reader found with the same number and
the same text (whitespace aside). The gold text is the note as the document prints it
(``tests/data/gold/README.md``), so a difference is the reader's: a note not found, glued
onto another, or text the document does not print (markup, invisible characters). The
parser's field figures (``eval_parse.py``) read the gold text and do not see these.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from footnote_kit.errors import FootnoteKitError  # noqa: E402
from footnote_kit.notes import read_notes  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split())


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    total = same = found_total = 0
    print(f"{'document':<46} {'split':<8} {'found':>7} {'text right':>11}")
    for path in sorted((ROOT / "tests" / "data" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = str(gold.get("document", ""))
        if not doc.startswith("tests/data/corpus/"):
            continue
        wanted = {k: v["text"] for k, v in gold["notes"].items()}
        try:
            notes = read_notes((ROOT / doc).read_text(encoding="utf-8"), file=doc, fmt=gold["format"]).notes
        except FootnoteKitError as e:
            notes = ()
            print(f"  {path.stem}: {e}")
        got = {n.printed: n.text for n in notes}
        found = sum(1 for k in wanted if k in got)
        right = [k for k, text in wanted.items() if k in got and _norm(got[k]) == _norm(text)]
        total += len(wanted)
        found_total += found
        same += len(right)
        print(f"{path.stem:<46} {gold['split']:<8} {found:>3}/{len(wanted):<3} {len(right):>7}/{len(wanted):<3}")
        if verbose:
            for k in sorted(set(wanted) - set(right), key=lambda k: (len(k), k))[:5]:
                print(f"    {k} read: {got.get(k, '')[:140]!r}\n    {k} gold: {wanted[k][:140]!r}")
    print(f"{'all documents':<46} {'':<8} {found_total:>3}/{total:<3} {same:>7}/{total:<3}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
