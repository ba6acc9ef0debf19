"""Any input a command accepts -> notes, records with keys, and the note -> keys map.

Why one loader: export, check and render all take "a document with notes, or a
bibliography the user already has" (``.bib``, CSL-JSON). Deciding which, reading it, and
building records happens here once, so every command accepts the same inputs and names the
same keys for the same sources. What it returns is ``loaded.Loaded``.

A document is parsed (``parse.parse_file``) and its citations become records
(``records.build``). A ``.bib`` or CSL-JSON file is read as it is: its records keep their
keys (entries without a key get one by the key rules), and it has no notes. The readers
return what they could read plus problems; ``load`` refuses a file that could not be read
whole (an ``InputError`` at the first problem's file and line) unless ``partial`` asks for
what could be read (render and lint want that), so each command names the same problem.
"""

from __future__ import annotations

import os
from dataclasses import replace

from footnote_kit.errors import InputError
from footnote_kit.loaded import Loaded
from footnote_kit.model import Note, Problem, Record

__all__ = ["Loaded", "kind_of", "load", "load_bibliography", "whole"]

BIB_SUFFIXES = frozenset({".bib", ".bibtex", ".biblatex"})
JSON_SUFFIXES = frozenset({".json", ".csljson"})


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
    partial: bool = False,
) -> Loaded:
    """Read a document or a bibliography; raises ``InputError`` when it cannot be read whole.

    ``fmt`` (``--from``) names the document reader and makes the file a document. With
    ``partial``, a bibliography with unreadable entries gives the others, and its errors
    are in ``problems``."""
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
    loaded = load_bibliography(text, kind=kind, file=shown_name(name))
    return loaded if partial else whole(loaded)


def load_bibliography(text: str, *, kind: str, file: str | None = None) -> Loaded:
    """A ``.bib`` or CSL-JSON text -> what could be read, plus problems; entries without a
    key get one."""
    if kind == "bibtex":
        from footnote_kit.formats import bibtex

        loaded = bibtex.read(text, file=file)
    else:
        from footnote_kit.formats import csljson

        loaded = csljson.read(text, file=file)
    return replace(loaded, records=tuple(_fill_keys(list(loaded.records))))


def whole(loaded: Loaded) -> Loaded:
    """``loaded`` when nothing of the input was lost, else ``InputError`` at its first error:
    for commands whose output must hold every entry (export writes a converted file)."""
    for problem in loaded.unread():
        raise InputError(problem.message, file=problem.location.file, line=problem.location.line)
    return loaded


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
        problems=tuple(warnings),
        kind=kind,
        locators=locators,
        cites=bib.cites,
        left_out=bib.left_out,
        per_note=bib.per_note,
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
