"""Any input a command accepts -> notes, records with keys, and the note -> keys map.

Why one loader: export, check and render all take "a document with notes, or a
bibliography the user already has" (``.bib``, CSL-JSON). Deciding which, reading it, and
building records happens here once, so every command accepts the same inputs and names the
same keys for the same sources.

A document is parsed (``parse.parse_file``) and its citations become records
(``records.build``). A ``.bib`` or CSL-JSON file is read as it is: its records keep their
keys (entries without a key get one by the key rules), and it has no notes. Nothing is
returned when the file cannot be read whole: a syntax error raises ``InputError`` with the
file and line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from typing import TYPE_CHECKING

from footnote_kit.model import Note, Problem, Record

if TYPE_CHECKING:
    from footnote_kit.records import Cite, LeftOut

BIB_SUFFIXES = frozenset({".bib", ".bibtex", ".biblatex"})
JSON_SUFFIXES = frozenset({".json", ".csljson"})


@dataclass(frozen=True)
class Loaded:
    """What an input holds, whatever its kind.

    ``notes`` is empty for a bibliography file. ``note_keys`` maps a note number to the
    keys it cites, in order, ``Ibid.`` included (empty for a bibliography file). ``kind``
    is ``document``, ``bibtex`` or ``csl-json``.
    """

    notes: tuple[Note, ...] = ()
    records: tuple[Record, ...] = ()
    note_keys: dict[int, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    kind: str = "document"
    locators: dict[int, tuple[tuple[str, str | None, bool], ...]] = field(default_factory=dict)
    """Per note: (key, locator, came-by-ibid) for each citation."""
    cites: dict[int, tuple[Cite, ...]] = field(default_factory=dict)
    """Per note: each citation in full (with its prefix, suffix and part), for ``--map``."""
    left_out: dict[int, tuple[LeftOut, ...]] = field(default_factory=dict)
    """Per note: the parts that became no entry, and why (a remark cites nothing...)."""


def kind_of(path: str | os.PathLike[str], text: str | None = None) -> str:
    """``bibtex``, ``csl-json`` or ``document``, from the suffix (or, for ``-``, the text)."""
    from footnote_kit.documents import by_suffix

    reader = by_suffix(path)
    if reader is not None and reader.bibliography:
        return reader.name
    if text is not None and os.fspath(path) == "-":
        head = text.lstrip()[:1]
        if head == "[":
            return "csl-json"
        if head == "@":
            return "bibtex"
    return "document"


def load(
    path: str | os.PathLike[str],
    *,
    notes: tuple[int, int] | None = None,
    encoding: str | None = None,
    fmt: str | None = None,
) -> Loaded:
    """Read a document or a bibliography; raises ``InputError`` when it cannot be read whole.

    ``fmt`` (``--from``) names the document reader and makes the file a document."""
    from footnote_kit.files import read_text, shown_name

    name = os.fspath(path)
    kind = "document" if fmt else kind_of(name)
    if kind == "document" and (name != "-" or fmt):
        return _document(name, notes, encoding, fmt)
    text = read_text(name, encoding=encoding)
    kind = kind_of(name, text)
    if kind != "document" and notes is not None:
        from footnote_kit.errors import UsageError

        raise UsageError(f"--notes selects notes of a document; {name} is a bibliography ({kind})")
    if kind == "document":
        from footnote_kit.parse import parse_text

        return _from_notes(parse_text(text, file=shown_name(name), notes=notes).notes, (), kind)
    return load_bibliography(text, kind=kind, file=shown_name(name))


def load_bibliography(text: str, *, kind: str, file: str | None = None) -> Loaded:
    """A ``.bib`` or CSL-JSON text -> records; entries without a key get one."""
    if kind == "bibtex":
        from footnote_kit.formats import bibtex

        records, problems = bibtex.read(text, file=file)
    else:
        from footnote_kit.formats import csljson

        records, problems = csljson.read(text, file=file)
    return Loaded(records=tuple(_fill_keys(records)), warnings=tuple(problems), kind=kind)


def _document(name: str, notes: tuple[int, int] | None, encoding: str | None, fmt: str | None = None) -> Loaded:
    from footnote_kit.parse import parse_file

    result = parse_file(name, notes=notes, encoding=encoding, fmt=fmt)
    return _from_notes(result.notes, result.warnings, "document")


def _from_notes(notes: tuple[Note, ...], warnings: tuple[Problem, ...], kind: str) -> Loaded:
    from footnote_kit.records import build

    bib = build(notes)
    locators = {n: tuple((c.key, c.locator, c.ibid) for c in cites) for n, cites in bib.cites.items()}
    return Loaded(
        notes=tuple(notes),
        records=bib.records,
        note_keys=bib.note_keys,
        warnings=tuple(warnings),
        kind=kind,
        locators=locators,
        cites=bib.cites,
        left_out=bib.left_out,
    )


def _fill_keys(records: list[Record]) -> list[Record]:
    """Keys the file did not give are made by the key rules, never clashing with its own."""
    if all(r.key for r in records):
        return records
    from footnote_kit import citekeys

    taken = [r.key for r in records if r.key]
    missing = [r for r in records if not r.key]
    new = iter(citekeys.assign([r.source for r in missing], taken))
    out = []
    for r in records:
        if r.key:
            out.append(r)
        else:
            key = next(new)
            out.append(replace(r, key=key, source=r.source.with_changes(id=key)))
    return out
