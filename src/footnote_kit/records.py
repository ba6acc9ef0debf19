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
source. Only an article's or a chapter's printed page *range* (``45–67``) is the work's own
extent and stays in its record; a book's, report's or web page's printed page, and any
single page, is where the note pointed (``pages.split``). Each citation keeps the page(s) it
pointed at as its locator (``--map``, CSL citation items, ``render --mode notes``), and its
signal words and commentary (``Citation.prefix``/``suffix``) stay with it: no record field
ever holds them. A part that cannot become an entry (a remark, a citation that names
nothing, an ``Ibid.`` with nothing before it) is listed with its reason (``LeftOut``).

This module imports the standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from typing import Any, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit

from footnote_kit import citekeys, pages
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
    if not (title_a or title_b or doi_a or doi_b or url_a or url_b) and a.type in COMMUNICATIONS:
        return a.type == b.type and _said(a) == _said(b)
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


COMMUNICATIONS = citekeys.COMMUNICATIONS
"""Kinds of source that name no work but are cited all the same: the writer's own
interviews and correspondence, identified by who, where and when, not by a title."""


def citable(source: Source) -> bool:
    """Whether a citation can become an entry: it names a work (a title, URL, DOI, author
    or outlet), or it is an interview or a letter, e-mail or conversation, which a writer
    cites by its date, place and description (``Interview with a former police officer,
    Osh, 14 May 2019``): Chicago and APA list those too, so they are never dropped."""
    if any((source.title, source.URL, source.DOI, source.author, source.container_title, source.publisher)):
        return True
    return source.type in COMMUNICATIONS and any(
        (source.issued, source.note, source.publisher_place, source.interviewer, source.medium)
    )


@dataclass(frozen=True)
class Cite:
    """One citation in a note: which record, the page(s) it points at, whether it came by
    ibid, the writer's signal words before it (``See``) and commentary after it, and which
    part of the note it is (1 = the first part), so that every part is accounted for."""

    key: str
    locator: str | None = None
    ibid: bool = False
    prefix: str | None = None
    suffix: str | None = None
    part: int | None = None


@dataclass(frozen=True)
class LeftOut:
    """A part of a note that became no entry, and why (shown in ``--map`` and by ``export``)."""

    part: int
    text: str
    reason: str


REMARK = "remark citing no source"
NAMES_NOTHING = "citation naming no work (no title, author, outlet, URL or DOI)"
IBID_NOTHING = "Ibid. with no earlier citation to repeat"


@dataclass(frozen=True)
class NoteCites:
    """One note's citations and the parts it left out, for the note at this place in the
    document. Note numbers may repeat (chapters that number their notes from 1 again, a
    note ``15a`` inserted after 15), so what is said of each note is kept by place."""

    number: int
    label: str | None
    cites: tuple[Cite, ...] = ()
    left_out: tuple[LeftOut, ...] = ()


@dataclass(frozen=True)
class Bibliography:
    """Records in order of first citation, what each note cites, and what it left out.

    ``per_note`` has one row per note, in document order. ``cites`` and ``left_out`` are
    the same by note number, kept for callers that look a number up: where numbers
    repeat, they hold the last note of that number."""

    records: tuple[Record, ...]
    cites: dict[int, tuple[Cite, ...]] = field(default_factory=dict)
    left_out: dict[int, tuple[LeftOut, ...]] = field(default_factory=dict)
    per_note: tuple[NoteCites, ...] = ()

    @property
    def note_keys(self) -> dict[int, tuple[str, ...]]:
        return {number: keys_of(cites) for number, cites in self.cites.items()}


def keys_of(cites: Sequence[Cite]) -> tuple[str, ...]:
    """The keys a note cites, each once, in the order it first cites them (``Ibid.`` included)."""
    return tuple(dict.fromkeys(c.key for c in cites))


class _Index:
    """Sources seen so far, found by URL, DOI or title so that building is not quadratic.

    ``extents`` holds, per source, every page range its citations printed as the work's
    own extent: one value keeps it in the record, several (a writer citing ``45–67`` once
    and ``50–52`` once) make each a citation's locator only."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self.notes: list[list[int]] = []
        self.extents: list[set[str]] = []
        self._by: dict[str, list[int]] = {}

    def _handles(self, s: Source) -> list[str]:
        out = []
        if s.DOI:
            out.append("doi:" + s.DOI.lower())
        if s.URL:
            out.append("url:" + norm_url(s.URL))
        if s.title:
            out.append("title:" + norm_text(s.title))
        if not out and s.type in COMMUNICATIONS:
            out.append("said:" + _said(s))
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
        """Add a citation's source (its page already split: ``page`` is an extent or None)."""
        i = self.find(s)
        if i is None:
            i = len(self.sources)
            self.sources.append(s)
            self.notes.append([])
            self.extents.append(set())
        else:
            self.sources[i] = merge(self.sources[i], s)
        for handle in self._handles(self.sources[i]):
            bucket = self._by.setdefault(handle, [])
            if i not in bucket:
                bucket.append(i)
        if note not in self.notes[i]:
            self.notes[i].append(note)
        if s.page:
            self.extents[i].add(s.page)
        return i


def _said(s: Source) -> str:
    """An untitled interview or letter as an identity: its description, place, date, people."""
    people = "|".join(sorted(_families(s)) + sorted(norm_text(n.family or n.literal) for n in s.interviewer))
    return "|".join((s.type, norm_text(s.note), norm_text(s.publisher_place), str(s.issued or ""), people))


_Row = tuple["int | None", Cite]
"""A citation placed in a note: the index of its source (None for a key cited from the
writer's own bibliography), and the cite (its key filled in once keys are assigned)."""


def build(notes: Sequence[Note], *, taken: Sequence[str] = ()) -> Bibliography:
    """Notes -> records with keys; ``Ibid`` parts map to the record they repeat.

    Each part of each note is either cited (``cites``) or left out with its reason
    (``left_out``), so that nothing disappears in silence."""
    index = _Index()
    placed: list[tuple[int, list[_Row]]] = []
    gone_by_place: list[tuple[LeftOut, ...]] = []
    for note in notes:
        here: list[_Row] = []
        gone: list[LeftOut] = []
        for n, part in enumerate(note.parts, start=1):
            rows: list[_Row] = []
            reason = REMARK
            if isinstance(part, Citation):
                reason = NAMES_NOTHING
                rows = _cited(index, part, note.number, n)
            elif isinstance(part, Ibid):
                reason = IBID_NOTHING
                rows = _ibid(index, part, note.number, placed, n)
            if rows:
                here.extend(rows)
            else:
                gone.append(LeftOut(n, part.text, reason))
        placed.append((note.number, here))
        gone_by_place.append(tuple(gone))
    sources = [_settle_page(s, extents) for s, extents in zip(index.sources, index.extents)]
    keys = citekeys.assign(sources, taken)
    records = tuple(
        Record(key=k, source=replace(s, id=k), notes=tuple(ns)) for k, s, ns in zip(keys, sources, index.notes)
    )
    keyed = [tuple(c if i is None else replace(c, key=keys[i]) for i, c in here) for _, here in placed]
    per_note = tuple(NoteCites(note.number, note.label, rows, gone) for note, rows, gone in zip(notes, keyed, gone_by_place))
    cites = {row.number: row.cites for row in per_note}
    left = {row.number: row.left_out for row in per_note if row.left_out}
    return Bibliography(records=records, cites=cites, left_out=left, per_note=per_note)


def _cited(index: _Index, part: Citation, number: int, n: int) -> list[_Row]:
    """A citation's row: its source becomes (or joins) a record, keeping only its own
    extent; the page it points at, its prefix and suffix stay with the cite. A citation by
    key (``[@smith2019, p. 4]``) names an entry of the writer's own bibliography: it is
    cited under that key and makes no record."""
    extent, locator = pages.split(part.source, part.locator)
    cite = Cite(part.source.id or "", locator, False, part.prefix or None, part.suffix or None, n)
    if citable(part.source):
        return [(index.add(replace(part.source, page=extent), number), cite)]
    if part.source.id:
        return [(None, cite)]
    return []


def _ibid(index: _Index, part: Ibid, number: int, placed: list[tuple[int, list[_Row]]], n: int) -> list[_Row]:
    """Resolve an ibid to records: through its resolved sources, else to the note it names.

    Its locator is the one it prints (``Ibid., 45``), else the one of the citation it
    repeats (``Ibid.`` after ``…, 45–67, at 50`` points at 50 again)."""
    earlier = _rows_of(placed, part.refers_to)
    out: list[_Row] = []
    for s in part.sources:
        extent, printed = pages.split(s)
        i = index.find(replace(s, page=extent))
        if i is None:
            if not citable(s):
                continue
            i = index.add(replace(s, page=extent), number)
        elif number not in index.notes[i]:
            index.notes[i].append(number)
        repeated = next((c.locator for j, c in earlier if j == i), printed)
        out.append((i, Cite("", pages.unlabel(part.locator) or repeated, True, part=n)))
    if out or part.refers_to is None:
        return out
    for i, cite in earlier:
        if i is not None and number not in index.notes[i]:
            index.notes[i].append(number)
        out.append((i, Cite(cite.key, pages.unlabel(part.locator) or cite.locator, True, part=n)))
    return out


def _rows_of(placed: list[tuple[int, list[_Row]]], number: int | None) -> list[_Row]:
    """The citations of the latest note numbered ``number`` (an ibid's antecedent)."""
    if number is None:
        return []
    for earlier, here in reversed(placed):
        if earlier == number:
            return here
    return []


def _settle_page(source: Source, extents: set[str]) -> Source:
    """Keep an extent only when every citation printing one agrees; otherwise each is only
    its citation's locator (which it already is)."""
    if len(extents) > 1 and source.page:
        return replace(source, page=None)
    return source
