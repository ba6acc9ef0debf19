"""Everything after a work's title: the journal shape (``Journal 12, no. 3 (2019): 45–67``),
a book's imprint in brackets (``(London: Verso, 2019)``) or without (``imprint``), a thesis
(``(PhD diss., University of Texas, 2010)``), a chapter in an edited book (``in Book, ed.
Editor (…), 231–40``), and the pages after them, however many ranges.

Each comma-separated piece that none of these shapes claims is read by
``pieces.classify``.
"""

from __future__ import annotations

import re

from footnote_kit.sources import dates, imprint, kinds, locators, names, signals
from footnote_kit.sources.draft import Draft, chunks
from footnote_kit.sources.pieces import _PAGED, classify, sentences
from footnote_kit.sources.textscan import fold
from footnote_kit.sources.titles import first_quoted

BOOK_PAREN = re.compile(r"\((?:(?P<place>[^():;“”\"]{2,60}?)\s*:\s*)?(?P<pub>[^():;“”\"]{2,120}?)\s*,\s*(?P<date>[^():;,“”\"]{0,30}?\b(?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\.|forthcoming)\)")
PLACE_YEAR = re.compile(r"\((?P<place>[A-Z][^():;,“”\"\d]{1,40}),\s*(?P<date>(?:1[5-9]\d\d|20\d\d))\)")
# ``London``, ``Washington, DC``, ``Armonk, NY``, ``Frankfurt am Main``: a place, not a publisher
_PLACE_LIKE = re.compile(r"^[A-Z][a-zà-ÿ'’-]+(?:\s(?:am|an|de|on|upon)?\s?[A-Z][a-zà-ÿ'’-]+)?(?:,\s*(?:[A-Z]{2}|[A-Z][a-z]+\.?))?$")
_CHAPTER = re.compile(r"^in[:\s]\s*", re.I)
_EDS_PAREN = re.compile(r"^(?P<eds>[^()“”\"]{3,200}?)\s*\((?:eds?\.?|hrsg\.?|dir\.?|ed\. by)\)\s*,?\s*(?P<book>.+)$", re.I)
_EDS_AFTER = re.compile(r"^(?P<book>.+?),?\s+(?:ed\.|eds\.|edited by|hrsg\. v\.)\s+(?P<eds>[^()]+?)\s*(?=,\s*,|,\s*(?:pp?\.\s*)?\d|,?\s*$|\()(?P<rest>.*)$", re.I)
_EDS_AFTER_ONE = re.compile(r"^(?P<book>.+?),?\s+(?:ed\.|eds\.|edited by|hrsg\. v\.)\s+(?P<eds>[^,()]+?)\s*(?=,|\(|$)(?P<rest>.*)$", re.I)
_BOOKISH = frozenset(("book", "chapter", "volumes"))


def read_rest(after: str, d: Draft) -> None:
    """Everything after the title (and its translation)."""
    text = after.strip(" ,.;:")
    if not text:
        return
    if ". " in text:  # bibliography style: ``Journal 19, 209–223. London: Verso, 2019.``
        text = ", ".join(sentences(text))
    head = _CHAPTER.match(text) if text[:1] in "iIİı" else None  # ``in``, ignoring case
    if head:
        inner = text[head.end() :]
        j = locators.journal(inner)
        if j and not dates.parse_date(j.journal) and not BOOK_PAREN.search(inner):
            text = inner  # ``in: Zeitschrift für Geschichte 12 (2008), S. 45–67``: a journal
        elif ":" in head.group(0) and not _holds_a_book(inner):
            text = inner  # ``in: Die Zeit, 3. März 2019``: the German ``in:`` before any outlet
        else:
            chapter(inner, d)
            return
    j = locators.journal(text)
    if j and not dates.parse_date(j.journal):
        d.set("container_title", j.journal)
        d.set("volume", j.volume, sure=True)
        d.set("issue", j.issue, sure=True)
        d.issued = dates.parse_date(j.date) or d.issued
        if j.date and d.issued:
            d.certain.add("issued")
        d.set("page", j.pages, sure=True)
        d.ev.shapes.add("journal")
        text = text[j.end :]
    text = book_paren(text, d)
    pieces = locators.label_runs(chunks(text))
    for chunk in locators.page_runs(pieces) if not d.ev.shapes.isdisjoint(_PAGED) else pieces:
        classify(chunk, d)


def book_paren(text: str, d: Draft) -> str:
    """``(Place: Publisher, Year)`` or ``(Place, Year)``: publication facts of a book."""
    if "(" not in text:
        return text
    m = BOOK_PAREN.search(text)
    if m and signals.strip_any(m.group("place") or m.group("pub"))[0] is not None:
        m = None  # ``(e.g. by Elizabeth in 1585, and by James I. in 1618)``: the writer's aside
    if m and not m.group("place") and (parts := dates.parse_date(f"{m.group('pub')}, {m.group('date')}")):
        d.issued = d.issued or parts  # ``(Jan. 21, 2009)``: a date in brackets, no imprint
        return text[: m.start()] + "," + text[m.end() :]
    if m and (m.group("place") or not dates.parse_date(m.group("pub"))):
        if _paren_of_serial(m, d) or _paren_of_thesis(m, d):
            return text[: m.start()] + "," + text[m.end() :]
        if m.group("place"):
            d.set("publisher_place", m.group("place"), sure=True)
            d.set("publisher", m.group("pub"), sure=True)
        elif names.is_org(m.group("pub")) or not _PLACE_LIKE.match(m.group("pub")):
            d.set("publisher", m.group("pub"))
        else:  # ``(Washington, DC, 2020)``, ``(London, 2019)``: a place
            d.set("publisher_place", m.group("pub"))
        parts = dates.parse_date(m.group("date"))
        if parts:
            d.issued = parts
            d.certain.add("issued")
        d.ev.shapes.add("book")
        return text[: m.start()] + "," + text[m.end() :]
    m = PLACE_YEAR.search(text)
    if m and not names.is_org(m.group("place")):
        d.set("publisher_place", m.group("place"))
        d.issued = dates.parse_date(m.group("date")) or d.issued
        d.ev.shapes.add("book")
        return text[: m.start()] + "," + text[m.end() :]
    return text


_THESIS = re.compile(
    r"^(?P<genre>(?:(?:PhD|Ph\.\s?D\.|doctoral|master['’]?s|MA|M\.A\.|MSc|M\.Sc\.|BA|B\.A\.|honours|bachelor['’]?s|unpublished)\s+)*"
    r"(?:diss\.|dissertation|thesis|Dissertation|Diss\.|Magisterarbeit|Masterarbeit|Doktorarbeit|thèse(?: de doctorat)?|mémoire|tesis(?: doctoral)?))"
    r"\s*,\s*(?P<inst>.+)$",
    re.I,
)


def _paren_of_thesis(m: re.Match[str], d: Draft) -> bool:
    """``(PhD diss., University of Texas, 2010)``: a thesis, its kind and its university."""
    t = _THESIS.match(((m.group("place") or "") + ": " if m.group("place") else "") + m.group("pub"))
    if t is None:
        return False
    d.text.setdefault("genre", t.group("genre"))  # as printed, with the stop of ``diss.``
    d.set("publisher", t.group("inst"))
    d.issued = dates.parse_date(m.group("date")) or d.issued
    d.ev.shapes.add("thesis")
    return True


def _paren_of_serial(m: re.Match[str], d: Draft) -> bool:
    """``(Journal of Economic Perspectives, May, 2001)``: a journal or paper and its date in
    brackets, no book. Only with no place and a name that says it is a serial."""
    if m.group("place"):
        return False
    pub = m.group("pub")
    name, _, month = pub.rpartition(",")
    if not (name and dates.is_month(month.strip())):
        name, month = pub, ""
    if not kinds.is_serial(name):
        return False
    d.set("container_title", name)
    d.issued = dates.parse_date(f"{month.strip()} {m.group('date')}".strip()) or d.issued
    return True


def chapter(text: str, d: Draft) -> None:
    """``in Editor (ed.), Book, …`` or ``in Book, ed. Editor (…)``."""
    d.ev.shapes.add("chapter")
    text = book_paren(text, d)
    m = _EDS_PAREN.match(text) if "(" in text else None
    listed = names.read_names(m.group("eds")) if m else None
    if m and listed is not None:
        d.editor.extend(listed[0])
        text = m.group("book")
    elif _may_name_editors(text):
        m2 = _EDS_AFTER.match(text)
        listed = names.read_names(m2.group("eds")) if m2 else None
        if listed is None:
            m2 = _EDS_AFTER_ONE.match(text)
            listed = names.read_names(m2.group("eds")) if m2 else None
        if m2 and listed is not None:
            # ``in Religion, Nation and Democracy, ed. A, B and C``: the book is all before ``ed.``
            d.editor.extend(listed[0])
            d.set("container_title", first_quoted(m2.group("book")).text if m2.group("book").startswith(("“", '"', "‘")) and first_quoted(m2.group("book")) else m2.group("book"))  # type: ignore[union-attr]
            text = "," + m2.group("rest")
    pieces = chunks(text)
    listed = names.read_names(pieces[0]) if len(pieces) >= 2 else None
    if len(pieces) >= 3 and pieces[1].strip().lower() in ("ed.", "eds.", "ed", "eds") and listed is not None:
        d.editor.extend(listed[0])  # ``in Aldona Jonaitis, ed., Chiefly Feasts``
        pieces = pieces[2:]
    elif listed is not None and not d.author and not first_quoted(pieces[0]):
        d.author.extend(listed[0])  # ``in Human Rights Watch, World Report 2021``
        pieces = pieces[1:]
    if "container_title" not in d.text:
        q = first_quoted(pieces[0]) if pieces else None
        d.set("container_title", q.text if q and q.start == 0 else pieces[0] if pieces else "")
        pieces = pieces[1:]
    read_book_pieces(pieces, d)


def _holds_a_book(text: str) -> bool:
    """What follows ``in:`` names a book: editors, or an imprint (``(Berlin: X, 2010)``,
    ``Berlin 2010``)."""
    low = fold(text)
    return (
        _may_name_editors(text) or "(hrsg" in low or "(hg" in low or "(ed" in low or "(dir" in low or "hg. v" in low
        or BOOK_PAREN.search(text) is not None or any(imprint.is_place_year(p) for p in chunks(text))
    )


def _may_name_editors(text: str) -> bool:
    """Whether ``_EDS_AFTER`` or ``_EDS_AFTER_ONE`` can match: both need ``ed.``, ``eds.``,
    ``edited by`` or ``hrsg. v.`` (ignoring case: ``fold``), and each, lazily, tries its
    case-insensitive alternation after every character of the text."""
    low = fold(text)
    return "ed." in low or "eds." in low or "edited by" in low or "hrsg. v." in low


def read_book_pieces(pieces: list[str], d: Draft) -> None:
    """The pieces after a book's title, in order: an imprint with or without brackets, a
    German edition, the pages (however many ranges), and whatever ``classify`` reads."""
    pieces = locators.label_runs(pieces)
    i = 0
    while i < len(pieces):
        n = imprint.place_publisher_year(pieces[i:], d)
        if n:
            i += n
            continue
        chunk = pieces[i]
        if i + 1 < len(pieces) and imprint.place_then_region(chunk, pieces[i + 1]):
            chunk = chunk + "," + pieces[i + 1]  # ``Washington, D.C.: Counterpoint``: one place
            i += 1
        if imprint.place_year(chunk, d) or imprint.edition(chunk, d):
            i += 1
            continue
        if "page" not in d.text and not d.ev.shapes.isdisjoint(_BOOKISH) and locators.bare_page(chunk) and not (d.issued is None and dates.parse_date(chunk)):
            run = [chunk]
            while i + len(run) < len(pieces) and locators.bare_page(pieces[i + len(run)]):
                run.append(pieces[i + len(run)])
            n = len(run)
            if n == 2 and "volume" not in d.text and run[0].strip().isdigit() and not run[1].strip().isdigit() and "book" not in d.ev.shapes and not d.author:
                d.set("volume", run.pop(0))  # ``Journal Name, 12, 45–67``: a volume, then the pages
            d.set("page", locators.bare_pages(",".join(run)))
            i += n
            continue
        classify(chunk, d)
        i += 1
