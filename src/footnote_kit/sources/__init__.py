"""Note text -> parts (citations, remarks, ibid.): the second stage of the pipeline.

PLACEHOLDER first cut: one citation per note holding its URL; being replaced by the
parser work (splitting, authors, titles, dates, locators, identifiers, ibid.).
"""

from __future__ import annotations

import re
from typing import Sequence

from footnote_kit.model import Citation, Note, Problem, RawNote, Source

_URL = re.compile(r"https?://\S+")


def parse_notes(raw: Sequence[RawNote]) -> tuple[list[Note], list[Problem]]:
    out = []
    for r in raw:
        m = _URL.search(r.text)
        source = Source(type="webpage", URL=m.group(0).rstrip(".;,") if m else None)
        out.append(Note(number=r.number, text=r.text, parts=(Citation(source=source, text=r.text),), location=r.location, label=r.label))
    return out, []
