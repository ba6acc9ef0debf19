"""Note text -> parts (citations, remarks, ibid.): the second stage of the pipeline.

One recogniser per module: ``split`` (a note -> segments), ``signals`` (See, Vgl., …),
``titles``, ``names``, ``dates``, ``locators``, ``identifiers``, ``language``, ``kinds``,
``imprint`` (Berlin 2008), ``legal`` (cases, statutes), ``pandoc`` (citations by key);
``citation`` reads one segment with them (``takeout`` first takes out links and access
dates, ``heads`` reads names and unquoted titles, ``rest`` what follows a title, ``pieces``
each comma-separated piece of it, ``styles`` the full-stop separated bibliography styles,
German colon notes and author-date references, ``draft`` holds the source being read);
``ibid`` and ``shortform`` recognise repetitions, which are resolved here because
resolution needs the notes before.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from footnote_kit.model import Citation, Ibid, Note, Part, Problem, RawNote, Remark, Source
from footnote_kit.sources import ibid as ibid_mod
from footnote_kit.sources import pandoc, shortform, signals
from footnote_kit.sources.citation import read_segment_detailed
from footnote_kit.sources.draft import with_page
from footnote_kit.sources.split import split_note

__all__ = ["parse_notes", "parse_note_text"]

Cited = tuple[int, Source]
"""A source with the number of the note that first printed it."""



def parse_note_text(text: str, history: shortform.History | Sequence[Cited] | None = None) -> list[Part]:
    """The parts of one note's text; ibid. parts are left unresolved (no sources).

    ``history`` (the sources cited before, with their note numbers, as a list or as the
    ``shortform.History`` that ``parse_notes`` keeps) lets a shortened note
    (``Smith, Long Road Home, 45.``) be recognised as the repetition it is."""
    if history is not None and not isinstance(history, shortform.History):
        cited = shortform.History()
        for number, source in history:
            cited.add(number, source)
        history = cited
    return [part for part, _ in _read_parts(text, history)]


def _read_parts(text: str, history: shortform.History | None) -> list[tuple[Part, str | None]]:
    """The parts of one note's text, each with the author an unresolved ``op. cit.``
    names (so that resolving it need not read the ibid. again)."""
    parts: list[tuple[Part, str | None]] = []
    if "@" in text and "[" in text:
        keyed, rest = pandoc.find(text)
        if keyed:
            words = rest.strip(" .,;:")
            if words:
                parts.append((Remark(text.strip()), None))
            for cite in keyed:
                source = Source(type="document", id=cite.key, page=cite.locator)
                text = f"[{cite.prefix + ' ' if cite.prefix else ''}@{cite.key}{', ' + cite.locator if cite.locator else ''}]"
                parts.append((Citation(source=source, text=text, prefix=cite.prefix or None), None))
            return parts
    for seg in split_note(text):
        parts.extend(read_one(seg, history))
    return parts


def read_one(seg: str, history: shortform.History | None) -> list[tuple[Part, str | None]]:
    """The parts of one segment (a repetition, a citation, a remark, or a remark and the
    link it ends with), each with the author an unresolved ``op. cit.`` names."""
    ref = ibid_mod.match(seg)
    if ref is not None:
        return [(Ibid(text=seg, locator=ref.locator), ref.author)]
    short = shortform.resolve(seg, history) if history is not None and history.cited else None
    if short is not None:
        number, source, locator = short
        repeated = with_page(source, locator) if locator else source
        return [(Ibid(text=seg, refers_to=number, sources=(repeated,), locator=locator), None)]
    if signals.internal(seg):
        return [(Remark(seg), None)]  # ``See section 3.2, p. 45.``: the writer's own document
    read = read_segment_detailed(seg)
    parts: list[tuple[Part, str | None]] = []
    if read.remark:
        parts.append((Remark(read.remark), None))
    if read.source is None:
        parts.append((Remark(seg), None))
    else:
        citation = Citation(source=read.source, text=read.own or seg, prefix=read.prefix, suffix=read.suffix, locator=read.locator, certain=read.certain)
        parts.append((citation, None))
    return parts


_WORDED = ("title", "container_title", "publisher", "note")


def _without_signal(part: Citation) -> Citation:
    """Signal words are never a field (``Voir aussi la Knowledge Ecology …`` read as the
    outlet when the pointer stood mid-note): a field that opens with a pointer loses it,
    and the citation takes it as its prefix when it has none. In ``note`` (words that fit
    no field) any opening signal word goes, whatever follows it (``see for example:``,
    ``See her book``); in the other fields only a pointer a source follows, since a title
    may begin with such a word (``Voir et planifier``) -- unless the reader already took
    those very words as the citation's prefix (``See letter to the Matin``: the pointer
    is then known, and a field that repeats it, at its head or as an unclosed
    parenthesis at its end, holds the note's words twice)."""
    source, prefix = part.source, part.prefix
    changes: dict[str, str | None] = {}
    for attr in _WORDED:
        value = getattr(source, attr)
        if not value:
            continue
        rest = _without_prefix(value, prefix) if prefix else value
        words, rest = signals.strip_any(rest) if attr == "note" else signals.strip(rest)
        if words is not None:
            prefix = prefix or words
        if rest != value:
            changes[attr] = rest.strip(" ,:;") or None
    if not changes:
        return part
    return replace(part, source=source.with_changes(**changes), prefix=prefix)


def _without_prefix(value: str, prefix: str) -> str:
    """``value`` without the citation's own ``prefix`` where it repeats it: at its head
    (``Vgl. hierzu bspw.: Cobabus`` -> ``Cobabus``) or as an unclosed parenthesis at its
    end (``… matériel libre (voir la page dédiée sur``)."""
    words = r"\W+".join(re.escape(w) for w in prefix.split())
    head = re.match(rf"\s*{words}(?!\w)[\s.,:;]*", value, re.I)
    if head and head.end() < len(value):
        value = value[head.end() :]
    tail = re.search(rf"\s*\(\s*{words}[\s.,:;]*$", value, re.I)
    if tail and tail.start() > 0:
        value = value[: tail.start()]
    return value


def parse_notes(raw: Sequence[RawNote], *, reader: str | None = None) -> tuple[list[Note], list[Problem]]:
    """Parse every note and resolve each ``Ibid.``/``op. cit.`` to the note it repeats.

    ``reader`` is ``rules``, ``model`` or ``combined`` (see ``learned.combine``); by
    default the combination, or the rules alone where no model is installed."""
    notes: list[Note] = []
    problems: list[Problem] = []
    previous: list[Cited] = []
    history = shortform.History()
    if reader is not None and reader not in READERS:
        from footnote_kit.errors import UsageError

        raise UsageError(f"--reader must be {', '.join(READERS[:-1])} or {READERS[-1]}, not {reader!r}")
    mode = reader or _default_reader()
    for r in raw:
        parts: list[Part] = []
        read = _read_parts(r.text, history)
        if mode != "rules" and read:
            from footnote_kit.sources.learned.combine import refine

            read = refine(r.text, read, r.emphasis, mode)
        read = [(_without_signal(p) if isinstance(p, Citation) else p, a) for p, a in read]
        for part, author in read:
            if isinstance(part, Ibid) and part.refers_to is not None:  # a short form, resolved
                previous = [(part.refers_to, part.sources[0])]
            elif isinstance(part, Ibid):
                part, cited = _resolve(part, author, previous, history, r, problems)
                if cited:
                    previous = cited
            elif isinstance(part, Citation):
                previous = [(r.number, part.source)]
                history.add(r.number, part.source)
            parts.append(part)
        notes.append(Note(number=r.number, text=r.text, parts=tuple(parts), location=r.location, label=r.label))
    return notes, problems


READERS = ("rules", "model", "combined")
"""How fields are read: the hand-written rules, the learned model alone, or both."""


def _default_reader() -> str:
    from footnote_kit.sources.learned import tagger

    return "combined" if tagger.available() else "rules"


def _resolve(part: Ibid, author: str | None, previous: list[Cited], history: shortform.History, r: RawNote, problems: list[Problem]) -> tuple[Ibid, list[Cited]]:
    if author:
        cited = _by_author(author, history)
        what = f"op. cit. names {author!r}, whom no earlier note cites"
    else:
        cited = list(previous)
        what = "Ibid. with no earlier citation to repeat"
    if not cited:
        problems.append(Problem(what, r.location, code="ibid-unresolved", note=r.number))
        return part, []
    origins = {n for n, _ in cited}
    refers_to = cited[0][0] if len(origins) == 1 else max(origins)
    sources = tuple(with_page(s, part.locator) if part.locator else s for _, s in cited)
    return Ibid(text=part.text, refers_to=refers_to, sources=sources, locator=part.locator), cited


def _by_author(author: str, history: shortform.History) -> list[Cited]:
    """The latest source whose author's family name (or literal name) the op. cit. names."""
    want = author.lower().replace(".", "").split()
    for number, source in reversed(history.cited):
        for name in source.author:
            family = (name.family or name.literal or "").lower()
            if family and (family in want or family == " ".join(want)):
                return [(number, source)]
    return []
