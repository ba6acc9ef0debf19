"""Field accuracy of the parser: precision, recall and F1 per field, corpus and reader.

    python scripts/eval_parse.py [--corpus C]... [--reader R]... [-v]
    python scripts/eval_parse.py --sample-table [-v]

Corpora: ``example`` (the bundled notes 698–753), ``dev-heldout`` (the development
corpus's held-out documents: never trained or tuned on), ``anystyle`` (AnyStyle's gold
set minus the references core.xml also has), ``dev-train`` (the documents the model
learns from: its figures flatter). Readers: ``rules``, ``model``, ``combined``
(``sources.learned.combine``). Scoring: ``scripts/parser_score.py``.

``--sample-table`` prints the older table below for the bundled example alone:

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
sys.path.insert(0, str(ROOT / "scripts"))

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


def _corpus_notes(corpus: str) -> list[tuple[str, list[RawNote], dict[int, list[dict[str, Any]]]]]:
    """(document, its notes in order, gold parts by place in the document) for one corpus."""
    import parser_data

    if corpus == "example":
        examples = parser_data.example()
    elif corpus == "anystyle":
        examples = parser_data.anystyle_heldout()
    elif corpus in ("dev-heldout", "dev-train"):
        examples = parser_data.dev(corpus[4:])
    else:
        raise SystemExit(f"unknown corpus {corpus!r}")
    return documents(examples, corpus)


def documents(examples: list[Any], corpus: str) -> list[tuple[str, list[RawNote], dict[int, list[dict[str, Any]]]]]:
    """Examples (``parser_data.Example``) grouped by document, with their gold parts by
    the note's place in the document."""
    docs: dict[str, tuple[list[RawNote], dict[int, list[dict[str, Any]]]]] = {}
    for k, ex in enumerate(examples):
        doc = ex.doc or f"{corpus}-{k}"
        number = ex.number if ex.number is not None else 1
        parts = ex.parts
        if parts is None:  # an annotated reference: its spans make the gold item
            item: dict[str, Any] = {}
            for span in ex.labelled:
                value = ex.text[span.start : span.end]
                if span.label in ("author", "editor", "translator"):
                    # AnyStyle lists are every shape (``Chen, H., Tafalla, M.``): the gold
                    # is the first family name only, and so is what is scored of the parse
                    item.setdefault(span.label, [{"family": _first_family(value)}])
                elif span.label == "issued":
                    year = re.search(r"(?:1[5-9]|20)\d\d", value)
                    if year:
                        item.setdefault("issued", {"date-parts": [[int(year.group(0))]]})
                else:
                    item.setdefault(span.label, value)
            parts = [{"kind": "citation", "item": item}]
        raw, gold = docs.setdefault(doc, ([], {}))
        # by place in the document, not by number: a lettered note (15a) shares note 15's
        gold[len(raw)] = parts
        raw.append(RawNote(number=number, text=ex.text, emphasis=ex.emphasis))
    return [(doc, raw, gold) for doc, (raw, gold) in docs.items()]


def _first_family(names: str) -> str:
    """The family name of the first person of a printed name list."""
    head = re.split(r",|;|\s&\s|\sand\s", names, maxsplit=1)[0].strip()
    words = [w for w in head.split() if not re.fullmatch(r"(?:[^\W\d_]\.-?)+|[^\W\d_]", w)]
    return words[-1] if words else head


def score_corpus(corpus: str, reader: str) -> "Any":
    return score_documents(_corpus_notes(corpus), reader, anystyle=corpus == "anystyle")


def score_documents(docs: list[tuple[str, list[RawNote], dict[int, list[dict[str, Any]]]]], reader: str, anystyle: bool = False) -> "Any":
    """One reader's score over documents (``documents``)."""
    import parser_score

    corpus = "anystyle" if anystyle else "dev"
    score = parser_score.Score()
    for doc, raw, gold in docs:
        parsed, _ = parse_notes(raw, reader=reader)
        for place, note in enumerate(parsed):
            got = [p.to_json() for p in note.parts]
            if corpus == "anystyle":  # the gold gives years, first names only, and no pinpoints
                for p in got:
                    item = p.get("item") or {}
                    for role in ("author", "editor", "translator"):
                        if item.get(role):
                            item[role] = item[role][:1]
                    if item.get("issued"):
                        item["issued"] = {"date-parts": [item["issued"]["date-parts"][0][:1]]}
                    p.pop("prefix", None)
                    p.pop("locator", None)
            score.note(note.number, gold[place], got, doc)
    return score


CORPORA = ("example", "dev-heldout", "anystyle", "dev-train")
LABEL = {
    "example": "the bundled example (rules written on it; model never trained on it)",
    "dev-heldout": "development corpus, held-out split (never trained or tuned on)",
    "anystyle": "AnyStyle gold.xml minus core.xml (held-out fold)",
    "dev-train": "development corpus, TRAIN split (trained on: not an honest figure)",
}


def report(corpora: list[str], readers: list[str], verbose: bool) -> None:
    import parser_score

    for corpus in corpora:
        scores = {r: score_corpus(corpus, r) for r in readers}
        first = next(iter(scores.values()))
        print(f"\n## {corpus}: {LABEL[corpus]}; {first.notes} notes, {first.citing} that cite")
        head = " ".join(f"{r + ' P/R/F1':>22}" for r in readers)
        print(f"{'field':<18} {'gold':>5} {head}")
        keys = sorted(set().union(*[set(s.tp) | set(s.fn) | set(s.fp) for s in scores.values()]), key=lambda k: (k not in parser_score.MAIN, k))
        for key in keys:
            gold_n = first.row(key)[3]
            cells = " ".join(f"{s.row(key)[0]:>6.3f} {s.row(key)[1]:>6.3f} {s.row(key)[2]:>6.3f}" for s in scores.values())
            print(f"{key:<18} {gold_n:>5} {cells}")
        for label, keys_ in (("MAIN fields", parser_score.MAIN), ("ALL fields", None)):
            cells = " ".join(f"{s.total(keys_)[0]:>6.3f} {s.total(keys_)[1]:>6.3f} {s.total(keys_)[2]:>6.3f}" for s in scores.values())
            print(f"{label:<18} {first.total(keys_)[3]:>5} {cells}")
        cells = " ".join(f"{s.split_right / s.citing if s.citing else 1:>22.3f}" for s in scores.values())
        print(f"{'split right':<18} {first.citing:>5} {cells}")
        cells = " ".join(f"{s.types['right'] / max(1, sum(s.types.values())):>22.3f}" for s in scores.values())
        print(f"{'type right':<18} {'':>5} {cells}")
        if verbose:
            for r, s in scores.items():
                print(f"\n### misses, {r}")
                print("\n".join(s.misses))


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="Field precision/recall/F1 of the parser, per corpus and per reader.")
    ap.add_argument("--corpus", action="append", choices=CORPORA, help="default: all but dev-train")
    ap.add_argument("--reader", action="append", choices=("rules", "model", "combined"), help="default: all three")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    ap.add_argument("--sample-table", action="store_true", help="the bundled example's old per-field table")
    args = ap.parse_args(argv)
    if args.sample_table:
        table = evaluate(GOLD, NOTES)
        print(f"{'field':<18} {'precision':>9} {'recall':>7} {'gold':>5}")
        for key, row in table.items():
            print(f"{key:<18} {row['precision']:>9.3f} {row['recall']:>7.3f} {int(row['gold']):>5}")
        if args.verbose:
            print("\n".join(mismatches(GOLD, NOTES)))
        return 0
    from footnote_kit.sources.learned import tagger

    readers = args.reader or (["rules", "model", "combined"] if tagger.available() else ["rules"])
    report(args.corpus or [c for c in CORPORA if c != "dev-train"], readers, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
