"""The network layer under ``check``, URL repair and the archive client: bounded in time,
in size and in reach.

Why each bound:

- **Time.** ``requests`` timeouts apply to each socket operation, so a server that sends
  one header byte a second never times out and holds a check (or a commit) without end.
  Every request here runs under one wall-clock deadline (``bounded``): a single reaper
  thread shuts down the request's sockets when the deadline passes, which ends a blocked
  connect or read at once. Name resolution runs under the same deadline.
- **Reach.** Connections resolve the host themselves, judge every address with
  ``links.addresses`` and connect to an address they judged, so neither a name that
  resolves to ``127.0.0.1`` nor one whose answer changes between two lookups (DNS
  rebinding) reaches a private address unless the caller allows it. Connections to a
  proxy the user configured are the user's own choice and are not judged.
- **Size.** Bodies are read raw and decompressed with a bound (``read_body``), so a
  gzip bomb costs at most the cap, never the gigabytes it expands to.

The connection also tells whether the address that answered was public: a run has seen
the network work only when a public host answered (``links.network``).

Imported only on the cold path (it imports ``requests``): the pre-commit hook's warm path
never loads it.
"""

from __future__ import annotations

import heapq
import itertools
import os
import socket
import threading
import time
import zlib
from contextlib import contextmanager
from typing import Any, Iterator

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util import connection as _connection

from footnote_kit.links.addresses import host_refusal, ip_refusal, literal_ip

ACCEPT_ENCODING = "gzip, deflate"
"""The encodings ``read_body`` can decompress with a bound; servers are asked for these only."""


class Refused(Exception):
    """The host resolves only to addresses the caller did not allow (loopback, private...).

    Not an ``OSError`` on purpose: urllib3 and requests let it through unwrapped, so the
    checker can tell it from a network failure.
    """

    def __init__(self, host: str, why: str) -> None:
        super().__init__(f"{host}: {why}")
        self.host = host
        self.why = why


class Reach:
    """One request's bounds and what its connection learnt; see ``bounded``."""

    def __init__(self, seconds: float, allow_private: bool) -> None:
        self.deadline = time.monotonic() + max(0.0, seconds)
        self.seconds = seconds
        self.allow_private = allow_private
        self.expired = False
        """The deadline passed while the request was running: its sockets were shut down."""
        self.public = False
        """The connection went to a public address (or through the user's proxy)."""
        self.done = False
        self._sockets: list[socket.socket] = []

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def attach(self, sock: socket.socket | None) -> None:
        """Shut ``sock`` down if the deadline passes while this request runs."""
        if sock is None:
            return
        with _REAPER.lock:
            if self.expired:
                _shut(sock)
            else:
                self._sockets.append(sock)

    def _expire(self) -> None:
        """Called by the reaper, under its lock."""
        if self.done:
            return
        self.expired = True
        for sock in self._sockets:
            _shut(sock)
        self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Reaper:
    """One daemon thread that ends every request still running at its deadline."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._wake = threading.Condition(self.lock)
        self._heap: list[tuple[float, int, Reach]] = []
        self._seq = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, reach: Reach) -> None:
        with self.lock:
            heapq.heappush(self._heap, (reach.deadline, next(self._seq), reach))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True, name="fk-deadlines")
                self._thread.start()
            self._wake.notify()

    def finish(self, reach: Reach) -> None:
        with self.lock:
            reach.done = True
            reach._sockets.clear()

    def _run(self) -> None:
        with self.lock:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._wake.wait()
                    continue
                wait = self._heap[0][0] - time.monotonic()
                if wait > 0:
                    self._wake.wait(wait)
                    continue
                heapq.heappop(self._heap)[2]._expire()


_REAPER = _Reaper()
_local = threading.local()


@contextmanager
def bounded(seconds: float, *, allow_private: bool = False) -> Iterator[Reach]:
    """Run the requests made in this block (in this thread) under one deadline and reach rule.

    On leaving, the deadline no longer applies (a connection returned to the pool is
    never shut down later). ``reach.expired`` tells whether the deadline ended the block's
    request: the caller then reports a timeout whatever exception the shut socket raised.
    """
    reach = Reach(seconds, allow_private)
    previous = getattr(_local, "reach", None)
    _local.reach = reach
    _REAPER.add(reach)
    try:
        yield reach
    finally:
        _REAPER.finish(reach)
        _local.reach = previous


def current() -> Reach | None:
    reach: Reach | None = getattr(_local, "reach", None)
    return reach


def resolve(host: str, port: int, seconds: float) -> list[str]:
    """The addresses of ``host``, in the resolver's order, within ``seconds``.

    ``getaddrinfo`` cannot be interrupted, so it runs in a daemon thread that is left
    to finish on its own when the deadline passes (``TimeoutError``).
    """
    name = host.strip("[]")
    literal = literal_ip(name)
    if literal is not None:
        return [literal]
    box: dict[str, Any] = {}
    ready = threading.Event()

    def run() -> None:
        try:
            box["found"] = socket.getaddrinfo(name, port, 0, socket.SOCK_STREAM)
        except BaseException as err:  # noqa: BLE001 - handed to the waiting thread
            box["error"] = err
        ready.set()

    threading.Thread(target=run, daemon=True, name="fk-resolve").start()
    if not ready.wait(max(0.0, seconds)):
        raise TimeoutError(f"resolving {name} took longer than {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return list(dict.fromkeys(str(info[4][0]) for info in box["found"]))


class _Guarded:
    """Mixed into urllib3's connections: resolve, judge, connect, and obey the deadline."""

    _dns_host: str
    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any
    proxy: Any
    sock: Any
    _fk_public = False

    def _new_conn(self) -> socket.socket:
        reach = current()
        if reach is None:
            return super()._new_conn()  # type: ignore[misc, no-any-return]
        if self.proxy is not None:
            sock: socket.socket = super()._new_conn()  # type: ignore[misc]
            self._fk_public = reach.public = True
            reach.attach(sock)
            return sock
        try:
            addresses = resolve(self._dns_host, self.port, min(reach.remaining(), _seconds(self.timeout)))
        except socket.gaierror as err:
            raise NameResolutionError(self.host, self, err) from err  # type: ignore[arg-type]
        except TimeoutError as err:
            raise ConnectTimeoutError(self, f"resolving {self.host} timed out") from err
        allowed = addresses if reach.allow_private else [a for a in addresses if ip_refusal(a) is None]
        if not allowed:
            first = addresses[0] if addresses else "?"
            raise Refused(self.host, f"{ip_refusal(first)} ({first})")
        error: OSError | None = None
        for address in allowed:
            try:
                sock = _connection.create_connection(
                    (address, self.port), self.timeout, source_address=self.source_address, socket_options=self.socket_options
                )
            except socket.timeout as err:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out. (connect timeout={self.timeout})") from err
            except OSError as err:
                error = err
                continue
            self._fk_public = ip_refusal(address) is None
            reach.public = self._fk_public
            reach.attach(sock)
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {error}")  # type: ignore[arg-type]

    def request(self, *args: Any, **kwargs: Any) -> Any:
        reach = current()
        if reach is not None and self.sock is not None:  # a pooled connection, used again
            reach.public = self._fk_public
            reach.attach(self.sock)
        return super().request(*args, **kwargs)  # type: ignore[misc]


def _seconds(timeout: Any) -> float:
    value = timeout if isinstance(timeout, (int, float)) else getattr(timeout, "connect_timeout", None)
    return float(value) if isinstance(value, (int, float)) else 30.0


class _HTTPConnection(_Guarded, HTTPConnection):
    pass


class _HTTPSConnection(_Guarded, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOLS
        return manager


class _Session(requests.Session):
    """A session that reads the environment once, not on every request.

    ``requests`` looks up the proxy variables, ``NO_PROXY`` and ``~/.netrc`` for every
    request it sends (several ``stat`` calls and an environment scan each): a tenth of a
    check's CPU. Here the proxies are looked up once per scheme and host, the CA bundle
    variables once, and ``.netrc`` never: a link checker has no business sending a user's
    stored passwords to the sites a document cites.
    """

    def __init__(self) -> None:
        super().__init__()
        self.trust_env = False
        self.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
        self._env_proxies: dict[tuple[str, str], dict[str, str]] = {}

    def proxies_for(self, url: str) -> dict[str, str]:
        """The environment's proxies for ``url`` (none when ``NO_PROXY`` names its host)."""
        from urllib.parse import urlsplit

        from requests.utils import get_environ_proxies

        parts = urlsplit(url)
        key = (parts.scheme.lower(), parts.netloc.lower())
        found = self._env_proxies.get(key)
        if found is None:
            found = self._env_proxies[key] = dict(get_environ_proxies(url))
        return found

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:
        text = url if isinstance(url, str) else url.decode()
        if kwargs.get("proxies") is None:
            kwargs["proxies"] = self.proxies_for(text)
        return super().request(method if isinstance(method, str) else method.decode(), text, *args, **kwargs)


def new_session(pool_connections: int = 10, pool_maxsize: int = 10) -> requests.Session:
    """A ``requests.Session`` whose connections obey ``bounded`` (no retries of its own)."""
    session = _Session()
    adapter = _Adapter(pool_connections=pool_connections, pool_maxsize=pool_maxsize, max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def proxied(session: Any, url: str) -> bool:
    """Whether ``session`` sends ``url`` through a proxy (from the environment or its own)."""
    from requests.utils import get_environ_proxies, select_proxy

    if isinstance(session, _Session):
        return bool(select_proxy(url, {**session.proxies_for(url), **session.proxies}))
    proxies = dict(getattr(session, "proxies", None) or {})
    if getattr(session, "trust_env", True):
        proxies = {**get_environ_proxies(url), **proxies}
    return bool(select_proxy(url, proxies))


def target_refusal(host: str, *, allow_private: bool, through_proxy: bool, seconds: float) -> str | None:
    """Why the host of a URL must not be asked, before any request; None to go ahead.

    Literal addresses and local names are refused at once. Through a proxy the
    connection goes to the proxy, so the name is resolved here and judged (when the
    resolver cannot say, the proxy is left to answer). Without a proxy the connection
    itself judges the addresses it connects to.
    """
    if allow_private:
        return None
    why = host_refusal(host)
    if why is not None or not through_proxy:
        return why
    try:
        found = resolve(host, 80, seconds)
    except (OSError, TimeoutError):
        return None
    bad = [(a, ip_refusal(a)) for a in found]
    if bad and all(reason for _a, reason in bad):
        return f"{bad[0][1]} ({bad[0][0]})"
    return None


def read_body(resp: Any, cap: int) -> bytes:
    """At most ``cap`` bytes of a streamed response's body, decompressed with a bound.

    Read raw and decompressed here with ``max_length``, because letting urllib3 decode
    gives no bound on what one compressed chunk expands to. A body in an encoding not
    asked for (``ACCEPT_ENCODING``) reads as empty. A body that stalls, drips or breaks
    off ends the reading, not the request: the status and headers are the answer, the
    body only refines it, so we keep what we have.
    """
    encoding = str(resp.headers.get("Content-Encoding", "")).strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        return b""
    decoder: Any = None
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    raw = resp.raw
    read1 = getattr(raw, "read1", None)
    out = bytearray()
    first = True
    try:
        while len(out) < cap:
            chunk = read1(16384, decode_content=False) if read1 else raw.read(16384, decode_content=False)
            if not chunk:
                break
            if decoder is None:
                out += chunk[: cap - len(out)]
                continue
            try:
                out += decoder.decompress(chunk, cap - len(out))
            except zlib.error:
                if not (first and encoding == "deflate"):
                    break
                decoder = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent without its zlib header
                out += decoder.decompress(chunk, cap - len(out))
            first = False
    except Exception:  # noqa: BLE001 - a broken body: judge the part we have
        pass
    return bytes(out[:cap])
