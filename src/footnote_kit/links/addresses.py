"""Which addresses ``check`` may ask: public ones, unless the user allows private ones.

Why: a cited URL comes from a document, and the document may be someone else's (a pull
request, a cloned thesis, a shared folder). Without a rule, a link to ``127.0.0.1:8080``,
``10.0.0.5`` or the cloud metadata service ``169.254.169.254`` makes ``check`` send a GET
from inside the user's network and report what answered. So loopback, private,
link-local, multicast and reserved addresses are refused unless ``--allow-private`` (or
``[check] allow-private``) says the user checks an intranet on purpose.

The rule is applied to the address actually connected to (``links.transport`` resolves
the name and connects to the address it checked, so a name that resolves to a public
address once and a private one the next time gains nothing), and to the host as written
in every URL and redirect, whatever its spelling: ``127.1``, ``0177.0.0.1``,
``0x7f.0.0.1``, ``[::ffff:127.0.0.1]``, ``user:pass@…``. Pure functions, stdlib only.
"""

from __future__ import annotations

import ipaddress
import re
import socket

PRIVATE_DETAIL = "private address"
"""The start of the ``detail`` of every refused URL (its status is ``excluded``)."""

_LOCAL_SUFFIXES = ("localhost", "local", "internal", "home.arpa")
"""Names that only ever mean a machine of the local network (``metadata.google.internal``)."""
_NUMERIC = re.compile(r"[0-9a-fA-FxX.]+")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def ip_refusal(ip: str) -> str | None:
    """Why ``ip`` must not be asked (``"loopback"``, ``"private"``...), or None when public.

    IPv6 forms that carry an IPv4 address inside (mapped, compatible, 6to4, NAT64,
    Teredo) are judged by that address: ``::ffff:127.0.0.1`` is loopback.
    """
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0].strip("[]"))
    except ValueError:
        return "not an address"
    if isinstance(addr, ipaddress.IPv6Address):
        inner = _embedded_v4(addr)
        if inner is not None:
            return ip_refusal(str(inner))
    for test, why in (
        (addr.is_loopback, "loopback"),
        (addr.is_link_local, "link-local"),
        (addr.is_multicast, "multicast"),
        (addr.is_unspecified, "unspecified"),
        (addr.is_private, "private"),
    ):
        if test:
            return why
    return None if addr.is_global else "reserved"


def _embedded_v4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    if addr.sixtofour is not None:
        return addr.sixtofour
    if addr.teredo is not None:
        return addr.teredo[1]
    if addr in _NAT64 or (int(addr) >> 32 == 0 and int(addr) > 1):  # NAT64, or IPv4-compatible ::a.b.c.d
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def literal_ip(host: str) -> str | None:
    """The address a host written as a number stands for (any spelling), else None.

    ``inet_aton`` reads what resolvers read: ``127.1``, octal ``0177.0.0.1``, hex
    ``0x7f.0.0.1`` and a bare ``2130706433`` are all 127.0.0.1.
    """
    h = host.strip().strip("[]").rstrip(".")
    try:
        return str(ipaddress.ip_address(h.split("%", 1)[0]))
    except ValueError:
        pass
    if not h or not _NUMERIC.fullmatch(h) or not any(c.isdigit() for c in h):
        return None
    try:
        return socket.inet_ntoa(socket.inet_aton(h))
    except OSError:
        return None


def host_refusal(host: str) -> str | None:
    """Why a host, as written in a URL, must not be asked; None when only DNS can tell.

    Literal addresses are judged at once; names of the local network (``localhost``,
    ``*.internal``, ``*.local``) by their suffix, since they never name a public site.
    """
    h = host.strip().lower().rstrip(".")
    ip = literal_ip(h)
    if ip is not None:
        why = ip_refusal(ip)
        return f"{why} ({ip})" if why else None
    if any(h == s or h.endswith("." + s) for s in _LOCAL_SUFFIXES):
        return f"a local network name ({h})"
    return None


def refusal_detail(why: str) -> str:
    """The ``detail`` of a refused URL: what it is and how to check it anyway."""
    return f"{PRIVATE_DETAIL}: {why}; not asked (pass --allow-private to check it)"
