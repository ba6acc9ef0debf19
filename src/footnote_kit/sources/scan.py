"""One pass over a note: its tokens, with offsets, and the spans that structure it.

Why one pass: quotes, brackets and identifiers decide what every later reader may cut
(a semicolon inside a quoted title splits nothing; a full stop inside a URL ends no
sentence). Read once here, they are the same for the splitter, the rules and the learned
field reader, and every token keeps the offsets it came from, so a field can point at
the exact place it was read.

What a scan holds:
- ``tokens``: words, numbers (a range ``45–67`` or ``1,000,000`` is one token),
  punctuation, and identifiers (a URL, DOI or ISBN is one token, found by
  ``identifiers``), each with its quote depth, bracket depth and whether the document set
  it in italics;
- ``quotes``: every quotation, top-level and nested, found by ``titles.quoted_at`` (one
  quote walker for the whole parser);
- ``brackets``: every balanced ``(…)`` and ``[…]`` outside quotes and identifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple, Sequence

from footnote_kit.sources import identifiers
from footnote_kit.sources.titles import OPENERS, Quoted, quoted_at

WORD, NUMBER, PUNCT, URL, DOI, ISBN = "word", "num", "punct", "url", "doi", "isbn"

_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?![\d,])"  # 1,000,000: one number, not three
    r"|\d+[a-z]?(?:\s?[-–—]\s?\d+[a-z]?)+(?!\w)"  # a range 45–67, 13-32, 2019-2020
    r"|\d+(?:[./]\d+)*(?:st|nd|rd|th|er|e|º)?(?![^\W\d_]))"
    r"|(?P<word>[^\W_](?:[^\W_]|[-/.’'‘ʻ](?=[^\W_]))*)"  # words with inner hyphens, apostrophes, dots (U.S.A)
    r"|(?P<punct>\S)"
)
_QUOTE_OPENERS = frozenset(OPENERS)
_BRACKETS = {"(": ")", "[": "]"}


class Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: str
    """``word``, ``num``, ``punct``, ``url``, ``doi`` or ``isbn``."""
    quote: int = 0
    """How many quotations are open around the token (its own quote marks included)."""
    bracket: int = 0
    """How many brackets are open around the token (its own brackets included)."""
    italic: bool = False
    space_before: bool = False
    """White space separates it from the token before."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    """``quote`` (text inside the marks is ``start + 1 … end - 1``), ``(`` or ``[``."""
    depth: int = 0


@dataclass(slots=True)
class Scan:
    text: str
    tokens: list[Token]
    quotes: list[Quoted] = field(default_factory=list)
    """Every quotation, in order of its opening mark; nested ones too."""
    brackets: list[Span] = field(default_factory=list)


def _identifiers(text: str) -> list[tuple[int, int, str]]:
    """URLs, DOIs and ISBNs as (start, end, kind), in order; where two overlap (a DOI
    printed as a URL), the one that starts first is kept."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    while True:
        url = identifiers.find_url(text[pos:])
        if url is None:
            break
        found.append((pos + url.start, pos + url.end, URL))
        pos += url.end
    if "10." in text:
        for m in identifiers.DOI_RE.finditer(text):
            found.append((m.start(), m.start() + len(m.group(0).rstrip(".,;:!?’'\"”»)")), DOI))
    if "ISBN" in text or "isbn" in text:
        for m in identifiers.ISBN_RE.finditer(text):
            found.append((m.start(), m.end(), ISBN))
    found.sort(key=lambda f: (f[0], -f[1]))
    kept: list[tuple[int, int, str]] = []
    for item in found:
        if item[1] > item[0] and (not kept or item[0] >= kept[-1][1]):
            kept.append(item)
    return kept


def _quotes(text: str, holes: Sequence[tuple[int, int, str]]) -> list[Quoted]:
    """Every quotation that opens at a word's start, outside identifiers; nested ones are
    found inside the text of the one around them."""
    out: list[Quoted] = []

    def walk(start: int, end: int, depth: int) -> None:
        i = start
        tries = 0
        while i < end and tries < 12:
            j = _next_opener(text, i, end)
            if j < 0:
                return
            if any(s <= j < e for s, e, _ in holes):
                i = j + 1
                continue
            ch = text[j]
            if (j == 0 or not text[j - 1].isalnum()) and j + 1 < len(text) and (not text[j + 1].isspace() or ch in "«‹"):
                q = quoted_at(text, j)
                if q is not None and q.end <= end and q.text:
                    out.append(q)
                    if depth < 3:
                        walk(j + 1, q.end - 1, depth + 1)
                    i = q.end
                    continue
                tries += 1
            i = j + 1

    if any(c in text for c in _QUOTE_OPENERS):
        walk(0, len(text), 0)
    out.sort(key=lambda q: q.start)
    return out


def _next_opener(text: str, start: int, end: int) -> int:
    best = -1
    for c in OPENERS:
        k = text.find(c, start, end)
        if k >= 0 and (best < 0 or k < best):
            best = k
    return best


def _brackets(text: str, holes: Sequence[tuple[int, int]]) -> list[Span]:
    """Balanced brackets outside quotations and identifiers; an unbalanced one is ignored."""
    out: list[Span] = []
    stack: list[tuple[str, int]] = []
    hole_k = 0
    for i, ch in enumerate(text):
        if ch not in "()[]":
            continue
        while hole_k < len(holes) and holes[hole_k][1] <= i:
            hole_k += 1
        if hole_k < len(holes) and holes[hole_k][0] <= i:
            continue
        if ch in _BRACKETS:
            stack.append((ch, i))
        elif stack and _BRACKETS[stack[-1][0]] == ch:
            opener, at = stack.pop()
            out.append(Span(at, i + 1, opener, len(stack)))
    out.sort(key=lambda s: s.start)
    return out


def _depth(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """How many of ``spans`` cover ``offset`` (a note has few: a loop beats an index)."""
    return sum(1 for s, e in spans if s <= offset < e)


def scan(text: str, emphasis: Sequence[tuple[int, int]] = ()) -> Scan:
    """Read ``text`` once; ``emphasis`` gives the spans the document set in italics."""
    ids = _identifiers(text)
    quotes = _quotes(text, ids)
    brackets = _brackets(text, [(s, e) for s, e, _ in ids])
    qspans = [(q.start, q.end) for q in quotes]
    bspans = [(b.start, b.end) for b in brackets]
    n = len(text)
    tokens: list[Token] = []
    pos = 0
    for s, e, kind in [*ids, (n, n, "")]:
        for m in _TOKEN.finditer(text, pos, s):
            a = m.start()
            tokens.append(
                Token(
                    m.group(0),
                    a,
                    m.end(),
                    m.lastgroup or PUNCT,
                    _depth(qspans, a) if qspans else 0,
                    _depth(bspans, a) if bspans else 0,
                    bool(emphasis) and _depth(emphasis, a) > 0,
                    a > 0 and text[a - 1].isspace(),
                )
            )
        if kind:
            tokens.append(
                Token(
                    text[s:e], s, e, kind, _depth(qspans, s) if qspans else 0, _depth(bspans, s) if bspans else 0,
                    bool(emphasis) and _depth(emphasis, s) > 0, s > 0 and text[s - 1].isspace(),
                )
            )
        pos = e
    return Scan(text, tokens, quotes, brackets)
