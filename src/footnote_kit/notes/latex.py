"""Footnotes in LaTeX: ``\\footnote{…}`` and ``\\footnotetext{…}``, and the cite keys.

The source is read as TeX reads it, as far as notes need: comments (``%`` to the end of
the line, not ``\\%``) are dropped, and a comment at a line end joins the lines without a
space; a line break is a space (a hyphen at a line end is a real hyphen to TeX). Notes
are numbered as LaTeX numbers them: in order, ``\\footnote[7]{…}`` sets the number, and
``\\setcounter{footnote}{n}`` restarts the count. Notes before ``\\begin{document}`` are
macro definitions, not notes, and are skipped.

Markup inside a note becomes plain text (``latex_note``): ``\\url{}`` and ``\\href{}{}``
keep their target (see ``inline.link_text``), ``\\emph{}``/``\\textit{}`` and friends keep
their text, ``--``/``---`` become dashes, TeX quotes and accents become Unicode, and
``\\cite[p.~4]{key}`` becomes pandoc's ``[@key, p. 4]`` so the parser sees a key;
``\\ref{}``, ``\\pageref{}`` and the other cross-references print ``??`` as TeX does before it
knows the number (the parser reads ``See ??, p. ??`` as a cross-reference, not a source). Italics
(``\\emph{}``, ``\\textit{}``, ``\\textsl{}``, ``{\\em …}``, ``{\\it …}``) become
``RawNote.emphasis``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import replace

from footnote_kit.errors import InputError
from footnote_kit.model import Location, RawNote
from footnote_kit.notes.found import FoundNotes, NoNotes
from footnote_kit.notes.inline import EM_END, EM_START, _close, italic, link_text, place_links, take_emphasis, tidy_emphasis
from footnote_kit.notes.wrap import squeeze

_NOTE = re.compile(r"\\(footnote(?:text|mark)?|setcounter\s*\{\s*footnote\s*\}\s*\{\s*(\d+)\s*\})(?![a-zA-Z])\s*(?:\[\s*(\d+)\s*\])?\s*")
_BEGIN_DOCUMENT = re.compile(r"\\begin\s*\{document\}")
_CITE = re.compile(
    r"\\((?:[a-zA-Z]{0,20}cite[a-zA-Z]{0,20})|nocite)(?![a-zA-Z])\*?((?:\s*\[[^\]]{0,500}\]){0,2})\s*\{([^}]{0,2000})\}"
)
_JOINED = re.compile(r"\x01\s*")
_CITE_ARGS = re.compile(r"\[([^\]]*)\]")

_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "d": "\u0323", "b": "\u0331",
}  # fmt: skip
_SYMBOLS = {
    "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": " ",
    ";": " ", ":": " ", "!": "", "\\": " ", "-": "", "@": "", "/": "", "\n": " ",
}  # fmt: skip
_WORDS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
    "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dots": "…", "ldots": "…",
    "textellipsis": "…", "textendash": "–", "textemdash": "—", "S": "§", "P": "¶",
    "textsection": "§", "copyright": "©", "textcopyright": "©", "pounds": "£",
    "textsterling": "£", "euro": "€", "texteuro": "€", "textquoteleft": "‘",
    "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
    "guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
    "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "nobreakspace": " ",
    "textbackslash": "\\", "textasciitilde": "~", "LaTeX": "LaTeX", "TeX": "TeX",
    "textdegree": "°", "textbullet": "•", "newline": " ", "linebreak": " ",
}  # fmt: skip
_ITALIC_COMMANDS = frozenset({"emph", "textit", "textsl", "mkbibemph"})
_ITALIC_SWITCHES = re.compile(r"\\(?:em|it|itshape|sl|slshape)(?![a-zA-Z])\s*")
"""``{\\em …}`` and ``{\\it …}``: italics to the end of the enclosing group."""
_DROP_WITH_ARGUMENT = frozenset({"label", "index", "hspace", "vspace", "hypertarget", "phantom"})
# Cross-references print a number that only a TeX run knows; without one TeX prints ``??``,
# and so does the reader (the label is the writer's name for a place, no text of the note).
_CROSS_REFERENCES = frozenset(
    {"ref", "pageref", "autoref", "autopageref", "cref", "Cref", "cpageref", "Cpageref", "vref", "vpageref", "nameref", "fullref", "eqref"}
)
_QUOTE = {"enquote": ("“", "”"), "mkbibquote": ("“", "”"), "textquote": ("“", "”"), "foreignquote": ("“", "”")}


def find_notes(text: str, *, file: str | None = None) -> FoundNotes:
    """The notes of a LaTeX document; when ``file`` names it on disk, of the whole
    project it includes (``latex_project``), each note located in its own file."""
    project = None
    if file and file != "-" and os.path.isfile(file):
        from footnote_kit.notes import latex_project

        if latex_project.includes_files(text):
            project = latex_project.expand(text, file, _strip_comments)
    source = project.source if project is not None else _strip_comments(text)
    if project is None:
        return _find_notes(source, file)
    try:
        found = _find_notes(source, file)
    except InputError as err:
        where = project.location(err.line or 0)
        raise InputError(err.message, file=where.file, line=where.line) from None
    notes = tuple(replace(n, location=project.location(n.location.line or 0)) for n in found.notes)
    return FoundNotes(notes=notes, problems=tuple(project.problems) + found.problems, ranges=found.ranges)


def _find_notes(source: str, file: str | None) -> FoundNotes:
    begin = _BEGIN_DOCUMENT.search(source)
    pos = begin.end() if begin else 0
    notes: list[RawNote] = []
    counter = 0
    line = source.count("\n", 0, pos) + 1
    counted = pos
    for m in _NOTE.finditer(source, pos):
        if m.group(2) is not None:  # \setcounter{footnote}{n}
            counter = int(m.group(2))
            continue
        if m.group(1) == "footnotemark":  # the mark of a \footnotetext to come
            counter = int(m.group(3)) if m.group(3) is not None else counter + 1
            continue
        if m.end() >= len(source) or source[m.end()] != "{":
            continue
        close = _close(source, m.end(), "{", "}")
        if close < 0:
            line += source.count("\n", counted, m.start())
            raise InputError(f"\\{m.group(1)} is never closed (a '}}' is missing)", file=file, line=line)
        if m.group(3) is not None:
            number = int(m.group(3))
        elif m.group(1) == "footnotetext":
            number = counter  # \footnotetext carries the number of the last \footnotemark
        else:
            counter += 1
            number = counter
        line += source.count("\n", counted, m.start())
        counted = m.start()
        body, links, emphasis = latex_note(source[m.end() + 1 : close])
        notes.append(RawNote(number=number, text=body, location=Location(file, line), links=tuple(links), emphasis=emphasis))
    if not notes:
        raise NoNotes("no footnotes found (looked for \\footnote{…} and \\footnotetext{…})", file=file)
    numbers = [n.number for n in notes]
    return FoundNotes(notes=tuple(notes), ranges=((min(numbers), max(numbers)),))


def cite_keys(text: str) -> list[tuple[str, int]]:
    """Every cite key (``\\cite``, ``\\autocite``, ``\\parencite``, ``\\citep``…) with its
    1-based line, in order; ``\\nocite{*}`` names no key. For the bibliography lint."""
    source = _strip_comments(text)
    out: list[tuple[str, int]] = []
    line, counted = 1, 0
    for m in _CITE.finditer(source):
        line += source.count("\n", counted, m.start())
        counted = m.start()
        for key in m.group(3).split(","):
            key = key.strip()
            if key and key != "*":
                out.append((key, line))
    return out


def _strip_comments(text: str) -> str:
    """Drop ``% comments`` but keep every newline, so line numbers stay true.

    A comment at the end of a line also swallows the line break in TeX (``foo%`` +
    ``bar`` is ``foobar``); the newline is kept but marked with ``\\x01`` so that the
    text conversion joins the two lines without a space.
    """
    if "%" not in text:
        return text
    lines = text.split("\n")
    strip_next = False
    for i, line in enumerate(lines):
        if strip_next:
            line = line.lstrip(" \t")  # TeX skips the spaces that start the next line
        cut = _comment_start(line)
        strip_next = cut is not None
        lines[i] = line if cut is None else line[:cut] + ("\x01" if i + 1 < len(lines) else "")
    return "\n".join(lines)


def _comment_start(line: str) -> int | None:
    """Where the first ``%`` not escaped by an odd run of backslashes is."""
    pos = line.find("%")
    while pos >= 0:
        k = pos - 1
        while k >= 0 and line[k] == "\\":
            k -= 1
        if (pos - 1 - k) % 2 == 0:
            return pos
        pos = line.find("%", pos + 1)
    return None


def latex_note(source: str) -> tuple[str, list[str], tuple[tuple[int, int], ...]]:
    """LaTeX markup inside a note -> (plain text on one line, link targets, italic spans)."""
    links: list[str] = []
    text = _convert(source, links)
    if "\x01" in text:
        text = _JOINED.sub("", text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    body, emphasis = take_emphasis(place_links(squeeze(tidy_emphasis(text))))
    return body, list(dict.fromkeys(links)), emphasis


_SPECIAL = re.compile(r"[\\{}$~`'-]|,,")
# ``,,`` is the T1 fonts' ligature for the low quote „ (German and other babel languages)
_TEXT_SYMBOLS = {"---": "—", "--": "–", "``": "“", "''": "”", ",,": "„", "`": "‘", "'": "’", "~": " ", "-": "-"}


def _convert(s: str, links: list[str]) -> str:
    out: list[str] = []
    # One entry per open ``{``: does an italic switch inside it need closing at its ``}``?
    groups: list[bool] = [False]
    i, n = 0, len(s)
    while i < n:
        m = _SPECIAL.search(s, i)
        if m is None:
            out.append(s[i:])
            break
        k = m.start()
        if k > i:
            out.append(s[i:k])
        ch = s[k]
        if ch == "\\":
            switch = _ITALIC_SWITCHES.match(s, k)
            if switch is not None:
                if not groups[-1]:
                    out.append(EM_START)
                    groups[-1] = True
                i = switch.end()
            else:
                i = _command(s, k, out, links)
        elif ch == "{":
            groups.append(False)
            i = k + 1
        elif ch == "}":
            if len(groups) > 1 and groups.pop():
                out.append(EM_END)
            i = k + 1
        elif ch == "$":
            i = k + 1
        else:
            for token in ("---", "--", "``", "''", ",,", ch):
                if s.startswith(token, k):
                    out.append(_TEXT_SYMBOLS[token])
                    i = k + len(token)
                    break
    if any(groups):
        out.append(EM_END)
    return "".join(out)


def _command(s: str, i: int, out: list[str], links: list[str]) -> int:
    """Handle the control sequence at ``s[i] == '\\'``; return the index after it."""
    n = len(s)
    if i + 1 >= n:
        return n
    j = i + 1
    if s[j].isalpha():
        while j < n and s[j].isalpha():
            j += 1
        name = s[i + 1 : j]
        if name in _ACCENTS and len(name) == 1:
            k = _skip_spaces(s, j)
            return _accent(s, k, name, out, links)
        k = _skip_spaces(s, j)
    else:
        name = s[j]
        if name in _ACCENTS:
            return _accent(s, j + 1, name, out, links)
        out.append(_SYMBOLS.get(name, name))
        return j + 1
    if name in _WORDS:
        out.append(_WORDS[name])
        return k
    if name == "url" or name == "nolinkurl":
        arg, k = _argument(s, k)
        url = _unescape_url(arg)
        links.append(url)
        out.append(url)
        return k
    if name == "href":
        url_arg, k = _argument(s, k)
        label, k = _argument(s, _skip_spaces(s, k))
        url = _unescape_url(url_arg)
        links.append(url)
        out.append(link_text(_convert(label, links), url))
        return k
    if "cite" in name:
        return _cite(s, j, out)
    if name in _ITALIC_COMMANDS:
        arg, k = _argument(s, k)
        out.append(italic(_convert(arg, links)))
        return k
    if name in _QUOTE:
        arg, k = _argument(s, k)
        left, right = _QUOTE[name]
        out.append(left + _convert(arg, links) + right)
        return k
    if name in _CROSS_REFERENCES:
        _, k = _argument(s, k + (k < n and s[k] == "*"))
        out.append("??")
        return k
    if name in _DROP_WITH_ARGUMENT:
        _, k = _argument(s, _optional(s, k))
        return k
    if name == "begin" or name == "end":
        # ``\begin{quote}`` … ``\end{quote}``: the environment's name is no text of the
        # note; its body is (a quotation, a list), and so is an optional ``[…]`` after it.
        _, k = _argument(s, k)
        return k
    # \emph{x}, \textit{x}, \mbox{x}, unknown macros: keep the text of the arguments.
    return _optional(s, k)


def _accent(s: str, k: int, name: str, out: list[str], links: list[str]) -> int:
    if k < len(s) and s[k] == "{":
        arg, k = _argument(s, k)
        base = _convert(arg, links)
    elif k < len(s) and s[k] == "\\":
        inner: list[str] = []
        k = _command(s, k, inner, links)
        base = "".join(inner)
    elif k < len(s):
        base, k = s[k], k + 1
    else:
        base = ""
    out.append(base[:1] + _ACCENTS[name] + base[1:] if base else _ACCENTS[name])
    return k


def _cite(s: str, start: int, out: list[str]) -> int:
    m = _CITE.match(s, s.rfind("\\", 0, start))
    if m is None:
        return start
    keys = [k.strip() for k in m.group(3).split(",") if k.strip() and k.strip() != "*"]
    args = [" ".join(_convert(a, []).split()) for a in _CITE_ARGS.findall(m.group(2) or "")]
    pre, post = ("", args[0]) if len(args) == 1 else (args[0], args[1]) if len(args) == 2 else ("", "")
    if keys and m.group(1) != "nocite":
        body = "; ".join(f"@{k}" for k in keys)
        out.append("[" + (pre + " " if pre else "") + body + (", " + post if post else "") + "]")
    return m.end()


def _argument(s: str, k: int) -> tuple[str, int]:
    """A ``{…}`` argument (or a single token) starting at ``k``."""
    k = _skip_spaces(s, k)
    if k < len(s) and s[k] == "{":
        close = _close(s, k, "{", "}")
        if close < 0:
            return s[k + 1 :], len(s)
        return s[k + 1 : close], close + 1
    return (s[k], k + 1) if k < len(s) else ("", k)


def _optional(s: str, k: int) -> int:
    """Skip an optional ``[…]`` argument (``\\footnotemark[3]``, ``\\hspace*``)."""
    if k < len(s) and s[k] == "*":
        k += 1
    if k < len(s) and s[k] == "[":
        close = _close(s, k, "[", "]")
        if close > 0:
            return close + 1
    return k


def _skip_spaces(s: str, k: int) -> int:
    while k < len(s) and s[k] in " \t\n\x01":
        k += 1
    return k


def _unescape_url(arg: str) -> str:
    url = re.sub(r"\\([%#&_~$])", r"\1", arg)
    return "".join(url.replace("\x01", "").split())
