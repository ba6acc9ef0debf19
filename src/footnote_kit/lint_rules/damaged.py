"""``damaged-url``: a URL that copying out of a PDF broke, with its likely repair.

Where a PDF wrapped a URL, the copied text keeps a space inside it (``…eksperty.h tml``)
or loses the hyphen at the break (``indian-doctorsuspected``). A writer who does not
notice cites a dead link. The repair module (``footnote_kit.links.repair``, issue 7) finds
the URL as printed across the space (``urls.spans``) and calls a URL damaged only when its
best candidate rests on a removed space, a fixed-format dash or a split whose both sides
are words the note's title or the document knows (``damaged``); lint shows that
candidate. Nothing is fetched: evidence is ``check --repair``'s business.

The site's habits come from the URLs of the same host and the vocabulary from every
title of the document (as ``repair_all`` does), not from every URL's words. Both are
prepared once per document (``Witnesses``): lint runs on every commit, and preparing
them per URL made it quadratic in the number of notes.
"""

from __future__ import annotations

from typing import Iterator

from footnote_kit.links.damage import Witnesses
from footnote_kit.links.repair import damaged
from footnote_kit.lint_rules import Document, problem
from footnote_kit.model import Citation, Note, Problem
from footnote_kit.urls import spans as url_spans

NAME = "damaged-url"


def _titles(note: Note, url: str, printed: str) -> tuple[str | None, str | None]:
    """The title and translated title of the citation that prints ``url``."""
    for part in note.parts:
        if isinstance(part, Citation) and (part.source.URL == url or printed in part.text or url in part.text):
            return part.source.title, part.source.translated_title
    return None, None


def check(doc: Document) -> Iterator[Problem]:
    spans = [url_spans(note.text) for note in doc.notes]
    titles = [t for note in doc.notes for part in note.parts if isinstance(part, Citation)
              for t in (part.source.title, part.source.translated_title) if t]
    known = Witnesses(titles, [s.url for in_note in spans for s in in_note], url_vocabulary=False)
    for note, in_note in zip(doc.notes, spans):
        for span in in_note:
            printed = note.text[span.start : span.end]
            title, translated = _titles(note, span.url, printed)
            found = damaged(span.url, title=title, translated_title=translated, breaks=span.breaks, limit=3, witnesses=known)
            spaced = any(c.isspace() for c in printed)  # not ``&amp;``, which the URL reads as ``&``
            if not found and not spaced:
                continue
            best = found[0] if found else span.url
            what = f"a space inside the URL '{printed}'" if spaced else f"the URL {span.url} looks damaged by copying from a PDF"
            also = f" (also: {', '.join(found[1:3])})" if len(found) > 1 else ""
            yield problem(doc, NAME, f"note {note.number}: {what}; likely {best}{also}", note, needle=printed.split()[0][:40])
