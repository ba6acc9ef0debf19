"""Time and peak memory of reading documents as writers have them.

    python scripts/bench_documents.py [--keep DIR]

Builds two documents and reads each in a fresh process (so peak memory is the reader's
own), first finding the notes (``notes.read_file``), then parsing them
(``parse.parse_file``):

- a PDF of about 200 pages with 800 footnotes, each citing a URL that breaks over lines,
  typeset by pdflatex with hyperref (so the PDF has one link annotation per URL piece);
  skipped with a message when pdflatex is not installed;
- a Word file with 1,000 footnotes, written as Word's XML (one run of italics and one
  hyperlink per note), which needs no tool.

Prints one line per document and step: seconds (wall clock), CPU seconds (which a
shared machine's load blurs less) and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = "policy region security energy water border trade migration reform governance institutions conflict cooperation".split()
_BREAKS = "".join(r"\do " + c for c in "abcdefghijklmnopqrstuvwxyz0123456789")


def _url(rng: random.Random, n: int) -> str:
    return f"https://www.example-news.org/{rng.choice(WORDS)}-{rng.choice(WORDS)}/{n}/article-about-{rng.choice(WORDS)}-and-{rng.choice(WORDS)}"


def make_pdf(folder: Path, pages: int = 200, per_page: int = 4) -> Path | None:
    if shutil.which("pdflatex") is None:
        return None
    rng = random.Random(1)
    out = [
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage[utf8]{inputenc}\\usepackage{lmodern}"
        "\\usepackage[hidelinks]{hyperref}\\makeatletter\\g@addto@macro{\\UrlBreaks}{" + _BREAKS + "}\\makeatother"
        "\\begin{document}\n"
    ]
    n = 0
    for _ in range(pages):
        for _ in range(per_page):
            n += 1
            sentence = " ".join(rng.choice(WORDS) for _ in range(60)).capitalize()
            out.append(
                f"{sentence}.\\footnote{{Author {n}, ``A Title about {rng.choice(WORDS)},'' \\emph{{Outlet}}, "
                f"March {1 + n % 28}, 2019, \\url{{{_url(rng, n)}}}.}} "
            )
        out.append("\n\n" + " ".join(rng.choice(WORDS) for _ in range(120)) + "\n\n")
    out.append("\\end{document}\n")
    (folder / "bench.tex").write_text("".join(out), encoding="utf-8")
    subprocess.run(["pdflatex", "-interaction=batchmode", "bench.tex"], cwd=folder, capture_output=True, check=False)
    pdf = folder / "bench.pdf"
    return pdf if pdf.exists() else None


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def make_docx(folder: Path, notes: int = 1000) -> Path:
    rng = random.Random(2)
    body: list[str] = []
    footnotes: list[str] = []
    rels: list[str] = []
    for n in range(1, notes + 1):
        body.append(
            f"<w:p><w:r><w:t xml:space=\"preserve\">{' '.join(rng.choice(WORDS) for _ in range(40))}.</w:t></w:r>"
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r></w:p>'
        )
        url = _url(rng, n)
        rels.append(f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{escape(url)}" TargetMode="External"/>')
        footnotes.append(
            f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> Author {n}, “A Title about {rng.choice(WORDS)},” </w:t></w:r>'
            f'<w:r><w:rPr><w:i/></w:rPr><w:t>Outlet</w:t></w:r><w:r><w:t xml:space="preserve">, March {1 + n % 28}, 2019, </w:t></w:r>'
            f'<w:hyperlink r:id="rId{n}"><w:r><w:t>{escape(url)}</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p></w:footnote>'
        )
    path = folder / "bench.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {_W}><w:body>{"".join(body)}</w:body></w:document>')
        z.writestr(
            "word/footnotes.xml",
            f'<?xml version="1.0"?><w:footnotes {_W}><w:footnote w:type="separator" w:id="-1"/>{"".join(footnotes)}</w:footnotes>',
        )
        z.writestr("word/_rels/footnotes.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{"".join(rels)}</Relationships>')
    return path


_MEASURE = """
import json, resource, sys, time
start, cpu = time.perf_counter(), time.process_time()
if sys.argv[2] == "read":
    from footnote_kit.notes import read_file
    count = len(read_file(sys.argv[1]).notes)
else:
    from footnote_kit.parse import parse_file
    count = len(parse_file(sys.argv[1]).notes)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"notes": count, "seconds": seconds, "cpu": cpu, "peak_mb": peak / 1024 if sys.platform != "darwin" else peak / 2**20}))
"""


def measure(path: Path, step: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path), step], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR", help="build the documents here and keep them")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="fk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        pdf = make_pdf(folder)
        if pdf is None:
            print("PDF: skipped (pdflatex is not installed: apt-get install texlive-latex-recommended lmodern)")
        docx = make_docx(folder)
        for label, path in (("PDF, 800 footnotes", pdf), (".docx, 1,000 footnotes", docx)):
            if path is None:
                continue
            if path.suffix == ".pdf":
                pages = _pages(path)
                label = f"PDF, {pages} pages, 800 footnotes"
            for step in ("read", "parse"):
                m = measure(path, step)
                print(
                    f"{label:<32} {step:<6} {m['notes']:>5} notes  {m['seconds']:6.2f} s  (CPU {m['cpu']:5.2f} s)  peak {m['peak_mb']:4.0f} MB"
                )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


if __name__ == "__main__":
    main()
