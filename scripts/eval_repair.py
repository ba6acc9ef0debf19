"""How well URL repair does on the bundled sample, against a fake archive on 127.0.0.1.

The true URLs of the sample's notes were established by hand
(``tests/data/repair/central-asia-true-urls.json``). The fake archive holds captures of
the true URLs only, as the real one would for pages that existed. Prints:

- ranked-first accuracy: damaged URLs whose first candidate is the true URL;
- in the candidates: damaged URLs whose true URL is among the candidates at all;
- evidenced repairs: damaged URLs repaired to the true URL with archive evidence;
- false repairs: URLs given an evidenced repair that is not their true URL (damaged or not);
- suggestions on intact URLs: intact URLs that still got candidates (shown, never applied).

Two paths are measured: ``fix --repair`` (the library under it, reading the text file) and
``footnote-kit check --repair --format json`` run as a user would, with every printed URL
taken as dead (from a prepared link cache) and every request to a host other than
127.0.0.1 sent to a proxy that is not there, so nothing leaves the machine.

Usage: python scripts/eval_repair.py [--verbose]
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from linkserver import LinkServer  # noqa: E402

from footnote_kit.links.archive import Wayback  # noqa: E402
from footnote_kit.links.fixfile import plan_fixes, read_for_fix  # noqa: E402
from footnote_kit.links.repair import archive_probe, candidates  # noqa: E402
from footnote_kit.links.fixfile import cited_in_text  # noqa: E402


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    truth = {u["printed"]: u["true"] for u in json.loads((ROOT / "tests/data/repair/central-asia-true-urls.json").read_text())["urls"]}
    sample = ROOT / "examples" / "central-asia-notes.txt"
    text = read_for_fix(sample)

    found = cited_in_text(text)
    urls = list(dict.fromkeys(c.url for _s, c in found))
    vocabulary = [text]
    first = listed = 0
    intact_suggested = 0
    timed = time.monotonic()
    for _span, cited in {c.url: (s, c) for s, c in found}.values():
        cands = candidates(cited.url, title=cited.title, sibling_urls=urls, words=vocabulary, breaks=cited.breaks)
        true = truth[cited.url]
        if true == cited.url:
            intact_suggested += bool(cands)
            continue
        first += bool(cands) and cands[0] == true
        listed += true in cands
        if verbose and (not cands or cands[0] != true):
            print(f"  not first: {cited.url}\n      true: {true}\n     cands: {cands[:3]}", file=sys.stderr)

    per_url_ms = (time.monotonic() - timed) * 1000 / max(1, len(urls))
    server = LinkServer().start()
    try:
        for true in set(truth.values()):
            server.archive[true] = [("20201201000000", 200)]
        wayback = Wayback(base_url=server.base)
        started = time.monotonic()
        plan = plan_fixes(text, path=str(sample), archive=archive_probe(wayback))
        elapsed = time.monotonic() - started
        asked = server.archive_hits

        check = _check_repair(sample, truth, server)
    finally:
        server.stop()

    damaged = {p for p, t in truth.items() if p != t}
    good = {e.old for e in plan.edits if truth.get(e.old) == e.new}
    false = [(e.old, e.new) for e in plan.edits if truth.get(e.old) != e.new]
    print(f"URLs in the sample's notes:     {len(truth)} distinct, {len(damaged)} damaged (hand-checked)")
    print(f"ranked-first accuracy:          {first}/{len(damaged)}")
    print(f"true URL among the candidates:  {listed}/{len(damaged)}")
    print(f"evidenced repairs (archive):    {len(good & damaged)}/{len(damaged)}")
    print(f"false repairs:                  {len(false)}")
    print(f"suggestions on intact URLs:     {intact_suggested}/{len(truth) - len(damaged)} (never applied)")
    print(f"edits in the file:              {len(plan.edits)} (duplicate citations included)")
    print(f"candidates (no network):        {per_url_ms:.0f} ms per URL")
    print(f"archive requests:               {asked} in {elapsed:.2f} s")
    for old, new in false:
        print(f"  FALSE {old}\n     -> {new}")
    print()
    print("footnote-kit check --repair (every printed URL taken as dead):")
    print(f"  damaged URLs as check sees them:  {check['damaged']} (the parser already mends a space inside)")
    print(f"  true URL with archive evidence:   {check['right']}/{check['damaged']}")
    print(f"  false repairs (any URL):          {len(check['wrong'])}")
    print(f"  intact URLs given a repair:       {check['intact_repaired']}/{check['intact']}")
    print(f"  wall time:                        {check['seconds']:.1f} s")
    for url in check["wrong"]:
        print(f"  FALSE {url}")
    return 0 if not false and not check["wrong"] else 1


def _check_repair(sample: Path, truth: dict[str, str], server: LinkServer) -> dict[str, object]:
    from footnote_kit.links.cache import LinkCache
    from footnote_kit.links.collect import collect
    from footnote_kit.links.http import Verdict
    from footnote_kit.model import LinkStatus

    seen = {p.replace(" ", ""): t for p, t in truth.items()}
    with tempfile.TemporaryDirectory() as tmp:
        cache_path = os.path.join(tmp, "links.sqlite3")
        cache = LinkCache(cache_path)
        for ref in collect([str(sample)]):
            cache.put(Verdict(ref.url, LinkStatus.DEAD, 404, detail="HTTP 404"))
        cache.close()
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            nowhere = f"http://127.0.0.1:{sock.getsockname()[1]}"
        env = dict(os.environ, HTTP_PROXY=nowhere, HTTPS_PROXY=nowhere, http_proxy=nowhere, https_proxy=nowhere,
                   NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", PYTHONPATH=str(ROOT / "src"))
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-m", "footnote_kit", "check", str(sample), "--cache", cache_path, "--repair",
             "--archive-url", server.base, "--format", "json"],
            capture_output=True, text=True, env=env,
        )
        seconds = time.monotonic() - started
    results = json.loads(run.stdout)["results"]
    evidenced = {r["url"]: r["repair"]["url"] for r in results if r.get("repair") and r["repair"]["evidence"] != "none"}
    return {
        "damaged": sum(1 for r in results if seen.get(r["url"], r["url"]) != r["url"]),
        "right": sum(1 for u, fixed in evidenced.items() if seen.get(u) == fixed != u),
        "wrong": [u for u, fixed in evidenced.items() if seen.get(u) != fixed],
        "intact": sum(1 for r in results if seen.get(r["url"]) == r["url"]),
        "intact_repaired": sum(1 for u in evidenced if seen.get(u) == u),
        "seconds": seconds,
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
