"""The development corpus and its gold agree with each other and with the README's format.

A gold file that names a note the reader does not find, or misses one it does, would
score the parser against the wrong notes; an ``ibid`` pointing at a later note or at a
note that cites nothing, or a part kind the README does not define, would make the
figures of ``scripts/eval_parse.py`` meaningless. These checks keep the hand-written
files honest as more documents are added (by several hands).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from footnote_kit.notes import read_notes

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
CORPUS_GOLD = sorted(
    p
    for p in GOLD.glob("*.json")
    if str(json.loads(p.read_text(encoding="utf-8")).get("document", "")).startswith("tests/data/corpus/")
)
KINDS = {"citation", "note", "ibid"}
FORMATS = {"markdown", "latex", "html", "plain"}


def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_the_corpus_has_gold_files() -> None:
    assert CORPUS_GOLD, "no gold file points at tests/data/corpus/"


@pytest.mark.parametrize("path", CORPUS_GOLD, ids=lambda p: p.stem)
def test_gold_file_has_the_readme_keys(path: Path) -> None:
    gold = _gold(path)
    for key in ("source", "licence", "document", "format", "language", "genre", "split", "notes"):
        assert gold.get(key), f"{path.name}: missing {key!r}"
    assert gold["split"] in {"train", "heldout"}
    assert gold["format"] in FORMATS
    assert (ROOT / gold["document"]).is_file(), f"{path.name}: {gold['document']} does not exist"


KNOWN_READER_GAPS: dict[str, str] = {}
"""Documents whose notes the reader does not yet find exactly; the gold says how they read."""


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, marks=pytest.mark.xfail(reason=KNOWN_READER_GAPS[p.stem], strict=True)) if p.stem in KNOWN_READER_GAPS else p for p in CORPUS_GOLD],
    ids=lambda p: p.stem,
)
def test_gold_names_exactly_the_notes_the_reader_finds(path: Path) -> None:
    gold = _gold(path)
    document = ROOT / gold["document"]
    found = read_notes(document.read_text(encoding="utf-8"), file=str(document), fmt=gold["format"])
    assert sorted(gold["notes"]) == sorted(n.printed for n in found.notes)


def _number(key: str) -> int:
    """A gold key's note number: ``15a`` (a note inserted after 15) is note 15's."""
    return int(key.rstrip("abcdefghijklmnopqrstuvwxyz"))


@pytest.mark.parametrize("path", CORPUS_GOLD, ids=lambda p: p.stem)
def test_every_part_is_well_formed(path: Path) -> None:
    notes = _gold(path)["notes"]
    citing = {
        _number(k) for k, v in notes.items() if any(p["kind"] in ("citation", "ibid") for p in v["parts"])
    }
    for number, note in notes.items():
        assert note["text"].strip(), f"note {number}: empty text"
        assert note["parts"], f"note {number}: no parts"
        for part in note["parts"]:
            assert part["kind"] in KINDS, f"note {number}: kind {part['kind']!r}"
            if part["kind"] == "citation":
                assert part["item"].get("type"), f"note {number}: a citation without a type"
            if part["kind"] == "ibid" and part.get("refers_to") is not None:
                ref = part["refers_to"]
                assert ref <= _number(number), f"note {number}: ibid refers forward to {ref}"
                assert ref in citing, f"note {number}: ibid refers to note {ref}, which cites nothing"


@pytest.mark.parametrize("path", CORPUS_GOLD, ids=lambda p: p.stem)
def test_printed_field_values_are_in_the_note_text(path: Path) -> None:
    """Values are copied from the note as printed: each must occur in the note's text."""
    skip = {"type", "issued", "accessed", "language", "genre", "note", "id", "edition"}
    for number, note in _gold(path)["notes"].items():
        for part in note["parts"]:
            values = [part[k] for k in ("prefix", "suffix", "locator") if k in part]
            for key, value in part.get("item", {}).items():
                if key in skip:
                    continue
                if isinstance(value, list):
                    values += [name.get("literal") or name.get("family") for name in value]
                else:
                    values.append(value)
            # the comma or stop a writer puts inside the closing quotes is no part of the title
            text = re.sub(r"[,.](?=[’”\"'»]+)", "", note["text"])
            for value in values:
                assert str(value) in note["text"] or str(value) in text, f"note {number}: {value!r} is not in the text"


_SCHEMA = json.loads((ROOT / "tests" / "data" / "csl-data.json").read_text(encoding="utf-8"))
CSL_VARIABLES = set(_SCHEMA["items"]["properties"]) | {"translated-title", "event-title"}  # event-title: CSL 1.0.2
CSL_TYPES = set(_SCHEMA["items"]["properties"]["type"]["enum"])
PART_KEYS = {
    "citation": {"kind", "item", "prefix", "locator", "suffix"},
    "ibid": {"kind", "refers_to", "locator", "prefix"},
    "note": {"kind"},
}


def _problems(gold: dict[str, Any]) -> list[str]:
    """Every way a gold file's notes depart from tests/data/gold/README.md, one line each:
    part keys, CSL variables and types (from the CSL-JSON schema), ``refers_to``."""
    out: list[str] = []
    for number, note in gold.get("notes", {}).items():
        if not re.fullmatch(r"[0-9]+[a-z]{0,3}", number) or set(note) != {"text", "parts"} or not note["parts"]:
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
                if target is not None and not (isinstance(target, int) and 0 < target <= _number(number)):
                    out.append(f"note {number}: refers_to {target!r} is not this note or an earlier one")
    return out


@pytest.mark.parametrize("path", CORPUS_GOLD, ids=lambda p: p.stem)
def test_gold_file_uses_only_csl_variables_and_documented_part_keys(path: Path) -> None:
    assert _problems(_gold(path)) == []


def test_a_gold_file_with_a_made_up_variable_is_reported() -> None:
    gold = _gold(CORPUS_GOLD[0])
    first = next(iter(gold["notes"].values()))
    first["parts"] = [{"kind": "citation", "item": {"type": "book", "booktitle": "X"}}]
    assert any("booktitle" in line for line in _problems(gold))
