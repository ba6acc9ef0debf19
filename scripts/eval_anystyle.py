"""The parser on references it was never tuned on: AnyStyle's hand-curated gold set.

    python scripts/eval_anystyle.py [GOLD_XML] [-v FIELD]

GOLD_XML defaults to ``tests/data/anystyle/gold.xml`` (BSD-2-Clause, © Sylvester Keil;
1,669 references from bibliographies and footnotes of many fields,
each token labelled). Each reference's original string (its labelled pieces joined by
spaces) is parsed as one note, and the fields compared after normalising case and
punctuation: first author's family name, title, container (journal or book), year,
volume, first page, publisher, place, URL, DOI. Prints per-field precision and recall.
``-v FIELD`` prints the misses of one field, to read.

This is a bibliography set, mostly in period-separated styles (``Author. Title.
Journal 12 (2019): 45.``) that notes use less than the comma-separated note forms, so the
figures understate the parser on footnotes; they are here to catch rules that only fit
one document.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from footnote_kit.model import RawNote, Source  # noqa: E402
from footnote_kit.sources import parse_notes  # noqa: E402

GOLD = ROOT / "tests" / "data" / "anystyle" / "gold.xml"


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"^(?:in:?\s+)", "", text)
    return " ".join(re.findall(r"[^\W_]+", text))


def first_number(text: str | None) -> str:
    m = re.search(r"\d+", text or "")
    return m.group(0) if m else ""


def _family(source: Source) -> str:
    if not source.author:
        return ""
    n = source.author[0]
    return norm(n.family or n.literal)


FIELDS: dict[str, tuple[Callable[[dict[str, str]], str], Callable[[Source], str]]] = {
    "author": (lambda g: norm(g.get("author")), _family),
    "title": (lambda g: norm(g.get("title")), lambda s: norm(s.title)),
    "container": (lambda g: norm(g.get("journal") or g.get("container-title")), lambda s: norm(s.container_title)),
    "year": (lambda g: (re.findall(r"(?:1[5-9]|20)\d\d", g.get("date", "")) or [""])[0], lambda s: str(s.issued[0]) if s.issued else ""),
    "volume": (lambda g: first_number(g.get("volume")), lambda s: first_number(s.volume)),
    "page": (lambda g: first_number(g.get("pages")), lambda s: first_number(s.page)),
    "publisher": (lambda g: norm(g.get("publisher")), lambda s: norm(s.publisher)),
    "place": (lambda g: norm(g.get("location")), lambda s: norm(s.publisher_place)),
    "URL": (lambda g: (g.get("url") or "").strip(" .,"), lambda s: s.URL or ""),
    "DOI": (lambda g: norm(re.sub(r"^.*?(10\.)", r"\1", g.get("doi", ""))), lambda s: norm(s.DOI)),
}


def _match(field: str, gold: str, got: str) -> bool:
    if field == "author":  # the first family name is among the gold's author words
        return bool(got) and all(w in gold.split() for w in got.split())
    return gold == got


def load(path: Path) -> list[tuple[str, dict[str, str]]]:
    out = []
    for seq in ET.parse(path).getroot().findall("sequence"):
        pieces = [(e.tag, (e.text or "").strip()) for e in seq]
        text = " ".join(t for tag, t in pieces if tag != "citation-number" and t)
        gold: dict[str, str] = {}
        for tag, t in pieces:
            gold[tag] = (gold[tag] + " " + t) if tag in gold else t
        out.append((text, gold))
    return out


def evaluate(path: Path = GOLD, verbose: str | None = None) -> dict[str, dict[str, Any]]:
    refs = load(path)
    notes, _ = parse_notes([RawNote(number=i + 1, text=t) for i, (t, _) in enumerate(refs)])
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    for (text, gold), note in zip(refs, notes):
        sources = [p.source for p in note.parts if p.kind == "citation"]  # type: ignore[union-attr]
        source = sources[0] if sources else Source()
        for field, (from_gold, from_source) in FIELDS.items():
            g, s = from_gold(gold), from_source(source)
            expected[field] += bool(g)
            predicted[field] += bool(s)
            ok = bool(g) and bool(s) and _match(field, g, s)
            tp[field] += ok
            if verbose == field and (g or s) and not ok:
                print(f"- {text}\n    gold: {g!r}\n    got:  {s!r}")
    table: dict[str, dict[str, Any]] = {}
    for field in FIELDS:
        table[field] = {
            "precision": tp[field] / predicted[field] if predicted[field] else 1.0,
            "recall": tp[field] / expected[field] if expected[field] else 1.0,
            "gold": expected[field],
        }
    return table


def main(argv: list[str]) -> int:
    verbose = None
    if "-v" in argv:
        i = argv.index("-v")
        verbose = argv[i + 1]
        argv = argv[:i] + argv[i + 2 :]
    path = Path(argv[0]) if argv else GOLD
    table = evaluate(path, verbose)
    if verbose:
        return 0
    print(f"{'field':<10} {'precision':>9} {'recall':>7} {'gold':>5}")
    for field, row in table.items():
        print(f"{field:<10} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['gold']:>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
