"""One segment of a note -> a citation (one ``Source``) or a remark.

The segment is read from both ends: identifiers (URL, DOI, ISBN) and an access date are
taken out first, because they have unambiguous shapes; then the title (quoted, or the
span before a ``(Place: Publisher, Year)``); what precedes the title is authors, what
follows is the translation, then comma-separated pieces each recognised on its own
(date, page, volume, issue, document symbol, genre, editor), the first unrecognised one
being the outlet. Words that belong to the source but are no field go to ``note``.

The pieces after the title are read in ``pieces``; full-stop separated bibliography
styles (APA, Harvard, Chicago/MLA bibliography entries) in ``styles``.
"""

from __future__ import annotations

import re

from typing import NamedTuple

from footnote_kit.model import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS, Name, Source
from footnote_kit.sources import dates, identifiers, kinds, language, legal, locators, names, signals
from footnote_kit.sources.draft import Draft, chunks, clip, new_source, strip_stop
from footnote_kit.sources.pieces import (
    BOOK_PAREN, EDITION, INTERVIEW, PLACE_YEAR, ROLE_CHUNK, book_paren, classify, could_be_title, is_doc_code, is_genre, is_numbered_document,
    numbered_document, read_book_pieces, read_rest,
)
from footnote_kit.sources.styles import APA_HEAD, author_date, author_date_reference, author_year_reference, by_sentences, colon_style
from footnote_kit.sources.textscan import any_word, fold
from footnote_kit.sources.titles import Quoted, first_quoted, translation_after

_WORK_SHAPES = frozenset(("book", "journal", "chapter", "interview", "thesis", "legal_case", "legislation", "symbol", "author-date"))
"""Shapes that are evidence of a cited work on their own."""
_PROSE_WORDS = any_word("is are was were has have had been be said says spoke reported according which that this these there also it he she they we our its")
_CLOSE_BRACKET = re.compile(r"\s*[)\]]")
_ALNUM = re.compile(r"[^\W_]")
r"""A letter or digit (``str.isalnum``: the regex's ``\w`` bar the underscore)."""


def _interview(text: str) -> re.Match[str] | None:
    """``INTERVIEW`` matched against ``text``, tried only when one of its words is there."""
    low = fold(text)
    if "interview" in low or "correspondence" in low or "conversation" in low:
        return INTERVIEW.match(text)
    return None


def is_prose(text: str) -> bool:
    """A sentence of explanation rather than the head of a citation."""
    words = text.split()
    return len(words) >= 9 and _PROSE_WORDS.search(fold(text)) is not None


# ---------------------------------------------------------------------------------------


def _take_identifiers(seg: str, d: Draft) -> tuple[str, str]:
    """Remove URL, DOI, ISBN; return (head before the URL, tail after it)."""
    head, tail = seg, ""
    found = identifiers.find_url(seg)
    if found:
        d.text["URL"] = found.value
        d.certain.add("URL")
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
            d.certain.add("DOI")
    doi_found = identifiers.find_doi(head)
    if doi_found:
        d.text.setdefault("DOI", doi_found.value)
        d.certain.add("DOI")
        head = head[: doi_found.start] + head[doi_found.end :]
    isbn = identifiers.find_isbn(head)
    if isbn:
        d.text["ISBN"] = isbn.value
        d.certain.add("ISBN")
        head = head[: isbn.start] + head[isbn.end :]
    return head, tail


def _may_print_access_date(text: str) -> bool:
    """Whether one of the access words (``accessed``, ``retrieved``, ``consulted``,
    ``viewed``, ``visited``, ``abgerufen``, ``consulté``) is in ``text``: a chain of substring
    tests, since most segments print none and this runs twice on each."""
    return (
        "ccessed" in text or "etrieved" in text or "onsulted" in text or "iewed" in text
        or "isited" in text or "bgerufen" in text or "onsulté" in text
    )


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
    if not _may_print_access_date(text):
        return text
    m = dates.ACCESSED_RE.search(text)
    if not m:
        return text
    found = dates.find_date(text, m.end())
    if not found or found.start > m.end() + 1 or not found.parts:
        return text
    d.accessed = found.parts
    d.certain.add("accessed")
    end = found.end
    close = _CLOSE_BRACKET.match(text, end)
    start = m.start()
    if close and "(" in text[max(0, start - 2) : m.end()] or (close and text[start : start + 1] in "(["):
        end = close.end()
    return text[:start] + text[end:]


_CAPITALISED = re.compile(r"^[A-Z][\w.&’'-]*(?:\s+(?:of|the|for|and|&|[A-Z][\w.&’'-]*))*$")
_AUTHOR_DATE = re.compile(r"\((?P<date>(?:1[5-9]\d\d|20\d\d)[a-z]?(?:,\s*[^()]{3,20})?|n\.\s?d\.)\)[.,]?$")


def _authors(prefix: str, d: Draft) -> None:
    """What precedes the title (the pointer already taken): names, else words for ``note``.
    A possessive is its name's (``Tim Berners-Lee's “Information Management”``)."""
    text = clip(prefix.strip())
    possessive = text.endswith(("'s", "’s"))
    if possessive:
        text = text[:-2]
    year = _AUTHOR_DATE.search(text)
    if year:  # Harvard/APA: ``Tucker, N. (2019) ‘Title’``, ``(2020, May 3)``
        parts = author_date(year.group("date"))
        if parts:
            d.issued = d.issued or parts
            d.certain.add("issued")
            text = clip(text[: year.start()])
    text = strip_stop(text)
    if not text:
        return
    interview = _interview(text)
    if interview:
        d.ev.shapes.add("interview")
        return
    apa = names.parse_apa(text)
    listed = names.read_names(text) if not apa else None
    if apa:
        d.author.extend(apa)
        d.certain.add("author")
    elif listed is not None:  # all the words before a quoted title are names
        found, role = listed
        kind = names.role_kind(role)
        if kind == "editor":
            d.editor.extend(found)
            d.certain.add("editor")
        elif kind == "translator":
            d.translator.extend(found)
            d.certain.add("translator")
        else:
            d.author.extend(found)
            d.certain.add("author")
    elif possessive and _FAMILY_NAMES.match(text):
        d.author.extend(Name(family=w) for w in _AND_SPLIT.split(text))  # ``Simms's “Frontiersmen”``
    elif _CAPITALISED.match(text) and len(text.split()) <= 5:
        d.prefix_org = text  # ``Reuters, “Title,” 5 May 2020`` (or an author: ``_finish`` decides)
    else:
        d.notes.append(text)


_NAME_INITIAL = re.compile(r"^\s*(?:and\s+|&\s*)?(?:[A-Z]\.\s?-?)+\s*[A-Z]")
_AND_START = re.compile(r"^\s*(?:and|&)\s+")


_DATE_AFTER_TITLE = re.compile(r"\s*\(([^()]{4,30})\)\s*\.?$")


def _title_and_date(piece: str, d: Draft) -> str:
    """An unquoted title, without the date in brackets that ends it (``National Strategy for
    Trusted Identities in Cyberspace (April 2011)``), which becomes the date."""
    text = piece.strip(" .")
    m = _DATE_AFTER_TITLE.search(text) if text.endswith(")") else None
    parts = dates.parse_date(m.group(1)) if m else None
    if m and parts:
        d.issued = d.issued or parts
        return text[: m.start()]
    return text


def _family_then_title(pieces: list[str]) -> bool:
    """A family name alone, then a title, then a page: ``Маркс, Введение к критике…, стр. 31``,
    ``Bernheim, German Settlements in the Carolinas, p. 12`` (no outlet: a labelled page)."""
    family = pieces[0].strip()
    return (
        _FAMILY_NAMES.match(family) is not None and " " not in family and not names.is_org(family) and not family.isupper()
        and len(pieces[1].split()) >= 2 and any(locators.page(p) for p in pieces[2:])
    )


def _more_names(piece: str) -> bool:
    """A piece after the first author that continues the list: a name that opens with
    initials (``B. Bird``, ``and M. J. Baker``). A piece of words only may be the title
    (``Mary Beard, Pompeii Revealed``)."""
    return _NAME_INITIAL.search(piece) is not None


def _unquoted(head: str, d: Draft) -> None:
    """No quoted title: a book (``Author, Title (Place: Publisher, Year), 12``) or a
    bare web reference (``Outlet, date``); in bibliography style, sentences
    (``Smith, Jane. Title. London: Verso, 2019.``)."""
    if ". " in head and by_sentences(head, d):
        return
    if ": " in head and colon_style(head, d):
        return
    book = BOOK_PAREN.search(head) or PLACE_YEAR.search(head)
    if not book and locators.title_volume_page(head):
        d.ev.shapes.add("volumes")  # ``The Greville Memoirs, II, 326–8``: its last numbers are pages
    before = head[: book.start()] if book else head
    text = book_paren(head, d)
    pieces = [c for c in chunks(text) if c.strip(" .")]
    k = 0
    listed = None
    # A book's title is what stands between the names and the parenthesis: the names may
    # not take all of it (``Mary Beard, Pompeii Revealed (London: …)``: two words that
    # would read as a name are the title).
    room = len([p for p in chunks(before) if p.strip(" .")]) if book else len(pieces)
    if len(pieces) >= 3 and room >= 3 and names.is_inverted(pieces[0].strip(), pieces[1].strip()):
        listed = names.read_names(pieces[0] + "," + pieces[1])
        if listed is not None and not dates.parse_date(pieces[2]):
            k = 2  # inverted: ``Hallier, Amédée, Title…``
    if not k and len(pieces) >= 2 and room >= 2:
        listed = names.read_names(pieces[0])
        if listed is not None and not _interview(pieces[0].strip(" .")):
            k = 1
            while k < room - 1 and k < len(pieces) - 1 and _more_names(pieces[k]):
                more = names.read_names(_AND_START.sub("", pieces[k]))  # ``G. Clemens, B. Bird, M. Weida and J. Rowe``
                if more is None:
                    break
                listed = (listed[0] + more[0], more[1] or listed[1])
                k += 1
    if not k and len(pieces) >= 2 and numbered_document(pieces[0].strip(), d):
        k = 1  # ``OMB Memorandum M-10-06, Open Government Directive (Dec. 8, 2009), available at …``
    if not k and len(pieces) >= 3 and "URL" not in d.text and _family_then_title(pieces):
        d.author.append(Name(family=pieces[0].strip()))  # ``Гильфердинг, Бем-Баверк как критик Маркса, 1923 г., стр. 16``
        k = 1
    if k and listed is not None:
        found, role = listed
        kind = names.role_kind(role)
        (d.editor if kind == "editor" else d.translator if kind == "translator" else d.author).extend(found)
    if k < len(pieces) and _interview(pieces[k].strip(" .")):
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
            EDITION.match(title_pieces[-1].strip(" .")) or ROLE_CHUNK.match(title_pieces[-1].strip()) or is_genre(title_pieces[-1].strip(" ."))
            or is_doc_code(title_pieces[-1])
        ):
            classify(title_pieces.pop(), d)
        if title_pieces:
            d.set("title", ",".join(title_pieces).strip(" ."))
            k += taken
    elif k < len(pieces) and could_be_title(pieces[k]) and len(pieces) - k >= 2:
        d.set("title", _title_and_date(pieces[k], d))
        k += 1
    read_book_pieces(pieces[k:], d)


# ---------------------------------------------------------------------------------------


class Reading(NamedTuple):
    """What one segment says, for ``parse_notes`` and for a reader that combines the rules
    with another (the learned field reader): ``read_segment`` and more."""

    source: Source | None
    """The cited source, or None when the segment cites nothing."""
    remark: str | None
    """Prose before the source that is a remark of its own (``He spoke … here: https://…``)."""
    own: str | None
    """The source's own text (the segment bar the remark)."""
    prefix: str | None = None
    """Signal words before the source (``See also``), as printed, without a final colon."""
    suffix: str | None = None
    """Commentary after the source (``arguing that …``)."""
    locator: str | None = None
    """A pinpoint printed after the source's own page range (``45–67, at 50`` → ``50``)."""
    certain: frozenset[str] = frozenset()
    """The CSL keys of the fields that a rule read without guessing: an identifier (``URL``,
    ``DOI``, ``ISBN``), a quoted ``title`` and its bracketed ``translated-title``, a date
    that is a whole piece (``issued``, ``accessed``), pages, volume and issue that a label
    (``p.``, ``vol.``, ``no.``) or a journal's shape prints, a document symbol (``number``),
    ``publisher`` and ``publisher-place`` from ``(Place: Publisher, Year)``, authors in
    an author–date head or before a quoted title; ``prefix`` when it is signal words.
    Every other field was guessed from where it stands (the first piece no rule claims is
    the outlet) and is worth a second opinion."""


def read_segment(seg: str) -> tuple[Source | None, str | None, str | None]:
    """(source, remark before it, the source's own text) for one segment: the first three
    fields of ``read_segment_detailed``."""
    r = read_segment_detailed(seg)
    return r.source, r.remark, r.own


def read_segment_detailed(seg: str) -> Reading:
    """One segment read: the source, the remark before it, and what the citation adds
    (prefix, suffix, locator), with the fields the rules are sure of.

    The source is None when the segment cites nothing. A segment that opens with prose
    and ends with a bare link (``He spoke … on November 10, livestream recorded here:
    https://…``) yields both: the prose as a remark, the link as the source.
    """
    d = Draft()
    body = seg
    joined = _AND_FIRST.match(seg) if seg[:1] in "aAuUeEyYoO" else None
    if joined:  # ``…; and Tom Jones, “Title,” …``: the word that joins two sources is no name
        body = seg[joined.end() :]
    sig = signals.leading(body)
    if sig is not None:
        d.prefix = sig.words
        d.certain.add("prefix")
        body = body[sig.end :]
    head, tail = _take_identifiers(body, d)
    if d.prefix is None and head is not body:  # ``doi:10.1/x. See …``: a pointer after a leading link
        sig = signals.leading(head.lstrip(" ,;:."))
        if sig is not None:
            d.prefix = sig.words
            d.certain.add("prefix")
            head = head.lstrip(" ,;:.")[sig.end :]
    more = _MORE_PAGES.search(head) if ";" in head else None
    if more:  # ``…, I, 216, 222–3; II, 39–40``: more of the same work, the writer's addition
        d.suffix.append(more.group(1))
        head = head[: more.start()]
    head = _take_language_note(_take_accessed(head, d), d)
    tail = _take_language_note(_take_accessed(tail, d), d)
    remark: str | None = None
    apa = APA_HEAD.match(head.strip()) if ")." in head else None  # the pattern's ``\)\.``: most heads have none
    q = first_quoted(head)
    if q and _quotes_a_term(head, q):
        q = None  # ``The “rsync” tool copies…``: prose that quotes a word, no title
    prefix = head[: q.start] if q else ""
    if q and is_prose(prefix) and prefix.rstrip().endswith((",", ":", ";", "–", "—")):
        # ``The agency estimated that 1,000,000 people were displaced, “Refugees in
        # Numbers,” UNHCR, 2019.``: the prose is a remark, the rest cites
        remark = prefix.strip(" ,:;–—")
        cut = seg.find(head[q.start : q.end])
        head, q, prefix = head[q.start :], q._replace(start=0, end=q.end - q.start), ""
        own_start = max(cut, 0)
    else:
        own_start = -1
    if _may_be_legal(head) and legal.read(head, d):
        pass  # ``Brown v. Board of Education, 347 U.S. 483 (1954)``, ``…, 78 Stat. 241 (1964)``
    elif not q and author_year_reference(head, d):
        pass  # ``Scheffel (1855), S. 680``
    elif apa and not (q and q.start <= head.find(apa.group("rest")) + 1):
        author_date_reference(apa, d)
    elif q and len(prefix) < 200 and not is_prose(prefix):
        _authors(prefix, d)
        d.set("title", q.text, sure=True)
        d.ev.shapes.add("quoted-title")
        tr = translation_after(head, q.end)
        after = head[q.end :]
        if tr:
            d.set("translated_title", tr.text, sure=True)
            after = head[tr.end :]
        read_rest(after, d)
    elif "URL" in d.text and is_prose(clip(head)):
        remark = _prose_before_link(head.strip(" ,;"), d)
    elif head.strip(" .,;:"):
        # cites nothing: no link, no book or journal shape, and prose or no year (the
        # cheap tests first: most segments without a quoted title print a link)
        if "URL" not in d.text and "DOI" not in d.text and not (BOOK_PAREN.search(head) or locators.journal(head)):
            if is_prose(head) or not (
                identifiers.search_url(seg) or dates.find_year(head) or locators.title_volume_page(head)
                or is_numbered_document(head.split(",", 1)[0].strip(" ."))
            ):
                return Reading(None, None, None)
        _unquoted(head, d)
    _tail(tail, d)
    source = _finish(d)
    if source is None:
        return Reading(None, None, None)
    own = seg
    if own_start >= 0:
        own = seg[own_start:]
    elif remark is not None and d.notes and d.notes[0] in seg:
        own = seg[seg.index(d.notes[0]) :]
    return Reading(source, remark, own, d.prefix, " ".join(d.suffix) or None, d.locator, _certain(d, source))


_MORE_PAGES = re.compile(r";\s*((?:vol\.\s*)?(?:[IVXLC]+|[ivxlc]+|\d{1,3}),\s*(?:pp?\.\s*)?\d+[\d–-]*(?:,\s*\d+[\d–-]*)*)\.?\s*$")
_AND_FIRST = re.compile(r"(?:and|und|et|y|e|or|as well as)\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ“\"‘«„]|see\b|cf\.)")
# What may follow a quoted title with no comma or bracket between: a role, a link word,
# ``in`` before a book, a genre (``“Title” paper presented at …``).
_AFTER_TITLE = frozenset(
    "in by and or trans. ed. eds. edited translated accessed available retrieved published posted online unpublished paper "
    "presented pp. p. vol. no. n.d. de del di du des von vom hg. hrsg. dir. trad. éd. s. at issued dated of on".split()
)


def _quotes_a_term(head: str, q: Quoted) -> bool:
    """Whether the quotation is a word quoted in a sentence (``The “rsync” tool copies
    only…``), not a title: prose runs on after it in lower case with no comma or bracket
    between, and what precedes it is no list of names ending with a comma or colon."""
    after = head[q.end : q.end + 40]
    if not after.startswith(" ") or not after[1:2].islower():
        return False
    word = after.split(None, 1)[0]
    if word in _AFTER_TITLE or word.rstrip(".,") in _AFTER_TITLE:
        return False
    before = head[: q.start].rstrip()
    return not before.endswith((",", ":", ";", "(", "["))


def _may_be_legal(head: str) -> bool:
    """Whether ``legal.read`` can read ``head``: a case's `` v. `` or ``v`` between names, or a
    statute's reporter (substring tests: most notes have neither)."""
    return " v. " in head or " v " in head or "Stat." in head or "U.S" in head or "USC" in head or "Pub. L." in head or "CFR" in head or "C.F.R." in head


def _certain(d: Draft, source: Source) -> frozenset[str]:
    """``d.certain`` as the CSL keys of the fields the source has."""
    item = source.__dict__
    out = {_CSL_KEYS[attr] for attr in d.certain if attr in _CSL_KEYS and (item.get(attr) or source.extra.get(attr))}
    if d.prefix is not None and "prefix" in d.certain:
        out.add("prefix")
    return frozenset(out)


_CSL_KEYS = {**TEXT_FIELDS, **NAME_FIELDS, **DATE_FIELDS, "authority": "authority", "section": "section"}
_EXTRA_KEYS = ("authority", "section")


def _tail(tail: str, d: Draft) -> None:
    """What follows the URL: a date or page some writers put last, else words for ``note``."""
    text = tail.strip(" ,;:.")
    if not _ALNUM.search(text):
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
            d.certain.add("issued")
        elif page:
            d.set("page", page, sure=True)
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


_FAMILY_NAMES = re.compile(r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+(?:\s+(?:and|&|und|et|y|и)\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'-]+)?$")
_AND_SPLIT = re.compile(r"\s+(?:and|&|und|et|y|и)\s+")


def _is_authors_surname(d: Draft, t: dict[str, str]) -> bool:
    """Whether the capitalised word before a quoted title (``Monette, “Mississippi Valley,”
    i, p. 311``) is its author's family name rather than an outlet (``Reuters, “Title,” 5 May
    2020``): one word, or two joined by ``and``, no institution, and a work cited the way
    books are (a volume or page, no link, no day or month; or nothing but the title)."""
    org = d.prefix_org or ""
    if not _FAMILY_NAMES.match(org) or names.is_org(org) or org.isupper() or "title" not in t or "container_title" in t:
        return False
    if t.get("URL") or (d.issued and len(d.issued) > 1) or d.month_day:
        return False
    return bool({"volume", "page"} & t.keys()) or "book" in d.ev.shapes or (d.issued is None and "publisher" not in t)


def _finish(d: Draft) -> Source | None:
    t = d.text
    if d.issued is None and d.month_day is not None:
        year = dates.year_from_url(t.get("URL"), d.month_day)
        if year:
            d.issued = (year, *d.month_day)
    if d.prefix_org:
        if _is_authors_surname(d, t):
            d.author[0:0] = [Name(family=w) for w in _AND_SPLIT.split(d.prefix_org)]
        elif "container_title" not in t and not names.is_org(d.prefix_org):
            t["container_title"] = d.prefix_org
        else:
            d.author.insert(0, Name(literal=d.prefix_org))
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
    if "page" in t:
        d.ev.shapes.add("paged")
    if d.author:
        d.ev.shapes.add("authored")
    evidence = t.get("URL") or t.get("DOI") or t.get("ISBN") or not d.ev.shapes.isdisjoint(_WORK_SHAPES)
    issuer = d.author or t.get("container_title") or t.get("publisher")
    if not evidence and not (t.get("title") and (t.get("container_title") or t.get("publisher") or d.issued or d.author or t.get("volume") or t.get("page"))) and not (t.get("genre") and issuer and d.issued):
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
    if kind in ("report", "book", "thesis") and "container_title" in t and "publisher" not in t:
        body = t.pop("container_title")
        t["publisher"] = body
    lang = d.language or None if kind in ("legal_case", "legislation") else d.language or language.guess(t.get("title"), url=t.get("URL"), translated="translated_title" in t, context=t.get("container_title"))
    note = " ".join(n for n in d.notes if n) or None
    extra = {key: t.pop(key) for key in _EXTRA_KEYS if key in t}
    if extra:  # a court, a statute's section: CSL variables that Source keeps in ``extra``
        t["extra"] = extra
    t.update(
        type=kind,
        author=tuple(d.author),
        editor=tuple(d.editor),
        translator=tuple(d.translator),
        interviewer=tuple(d.interviewer),
        issued=d.issued,
        accessed=d.accessed,
        language=lang,
        note=note,
    )
    return new_source(t)
