"""``damaged-url``: a URL that copying out of a PDF broke, with its likely repair.

Where a PDF wrapped a URL, the copied text keeps a space inside it (``…eksperty.h tml``)
or loses the hyphen at the break. A writer who does not notice cites a dead link. The
space is found here; the lost hyphen needs the title's words as evidence, which the
repair module (``footnote_kit.links.repair``) weighs when it is installed.
"""

from __future__ import annotations

import re
from typing import Iterator

from footnote_kit.lint_rules import Document, clean_url, problem
from footnote_kit.model import Citation, Note, Problem

NAME = "damaged-url"

# A URL, one space, then a fragment that can only be the rest of the URL: it either
# completes a file extension the URL began (``.h`` + ``tml``) or carries URL syntax
# (a slash, a hyphen between word characters, a query) and ends the citation.
_SPLIT = re.compile(r"(https?://[^\s<>\"]+) ([^\s<>\"“”‘’]+)(?=[\s;,)]|$)")
_EXTENSIONS = ("html", "htm", "shtml", "php", "aspx", "asp", "jsp", "pdf", "cfm")
_URL_SYNTAX = re.compile(r"[/=&%?#]|\w[-_]\w|\.(?:html?|php|aspx?|pdf)\b")


def space_repairs(text: str) -> list[tuple[str, str]]:
    """``(as printed, repaired)`` for each URL with a space left inside it."""
    out = []
    for m in _SPLIT.finditer(text):
        head, tail = m.group(1), clean_url(m.group(2))
        if not tail or tail[0] in "([" or tail.lower() in ("and", "or", "et", "und", "p", "pp"):
            continue
        joined = head + tail
        completes = any(joined.lower().endswith("." + e) for e in _EXTENSIONS) and not any(
            head.lower().rstrip(".,;").endswith("." + e) for e in _EXTENSIONS
        )
        if completes or (_URL_SYNTAX.search(tail) and not tail[0].isupper()):
            out.append((f"{head} {tail}", joined))
    return out


def _candidates(url: str, note: Note, title: str | None, translated: str | None) -> list[str]:
    """Ask the repair module for ranked originals of ``url``; [] when it is not there."""
    try:
        from footnote_kit.links import repair
    except ImportError:
        return []
    find = getattr(repair, "candidates", None)
    if find is None:
        return []
    try:
        found = find(url, title=title, translated_title=translated)
    except TypeError:
        found = find(url)
    return [c if isinstance(c, str) else getattr(c, "url", str(c)) for c in found if c != url]


def check(doc: Document) -> Iterator[Problem]:
    for note in doc.notes:
        seen: set[str] = set()
        for printed, repaired in space_repairs(note.text):
            seen.add(repaired)
            seen.add(printed.split(" ", 1)[0])
            yield problem(
                doc, NAME, f"note {note.number}: a space inside the URL '{printed}'; likely {repaired}",
                note, needle=printed.split(" ", 1)[0][:40],
            )
        for part in note.parts:
            if not isinstance(part, Citation) or not part.source.URL or part.source.URL in seen:
                continue
            src = part.source
            found = _candidates(src.URL, note, src.title, src.translated_title)
            if found:
                yield problem(
                    doc, NAME, f"note {note.number}: the URL looks damaged by copying from a PDF; likely {found[0]}"
                    + (f" (also: {', '.join(found[1:3])})" if len(found) > 1 else ""),
                    note, needle=src.URL[:40],
                )
