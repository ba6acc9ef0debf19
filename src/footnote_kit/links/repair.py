"""Repairing URLs that copying out of a PDF damaged: a candidate needs evidence.

``links.damage`` proposes the plausible originals of a printed URL (pure, no network).
Here a candidate becomes a repair only with evidence: it answers where the printed URL
does not (``live``), or the archive holds good captures of it and none of the printed URL
(``archive``). Without evidence the candidates stay suggestions, ranked, never applied:
a wrong "repair" written into a user's bibliography is worse than a dead link.

Public API (``check --repair``, ``lint``, ``fix`` and the hook call it; keep it stable):
``candidates``, ``damaged`` (re-exported from ``links.damage``), ``find_repair``,
``repair_all``, ``live_probe``, ``archive_probe``, ``Cited``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence, TypeVar

from footnote_kit.links.damage import candidates, damaged, only_separators_added, ranked
from footnote_kit.model import LinkResult, Note, Repair, Source, UrlRef

__all__ = [
    "Cited",
    "Evidence",
    "evidence_probes",
    "with_repairs",
    "NoAnswer",
    "Probe",
    "archive_probe",
    "candidates",
    "damaged",
    "find_repair",
    "live_probe",
    "only_separators_added",
    "ranked",
    "repair_all",
    "repair_links",
    "repair_sources",
    "notes_with_repairs",
    "with_repair",
]

# ---------------------------------------------------------------------------------------

Probe = Callable[[str], bool]
"""``url -> bool``: does it answer (live probe), or does the archive hold captures of it."""


class NoAnswer(Exception):
    """A probe could not tell (the archive is down): no evidence either way."""


def find_repair(
    url: str,
    found: Sequence[str],
    *,
    live: Probe | None = None,
    archive: Probe | Any | None = None,
    printed_live: bool | None = None,
    max_probes: int = 8,
) -> Repair:
    """The best-evidenced candidate of ``found`` (ranked), or the candidates as suggestions.

    ``live`` says whether a URL answers (``live_probe`` wraps the checker);
    ``archive`` whether the archive holds good captures of a URL (``archive_probe`` wraps
    ``links.archive.Wayback``; any callable will do). ``printed_live`` is the printed
    URL's own verdict when the caller already has it. A candidate is a repair only when
    the printed URL lacks the same evidence; at most ``max_probes`` candidates are asked
    about, best first, to stay polite. A probe that raises ``NoAnswer`` gives no evidence.
    """
    ranked_found = tuple(found)
    if not ranked_found:
        return Repair(None, "none", ())
    asked = ranked_found[:max_probes]
    try:
        if live is not None:
            if printed_live is None:
                printed_live = live(url)
            if not printed_live:
                for candidate in asked:
                    if live(candidate):
                        return Repair(candidate, "live", ranked_found)
    except NoAnswer:
        pass
    has_captures = _as_probe(archive)
    try:
        if has_captures is not None and not has_captures(url):
            for candidate in asked:
                if has_captures(candidate):
                    return Repair(candidate, "archive", ranked_found)
    except NoAnswer:
        pass
    return Repair(None, "none", ranked_found)


def _as_probe(archive: Probe | Any | None) -> Probe | None:
    if archive is None or callable(archive):
        return archive
    return archive_probe(archive)


def archive_probe(wayback: Any) -> Probe:
    """``Wayback`` -> a probe: does the archive hold a capture of the URL that worked?

    Only captures that answered 2xx/3xx count: a damaged URL is often archived too, by
    bots that archive every cited link, and its captures record the 404.
    """
    from footnote_kit.links.archive import ArchiveUnavailable

    def probe(url: str) -> bool:
        try:
            if hasattr(wayback, "has_good_captures"):
                return bool(wayback.has_good_captures(url))
            return any(200 <= status < 400 for _ts, status in wayback.captures(url))
        except ArchiveUnavailable as err:
            raise NoAnswer(str(err)) from None

    return probe


def live_probe(checker: Any) -> Probe:
    """``links.http.Checker`` -> a probe: does the URL answer (``ok`` or ``redirected``)?"""
    from footnote_kit.model import LinkStatus

    def probe(url: str) -> bool:
        return checker.check(url).status in (LinkStatus.OK, LinkStatus.REDIRECTED)

    return probe


@dataclass(frozen=True)
class Cited:
    """A URL to repair and what the document says about it."""

    url: str
    title: str | None = None
    translated_title: str | None = None
    breaks: tuple[int, ...] = ()


def repair_all(
    items: Sequence[Cited],
    *,
    live: Probe | None = None,
    archive: Probe | Any | None = None,
    printed_live: Callable[[str], bool | None] | None = None,
    words: Iterable[str] = (),
    workers: int = 4,
    progress: Callable[[str], None] | None = None,
    extra: Sequence[Cited] = (),
) -> dict[str, Repair]:
    """Candidates and evidence for each URL of a document: ``{printed url: Repair}``.

    Every URL of ``items`` is a sibling of every other (the site's habits, the
    document's vocabulary); ``words`` is more of the document's text; ``extra`` are the
    document's other URLs, not to repair but to learn from. URLs with no candidate are
    left out. Probes run for several URLs at once (the archive client
    bounds its own requests in flight).
    """
    from concurrent.futures import ThreadPoolExecutor

    from footnote_kit.links.damage import Witnesses

    urls = list(dict.fromkeys([i.url for i in items] + [i.url for i in extra]))
    vocabulary = list(words) + [t for i in (*items, *extra) for t in (i.title, i.translated_title) if t]
    witnesses = Witnesses(vocabulary, urls)  # once per document: per URL it made fix quadratic

    def one(item: Cited) -> tuple[str, Repair] | None:
        found = candidates(
            item.url,
            title=item.title,
            translated_title=item.translated_title,
            breaks=item.breaks,
            witnesses=witnesses,
        )
        if progress is not None:
            progress(item.url)
        if not found:
            return None
        known = printed_live(item.url) if printed_live is not None else None
        return item.url, find_repair(item.url, found, live=live, archive=archive, printed_live=known)

    unique = list({i.url: i for i in items}.values())
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done = [r for r in pool.map(one, unique) if r is not None]
    return dict(done)


REPAIRABLE = frozenset({"dead", "soft-404", "invalid", "error"})
"""Statuses whose URL may be damaged: a damaged URL is a 404, a not-found page, a URL
with a space inside, or (on some sites) a 5xx for an unknown slug."""


def repair_links(
    results: Sequence[LinkResult],
    refs: Sequence[UrlRef],
    *,
    live: Probe | None = None,
    archive: Probe | Any | None = None,
    words: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[LinkResult]:
    """``check --repair``: each failed link's result gains its ``Repair``.

    The hook point in ``check``'s pipeline: link results in, the same results out,
    those whose URL looks damaged carrying candidates and, where found, evidence. The
    document's other URLs and titles are the vocabulary, and ``words`` (by default the
    text of the files that cite the links: a note's prose knows ``counterterrorism`` is
    one word).
    """
    from dataclasses import replace

    by_url = {r.url: r for r in refs}
    if words is None:
        words = _cited_texts(refs)
    failed = [r for r in results if r.status.value in REPAIRABLE]
    items = [Cited(r.url, by_url[r.url].title, by_url[r.url].translated_title) if r.url in by_url else Cited(r.url) for r in failed]
    siblings = [Cited(r.url, r.title, r.translated_title) for r in refs if r.url not in {i.url for i in items}]
    # The printed URL was just checked: its verdict is the live evidence, not a second request.
    answered = {r.url: r.status.value in ("ok", "redirected") for r in results}
    repairs = repair_all(items, live=live, archive=archive, printed_live=answered.get, words=words, extra=siblings, progress=progress)
    # A PDF's link annotation already gave the exact URL of a print that a line break damaged.
    for ref in refs:
        if ref.printed and ref.printed != ref.url and ref.url not in repairs:
            repairs[ref.url] = Repair(ref.url, "pdf-link", (ref.printed,))
    out = []
    for r in results:
        repair = repairs.get(r.url)
        if repair is not None and repair.evidence == "archive" and repair.url and hasattr(archive, "nearest"):
            repair = replace(repair, archive=_capture(archive, repair.url, by_url.get(r.url)))
        out.append(replace(r, repair=repair) if repair is not None else r)
    return out


def _capture(wayback: Any, url: str, ref: UrlRef | None) -> Any:
    """The repaired URL's capture nearest the cited date (the archive was just asked about it)."""
    from footnote_kit.links.archive import ArchiveUnavailable
    from footnote_kit.links.archiving import cited_date

    try:
        return wayback.nearest(url, cited_date(ref.cited) if ref else None)
    except ArchiveUnavailable:
        return None


def _cited_texts(refs: Sequence[UrlRef]) -> list[str]:
    from footnote_kit.errors import FootnoteKitError
    from footnote_kit.files import read_text

    out: list[str] = []
    for name in dict.fromkeys(c.file for r in refs for c in r.cited if c.file):
        try:
            out.append(read_text(name))
        except (FootnoteKitError, OSError):
            continue
    return out


# ---------------------------------------------------------------------------------------
# parse --repair / export --repair: a post-pass over the sources
# ---------------------------------------------------------------------------------------


def repair_sources(
    sources: Sequence[Source],
    *,
    live: Probe | None = None,
    archive: Probe | Any | None = None,
    words: Iterable[str] = (),
) -> dict[str, Repair]:
    """``{printed URL: Repair}`` for the sources' URLs that have an evidenced repair."""
    items = [Cited(s.URL, s.title, s.translated_title) for s in sources if s.URL]
    found = repair_all(items, live=live, archive=archive, words=words)
    return {url: r for url, r in found.items() if r.url is not None}


def with_repair(source: Source, repairs: dict[str, Repair]) -> Source:
    """The source with its evidenced repair carried beside the URL as printed.

    ``URL`` stays as printed (a citation must say what the text says); the repair goes in
    the CSL-JSON extension key ``URL-repair`` (``{"url", "evidence", "candidates"}``).
    """
    repair = repairs.get(source.URL or "")
    if repair is None:
        return source
    return source.with_changes(extra={**source.extra, "URL-repair": repair.to_json()})


def notes_with_repairs(notes: Sequence[Note], repairs: dict[str, Repair]) -> tuple[Note, ...]:
    """Every note with every source (citations and ibid. alike) carrying its repair."""
    from dataclasses import replace

    from footnote_kit.model import Citation, Ibid

    out = []
    for note in notes:
        parts = []
        for part in note.parts:
            if isinstance(part, Citation):
                part = replace(part, source=with_repair(part.source, repairs))
            elif isinstance(part, Ibid):
                part = replace(part, sources=tuple(with_repair(s, repairs) for s in part.sources))
            parts.append(part)
        out.append(replace(note, parts=tuple(parts)))
    return tuple(out)


@dataclass(frozen=True)
class Evidence:
    """Where a repair's evidence may come from (``--repair`` of parse, export and fix)."""

    archive_url: str | None = None
    """The Wayback Machine's base address (None: ``$FOOTNOTE_KIT_ARCHIVE_URL`` or web.archive.org)."""
    live: bool = True
    """Ask the cited sites themselves (``--no-live`` turns it off: the archive alone)."""
    allow_private: bool = False
    """Also ask hosts on loopback, private and link-local addresses."""


def evidence_probes(evidence: Evidence) -> tuple[Probe, Probe | None]:
    """The archive probe, and the live one unless ``evidence.live`` is off."""
    from footnote_kit.links.archive import Wayback
    from footnote_kit.links.http import Checker, CheckOptions

    archive = archive_probe(Wayback(base_url=evidence.archive_url))
    live = live_probe(Checker(CheckOptions(allow_private=evidence.allow_private))) if evidence.live else None
    return archive, live


_Result = TypeVar("_Result")


def with_repairs(result: _Result, evidence: Evidence) -> _Result:
    """A parse (``ParseResult``) or a load (``inputs.Loaded``) with each source carrying
    its evidenced repair (``URL-repair``): ``--repair`` of parse and export."""
    from dataclasses import replace

    archive, live = evidence_probes(evidence)
    notes: Sequence[Note] = getattr(result, "notes")
    records = getattr(result, "records", ())
    sources = [s for n in notes for s in n.sources] + [r.source for r in records]
    repairs = repair_sources(sources, live=live, archive=archive, words=[n.text for n in notes])
    changes: dict[str, Any] = {"notes": notes_with_repairs(notes, repairs)}
    if hasattr(result, "records"):
        changes["records"] = tuple(replace(r, source=with_repair(r.source, repairs)) for r in records)
    return replace(result, **changes)  # type: ignore[type-var]
