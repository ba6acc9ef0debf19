"""Where the URLs are in a text, as printed: across a space or a line break the copy left.

``fix`` rewrites a user's file and must change the URL text only, so it needs each URL's
exact span, including a URL that a PDF copy cut in two (``…eksperty.h tml``,
``…indian-doctor⏎suspected-of-…``). A plain ``https?://\\S+`` stops at the cut; here a URL
goes on over white space when what follows can only be its rest: the tail of a file
extension, or a chunk that looks like a path and not like prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_START = re.compile(r"\bhttps?://", re.I)
_CHUNK = re.compile(r"[^\s<>\"'“”‘’«»()\[\]{}\\]+")
_TRAILING = ".,;:!?"
_GAP = re.compile(r"[ \t]*(\r?\n)?[ \t]*")
_EXT_TAIL = re.compile(r"\.(?:s?h(?:t(?:ml?)?)?|ph|as(?:px?)?)$", re.I)
_EXT_REST = re.compile(r"^(?:s?h?t?ml?|tml|ml|l|hp|p|px|x)(?=$|[.,;:)\]])", re.I)
_PATHLIKE = re.compile(r"^[\w%~]+(?:[-_/=&#.][\w%~]*)*[-_/=&#][\w%~]", re.U)


@dataclass(frozen=True)
class UrlSpan:
    """A URL in a text: ``text[start:end]`` is the URL as printed (white space included);
    ``url`` is the same with the white space removed; ``breaks`` are offsets in ``url``
    where a line ended."""

    start: int
    end: int
    url: str
    breaks: tuple[int, ...] = ()


def url_spans(text: str, *, across_lines: bool = True) -> list[UrlSpan]:
    """Every http(s) URL in ``text``, with trailing sentence punctuation left out."""
    out: list[UrlSpan] = []
    pos = 0
    width = _wrap_width(text)
    while True:
        m = _START.search(text, pos)
        if not m:
            return out
        chunk = _CHUNK.match(text, m.start())
        end = chunk.end() if chunk else m.end()
        pieces = [text[m.start() : end]]
        breaks: list[int] = []
        while True:
            gap = _GAP.match(text, end)  # matched in place: slicing the rest of the text per URL was quadratic
            assert gap is not None
            if gap.end() == end or gap.end() >= len(text):
                break
            nxt = _CHUNK.match(text, gap.end())
            # A URL goes on over a line break only where the line was full: a short line
            # ended where its author ended it, not where the page did.
            full = _line_length(text, end) >= 0.8 * width
            if not nxt or not _continues(pieces[-1], nxt.group(0), newline=bool(gap.group(1)), across_lines=across_lines and full):
                break
            if gap.group(1):
                breaks.append(sum(map(len, pieces)))
            pieces.append(nxt.group(0))
            end = nxt.end()
        raw_end = end
        while raw_end > m.start() and text[raw_end - 1] in _TRAILING:
            raw_end -= 1
        url = "".join(text[m.start() : raw_end].split())
        out.append(UrlSpan(m.start(), raw_end, url, tuple(b for b in breaks if b < len(url))))
        pos = max(end, m.end())


def _continues(before: str, after: str, *, newline: bool, across_lines: bool) -> bool:
    """Is ``after`` the rest of the URL ``before``, cut by white space?"""
    if before[-1:] in _TRAILING.replace(".", "") or _START.match(after):
        return False
    if _EXT_TAIL.search(before) and _EXT_REST.match(after):
        return True  # ``.h tml``: nothing else reads that way
    if not newline or not across_lines:
        return False
    if before[-1:] in ".":
        return False
    # A wrapped URL goes on with path-like text: separators inside, no sentence shape.
    return bool(_PATHLIKE.match(after.rstrip(_TRAILING))) and not after[:1].isupper()


def _wrap_width(text: str) -> int:
    """The width the text was wrapped at: its longest lines (a hard-wrapped copy from a
    PDF has many lines of nearly that length; a text of one line a paragraph has none)."""
    lengths = sorted((len(line) for line in text.splitlines()), reverse=True)
    return lengths[len(lengths) // 10] if lengths else 0


def _line_length(text: str, pos: int) -> int:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return len(text[start : end if end != -1 else len(text)].rstrip())
