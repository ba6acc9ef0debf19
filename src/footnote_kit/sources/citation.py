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

from typing import Any, NamedTuple

from footnote_kit import urls
from footnote_kit.model import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS, Name, Source
from footnote_kit.sources import dates, heads, identifiers, kinds, language, legal, locators, names, signals, takeout
from footnote_kit.sources.draft import Draft, chunks, clip, new_source
from footnote_kit.sources.pieces import is_numbered_document
from footnote_kit.sources.rest import BOOK_PAREN, read_rest
from footnote_kit.sources.styles import APA_HEAD, author_date_reference, author_year_reference
from footnote_kit.sources.textscan import is_prose
from footnote_kit.sources.titles import Quoted, first_quoted, translation_after

_WORK_SHAPES = frozenset(("book", "journal", "chapter", "interview", "thesis", "legal_case", "legislation", "symbol", "author-date", "issue"))
"""Shapes that are evidence of a cited work on their own."""
_CLOSE_BRACKET = re.compile(r"\s*[)\]]")
_ALNUM = re.compile(r"[^\W_]")
r"""A letter or digit (``str.isalnum``: the regex's ``\w`` bar the underscore)."""


# ``Man versus the State, p. 69``, ``Leviathan, Ch. XIII``, ``…, vol. ii. p. 392``, ``…,
# passim``: a place in a work, after a comma: evidence of a citation that prints no year.
_CITED_PLACE = re.compile(r",\s*(?:(?:pp?|vols?|ch|chaps?|bk|S|Bd|стр|т)\.\s*(?:\d|[IVXLC]+\b|[ivxlc]+\b)|passim\b)")


# ``Times, November 7, 1911.``, ``Westminster Gazette, June 11, 1898.``, ``Edinburgh Review,
# March 1829, p. 185.``: a paper or review and the day or month of its issue, no title.
_OUTLET_DATE = re.compile(r"^(?P<outlet>[A-ZÀ-ÖØ-Þ][^,()“”\"«»\d]{1,60}?),\s*(?P<date>[^,()]{3,25}?(?:,\s*(?:1[5-9]|20)\d\d)?)(?:,\s*(?P<page>(?:pp?\.\s*)?\d+[\d–-]*))?\s*\.?$")


_KIND_IN = re.compile(r"^(?P<kind>letter|article|editorial|leader|leading article|report)\s+(?:to|in)\s+(?:the\s+)?(?P<outlet>\S.*)$", re.I)


def _dated_outlet(head: str, d: Draft) -> bool:
    """A periodical's issue cited by its date alone: taken only when the name reads as a
    paper's or a review's (``Times``, ``… Gazette``, ``… Review``), so that a place and a
    date (``Paris, 12 May 2020``) stay what they are."""
    m = _OUTLET_DATE.match(head.strip())
    if m is None:
        return False
    words, outlet = signals.strip_any(m.group("outlet").strip())
    outlet = outlet.strip()
    kind = _KIND_IN.match(outlet)  # ``letter to the Times``: a letter, in the Times
    if kind:
        outlet = kind.group("outlet")
    issued = dates.parse_date(m.group("date"))
    if issued is None or len(issued) < 2 or not outlet[:1].isupper() or not (kinds.is_newsish(outlet) or kinds.is_serial(outlet)):
        return False
    if words is not None and d.prefix is None:
        d.prefix = words
        d.certain.add("prefix")
    if kind:
        d.set("genre", kind.group("kind").capitalize())
    d.set("container_title", outlet, sure=True)
    d.issued = issued
    d.certain.add("issued")
    if m.group("page"):
        d.set("page", locators.page(m.group("page")) or m.group("page").strip(), sure=True)
    d.ev.shapes.add("issue")
    return True


class Reading(NamedTuple):
    """What one segment says, for ``parse_notes`` and for a reader that combines the rules
    with another (the learned field reader): ``read_segment_detailed``."""

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
    head, tail = takeout.take_identifiers(body, d)
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
    head = takeout.take_language_note(takeout.take_accessed(head, d), d)
    tail = takeout.take_language_note(takeout.take_accessed(tail, d), d)
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
        heads.authors(prefix, d)
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
                urls.search(seg) or dates.find_year(head) or locators.title_volume_page(head) or _CITED_PLACE.search(head)
                or is_numbered_document(head.split(",", 1)[0].strip(" ."))
            ):
                return Reading(None, None, None)
        if not _dated_outlet(head, d):
            heads.unquoted(head, d)
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


def _is_authors_surname(d: Draft, t: dict[str, str]) -> bool:
    """Whether the capitalised word before a quoted title (``Monette, “Mississippi Valley,”
    i, p. 311``) is its author's family name rather than an outlet (``Reuters, “Title,” 5 May
    2020``): one word, or two joined by ``and``, no institution, and a work cited the way
    books are (a volume or page, no link, no day or month; or nothing but the title)."""
    org = d.prefix_org or ""
    if not heads.FAMILY_NAMES.match(org) or names.is_org(org) or org.isupper() or "title" not in t or "container_title" in t:
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
            d.author[0:0] = [Name(family=w) for w in heads.AND_SPLIT.split(d.prefix_org)]
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
    kind = kinds.decide_fields(d.ev, t, issued=d.issued is not None, accessed=d.accessed is not None)
    if kind == "interview" and "container_title" in t and "publisher_place" not in t and len(t["container_title"].split()) <= 3:
        t["publisher_place"] = t.pop("container_title")
    if kind in ("report", "book", "thesis") and "container_title" in t and "publisher" not in t:
        body = t.pop("container_title")
        t["publisher"] = body
    lang = d.language or None if kind in ("legal_case", "legislation") else d.language or language.guess(t.get("title"), url=t.get("URL"), translated="translated_title" in t, context=t.get("container_title"))
    note = " ".join(n for n in d.notes if n) or None
    values: dict[str, Any] = dict(t)
    extra = {key: values.pop(key) for key in _EXTRA_KEYS if key in values}
    if extra:  # a court, a statute's section: CSL variables that Source keeps in ``extra``
        values["extra"] = extra
    values.update(
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
    return new_source(values)
