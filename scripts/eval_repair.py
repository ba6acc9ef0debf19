"""How well URL repair does on the bundled sample, against a fake archive on 127.0.0.1.

The true URLs of the sample's notes were established by hand
(``tests/data/repair/central-asia-true-urls.json``). The fake archive holds captures of
the true URLs only, as the real one would for pages that existed. Prints:

- ranked-first accuracy: damaged URLs whose first candidate is the true URL;
- in the candidates: damaged URLs whose true URL is among the candidates at all;
- evidenced repairs: damaged URLs repaired to the true URL with archive evidence;
- false repairs: URLs given an evidenced repair that is not their true URL (damaged or not);
- suggestions on intact URLs: intact URLs that still got candidates (shown, never applied).

Usage: python scripts/eval_repair.py [--verbose]
"""

from __future__ import annotations

import json
import sys
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

    server = LinkServer().start()
    try:
        for true in set(truth.values()):
            server.archive[true] = [("20201201000000", 200)]
        wayback = Wayback(base_url=server.base)
        started = time.monotonic()
        plan = plan_fixes(text, path=str(sample), archive=archive_probe(wayback))
        elapsed = time.monotonic() - started
        asked = server.archive_hits
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
    print(f"archive requests:               {asked} in {elapsed:.2f} s")
    for old, new in false:
        print(f"  FALSE {old}\n     -> {new}")
    return 0 if not false else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
