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
from dataclasses import dataclass
from typing import Iterable, Sequence

from footnote_kit.links.slugs import (
    COMMON,
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
) -> list[str]:
    """The plausible originals of a printed URL, best first; [] when nothing looks damaged.

    ``sibling_urls`` are the document's other URLs: those on the same host teach the
    site's habits (its separator, its vocabulary), all of them add vocabulary. ``words``
    is more of the document's text (other notes' titles). ``breaks`` are offsets in the
    URL (after white space is removed) where the copied text broke a line; a URL that
    still contains a line break gives them itself.
    """
    return [c for c, _ in ranked(url, title=title, translated_title=translated_title,
                                 sibling_urls=sibling_urls, words=words, breaks=breaks, limit=limit)]


def damaged(
    url: str,
    *,
    title: str | None = None,
    translated_title: str | None = None,
    sibling_urls: Iterable[str] = (),
    words: Iterable[str] = (),
    breaks: Iterable[int] = (),
    limit: int = 10,
) -> list[str]:
    """Candidates when the URL is probably damaged, else []: what ``lint`` reports.

    Stricter than ``candidates``: a URL is called damaged only when its best candidate
    rests on a removed space, a fixed-format dash or a split both sides of which are
    words the document knows.
    """
    found = ranked(url, title=title, translated_title=translated_title,
                   sibling_urls=sibling_urls, words=words, breaks=breaks, limit=limit)
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
) -> list[tuple[str, float]]:
    """``candidates`` with their scores (the sum of the gains of their edits, less a bias)."""
    base, found_breaks = _squeeze(url)
    all_breaks = sorted(set(found_breaks) | set(breaks))
    siblings = [s for s in sibling_urls if s and s != url]
    host = host_of(base)
    same_host = [s for s in siblings if host_of(s) == host]
    pieces, prose = _lexicons(base, title, translated_title, siblings, same_host, words, host)

    options: list[list[_Option]] = []
    space_gain = _SPACE_GAIN if base != url else 0.0
    options.extend([o] for o in _fixed_format_options(base))
    options.extend(_slug_options(base, pieces, prose, same_host, all_breaks))

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


def _lexicons(
    base: str,
    title: str | None,
    translated_title: str | None,
    siblings: Sequence[str],
    same_host: Sequence[str],
    words: Iterable[str],
    host: str,
) -> tuple[Lexicon, Lexicon]:
    """Two lexicons: every witness (for the pieces of a split) and the prose only (for the
    unsplit token: another URL may carry the same damage, so it cannot vouch for a
    run-together token)."""
    shared_pieces, shared_prose = _document_lexicons(tuple(words), tuple(siblings))
    pieces, prose = shared_pieces.copy(), shared_prose.copy()
    for lex in (pieces, prose):
        lex.add(words_of(title or ""), TITLE)
        lex.add(words_of(translated_title or ""), TITLE)
    pieces.elided.update(elisions(f"{title or ''} {translated_title or ''}"))
    pieces.add(_url_tokens(base), SITE)
    for sib in same_host:
        pieces.add(_url_tokens(sib), SITE)
    pieces.add_host(host)
    return pieces, prose


@functools.lru_cache(maxsize=8)
def _document_lexicons(words: tuple[str, ...], siblings: tuple[str, ...]) -> tuple[Lexicon, Lexicon]:
    """What the whole document knows, built once per document, not once per URL."""
    pieces, prose = Lexicon(), Lexicon()
    for lex in (pieces, prose):
        lex.add(words_of(" ".join(words)), DOCUMENT)
    for sib in siblings:
        pieces.add(_url_tokens(sib), DOCUMENT)
    return pieces, prose


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


def _separator(segment: str, same_host: Sequence[str]) -> str:
    """The slug's own separator, or the site's habit when the segment has none."""
    hyphens, underscores = segment.count("-"), segment.count("_")
    if hyphens or underscores:
        return "_" if underscores > hyphens else "-"
    for sib in same_host:
        span = _path_span(sib)
        if span:
            path = sib[span[0] : span[1]]
            hyphens += path.count("-")
            underscores += path.count("_")
    return "_" if underscores > hyphens else "-"


def _slug_options(
    base: str, pieces: Lexicon, prose: Lexicon, same_host: Sequence[str], breaks: Sequence[int]
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
        sep = _separator(body, same_host)
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
