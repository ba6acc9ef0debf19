"""Numbered notes in plain text (PLACEHOLDER: first cut, being replaced by the parser work)."""

from __future__ import annotations

import re

from footnote_kit.errors import InputError
from footnote_kit.model import Location, RawNote
from footnote_kit.notes import FoundNotes

_START = re.compile(r"^(\d{1,5})\s+(\S.*)$")


def find_notes(text: str, *, file: str | None = None, notes: tuple[int, int] | None = None) -> FoundNotes:
    out: list[RawNote] = []
    for i, line in enumerate(text.splitlines(), 1):
        m = _START.match(line)
        if m and (notes is None or notes[0] <= int(m.group(1)) <= notes[1]):
            out.append(RawNote(number=int(m.group(1)), text=m.group(2), location=Location(file, i)))
    if not out:
        raise InputError("no numbered notes found", file=file)
    return FoundNotes(notes=tuple(out), ranges=((out[0].number, out[-1].number),))
