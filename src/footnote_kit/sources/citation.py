"""One segment of a note -> a citation (one ``Source``) or a remark.

The segment is read from both ends: identifiers (URL, DOI, ISBN) and an access date are
taken out first, because they have unambiguous shapes; then the title (quoted, or the
span before a ``(Place: Publisher, Year)``); what precedes the title is authors, what
follows is the translation, then comma-separated pieces each recognised on its own
(date, page, volume, issue, document symbol, genre, editor), the first unrecognised one
being the outlet. Words that belong to the source but are no field go to ``note``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from footnote_kit.model import DateParts, Name, Source
from footnote_kit.sources import dates, identifiers, kinds, language, locators, names
from footnote_kit.sources.split import top_level_split
from footnote_kit.sources.titles import first_quoted, translation_after

_LEAD = re.compile(r"^(?:(?:see|cf\.|compare|quoted in|cited in|as cited in|sources?|for (?:example|instance|details|more)),?\s*(?:also\s+|further\s+|for example,?\s*|e\.g\.,?\s*)?(?:the\s+)?:?\s*)", re.I)
_BOOK_PAREN = re.compile(r"\((?:(?P<place>[^():;“”\"]{2,60}?)\s*:\s*)?(?P<pub>[^():;“”\"]{2,120}?)\s*,\s*(?P<date>[^():;,“”\"]{0,30}?\b(?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|forthcoming)\)")
_PLACE_YEAR = re.compile(r"\((?P<place>[A-Z][^():;,“”\"\d]{1,40}),\s*(?P<date>(?:1[5-9]\d\d|20\d\d))\)")
# ``London``, ``Washington, DC``, ``Armonk, NY``, ``Frankfurt am Main``: a place, not a publisher
_PLACE_LIKE = re.compile(r"^[A-Z][a-zà-ÿ'’-]+(?:\s(?:am|an|de|on|upon)?\s?[A-Z][a-zà-ÿ'’-]+)?(?:,\s*(?:[A-Z]{2}|[A-Z][a-z]+\.?))?$")
_CHAPTER = re.compile(r"^in[:\s]\s*", re.I)
_EDS_PAREN = re.compile(r"^(?P<eds>[^()“”\"]{3,200}?)\s*\((?:eds?\.?|hrsg\.?|dir\.?|ed\. by)\)\s*,?\s*(?P<book>.+)$", re.I)
_EDS_AFTER = re.compile(r"^(?P<book>.+?),?\s+(?:ed\.|eds\.|edited by|hrsg\. v\.)\s+(?P<eds>[^,()]+?)\s*(?=,|\(|$)(?P<rest>.*)$", re.I)
_ROLE_CHUNK = re.compile(r"^(?P<role>ed\.|eds\.|edited by|trans\.|translated by|interview(?:ed)? by|interviewer)\s+(?P<who>.+)$", re.I)
_EDITION = re.compile(r"^(?P<ed>\d+(?:st|nd|rd|th)|[A-Z][a-z]+ed|revised|rev\.)\s*(?:ed\.?|edn\.?|edition)$", re.I)
# ``interview``, ``Crisis Group interview``, ``Author’s interview with a diplomat``,
# ``Interview by the author with …``, ``telephone conversation with …``
_INTERVIEW = re.compile(r"^(?:[\w’'.-]+\s+){0,3}?(?:interview|interviews|correspondence|conversation)(?:\s+(?P<prep>with|by)\s+(?P<who>.+))?$", re.I)
_GENRE = re.compile(r"^(?:press release|news release|statement|speech|video|podcast|editorial|op-ed|opinion|blog post|fact sheet|factsheet|communiqu[ée]|transcript|letter|tweet|post|testimony|policy brief|working paper|briefing|briefing paper|commentary|analysis|report|(?:PhD|doctoral|master'?s)? ?(?:thesis|dissertation)|translation|[a-z]+ report|[a-z]+ paper|[a-z]+ brief)$", re.I)
_ARTICLE_GENRE = re.compile(r"^(?:[Aa]n?)\s+(?P<g>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,4})$")
_REPORT_NO = re.compile(r"^(?P<genre>(?:[A-Z][\w-]*\s+){0,3}(?:Report|Paper|Brief|Briefing|Note|Study|Series))\s+(?:(?:No\.?|Nr\.?|#)\s*(?P<no>[\w./-]*\d[\w./-]*)|(?P<no2>(?!(?:1[5-9]|20)\d\d\b)\d[\w./-]*))$")
_DOC_SYMBOL = re.compile(r"^(?:(?:UN|U\.N\.)\s+)?(?:Doc(?:ument)?\.?\s+)?(?P<sym>(?:[A-Z]{1,4}(?:\.\d+)?/){1,4}(?:\d{1,4}/)?\d{1,5}(?:/(?:Add|Rev|Corr)\.\d+)*)$")
_PLACE_PUB = re.compile(r"^(?P<place>[A-Z][\w .,’'-]{1,40}?)\s*:\s*(?P<pub>[A-Z].{1,100})$")
_PROSE_WORDS = re.compile(r"\b(?:is|are|was|were|has|have|had|been|be|said|says|spoke|reported|according|which|that|this|these|there|also|it|he|she|they|we|our|its)\b", re.I)
_TRAILING = " ,.;:–—-"


@dataclass(slots=True)
class Draft:
    author: list[Name] = field(default_factory=list)
    editor: list[Name] = field(default_factory=list)
    translator: list[Name] = field(default_factory=list)
    interviewer: list[Name] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)
    issued: DateParts | None = None
    accessed: DateParts | None = None
    month_day: tuple[int, int] | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)
    ev: kinds.Evidence = field(default_factory=kinds.Evidence)

    def set(self, key: str, value: str | None) -> bool:
        value = (value or "").strip(_TRAILING + " ")
        if not value or key in self.text:
            return False
        self.text[key] = value
        return True


_CLOSE_BRACKET = re.compile(r"\s*[)\]]")
_LOWER_NAME = re.compile(r"^(?:the|al-|el-|e-|i[A-Z])\b")
_YEAR_FIRST = re.compile(r"\s*(?:1[5-9]\d\d|20\d\d)\b")


def chunks(text: str) -> list[str]:
    """Comma-separated pieces, with ``March 3, 2021`` kept whole."""
    out: list[str] = []
    for piece in top_level_split(text, ","):
        if out and _YEAR_FIRST.match(piece) and dates.is_partial_date(out[-1]):
            out[-1] = out[-1] + "," + piece
        else:
            out.append(piece)
    return out


def _clip(text: str) -> str:
    return text.strip(" ,;:")


def is_prose(text: str) -> bool:
    """A sentence of explanation rather than the head of a citation."""
    words = text.split()
    return len(words) >= 9 and bool(_PROSE_WORDS.search(text))


# ---------------------------------------------------------------------------------------


def _take_identifiers(seg: str, d: Draft) -> tuple[str, str]:
    """Remove URL, DOI, ISBN; return (head before the URL, tail after it)."""
    head, tail = seg, ""
    found = identifiers.find_url(seg)
    if found:
        d.text["URL"] = found.value
        head, tail = seg[: found.start], seg[found.end :]
        if head.endswith("<") and tail.startswith(">"):  # ``anchor text <URL>`` from HTML/Markdown links
            head, tail = head[:-1], tail[1:]
        extra = identifiers.find_url(tail)
        while extra:  # a second link to the same source: kept as words, never lost
            d.notes.append(extra.value)
            tail = tail[: extra.start] + tail[extra.end :]
            extra = identifiers.find_url(tail)
        doi = identifiers.doi_from_url(found.value)
        if doi:
            d.text["DOI"] = doi
    doi_found = identifiers.find_doi(head)
    if doi_found:
        d.text.setdefault("DOI", doi_found.value)
        head = head[: doi_found.start] + head[doi_found.end :]
    isbn = identifiers.find_isbn(head)
    if isbn:
        d.text["ISBN"] = isbn.value
        head = head[: isbn.start] + head[isbn.end :]
    return head, tail


_ACCESS_WORDS = ("ccessed", "etrieved", "onsulted", "iewed", "isited", "bgerufen", "onsulté")


_IN_LANGUAGE = re.compile(r"\s*[(\[]in (?P<lang>[A-Z][a-z]+)[)\]]")
_LANGUAGE_NAMES = {
    "russian": "ru", "uzbek": "uz", "kazakh": "kk", "kyrgyz": "ky", "tajik": "tg", "turkmen": "tk", "german": "de",
    "french": "fr", "spanish": "es", "italian": "it", "arabic": "ar", "persian": "fa", "farsi": "fa", "dari": "fa",
    "pashto": "ps", "turkish": "tr", "chinese": "zh", "ukrainian": "uk", "polish": "pl", "portuguese": "pt",
    "japanese": "ja", "korean": "ko", "urdu": "ur", "hebrew": "he", "georgian": "ka", "armenian": "hy", "azerbaijani": "az",
}


def _take_language_note(text: str, d: Draft) -> str:
    """``(in Russian)``: the writer says the language; the words stay in ``note``."""
    if "(in " not in text and "[in " not in text:
        return text
    m = _IN_LANGUAGE.search(text)
    if not m or m.group("lang").lower() not in _LANGUAGE_NAMES:
        return text
    d.language = _LANGUAGE_NAMES[m.group("lang").lower()]
    d.notes.append(m.group(0).strip())
    return text[: m.start()] + text[m.end() :]


def _take_accessed(text: str, d: Draft) -> str:
    if not any(w in text for w in _ACCESS_WORDS):
        return text
    m = dates.ACCESSED_RE.search(text)
    if not m:
        return text
    found = dates.find_date(text, m.end())
    if not found or found.start > m.end() + 1 or not found.parts:
        return text
    d.accessed = found.parts
    end = found.end
    close = _CLOSE_BRACKET.match(text, end)
    start = m.start()
    if close and "(" in text[max(0, start - 2) : m.end()] or (close and text[start : start + 1] in "(["):
        end = close.end()
    return text[:start] + text[end:]


_AUTHOR_DATE = re.compile(r"\((?P<date>(?:1[5-9]\d\d|20\d\d)[a-z]?(?:,\s*[^()]{3,20})?|n\.\s?d\.)\)[.,]?$")


def _author_date(text: str) -> DateParts | None:
    """``2019``, ``2019a``, ``2020, May 3``: the date in an author-date parenthesis."""
    year, _, rest = text.partition(",")
    year = year.strip().rstrip("abcdefghij")
    if rest.strip():
        return dates.parse_date(f"{rest.strip()} {year}") or dates.parse_date(year)
    return dates.parse_date(year)


def _strip_stop(text: str) -> str:
    """``Tucker, Noah.`` -> ``Tucker, Noah`` (MLA); an initial keeps its stop (``Tucker, N.``)."""
    if text.endswith(".") and not re.search(r"(?:^|[\s.])[^\W\d_]\.$", text):
        return text[:-1].rstrip()
    return text


def _authors(prefix: str, d: Draft) -> None:
    """What precedes the title: a pointer (``See:``), then names, else words for ``note``."""
    text = prefix.strip()
    lead = _LEAD.match(text)
    if lead and lead.group(0).strip():
        d.notes.append(lead.group(0).strip())
        text = text[lead.end() :]
    text = _clip(text)
    year = _AUTHOR_DATE.search(text)
    if year:  # Harvard/APA: ``Tucker, N. (2019) ‘Title’``, ``(2020, May 3)``
        parts = _author_date(year.group("date"))
        if parts:
            d.issued = d.issued or parts
            text = _clip(text[: year.start()])
    text = _strip_stop(text)
    if not text:
        return
    interview = _INTERVIEW.match(text)
    if interview:
        d.ev.shapes.add("interview")
        return
    apa = names.parse_apa(text)
    if apa:
        d.author.extend(apa)
    elif names.looks_like_names(text):
        found, role = names.parse_names(text)
        if role and role.startswith(("ed", "editor")):
            d.editor.extend(found)
        elif role and role.startswith("trans"):
            d.translator.extend(found)
        else:
            d.author.extend(found)
    else:
        d.notes.append(text)


_ROLE_WORDS = frozenset("ed. eds. edited trans. translated interview interviewed interviewer".split())
_DIGIT = re.compile(r"\d")


def _classify(chunk: str, d: Draft) -> None:
    """One comma-separated piece after the title.

    Cheap tests first: most pieces are an outlet or a date, so the digit-bearing
    recognisers run only when there is a digit, the word-led ones only after their word.
    """
    c = chunk.strip(" .;:") if not chunk.rstrip().endswith(("?", "!")) else chunk.strip()
    c = c.strip()
    if not c:
        return
    if _DIGIT.search(c) and _classify_numeric(c, d):
        return
    first = c.split(None, 1)[0].lower()
    if first in _ROLE_WORDS:
        m = _ROLE_CHUNK.match(c)
        if m and names.looks_like_names(m.group("who")):
            role = m.group("role").lower()
            found, _ = names.parse_names(m.group("who"))
            (d.editor if role.startswith("ed") else d.translator if role.startswith("trans") else d.interviewer).extend(found)
            if role.startswith("interview"):
                d.ev.shapes.add("interview")
            return
    if "nterview" in c or "onversation" in c or "orrespondence" in c:
        m = _INTERVIEW.match(c)
        if m:
            d.ev.shapes.add("interview")
            if m.group("who") and m.group("prep").lower() == "by" and names.looks_like_names(m.group("who")):
                d.interviewer.extend(names.parse_names(m.group("who"))[0])
            elif m.group("who"):
                d.notes.append(c)
            return
    if first in ("revised", "rev.") and _EDITION.match(c):
        d.set("edition", c.split(None, 1)[0])
        return
    if _GENRE.match(c) or (c.startswith("(") and _GENRE.match(c.strip("()"))):
        if d.set("genre", c[:1].upper() + c[1:]):
            return
    if first in ("a", "an"):
        m = _ARTICLE_GENRE.match(c)
        if m and not names.is_org(c) and d.set("genre", m.group("g")[:1].upper() + m.group("g")[1:]):
            return
    if ":" in c:
        m = _PLACE_PUB.match(c)
        if m and "publisher" not in d.text:
            d.set("publisher_place", m.group("place"))
            d.set("publisher", m.group("pub"))
            return
    if c[:1].islower() and " " in c and not _LOWER_NAME.match(c):
        d.notes.append(c)
        return
    body = c[4:] if c.startswith("the ") else c
    if "container_title" not in d.text:
        d.set("container_title", body)
    elif "publisher" not in d.text:
        d.set("publisher", body)
    else:
        d.notes.append(c)


def _classify_numeric(c: str, d: Draft) -> bool:
    """The recognisers of pieces with a digit: dates, locators, numbers, editions."""
    parts = dates.parse_date(c)
    if parts:
        if d.issued is None:
            d.issued = parts
        else:
            d.notes.append(c)
        return True
    md = dates.is_partial_date(c)
    if md:
        d.month_day = md
        return True
    vi = locators.volume_issue(c)
    if vi and "volume" not in d.text:
        d.set("volume", vi[0])
        d.set("issue", vi[1])
        d.set("page", vi[2])
        d.ev.shapes.add("journal")
        return True
    if "volume" in d.text and "page" not in d.text:
        page = locators.bare_page(c)
        if page:
            d.set("page", page)
            return True
    for key, fn in (("page", locators.page), ("volume", locators.volume), ("issue", locators.issue)):
        value = fn(c)
        if value and d.set(key, value):
            return True
    m = _DOC_SYMBOL.match(c)
    if m:
        d.set("number", m.group("sym"))
        d.ev.shapes.add("symbol")
        return True
    m = _REPORT_NO.match(c)
    if m:
        d.set("genre", m.group("genre"))
        d.set("number", m.group("no") or m.group("no2"))
        return True
    m = _EDITION.match(c)
    if m:
        d.set("edition", m.group("ed"))
        return True
    return False


def _rest(after: str, d: Draft) -> None:
    """Everything after the title (and its translation)."""
    text = after.strip(" ,.;:")
    if not text:
        return
    if ". " in text:  # bibliography style: ``Journal 19, 209–223. London: Verso, 2019.``
        text = ", ".join(_sentences(text))
    if _CHAPTER.match(text):
        _chapter(text[_CHAPTER.match(text).end() :], d)  # type: ignore[union-attr]
        return
    j = locators.journal(text)
    if j and not dates.parse_date(j.journal):
        d.set("container_title", j.journal)
        d.set("volume", j.volume)
        d.set("issue", j.issue)
        d.issued = dates.parse_date(j.date) or d.issued
        d.set("page", j.pages)
        d.ev.shapes.add("journal")
        text = text[j.end :]
    text = _book_paren(text, d)
    for chunk in chunks(text):
        _classify(chunk, d)


def _book_paren(text: str, d: Draft) -> str:
    """``(Place: Publisher, Year)`` or ``(Place, Year)``: publication facts of a book."""
    if "(" not in text:
        return text
    m = _BOOK_PAREN.search(text)
    if m and (m.group("place") or not dates.parse_date(m.group("pub"))):
        if m.group("place"):
            d.set("publisher_place", m.group("place"))
            d.set("publisher", m.group("pub"))
        elif names.is_org(m.group("pub")) or not _PLACE_LIKE.match(m.group("pub")):
            d.set("publisher", m.group("pub"))
        else:  # ``(Washington, DC, 2020)``, ``(London, 2019)``: a place
            d.set("publisher_place", m.group("pub"))
        d.issued = dates.parse_date(m.group("date")) or d.issued
        d.ev.shapes.add("book")
        return text[: m.start()] + "," + text[m.end() :]
    m = _PLACE_YEAR.search(text)
    if m and not names.is_org(m.group("place")):
        d.set("publisher_place", m.group("place"))
        d.issued = dates.parse_date(m.group("date")) or d.issued
        d.ev.shapes.add("book")
        return text[: m.start()] + "," + text[m.end() :]
    return text


def _chapter(text: str, d: Draft) -> None:
    """``in Editor (ed.), Book, …`` or ``in Book, ed. Editor (…)``."""
    d.ev.shapes.add("chapter")
    text = _book_paren(text, d)
    m = _EDS_PAREN.match(text)
    if m and names.looks_like_names(m.group("eds")):
        d.editor.extend(names.parse_names(m.group("eds"))[0])
        text = m.group("book")
    else:
        m2 = _EDS_AFTER.match(text)
        if m2 and names.looks_like_names(m2.group("eds")):
            d.editor.extend(names.parse_names(m2.group("eds"))[0])
            text = m2.group("book") + "," + m2.group("rest")
    pieces = chunks(text)
    if len(pieces) >= 2 and names.looks_like_names(pieces[0]) and not d.author and not first_quoted(pieces[0]):
        d.author.extend(names.parse_names(pieces[0])[0])  # ``in Human Rights Watch, World Report 2021``
        pieces = pieces[1:]
    q = first_quoted(pieces[0]) if pieces else None
    book = q.text if q and q.start == 0 else pieces[0] if pieces else ""
    d.set("container_title", book)
    for chunk in pieces[1:]:
        c = chunk.strip(" .")
        page = locators.bare_page(c)
        if page and "page" not in d.text:
            d.set("page", page)
        else:
            _classify(chunk, d)


def _could_be_title(chunk: str) -> bool:
    c = chunk.strip(" .")
    return bool(c) and not (dates.parse_date(c) or dates.is_partial_date(c) or locators.page(c) or _DOC_SYMBOL.match(c) or _GENRE.match(c) or _INTERVIEW.match(c))


_SAME_AUTHOR = re.compile(r"^(?:[_—–-]{2,}|idem|eadem)\.?$", re.I)
_NAME_YEAR = re.compile(r"^(?P<who>.+?)[.,]?\s+\(?(?P<year>(?:1[5-9]\d\d|20\d\d)[a-z]?)\)?$")


_APA_AUTHORS = re.compile(
    r"^(?P<who>(?:[^\W\d_][\w'’-]*(?:[\s-][^\W\d_][\w'’-]*){0,2},\s+(?:[^\W\d_]{1,2}\.\s?-?){1,3}(?:,\s+|,?\s*&\s*|,?\s+and\s+|;\s*)?){1,30})(?:\s*et al\.?)?\s+(?=[^\W\d_(]|\(|\d{4})"
)


def _by_sentences(head: str, d: Draft) -> bool:
    """``Authors. [Year.] Title. Rest.``: taken only when the first sentence is names."""
    text = head.strip()
    m = _APA_AUTHORS.match(text)
    apa = names.parse_apa(m.group("who").strip()) if m else None
    if m and apa:  # ``Bergk, V., Haefeli, W. E. & Martin, M. Title…``: initials end no sentence
        rest = text[m.end() :]
        pieces = ["", *_sentences(rest)]
    else:
        pieces = _sentences(text)
    if len(pieces) < 2:
        return False
    if apa:
        d.author.extend(apa)
        year_first = re.match(r"^\(?((?:1[5-9]\d\d|20\d\d)[a-z]?)\)?[.,]?\s*(.*)$", pieces[1])
        if year_first:
            d.issued = dates.parse_date(year_first.group(1).rstrip("abcdefghij"))
            pieces[1:2] = [p for p in (year_first.group(2),) if p]
        return _title_and_rest(pieces, 1, None, d)
    who = _strip_stop(pieces[0].strip())
    year = None
    m = _NAME_YEAR.match(who)
    if m and (names.looks_like_names(m.group("who")) or names.parse_apa(m.group("who"))):
        who, year = m.group("who"), m.group("year")
    if _SAME_AUTHOR.match(who):
        d.notes.append(who)
    else:
        apa = names.parse_apa(who.replace(";", ","))
        if apa:
            d.author.extend(apa)
        elif names.looks_like_names(who.replace(";", ",")):
            found, role = names.parse_names(who.replace(";", ","))
            (d.editor if role and role.startswith("ed") else d.author).extend(found)
        else:
            return False
    return _title_and_rest(pieces, 1, year, d)


def _title_and_rest(pieces: list[str], k: int, year: str | None, d: Draft) -> bool:
    if year is None and k < len(pieces) and dates.parse_date(pieces[k]) and len(pieces[k]) <= 12:
        year = pieces[k]
        k += 1
    if year:
        d.issued = dates.parse_date(year.rstrip("abcdefghij"))
    if k < len(pieces):
        title = pieces[k]
        ed = _EDITION_PAREN.search(title)
        if ed:
            d.set("edition", ed.group("ed"))
            title = title[: ed.start()]
        d.set("title", title)
        k += 1
    rest = ", ".join(pieces[k:])
    if "(" not in rest and ":" in rest and not locators.journal(rest):
        d.ev.shapes.add("book")
    _rest(rest, d)
    return True


def _unquoted(head: str, d: Draft) -> None:
    """No quoted title: a book (``Author, Title (Place: Publisher, Year), 12``) or a
    bare web reference (``Outlet, date``); in bibliography style, sentences
    (``Smith, Jane. Title. London: Verso, 2019.``)."""
    if ". " in head and _by_sentences(head, d):
        return
    book = _BOOK_PAREN.search(head) or _PLACE_YEAR.search(head)
    before = head[: book.start()] if book else head
    text = _book_paren(head, d)
    pieces = chunks(text)
    lead = _LEAD.match(pieces[0].strip()) if pieces else None
    if lead and lead.group(0).strip():
        d.notes.append(lead.group(0).strip())
        pieces[0] = pieces[0].strip()[lead.end() :]
    pieces = [c for c in pieces if c.strip(" .")]
    k = 0
    if len(pieces) >= 3 and len(pieces[0].split()) <= 2 and len(pieces[1].split()) <= 3 and names.looks_like_names(pieces[0] + "," + pieces[1]) and not dates.parse_date(pieces[2]):
        k = 2  # inverted: ``Hallier, Amédée, Title…``
    elif len(pieces) >= 2 and names.looks_like_names(pieces[0]) and not _INTERVIEW.match(pieces[0].strip(" .")):
        k = 1
    if k:
        found, role = names.parse_names(",".join(pieces[:k]))
        (d.editor if role and role.startswith("ed") else d.author).extend(found)
    if k < len(pieces) and _INTERVIEW.match(pieces[k].strip(" .")):
        d.ev.shapes.add("interview")
        d.notes.append(pieces[k].strip(" ."))
        k += 1
    elif book and k < len(pieces):
        # a book: the title is everything between the authors and the parenthesis, commas
        # included (``Capitalism, Socialism and Democracy (London: …)``), bar an edition
        # or an editor printed last
        title_pieces = [p for p in chunks(before)[k:] if p.strip(" .")]
        taken = len(title_pieces)
        while len(title_pieces) > 1 and (
            _EDITION.match(title_pieces[-1].strip(" .")) or _ROLE_CHUNK.match(title_pieces[-1].strip()) or _GENRE.match(title_pieces[-1].strip(" ."))
        ):
            _classify(title_pieces.pop(), d)
        if title_pieces:
            d.set("title", ",".join(title_pieces).strip(" ."))
            k += taken
    elif k < len(pieces) and _could_be_title(pieces[k]) and len(pieces) - k >= 2:
        d.set("title", pieces[k].strip(" ."))
        k += 1
    after_page = "book" in d.ev.shapes
    for chunk in pieces[k:]:
        page = locators.bare_page(chunk.strip(" .")) if after_page else None
        if page and "page" not in d.text:
            d.set("page", page)
        else:
            _classify(chunk, d)


# ---------------------------------------------------------------------------------------


def read_segment(seg: str) -> tuple[Source | None, str | None, str | None]:
    """(source, remark before it, the source's own text) for one segment.

    The source is None when the segment cites nothing. A segment that opens with prose
    and ends with a bare link (``He spoke … on November 10, livestream recorded here:
    https://…``) yields both: the prose as a remark, the link as the source.
    """
    d = Draft()
    head, tail = _take_identifiers(seg, d)
    head = _take_language_note(_take_accessed(head, d), d)
    tail = _take_language_note(_take_accessed(tail, d), d)
    remark: str | None = None
    apa = _APA_HEAD.match(head.strip()) if "(" in head else None
    q = first_quoted(head)
    prefix = head[: q.start] if q else ""
    if apa and not (q and q.start <= head.find(apa.group("rest")) + 1):
        _author_date_reference(apa, d)
    elif q and not is_prose(prefix) and len(prefix) < 200:
        _authors(prefix, d)
        d.set("title", q.text)
        d.ev.shapes.add("quoted-title")
        tr = translation_after(head, q.end)
        after = head[q.end :]
        if tr:
            d.set("translated_title", tr.text)
            after = head[tr.end :]
        _rest(after, d)
    elif "URL" in d.text and is_prose(_clip(head)):
        remark = _prose_before_link(head.strip(" ,;"), d)
    elif head.strip(" .,;:"):
        if is_prose(head) or not (identifiers.URL_RE.search(seg) or _BOOK_PAREN.search(head) or locators.journal(head) or dates.find_year(head)):
            if "URL" not in d.text and "DOI" not in d.text:
                return None, None, None
        _unquoted(head, d)
    _tail(tail, d)
    source = _finish(d)
    if source is None:
        return None, None, None
    own = seg
    if remark is not None and d.notes and d.notes[0] in seg:
        own = seg[seg.index(d.notes[0]) :]
    return source, remark, own


_APA_HEAD = re.compile(r"^(?P<who>[^()“”\"«»]{2,300}?)\s*\((?P<date>(?:1[5-9]\d\d|20\d\d)[a-z]?(?:,\s*[^()]{3,20})?|n\.\s?d\.)\)\.\s+(?P<rest>\S.*)$")
_SENTENCE_END = re.compile(r"([.?!])(?=\s+[A-Z0-9“\"‘(]|\s*$)")
_ABBREV = frozenset("ed eds vol vols no nos nr pp p st dr mr mrs ms prof jr sr rev trans comp co inc ltd dept univ gov govt u.s u.k e.g i.e cf vs al doc docs repr ch sec art para fig op cit ibid".split())


def _sentences(text: str) -> list[str]:
    """Split at full stops that end a sentence, not at ``No. 300``, ``ed.`` or ``J.``."""
    out: list[str] = []
    last = 0
    for m in _SENTENCE_END.finditer(text):
        words = text[last : m.start()].split()
        word = words[-1].lower().lstrip("(") if words else ""
        if m.group(1) == "." and (len(word) <= 1 or word.rstrip(".") in _ABBREV or word.endswith(")") and "ed" in word[-5:]):
            if not word.endswith(")"):
                continue
        out.append(text[last : m.end() if m.group(1) in "?!" else m.start()].strip())
        last = m.end()
    if text[last:].strip():
        out.append(text[last:].strip())
    return [p for p in out if p]
_EDITION_PAREN = re.compile(r"\s*\((?P<ed>\d+(?:st|nd|rd|th))\s+ed\.?\)\s*$")


def _author_date_reference(m: re.Match[str], d: Draft) -> None:
    """APA: ``Tucker, N., & Lemon, E. (2019). Title. Journal, 38(3), 345–367.``: the title
    is the first sentence after the date, the rest reads as pieces (stops as commas)."""
    who = m.group("who").strip()
    found = names.parse_apa(who)
    who = _strip_stop(who)
    if found:
        d.author.extend(found)
    elif names.looks_like_names(who):
        d.author.extend(names.parse_names(who)[0])
    else:
        d.author.append(Name(literal=_strip_stop(who)))
    d.issued = _author_date(m.group("date"))
    pieces = _sentences(m.group("rest"))
    title = pieces[0] if pieces else ""
    ed = _EDITION_PAREN.search(title)
    if ed:
        d.set("edition", ed.group("ed"))
        title = title[: ed.start()]
    d.set("title", title)
    d.ev.shapes.add("apa")
    _rest(", ".join(pieces[1:]), d)


def _tail(tail: str, d: Draft) -> None:
    """What follows the URL: a date or page some writers put last, else words for ``note``."""
    text = tail.strip(" ,;:.")
    if not any(ch.isalnum() for ch in text):
        return
    if text.startswith("("):
        d.notes.append(text)
        return
    for chunk in chunks(text):
        c = chunk.strip(" .;:")
        parts = dates.parse_date(c) if d.issued is None else None
        page = locators.page(c) if "page" not in d.text else None
        if parts:
            d.issued = parts
        elif page:
            d.set("page", page)
        elif c:
            d.notes.append(c)


def _prose_before_link(head: str, d: Draft) -> str | None:
    """Split ``prose, lead-in:`` into a remark and the link's ``note``; a month and day
    in the prose becomes the date when the URL spells the same day."""
    remark = head
    cut = max(head.rfind(","), head.rfind(". "), head.rfind(";"))
    if cut > 0 and head.rstrip().endswith(":") and len(head[cut + 1 :].split()) <= 6:
        d.notes.insert(0, head[cut + 1 :].strip())
        remark = head[: cut + 1].strip()
    found = dates.find_date(head)
    if found and found.month_day:
        year = dates.year_from_url(d.text.get("URL"), found.month_day)
        if year:
            d.issued = (year, *found.month_day)
    return remark


def _finish(d: Draft) -> Source | None:
    t = d.text
    if d.issued is None and d.month_day is not None:
        year = dates.year_from_url(t.get("URL"), d.month_day)
        if year:
            d.issued = (year, *d.month_day)
    if "title" not in t and "container_title" not in t and "genre" not in t and len(d.author) == 1 and d.author[0].literal:
        t["container_title"] = d.author.pop().literal or ""  # ``BBC News, 12 May 2020, https://…``
    if "apa" in d.ev.shapes and "container_title" in t and not ({"volume", "issue", "page"} & set(t)) and d.issued and len(d.issued) == 1:
        t.setdefault("publisher", t.pop("container_title"))  # APA book: ``Title. Publisher.``
        d.ev.shapes.add("book")
    if "number" not in t and t.get("URL"):
        sym = identifiers.symbol_from_url(t["URL"])
        if sym:
            t["number"] = sym
            d.ev.shapes.add("symbol")
    evidence = t.get("URL") or t.get("DOI") or t.get("ISBN") or d.ev.shapes & {"book", "journal", "chapter", "interview"}
    issuer = d.author or t.get("container_title") or t.get("publisher")
    if not evidence and not (t.get("title") and (t.get("container_title") or t.get("publisher") or d.issued or d.author)) and not (t.get("genre") and issuer and d.issued):
        return None
    kind = kinds.decide(
        d.ev,
        title=t.get("title"),
        container=t.get("container_title"),
        publisher=t.get("publisher"),
        genre=t.get("genre"),
        number=t.get("number"),
        volume=t.get("volume"),
        issue=t.get("issue"),
        doi=t.get("DOI"),
        url=t.get("URL"),
        issued=d.issued is not None,
        accessed=d.accessed is not None,
    )
    if kind == "interview" and "container_title" in t and "publisher_place" not in t and len(t["container_title"].split()) <= 3:
        t["publisher_place"] = t.pop("container_title")
    if kind in ("report", "book") and "container_title" in t and "publisher" not in t:
        body = t.pop("container_title")
        t["publisher"] = body
    lang = d.language or language.guess(t.get("title"), url=t.get("URL"), translated="translated_title" in t, context=t.get("container_title"))
    note = " ".join(n for n in d.notes if n) or None
    return Source(
        type=kind,
        author=tuple(d.author),
        editor=tuple(d.editor),
        translator=tuple(d.translator),
        interviewer=tuple(d.interviewer),
        issued=d.issued,
        accessed=d.accessed,
        language=lang,
        note=note,
        **t,
    )
