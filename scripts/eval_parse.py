"""Field accuracy of the parser against a hand-checked gold file.

    python scripts/eval_parse.py [GOLD] [NOTES]

GOLD (default ``tests/data/gold/central-asia.json``) holds, for each note number, the
parts a careful reader finds: ``{"kind": "citation", "item": {CSL fields}}``,
``{"kind": "note"}`` or ``{"kind": "ibid", "refers_to": N}``. NOTES (default
``examples/central-asia-notes.txt``) is read with a minimal joiner (a line that opens
with the next note's number starts a note, other lines continue the note before) so that the parser is measured
alone, not together with note finding.

Prints, per CSL field, precision (of the values the parser gave, the share that are
right) and recall (of the values the gold has, the share the parser got right), and the
micro-averaged totals. Parts are aligned by position; a part of the wrong kind scores
all its fields as misses.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from footnote_kit.model import RawNote  # noqa: E402
from footnote_kit.sources import parse_notes  # noqa: E402

GOLD = ROOT / "tests" / "data" / "gold" / "central-asia.json"
NOTES = ROOT / "examples" / "central-asia-notes.txt"
_START = re.compile(r"^(\d{1,5})\s+(\S.*)$")


def read_raw(path: Path) -> list[RawNote]:
    notes: list[RawNote] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _START.match(line)
        if m and (not notes or int(m.group(1)) == notes[-1].number + 1):
            notes.append(RawNote(number=int(m.group(1)), text=m.group(2).strip()))
        elif line.strip() and notes:
            last = notes[-1]
            notes[-1] = RawNote(number=last.number, text=last.text + " " + line.strip())
    return notes


def _fields(part: dict[str, Any]) -> dict[str, Any]:
    """The scored fields of one part: ``kind``, the item's CSL fields, ``refers_to``."""
    out: dict[str, Any] = {"kind": part["kind"]}
    if part["kind"] == "citation":
        for key, value in part["item"].items():
            out[key] = value
    elif part["kind"] == "ibid":
        out["refers_to"] = part.get("refers_to")
    return out


def evaluate(gold_path: Path = GOLD, notes_path: Path = NOTES) -> dict[str, dict[str, float]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["notes"]
    parsed, _ = parse_notes(read_raw(notes_path))
    got = {str(n.number): [p.to_json() for p in n.parts] for n in parsed}
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    for number, gold_parts in gold.items():
        parts = got.get(number, [])
        for k in range(max(len(gold_parts), len(parts))):
            g = _fields(gold_parts[k]) if k < len(gold_parts) else {}
            p = _fields(parts[k]) if k < len(parts) else {}
            same_kind = g.get("kind") == p.get("kind")
            for key in g:
                expected[key] += 1
            for key in p:
                predicted[key] += 1
                if same_kind and key in g and g[key] == p[key]:
                    tp[key] += 1
    table: dict[str, dict[str, float]] = {}
    for key in sorted(set(expected) | set(predicted)):
        table[key] = {
            "precision": tp[key] / predicted[key] if predicted[key] else 1.0,
            "recall": tp[key] / expected[key] if expected[key] else 1.0,
            "gold": expected[key],
        }
    total_tp, total_p, total_e = sum(tp.values()), sum(predicted.values()), sum(expected.values())
    table["ALL"] = {"precision": total_tp / total_p, "recall": total_tp / total_e, "gold": total_e}
    return table


def mismatches(gold_path: Path = GOLD, notes_path: Path = NOTES) -> list[str]:
    """Each field where the parser and the gold differ, for reading."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["notes"]
    parsed, _ = parse_notes(read_raw(notes_path))
    got = {str(n.number): [p.to_json() for p in n.parts] for n in parsed}
    out = []
    for number, gold_parts in gold.items():
        parts = got.get(number, [])
        for k in range(max(len(gold_parts), len(parts))):
            g = _fields(gold_parts[k]) if k < len(gold_parts) else {}
            p = _fields(parts[k]) if k < len(parts) else {}
            for key in sorted(set(g) | set(p)):
                if g.get(key) != p.get(key):
                    out.append(f"{number}.{k + 1} {key}: got {json.dumps(p.get(key), ensure_ascii=False)} want {json.dumps(g.get(key), ensure_ascii=False)}")
    return out


def main(argv: list[str]) -> int:
    gold = Path(argv[0]) if argv else GOLD
    notes = Path(argv[1]) if len(argv) > 1 else NOTES
    table = evaluate(gold, notes)
    print(f"{'field':<18} {'precision':>9} {'recall':>7} {'gold':>5}")
    for key, row in table.items():
        print(f"{key:<18} {row['precision']:>9.3f} {row['recall']:>7.3f} {int(row['gold']):>5}")
    if "-v" in sys.argv:
        print("\n".join(mismatches(gold, notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main([a for a in sys.argv[1:] if a != "-v"]))
