"""Where a redirect lands: the same article moved, or a dead article sent somewhere generic.

News sites retire articles by redirecting them: ``/news/2019/story-123`` answers 302 to
``/`` or to ``/news/``, and the page there answers 200. A checker that follows the
redirect and sees 200 calls the dead article fine; InternetArchiveBot and footnote-kit
call it a ``soft-404``. The rules, pure (URLs and titles in, a reason or None out):

- the article lands on the site's root, on a section page *above* it (a path that is a
  prefix of its own and does not itself name an article: ``/news/``, not the
  ``/world/story-12`` that ``/world/story-12/amp`` leads to), or on an error address
  (``/404``, ``/not-found``);
- or on a page whose title is the site's generic title (the title of its home page);
- unless the page it lands on looks like the same article: the same slug
  (``/archive/story-123``) or the cited title in its title.

An address that was a front page already (``/en``, ``/index.html``) is not an article.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

HOME = "redirects to the home page"
"""The detail of an article sent to the site's root or to a page with its generic title."""

_ERROR_PATH = re.compile(r"(?:^|/)(?:404|410|not[-_]?found|page[-_]?not[-_]?found|error[-_]?404|errors?/404)(?:\.\w{2,5})?(?:/|$)", re.I)
_LANGUAGE_ROOT = re.compile(r"[a-z]{2,3}(?:[-_][a-z]{2,4})?", re.I)
_INDEX = re.compile(r"(?:index|default|home)(?:\.\w{2,5})?", re.I)
_EXTENSION = re.compile(r"\.\w{2,5}$")
_WORD = re.compile(r"\w{4,}")


def site(host: str | None) -> str:
    """``www.example.org`` and ``example.org`` are one site."""
    h = (host or "").lower()
    return h[4:] if h.startswith("www.") else h


def _segments(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def is_article(path: str) -> bool:
    """A path below the front page: not ``/``, a language root (``/en``) or ``/index.html``."""
    stripped = path.strip("/")
    return bool(stripped) and not _LANGUAGE_ROOT.fullmatch(stripped) and not _INDEX.fullmatch(stripped)


def generic_landing(url: str, final: str) -> str | None:
    """Why ``url`` redirecting to ``final`` means the article is gone, from the addresses alone.

    None when the addresses do not say (another site, a page that is not above the
    article); ``same_article`` is asked separately, with the page's title.
    """
    a, b = urlsplit(url), urlsplit(final)
    if site(a.hostname) != site(b.hostname) or not is_article(a.path):
        return None
    if _ERROR_PATH.search(b.path) and not _ERROR_PATH.search(a.path):
        return f"redirects to an error page ({final})"
    if b.query:
        return None
    if b.path in ("", "/"):
        return HOME
    above, own = _segments(b.path), _segments(a.path)
    if len(above) < len(own) and own[: len(above)] == above and not distinctive(above[-1]):
        return f"redirects to {b.path}, a page above the article"
    return None


def distinctive(segment: str) -> bool:
    """A path segment that names one article (``story-123``, ``30332766``), not a section
    (``news``, ``2019``, ``amp``): words with numbers or separators, a long word, an id."""
    core = _EXTENSION.sub("", segment)
    if core.isdigit():
        return len(core) >= 5
    if core.isalpha():
        return len(core) >= 12
    return len(core) >= 4


def moved(url: str, final: str) -> bool:
    """A redirect to another page of the same site (not just ``http``->``https`` or a slash)."""
    a, b = urlsplit(url), urlsplit(final)
    return site(a.hostname) == site(b.hostname) and is_article(a.path) and (
        a.path.rstrip("/") != b.path.rstrip("/") or a.query != b.query
    )


def same_article(url: str, final: str, page_title: str, cited_title: str | None) -> bool:
    """Does the page ``url`` lands on look like the article itself?

    The same slug (the last segment of the address, an id or a title, found in the new
    address), or most words of the cited title in the page's title.
    """
    own = _segments(urlsplit(url).path)
    if own and distinctive(own[-1]) and _EXTENSION.sub("", own[-1]).lower() in urlsplit(final).path.lower():
        return True
    if cited_title and page_title:
        words = {w.lower() for w in _WORD.findall(cited_title)}
        seen = {w.lower() for w in _WORD.findall(page_title)}
        if words and len(words & seen) >= max(1, round(0.6 * len(words))):
            return True
    return False


def same_title(a: str, b: str) -> bool:
    """Two page titles that are the same once case and spacing are set aside."""
    return bool(a.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
