"""URLs in text: where one begins, where it ends, and the one form every command uses.

Why one module: ``parse``/``export``, ``check`` (and its cache), ``fix``, ``lint`` and the
pre-commit hook must agree on what a note cites. When each found URLs with its own
pattern the copies drifted, and a note ending ``https://example.org/var_name_.`` was
exported with the ``_`` and checked (and cached) without it.

The rules, each for a reason a reader of notes meets:

- A URL begins with ``http://``, ``https://``, ``ftp://`` or ``www.`` (any case) and runs
  to white space, a control character or a character no URL prints: ``< > " “ ” « »``,
  the backtick, and a backslash before a letter (a LaTeX command). A backslash before
  punctuation is an escape (Markdown's ``\\_``, LaTeX's ``\\%``): the URL holds the
  character.
- Brackets belong to a URL only in balanced pairs: a Wikipedia URL keeps ``_(bar)`` and an
  IPv6 host keeps ``[2001:db8::1]``; the URL ends before the first ``)``, ``]`` or ``}``
  that closes nothing (``(see https://x.org/a)``, ``[t](https://x.org/a)``,
  ``\\href{https://x.org/a}{…}``).
- Sentence punctuation and quotes after it are not part of it (``.,;:!?`` and
  ``' " ’ ” » › ‘ „``), nor a ``*`` (Markdown emphasis, a footnote mark) or an opening
  bracket: no cited URL ends in one. A ``_`` at the end is part of the path
  (``var_name_``) unless an emphasis ``_`` opened before the URL and is still open
  (``_https://x.org/a_``).
- ``&amp;`` is the HTML spelling of ``&``: the URL holds ``&``.
- Damage from line wrapping that cannot be read two ways is mended: a space inside a
  file extension (``…/eksperty.h tml``); in a wrapped file (``spans``), also a line break
  inside a path when the line was full and the next one goes on like a path.

A URL is kept otherwise as printed: the repair stage (``links.repair``) needs the
damaged form, and export must not change what the writer cited. Stdlib only: the hook
imports this on every commit.
"""

from __future__ import annotations

import re
from typing import NamedTuple

START = r"(?:https?://|ftp://|www\.)"
"""Where a URL begins (match it ignoring case)."""
_PLAIN = "[^\\s<>\"“”«»`\\\\\x00-\x1f\x7f]"
_ESCAPE = "\\\\[!-/:-@\\[-`{-~]"
_BODY = f"(?:{_PLAIN}+(?:{_ESCAPE}{_PLAIN}*)*|{_ESCAPE}(?:{_PLAIN}|{_ESCAPE})*)"
URL_RE = re.compile(START + _BODY, re.I)
"""A URL as printed before trimming: up to white space or a character no URL prints."""
TRAIL = ".,;:!?'\"’”»›*([{‘„\\"
"""Characters never at the end of a URL as cited: sentence punctuation, quotes, a ``*``,
an opening bracket (``_`` and closing brackets have their own rules)."""
_OPENERS = {")": "(", "]": "[", "}": "{"}
_AMP = "&amp;"
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")

# A fragment after a space that completes a file extension: "…eksperty.h tml" -> "….html".
_EXT_TAIL = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|pdf|cfm)$", re.I)
_FRAGMENT = re.compile(r"([A-Za-z0-9]{1,6})(?=[.,;:)\]]*$)")
_SPACED_FRAGMENT = re.compile("\\s([A-Za-z0-9]{1,6})(?=[.,;:)\\]]*(?:[\\s<>\"“”«»`\x00-\x1f\x7f]|$))")
_SPACE = re.compile(r"\s")
_GAP = re.compile(r"[ \t]*(\r?\n)?[ \t]*")
_PATHLIKE = re.compile(r"^[\w%~]+(?:[-_/=&#.][\w%~]*)*[-_/=&#][\w%~]", re.U)
_EMPHASIS = re.compile(r"_+")


class Url(NamedTuple):
    """A URL in a text: ``text[start:end]`` is the URL as printed (a mended space or line
    break included); ``url`` is the URL cited (``normalise``); ``breaks`` are offsets in
    ``url`` where a line ended inside it."""

    url: str
    start: int
    end: int
    breaks: tuple[int, ...] = ()


_BEGINS = re.compile(START, re.I)


def begins(text: str) -> bool:
    """Whether ``text`` begins as a URL does (a PDF link's printed text, a line's start)."""
    return _BEGINS.match(text) is not None


def may_hold(text: str) -> bool:
    """Whether ``text`` may hold a URL: a chain of substring tests, far cheaper than a
    search on the most notes, which cite none."""
    return "://" in text or (("w." in text or "W." in text) and "www." in text.lower())


def search(text: str, pos: int = 0) -> re.Match[str] | None:
    """``URL_RE.search(text, pos)``, begun where a match can first begin."""
    start = _search_start(text, pos)
    return URL_RE.search(text, start) if start >= 0 else None


def _search_start(text: str, pos: int) -> int:
    """No URL_RE match begins before this index (-1: none can), so its search may start
    here (it has no look-behind); without this it tries its case-blind three-way
    alternation at every index before the URL.

    A match holds ``://`` five, four or three places in (``https://``, ``http://``,
    ``ftp://``), or begins ``www.`` in any case: ``w`` and ``W`` are the only characters
    that match ``w`` ignoring case. A ``www.`` all in lower case holds ``ww``; one with a
    ``W`` holds ``www.`` (lowered) within two places of its first ``W``."""
    scheme = text.find("://", pos)
    end = len(text) if scheme < 0 else scheme  # a www. from here on starts after the bound
    start = max(scheme - 5, pos) if scheme >= 0 else -1
    ww = text.find("ww", pos, end)
    if ww >= 0 and (start < 0 or ww < start):
        start = ww
    cap = text.find("W", pos, end)
    while cap >= 0 and (start < 0 or cap - 2 < start):
        if "www." in text[max(cap - 2, pos) : cap + 4].lower():
            return max(cap - 2, pos)
        cap = text.find("W", cap + 1, end)
    return start


def find(text: str, pos: int = 0) -> Url | None:
    """The first URL in ``text`` at or after ``pos``, trimmed, and mended across one space
    when the fragment after it plainly completes its file extension."""
    if not may_hold(text):
        return None
    m = search(text, pos)
    if m is None:
        return None
    start, end = m.span()
    printed = m.group(0)
    cut = _balanced_end(printed)
    if cut < len(printed):
        return _finish(text, start, start + cut)
    mended = _mend_extension(text, printed, end)
    return _finish(text, start, mended, spaced=mended > end)


def find_all(text: str) -> list[Url]:
    """Every URL in ``text``, in order (one line's worth of rules: no line break mended)."""
    out: list[Url] = []
    pos = 0
    while True:
        found = find(text, pos)
        if found is None:
            return out
        if found.url:
            out.append(found)
        pos = max(found.end, found.start + 1)


def trim(printed: str, before: str = "") -> str:
    """``printed`` (a URL with what followed it up to white space) cut to the URL: at the
    first bracket that closes nothing, then without trailing punctuation, closing quotes,
    ``*`` and (when ``before`` leaves an emphasis ``_`` open) a closing ``_``."""
    text = before + printed[: _balanced_end(printed)]
    return text[len(before) : _trimmed_end(text, len(before), len(text))]


def normalise(printed: str) -> str:
    """The URL a printed one cites: white space a wrap left removed, ``&amp;`` read as
    ``&``, a backslash escape (Markdown's ``\\_``, LaTeX's ``\\%``) read as the character."""
    url = "".join(printed.split()) if _SPACE.search(printed) else printed
    if "\\" in url:
        url = _ESCAPED.sub(r"\1", url)
    return url.replace(_AMP, "&") if _AMP in url else url


def target(value: str) -> str:
    """An explicit link's target (``[t](…)``, ``<…>``, ``\\url{…}``, ``href="…"``): its
    delimiters already say where it ends, so nothing is trimmed; it is normalised."""
    return normalise(value.strip())


def spans(text: str, *, across_lines: bool = True) -> list[Url]:
    """Every URL in a wrapped text (a file as it is), with its exact printed span.

    ``fix`` rewrites a user's file and must change the URL text only, so it needs each
    URL's span, including a URL that a PDF copy cut in two (``…eksperty.h tml``,
    ``…indian-doctor⏎suspected-of-…``). Beyond ``find``'s rules, a URL goes on over a line
    break (``across_lines``) when its line was full (a short line ended where its author
    ended it) and the next line starts with a chunk shaped like a path, not like prose.
    """
    out: list[Url] = []
    pos = 0
    width = _wrap_width(text) if across_lines else 0
    while True:
        m = search(text, pos)
        if m is None:
            return out
        start, end = m.span()
        pieces = [m.group(0)]
        breaks: list[int] = []
        while _balanced_end(pieces[-1]) == len(pieces[-1]):
            gap = _GAP.match(text, end)  # matched in place: slicing the rest of the text per URL was quadratic
            assert gap is not None
            if gap.end() == end or gap.end() >= len(text):
                break
            nxt = _chunk(text, gap.end())
            newline = bool(gap.group(1))
            full = across_lines and newline and _line_length(text, end) >= 0.8 * width
            if not nxt or not _continues(pieces[-1], nxt, newline=newline, across_lines=full):
                break
            if newline:
                breaks.append(len(normalise("".join(pieces))))
            pieces.append(nxt)
            end = gap.end() + len(nxt)
        found = _finish(text, start, start + _balanced_end(text[start:end]), spaced=len(pieces) > 1)
        out.append(found._replace(breaks=tuple(b for b in breaks if b < len(found.url))))
        pos = max(end, m.end())


_CHUNK = re.compile(_BODY)


def _chunk(text: str, pos: int) -> str:
    m = _CHUNK.match(text, pos)
    return m.group(0) if m else ""


def _continues(before: str, after: str, *, newline: bool, across_lines: bool) -> bool:
    """Is ``after`` the rest of the URL ``before``, cut by white space?"""
    if before[-1:] in ",;:!?" or URL_RE.match(after):
        return False
    frag = _FRAGMENT.match(after)
    if frag and _completes_extension(before, frag.group(1)):
        return True  # ``.h tml``: nothing else reads that way
    if not newline or not across_lines or before[-1:] == ".":
        return False
    # A wrapped URL goes on with path-like text: separators inside, no sentence shape.
    return bool(_PATHLIKE.match(after.rstrip(TRAIL))) and not after[:1].isupper()


def _completes_extension(before: str, fragment: str) -> bool:
    """``…/eksperty.h`` + ``tml``: a fragment that turns the end of ``before`` into a file
    extension it did not already have."""
    return bool(_EXT_TAIL.search(before + fragment)) and not _EXT_TAIL.search(before.rstrip(TRAIL))


def _mend_extension(text: str, printed: str, end: int) -> int:
    """Where a URL printed up to ``end`` ends once a space inside its extension is mended."""
    frag = _SPACED_FRAGMENT.match(text, end)
    return frag.end() if frag and _completes_extension(printed, frag.group(1)) else end


def _finish(text: str, start: int, end: int, spaced: bool = False) -> Url:
    """The URL printed in ``text[start:end]`` (brackets already balanced; ``spaced``: white
    space inside it was mended), trimmed."""
    if text[end - 1] in TRAIL or text[end - 1] == "_":
        end = _trimmed_end(text, start, end)
    printed = text[start:end]
    if spaced or "&" in printed or "\\" in printed:
        printed = normalise(printed)
    return Url(printed, start, end)


def _line_before(text: str, start: int) -> str:
    """The text of the line before ``start`` (at most 500 characters: an emphasis mark
    opens close to what it stresses)."""
    return text[max(text.rfind("\n", 0, start) + 1, start - 500) : start]


def _balanced_end(printed: str) -> int:
    """Length of ``printed`` up to the first ``)``, ``]`` or ``}`` that closes nothing."""
    if ")" not in printed and "]" not in printed and "}" not in printed:
        return len(printed)
    depth = {"(": 0, "[": 0, "{": 0}
    for i, ch in enumerate(printed):
        if ch in depth:
            depth[ch] += 1
        elif ch in _OPENERS:
            opener = _OPENERS[ch]
            if not depth[opener]:
                return i
            depth[opener] -= 1
    return len(printed)


def _trimmed_end(text: str, start: int, end: int) -> int:
    """Where the URL printed from ``start`` ends once what follows it is trimmed."""
    while end > start:
        last = text[end - 1]
        if last in TRAIL:
            end -= 1
        elif last == "_" and _emphasis_open(_line_before(text, start)):
            while end > start and text[end - 1] == "_":
                end -= 1
        else:
            break
    return end


def _emphasis_open(before: str) -> bool:
    """Does ``before`` leave a Markdown ``_`` emphasis open? A run of ``_`` opens one at a
    word's start and closes one at a word's end; ``var_name`` does neither."""
    if "_" not in before:
        return False
    open_ = False
    for m in _EMPHASIS.finditer(before):
        prev = before[m.start() - 1] if m.start() else " "
        nxt = before[m.end()] if m.end() < len(before) else "u"  # the URL's first letter
        if not open_ and not (prev.isalnum() or prev == "\\") and not nxt.isspace():
            open_ = True
        elif open_ and not prev.isspace() and not nxt.isalnum():
            open_ = False
    return open_


def _wrap_width(text: str) -> int:
    """The width the text was wrapped at: its longest lines (a hard-wrapped copy from a
    PDF has many lines of nearly that length; a text of one line a paragraph has none)."""
    lengths = sorted((len(line) for line in text.splitlines()), reverse=True)
    return lengths[len(lengths) // 10] if lengths else 0


def _line_length(text: str, pos: int) -> int:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return len(text[start : end if end != -1 else len(text)].rstrip())
