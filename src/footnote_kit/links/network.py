"""When a failure to reach a host says something about the link, and when only the network.

An offline laptop, a sandbox or a captive portal answers "no such name" for every host
and refuses or swallows every connection. Taken at their word, those failures would call
every cited link dead, fail the commit and stay in the cache for days. So a failure to
reach a host at all (DNS said no, no connection, no TLS, no answer) counts as evidence
about the link only once the run has seen the network work: a public host (or the
user's proxy) answered some request. A 127.0.0.1 test server answering proves nothing
about the internet. Verdicts without that proof are not verdicts: never cached, never
failing a commit, reported as not checked.

One rule, used by ``check`` and the pre-commit hook alike (``links.check.verdicts_for``).
"""

from __future__ import annotations

from typing import Iterable

from footnote_kit.model import LinkStatus, Verdict

DNS_DEAD = "the host name does not exist (DNS)"
NETWORK_DOWN = "not checked: no public host answered in this run, so the network looks down"
"""The start of the ``detail`` of a verdict that needed proof of the network and had none."""
NETWORK_NOTICE = "footnote-kit: no public host answered, so the network looks down"
"""The start of the one line that says how many links were left unchecked for that reason."""

_UNREACHED = frozenset({LinkStatus.DEAD, LinkStatus.ERROR, LinkStatus.TIMEOUT})


def needs_proof(v: Verdict) -> bool:
    """True when ``v`` rests on not reaching the host at all (no HTTP answer came back)."""
    return v.http_status is None and v.status in _UNREACHED and not (v.detail or "").startswith(NETWORK_DOWN)


def unproven(verdicts: Iterable[Verdict], network_seen: bool) -> list[Verdict]:
    """The verdicts that are not evidence about their link: those needing a proof the run lacks."""
    return [] if network_seen else [v for v in verdicts if needs_proof(v)]


def as_not_checked(v: Verdict) -> Verdict:
    """How ``check`` reports a verdict without proof: never ``dead``, the reason in ``detail``."""
    status = LinkStatus.ERROR if v.status is LinkStatus.DEAD else v.status
    return Verdict(v.url, status, None, v.final_url, v.elapsed_ms, f"{NETWORK_DOWN} ({v.detail})" if v.detail else NETWORK_DOWN)
