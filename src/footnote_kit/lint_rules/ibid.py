"""``orphan-ibid``: ``Ibid.`` with no earlier note to repeat.

It happens when notes are reordered or a chapter is split: the ibid. now opens the
chapter, or follows a note that cites nothing, and silently points at the wrong source.
"""

from __future__ import annotations

import re
from typing import Iterator

from footnote_kit.lint_rules import Document, problem
from footnote_kit.model import Ibid, Problem

NAME = "orphan-ibid"

_IBID = re.compile(r"^\W*(ibid|ibidem|id)\b\.?", re.I)


def check(doc: Document) -> Iterator[Problem]:
    for i, note in enumerate(doc.notes):
        ibids = [p for p in note.parts if isinstance(p, Ibid)]
        if ibids:
            for part in ibids:
                if part.refers_to is None or not part.sources:
                    yield problem(doc, NAME, _message(note.number, i), note)
        elif i == 0 and _IBID.match(note.text) and len(note.text) < 80:
            # The parser did not recognise the ibid. but the note is one, and nothing precedes it.
            yield problem(doc, NAME, _message(note.number, i), note)


def _message(number: int, index: int) -> str:
    if index == 0:
        return f"note {number}: 'Ibid.' but no note comes before it in this file"
    return f"note {number}: 'Ibid.' but no earlier note cites a source it could repeat"
