"""The CSL type of a source, from the evidence its note prints.

Why evidence rather than outlet lists: a list of newspapers tuned to one document fails
on the next. The shape of the citation says more: ``(Place: Publisher, Year)`` is a
book, ``in Editor (ed.), Book`` a chapter, ``12, no. 3 (2019): 45–67`` a journal, a
document symbol or the word ``Report`` a report, a dated title in an outlet a news item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from footnote_kit.sources.names import is_org

_REPORT = re.compile(r"\b(?:reports?|paper|working paper|policy brief|policy paper|briefing|white paper|discussion paper|occasional paper|research paper|issue brief|annual review|resolution|fact sheet|press release|statement|arrest warrant|indictment|judgment|judgement|communiqu[ée]|testimony|hearing)\b", re.I)
_JOURNALISH = re.compile(r"\b(?:journal|review|quarterly|studies|annals|proceedings|transactions|zeitschrift|revue|revista|bulletin of)\b", re.I)
_NEWSISH = re.compile(r"\b(?:times|post|news|herald|gazette|tribune|daily|guardian|telegraph|monitor|agency|radio|tv|television|press|wire|service)\b", re.I)
_SPEECH = re.compile(r"^(?:speech|address|remarks|keynote|lecture)\b", re.I)
_BLOG = re.compile(r"\bblog\b", re.I)
_MAGAZINE = re.compile(r"\bmagazine\b", re.I)


@dataclass
class Evidence:
    """What the recognisers saw, beyond the fields themselves."""

    shapes: set[str] = field(default_factory=set)
    """``book``, ``chapter``, ``journal``, ``interview``, ``quoted-title``, ``symbol``."""


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
    if title and _SPEECH.match(title) and not container:
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
    if _reportish(title) and (issuer is None or (is_org(issuer) and not _NEWSISH.search(issuer))):
        return "report"
    if "book" in shapes and not container:
        return "report" if _reportish(title) else "book"
    if genre and container is None and publisher:
        return "report"
    if container and accessed and not issued:
        return "webpage"
    if container:
        if _BLOG.search(container):
            return "post-weblog"
        if _MAGAZINE.search(container):
            return "article-magazine"
        if _JOURNALISH.search(container) and not _NEWSISH.search(container) and not url:
            return "article-journal"
        return "article-newspaper" if title else "webpage"
    if url:
        return "webpage"
    if title and (publisher or issued):
        return "book" if "quoted-title" not in shapes else "document"
    return "document"


_REPORT_KEYS = ("report", "paper", "brief", "resolution", "fact sheet", "release", "statement", "warrant", "indictment", "judg", "communiq", "testimony", "hearing", "annual review")


def _reportish(text: str | None) -> bool:
    """``_REPORT`` with a cheap substring test first (most titles have none of its words)."""
    if not text:
        return False
    low = text.lower()
    return any(k in low for k in _REPORT_KEYS) and bool(_REPORT.search(text))


def is_report_word(text: str) -> bool:
    return _reportish(text)
