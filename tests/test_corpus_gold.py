"""The development corpus's gold files stay usable as measures.

Each ``tests/data/gold/<name>.json`` (format in ``tests/data/gold/README.md``) is the
hand-checked reading of one document in ``tests/data/corpus/``. A gold file that drifts
from the documented format, names a CSL variable that does not exist, or keys its notes by
numbers the reader does not give would make every figure computed from it wrong without
anyone noticing; these tests make that visible. They check the data and the reader's note
finding, never the parser's fields (those are measured, not asserted).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from footnote_kit.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "data" / "gold"
# The bundled sample's gold predates the documented format (a list of parts per note).
GOLD_FILES = sorted(p for p in GOLD_DIR.glob("*.json") if p.name != "central-asia.json")

_SCHEMA = json.loads((ROOT / "tests" / "data" / "csl-data.json").read_text(encoding="utf-8"))
CSL_VARIABLES = set(_SCHEMA["items"]["properties"]) | {"translated-title"}
CSL_TYPES = set(_SCHEMA["items"]["properties"]["type"]["enum"])
PART_KEYS = {
    "citation": {"kind", "item", "prefix", "locator", "suffix"},
    "ibid": {"kind", "refers_to", "locator", "prefix"},
    "note": {"kind"},
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _problems(gold: dict[str, Any]) -> list[str]:
    """Every way a gold file departs from tests/data/gold/README.md, one line each."""
    out: list[str] = []
    for key in ("source", "licence", "document", "format", "language", "genre", "split", "notes"):
        if key not in gold:
            out.append(f"missing key {key!r}")
    if gold.get("split") not in ("train", "heldout"):
        out.append(f"split {gold.get('split')!r}")
    if gold.get("format") not in ("plain", "markdown", "latex", "html"):
        out.append(f"format {gold.get('format')!r}")
    if not (ROOT / str(gold.get("document"))).is_file():
        out.append(f"document {gold.get('document')!r} is not in the repository")
    for number, note in gold.get("notes", {}).items():
        if not number.isdigit() or set(note) != {"text", "parts"} or not note["parts"]:
            out.append(f"note {number}: needs a number, text and at least one part")
            continue
        for part in note["parts"]:
            kind = part.get("kind")
            if kind not in PART_KEYS or not set(part) <= PART_KEYS[kind]:
                out.append(f"note {number}: part {part}")
            elif kind == "citation":
                item = part.get("item", {})
                unknown = set(item) - CSL_VARIABLES
                if unknown or item.get("type") not in CSL_TYPES:
                    out.append(f"note {number}: item type {item.get('type')!r}, unknown {sorted(unknown)}")
            elif kind == "ibid":
                target = part.get("refers_to")
                if target is not None and not (isinstance(target, int) and 0 < target < int(number)):
                    out.append(f"note {number}: refers_to {target!r} is not an earlier note")
    return out


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_gold_file_follows_the_documented_format(path: Path) -> None:
    assert _problems(_load(path)) == []


@pytest.mark.parametrize("path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_reader_finds_exactly_the_gold_notes(path: Path) -> None:
    gold = _load(path)
    result = parse_file(ROOT / gold["document"], fmt=gold["format"])
    assert sorted(n.number for n in result.notes) == sorted(map(int, gold["notes"]))


def test_a_gold_file_with_a_made_up_variable_is_reported() -> None:
    gold = _load(GOLD_FILES[0])
    first = next(iter(gold["notes"].values()))
    first["parts"] = [{"kind": "citation", "item": {"type": "book", "booktitle": "X"}}]
    assert any("booktitle" in line for line in _problems(gold))
