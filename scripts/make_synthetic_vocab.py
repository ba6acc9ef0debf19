#!/usr/bin/env python
"""Rebuild ``scripts/synthnotes/data/anystyle-seed.json`` from AnyStyle's ``core.xml``.

    python scripts/make_synthetic_vocab.py PATH/TO/core.xml

``core.xml`` is AnyStyle's parser training set (BSD-2-Clause, (c) Sylvester Keil; the
project keeps a copy at ``../shared/reference-data/anystyle/core.xml``). Only loose words
are taken from it, cleaned of the punctuation around them: titles, journal and book
titles, publishers, places and personal names. They seed the synthetic notes with real
vocabulary; no reference is copied whole and no label of AnyStyle's is used.
AnyStyle's ``gold.xml`` is never read here: it is kept for evaluation.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

OUT = Path(__file__).resolve().parent / "synthnotes" / "data" / "anystyle-seed.json"
LICENCE = ("BSD-2-Clause. Copyright (c) Sylvester Keil. Words taken from AnyStyle's "
           "res/parser/core.xml (inukshuk/anystyle, commit c6f5fb2); the full licence text "
           "is tests/data/anystyle/LICENSE.")
_EDGE = " \t\n.,;:()[]{}\"'“”„‘’«»"
_FULL_NAME = re.compile(r"\b([A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ]+)?),\s+([A-Z][a-zà-ÿ]{2,})\b")
_INITIALS_NAME = re.compile(r"\b(?:[A-Z]\.\s?){1,3}([A-Z][a-zà-ÿ'’]{2,}(?:-[A-Z][a-zà-ÿ]+)?)\b")
_TAKE = {"titles": 450, "containers": 260, "publishers": 220, "places": 120,
         "families": 450, "givens": 160}


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip(_EDGE)
    return re.sub(r"^(?:[Ii]n:?|[Oo]f)\s+", "", text).strip(_EDGE)


def usable(text: str, low: int, high: int) -> bool:
    return (low <= len(text) <= high
            and not re.search(r"[\[\]()<>@/\\|_=+*;↵�“”\"]|https?|\d{3,}|\w- |\d\. \d|\b(?:of|and|the)[A-Z]", text)
            and sum(c.isupper() for c in text) < len(text) / 2)


def unique(values: list[str], limit: int) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(v.casefold(), v)
    return sorted(seen.values())[:limit] if len(seen) <= limit else _spread(sorted(seen.values()), limit)


def _spread(values: list[str], limit: int) -> list[str]:
    step = len(values) / limit
    return [values[int(i * step)] for i in range(limit)]


def build(core: Path) -> dict[str, object]:
    fields: dict[str, list[str]] = {}
    for seq in ET.parse(core).getroot():
        for el in seq:
            fields.setdefault(el.tag, []).append(el.text or "")
    titles = [clean(t) for t in fields.get("title", [])]
    containers = [clean(t) for t in fields.get("journal", []) + fields.get("container-title", [])]
    publishers = [clean(t) for t in fields.get("publisher", [])]
    places = [clean(t) for t in fields.get("location", [])]
    families: list[str] = []
    givens: list[str] = []
    for text in fields.get("author", []) + fields.get("editor", []) + fields.get("translator", []):
        for family, given in _FULL_NAME.findall(text):
            families.append(family)
            givens.append(given)
        families.extend(_INITIALS_NAME.findall(text))
    return {
        "source": "AnyStyle res/parser/core.xml (inukshuk/anystyle, commit c6f5fb2)",
        "licence": LICENCE,
        "titles": unique([t for t in titles if usable(t, 12, 110) and " " in t], _TAKE["titles"]),
        "containers": unique([t for t in containers if usable(t, 4, 70)
                              and not re.search(r"\b(?:Proc|Conf|Workshop|Symposium)\b", t)],
                             _TAKE["containers"]),
        "publishers": unique([t for t in publishers if usable(t, 3, 50)], _TAKE["publishers"]),
        "places": unique([t for t in places if usable(t, 4, 30) and t.count(",") <= 1
                          and t[0].isupper()],
                         _TAKE["places"]),
        "families": unique([f for f in families if len(f) > 2 and f.lower() not in _NOT_NAMES],
                           _TAKE["families"]),
        "givens": unique([g for g in givens if g.lower() not in _NOT_NAMES], _TAKE["givens"]),
    }


_NOT_NAMES = frozenset("and the eds editor editors press university proc vol pp ed in trans "
                       "journal data retrieved available commission venerable del army "
                       "association national institute society department council office "
                       "bureau center centre committee group agency ministry foundation "
                       "wandel last".split())


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python scripts/make_synthetic_vocab.py PATH/TO/core.xml", file=sys.stderr)
        return 2
    data = build(Path(argv[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    tmp.replace(OUT)
    counts = ", ".join(f"{k} {len(v)}" for k, v in data.items() if isinstance(v, list))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB): {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
