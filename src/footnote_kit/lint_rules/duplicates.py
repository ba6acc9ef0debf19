"""``duplicate-source``: one source cited under two different forms.

The same article cited once as ``http://site/a`` and once as ``https://www.site/a/``, or
with a different title or date in a later note, exports as two records and renders as
two entries in the bibliography. The identity of a source is its DOI, ISBN or URL
(normalised); titles alone are not enough (the UN publishes many reports under one title).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from footnote_kit.lint_rules import Document, problem
from footnote_kit.model import Citation, Note, Problem, Source, iso_date

NAME = "duplicate-source"


def identity(src: Source) -> str | None:
    if src.DOI:
        return "doi:" + src.DOI.lower().strip()
    if src.ISBN:
        return "isbn:" + re.sub(r"[^0-9Xx]", "", src.ISBN).upper()
    if src.URL:
        url = re.sub(r"^https?://(www\.)?", "", src.URL.strip(), flags=re.I)
        url = re.sub(r"[?&](utm_[a-z]+|fbclid|gclid)=[^&#]*", "", url)
        host, _, rest = url.partition("/")
        return "url:" + host.lower() + "/" + rest.rstrip("/")
    return None


def _norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def differences(a: Source, b: Source) -> list[str]:
    """What tells two citations of one source apart (empty when they agree)."""
    out = []
    if a.URL and b.URL and a.URL != b.URL:
        out.append(f"URL {a.URL} vs {b.URL}")
    for attr, label in (("title", "title"), ("container_title", "outlet")):
        x, y = getattr(a, attr), getattr(b, attr)
        if x and y and _norm(x) != _norm(y):
            out.append(f"{label} '{x}' vs '{y}'")
    if a.issued and b.issued and a.issued != b.issued:
        out.append(f"date {iso_date(a.issued)} vs {iso_date(b.issued)}")
    ax, bx = {_norm(n.display()) for n in a.author}, {_norm(n.display()) for n in b.author}
    if ax and bx and ax != bx:
        out.append("authors differ")
    return out


def check(doc: Document) -> Iterator[Problem]:
    first: dict[str, tuple[Note, Source]] = {}
    reported: set[tuple[str, tuple[str, ...]]] = set()
    for note in doc.notes:
        for part in note.parts:
            if not isinstance(part, Citation):
                continue
            key = identity(part.source)
            if key is None:
                continue
            if key not in first:
                first[key] = (note, part.source)
                continue
            earlier, src = first[key]
            diff = differences(src, part.source)
            if diff and (key, tuple(diff)) not in reported:
                reported.add((key, tuple(diff)))
                yield problem(
                    doc, NAME, f"note {note.number} cites the source of note {earlier.number} in another form: {'; '.join(diff)}",
                    note, needle=(part.source.URL or "")[:40] or None,
                )
