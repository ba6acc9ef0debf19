"""The CSL type of a source, from the evidence its note prints.

Why evidence rather than outlet lists: a list of newspapers tuned to one document fails
on the next. The shape of the citation says more: ``(Place: Publisher, Year)`` is a
book, ``in Editor (ed.), Book`` a chapter, ``12, no. 3 (2019): 45–67`` a journal, a
document symbol or the word ``Report`` a report, a dated title in an outlet a news item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from footnote_kit.sources.names import is_org

_REPORT = re.compile(r"\b(?:reports?|paper|working paper|policy brief|policy paper|briefing|white paper|discussion paper|occasional paper|research paper|issue brief|annual review|resolution|fact sheet|press release|statement|arrest warrant|indictment|judgment|judgement|communiqu[ée]|testimony|hearing)\b", re.I)
_JOURNALISH = re.compile(r"\b(?:journal|review|quarterly|studies|annals|proceedings|transactions|zeitschrift|revue|revista|bulletin of)\b", re.I)
_NEWSISH = re.compile(r"\b(?:times|post|news|herald|gazette|tribune|daily|guardian|telegraph|monitor|agency|radio|tv|television|press|wire|service)\b", re.I)
_LEARNED = re.compile(r"\b(?:journal|transactions|proceedings|zeitschrift|annals|annales|bulletin|quarterly|studies|archiv)", re.I)
_SPEECH = re.compile(r"^(?:speech|address|remarks|keynote|lecture)\b", re.I)
_THESIS = re.compile(r"\b(?:thesis|diss\.?|dissertation|Magisterarbeit|Masterarbeit|Doktorarbeit|thèse|tesis|mémoire)(?!\w)", re.I)
_BLOG = re.compile(r"\bblog\b", re.I)
_MAGAZINE = re.compile(r"\bmagazine\b", re.I)


@dataclass
class Evidence:
    """What the recognisers saw, beyond the fields themselves."""

    shapes: set[str] = field(default_factory=set)
    """``book``, ``chapter``, ``journal``, ``interview``, ``quoted-title``, ``symbol``, ``thesis``,
    ``legal_case``, ``legislation``; ``paged`` and ``authored`` when a page or an author is printed."""


def decide_fields(ev: Evidence, fields: Mapping[str, Any], *, issued: bool, accessed: bool = False) -> str:
    """``decide`` for fields held by their ``Source`` attribute names (``container_title``,
    ``DOI``), as the rules and the learned reader keep them while reading."""
    return decide(
        ev,
        title=fields.get("title"),
        container=fields.get("container_title"),
        publisher=fields.get("publisher"),
        genre=fields.get("genre"),
        number=fields.get("number"),
        volume=fields.get("volume"),
        issue=fields.get("issue"),
        doi=fields.get("DOI"),
        url=fields.get("URL"),
        issued=issued,
        accessed=accessed,
    )


def decide(
    ev: Evidence,
    *,
    title: str | None,
    container: str | None,
    publisher: str | None,
    genre: str | None,
    number: str | None,
    volume: str | None,
    issue: str | None,
    doi: str | None,
    url: str | None,
    issued: bool,
    accessed: bool = False,
) -> str:
    shapes = ev.shapes
    if "interview" in shapes:
        return "interview"
    if "issue" in shapes and container and not title:  # ``Times, November 7, 1911``
        if _NEWSISH.search(container):
            return "article-newspaper"
        return "article-journal" if _LEARNED.search(container) else "article-magazine"  # ``Edinburgh Review, March 1829``
    if "legal_case" in shapes or "legislation" in shapes:
        return "legal_case" if "legal_case" in shapes else "legislation"
    if "thesis" in shapes or (genre and _THESIS.search(genre)):
        return "thesis"
    if title and not container and _SPEECH.match(title):
        return "speech"
    if "chapter" in shapes:
        return "chapter"
    if "journal" in shapes or ((volume or issue) and container):
        return "article-journal"
    if doi and container and not _NEWSISH.search(container):
        return "article-journal"
    if "symbol" in shapes or _reportish(genre):
        return "report"
    issuer = container or publisher
    report_title = _reportish(title)
    if report_title and (issuer is None or (is_org(issuer) and not _NEWSISH.search(issuer))):
        return "report"
    if "book" in shapes and not container:
        return "report" if report_title else "book"
    if genre and container is None and publisher:
        return "report"
    if container and accessed and not issued:
        return "webpage"
    if container:
        # each regex only when its words' letters are there (see _may_be_journal)
        low = container.lower()
        if "blog" in low and _BLOG.search(container):
            return "post-weblog"
        if "magaz" in low and _MAGAZINE.search(container):
            return "article-magazine"
        if not url and _may_be_journal(low) and _JOURNALISH.search(container) and not _NEWSISH.search(container):
            return "article-journal"
        if url and not issued and not _NEWSISH.search(container):
            return "webpage"  # ``“2018 Indicators,” Ranking Digital Rights, https://…``: a page of a site, undated
        return "article-newspaper" if title else "webpage"
    if url:
        return "webpage"
    if title and not url and (volume or "paged" in shapes or "authored" in shapes):
        return "book"  # ``Monette, “Mississippi Valley,” i, p. 311``: a work by its author, volume or page
    if title and (publisher or issued):
        return "book" if "quoted-title" not in shapes else "document"
    return "document"


def _may_be_journal(low: str) -> bool:
    """False when ``_JOURNALISH`` cannot match the text ``low`` is the lower case of.
    Each of its words holds one of these pieces, chosen without ``i`` and ``s``: the only
    ASCII letters ``re.I`` also matches in other characters (``ı``, ``ſ``)."""
    return (
        "journal" in low or "rev" in low or "quarterl" in low or "tud" in low or "annal" in low
        or "proceed" in low or "tran" in low or "ze" in low or "bull" in low
    )


def _reportish(text: str | None) -> bool:
    """``_REPORT`` with a cheap substring test first (most titles have none of its words;
    an ``or`` chain of ``in`` tests costs half of ``any()`` over a tuple of them)."""
    if not text:
        return False
    low = text.lower()
    return (
        "report" in low or "paper" in low or "brief" in low or "resolution" in low or "fact sheet" in low
        or "release" in low or "statement" in low or "warrant" in low or "indictment" in low or "judg" in low
        or "communiq" in low or "testimony" in low or "hearing" in low or "annual review" in low
    ) and bool(_REPORT.search(text))


def is_newsish(name: str) -> bool:
    """A paper's or agency's name (``Times``, ``Westminster Gazette``, ``BBC News``)."""
    return _NEWSISH.search(name) is not None


def is_serial(name: str) -> bool:
    """A journal's name (``Journal of …``, ``… Review``, ``… Quarterly``), not a publisher's
    (``Cornell University Press``, ``Review Books``)."""
    low = name.lower()
    return bool(_may_be_journal(low) and _JOURNALISH.search(name)) and not low.rstrip(" .").endswith(("press", "publishers", "books", "verlag"))
