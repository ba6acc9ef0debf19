"""``unparsed-citation``: a note that looks like a citation but gave no usable source.

A note with a URL, or a citation part the parser kept, that has no title, no outlet or
author, a URL that stops mid-word, or a key field the learned reader read with very low
confidence, will export as a broken record and render as garbage. Reporting it at commit
time, with what is missing, lets the writer fix the note while the source is still open
in a tab.
"""

from __future__ import annotations

import re
from typing import Iterator

from footnote_kit import urls
from footnote_kit.lint_rules import Document, problem
from footnote_kit.model import Citation, Problem, Remark

NAME = "unparsed-citation"

DOUBT = 0.3
"""Below this, the learned reader's confidence in a key field means the note's shape is
one it barely knows: the reading is likely wrong, and worth the writer's look."""
_KEY_FIELDS = ("title", "author", "container-title", "publisher")

# A URL that ends in a separator, an escape cut in half or an ellipsis was truncated,
# by a PDF line or by hand: no site ends its addresses that way.
_CUT = re.compile(r"(?:[-_%=&+~]|%[0-9A-Fa-f]|…|\.\.\.)$")


def cut_short(url: str) -> bool:
    """True when ``url`` plainly stops before its end (or has no real host: no dot, and
    not an IPv6 address in brackets)."""
    host = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("/", 1)[0]
    return bool(_CUT.search(url)) or ("." not in host and not host.startswith("["))


def check(doc: Document) -> Iterator[Problem]:
    for note in doc.notes:
        for part in note.parts:
            if isinstance(part, Citation):
                src = part.source
                missing = []
                if not src.title:
                    missing.append("no title")
                if not (src.container_title or src.publisher or src.author or src.collection_title):
                    missing.append("no outlet or author")
                found = urls.find(part.text)
                url = src.URL or (found.url if found else None)
                if url and cut_short(url):
                    missing.append(f"the URL is cut short ({url})")
                doubtful = [f"{k} ({v:.2f})" for k, v in part.confidence.items() if k in _KEY_FIELDS and v < DOUBT and getattr(src, k.replace("-", "_"), None)]
                if doubtful and not missing:
                    missing.append(f"read with low confidence: {', '.join(doubtful)}")
                if missing:
                    yield problem(
                        doc, NAME, f"note {note.number}: could not read a complete source: {', '.join(missing)}",
                        note, needle=url[:40] if url else None,
                    )
            elif isinstance(part, Remark):
                cited = urls.find(part.text)
                if cited:
                    yield problem(
                        doc, NAME, f"note {note.number}: cites {cited.url} but no source could be read from it",
                        note, needle=part.text[cited.start : cited.end][:40],
                    )
