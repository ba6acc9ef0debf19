"""Asking a host for a URL: one request at a time per slot, bounded, retried, refused where private.

``Fetcher`` is the half of the checker that talks to the network; ``links.http.Checker``
builds verdicts on it. Why each choice:

- One ``requests.Session`` (``links.transport``: pooled, bounded, its proxies read once)
  so that 300 links to one news site reuse a few connections instead of opening 300.
- Every request takes a slot of its host (``per_host``) and a global one
  (``max_concurrency``); a request waiting out a backoff or a ``Retry-After`` holds none.
  A request we abandon (a timeout) keeps its host's slot a moment longer, as the server
  may still be working on it.
- Pages are fetched with a streamed GET whose body is read only up to ``body_cap``
  bytes. Files (``.pdf``, ``.zip``, ...) get a HEAD first; any HEAD answer that is not a
  success is confirmed with a GET, and a host that refused HEAD once is asked with GET
  from then on.
- 5xx and refused connections are retried with exponential backoff; a timeout once,
  unless the host answered other requests meanwhile; 429 waits for ``Retry-After``
  (capped).
- The host of every URL and redirect is judged before any request (``links.addresses``);
  the connection judges the address it connects to.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable
from urllib.parse import urlsplit

from footnote_kit.links.network import DNS_DEAD
from footnote_kit.model import LinkStatus

BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
DEFAULT_UA = "Mozilla/5.0 (compatible; footnote-kit link checker; +https://pypi.org/project/footnote-kit/)"

_FILE_SUFFIX = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|zip|gz|tgz|rar|7z|epub|mp3|mp4|avi|mov|jpe?g|png|gif|tiff?|csv|xml|json)$", re.I)
ABANDON_GRACE = 0.2
"""Seconds a host's slot stays taken after a request we abandoned (a timeout)."""
_RETRY_STATUSES = {500, 502, 503, 504, 520, 521, 522, 523, 524}
_HEAD_REFUSED = {405, 403, 501, 400, 404, 406, 410, 429, 500, 502, 503}


@dataclass(frozen=True)
class CheckOptions:
    """How to check. Defaults suit a writer's bibliography: patient, polite, certain."""

    user_agent: str = DEFAULT_UA
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    max_redirects: int = 10
    retries: int = 2
    """Extra attempts after a 5xx, a timeout or a refused connection."""
    timeout_retries: int = 1
    backoff: float = 0.5
    """First retry waits this long, each later one twice as long."""
    retry_after_cap: float = 10.0
    """The longest wait a ``Retry-After`` header may impose; above that it counts as blocked."""
    rate_limit_retries: int = 2
    max_concurrency: int = 64
    per_host: int = 2
    body_cap: int = 64 * 1024
    allow_private: bool = False
    """Ask loopback, private, link-local and reserved addresses too (``--allow-private``)."""


def options_from(settings: Any) -> CheckOptions:
    """``CheckOptions`` from ``config.Settings``: the one reading of ``[check]`` that
    ``check`` and the pre-commit hook share (``user-agent = "browser"`` means a browser's).
    Imports nothing heavy: ``requests`` loads only when a URL is really fetched."""
    c = settings.check
    ua = BROWSER_UA if c.user_agent == "browser" else (c.user_agent or DEFAULT_UA)
    return CheckOptions(
        user_agent=ua, connect_timeout=min(c.connect_timeout, c.timeout), read_timeout=c.timeout, retries=c.retries,
        max_concurrency=c.max_concurrency, per_host=c.max_per_host, allow_private=c.allow_private,
    )


def classify_url(url: str) -> tuple[LinkStatus, str] | None:
    """``invalid`` or ``unsupported`` for a URL that cannot be checked over HTTP; else None."""
    try:
        parts = urlsplit(url)
    except ValueError as err:
        return LinkStatus.INVALID, f"not a well-formed URL: {err}"
    scheme = parts.scheme.lower()
    if not scheme:
        return LinkStatus.INVALID, "no scheme (http:// or https://)"
    if scheme not in ("http", "https"):
        if _looks_like_http(scheme):
            return LinkStatus.INVALID, f"misspelt scheme {scheme!r}"
        return LinkStatus.UNSUPPORTED, f"{scheme}: links are not checked"
    host = parts.hostname or ""
    if not host or any(c.isspace() for c in url) or not re.fullmatch(r"[\w.\-\[\]:%]+", host) or ".." in host:
        return LinkStatus.INVALID, "no valid host name"
    try:
        parts.port
    except ValueError:
        return LinkStatus.INVALID, "bad port number"
    if ":" in host:  # only an IPv6 literal, [2001:db8::1], has colons in its host
        return None if _ipv6(host) else (LinkStatus.INVALID, f"{host!r} is not an IPv6 address")
    if "." not in host and host != "localhost":
        return LinkStatus.INVALID, f"host {host!r} has no domain"
    return None


def _ipv6(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.IPv6Address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def _looks_like_http(scheme: str) -> bool:
    """``htps``, ``htp``, ``hhttp``: a typo, not another protocol."""
    from difflib import SequenceMatcher

    return any(SequenceMatcher(None, scheme, s).ratio() >= 0.75 for s in ("http", "https"))


# --- one URL ---------------------------------------------------------------------------


class Answer:
    """One HTTP exchange, body capped, connection released."""

    def __init__(self, status: int, headers: Any, body: bytes, url: str) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url

    @property
    def content_type(self) -> str:
        return str(self.headers.get("Content-Type", ""))


class Fetcher:
    """One pooled session and the limits, deadlines and retries every request keeps to."""

    def __init__(self, options: CheckOptions | None = None, session: Any = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options or CheckOptions()
        self._session = session
        self._session_lock = threading.Lock()
        self._no_head: set[str] = set()
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._proxied: dict[tuple[str, str], bool] = {}
        self._robot_shy: set[str] = set()
        """Hosts that refused our User-Agent and served a browser's: asked as a browser."""
        self._answered: dict[str, float] = {}
        """Per host, when it last answered anything: tells a slow page from a slow network."""
        self._sleep = sleep
        # The global limit counts requests in flight, not URLs being worked on: a worker
        # waiting out a Retry-After or a backoff holds no connection and no slot.
        self._in_flight = threading.BoundedSemaphore(self.options.max_concurrency)
        self.network_seen = False
        """A public host (or the user's proxy) answered some request: the network works,
        so a failure to resolve or reach another host is evidence (``links.network``)."""

    @property
    def session(self) -> Any:
        with self._session_lock:
            if self._session is None:
                from footnote_kit.links.transport import new_session

                size = max(self.options.max_concurrency, 4)
                self._session = new_session(pool_connections=size, pool_maxsize=max(self.options.per_host, 2) * 2)
            return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def _refusal(self, url: str) -> str | None:
        """Why ``url``'s host must not be asked (a private address), before any request."""
        if self.options.allow_private:
            return None
        from footnote_kit.links.transport import proxied, target_refusal

        host = _host(url)
        key = (url.split(":", 1)[0].lower(), host)
        through = self._proxied.get(key)
        if through is None:  # the environment's proxies do not change during a run
            through = self._proxied[key] = proxied(self.session, url)
        return target_refusal(host, allow_private=False, through_proxy=through, seconds=self.options.connect_timeout)

    def _fetch_with_retries(self, url: str, ua: str) -> tuple[Answer | None, tuple[LinkStatus, str] | None]:
        """One request with the retry policy: 5xx/timeouts back off, 429 waits (capped)."""
        import requests

        from footnote_kit.links.transport import Refused

        opts = self.options
        tries = timeouts = limited = 0
        delay = opts.backoff
        while True:
            try:
                sent = time.monotonic()
                ans = self._fetch(url, ua)
                self._answered[_host(url)] = time.monotonic()
            except Refused as err:
                from footnote_kit.links.addresses import refusal_detail

                return None, (LinkStatus.EXCLUDED, refusal_detail(err.why))
            except requests.exceptions.Timeout as err:
                connect = isinstance(err, requests.exceptions.ConnectTimeout)
                what = f"no connection after {opts.connect_timeout:g} s" if connect else f"no complete answer within {opts.read_timeout:g} s"
                verdict = (LinkStatus.TIMEOUT, what)
                if timeouts >= opts.timeout_retries:
                    return None, verdict
                if not connect and self._answered.get(_host(url), 0.0) > sent:
                    # The host answered other pages while this one hung: the page is slow,
                    # not the network, and a retry would only wait a full timeout again.
                    return None, (verdict[0], verdict[1] + " (the host answers other pages)")
                timeouts += 1
            except requests.exceptions.TooManyRedirects:
                return None, (LinkStatus.ERROR, "too many redirects")
            except requests.exceptions.ProxyError as err:
                return None, (LinkStatus.ERROR, f"the proxy refused: {_short(err)}")
            except requests.exceptions.SSLError as err:
                return None, (LinkStatus.ERROR, f"TLS error: {_short(err)}")
            except requests.exceptions.ConnectionError as err:
                if _no_such_host(err):
                    return None, (LinkStatus.DEAD, DNS_DEAD)
                if tries >= opts.retries:
                    return None, (LinkStatus.ERROR, f"connection failed: {_short(err)}")
                tries += 1
            except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema) as err:
                return None, (LinkStatus.INVALID, _short(err))
            except requests.RequestException as err:
                if tries >= opts.retries:
                    return None, (LinkStatus.ERROR, _short(err))
                tries += 1
            else:
                if ans.status == 429:
                    wait = retry_after(ans.headers.get("Retry-After"), delay)
                    if wait > opts.retry_after_cap or limited >= opts.rate_limit_retries:
                        return ans, None  # rate limited on every try: blocked
                    limited += 1
                    self._sleep(wait)
                    continue
                if ans.status not in _RETRY_STATUSES or tries >= opts.retries:
                    return ans, None
                tries += 1
                if ans.headers.get("Retry-After"):
                    self._sleep(min(retry_after(ans.headers.get("Retry-After"), delay), opts.retry_after_cap))
                    delay *= 2
                    continue
            self._sleep(delay)
            delay *= 2

    def _fetch(self, url: str, ua: str) -> Answer:
        """HEAD (files, hosts that honour it) or a capped streamed GET, in a slot of its host
        and a global one.

        The scheduler (``check_many``) already gives each host at most ``per_host`` URLs at
        a time; this limit holds for every request besides: a redirect to another host,
        a retry, the home page asked about a redirect, a repair probe made while a check
        runs. A request waits for its host's slot before taking a global one, so a worker
        held by a busy host never holds a global slot.
        """
        import requests

        with self._host_slot(_host(url)):
            try:
                with self._in_flight:
                    return self._fetch_now(url, ua)
            except requests.exceptions.Timeout:
                # We gave up on the request, but the server may still be working on it
                # until it notices the closed connection: its slot stays taken a moment
                # longer, so that the host never sees more than ``per_host`` at once.
                time.sleep(ABANDON_GRACE)
                raise

    def _host_slot(self, host: str) -> threading.BoundedSemaphore:
        with self._session_lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(max(1, self.options.per_host))
            return slot

    def _fetch_now(self, url: str, ua: str) -> Answer:
        from footnote_kit.links.transport import ACCEPT_ENCODING, read_body

        opts = self.options
        host = _host(url)
        headers = {
            "User-Agent": ua, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Language": "en;q=0.9,*;q=0.5", "Accept-Encoding": ACCEPT_ENCODING,
        }
        timeout = (opts.connect_timeout, opts.read_timeout)
        if _FILE_SUFFIX.search(urlsplit(url).path) and host not in self._no_head:
            with self._bounded() as reach:
                resp = self._send(reach, "HEAD", url, headers, timeout)
                resp.close()
            if resp.status_code < 400 and resp.status_code not in (204,):
                return Answer(resp.status_code, resp.headers, b"", url)
            if resp.status_code in _HEAD_REFUSED:
                self._no_head.add(host)  # unreliable here: GET from now on
        with self._bounded() as reach:
            resp = self._send(reach, "GET", url, headers, timeout)
            try:
                body = b""
                if resp.status_code < 300 or resp.status_code in (401, 403, 429, 451, 503):
                    body = read_body(resp, opts.body_cap)
                return Answer(resp.status_code, resp.headers, body, url)
            finally:
                resp.close()  # closes the connection if the body was not read to the end

    def _bounded(self) -> Any:
        """One request's wall-clock deadline (``--timeout``) and reach rule (``--allow-private``)."""
        from footnote_kit.links.transport import bounded

        return bounded(self.options.read_timeout, allow_private=self.options.allow_private)

    def _send(self, reach: Any, method: str, url: str, headers: dict[str, str], timeout: tuple[float, float]) -> Any:
        """One request under ``reach``; a deadline that ended it is a timeout, whatever broke."""
        import requests

        try:
            resp = self.session.request(method, url, headers=headers, timeout=timeout, allow_redirects=False, stream=True)
        except requests.exceptions.Timeout:
            raise
        except requests.RequestException as err:
            if reach.expired:
                raise requests.exceptions.ReadTimeout(f"no complete answer within {self.options.read_timeout:g} s") from err
            raise
        if reach.public:
            self.network_seen = True
        return resp


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait per ``Retry-After`` (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def _no_such_host(err: BaseException) -> bool:
    """True when DNS says the name does not exist (not when DNS is merely unreachable)."""
    import socket  # here: the hook's warm path never needs it

    seen: set[int] = set()
    todo: list[Any] = [err]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, socket.gaierror):
            return e.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5))
        todo.extend([getattr(e, "reason", None), e.__cause__, e.__context__])
        todo.extend(a for a in getattr(e, "args", ()) if isinstance(a, BaseException))
    return False


def _short(err: BaseException) -> str:
    text = str(err)
    m = re.search(r"\(Caused by (\w+)\((?:.*?: )?(.*?)\)+$", text)
    if m:
        text = f"{m.group(1)}: {m.group(2)}"
    return text[:160]


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


