"""Candidates for URLs that copying out of a PDF damaged: pure, no network.

A PDF has no URLs, only lines of text. Copying a note out of one joins the lines again,
and three things go wrong where a URL crossed a line end: the hyphen at the break is lost
(``indian-doctorsuspected``), a space is left inside (``eksperty.h tml``), or an
identifier loses a dash (``92abab1ea56e4a06`` in an 8-4-4-4-12 UUID). About half the
URLs in a long report come out this way, and every link checker calls them dead.

``candidates`` reads a printed URL against what the document says (the note's title and
its translation, the site's other URLs, the rest of the text) and proposes the plausible
originals, ranked. It is pure and never invents a word: every candidate is the printed
URL with white space removed and separators inserted, nothing else
(``only_separators_added`` holds that, and every candidate is checked against it).

``links.repair`` asks for evidence before any candidate becomes a repair.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass
from typing import Iterable, Sequence

from footnote_kit.links.slugs import (
    DOCUMENT,
    SITE,
    TITLE,
    Lexicon,
    camel_split,
    elisions,
    splits,
    words_of,
)

SEPARATORS = "-_"
"""What a repair may insert. Nothing else is ever added to a printed URL."""

# Gains (see ``_Option``): a removed space, a fixed-format dash and a camel-case seam are
# near-certain; a split is as good as the words on both sides of it.
_SPACE_GAIN = 3.0
_FIXED_GAIN = 4.0
_CAMEL_GAIN = 2.5
_SEAM_GAIN = 0.9
_BIAS = 1.0
"""An edit is in the first candidate only when its gain exceeds this."""
DAMAGED_THRESHOLD = 1.0
"""The best candidate's score above which ``damaged`` calls a URL damaged."""

_HOST = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)?([^/?#]*)")
_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|pdf)$", re.I)
_NUMBER_SEAM = re.compile(r"([A-Za-z]+)(?=\d{3,}$)\d+|(\d{3,})(?=[A-Za-z]{3,}$)[A-Za-z]+")
_TOKEN = re.compile(r"[^-_.~+,;:!/]+")

# Identifiers with a fixed shape: (character class, group lengths). A run that matches
# the class, already has some of the dashes, and whose groups are a coarsening of the
# shape lost the others. A bare 32-hex hash is left alone: nothing says it is a UUID.
FIXED_FORMATS: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("uuid", "0-9a-fA-F", (8, 4, 4, 4, 12)),
    ("lexis", "0-9A-Z", (4, 4, 4, 4, 5, 2)),
)


@dataclass(frozen=True)
class _Option:
    """One way to mend one place of the URL: separators to insert, and how sure we are."""

    inserts: tuple[tuple[int, str], ...]
    gain: float


def only_separators_added(printed: str, candidate: str) -> bool:
    """True when ``candidate`` is ``printed`` with white space removed and separators added.

    The invariant every repair keeps: we never invent a word, so a user can trust a
    repair they cannot open.
    """
    bare = "".join(printed.split())
    i = 0
    for ch in candidate:
        if i < len(bare) and ch == bare[i]:
            i += 1
        elif ch not in SEPARATORS:
            return False
    return i == len(bare)


@functools.lru_cache(maxsize=1 << 14)
def host_of(url: str) -> str:
    """``https://www.rferl.org/a/x`` -> ``rferl.org`` (lower case, no ``www.``)."""
    host = _HOST.match(url.strip())
    name = (host.group(2) if host else "").lower().rsplit("@", 1)[-1].split(":")[0]
    return name[4:] if name.startswith("www.") else name


def candidates(
    url: str,
    *,
    title: str | None = None,
    translated_title: str | None = None,
    sibling_urls: Iterable[str] = (),
    words: Iterable[str] = (),
    breaks: Iterable[int] = (),
    limit: int = 10,
    witnesses: "Witnesses | None" = None,
) -> list[str]:
    """The plausible originals of a printed URL, best first; [] when nothing looks damaged.

    ``sibling_urls`` are the document's other URLs: those on the same host teach the
    site's habits (its separator, its vocabulary), all of them add vocabulary. ``words``
    is more of the document's text (other notes' titles). ``breaks`` are offsets in the
    URL (after white space is removed) where the copied text broke a line; a URL that
    still contains a line break gives them itself. ``witnesses`` is the document's
    ``sibling_urls`` and ``words`` prepared once (``Witnesses``): pass it when asking
    about many URLs of one document, so that each costs the same whatever its size.
    """
    return [c for c, _ in ranked(url, title=title, translated_title=translated_title,
                                 sibling_urls=sibling_urls, words=words, breaks=breaks, limit=limit, witnesses=witnesses)]


def damaged(
    url: str,
    *,
    title: str | None = None,
    translated_title: str | None = None,
    sibling_urls: Iterable[str] = (),
    words: Iterable[str] = (),
    breaks: Iterable[int] = (),
    limit: int = 10,
    witnesses: "Witnesses | None" = None,
) -> list[str]:
    """Candidates when the URL is probably damaged, else []: what ``lint`` reports.

    Stricter than ``candidates``: a URL is called damaged only when its best candidate
    rests on a removed space, a fixed-format dash or a split both sides of which are
    words the document knows.
    """
    found = ranked(url, title=title, translated_title=translated_title,
                   sibling_urls=sibling_urls, words=words, breaks=breaks, limit=limit, witnesses=witnesses)
    if not found or found[0][1] < DAMAGED_THRESHOLD:
        return []
    return [c for c, _ in found]


def ranked(
    url: str,
    *,
    title: str | None = None,
    translated_title: str | None = None,
    sibling_urls: Iterable[str] = (),
    words: Iterable[str] = (),
    breaks: Iterable[int] = (),
    limit: int = 10,
    witnesses: "Witnesses | None" = None,
) -> list[tuple[str, float]]:
    """``candidates`` with their scores (the sum of the gains of their edits, less a bias)."""
    base, found_breaks = _squeeze(url)
    all_breaks = sorted(set(found_breaks) | set(breaks))
    known = witnesses if witnesses is not None else _witnesses(tuple(words), tuple(sibling_urls))
    site = known.site(host_of(base))
    pieces, prose = _lexicons(base, title, translated_title, known, site)
    habit = site.habit(url)

    options: list[list[_Option]] = []
    space_gain = _SPACE_GAIN if base != url else 0.0
    options.extend([o] for o in _fixed_format_options(base))
    options.extend(_slug_options(base, pieces, prose, habit, all_breaks))

    beam: list[tuple[float, tuple[tuple[int, str], ...]]] = [(space_gain, ())]
    for choices in options:
        grown = list(beam)
        for score, inserts in beam:
            for option in choices:
                grown.append((score + option.gain - _BIAS, inserts + option.inserts))
        grown.sort(key=lambda item: -item[0])
        beam = grown[: max(limit * 2, 16)]

    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    for score, inserts in sorted(beam, key=lambda item: -item[0]):
        if not inserts and base == url:
            continue
        candidate = _apply(base, inserts)
        if candidate in seen or candidate == url:
            continue
        if not only_separators_added(url, candidate):  # pragma: no cover - a bug if reached
            raise AssertionError(f"repair invented text: {url!r} -> {candidate!r}")
        seen.add(candidate)
        out.append((candidate, round(score, 3)))
    return out[:limit]


def _squeeze(url: str) -> tuple[str, list[int]]:
    """Remove white space; where it was a line break, remember the offset."""
    out: list[str] = []
    breaks: list[int] = []
    for ch in url.strip():
        if ch.isspace():
            if ch in "\n\r" and (not breaks or breaks[-1] != len(out)):
                breaks.append(len(out))
            continue
        out.append(ch)
    return "".join(out), breaks


def _apply(base: str, inserts: Iterable[tuple[int, str]]) -> str:
    text = base
    for pos, sep in sorted(set(inserts), reverse=True):
        text = text[:pos] + sep + text[pos:]
    return text


def _url_tokens(url: str) -> list[str]:
    path = _path_span(url)
    return _TOKEN.findall(url[path[0] : path[1]]) if path else []


class _Site:
    """What one host's URLs in the document teach: their words, and their separator."""

    def __init__(self, host: str, urls: Sequence[str], document: Lexicon) -> None:
        self.pieces = document.child()
        for url in dict.fromkeys(urls):
            self.pieces.add(_url_tokens(_squeeze(url)[0]), SITE)
        self.pieces.add_host(host)
        self.hyphens, self.underscores = 0, 0
        self._own: dict[str, tuple[int, int]] = {}
        for url in urls:  # every citation counts towards the habit, as printed
            h, u = _separators(url)
            mine = self._own.get(url, (0, 0))
            self._own[url] = (mine[0] + h, mine[1] + u)
            self.hyphens += h
            self.underscores += u

    def habit(self, url: str) -> tuple[int, int]:
        """(hyphens, underscores) in the paths of the site's *other* URLs."""
        own = self._own.get(url, (0, 0))
        return self.hyphens - own[0], self.underscores - own[1]


class Witnesses:
    """What a document knows, prepared once for all its URLs.

    ``words`` is its text (titles, notes), ``sibling_urls`` its URLs: those of a host teach
    that site's words and separator (``SITE``), and with ``url_vocabulary`` every URL's
    words count as the document's too (``DOCUMENT``). Preparing this once, and giving each
    URL a thin layer on top (``Lexicon.child``), is what keeps ``lint`` and ``fix``
    linear in the number of notes: building it per URL made them quadratic.
    """

    def __init__(self, words: Iterable[str] = (), sibling_urls: Iterable[str] = (), *, url_vocabulary: bool = True) -> None:
        urls = [u for u in sibling_urls if u]
        self.pieces, self.prose = Lexicon(), Lexicon()
        text = " ".join(words)
        for lex in (self.pieces, self.prose):
            lex.add(words_of(text), DOCUMENT)
        if url_vocabulary:
            for url in dict.fromkeys(urls):
                self.pieces.add(_url_tokens(_squeeze(url)[0]), DOCUMENT)
        self._by_host: dict[str, list[str]] = {}
        for url in urls:
            self._by_host.setdefault(host_of(url), []).append(url)
        self._sites: dict[str, _Site] = {}
        self._lock = threading.Lock()

    def site(self, host: str) -> _Site:
        with self._lock:
            found = self._sites.get(host)
            if found is None:
                found = self._sites[host] = _Site(host, self._by_host.get(host, ()), self.pieces)
            return found


@functools.lru_cache(maxsize=8)
def _witnesses(words: tuple[str, ...], siblings: tuple[str, ...]) -> Witnesses:
    """For callers that pass ``words`` and ``sibling_urls`` each time: built once per document."""
    return Witnesses(words, siblings)


def _lexicons(base: str, title: str | None, translated_title: str | None, known: Witnesses, site: _Site) -> tuple[Lexicon, Lexicon]:
    """Two lexicons: every witness (for the pieces of a split) and the prose only (for the
    unsplit token: another URL may carry the same damage, so it cannot vouch for a
    run-together token). The URL's own layer holds its title and its own words."""
    pieces, prose = site.pieces.child(), known.prose.child()
    for lex in (pieces, prose):
        lex.add(words_of(title or ""), TITLE)
        lex.add(words_of(translated_title or ""), TITLE)
    pieces.elided.update(elisions(f"{title or ''} {translated_title or ''}"))
    pieces.add(_url_tokens(base), SITE)
    return pieces, prose


def _separators(url: str) -> tuple[int, int]:
    span = _path_span(url)
    if not span:
        return 0, 0
    path = url[span[0] : span[1]]
    return path.count("-"), path.count("_")


def _path_span(url: str) -> tuple[int, int] | None:
    """Offsets of the URL's path (after the host, before ``?``/``#``)."""
    m = _HOST.match(url)
    if not m or not m.group(1):
        return None
    start = m.end()
    end = len(url)
    for mark in "?#":
        at = url.find(mark, start)
        if at != -1:
            end = min(end, at)
    return start, end


def _separator(segment: str, habit: tuple[int, int]) -> str:
    """The slug's own separator, or the site's habit (its other URLs) when the segment has none."""
    hyphens, underscores = segment.count("-"), segment.count("_")
    if hyphens or underscores:
        return "_" if underscores > hyphens else "-"
    return "_" if habit[1] > habit[0] else "-"


def _slug_options(
    base: str, pieces: Lexicon, prose: Lexicon, habit: tuple[int, int], breaks: Sequence[int]
) -> list[list[_Option]]:
    span = _path_span(base)
    if span is None:
        return []
    out: list[list[_Option]] = []
    offset = span[0]
    for segment in base[span[0] : span[1]].split("/"):
        seg_start = offset
        offset += len(segment) + 1
        if not segment:
            continue
        body = _EXTENSION.sub("", segment)
        sep = _separator(body, habit)
        tokens = list(_TOKEN.finditer(body))
        capitalised = sum(1 for t in tokens if t.group(0)[:1].isupper())
        for tok in tokens:
            text = tok.group(0)
            start = seg_start + tok.start()
            seam = _NUMBER_SEAM.fullmatch(text)
            if seam and len(tokens) > 1:
                # ``energie6108251``, ``a1234567``: a word and a number run together.
                # Sites do join them too (``afgan111220``), so this is a suggestion,
                # never the first candidate on its own.
                cut = len(seam.group(1) or seam.group(2))
                out.append([_Option(_inserts(start, (text[:cut], text[cut:]), sep), _SEAM_GAIN)])
                continue
            if not _splittable(text):
                continue
            choices: list[_Option] = []
            camel = camel_split(text)
            if len(camel) > 1 and len(tokens) > 1 and capitalised >= 2:
                choices.append(_Option(_inserts(start, camel, sep), _CAMEL_GAIN))
            local_breaks = [b - start for b in breaks if start < b < start + len(text)]
            for split in splits(text, pieces, whole=prose.whole(text), breaks=local_breaks):
                choices.append(_Option(_inserts(start, split.pieces, sep), split.gain))
            if choices:
                out.append(choices)
    return out


def _splittable(token: str) -> bool:
    """Slug words only: letters (a digit at most at the ends), no percent-escapes."""
    if len(token) < 4 or "%" in token:
        return False
    core = token.strip("0123456789")
    return len(core) >= 4 and core.isalpha()


def _inserts(start: int, pieces: Sequence[str], sep: str) -> tuple[tuple[int, str], ...]:
    out: list[tuple[int, str]] = []
    pos = start
    for piece in pieces[:-1]:
        pos += len(piece)
        out.append((pos, sep))
    return tuple(out)


def _fixed_format_options(base: str) -> list[_Option]:
    out: list[_Option] = []
    for _name, chars, shape in FIXED_FORMATS:
        # A run starts after anything but its own characters, or right after a
        # percent-escape (``%3A60SS…`` in an encoded ``urn:contentItem:60SS…``).
        run = re.compile(
            rf"(?:(?<=%[0-9A-Fa-f]{{2}})|(?<![{chars}%-]))[{chars}]+(?:-[{chars}]+)+(?![{chars}-])"
        )
        targets = _cumulative(shape)
        for m in run.finditer(base):
            groups = m.group(0).split("-")
            if len(groups) >= len(shape) or sum(map(len, groups)) != targets[-1]:
                continue
            have = _cumulative(tuple(len(g) for g in groups))
            if not set(have) <= set(targets):
                continue
            inserts: list[tuple[int, str]] = []
            for cut in targets[:-1]:
                if cut not in have:
                    # offset in the run = cut + the dashes already before it
                    dashes = sum(1 for h in have[:-1] if h < cut)
                    inserts.append((m.start() + cut + dashes, "-"))
            out.append(_Option(tuple(inserts), _FIXED_GAIN))
    return out


def _cumulative(lengths: tuple[int, ...]) -> list[int]:
    out, total = [], 0
    for n in lengths:
        total += n
        out.append(total)
    return out
