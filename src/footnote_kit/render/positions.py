"""Notes -> what to render in each: the citations (with their CSL position) and the words around.

A note such as ``i) Safar, “…”, 2019, https://…; ii) The figure … was revealed by …; See: “Report
…”, p.15, 2020.`` is a sequence of parts. Re-rendered, it must keep its number, its own words
(``ii)``'s explanation, ``See:``) and the glue between parts (``i) ``, ``; ``), and replace only
the citations. So a note becomes a list of ``Segment``s: literal text or one ``Cluster`` to render.

Why positions are computed here and not left to citeproc-py: it decides ``ibid`` from the
cites it has rendered so far, so a source repeated inside one note, or a note whose text
says ``Ibid.`` after a note that cited two works, comes out wrong (the fidelity kit's
difference 11). The rule Chicago and MHRA editors apply is simple and needs the notes, which
we have: *Ibid.* only when the previous note cited exactly this one work; *ibid-with-locator*
when it did so at another page; the short form for any later citation; the full form first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from footnote_kit import pages
from footnote_kit.model import Citation, Ibid, Note, Part, Remark
from footnote_kit.records import Cite as Row
from footnote_kit.records import citable

FIRST = "first"
SUBSEQUENT = "subsequent"
IBID = "ibid"
IBID_WITH_LOCATOR = "ibid-with-locator"


@dataclass(frozen=True)
class Cite:
    """One source cited once: the item's id, the page cited (a locator) and its position."""

    id: str
    locator: str | None = None
    label: str = "page"
    position: str = FIRST


@dataclass(frozen=True)
class Cluster:
    """The cites of one citation, rendered together as one note citation."""

    cites: tuple[Cite, ...]
    note_index: int


@dataclass(frozen=True)
class Segment:
    """A piece of a note: literal ``text`` (the writer's own words), or a ``cluster`` to render."""

    text: str = ""
    cluster: Cluster | None = None


@dataclass(frozen=True)
class NotePlan:
    number: int
    label: str | None
    segments: tuple[Segment, ...]
    ending: str = ""
    """The note's final stop as the writer had it, restored if the rendering lost it."""


@dataclass
class _State:
    """The previous note's cites: what ``Ibid.`` in the next note can refer to."""

    seen: set[str] = field(default_factory=set)
    previous: tuple[Cite, ...] = ()


def plan_notes(notes: Sequence[Note], cites: Sequence[Sequence[Row]]) -> list[NotePlan]:
    """Each note as segments, each citation with the position an editor would give it.

    ``cites`` is ``records.build``'s answer for each note, one entry per note in order
    (``Bibliography.per_note``: by place, since note numbers may repeat): one row per
    ``Citation`` part that names a work, and the rows of the work(s) repeated for an
    ``Ibid`` part, in order, each with the page(s) the note points at. A part with no row
    (a citation that names nothing, an ibid that refers to nothing) keeps the writer's words.
    """
    state = _State()
    plans: list[NotePlan] = []
    for at, note in enumerate(notes):
        rows = list(cites[at]) if at < len(cites) else []  # each row names its part (``Cite.part``)
        segments: list[Segment] = []
        here: list[Cite] = []
        number = 0
        for gap, part in _pieces(note):
            if gap:
                segments.append(Segment(text=gap))
            if part is None:
                continue
            number += 1
            taken = _rows_for(part, number, rows)
            if not taken:
                segments.append(Segment(text=part.text))
                continue
            cluster = []
            for row in taken:
                cite = _position(row.key, row.locator, state, here)
                cluster.append(cite)
                here.append(cite)
                state.seen.add(cite.id)
            before, after = own_words(part)
            if before:
                segments.append(Segment(text=before + " "))
            segments.append(Segment(cluster=Cluster(tuple(cluster), note.number)))
            if after:
                segments.append(Segment(text=after if after[:1] in ",;:." else " " + after))
        ending = note.text.rstrip()[-1:] if note.text.rstrip()[-1:] in {".", "!", "?"} else ""
        plans.append(NotePlan(note.number, note.label, tuple(segments), ending))
        state.previous = tuple(here)
    return plans


def _rows_for(part: Part, number: int, rows: list[Row]) -> list[Row]:
    """The rows of the note's ``number``-th part. A citation that names no work of its own
    (a ``[@key]`` from the writer's bibliography, which has no item here) keeps its words."""
    if isinstance(part, Remark) or (isinstance(part, Citation) and not citable(part.source)):
        return []
    return [row for row in rows if row.part == number]


def _position(item_id: str, locator: str | None, state: _State, here: Sequence[Cite]) -> Cite:
    locator = pages.unlabel(locator)
    if item_id not in state.seen:
        return Cite(item_id, locator, position=FIRST)
    # Ibid. refers to the one work of the preceding citation: the previous note when this is
    # the note's first citation, else the previous citation within this note.
    before = tuple(here) if here else state.previous
    if len(before) >= 1 and before[-1].id == item_id and (here or len(before) == 1):
        last = before[-1]
        if locator and locator != last.locator:
            return Cite(item_id, locator, position=IBID_WITH_LOCATOR)
        if locator is None and last.locator:
            # "Ibid." alone would claim the same page; repeat the short form instead.
            return Cite(item_id, None, position=SUBSEQUENT)
        return Cite(item_id, locator, position=IBID)
    return Cite(item_id, locator, position=SUBSEQUENT)


def own_words(part: Part) -> tuple[str, str]:
    """The writer's words around a citation, to put back around its rendering: its signal
    words (``See``, ``cf.``: ``Citation.prefix``) before it, its commentary (``arguing
    that…``: ``Citation.suffix``) after it, and words the parser kept in the source's
    ``note`` (``livestream recorded here:``), before or after as the writer had them.
    """
    if not isinstance(part, Citation):
        return "", ""
    before, after = _note_words(part)
    prefix, suffix = _printed_prefix(part), _printed_suffix(part)
    return " ".join(w for w in (prefix, before) if w), " ".join(w for w in (after, suffix) if w)


def _printed_prefix(part: Citation) -> str:
    """The prefix as the note printed it (``See:`` keeps its colon), else as given."""
    if not part.prefix:
        return ""
    m = re.match(r"\s*" + re.escape(part.prefix) + r"[:,]?", part.text, re.I)
    return m.group(0).strip() if m else part.prefix


def _printed_suffix(part: Citation) -> str:
    """The suffix with the glue before it as printed (``, arguing that…``), else
    ``, suffix``: the rendered citation's full stop gives way to the comma when the note is
    joined (``output.join_note``)."""
    if not part.suffix:
        return ""
    at = part.text.rfind(part.suffix)
    glue = re.search(r"[\s,;:–—(]*$", part.text[:at]) if at >= 0 else None
    if glue is None or not glue.group(0).strip():
        return ", " + (part.text[at:].rstrip() if at >= 0 else part.suffix)
    return part.text[glue.start() :].strip()


def _note_words(part: Citation) -> tuple[str, str]:
    """Each word of the source's ``note`` is found in order in the citation's text; runs of
    words adjacent there are one fragment. A fragment at the very start goes before."""
    if not part.source.note:
        return "", ""
    text = part.text
    runs: list[list[int]] = []
    pos = 0
    for word in part.source.note.split():
        at = text.find(word, pos)
        if at < 0:
            return "", part.source.note  # cannot place it: after the citation, whole
        if runs and not text[runs[-1][1] : at].strip():
            runs[-1][1] = at + len(word)
        else:
            runs.append([at, at + len(word)])
        pos = at + len(word)
    if not runs:
        return "", ""
    fragments = [text[a:b] for a, b in runs]
    if not text[: runs[0][0]].strip():
        return fragments[0], " ".join(fragments[1:])
    return "", " ".join(fragments)


def _pieces(note: Note) -> list[tuple[str, Citation | Remark | Ibid | None]]:
    """Each part with the text before it that belongs to no part (``i) ``, ``; ``).

    The parts' texts are found in order in the note's text; what lies between them is the
    writer's glue and is kept. When a part's text cannot be found (a parser that rewrote
    it), parts are simply joined with a space.
    """
    out: list[tuple[str, Citation | Remark | Ibid | None]] = []
    text = note.text
    pos = 0
    found_all = True
    spans = []
    for part in note.parts:
        needle = part.text.strip()
        at = text.find(needle, pos) if needle else -1
        if at < 0:
            found_all = False
            break
        spans.append((at, at + len(needle)))
        pos = at + len(needle)
    if not found_all:
        for i, part in enumerate(note.parts):
            out.append(("" if i == 0 else " ", part))
        return out
    pos = 0
    for (start, end), part in zip(spans, note.parts):
        out.append((text[pos:start], part))
        pos = end
    if text[pos:].strip():
        out.append((text[pos:], None))
    return out
