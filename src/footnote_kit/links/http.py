"""Checking URLs against the live web, politely, and without crying wolf: what answers mean.

How each request is made (one pooled session, slots per host, deadlines, retries, the
private-address rule) is ``links.fetch``; here is what the answers mean. Why each choice:

- Redirects are followed by hand (``max_redirects``, loop detection) so that we know
  whether they were permanent (``redirected``, report the new address) or temporary
  (``ok``), and whether an article now redirects to a generic page: the site's home,
  a page above it, an error page (``soft-404``, see ``links.landing``); the home page's
  title is asked once per site for that.
- A page that answers 200 is judged by its head (``links.page``): a "not found" title or
  a bot wall is not a working link.
- A 403 is retried once with a browser-like User-Agent: many sites turn robots away
  while serving readers, and those pages are alive. A site that did so is asked as a
  browser from then on.
- Many URLs run concurrently under a scheduler that keeps each host to its share
  (``links.schedule``), so a busy host never holds a worker another host could use.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import urljoin, urlsplit

from footnote_kit.links import landing
from footnote_kit.links.addresses import refusal_detail
from footnote_kit.links.fetch import (  # noqa: F401 - re-exported: callers import them from here
    BROWSER_UA,
    DEFAULT_UA,
    Answer,
    CheckOptions,
    Fetcher,
    _host,
    _no_such_host,
    classify_url,
    retry_after,
)
from footnote_kit.links.network import DNS_DEAD  # noqa: F401 - re-exported
from footnote_kit.links.page import is_challenge, judge_body, page_texts  # noqa: F401 - judge_body re-exported
from footnote_kit.links.schedule import per_host
from footnote_kit.model import LinkStatus, Verdict  # Verdict lives in model: the cache needs it without this module
from footnote_kit.terminal import printable

__all__ = [
    "BROWSER_UA", "DEFAULT_UA", "DNS_DEAD", "CheckOptions", "Checker", "Verdict", "classify_url", "judge_body", "retry_after",
]

_PERMANENT = {301, 308}
_TEMPORARY = {302, 303, 307}
JOB_FACTOR = 2
"""URLs of one host under way per request slot of it (see ``check_many``)."""


class Checker(Fetcher):
    """Checks URLs with one pooled session. Thread-safe; ``check_many`` runs them concurrently.

    What a URL's answers mean is decided here; how they are asked for (slots, deadlines,
    retries, reach) is ``links.fetch.Fetcher``'s part.
    """

    def __init__(self, options: CheckOptions | None = None, session: Any = None, sleep: Callable[[float], None] = time.sleep) -> None:
        super().__init__(options, session, sleep)
        self._homes: dict[str, str | None] = {}
        """Home page title per site root (``_home_title``)."""
        self._home_locks: dict[str, threading.Lock] = {}

    def check(self, url: str, title: str | None = None) -> Verdict:
        """The verdict for one URL. Never raises for network trouble: that is a verdict too.

        ``title`` is the title the URL is cited with: a redirect to a page that bears it
        is the article moved, not a dead article sent to a generic page.
        """
        start = time.monotonic()
        bad = classify_url(url)
        if bad is not None:
            return Verdict(url, bad[0], detail=bad[1])
        try:
            v = self._check(url, title)
        except Exception as err:  # noqa: BLE001 - a malformed answer must not kill the run
            v = Verdict(url, LinkStatus.ERROR, detail=f"{type(err).__name__}: {err}"[:200])
        # A title or a Location header is the server's text: no control sequence of it
        # may reach a terminal or an annotation.
        final = printable(v.final_url, one_line=True) if v.final_url else None
        detail = printable(v.detail, one_line=True) if v.detail else None
        return Verdict(v.url, v.status, v.http_status, final, int((time.monotonic() - start) * 1000), detail)

    def _check(self, url: str, title: str | None = None) -> Verdict:
        opts = self.options
        seen: dict[str, int] = {_norm(url): 1}
        current = url
        permanent_only = True
        hops = 0
        # A host that turned our robot away once is asked as a browser from then on:
        # asking each of its pages twice would only cost it a refusal every time.
        ua = BROWSER_UA if _host(url) in self._robot_shy else opts.user_agent
        while True:
            refused = self._refusal(current)
            if refused is not None:
                via = f"redirects to {current}: " if current != url else ""
                return Verdict(url, LinkStatus.EXCLUDED, None, current if current != url else None, detail=via + refusal_detail(refused))
            ans, err = self._fetch_with_retries(current, ua)
            if ans is None:
                assert err is not None
                return Verdict(url, err[0], None, current if current != url else None, detail=err[1])
            code = ans.status
            if code in _PERMANENT or code in _TEMPORARY:
                loc = ans.headers.get("Location")
                if not loc:
                    return Verdict(url, LinkStatus.ERROR, code, detail=f"HTTP {code} without a Location")
                nxt = urljoin(current, loc)
                if code in _TEMPORARY:
                    permanent_only = False
                hops += 1
                # Back to an address already seen is a loop, unless the server just set a
                # cookie (sites that redirect to the same page once a consent cookie is set).
                again = seen.get(_norm(nxt), 0)
                if again >= 2 or (again and not ans.headers.get("Set-Cookie")):
                    return Verdict(url, LinkStatus.ERROR, code, nxt, detail=f"redirect loop after {hops} redirects")
                if hops > opts.max_redirects:
                    return Verdict(url, LinkStatus.ERROR, code, nxt, detail=f"more than {opts.max_redirects} redirects")
                bad = classify_url(nxt)
                if bad is not None:
                    return Verdict(url, bad[0] if bad[0] is LinkStatus.INVALID else LinkStatus.ERROR, code, nxt, detail=f"redirects to {nxt}: {bad[1]}")
                seen[_norm(nxt)] = again + 1
                current = nxt
                continue
            final = current if current != url else None
            if code == 403 and ua != BROWSER_UA:
                # Turned away as a robot? Ask as a browser once before calling it blocked.
                ua = BROWSER_UA
                retry, _err = self._fetch_with_retries(current, ua)
                if retry is not None and retry.status < 400:
                    self._robot_shy.add(_host(current))
                    if retry.status in _PERMANENT or retry.status in _TEMPORARY:
                        seen[_norm(current)] = 0
                        continue
                    ans, code = retry, retry.status
            return self._final(url, final, ans, hops > 0 and permanent_only, title)

    def _landing(self, url: str, final: str, ans: Answer, cited_title: str | None) -> str | None:
        """Why a redirected article that ends on a 200 is gone (``links.landing``), or None."""
        if not landing.moved(url, final):
            return None
        title = _title(ans)
        if landing.same_article(url, final, title, cited_title):
            return None
        why = landing.generic_landing(url, final)
        if why is not None or not title:
            return why
        home = self._home_title(final)
        return landing.HOME if home and landing.same_title(title, home) else None

    def _home_title(self, url: str) -> str | None:
        """The title of the site's home page, asked once per host (redirects followed)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}/"
        with self._session_lock:
            lock = self._home_locks.setdefault(root, threading.Lock())
        with lock:  # one request per site, whatever the number of threads asking
            if root not in self._homes:
                self._homes[root] = self._ask_title(root)
            return self._homes[root]

    def _ask_title(self, root: str) -> str | None:
        title: str | None = None
        current = root
        for _hop in range(5):
            if self._refusal(current) is not None:
                break
            ans, _err = self._fetch_with_retries(current, self.options.user_agent)
            if ans is None:
                break
            location = ans.headers.get("Location")
            if ans.status in _PERMANENT | _TEMPORARY and location:
                current = urljoin(current, location)
                continue
            title = _title(ans) if 200 <= ans.status < 300 else None
            break
        return title

    def _final(self, url: str, final: str | None, ans: Answer, permanent: bool, cited_title: str | None = None) -> Verdict:
        code = ans.status
        if 200 <= code < 300:
            judged = judge_body(ans.body, ans.content_type, ans.headers)
            if judged is not None:
                return Verdict(url, judged[0], code, final, detail=judged[1])
            landed = self._landing(url, final, ans, cited_title) if final is not None else None
            if landed is not None:
                return Verdict(url, LinkStatus.SOFT_404, code, final, detail=landed)
            if final is not None and permanent:
                return Verdict(url, LinkStatus.REDIRECTED, code, final, detail=f"moved permanently to {final}")
            return Verdict(url, LinkStatus.OK, code, final)
        if code in (404, 410):
            return Verdict(url, LinkStatus.DEAD, code, final, detail=f"HTTP {code}" + (f" at {final}" if final else ""))
        if code in (401, 403, 407, 451, 429, 999):
            title = ""
            if ans.body and "html" in ans.content_type.lower():
                try:
                    title = page_texts(ans.body, ans.content_type)[0]
                except Exception:  # noqa: BLE001
                    title = ""
            wall = is_challenge(title, ans.body, ans.headers, refused=True)
            why = "bot wall" if wall else {401: "needs a login", 407: "needs a proxy login", 451: "unavailable for legal reasons", 429: "rate limited on every try"}.get(code, "refuses robots")
            return Verdict(url, LinkStatus.BLOCKED, code, final, detail=f"HTTP {code}: {why}")
        if code >= 500 and is_challenge("", ans.body, ans.headers, refused=True):
            return Verdict(url, LinkStatus.BLOCKED, code, final, detail=f"HTTP {code}: bot wall")
        return Verdict(url, LinkStatus.ERROR, code, final, detail=f"HTTP {code}")

    # --- many URLs ---------------------------------------------------------------------

    def check_many(
        self, urls: Iterable[str], progress: Callable[[Verdict], None] | None = None, titles: Mapping[str, str] | None = None
    ) -> Iterator[Verdict]:
        """Check URLs concurrently; yields verdicts as they end (see ``schedule.per_host``).

        Workers: enough for every host to use its slots, since the global limit is
        enforced per request in ``_fetch`` (a worker waiting out a backoff holds none).
        ``titles`` are the titles the URLs are cited with (see ``check``).
        """
        opts = self.options
        workers = max(opts.max_concurrency, 4 * opts.max_concurrency)
        known = titles or {}
        # Twice as many URLs of a host under way as requests to it: a URL waiting out a
        # backoff or a Retry-After holds no request slot (``_fetch``), so another URL of
        # the same host can use it meanwhile. The host still sees ``per_host`` at most.
        for v in per_host(urls, _host, lambda u: self.check(u, known.get(u)), JOB_FACTOR * opts.per_host, workers):
            if progress is not None:
                progress(v)
            yield v


def _norm(url: str) -> str:
    return url.split("#", 1)[0]


def _title(ans: Answer) -> str:
    """The ``<title>`` of an HTML answer ('' for anything else)."""
    if not ans.body or "html" not in ans.content_type.lower():
        return ""
    try:
        return page_texts(ans.body, ans.content_type)[0]
    except Exception:  # noqa: BLE001 - a page we cannot read has no title
        return ""
