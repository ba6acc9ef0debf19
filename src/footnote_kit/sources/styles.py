"""Bibliography styles that separate their parts with full stops rather than commas:
author-date (APA, Harvard: ``Tucker, N., & Lemon, E. (2019). Title. Journal, 38(3), 345–367.``)
and Chicago/MLA bibliography entries (``Smith, Jane. Title. London: Verso, 2019.``).

Taken only when the first sentence reads as names, so a note's prose never is.
"""

from __future__ import annotations

import re

from footnote_kit.model import DateParts, Name
from footnote_kit.sources import dates, imprint, locators, names
from footnote_kit.sources.draft import Draft, chunks, strip_stop
from footnote_kit.sources.pieces import is_genre, sentences
from footnote_kit.sources.rest import read_book_pieces, read_rest

_SAME_AUTHOR = re.compile(r"^(?:[_—–-]{2,}|idem|eadem)\.?$", re.I)
_NAME_YEAR = re.compile(r"^(?P<who>.+?)[.,]?\s+\(?(?P<year>(?:1[5-9]\d\d|20\d\d)[a-z]?)\)?$")
_APA_AUTHORS = re.compile(
    r"^(?P<who>(?:[^\W\d_][\w'’-]*(?:[\s-][^\W\d_][\w'’-]*){0,2},\s+(?:[^\W\d_]{1,2}\.\s?-?){1,3}(?:,\s+|,?\s*&\s*|,?\s+and\s+|;\s*)?){1,30})(?:\s*et al\.?)?\s+(?=[^\W\d_(]|\(|\d{4})"
)
APA_HEAD = re.compile(r"^(?P<who>[^()“”\"«»]{2,300}?)\s*\((?P<date>(?:1[5-9]\d\d|20\d\d)[a-z]?(?:,\s*[^()]{3,20})?|n\.\s?d\.)\)\.\s+(?P<rest>\S.*)$")
_YEAR_THEN_TITLE = re.compile(r"^\(?((?:1[5-9]\d\d|20\d\d)[a-z]?)\)?[.,]?\s*(.*)$")
_EDITION_PAREN = re.compile(r"\s*\((?P<ed>\d+(?:st|nd|rd|th))\s+ed\.?\)\s*$")


def author_date(text: str) -> DateParts | None:
    """``2019``, ``2019a``, ``2020, May 3``: the date in an author-date parenthesis."""
    year, _, rest = text.partition(",")
    year = year.strip().rstrip("abcdefghij")
    if rest.strip():
        return dates.parse_date(f"{rest.strip()} {year}") or dates.parse_date(year)
    return dates.parse_date(year)


def by_sentences(head: str, d: Draft) -> bool:
    """``Authors. [Year.] Title. Rest.``: taken only when the first sentence is names."""
    text = head.strip()
    if is_genre(text.split(",", 1)[0].strip()):
        return False  # ``Press Release, U.S. Department …``: a kind of document, no name
    m = _APA_AUTHORS.match(text)
    apa = names.parse_apa(m.group("who").strip()) if m else None
    if m and apa:  # ``Bergk, V., Haefeli, W. E. & Martin, M. Title…``: initials end no sentence
        rest = text[m.end() :]
        pieces = ["", *sentences(rest)]
    else:
        pieces = sentences(text)
    if len(pieces) < 2:
        return False
    if apa:
        d.author.extend(apa)
        d.certain.add("author")
        year_first = _YEAR_THEN_TITLE.match(pieces[1])
        if year_first:
            d.issued = dates.parse_date(year_first.group(1).rstrip("abcdefghij"))
            pieces[1:2] = [p for p in (year_first.group(2),) if p]
        return _title_and_rest(pieces, 1, None, d)
    who = strip_stop(pieces[0].strip())
    year = None
    m = _NAME_YEAR.match(who) if _may_end_with_year(who) else None
    if m and (names.looks_like_names(m.group("who")) or names.parse_apa(m.group("who"))):
        who, year = m.group("who"), m.group("year")
    if _SAME_AUTHOR.match(who):
        d.notes.append(who)
    else:
        listed = who.replace(";", ",")
        apa = names.parse_apa(listed)
        if apa:
            d.author.extend(apa)
        elif (read := names.read_names(listed)) is not None:
            found, role = read
            (d.editor if names.role_kind(role) == "editor" else d.author).extend(found)
        else:
            return False
    return _title_and_rest(pieces, 1, year, d)


def _may_end_with_year(who: str) -> bool:
    """Whether ``_NAME_YEAR`` can match ``who``: it ends (``$``: bar a final newline) with a
    year's last digit (``\\d``: ``str.isdecimal``), then at most one ``[a-z]``, then at most
    one ``)``; the lazy name before the year is tried after every character."""
    if who.endswith("\n"):
        return True  # not asked of stripped text
    end = who[:-1] if who.endswith(")") else who
    if "a" <= end[-1:] <= "z":
        end = end[:-1]
    return end[-1:].isdecimal()


def _title_and_rest(pieces: list[str], k: int, year: str | None, d: Draft) -> bool:
    if year is None and k < len(pieces) and len(pieces[k]) <= 12 and dates.parse_date(pieces[k]):
        year = pieces[k]
        k += 1
    if year:
        d.issued = dates.parse_date(year.rstrip("abcdefghij"))
    if k < len(pieces):
        title = pieces[k]
        ed = _EDITION_PAREN.search(title) if title.rstrip().endswith(")") else None
        if ed:
            d.set("edition", ed.group("ed"))
            title = title[: ed.start()]
        facts = _facts_after_title(title) if k + 1 == len(pieces) and "," in title else None
        if facts:  # ``Thomas Carlyle. Chartism, London, 1840, p. 28.``
            d.set("title", facts[0])
            d.ev.shapes.add("book")
            read_book_pieces(facts[1:], d)
            return True
        d.set("title", title)
        k += 1
    rest = ", ".join(pieces[k:])
    if "(" not in rest and ":" in rest and not locators.journal(rest):
        d.ev.shapes.add("book")
    read_rest(rest, d)
    return True


def _facts_after_title(sentence: str) -> list[str] | None:
    """``Chartism, London, 1840, p. 28`` -> the title and the pieces after it, when the last
    sentence of a full-stop style ran on with commas: its last piece is a year, a year
    with its place, or pages. None when it reads as one title (``War, Peace, and Power``)."""
    pieces = chunks(sentence)
    if len(pieces) < 2 or len(pieces[0].split()) > 15:
        return None
    last = pieces[-1].strip(" .")
    if not (locators.page(last) or dates.find_year(last) and len(last) <= 30):
        return None
    if not any(dates.find_year(p) for p in pieces[1:]) and len(pieces) > 2:
        return None
    out = [pieces[0]]
    for piece in pieces[1:]:
        if len(out) > 1 and imprint.is_place_year(f"{out[-1]}, {piece}"):
            out[-1] = f"{out[-1]}, {piece.strip()}"  # ``London``, ``1840``: one imprint
        else:
            out.append(piece)
    return out


def author_date_reference(m: re.Match[str], d: Draft) -> None:
    """APA: ``Tucker, N., & Lemon, E. (2019). Title. Journal, 38(3), 345–367.``: the title
    is the first sentence after the date, the rest reads as pieces (stops as commas)."""
    who = m.group("who").strip()
    found = names.parse_apa(who)
    who = strip_stop(who)
    if found:
        d.author.extend(found)
        d.certain.add("author")
    elif (read := names.read_names(who)) is not None:
        d.author.extend(read[0])
    else:
        d.author.append(Name(literal=strip_stop(who)))
    d.issued = author_date(m.group("date"))
    if d.issued:
        d.certain.add("issued")
    pieces = sentences(m.group("rest"))
    title = pieces[0] if pieces else ""
    ed = _EDITION_PAREN.search(title) if title.rstrip().endswith(")") else None  # its ``)`` ends the title
    if ed:
        d.set("edition", ed.group("ed"))
        title = title[: ed.start()]
    d.set("title", title)
    d.ev.shapes.add("apa")
    read_rest(", ".join(pieces[1:]), d)


# German humanities notes: ``Müller, Anna: Titel, Ort Jahr, S. 4.``, ``Müller, Anna/Schmidt,
# Peter (Hrsg.): Titel, in: …``. The names end at the first colon; a slash or semicolon
# separates them.
_COLON_HEAD = re.compile(
    r"^(?P<who>[^:“”\"„«»()\[\]\d]{2,160}?)\s*(?P<role>\((?:hrsg|hg|eds?|éds?|dir|coord)\.?\))?\s*:\s+(?=\S)", re.I
)
_IN_COLON = re.compile(r"[,.]\s+in:\s", re.I)
_SENTENCE = re.compile(r"[^\W\d_]{2,}\.\s+[^\W\d_]{2,}")
_SUBTITLE_THEN_IMPRINT = re.compile(r"\.\s+(?=[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+[\w’'.-]+){0,3}?(?:\s*:\s*[^.]+?)?,?\s+(?:1[5-9]|20)\d\d\b)")


def colon_names(who: str) -> tuple[Name, ...] | None:
    """``Müller, Anna/Schmidt, Peter``, ``Anna Müller; Peter Schmidt``: the names before a
    German note's colon, or None when they do not all read as names. Each is one name,
    inverted or not: a list joined by commas is an English author before a title's colon."""
    out: list[Name] = []
    for one in re.split(r"\s*[/;]\s*", who.strip()):
        family, comma, given = one.partition(",")
        if comma and ("," in given or not names.is_inverted(family.strip(), given.strip())):
            return None  # ``Jane Smith, The Long Road Home: Exile…``: a title's colon
        read = names.read_names(one)
        if read is None:
            return None
        out.extend(read[0])
    return tuple(out) or None


# ``Berger und Luckmann, 2009: Die gesellschaftliche Konstruktion …``: author-date names,
# their year, then the title after the colon.
_COLON_YEAR_HEAD = re.compile(r"^(?P<who>[^:“”\"„«»()\[\]\d,]{2,80}?),\s*(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\s*:\s+(?=\S)")


def surnames(who: str) -> tuple[Name, ...] | None:
    """``Berger und Luckmann``, ``Smith and Jones``, ``Müller/Schmidt``: names, or surnames
    alone as author-date references print them; None when ``who`` is neither."""
    read = names.read_names(who)
    if read is not None:
        return tuple(read[0])
    if _SURNAMES.match(who):
        return tuple(Name(family=w) for w in re.split(r"\s*(?:/|\band\b|&|\bund\b|\bet\b|\by\b|\bи\b)\s*", who) if w)
    return None


def colon_style(head: str, d: Draft) -> bool:
    """``Names: Title, Place Year, S. 4`` or ``Names: Title, in: Container …``: taken only
    when everything before the first colon reads as names (``Names, Year: Title`` too)."""
    text = head.strip()
    dated = _COLON_YEAR_HEAD.match(text) if ":" in text else None
    found = surnames(dated.group("who").strip()) if dated else None
    if dated is not None and found is not None:
        m: re.Match[str] | None = dated
        d.issued = dates.parse_date(dated.group("year"))
        d.certain.add("issued")
    else:
        m = _COLON_HEAD.match(text)
        found = colon_names(m.group("who")) if m and not _SENTENCE.search(m.group("who")) else None
    if m is None or found is None:
        return False
    if m.groupdict().get("role"):
        d.editor.extend(found)
    else:
        d.author.extend(found)
    rest = text[m.end() :]
    cut = _IN_COLON.search(rest)
    if cut is not None:  # ``Titel, in: Zeitschrift 12 (2008), S. 45–67``, ``Titel. In: …``
        d.set("title", rest[: cut.start()])
        read_rest(rest[cut.start() + 1 :], d)
        return True
    pieces = chunks(rest)
    title = pieces[0]
    split = _SUBTITLE_THEN_IMPRINT.search(title)
    if split:  # ``Titel. Untertitel. Berlin: Suhrkamp 2008``
        pieces[1:1] = [title[split.end() :]]
        title = title[: split.start()]
    d.set("title", title)
    read_book_pieces(pieces[1:], d)
    return True


# Author-date references in notes: ``Scheffel (1855), S. 680``, ``Mertens (²1994), S. 34``,
# ``Smith and Jones (2019), p. 45``: the work is in a bibliography the notes do not print.
_AUTHOR_YEAR_REF = re.compile(
    r"^(?P<who>[^\d()“”\"«»„,;:]{2,80}?)\s*\((?P<ed>[²³⁴⁵⁶⁷⁸⁹])?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?\)(?:\s*[,:]\s*(?P<rest>.*?))?\s*\.?$"
)
_SUPERSCRIPT = {"²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"}
_SURNAMES = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)?(?:\s*(?:/|and|&|und|et|y|и)\s*[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)*$")


# ``Praetorius 1905, S. 345``, ``Humboldt 1845: 127``, ``Herzer ²2001``: the same without
# brackets, as German author-date notes print it. Surnames only (no initials, no comma).
_AUTHOR_YEAR_BARE = re.compile(
    r"^(?P<who>[A-ZÀ-ÖØ-Þ][\w’'-]+(?:\s+(?:und|and|&|et|y)\s+[A-ZÀ-ÖØ-Þ][\w’'-]+|/[A-ZÀ-ÖØ-Þ][\w’'-]+)*)\s+"
    r"(?P<ed>[²³⁴⁵⁶⁷⁸⁹])?(?P<year>(?:1[5-9]|20)\d\d)[a-z]?(?:\s*[,:]\s*(?P<rest>.*?))?\s*\.?$"
)


def _bare_surnames(who: str) -> tuple[Name, ...] | None:
    """Surnames before a bare year, unless they are a month (``March 1905``), a body
    (``Reuters 2019``) or a place-like word that a year follows in an imprint."""
    first = who.split()[0].split("/")[0]
    if dates.is_month(first.lower()) or names.is_org(who) or first.lower() in _NOT_SURNAMES:
        return None
    return surnames(who)


_NOT_SURNAMES = frozenset("see vgl cf siehe voir in im the der die das le la el il".split())


def author_year_reference(head: str, d: Draft) -> bool:
    """``Scheffel (1855), S. 680``: authors (surnames will do), the year in brackets (an
    edition in superscript before it), then the pages and what the writer adds."""
    text = head.strip()
    m = _AUTHOR_YEAR_REF.match(text) if ")" in text else None
    found = surnames(m.group("who").strip()) if m else None
    if found is None:
        m = _AUTHOR_YEAR_BARE.match(text)
        found = _bare_surnames(m.group("who")) if m else None
    if m is None or found is None:
        return False
    d.author.extend(found)
    d.issued = dates.parse_date(m.group("year"))
    d.certain.add("issued")
    if m.group("ed"):
        d.set("edition", _SUPERSCRIPT[m.group("ed")])
    d.ev.shapes.add("author-date")
    rest = m.group("rest") or ""
    aside = re.search(r"\s*(\([^()]+\))$", rest)
    if aside:  # ``S. XI (Hervorhebung dort)``: the writer's remark
        d.suffix.append(aside.group(1))
        rest = rest[: aside.start()]
    pieces = chunks(rest) if rest.strip() else []
    first = pieces[0].strip(" .") if pieces else ""
    if len(first.split()) >= 2 and not (locators.page(first) or locators.OTHER_LOCATOR.match(first)):
        d.set("title", first)  # Harvard in a note: ``Cai (1990), A Note on …, Information and Computation, 84, …``
        read_rest(",".join(pieces[1:]), d)
    else:
        read_book_pieces(pieces, d)
    return True
