#!/usr/bin/env python
"""Rendering speed: footnote-kit's engine against citeproc-js, same inputs, same run.

1,000 sources (the render-fidelity items, varied so that no two are the same work) are
rendered in chicago-notes-bibliography and in apa: the sorted bibliography plus one note
(or in-text citation) per source, in plain text. Prints CPU time and entries per second
(CPU, the fair figure on a shared machine; wall clock in brackets), and the CPU time of
the notes alone (after the style and the bibliography), for
footnote-kit (style loading included, in a fresh process), for citeproc-js 2.4.63 (node,
installed by compare_citeproc_js.py into its scratch folder; engine creation included)
and, with --plain, for citeproc-py 0.11.1 as it is.

citeproc-js is timed three ways, so that the comparison holds against it at its fastest:
``processCitationCluster`` per note with a growing ``citationsPre`` (a word processor's
way), ``rebuildProcessorState`` (its batch call: all notes at once, positions kept) and
``makeCitationCluster`` per note (no position tracking). Each note here cites one new
source, so all three give the same citations; the script checks that they do.

usage: python scripts/bench_render.py [-n 1000] [--styles apa] [--plain] [--scratch DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare_citeproc_js as cmp  # noqa: E402

STYLES = ["chicago-notes-bibliography", "apa"]
GIVEN = ["Anna", "Boris", "Chiara", "Dmitrii", "Elif", "Farid", "Gulnara", "Hamid", "Irina", "Jonas"]
FAMILY = ["Abdullaeva", "Brown", "Chen", "Dzhumabaev", "Evans", "Fischer", "Garcia", "Horvath",
          "Ivanova", "Jensen", "Karimov", "Lopez", "Müller", "Nazarov", "Orlov", "Petrova"]


def sources(n: int) -> list[dict[str, Any]]:
    """``n`` distinct items, cycling through the kit's kinds of source."""
    base = json.loads((cmp.DATA / "items.json").read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        item = json.loads(json.dumps(base[i % len(base)]))
        item["id"] = f"bench-{i}"
        if item.get("title"):
            item["title"] = f"{item['title']} (part {i // len(base) + 1})"
        if item.get("author") and "family" in item["author"][0]:
            item["author"][0] = {"family": FAMILY[i % len(FAMILY)], "given": GIVEN[i % len(GIVEN)]}
        if item.get("issued", {}).get("date-parts"):
            item["issued"] = {"date-parts": [[2000 + i % 25] + item["issued"]["date-parts"][0][1:]]}
        out.append(item)
    return out


def child_cpu(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, stdout) of a child process. CPU time is the fair figure
    on a shared machine, where the wall clock mostly measures the other processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def run_ours(style: str, locale: str, items_path: str) -> tuple[float, float, float]:
    """A fresh process: import, load the style, the bibliography, one cite per item.
    (wall, CPU, CPU of the citations alone)."""
    code = (
        "import json, sys, time\n"
        "from footnote_kit.render.engine import CiteRef, make_processor\n"
        "items = json.load(open(sys.argv[3], encoding='utf-8'))\n"
        "p = make_processor(sys.argv[1], sys.argv[2], items)\n"
        "bib = p.bibliography('text')\n"
        "c = time.process_time()\n"
        "for n, it in enumerate(items):\n"
        "    p.cite([CiteRef(it['id'])], 'text', note_index=n + 1)\n"
        "print(time.process_time() - c)\n"
    )
    wall, cpu, out = child_cpu([sys.executable, "-c", code, style, locale, items_path])
    return wall, cpu, float(out)


def run_plain(style: str, locale: str, items: list[dict[str, Any]]) -> tuple[float, float, float | None]:
    t, c = time.perf_counter(), time.process_time()
    cmp.run_plain(style, locale, items, {}, [])
    return time.perf_counter() - t, time.process_time() - c, None


JS_MODES = {
    "incremental": "processCitationCluster per note, growing citationsPre",
    "rebuild": "rebuildProcessorState, all notes in one call",
    "cluster": "makeCitationCluster per note",
}
"""``render_js.js --cite-mode``: how citeproc-js makes the citations (see its header)."""


def run_js(node_modules: Path, style: str, locale: str, items_path: str, mode: str = "incremental") -> tuple[float, float, float, dict[str, Any]]:
    """(wall, CPU, CPU of the citations alone, citations by item id) of one node process."""
    import citeproc

    cmd = ["node", str(cmp.JS_DIR / "render_js.js"), "--style", style, "--items", items_path,
           "--locale", locale, "--locales-dir", citeproc.LOCALES_PATH, "--format", "text", "--cite-mode", mode]
    env = dict(os.environ, NODE_PATH=str(node_modules))
    wall, cpu, out = child_cpu(cmd, env)
    data = json.loads(out)
    return wall, cpu, data["timing"]["text"]["cpu_cite_s"], data["citations"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--styles", nargs="+", default=STYLES)
    ap.add_argument("--plain", action="store_true", help="also time plain citeproc-py (slow)")
    ap.add_argument("--scratch", type=Path, default=Path.home() / ".cache" / "footnote-kit-compare")
    args = ap.parse_args(argv)

    node_modules = cmp.ensure_citeproc_js(args.scratch)
    items = sources(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        items_path = os.path.join(tmp, "items.json")
        Path(items_path).write_text(json.dumps(items), encoding="utf-8")
        print(f"{args.n} sources, bibliography + one note each, plain text")
        for name in args.styles:
            path, locale = cmp.resolve(name)
            figures = {"footnote-kit": run_ours(path, locale, items_path)}
            cited = {}
            for mode, how in JS_MODES.items():
                wall, cpu, cites, cited[mode] = run_js(node_modules, path, locale, items_path, mode)
                figures[f"citeproc-js, {how}"] = (wall, cpu, cites)
            if args.plain:
                figures["citeproc-py"] = run_plain(path, locale, items)
            print(name)
            for k, (wall, cpu, cites) in figures.items():
                notes = f"; notes alone {cites:6.2f} s" if cites is not None else ""
                print(f"  {k:<66} CPU {cpu:6.2f} s = {args.n / cpu:5.0f} entries/s{notes}"
                      f"   (wall {wall:6.2f} s)")
            same = all(cited[mode] == cited["incremental"] for mode in JS_MODES)
            print(f"  citeproc-js's three ways give the same citations: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
