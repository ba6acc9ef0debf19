"""One note -> its segments: each cites one source or is a remark.

Three ways writers put several things in one note, tried in order:
1. an enumeration ``i) …; ii) …; and iv) …`` (also ``a)``, ``1)``, ``(i)``), accepted only
   when its labels run in sequence from the first, so ``(2019)`` or ``b)`` in a title
   cannot split a note;
2. a pointer after prose, ``… as the UN reported. See: “Report…”``: the prose is a remark.
   The source after the pointer begins with a capital, a digit, a quote or bracket, or one
   of the few lower-case words a source begins with (``ibid.``, ``de``, ``the``): ``. Voir
   et planifier`` begins a title, not a pointer;
3. a sentence of prose before a sentence that cites, ``Cf. his plan for …, and his views on
   the judicial veto. Beard, Economic Origins, pp. 450 et seq.``: the prose is a remark;
4. semicolons between citations (and ``, quoted in`` before a second source), ``A, “T1,” X, 2020; B, “T2,” Y, 2021``, however many: split
   only where both sides look like citations or repetitions (``Ibid., 4``, ``Smith, Long
   Road, 12``), since remarks use semicolons too.
Quotes and brackets are skipped whole: a semicolon inside a title splits nothing.
"""

from __future__ import annotations

import re
from typing import Iterator

from footnote_kit import urls
from footnote_kit.sources import ibid, locators, shortform, signals
from footnote_kit.sources.textscan import YEAR, fold, is_prose, names_web_address
from footnote_kit.sources.titles import MAX_TRIES, OPENERS, first_quoted, quoted_at

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
_LABEL = re.compile(r"(?:^|(?<=[;,.:])\s*|\s+)(?:and\s+|or\s+)?\(?([ivx]{1,4}|[a-h]|\d{1,2})\)\s+")
_POINTER = re.compile(
    r"(?<=[.!?”\"’)])\s+(?=(?:(?:But )?See(?:,? for example,?| also| further| generally| e\.g\.,?)?:?|Cf\.|Cfr\.|Compare|For (?:details|more|example), see"
    r"|Quoted in|Cited in|Source:|Sources:|Vgl\.(?: auch)?:?|Siehe(?: auch)?:?|Voir(?: aussi)?:?|Véase(?: también)?:?|См\.|Ср\.)"
    r"\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ\d“\"‘'«„(\[]|ibid|ebd|id\.|de |van |von |al-|el-|the |la |le |les |l[’']|los |las |https?://|www\.|"
    + signals.INTERNAL_PLACE
    + r"))"
)
_SEE = re.compile(r"^(?:see|cf\.|compare|(?:quoted|cited) (?:in|by)|sources?:|vgl\.|siehe|voir|véase|см\.|ср\.)", re.I)
# ``…, I, 216, 222–3; II, 39–40``: another volume and pages of the work just cited
_MORE_OF_THE_SAME = re.compile(r"^(?:vol\.\s*)?(?:[IVXLC]+|[ivxlc]+|\d{1,3}),\s*(?:pp?\.\s*)?\d+[\d–-]*(?:,\s*\d+[\d–-]*)*\.?$")
_LABELLED_PAGE = re.compile(r"(?:^|[\s,(])(?:pp?\.|S\.|стр\.|vol\.|Bd\.)\s*[\dIVXLCivxlc]")
_DOI_WORD = re.compile(r"\bdoi\b")
_DOI_PREFIX = re.compile(r"10\.\d{4,}/")


def _may_point(text: str) -> bool:
    """Whether a word ``_POINTER``'s look-ahead needs is in ``text``: when none is, the
    pattern, tried at every white space, cannot split (and most notes have none)."""
    return (
        "See" in text or "Cf" in text or "Compare" in text or "For " in text or "Quoted in" in text or "Cited in" in text
        or "Source" in text or "Vgl." in text or "Siehe" in text or "Voir" in text or "Véase" in text or "См." in text or "Ср." in text
    )


def _sequence(label: str) -> tuple[str, int] | None:
    if label.isdigit():
        return "digit", int(label)
    if label in _ROMAN:
        return "roman", _ROMAN.index(label) + 1
    if len(label) == 1 and "a" <= label <= "h":
        return "alpha", ord(label) - ord("a") + 1
    return None


def _enumeration(text: str) -> list[str] | None:
    """Split ``i) …; ii) …`` when the labels start the note and run in order."""
    # a label at the start opens with ``and``/``or``, a bracket, a letter a-h, i, v, x or
    # a digit: most notes start otherwise, and need not try the pattern
    if not text or not (text[0] in "abcdefghivxo(" or text[0].isdecimal()):
        return None
    first = _LABEL.match(text)
    if not first or first.start() != 0:
        return None
    seq = _sequence(first.group(1))
    if seq is None or seq[1] != 1:
        return None
    kind = seq[0]
    cuts = [(0, first.end())]
    expected = 2
    for m in labels(text, first.end()):
        s = _sequence(m.group(1))
        if kind == "roman" and m.group(1) in ("i", "v", "x") and s and s[1] != expected:
            s = None
        if s and s[0] == kind and s[1] == expected and _protected_end(text, m.start()):
            cuts.append((m.start(), m.end()))
            expected += 1
        elif s and kind == "alpha" and m.group(1) in _ROMAN and ("roman", expected) == _sequence(m.group(1)):
            continue
    if len(cuts) < 2:
        return None
    pieces = []
    for k, (_, body) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
        pieces.append(_drop_and_tail(text[body:end]).strip())
    return [p for p in pieces if p]


def _may_precede_bracket(ch: str) -> bool:
    """Whether ``ch`` can stand in a ``_LABEL`` match before its ``)``: white space, the
    letters of ``and``/``or`` and of labels, an opening bracket, a digit."""
    return ch.isspace() or ch in "andorivxbcefgh(" or ch.isdecimal()


def labels(text: str, start: int) -> Iterator[re.Match[str]]:
    """The matches of ``_LABEL.finditer(text, start)``, the same ones, found faster.

    Why: tried at every position of a 700-character note, the pattern took 50 us. Every
    match ends at the first ``)`` after its start and holds nothing but
    ``_may_precede_bracket`` characters before it, so it is tried only at the few
    positions just before each ``)``."""
    pos = start
    close = text.find(")", pos)
    while close != -1:
        k = close
        while k > pos and _may_precede_bracket(text[k - 1]):
            k -= 1
        for p in range(k, close):
            m = _LABEL.match(text, p)
            if m:
                yield m
                pos = m.end()
                break
        close = text.find(")", max(close + 1, pos))


def _drop_and_tail(text: str) -> str:
    r"""``text`` without the ``; and`` before the next label: what
    ``re.sub(r"[;,]?\s*(?:and|or)?\s*$", "", text)`` removes, read from the end instead of
    trying the pattern at every position of the piece."""
    text = text.rstrip()
    if text.endswith("and"):
        text = text[:-3]
    elif text.endswith("or"):
        text = text[:-2]
    text = text.rstrip()
    return text[:-1] if text.endswith((";", ",")) else text


def _protected_end(text: str, pos: int) -> bool:
    """A label counts only after a separator, not inside a title or brackets."""
    before = text[:pos].rstrip()
    if before.endswith(("and", "or")):
        before = before[: -3 if before.endswith("and") else -2].rstrip()
    return before.endswith((";", ",", ".", ":")) and _depth_at(text, pos) == 0


def _depth_at(text: str, pos: int) -> int:
    """How many brackets or quotes are open at ``pos`` (0: at top level)."""
    depth = 0
    i = 0
    tries = 0
    while i < pos:
        m = _OPEN_OR_BRACKET.search(text, i, pos)
        if not m:
            break
        i = m.start()
        ch = text[i]
        if ch in OPENERS and tries < MAX_TRIES and (i == 0 or not text[i - 1].isalnum()):
            q = quoted_at(text, i)
            if q is not None:
                if q.end > pos:
                    return 1
                i = q.end
                continue
            tries += 1
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        i += 1
    return depth


_OPEN_OR_BRACKET = re.compile("[" + re.escape(OPENERS) + "()\\[\\]]")


_SPECIAL_BY_SEP: dict[tuple[str, bool], re.Pattern[str]] = {}


def _specials(sep: str, urls: bool) -> re.Pattern[str]:
    """The characters ``top_level_split`` stops at: quotes, brackets, ``sep``, and (when the
    text holds ``http``) URLs. Without the URL branch the pattern is one character class,
    which the regex engine scans for far faster than a two-way alternation."""
    special = _SPECIAL_BY_SEP.get((sep, urls))
    if special is None:
        chars = "[" + re.escape(OPENERS) + "()\\[\\]" + re.escape(sep) + "]"
        special = _SPECIAL_BY_SEP[(sep, urls)] = re.compile("https?://\\S+|" + chars if urls else chars)
    return special


def top_level_split(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside quotes, brackets and URLs."""
    if sep not in text:
        return [text]
    out: list[str] = []
    depth = 0
    last = 0
    pos = 0
    tries = 0
    n = len(text)
    special = _specials(sep, "http" in text)
    while pos < n:
        m = special.search(text, pos)
        if not m:
            break
        i = m.start()
        ch = text[i]
        if len(m.group(0)) > 1:  # a URL: its punctuation splits nothing, bar what ends it
            pos = i + max(len(urls.trim(m.group(0), text[max(0, i - 80) : i])), 1)  # ``…id=1954849; see also``
            continue
        pos = i + 1
        if ch in OPENERS and tries < MAX_TRIES and (i == 0 or not text[i - 1].isalnum()):
            q = quoted_at(text, i)
            if q is not None:
                pos = q.end
                continue
            tries += 1
        if ch in "([":
            depth += 1
        elif ch in ")]":
            if depth:
                depth -= 1
        elif ch == sep and depth == 0:
            out.append(text[last:i])
            last = i + 1
    out.append(text[last:])
    return out


def _urlish(text: str) -> bool:
    r"""``https?://|www\.|\bdoi\b|10\.\d{4,}/`` (case-insensitive) in ``text``, by
    substring tests first: the alternation, tried at every position, was the slowest
    step of splitting a note at its semicolons."""
    low = fold(text)
    if names_web_address(low):
        return True
    if "doi" in low and _DOI_WORD.search(low):
        return True
    return "10." in text and _DOI_PREFIX.search(text) is not None


def looks_like_citation(text: str) -> bool:
    """Enough evidence that ``text`` cites a work: a URL, DOI, or a quoted/book title with a year."""
    t = text.strip()
    if not t:
        return False
    if _urlish(t) or _SEE.match(t):
        return True
    has_year = bool(YEAR.search(t))
    has_quote = any(c in t[:200] for c in "“\"«„‘")
    return has_year and (has_quote or "(" in t or t.count(",") >= 2)


def _semicolons(text: str) -> list[str]:
    pieces = [p.strip() for p in top_level_split(text, ";")]
    pieces = [q for p in pieces if p for q in _and_author_year(p)]
    if len(pieces) < 2:
        return [text.strip()]
    out: list[str] = [pieces[0]]
    for piece in pieces[1:]:
        if _cites(out[-1]) and not _MORE_OF_THE_SAME.match(piece) and _cites(piece):
            out.append(piece)
        else:
            out[-1] = out[-1] + "; " + piece
    return out


# ``…, S. 87, und Wolf (2008), S. 288``: the last of a list of author-date references
_AND_AUTHOR_YEAR = re.compile(r",\s+(?:und|and|et|y|sowie)\s+(?=[A-ZÀ-ÖØ-Þ][^,;()]{1,60}?\s*\([²³⁴⁵⁶⁷⁸⁹]?(?:1[5-9]|20)\d\d[a-z]?\))")
_AUTHOR_YEAR_START = re.compile(r"^(?:[^\W\d_][\w’'.-]*\s+){0,6}?[A-ZÀ-ÖØ-Þ][^,;()]{1,60}?\s*\([²³⁴⁵⁶⁷⁸⁹]?(?:1[5-9]|20)\d\d[a-z]?\)")


def _and_author_year(piece: str) -> list[str]:
    """``piece`` cut before ``und Wolf (2008)`` when it holds an author-date reference before
    (``Bumke (1997), S. 87, und Wolf (2008), S. 288``): the two are two sources."""
    if "(" not in piece:
        return [piece]
    m = _AND_AUTHOR_YEAR.search(piece)
    if m is None or not _AUTHOR_YEAR_START.match(piece):
        return [piece]
    return [piece[: m.start()], piece[m.start() + 1 :].strip()]


def _cites(text: str) -> bool:
    """``looks_like_citation``, or a repetition: ``Ibid., 4``, ``ebd.``, or a short form with
    its pages (``Smith, Long Road, 12``, ``Beard, 120``): a note may join five of them."""
    if looks_like_citation(text):
        return True
    t = text.strip()
    if _LABELLED_PAGE.search(t) or locators.title_volume_page(t):
        return True  # ``Weston, “Documents …,” p. 82``, ``Marie, vol. i, pp. 81–134``, ``Memoirs, II, 326–8``
    q = first_quoted(t, 0) if len(t) < 400 else None
    if q is not None and q.start <= 60 and len(t[: q.start].split()) <= 5 and not any(ch.islower() for ch in t[: q.start].split(",")[0][:1]):
        return True  # ``Kercheval, “History of the Valley”``: an author and a quoted title
    if ibid.match(text) is not None:
        return True
    short = shortform.read(text)
    return short is not None and short.locator is not None


def split_note(text: str) -> list[str]:
    """The segments of one note, in order, each to be read as one citation or one remark."""
    text = text.strip()
    if not text:
        return []
    pieces = _enumeration(text) or [text]
    out: list[str] = []
    for piece in pieces:
        for chunk in _POINTER.split(piece) if _may_point(piece) else (piece,):
            for seg in (s for half in _prose_then_source(chunk) for s in _semicolons(half)):
                out.extend(_quoted_in(seg) if "quot" in seg or "cit" in seg else (seg,))
    return [p for p in out if p]


# The end of a sentence: a lower-case word of three letters or more and its stop (not an
# initial, ``Dr.`` or ``pp.``), then a capital.
_SENTENCE_END = re.compile(r"(?<=[a-zß-öø-ÿ]{3}[.!?])\s+(?=[A-ZÀ-ÖØ-Þ])")


def _prose_then_source(text: str) -> list[str]:
    """``text`` cut after its first sentences when they are prose that cites nothing and
    what follows cites (``… on the judicial veto. Beard, Economic Origins, pp. 450``): the
    prose is the writer's remark, not the head of the source."""
    if len(text) < 60 or not (". " in text or "? " in text or "! " in text):
        return [text]
    words, _ = signals.strip_any(text)
    comment = words is not None and signals.leading(text) is None  # ``Cf. his plan for …``
    if not comment and not is_prose(text):
        return [text]  # no head of it can be prose either
    # (a comment or prose is thirty characters or more; a remark before a source, a few sentences)
    for tried, m in enumerate(_SENTENCE_END.finditer(text, 30)):
        if tried == _MAX_SENTENCES:
            break
        head, tail = text[: m.start()], text[m.end() :]
        body = signals.strip_any(head)[1] if words is not None else head
        if comment and len(body.split()) >= 5:
            pass  # signal words before no source: a comment
        elif head.count(" ") < 8 or not is_prose(head):
            continue  # (prose is nine words or more)
        if _cites(body):
            return [text]
        if _cites(tail) and not is_prose(_first_sentence(tail)):
            return [head, tail]
    return [text]


_MAX_SENTENCES = 6


def _first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text)
    return text[: m.start()] if m else text


_QUOTED_IN = re.compile(r",\s+(?=(?:(?:as\s+)?(?:quoted|cited)\s+(?:in|by)|quoting|citing)\s+(?:[A-ZÀ-ÖØ-Þ“\"‘«„]|the\s))")


def _quoted_in(seg: str) -> list[str]:
    """``Smith, “Title,” Journal 1 (2000): 5, quoted in Jones, Book (…), 7``: two sources,
    the second with ``quoted in`` as its prefix, when the first looks like a citation; and
    the Bluebook's ``Kleppe v. New Mexico, 426 U.S. 529 (1976), quoting United States v. …``."""
    m = _QUOTED_IN.search(seg)
    if m is None or not _cites(seg[: m.start()]):
        return [seg]
    return [seg[: m.start() + 1], seg[m.end() :]]
