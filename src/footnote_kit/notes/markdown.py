"""Footnotes in pandoc / CommonMark (GFM) Markdown.

Two kinds, as pandoc reads them:

- definitions, ``[^label]: text`` at the start of a line, continued by indented lines
  (four spaces or a tab), by indented paragraphs after a blank line, and by unindented
  lines that carry on the same paragraph ("lazy" lines);
- inline notes, ``^[text]``, with nested brackets, on one paragraph.

Numbering is pandoc's (and GitHub's), so that "note 4" in a message is note 4 of the
rendered document: notes are numbered in the order they are *called* in the text (a
definition by its first ``[^label]``, an inline note where it stands), wherever their
text is written; a definition never called comes after them all. A named label
(``[^smith]``) is kept in ``RawNote.label``, and the location is where the note's text
is. When every label is a number and there are no inline notes, the labels are the
numbers: a writer who typed ``[^698]`` means note 698. A number with a letter added
(``[^15a]``, a note inserted in a later edition) is note 15 with its label ``15a``
(``RawNote.printed``), and the notes after it keep their own numbers.

Fenced code blocks are skipped (a footnote example in a code block is not a note).
A reference to a label that is never defined, a label defined twice and a definition
never referenced are warnings. A label defined twice takes its later definition, as
pandoc's Markdown does (GitHub and CommonMark take the first; the warning says both).

Inline HTML and character entities inside a note (``<em>``, ``<span …>``, ``&nbsp;``) are
read as the text they show, as the HTML reader reads them; italics (``*…*``, ``_…_``,
``<em>``, ``<i>``) become ``RawNote.emphasis``.
"""

from __future__ import annotations

import re

from footnote_kit.model import Location, Problem, RawNote
from footnote_kit.notes.found import FoundNotes, NoNotes
from footnote_kit.notes.inline import _close, markdown_to_text, take_emphasis, tidy_emphasis
from footnote_kit.notes.wrap import join

_DEFINITION = re.compile(r" {0,3}\[\^([^\]\s\[^]{1,200})\]:[ \t]?(.*)")
_LINK_DEFINITION = re.compile(r" {0,3}\[([^\]^][^\]]*)\]:[ \t]*<?(\S+?)>?(?:[ \t]+.*)?$")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_REFERENCE = re.compile(r"\[\^([^\]\s\[^]{1,200})\](?!:)")
_NUMBERED_LABEL = re.compile(r"([0-9]{1,18})[a-z]{0,3}$")
"""A label that is a note number, or one with a letter added (``15a``: a note inserted
between 15 and 16 in a later edition)."""
_INDENT = re.compile(r"(?: {4}|\t| {0,3}\t)")


def find_notes(text: str, *, file: str | None = None) -> FoundNotes:
    lines = text.split("\n")
    code = _code_lines(lines)
    references = {
        m.group(1).strip().lower(): m.group(2)
        for i, line in enumerate(lines)
        if i not in code and (m := _LINK_DEFINITION.match(line))
    }
    # (where it is called, 0-based line of its text, label, physical lines)
    found: list[tuple[tuple[float, int], int, str | None, list[str]]] = []
    problems: list[Problem] = []
    defined: dict[str, int] = {}
    used_lines: set[int] = set()
    i = 0
    while i < len(lines):
        m = _DEFINITION.match(lines[i]) if i not in code else None
        if m is None:
            i += 1
            continue
        label = m.group(1)
        body, i_next = _definition_body(lines, i, m.group(2), code)
        used_lines.update(range(i, i_next))
        if label in defined:
            # pandoc's Markdown reader (2.17) prints the later definition; GitHub (cmark-gfm)
            # and pandoc's commonmark/gfm readers the first. We read pandoc's Markdown.
            problems.append(
                Problem(
                    f"footnote [^{label}] is defined twice (also at line {defined[label] + 1}); pandoc's Markdown "
                    "prints this later definition, GitHub and CommonMark the first",
                    Location(file, i + 1),
                    code="duplicate-note",
                )
            )
            found = [f for f in found if f[2] != label]
        defined[label] = i
        found.append(((0, 0), i, label, body))
        i = i_next

    referenced = _referenced_labels(lines, code)
    found = [(referenced.get(label or "", (float("inf"), line)), line, label, body) for _, line, label, body in found]
    found.extend(((line, col), line, None, body) for line, col, body in _inline_notes(lines, code, used_lines))
    found.sort(key=lambda f: f[0])
    for label, (where, _col) in referenced.items():
        line = int(where)
        if label not in defined:
            problems.append(
                Problem(f"footnote [^{label}] is referenced but never defined", Location(file, line + 1), code="missing-note")
            )
    for label, line in defined.items():
        if label not in referenced:
            problems.append(
                Problem(f"footnote [^{label}] is defined but never referenced", Location(file, line + 1), code="unused-note")
            )
    if not found:
        raw = _raw_html_notes(text, file)
        return raw if raw is not None else _numbered_lines(text, file, references)

    numbered = [_NUMBERED_LABEL.match(label or "") for _, _, label, _ in found]
    numeric = all(numbered)
    notes: list[RawNote] = []
    for order, ((_, line, label, body), m) in enumerate(zip(found, numbered), 1):
        plain, links = markdown_to_text(join(body), references)
        number = int(m.group(1)) if numeric and m is not None else order
        keep = None if label is None or (numeric and label.isdigit()) else label
        body_text, emphasis = take_emphasis(join([tidy_emphasis(plain)]))
        notes.append(
            RawNote(
                number=number, text=body_text, location=Location(file, line + 1), label=keep, links=tuple(links), emphasis=emphasis
            )
        )
    for note in notes:
        if not note.text:
            problems.append(Problem("footnote is empty", note.location, code="empty-note", note=note.number))
    problems.sort(key=lambda p: p.location.line or 0)
    return FoundNotes(notes=tuple(notes), problems=tuple(problems), ranges=_ranges([n.number for n in notes]))


_HTML_NOTE_HINT = re.compile(r"""<(?:li|div|p|aside|section|a)\b[^>]*\b(?:id|class|epub:type|role)=["'](?:fn|_?ftn|footnote|endnote|doc-)""", re.I)


# A note's number written as a raw HTML anchor at a line start, as Word's and Google
# Docs' HTML export leave them (``<a href="#_ftnref1" id="_ftn1">[1]</a> Text``).
_ANCHOR_NUMBER = re.compile(r"^<a\b[^>]*>\s*\[?(\d{1,5})\]?\s*</a>[ \t]*", re.M)


def _raw_html_notes(text: str, file: str | None) -> FoundNotes | None:
    """Notes written as raw HTML inside the Markdown (a footnote list pasted from a web
    page or a Word export, which every Markdown renderer passes through): the HTML
    reader's, when the markup marks notes."""
    if not _HTML_NOTE_HINT.search(text):
        return None
    from footnote_kit.notes import html

    try:
        return html.find_notes(text, file=file, markup_only=True)
    except NoNotes:
        return None


def _numbered_lines(text: str, file: str | None, references: dict[str, str]) -> FoundNotes:
    """No footnote syntax: notes typed as numbered lines (``1. Smith, …``) under a
    ``Notes`` heading or called from the text, as drafts pasted from Word have them."""
    from footnote_kit.notes import plain

    if "<a" in text:
        text = _ANCHOR_NUMBER.sub(r"\1. ", text)
    try:
        found = plain.find_notes(text, file=file, evidence=True)
    except NoNotes:
        raise NoNotes(
            "no footnotes found (looked for [^label]: definitions, ^[inline notes] and numbered notes under a Notes heading)",
            file=file,
        ) from None
    notes = []
    for note in found.notes:
        marked, links = markdown_to_text(note.text, references)
        body, emphasis = take_emphasis(" ".join(tidy_emphasis(marked).split()))
        notes.append(RawNote(number=note.number, text=body, location=note.location, links=tuple(links), emphasis=emphasis))
    return FoundNotes(notes=tuple(notes), problems=found.problems, ranges=found.ranges)


def _code_lines(lines: list[str]) -> set[int]:
    """Lines inside fenced code blocks (fence lines included)."""
    code: set[int] = set()
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if fence is None:
            if m:
                fence = m.group(1)
                code.add(i)
        else:
            code.add(i)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip()[len(m.group(1)) :].strip():
                fence = None
    return code


def _definition_body(lines: list[str], start: int, first: str, code: set[int]) -> tuple[list[str], int]:
    """The physical lines of one definition, and the index just after it."""
    body = [first]
    i = start + 1
    blank = not first.strip()
    while i < len(lines) and i not in code:
        line = lines[i]
        if not line.strip():
            blank = True
            i += 1
            continue
        indented = _INDENT.match(line)
        if indented:
            body.append(line[indented.end() :])
        elif blank or _DEFINITION.match(line) or line.lstrip().startswith("#"):
            break
        else:
            body.append(line)
        blank = False
        i += 1
    # Trailing blank lines belong to whatever comes next.
    while i - 1 > start and not lines[i - 1].strip():
        i -= 1
    return body, i


def _inline_notes(lines: list[str], code: set[int], skip: set[int]) -> list[tuple[int, int, list[str]]]:
    """``^[…]`` notes as (line, column, physical lines), each within its paragraph (which
    bounds the bracket scan)."""
    out: list[tuple[int, int, list[str]]] = []
    paragraph: list[int] = []

    def flush() -> None:
        if not paragraph:
            return
        text = "\n".join(lines[k] for k in paragraph)
        if "^[" in text:
            starts = [0]
            for k in paragraph[:-1]:
                starts.append(starts[-1] + len(lines[k]) + 1)
            pos = text.find("^[")
            while pos >= 0:
                end = _close(text, pos + 1, "[", "]")
                if end < 0:
                    break
                row = sum(1 for s in starts if s <= pos) - 1
                out.append((paragraph[row], pos - starts[row], text[pos + 2 : end].split("\n")))
                pos = text.find("^[", end)
        paragraph.clear()

    for i, line in enumerate(lines):
        if i in code or i in skip or not line.strip():
            flush()
            continue
        paragraph.append(i)
    flush()
    return out


def _referenced_labels(lines: list[str], code: set[int]) -> dict[str, tuple[float, int]]:
    """Label -> (line, column) of its first call (``[^x]`` not followed by ``:``)."""
    refs: dict[str, tuple[float, int]] = {}
    for i, line in enumerate(lines):
        if i in code or "[^" not in line:
            continue
        for m in _REFERENCE.finditer(line):
            refs.setdefault(m.group(1), (i, m.start()))
    return refs


def _ranges(numbers: list[int]) -> tuple[tuple[int, int], ...]:
    if not numbers:
        return ()
    return ((min(numbers), max(numbers)),)
