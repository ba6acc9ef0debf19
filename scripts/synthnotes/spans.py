"""From a traced rendering to labelled spans on the clean text.

The tracer (``trace``) leaves pairs of private-use characters around every field it saw:
hook pairs (plane 15) whose code indexes the tracer's log, and name pairs (plane 16) whose
code says which item, which role and which person. This module reads them off, joins a
person's name parts and a date's parts into one span each, and, when the clean rendering
differs from the traced one, carries the spans across by aligning the two texts.
"""

from __future__ import annotations

import difflib
import html
import re
from typing import Any, Mapping, Sequence

# Code points: hook calls (open, close) in plane 15, name parts (open, close) in plane 16.
HOOK_OPEN, HOOK_CLOSE, HOOK_SPAN = 0xF0000, 0xF8000, 0x8000
NAME_OPEN, NAME_CLOSE, NAME_SPAN = 0x100000, 0x108000, 0x8000
SENTINEL = re.compile("[\U000F0000-\U0010FFFF]")

#: name variables we put in items, in code order, and their labels
ROLES: tuple[str, ...] = ("author", "editor", "translator", "interviewer", "collection-editor",
                          "container-author", "recipient", "director")
ROLE_LABELS: dict[str, str] = {"author": "author", "editor": "editor", "translator": "translator",
                               "interviewer": "interviewer", "collection-editor": "editor",
                               "container-author": "author", "recipient": "author",
                               "director": "author"}

Span = tuple[int, int, str, int]


def extract(traced: str, entries: Sequence[tuple[str, str | None, int | None]],
            index_of_key: Mapping[str, int]) -> tuple[str, list[Span]]:
    """The text without sentinels and the spans they marked."""
    hooks: dict[int, int] = {}
    names: list[tuple[int, int, int]] = []  # (code, start, end)
    name_open: dict[int, int] = {}
    spans: list[Span] = []
    dates: dict[int, list[Any]] = {}  # group -> [start, end, label, item]
    removed = 0
    for m in SENTINEL.finditer(traced):
        pos = m.start() - removed
        removed += 1
        c = ord(m.group())
        if c < HOOK_CLOSE:
            hooks[c - HOOK_OPEN] = pos
        elif c < NAME_OPEN:
            n = c - HOOK_CLOSE
            start = hooks.pop(n, None)
            if start is None or n >= len(entries) or start == pos:
                continue
            label, key, group = entries[n]
            if key is None or key not in index_of_key:
                continue
            if group is None:
                spans.append((start, pos, label, index_of_key[key]))
            elif group in dates:
                dates[group][1] = pos
            else:
                dates[group] = [start, pos, label, index_of_key[key]]
        elif c < NAME_CLOSE:
            name_open[c - NAME_OPEN] = pos
        else:
            code = c - NAME_CLOSE
            start = name_open.pop(code, None)
            if start is not None and start < pos:
                names.append((code, start, pos))
    stripped = SENTINEL.sub("", traced)
    spans.extend((s, e, label, n) for s, e, label, n in dates.values())
    spans.extend(_people(names, stripped))
    spans.sort()
    return stripped, spans


def _people(parts: list[tuple[int, int, int]], text: str) -> list[Span]:
    """Name parts of one person printed next to each other (only spaces and commas
    between) make one span: ``Berg, Jan van der`` is one name, not three."""
    out: list[Span] = []
    parts.sort(key=lambda p: p[1])
    current: list[int] | None = None  # [code, start, end]
    for code, start, end in parts:
        if current is not None and current[0] == code and not text[current[2]:start].strip(" ,"):
            current[2] = end
            continue
        if current is not None:
            out.append(_person_span(*current))
        current = [code, start, end]
    if current is not None:
        out.append(_person_span(*current))
    return out


def _person_span(code: int, start: int, end: int) -> Span:
    item, rest = divmod(code, len(ROLES) * 16)
    return start, end, ROLE_LABELS[ROLES[rest // 16]], item


def carry(spans: list[Span], old: str, new: str) -> list[Span]:
    """Spans on ``old`` moved onto ``new`` through a character alignment."""
    starts = [0] * (len(old) + 1)
    ends = [0] * (len(old) + 1)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            same = tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)
            starts[i] = j1 + (i - i1) if same else j1
            ends[i + 1] = j1 + (i - i1) + 1 if same else j2
    starts[len(old)] = len(new)
    out = []
    for s, e, label, item in spans:
        ns, ne = starts[s], ends[e]
        # a doubled stop lost at the seam may have been the span's own: keep it inside
        if ne < len(new) and new[ne] == old[e - 1] and new[ne - 1:ne] != old[e - 1]:
            ne += 1
        if ns > 0 and new[ns - 1] == old[s] and new[ns:ns + 1] != old[s]:
            ns -= 1
        if ns < ne:
            out.append((ns, ne, label, item))
    return out


_BRACKETED = re.compile(r"\s*\[([^\[\]]+)\]$")


def split_translated(spans: list[Span], text: str,
                      items: Sequence[Mapping[str, Any]]) -> list[Span]:
    """The engine folds ``translated-title`` into the title as ``Title [Translation]``:
    give the bracketed part its own label."""
    out = []
    for s, e, label, n in spans:
        if label == "title" and items[n].get("translated-title"):
            m = _BRACKETED.search(text, s, e)
            if m and m.end() == e and m.start() > s:
                out.append((s, m.start(), "title", n))
                out.append((m.start(1), m.end(1), "translated-title", n))
                continue
        out.append((s, e, label, n))
    return out


def trimmed(spans: list[Span], text: str) -> list[Span]:
    """Spans without the spaces a date part or a name part may carry at its edges."""
    out = []
    for s, e, label, n in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e, label, n))
    return out


_HTML = re.compile(r"<(/?)([a-z]+)[^>]*>|&(amp|lt|gt|quot|#x?[0-9a-f]+);|[^<&]+", re.I)


def italics(markup: str, text: str) -> list[tuple[int, int]]:
    """Italic spans of ``text`` read from the engine's HTML of the same note."""
    out: list[tuple[int, int]] = []
    plain: list[str] = []
    length = 0
    start: int | None = None
    for m in _HTML.finditer(markup):
        if m.group(2):
            if m.group(2).lower() == "i":
                if m.group(1):
                    if start is not None and start < length:
                        out.append((start, length))
                    start = None
                else:
                    start = length
            continue
        piece = html.unescape(m.group()) if m.group(3) else m.group()
        plain.append(piece)
        length += len(piece)
    return out if "".join(plain) == text else []
