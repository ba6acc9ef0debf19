#!/bin/sh
# Rebuild the document fixtures with the tools writers use, from the sources beside them.
# Tests read the committed outputs and need none of these tools; CI may run this to check
# the fixtures are current (git diff after it shows what changed).
#
# Needs (Debian packages): pandoc, texlive-latex-recommended (pdflatex, hyperref),
# texlive-fonts-recommended + lmodern, libreoffice-writer-nogui.
set -eu
cd "$(dirname "$0")"
export SOURCE_DATE_EPOCH=1700000000 FORCE_SOURCE_DATE=1 TZ=UTC

# pandoc: Word, OpenDocument and EPUB with real footnotes, italics and links.
for fmt in docx odt epub; do
  pandoc notes.md --standalone -o "notes.$fmt"
  pandoc links.md --standalone -o "links.$fmt"  # URLs the tests' link server answers
done

# LibreOffice: a custom footnote mark (*) and an endnote, saved as Word and OpenDocument,
# and the OpenDocument notes exported to PDF as Writer does it.
profile="$(mktemp -d)"
soffice -env:UserInstallation="file://$profile" --headless --convert-to docx:"MS Word 2007 XML" custom-mark.fodt >/dev/null
soffice -env:UserInstallation="file://$profile" --headless --convert-to odt custom-mark.fodt >/dev/null
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir libreoffice notes.odt >/dev/null
mv libreoffice/notes.pdf notes-libreoffice.pdf
# ... and once more with a password to open it (a bad file: footnote-kit cannot read it).
soffice -env:UserInstallation="file://$profile" --headless --convert-to \
  'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
  --outdir libreoffice notes.odt >/dev/null
mv libreoffice/notes.pdf encrypted.pdf && rmdir libreoffice
rm -rf "$profile"

# pdflatex with hyperref: footnotes with link annotations and URLs broken across lines, a
# note running onto the next page, a two-column page, endnotes under a Notes heading, and
# a PDF without any text.
for doc in report twocolumn endnotes notext links; do
  pdflatex -interaction=batchmode "$doc.tex" >/dev/null
  pdflatex -interaction=batchmode "$doc.tex" >/dev/null
done
rm -f ./*.aux ./*.log ./*.out

# The bundled example as a PDF: the same notes, each URL the one the authors cited.
python3 example_latex.py ../../../examples/central-asia-notes.txt ../repair/central-asia-true-urls.json \
  > ../../../examples/central-asia-notes.tex
(cd ../../../examples && pdflatex -interaction=batchmode central-asia-notes.tex >/dev/null \
  && pdflatex -interaction=batchmode central-asia-notes.tex >/dev/null \
  && rm -f central-asia-notes.aux central-asia-notes.log central-asia-notes.out)
