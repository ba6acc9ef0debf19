"""Labelled notes for training and measuring the parser, from every corpus we have.

Each corpus yields ``Example``s: a note's text, its emphasis spans, the labelled spans
of its fields (from gold parts or annotated reference strings), and, for gold files, the
gold parts themselves (for field-level scoring).

- ``anystyle``: AnyStyle's annotated references (BSD-2-Clause, tests/data/anystyle). ``core.xml`` trains; ``gold.xml`` minus the references that are
  also in core.xml is the held-out fold.
- ``grobid``: GROBID's citation evaluation files (CC-BY 4.0).
- ``synthetic``: notes rendered by our own CSL engine (scripts/make_synthetic_notes.py).
- ``gold``: the hand-checked notes in tests/data/gold/*.json, by split (``train`` or
  ``heldout``); the bundled example (central-asia.json) is its own corpus, ``example``.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from footnote_kit.sources.learned.align import Labelled, spans  # noqa: E402
from footnote_kit.sources.learned.labels import canonical  # noqa: E402

# Kept in the repository with their licences, so that a clone can rebuild the shipped model.
ANYSTYLE_CORE = ROOT / "tests" / "data" / "anystyle" / "core.xml"
ANYSTYLE_GOLD = ROOT / "tests" / "data" / "anystyle" / "gold.xml"
GROBID = sorted((ROOT / "tests" / "data" / "grobid").glob("*.tei.xml"))
GOLD_DIR = ROOT / "tests" / "data" / "gold"
EXAMPLE_GOLD = GOLD_DIR / "central-asia.json"
EXAMPLE_NOTES = ROOT / "examples" / "central-asia-notes.txt"
SYNTHETIC = ROOT / "build" / "synthetic-notes-{count}.jsonl"


@dataclass
class Example:
    text: str
    labelled: list[Labelled]
    corpus: str
    emphasis: tuple[tuple[int, int], ...] = ()
    parts: list[dict[str, Any]] | None = None
    """Gold parts (JSON form), where the corpus has them."""
    number: int | None = None
    doc: str | None = None
    wanted: int = 0
    found: int = 0


_ANYSTYLE_LABELS = {
    "author": "author", "editor": "editor", "translator": "translator", "title": "title",
    "journal": "container-title", "container-title": "container-title", "collection-title": "collection-title",
    "date": "issued", "volume": "volume", "pages": "page", "publisher": "publisher", "location": "publisher-place",
    "url": "URL", "doi": "DOI", "isbn": "ISBN", "genre": "genre", "edition": "edition", "director": "author",
    "producer": "author",
}  # fmt: skip
_LEAD_MARK = {
    "page": re.compile(r"^(?:pp?|pages?|S)\.?\s*", re.I),
    "volume": re.compile(r"^(?:vols?|volume|bd|t)\.?\s*", re.I),
    "DOI": re.compile(r"^(?:doi:?\s*|https?://(?:dx\.)?doi\.org/)", re.I),
    "editor": re.compile(r"^(?:(?:ed(?:ited)?|eds)\.?\s+by|ed\.|eds\.|hrsg\.?\s*v\.?)\s*", re.I),
    "translator": re.compile(r"^(?:trans(?:lated)?\.?\s*(?:by)?|übers\.?\s*v\.?)\s*", re.I),
}
_TRAIL_ROLE = re.compile(r"\s*\(?(?:eds?|hrsg|ed\. by)\.?\)?[.,:]?\s*$", re.I)
_EDGE = " ,;:.\"“”„«»‘’'()[]"


def _trim(label: str, value: str) -> tuple[int, int]:
    """The offsets, within ``value``, of the field's own words (no punctuation, quotes or
    markers around them): the convention the gold files follow."""
    start, end = 0, len(value)
    mark = _LEAD_MARK.get(label)
    if mark:
        m = mark.match(value)
        if m:
            start = m.end()
    if label in ("editor", "author"):
        m = _TRAIL_ROLE.search(value)
        if m:
            end = m.start()
    while start < end and value[start] in _EDGE:
        start += 1
    while end > start and value[end - 1] in _EDGE and not (value[end - 1] == "." and end - start <= 3):
        if value[end - 1] == ")" and "(" in value[start:end]:
            break
        end -= 1
    return start, end


def _reference(pieces: list[tuple[str, str]], corpus: str) -> Example:
    """A reference string from labelled pieces joined by single spaces (AnyStyle's rule)."""
    text = ""
    labelled: list[Labelled] = []
    for tag, value in pieces:
        value = " ".join(value.split())
        if not value:
            continue
        if text:
            text += " "
        label = _ANYSTYLE_LABELS.get(tag)
        if label:
            a, b = _trim(label, value)
            if a < b:
                labelled.append(Labelled(len(text) + a, len(text) + b, label, 0))
        text += value
    return Example(text, labelled, corpus, parts=None)


def _anystyle(path: Path, corpus: str, exclude: set[str] | None = None) -> Iterator[Example]:
    for seq in ET.parse(path).getroot().findall("sequence"):
        pieces = [(e.tag, e.text or "") for e in seq if e.tag != "citation-number"]
        ex = _reference(pieces, corpus)
        if exclude is not None and ex.text in exclude:
            continue
        yield ex


def anystyle_train() -> list[Example]:
    return list(_anystyle(ANYSTYLE_CORE, "anystyle-core"))


def anystyle_heldout() -> list[Example]:
    """AnyStyle's gold set without the references core.xml also holds (204 of them)."""
    seen = {ex.text for ex in _anystyle(ANYSTYLE_CORE, "anystyle-core")}
    return list(_anystyle(ANYSTYLE_GOLD, "anystyle-heldout", exclude=seen))


_TEI = "{http://www.tei-c.org/ns/1.0}"
_GROBID_LABELS = {"author": "author", "editor": "editor", "date": "issued", "publisher": "publisher", "pubPlace": "publisher-place", "ptr": "URL"}


def grobid() -> list[Example]:
    out: list[Example] = []
    for path in GROBID:
        for bibl in ET.parse(path).getroot().iter(_TEI + "bibl"):
            pieces: list[tuple[str, str]] = []
            if bibl.text and bibl.text.strip():
                pieces.append(("", bibl.text))
            for el in bibl:
                tag = el.tag.replace(_TEI, "")
                value = "".join(el.itertext())
                if tag == "title":
                    tag = "title" if el.get("level") in ("a", None) else "journal" if el.get("level") == "j" else "container-title" if el.get("level") == "m" else "collection-title"
                elif tag == "biblScope":
                    tag = {"volume": "volume", "page": "pages", "issue": "issue"}.get(el.get("unit") or "", "")
                elif tag == "idno":
                    tag = "doi" if (el.get("type") or "").upper() == "DOI" else ""
                else:
                    tag = {k: k for k in ("author", "editor", "date", "publisher")}.get(tag, {"pubPlace": "location", "ptr": "url"}.get(tag, ""))
                pieces.append((tag, value))
                if el.tail and el.tail.strip():
                    pieces.append(("", el.tail))
            ex = _glued(pieces, "grobid")
            if ex.text:
                out.append(ex)
    return out


def _glued(pieces: list[tuple[str, str]], corpus: str) -> Example:
    """A reference whose pieces are glued as printed (TEI keeps the spaces in the text)."""
    text = ""
    labelled: list[Labelled] = []
    for tag, value in pieces:
        label = _ANYSTYLE_LABELS.get(tag) or ("issue" if tag == "issue" else None)
        if label:
            a, b = _trim(label, value)
            if a < b:
                labelled.append(Labelled(len(text) + a, len(text) + b, label, 0))
        text += value
    text2 = " ".join(text.split())
    if text2 != text:  # collapse white space, moving the offsets with it
        mapping = []
        out = []
        prev_space = False
        for i, c in enumerate(text):
            if c.isspace():
                if prev_space or not out:
                    mapping.append(len(out))
                    continue
                prev_space = True
                mapping.append(len(out))
                out.append(" ")
            else:
                prev_space = False
                mapping.append(len(out))
                out.append(c)
        mapping.append(len(out))
        joined = "".join(out).rstrip()
        labelled = [Labelled(mapping[s], min(mapping[e], len(joined)), lab, k) for s, e, lab, k in labelled if mapping[s] < mapping[e]]
        text = joined
    return Example(text, labelled, corpus)


def synthetic(count: int) -> list[Example]:
    """``count`` synthetic notes (scripts/make_synthetic_notes.py, seed 1), made once and
    kept in build/."""
    import subprocess

    path = Path(str(SYNTHETIC).format(count=count))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        script = ROOT / "scripts" / "make_synthetic_notes.py"
        subprocess.run([sys.executable, str(script), "--count", str(count), "--seed", "1", "-o", str(path)], check=True, stdout=subprocess.DEVNULL)
    out: list[Example] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            labelled = sorted(Labelled(s, e, canonical(lab), k) for s, e, lab, k in row["spans"])
            labelled = _pages_as_gold(labelled, row.get("sources", []))
            italic = tuple((int(a), int(b)) for a, b in row.get("italic", ()))
            out.append(Example(row["text"], labelled, "synthetic", emphasis=italic))
    return out


def _pages_as_gold(labelled: list[Labelled], sources: list[dict[str, Any]]) -> list[Labelled]:
    """The gold convention for pages (tests/data/gold/README.md): a citation's pages are its
    ``page`` unless it prints the work's own range too; only then, and for a repetition,
    is the pinpoint a ``locator``."""
    with_range = {span.part for span in labelled if span.label == "page"}
    out = []
    for span in labelled:
        kind = sources[span.part].get("kind") if span.part < len(sources) else "citation"
        if span.label == "locator" and kind == "citation" and span.part not in with_range:
            span = span._replace(label="page")
        out.append(span)
    return out


def _example_raw() -> dict[str, str]:
    start = re.compile(r"^(\d{1,5})\s+(\S.*)$")
    notes: dict[str, str] = {}
    last: str | None = None
    for line in EXAMPLE_NOTES.read_text(encoding="utf-8").splitlines():
        m = start.match(line)
        if m and (last is None or int(m.group(1)) == int(last) + 1):
            last = m.group(1)
            notes[last] = m.group(2).strip()
        elif line.strip() and last is not None:
            notes[last] += " " + line.strip()
    return notes


def gold_files(split: str | None = None) -> list[Path]:
    """The development corpus's gold files (not the bundled example), by split."""
    out = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        if path == EXAMPLE_GOLD:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if split is None or data.get("split") == split:
            out.append(path)
    return out


def gold(path: Path, corpus: str | None = None) -> list[Example]:
    """The notes of one gold file, with the emphasis the document's reader finds."""
    data = json.loads(path.read_text(encoding="utf-8"))
    emphasis = _document_emphasis(data)
    out: list[Example] = []
    for number, note in data["notes"].items():
        if isinstance(note, list):  # the bundled example's older form: parts only
            continue
        text = note["text"]
        parts = note["parts"]
        labelled, wanted, found = spans(text, parts)
        out.append(
            Example(text, labelled, corpus or path.stem, emphasis=emphasis.get(text, ()), parts=parts, number=int(re.sub(r"[a-z]+$", "", number)), doc=path.stem, wanted=wanted, found=found)
        )
    return out


def _document_emphasis(data: dict[str, Any]) -> dict[str, tuple[tuple[int, int], ...]]:
    """Italic spans of each note, keyed by its text, as footnote-kit's reader finds them."""
    doc = data.get("document")
    if not doc or not (ROOT / doc).exists():
        return {}
    try:
        from footnote_kit.notes import read_notes

        found = read_notes((ROOT / doc).read_text(encoding="utf-8"), file=doc, fmt=data.get("format"))
    except Exception:  # noqa: BLE001 - a reader failure only loses the italics
        return {}
    return {n.text: n.emphasis for n in found.notes if n.emphasis}


def example() -> list[Example]:
    data = json.loads(EXAMPLE_GOLD.read_text(encoding="utf-8"))["notes"]
    raw = _example_raw()
    out = []
    for number, parts in data.items():
        text = raw[number]
        labelled, wanted, found = spans(text, parts)
        out.append(Example(text, labelled, "example", parts=parts, number=int(number), doc="central-asia", wanted=wanted, found=found))
    return out


def dev(split: str) -> list[Example]:
    out: list[Example] = []
    for path in gold_files(split):
        out.extend(gold(path, corpus=f"dev-{split}"))
    return out
