"""A real HTTP server on a loopback address that serves every fault mode a link checker
meets, and a fake Wayback Machine (CDX, availability and replay APIs).

Used by the tests (through the ``linkserver`` fixture) and by ``scripts/bench_check.py``.
It never talks to the internet. Paths:

``/ok`` 200 page · ``/status/<code>`` that status · ``/flaky/<id>`` 503 once, then 200 ·
``/ratelimit/<id>?after=N`` 429 with Retry-After N once, then 200 · ``/ratelimit-forever``
always 429 · ``/chain/<n>`` n permanent redirects then ``/ok`` · ``/temp`` 302 to ``/ok`` ·
``/loop/a`` <-> ``/loop/b`` · ``/to404`` 301 to ``/status/404`` · ``/nohead`` HEAD 405, GET
200 · ``/headlies`` HEAD 404, GET 200 · ``/robots`` 403 unless the User-Agent looks like a
browser · ``/hang`` no answer for ``hang_seconds`` · ``/soft404`` 200 whose title says not
found · ``/huge`` a 1 GB body generated lazily · ``/cp1251`` a non-UTF-8 page ·
``/challenge`` a Cloudflare-style bot wall · ``/gone`` 410 · ``/slow-headers`` (also
``.pdf``) the status line one byte every 0.2 s · ``/jump?to=URL`` 302 to URL (also when
asked as a proxy) · ``/evil-location`` and ``/evil-title`` a ``Location`` header and a title
carrying terminal escape sequences · retired articles: ``/news/2019/…`` 302 to the section
``/news/``, ``/retired/…`` 301 to ``/``, ``/to-welcome/…`` 302 to ``/welcome`` (titled as the
home page); moved ones: ``/moved/<slug>`` 301 to ``/archive/<slug>``, ``/world/<slug>/amp``
301 to ``/world/<slug>``, ``/blog/2024/only-post`` 301 to ``/blog/`` (which bears its title).

Archive: ``server.archive[url] = [(timestamp, status), ...]``; ``/cdx/search/cdx``,
``/wayback/available`` and ``/web/<ts>/<url>`` answer from it. ``server.archive_down``
makes all three answer 503; ``server.archive_trouble`` makes them misbehave: ``"huge"``
(1 GB of body), ``"bomb"`` (200 MB of zeros gzipped to a few hundred KB), ``"drip"``
(headers one byte every 0.2 s), ``"redirect:URL"`` (302 to URL), ``"html"`` (a 200 HTML
error page), ``"empty"`` (a 200 with no body), ``"reorder"`` (the CDX header and columns in
another order) or ``"noheader"`` (CDX rows without the header row).
``server.archive_throttle = N`` answers the next N archive requests 429 with
``Retry-After: server.archive_retry_after``; ``archive_times`` and ``cdx_asked`` record
what the archive was asked.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PAGE = "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>{body}</p></body></html>"


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, host: str = "127.0.0.1", port: int = 0, latency: tuple[float, float] = (0.0, 0.0), hang_seconds: float = 5.0) -> None:
        super().__init__((host, port), Handler)
        self.latency = latency
        self.hang_seconds = hang_seconds
        self.hits: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self.current: list[str] = []
        self.peak: list[str] = []
        self.archive: dict[str, list[tuple[str, int]]] = {}
        self.archive_down = False
        self.archive_throttle = 0
        """The next N archive requests answer 429 with Retry-After: 0."""
        self.archive_hits = 0
        self.archive_trouble: str | None = None
        self.archive_retry_after = "0"
        """The Retry-After that ``archive_throttle``'s 429s carry."""
        self.archive_times: list[tuple[float, int]] = []
        """(time.monotonic(), HTTP status) of every archive answer, in order."""
        self.cdx_asked: Counter[str] = Counter()
        """CDX queries per URL asked about."""
        self.cdx_fields: Counter[str] = Counter()
        """CDX queries per ``fl=`` (the fields asked for)."""
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-answer (a capped body, a timeout) are normal here."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "LinkServer":
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()

    def count(self, key: str) -> int:
        with self._lock:
            self.hits[key] += 1
            return self.hits[key]


def _browser(ua: str) -> bool:
    return "Mozilla/" in ua and "bot" not in ua.lower()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LinkServer
    # Headers and body go out in two writes: with Nagle's algorithm on, the body waits for
    # the client's delayed ACK of the headers (40 ms on Linux), a stall that is this
    # server's, not the network's, and that no checker could avoid.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_CONNECT(self) -> None:
        """As an HTTPS proxy we refuse every tunnel: tests must never reach the internet."""
        self.server.count("CONNECT")
        self._send(403, b"no tunnels here")

    # -- helpers ------------------------------------------------------------------------

    def _send(self, code: int, body: bytes = b"", headers: dict[str, str] | None = None, head: bool = False, ctype: str = "text/html; charset=utf-8") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        # The whole answer in one write, and the request counted as done before it: once
        # the client can read the answer, the server's work is over, and a count still
        # held while this thread waits for its turn would show a request in flight that
        # no longer is.
        self._headers_buffer.append(b"\r\n")
        answer = b"".join(self._headers_buffer) + (b"" if head else body)
        self._headers_buffer = []
        self._finished()
        self.wfile.write(answer)

    def _finished(self) -> None:
        """This request no longer counts as in flight (once only)."""
        srv = self.server
        if getattr(self, "_counted", False):
            with srv._lock:
                srv.in_flight -= 1
                srv.current.remove(f"{self.command} {self.path}")
            self._counted = False

    def _page(self, code: int, title: str, head: bool, headers: dict[str, str] | None = None, body: str = "Some text.") -> None:
        self._send(code, PAGE.format(title=title, body=body).encode(), headers, head)

    def _serve(self, head: bool) -> None:
        srv = self.server
        if self.path.startswith("/_stats"):
            body = json.dumps({"max_in_flight": srv.max_in_flight, "peak": srv.peak, "hits": sum(srv.hits.values())}).encode()
            return self._send(200, body, head=head, ctype="application/json")
        if self.path.startswith("/_reset"):
            with srv._lock:
                srv.max_in_flight, srv.peak = srv.in_flight, []
                srv.hits.clear()
            return self._send(200, b"{}", head=head, ctype="application/json")
        with srv._lock:
            srv.in_flight += 1
            srv.current.append(f"{self.command} {self.path}")
            if srv.in_flight > srv.max_in_flight:
                srv.max_in_flight, srv.peak = srv.in_flight, list(srv.current)
            self._counted = True
        try:
            lo, hi = srv.latency
            if hi > 0:
                time.sleep(random.uniform(lo, hi))
            self._route(head)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self._finished()

    def _route(self, head: bool) -> None:
        srv = self.server
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        ua = self.headers.get("User-Agent", "")
        srv.count(path)
        if path.startswith(("/cdx/", "/wayback/", "/web/")):
            return self._archive(path, query, head)
        if path.startswith("/ok") or path.startswith("/page/"):
            return self._page(200, "A fine article", head)
        if path.startswith("/status/"):
            code = int(path.split("/")[2])
            return self._page(code, f"Status {code}", head)
        if path == "/gone":
            return self._page(410, "Gone", head)
        if path.startswith("/flaky/"):
            if srv.count("flaky " + path) == 1:
                return self._page(503, "Service Unavailable", head)
            return self._page(200, "Back again", head)
        if path.startswith("/ratelimit/"):
            after = query.get("after", ["1"])[0]
            if srv.count("rl " + path) == 1:
                return self._page(429, "Too Many Requests", head, {"Retry-After": after})
            return self._page(200, "Patience rewarded", head)
        if path == "/ratelimit-forever":
            return self._page(429, "Too Many Requests", head, {"Retry-After": "1"})
        if path.startswith("/chain/"):
            n = int(path.split("/")[2])
            return self._send(301, b"", {"Location": f"/chain/{n - 1}" if n > 1 else "/ok"}, head)
        if path == "/gzip-404":
            import gzip

            body = gzip.compress(PAGE.format(title="Page not found", body="gone").encode())
            return self._send(200, body, {"Content-Encoding": "gzip"}, head)
        if path == "/cookie":
            if "consent=1" not in self.headers.get("Cookie", ""):
                return self._send(302, b"", {"Location": "/cookie", "Set-Cookie": "consent=1; Path=/"}, head)
            return self._page(200, "Thanks for consenting", head)
        if path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(100):
                if self.server.stopping.wait(0.05):
                    break
                self.wfile.write(b"x")
                self.wfile.flush()
            return None
        if path.startswith("/slow-headers"):
            return self._slow_headers()
        if path == "/jump":
            return self._send(302, b"", {"Location": query.get("to", ["/ok"])[0]}, head)
        if path == "/evil-location":
            return self._send(302, b"", {"Location": "/gone?\x1b]0;pwned\x07\x1b[2J"}, head)
        if path == "/evil-title":
            return self._page(200, "Page not found \x1b]0;pwned\x07\x1b[2J", head)
        if path == "/temp":
            return self._send(302, b"", {"Location": "/ok?from=temp"}, head)
        if path == "/loop/a":
            return self._send(301, b"", {"Location": "/loop/b"}, head)
        if path == "/loop/b":
            return self._send(301, b"", {"Location": "/loop/a"}, head)
        if path == "/to404":
            return self._send(301, b"", {"Location": "/status/404"}, head)
        if path.startswith("/nohead"):
            if head:
                return self._send(405, b"", {"Allow": "GET"}, head)
            return self._page(200, "GET only", head)
        if path.startswith("/headlies"):
            if head:
                return self._send(404, b"", {}, head)
            return self._page(200, "HEAD lies", head)
        if path == "/robots":
            if not _browser(ua):
                return self._page(403, "Forbidden", head)
            return self._page(200, "Browsers welcome", head)
        if path.startswith("/hang"):
            if self._client_left_within(srv.hang_seconds):
                return None  # the client gave up: so is this request no longer in flight
            return self._page(200, "Finally", head)
        if path.startswith("/soft404"):
            return self._page(200, "Page not found | Daily News", head, body="Sorry, we could not find that page.")
        if path == "/huge":
            return self._huge(head)
        if path == "/cp1251":
            body = "<html><head><meta charset='windows-1251'><title>Новости</title></head><body>Привет</body></html>"
            return self._send(200, body.encode("cp1251"), head=head, ctype="text/html; charset=windows-1251")
        if path == "/cp1251-404":
            body = "<html><head><meta charset='windows-1251'><title>Страница не найдена</title></head><body>Увы</body></html>"
            return self._send(200, body.encode("cp1251"), head=head, ctype="text/html; charset=windows-1251")
        if path.startswith("/news/2019/"):  # a retired article sent to its section
            return self._send(302, b"", {"Location": "/news/"}, head)
        if path == "/news/":
            return self._page(200, "News | Daily Example", head)
        if path.startswith("/retired/"):
            return self._send(301, b"", {"Location": "/"}, head)
        if path.startswith("/to-welcome/"):
            return self._send(302, b"", {"Location": "/welcome"}, head)
        if path == "/welcome":
            return self._page(200, "Front page", head)  # the home page's own title
        if path.startswith("/moved/"):
            return self._send(301, b"", {"Location": "/archive/" + path.split("/", 2)[2]}, head)
        if path.startswith("/archive/"):
            return self._page(200, "A fine article", head)
        if path.startswith("/world/") and path.endswith("/amp"):
            return self._send(301, b"", {"Location": path[: -len("/amp")]}, head)
        if path.startswith("/world/"):
            return self._page(200, "A fine article", head)
        if path == "/blog/2024/only-post":
            return self._send(301, b"", {"Location": "/blog/"}, head)
        if path == "/blog/":
            return self._page(200, "Only post of the year | Blog", head)
        if path == "/home-redirect/article-123":
            return self._send(301, b"", {"Location": "/"}, head)
        if path == "/":
            return self._page(200, "Front page", head)
        if path in ("/en", "/index.html"):
            return self._send(301, b"", {"Location": "/"}, head)
        if path == "/moved-to-error":
            return self._send(302, b"", {"Location": "/errors/404.html"}, head)
        if path == "/errors/404.html":
            return self._page(200, "Example News", head)
        if path == "/challenge":
            body = "<html><head><title>Just a moment...</title></head><body>Checking your browser before accessing. cf-chl</body></html>"
            return self._send(403, body.encode(), {"Server": "cloudflare", "cf-mitigated": "challenge"}, head)
        if path == "/challenge200":
            body = "<html><head><title>Just a moment...</title></head><body><div id='challenge-platform'>Enable JavaScript and cookies to continue</div></body></html>"
            return self._send(200, body.encode(), {"Server": "cloudflare"}, head)
        return self._page(404, "Not Found", head)

    def _slow_headers(self) -> None:
        """A status line that never ends: one byte every 0.2 s for up to 60 s."""
        line = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 400
        for byte in line:
            if self.server.stopping.wait(0.2):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                self.close_connection = True
                return
        self.close_connection = True

    def _client_left_within(self, seconds: float) -> bool:
        """Wait up to ``seconds``; True as soon as the client closes the connection."""
        import select
        import socket

        end = time.monotonic() + seconds
        while not self.server.stopping.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return False
            readable, _, _ = select.select([self.connection], [], [], min(left, 0.05))
            if readable:
                try:
                    if self.connection.recv(1, socket.MSG_PEEK) == b"":
                        self.close_connection = True
                        return True
                except OSError:
                    self.close_connection = True
                    return True
        return False

    def _huge(self, head: bool) -> None:
        size = 1 << 30
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if head:
            return
        chunk = (b"<html><head><title>Big</title></head><body>" + b"x" * 65536)[:65536]
        sent = 0
        try:
            while sent < size and not self.server.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
        finally:
            self.server.count("huge bytes sent: %d" % sent)

    # -- fake Wayback Machine -----------------------------------------------------------

    def _archive(self, path: str, query: dict[str, list[str]], head: bool) -> None:
        srv = self.server
        with srv._lock:
            srv.archive_hits += 1
        if srv.archive_down:
            return self._page(503, "Archive down", head)
        trouble = srv.archive_trouble or ""
        if trouble == "huge":
            return self._huge(head)
        if trouble == "drip":
            return self._slow_headers()
        if trouble == "bomb":
            return self._send(200, _bomb(), {"Content-Encoding": "gzip"}, head, ctype="application/json")
        if trouble.startswith("redirect:"):
            return self._send(302, b"", {"Location": trouble.split(":", 1)[1]}, head)
        if srv.archive_throttle > 0:
            with srv._lock:
                srv.archive_throttle -= 1
                srv.archive_times.append((time.monotonic(), 429))
            return self._page(429, "Slow down", head, {"Retry-After": srv.archive_retry_after})
        with srv._lock:
            srv.archive_times.append((time.monotonic(), 200))
        if path == "/cdx/search/cdx":
            with srv._lock:
                srv.cdx_asked[query.get("url", [""])[0]] += 1
                srv.cdx_fields[query.get("fl", [""])[0]] += 1
        if trouble == "html":
            return self._page(200, "Wayback Machine is down for maintenance", head)
        if trouble == "empty":
            return self._send(200, b"", head=head, ctype="application/json")
        if path == "/cdx/search/cdx":
            url = query.get("url", [""])[0]
            caps = list(srv.archive.get(url, []))
            flt = query.get("filter", [""])[0]
            if flt.startswith("statuscode:"):
                import re

                caps = [c for c in caps if re.fullmatch(flt.split(":", 1)[1], str(c[1]))]
            closest = query.get("closest", [""])[0]
            if closest and query.get("sort", [""])[0] == "closest":
                caps.sort(key=lambda c: abs(_ts(c[0]) - _ts(closest)))
            else:
                caps.sort()
            caps = caps[: int(query.get("limit", ["1000"])[0])]
            rows: list[list[str]] = [["timestamp", "original", "statuscode"]] + [[t, url, str(s)] for t, s in caps] if caps else []
            if rows and trouble == "reorder":  # the same answer, its columns in another order
                rows = [[r[2], r[0], r[1]] for r in rows]
            if rows and trouble == "noheader":
                rows = rows[1:]
            return self._send(200, json.dumps(rows).encode(), head=head, ctype="application/json")
        if path == "/wayback/available":
            url = query.get("url", [""])[0]
            ts = query.get("timestamp", ["20250101"])[0]
            caps = sorted(srv.archive.get(url, []), key=lambda c: abs(_ts(c[0]) - _ts(ts)))
            snaps: dict[str, Any] = {}
            if caps:
                t, s = caps[0]
                snaps = {"closest": {"available": True, "url": f"{srv.base}/web/{t}/{url}", "timestamp": t, "status": str(s)}}
            return self._send(200, json.dumps({"url": url, "archived_snapshots": snaps}).encode(), head=head, ctype="application/json")
        # /web/<ts>/<url>
        rest = self.path[len("/web/") :]
        ts, _, url = rest.partition("/")
        caps = srv.archive.get(url, [])
        if not caps:
            return self._page(404, "Not archived", head)
        t, _s = min(caps, key=lambda c: abs(_ts(c[0]) - _ts(ts)))
        if t != ts:
            return self._send(302, b"", {"Location": f"/web/{t}/{url}"}, head)
        return self._page(200, "Archived copy", head)


_BOMB: list[bytes] = []


def _bomb() -> bytes:
    """200 MB of zeros, gzipped (made once, a few hundred KB)."""
    if not _BOMB:
        import zlib

        z = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        block = bytes(1 << 20)
        _BOMB.append(b"".join(z.compress(block) for _ in range(200)) + z.flush())
    return _BOMB[0]


def _ts(stamp: str) -> float:
    stamp = (stamp + "00000000000000")[:14]
    try:
        return datetime.strptime(stamp, "%Y%m%d%H%M%S").timestamp()
    except ValueError:
        return 0.0
