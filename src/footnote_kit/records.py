"""Parsed notes -> one ``Record`` per distinct source, with a key, and the note -> keys map.

Why sameness is decided from fields and not from note text: writers cite the same UN
report in two notes with different wording, and cite two different reports in notes that
read almost alike (same title, same body, different date and symbol). So two citations are
one source only when what identifies a source agrees:

- a DOI equal on both, or a normalised URL equal on both, or a normalised title equal on
  both; and
- nothing that tells sources apart conflicts: DOI, URL, title, date (a year agrees with
  a full date in that year), document number, volume, issue; and, when the URL does not
  already match, outlet and authors.

A page is a locator, not an identity: the same report cited at p. 15 and p. 20 is one
source. When the citations of one source print different pages, the record drops the page
and ``--map`` keeps each citation's page as its locator.

This module imports the standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from typing import Any, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit

from footnote_kit import citekeys
from footnote_kit.model import Citation, Ibid, Note, Record, Source

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref_src$)")


def norm_url(url: str | None) -> str:
    """A URL as an identity: scheme, ``www.``, case of host, fragment, tracking and a
    trailing slash do not make a different page."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip().lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or ""
    return f"{host}{path}" + (f"?{query}" if query else "")


def norm_text(text: str | None) -> str:
    """Titles and outlets compared without case, accents, punctuation or spacing."""
    if not text:
        return ""
    folded = text.casefold()
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", folded)


def _dates_agree(a: tuple[int, ...] | None, b: tuple[int, ...] | None) -> bool:
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _differs(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a != b


def _families(source: Source) -> frozenset[str]:
    return frozenset(norm_text(n.family or n.literal) for n in source.author if (n.family or n.literal))


def same_source(a: Source, b: Source) -> bool:
    """Whether two citations cite one work (see the module docstring for the rule)."""
    doi_a, doi_b = (a.DOI or "").lower(), (b.DOI or "").lower()
    if _differs(doi_a, doi_b):
        return False
    url_a, url_b = norm_url(a.URL), norm_url(b.URL)
    title_a, title_b = norm_text(a.title), norm_text(b.title)
    if _differs(url_a, url_b) or _differs(title_a, title_b):
        return False
    if not _dates_agree(a.issued, b.issued):
        return False
    for attr in ("number", "volume", "issue"):
        if _differs(norm_text(getattr(a, attr)), norm_text(getattr(b, attr))):
            return False
    if doi_a and doi_a == doi_b:
        return True
    if url_a and url_a == url_b:
        return True
    if not (title_a and title_a == title_b):
        return False
    if a.type != b.type and "document" not in (a.type, b.type):
        return False
    if _differs(norm_text(a.container_title), norm_text(b.container_title)):
        return False
    if _differs(norm_text(a.publisher), norm_text(b.publisher)):
        return False
    fa, fb = _families(a), _families(b)
    return not (fa and fb and fa != fb)


def merge(kept: Source, new: Source) -> Source:
    """Fill what the first citation lacks from a later one (pages are settled in ``build``)."""
    changes: dict[str, Any] = {}
    for f in fields(Source):
        if f.name in ("type", "id", "extra", "page"):
            continue
        if not getattr(kept, f.name) and getattr(new, f.name):
            changes[f.name] = getattr(new, f.name)
    if not kept.page and new.page:
        changes["page"] = new.page
    if kept.type == "document" and new.type != "document":
        changes["type"] = new.type
    if new.extra:
        changes["extra"] = {**new.extra, **kept.extra}
    if kept.issued and new.issued and len(new.issued) > len(kept.issued):
        changes["issued"] = new.issued
    return replace(kept, **changes) if changes else kept


def citable(source: Source) -> bool:
    """A citation with nothing that names a work (no title, URL, DOI, author or outlet)
    cannot become an entry anyone could cite; ``lint`` reports such notes."""
    return any((source.title, source.URL, source.DOI, source.author, source.container_title, source.publisher))


@dataclass(frozen=True)
class Cite:
    """One citation in a note: which record, its locator, and whether it came by ibid."""

    key: str
    locator: str | None = None
    ibid: bool = False


@dataclass(frozen=True)
class Bibliography:
    """Records in order of first citation, and what each note cites."""

    records: tuple[Record, ...]
    cites: dict[int, tuple[Cite, ...]] = field(default_factory=dict)

    @property
    def note_keys(self) -> dict[int, tuple[str, ...]]:
        out: dict[int, tuple[str, ...]] = {}
        for number, cites in self.cites.items():
            keys: list[str] = []
            for c in cites:
                if c.key not in keys:
                    keys.append(c.key)
            out[number] = tuple(keys)
        return out


class _Index:
    """Sources seen so far, found by URL, DOI or title so that building is not quadratic."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.notes: list[list[int]] = []
        self.pages: list[set[str]] = []
        self._by: dict[str, list[int]] = {}

    def _handles(self, s: Source) -> list[str]:
        out = []
        if s.DOI:
            out.append("doi:" + s.DOI.lower())
        if s.URL:
            out.append("url:" + norm_url(s.URL))
        if s.title:
            out.append("title:" + norm_text(s.title))
        return out

    def find(self, s: Source) -> int | None:
        seen: set[int] = set()
        for handle in self._handles(s):
            for i in self._by.get(handle, ()):
                if i not in seen:
                    seen.add(i)
                    if same_source(self.sources[i], s):
                        return i
        return None

    def add(self, s: Source, note: int) -> int:
        i = self.find(s)
        if i is None:
            i = len(self.sources)
            self.sources.append(s)
            self.notes.append([])
            self.pages.append(set())
        else:
            self.sources[i] = merge(self.sources[i], s)
        for handle in self._handles(self.sources[i]):
            bucket = self._by.setdefault(handle, [])
            if i not in bucket:
                bucket.append(i)
        if note not in self.notes[i]:
            self.notes[i].append(note)
        if s.page:
            self.pages[i].add(s.page)
        return i


def build(notes: Sequence[Note], *, taken: Sequence[str] = ()) -> Bibliography:
    """Notes -> records with keys; ``Ibid`` parts map to the record they repeat."""
    index = _Index()
    placed: list[tuple[int, list[tuple[int, str | None, bool]]]] = []
    for note in notes:
        here: list[tuple[int, str | None, bool]] = []
        for part in note.parts:
            if isinstance(part, Citation):
                if not citable(part.source):
                    continue
                here.append((index.add(part.source, note.number), part.source.page, False))
            elif isinstance(part, Ibid):
                here.extend(_ibid(index, part, note.number, placed))
        placed.append((note.number, here))
    sources = [_settle_page(s, pages) for s, pages in zip(index.sources, index.pages)]
    keys = citekeys.assign(sources, taken)
    records = tuple(
        Record(key=k, source=replace(s, id=k), notes=tuple(ns)) for k, s, ns in zip(keys, sources, index.notes)
    )
    cites = {
        number: tuple(Cite(keys[i], page, ibid) for i, page, ibid in here) for number, here in placed
    }
    return Bibliography(records=records, cites=cites)


def _ibid(
    index: _Index, part: Ibid, number: int, placed: list[tuple[int, list[tuple[int, str | None, bool]]]]
) -> list[tuple[int, str | None, bool]]:
    """Resolve an ibid to records: through its resolved sources, else to the note it names."""
    out: list[tuple[int, str | None, bool]] = []
    for s in part.sources:
        i = index.find(replace(s, page=None))
        if i is None:
            i = index.add(s, number)
        elif number not in index.notes[i]:
            index.notes[i].append(number)
        out.append((i, part.locator or s.page, True))
    if out or part.refers_to is None:
        return out
    for earlier, here in reversed(placed):
        if earlier == part.refers_to:
            for i, page, _ in here:
                if number not in index.notes[i]:
                    index.notes[i].append(number)
                out.append((i, part.locator or page, True))
            break
    return out


def _settle_page(source: Source, pages: set[str]) -> Source:
    """Keep a page only when every citation printing one agrees; otherwise it is a locator."""
    if len(pages) > 1 and source.page:
        return replace(source, page=None)
    return source
