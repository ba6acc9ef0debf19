"""Pure text rules where citeproc-py and citeproc-js (the reference) part ways.

Each rule is a small function on strings, so it can be tested alone: page ranges (gaps 5-7),
title case (gap 15), collation (gap 16) and ``finish``, which turns a string rendered with
``marks`` into the final text or HTML: nested quotes (gap 4), punctuation inside quotes
(gap 3), doubled punctuation at seams, HTML escaping (gap 13). Numbers refer to the
render-fidelity kit's ``gaps.py``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from footnote_kit.render import marks

# ---------------------------------------------------------------------------------------
# Page ranges (gaps 5-7)
# ---------------------------------------------------------------------------------------


def format_last_page(first: str, last: str, range_format: str | None) -> str:
    """The second number of a range as ``page-range-format`` prints it (CSL 1.0.2 rules).

    An abbreviated range as printed (``479–94``) is expanded first (``479–494``): APA's
    ``expanded`` prints it so, and the minimal forms are computed from the whole number."""
    if not (first.isdigit() and last.isdigit()) or not range_format:
        return last
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    if len(first) != len(last):
        return last
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        number = int(first)
        if number < 100 or number % 100 == 0:
            return last
        if number % 100 < 10:
            range_format = "minimal"
        elif range_format != "chicago-16" and len(first) == 4 and _changed(first, last) >= 3:
            return last  # Chicago 15: 1496-1504 stays whole
        else:
            range_format = "minimal-two"
    common = 0
    for a, b in zip(first, last):
        if a != b:
            break
        common += 1
    if range_format == "minimal":
        return last[common:] or last[-1:]
    if range_format == "minimal-two":
        return last[min(common, len(last) - 2):] if len(last) >= 2 else last
    return last


def _changed(first: str, last: str) -> int:
    for i, (a, b) in enumerate(zip(first, last)):
        if a != b:
            return len(first) - i
    return 0


# ---------------------------------------------------------------------------------------
# Title case (gap 15)
# ---------------------------------------------------------------------------------------

STOP_WORDS = frozenset(
    "a according aboard about across after against al along alongside amid among amongst "
    "an and anenst apropos apud around as aside astride at athwart atop barring before behind "
    "below beneath beside besides between beyond but by circa de d' del despite di down du "
    "during ere et for from in inside instead into like mid minus near nearer nearest nor "
    "notwithstanding of off on onto opposite or out outside over pace past per plus pro qua "
    "round sans save since so than the through throughout thru thruout till times to toward "
    "towards under underneath until unto up upon versus vs. v. via vis-à-vis with within "
    "without worth yet".split())

_WORD = re.compile(r"[^\s\-\u2013\u2014/.]+|[\s\-\u2013\u2014/]+|\.")


def title_case(text: Any) -> Any:
    """citeproc-js's title case: lower-case words capitalised except stop words, which stay
    lower case unless they open the title or follow a colon; each part of a hyphenated
    compound is capitalised, stop word or not (``Re-Exports``, ``Al-Sham``), as is a part
    after a full stop inside a word (``CABAR.Asia``); words with any capital (acronyms,
    iPhone), words starting with a digit (``12th``) and ``nocase`` text are kept."""
    from citeproc.string import MixedString, NoCase, String

    segments = list(text) if isinstance(text, MixedString) else [text]
    out = []
    start = True
    for seg in segments:
        if isinstance(seg, NoCase):
            out.append(seg)
            start = str(seg).rstrip().endswith((":", "?", "!")) if str(seg).strip() else start
            continue
        tokens = _WORD.findall(str(seg))
        pieces = []
        for n, token in enumerate(tokens):
            if token.isspace() or token[0] in "-\u2013\u2014/ .":
                pieces.append(token)
                continue
            core = marks.strip(token)
            bare = core.strip("\"'\u2018\u2019\u201c\u201d([{")
            before = tokens[n - 1] if n else " "
            after = tokens[n + 1] if n + 1 < len(tokens) else " "
            joined = before in ("-", ".") or after == "-" or (after == "." and n + 2 < len(tokens)
                                                             and not tokens[n + 2].isspace())
            if core.islower() and bare[:1].isalpha() and (start or joined or bare.lower() not in STOP_WORDS):
                token = _capitalise(token)
            pieces.append(token)
            start = core.endswith((":", "?", "!"))
        out.append(type(seg)("".join(pieces)) if isinstance(seg, String) else "".join(pieces))
    return MixedString(out) if len(out) != 1 else out[0]


def _capitalise(token: str) -> str:
    for i, ch in enumerate(token):
        if ch.isalpha():
            return token[:i] + ch.upper() + token[i + 1:]
    return token


# ---------------------------------------------------------------------------------------
# Collation (gap 16)
# ---------------------------------------------------------------------------------------


def collation_key(text: str) -> tuple[str, str]:
    """Sort as citeproc-js (ICU) does: accents, case and punctuation only break ties."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    primary = re.sub(r"[^\w\s]|_", "", base.casefold())  # ICU-like: punctuation ignored
    primary = re.sub(r"\s+", " ", primary).strip()
    return primary, text.casefold()


# ---------------------------------------------------------------------------------------
# Finishing a rendered string (gaps 3, 4, 13, and seams)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteStyle:
    """The locale's quotes and its ``punctuation-in-quote`` option."""

    open: str = "\u201c"
    close: str = "\u201d"
    open_inner: str = "\u2018"
    close_inner: str = "\u2019"
    punctuation_in_quote: bool = False


_C = re.escape(marks.CLOSERS)
_O = re.escape(marks.OPENERS)
_Q = "[%s%s]" % (re.escape(marks.Q_CLOSE), re.escape(marks.QS_CLOSE))
_QS = re.escape(marks.QS_CLOSE)
# Punctuation right after a closing quote (closers and a title's own closing quotes
# between), for punctuation-in-quote.
_AFTER_QUOTE = re.compile("((?:[%s\u2019\u201d%s])*%s(?:[%s]|%s)*)([.,])" % (_C, _QS, _Q, _C, _Q))
# The same mark twice at a seam, formatting between (citeproc-py only sees plain seams).
_DOUBLED = re.compile("([.,;:])((?:[%s%s]|%s)+)\\1" % (_C, _O, _Q))
# A full stop after ? or ! (an affix after a title that asks a question); a comma stays.
_AFTER_QUESTION = re.compile("([?!])((?:[%s]|%s)*)\\." % (_C, _Q))


def finish(text: str, quotes: QuoteStyle, fmt: str) -> str:
    """Resolve ``marks`` into final ``text`` or ``html``."""
    if quotes.punctuation_in_quote:
        text = _AFTER_QUOTE.sub(_move_inside, text)
    text = _DOUBLED.sub(r"\1\2", text)
    text = _AFTER_QUESTION.sub(r"\1\2", text)
    text = _resolve_quotes(text, quotes)
    text = re.sub(r"  +", " ", text)
    if fmt == "html":
        text = html.escape(text, quote=False)
        for opener, closer, tag_open, tag_close in marks.FORMATS.values():
            text = text.replace(opener, tag_open).replace(closer, tag_close)
        return text
    return marks.strip(text)


def _move_inside(match: re.Match[str]) -> str:
    closing, punct = match.group(1), match.group(2)
    before = marks.strip(match.string[:match.start()])[-1:]
    if before in (".", "?", "!") and punct == "." or before == punct:
        return closing  # "Why?”." -> "Why?”"; but "Why?,”" keeps its comma, as citeproc-js
    return punct + closing


def _resolve_quotes(text: str, quotes: QuoteStyle) -> str:
    """Quote marks -> the locale's quotes, alternating with depth; a title's own single
    quotes are always the inner ones (as citeproc-js prints them)."""
    if not any(m in text for m in (marks.Q_OPEN, marks.Q_CLOSE, marks.QS_OPEN, marks.QS_CLOSE)):
        return text
    out = []
    depth = 0
    for ch in text:
        if ch == marks.Q_OPEN:
            out.append(quotes.open if depth % 2 == 0 else quotes.open_inner)
            depth += 1
        elif ch == marks.Q_CLOSE:
            depth = max(depth - 1, 0)
            out.append(quotes.close if depth % 2 == 0 else quotes.close_inner)
        elif ch == marks.QS_OPEN:
            out.append(quotes.open_inner)
            depth += 1
        elif ch == marks.QS_CLOSE:
            depth = max(depth - 1, 0)
            out.append(quotes.close_inner)
        else:
            out.append(ch)
    return "".join(out)
