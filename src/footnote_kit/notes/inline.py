"""Inline markup inside a note (Markdown's, LaTeX's, HTML's) -> the plain text a note prints.

A note's text goes to the source parser, which reads citations, not markup: emphasis
markers, code ticks and escapes are removed, and a link keeps its target in the text,
because the target is usually the cited URL and the anchor text only the title. The
rule, shared by every reader so the parser sees one shape:

- anchor text that *is* the URL (``[https://x.org/a](https://x.org/a)``, or the URL
  shortened, ``[x.org/a](https://x.org/a)``) is replaced by the URL;
- otherwise the anchor text stays where it is and the URL goes to the end of the
  citation the link sits in: before the stop that ends its sentence, a ``;``, or a colon
  that opens a quotation: ``Smith, “[A Title](https://x.org/a),” Outlet, 2020. More.``
  reads ``Smith, “A Title,” Outlet, 2020, https://x.org/a. More.`` That is where Chicago
  and every other style print the URL, and the shape the source parser reads; a URL left
  inside the quoted title would be read as part of the title, and one moved past the
  sentence lands in the next citation or in prose;
- a link in running prose (the words after it are lowercase and hold no number:
  ``the [Knowledge Ecology International](…), une ONG spécialisée …``) is no citation's
  title: its URL goes right after the link text;
- where the document marks the citation itself (``CITATION_START``…``CITATION_END``:
  MediaWiki's ``<cite class="citation">``), the URL goes to that citation's end, whatever
  stops its fields use (``"Title". Publisher. Retrieved 2012-08-18.``).

A URL the note already prints is not repeated.

Readers mark a link with ``link_text`` while they convert and call ``place_links`` on
the finished text.

Italics are kept as spans (``RawNote.emphasis``), because a title set in italics is the
strongest title signal a document gives and plain text loses it. Offsets must hold in
the *final* text, after every reader has joined lines, collapsed spaces and moved link
targets, so readers do not count characters: they wrap italic text in two control
characters (``italic``), which every later step carries along like any other character,
and take them out last (``take_emphasis``), which is where the offsets are counted.
"""

from __future__ import annotations

import re
from typing import Callable

from footnote_kit import urls

_CODE = re.compile(r"(?<!`)(`{1,10})(?!`)(.{1,1000}?)(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+)>", re.IGNORECASE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.{1,500}?)(?<=\S)\1")
_EMPH_STAR = re.compile(r"\*(?=\S)(.{1,500}?)(?<=\S)\*")
_EMPH_UNDER = re.compile(r"(?<![\w\\])_(?=\S)(.{1,500}?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.{1,500}?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'$^&%])")
_HOLD = re.compile("\x00(\\d+)\x00")
_MARK = re.compile("\x02([^\x03]*)\x03")
EM_START, EM_END = "\x0e", "\x0f"
"""Control characters (SO, SI) around italic text while a reader converts it: not
whitespace to ``str.split`` and never in a note's real text (``take_emphasis`` drops
any that a document carried)."""
_EM_INSIDE_SPACE = re.compile("\x0e(\\s+)|(\\s+)\x0f")
_EM_SPLIT = re.compile("([\x0e\x0f])")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,20})((?:\s[^<>]{0,1000})?)/?>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ITALIC_TAGS = frozenset({"i", "em", "cite", "var", "dfn"})
"""HTML elements browsers set in italics; ``cite`` is the element for a work's title."""


def italic(text: str) -> str:
    """``text`` marked as italic, with white space at its edges left outside the marks."""
    core = text.strip()
    if not core:
        return text
    start = text.find(core[0])
    return f"{text[:start]}{EM_START}{core}{EM_END}{text[start + len(core):]}"


def tidy_emphasis(text: str) -> str:
    """Move white space out of italic marks (``<i>Title </i>``), so that later clean-ups
    (spaces collapsed, a space before a comma dropped) see it beside the words."""
    if EM_START not in text:
        return text
    return _EM_INSIDE_SPACE.sub(lambda m: m.group(1) + EM_START if m.group(1) else EM_END + m.group(2), text)


def take_emphasis(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(``text`` without italic marks, the italic spans as offsets into that text).

    Nested marks (``<i>`` in ``<em>``) count once; a mark never closed runs to the end.
    A space the marks kept doubled is dropped, and each span is trimmed of white space,
    so ``text[a:b]`` is exactly the words set in italics.
    """
    if EM_START not in text and EM_END not in text:
        return text, ()
    out: list[str] = []
    length = 0
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for piece in _EM_SPLIT.split(text):
        if piece == EM_START:
            if depth == 0:
                start = length
            depth += 1
        elif piece == EM_END:
            if depth == 1 and length > start:
                spans.append((start, length))
            depth = max(depth - 1, 0)
        elif piece:
            if piece[0] == " " and (not out or out[-1].endswith(" ")):
                piece = piece.lstrip(" ")
            out.append(piece)
            length += len(piece)
    if depth and length > start:
        spans.append((start, length))
    plain = "".join(out)
    end = len(plain.rstrip())
    plain = plain[:end]
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        b = min(b, end)
        while a < b and plain[a].isspace():
            a += 1
        while b > a and plain[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if merged and merged[-1][1] >= a:  # touching spans: ``<i>A</i><i>B</i>``
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return plain, tuple(merged)


def strip_emphasis(text: str) -> str:
    """``text`` without italic marks, for a reader that cannot keep the spans."""
    return take_emphasis(text)[0] if EM_START in text or EM_END in text else text


def html_inline(text: str, links: list[str]) -> str:
    """Inline HTML in Markdown (``<em>``, ``<i>``, ``<span …>``, ``<a href>``) and character
    entities (``&nbsp;``, ``&ndash;``) -> the text they show, italics marked.

    Only well-formed entities with their ``;`` are read: ``&copy=1`` in a query string is
    not ``©=1``. Tags other than italics and links are dropped with their text kept.
    """
    if "<" in text:
        text = _tags(text, links)
    if "&" in text:
        import html

        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def _tags(text: str, links: list[str]) -> str:
    out: list[str] = []
    pos = 0
    anchor: tuple[int, str] | None = None  # (index in out where the anchor starts, href)
    for m in _TAG.finditer(text):
        out.append(text[pos : m.start()])
        pos = m.end()
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name in _ITALIC_TAGS:
            out.append(EM_END if closing else EM_START)
        elif name == "br":
            out.append(" ")
        elif name == "a" and not closing:
            href = _HREF.search(m.group(3) or "")
            url = next((g for g in href.groups() if g is not None), "").strip() if href else ""
            if "&" in url:
                import html

                url = html.unescape(url)
            anchor = (len(out), url) if url.lower().startswith(("http://", "https://", "ftp://", "www.")) else None
        elif name == "a" and anchor is not None:
            at, url = anchor
            inner = "".join(out[at:])
            del out[at:]
            links.append(url)
            out.append(link_text(inner, url))
            anchor = None
    out.append(text[pos:])
    return "".join(out)


def link_text(anchor: str, url: str) -> str:
    """How a link reads in a note while it is converted (see the module docstring)."""
    anchor = anchor.strip()
    if not anchor or _same_url(strip_emphasis(anchor), url):
        return url
    return f"{anchor}\x02{url}\x03"


CITATION_START, CITATION_END = "\ue001", "\ue002"
"""Private-use characters around a span the document marks as one citation (not white
space to ``str.split``, unlike the ASCII separators)."""
_CITATION = re.compile("\ue001([^\ue001\ue002]*)\ue002")
_CLOSERS = frozenset("”»’)]\"'" + EM_END)
_ABBREVIATIONS = frozenset(
    "ed eds trans tr vol vols no nos nr pp p cf vgl hrsg hg ca etc al repr rev ser dir éd coll trad bd jg bzw art ch chap fig op".split()
)
"""Words whose full stop ends no sentence (``ed. Smith``, ``Vgl. Müller``)."""


def place_links(text: str) -> str:
    """Move each marked link target to the end of the citation it sits in (see above)."""
    if "\x02" not in text:
        return text.replace(CITATION_START, "").replace(CITATION_END, "")
    text = _CITATION.sub(lambda m: _at_end(m.group(1)), text)
    text = text.replace(CITATION_START, "").replace(CITATION_END, "")
    clean: list[str] = []
    found: list[tuple[int, str]] = []  # (where the link text ends in ``clean``, URL)
    pos = 0
    for m in _MARK.finditer(text):
        clean.append(text[pos : m.start()])
        found.append((sum(map(len, clean)), m.group(1)))
        pos = m.end()
    clean.append(text[pos:])
    plain = "".join(clean)
    inserts: list[tuple[int, str]] = []
    for i, (end, url) in enumerate(found):
        if url in plain or any(u == url for _, u in found[:i]):
            continue
        inserts.append(_where(plain, end, url))
    for at, words in sorted(inserts, key=lambda x: x[0], reverse=True):
        plain = plain[:at] + words + plain[at:]
    return plain


def _at_end(unit: str) -> str:
    """A marked citation with its link targets after its last field, before its stop."""
    targets = [u for u in dict.fromkeys(_MARK.findall(unit))]
    body = _MARK.sub("", unit)
    extra = [u for u in targets if u not in body]
    if not extra:
        return body
    stripped = body.rstrip(" " + EM_END)
    trailing = body[len(stripped) :]
    end = len(stripped)
    while end > 0 and stripped[end - 1] in ".;" and not stripped[:end].endswith("..."):
        end -= 1
    head = stripped[:end].rstrip(",: ")
    return head + ", " + ", ".join(extra) + stripped[end:] + trailing


def _where(text: str, end: int, url: str) -> tuple[int, str]:
    """Where the URL of a link whose text ends at ``end`` goes, and what is written there."""
    j = end
    while j < len(text) and (text[j] in _CLOSERS or (text[j] == "," and j + 1 < len(text) and text[j + 1] in _CLOSERS)):
        j += 1
    stop = _sentence_end(text, j)
    rest = text[j:stop].lstrip(",").lstrip(EM_START + EM_END).lstrip()
    if rest[:1].islower() and not any(c.isdigit() for c in text[j:stop]):
        return (j, ", " + url) if text[j : j + 1] == "," else (j, ", " + url + ",")
    k = stop
    while k > end and text[k - 1] in " \u00a0":
        k -= 1
    if k > 0 and text[k - 1] == ",":
        return k - 1, ", " + url
    return k, ", " + url


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence (or ``;``-clause) that goes on at ``start`` ends: the index of its
    stop, or the text's length. Stops inside brackets and quotes, after an initial or an
    abbreviation, or before a number or a lowercase word end no sentence."""
    depth = 0
    n = len(text)
    for i in range(start, n):
        ch = text[i]
        if ch in "([{“«":
            depth += 1
        elif ch in ")]}”»" and depth > 0:
            depth -= 1
        elif depth > 0:
            continue
        elif ch == ";":
            return i
        elif ch == ":" and (text[i - 1 : i] in (" ", "\u00a0") or text[i + 1 : i + 3].strip()[:1] in ("«", "“", '"')):
            return i
        elif ch in ".!?" and _ends_sentence(text, i):
            return i
    return n


def _ends_sentence(text: str, i: int) -> bool:
    after = i + 1
    while after < len(text) and text[after] in _CLOSERS:
        after += 1
    if after < len(text) and not text[after].isspace():
        return False  # inside a URL, a number, an abbreviation like ``e.g.``
    nxt = text[after:].lstrip(" \u00a0" + EM_START)[:1]
    if nxt and (nxt.isdigit() or nxt.islower()):
        return False
    if text.endswith("...", 0, i + 1):
        return False
    word = text[:i].rsplit(None, 1)[-1] if text[:i].strip() else ""
    word = word.lstrip("(“«\"'" + EM_START + EM_END)
    if len(word) == 1 and word.isupper():
        return False  # an initial: ``J. Smith``
    return word.lower() not in _ABBREVIATIONS


def _same_url(anchor: str, url: str) -> bool:
    def bare(u: str) -> str:
        u = re.sub(r"^(?:https?://)?(?:www\.)?", "", u.strip().lower())
        return u.rstrip("/").rstrip("…").rstrip(".")

    a, u = bare(anchor), bare(url)
    return bool(a) and " " not in a and (a == u or (len(a) >= 8 and u.startswith(a)))


def markdown_to_text(text: str, references: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """Markdown inline markup -> (plain text, link targets in order).

    Italics come back marked (``italic``): the caller takes the spans out once the note's
    text is final (``take_emphasis``).
    """
    held: list[str] = []
    links: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return f"\x00{len(held) - 1}\x00"

    def hold_url(url: str, printed: str) -> str:
        links.append(url)
        return hold(printed)

    text = _CODE.sub(lambda m: hold(m.group(2).strip()), text)
    text = _AUTOLINK.sub(lambda m: hold_url(m.group(1), m.group(1)), text)
    if "<" in text or "&" in text:
        text = html_inline(text, links)
    text = _links(text, references or {}, hold, links)
    text = _hold_bare_urls(text, hold_url)
    for pattern in (_STRONG, _STRIKE):
        text = pattern.sub(lambda m: m.group(2) if m.lastindex == 2 else m.group(1), text)
    text = _EMPH_STAR.sub(lambda m: italic(m.group(1)), text)
    text = _EMPH_UNDER.sub(lambda m: italic(m.group(1)), text)
    text = _typography(text)
    text = _ESCAPE.sub(r"\1", text)
    while "\x00" in text:
        restored = _HOLD.sub(lambda m: held[int(m.group(1))], text)
        if restored == text:
            break
        text = restored
    return place_links(text), list(dict.fromkeys(links))


def _hold_bare_urls(text: str, hold_url: Callable[[str, str], str]) -> str:
    """Each bare URL (``urls.find_all``) held as printed, so that emphasis and escapes do
    not touch its ``_`` and ``*``; what ``urls`` leaves out of it (a full stop, an emphasis
    mark around it) stays in the text."""
    if not urls.may_hold(text):
        return text
    out: list[str] = []
    at = 0
    for found in urls.find_all(text):
        out.append(text[at : found.start])
        out.append(hold_url(found.url, text[found.start : found.end]))
        at = found.end
    out.append(text[at:])
    return "".join(out)


_SUPERSCRIPT = re.compile(r"(?<![\\^\[])\^([^\s^\[\]]{1,12})\^")


def _typography(text: str) -> str:
    """What pandoc, kramdown (Jekyll) and goldmark (Hugo) print for plain ASCII: ``---``
    an em dash, ``--`` an en dash (``43--45`` is a page range), ``^e^`` a superscript
    (``XVI^e^ siècle``, kept as its letters). Code and URLs are held out before this."""
    if "--" in text:
        text = text.replace("---", "\u2014").replace("--", "\u2013")
    if "^" in text:
        text = _SUPERSCRIPT.sub(r"\1", text)
    return text


def _links(text: str, references: dict[str, str], hold, links: list[str]) -> str:  # type: ignore[no-untyped-def]
    """``[anchor](url "title")``, ``![alt](src)``, ``[anchor][ref]`` and ``[ref]``, with
    nested brackets in the anchor, scanned by hand because regexes cannot count."""
    out: list[str] = []
    i, n = 0, len(text)
    # Every bracket's partner, found in one pass: asking _close for each "[" would scan
    # to its partner again for every nested one (20,000 nested ^[…] notes: quadratic).
    square = _pairs(text, "[", "]")
    parens: dict[int, int] | None = None
    while i < n:
        start = text.find("[", i)
        if start < 0:
            break
        if _escaped(text, start):  # \[ is a bracket, not a link
            out.append(text[i : start + 1])
            i = start + 1
            continue
        end = square.get(start, -1)
        if end < 0:
            break
        image = start > 0 and text[start - 1] == "!"
        url: str | None = None
        after = end + 1
        if after < n and text[after] == "(":
            parens = _pairs(text, "(", ")") if parens is None else parens
            close = parens.get(after, -1)
            if close > 0:
                target = text[after + 1 : close].strip()
                url = target.split()[0].strip("<>") if target else ""
                after = close + 1
        elif after < n and text[after] == "[":
            close = square.get(after, -1)
            if close > 0:
                ref = (text[after + 1 : close] or text[start + 1 : end]).strip().lower()
                url = references.get(ref)
                after = close + 1 if url is not None else after
        elif references and end - start <= _MAX_LABEL and text[start + 1 : start + 2] != "^":
            url = references.get(text[start + 1 : end].strip().lower())
        if url is None:
            out.append(text[i : start + 1])
            i = start + 1
            continue
        anchor = text[start + 1 : end]
        out.append(text[i : start - 1] if image else text[i:start])
        inner, _ = markdown_to_text(anchor)
        if image or not url:
            out.append(inner)
        else:
            links.append(url)
            out.append(hold(link_text(inner, url)))
        i = after
    out.append(text[i:])
    return "".join(out)


_MAX_LABEL = 1000
"""A reference label is at most 999 characters (CommonMark): longer brackets are not looked up."""

_BRACKETS = {
    ("[", "]"): re.compile(r"\\.|[\[\]]", re.DOTALL),
    ("(", ")"): re.compile(r"\\.|[()]", re.DOTALL),
    ("{", "}"): re.compile(r"\\.|[{}]", re.DOTALL),
}


def _pairs(text: str, opening: str, closing: str) -> dict[int, int]:
    """Index of each opening bracket -> index of its closing one (unclosed ones left out)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACKETS[(opening, closing)].finditer(text):
        ch = m.group(0)
        if ch == opening:
            stack.append(m.start())
        elif ch == closing and stack:
            pairs[stack.pop()] = m.start()
    return pairs


def _escaped(text: str, pos: int) -> bool:
    """Is the character at ``pos`` taken by a backslash before it (``\\[``)?"""
    k = pos
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    return (pos - k) % 2 == 1


def _close(text: str, start: int, opening: str, closing: str) -> int:
    """Index of the bracket closing the one at ``start`` (backslash escapes skipped), or -1.

    A regex jumps from bracket to bracket, so a long note costs one C-level scan rather
    than a Python step per character.
    """
    depth = 0
    for m in _BRACKETS[(opening, closing)].finditer(text, start):
        ch = m.group(0)
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1
