"""Where a cited URL ends: one rule (``footnote_kit.urls``) for every command.

The table holds the hard cases a writer's notes present; each is read by every finder a
command uses (parse's, the Markdown reader's, check's line scan, fix's and lint's wrapped
text scan), and each must give the same URL. The end-to-end tests run the commands on one
file and compare what each one records, tests or reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from footnote_kit import urls
from footnote_kit.hook import find_urls
from footnote_kit.links.collect import collect, urls_in_line
from footnote_kit.links.fixfile import cited_in_text
from footnote_kit.lint import lint
from footnote_kit.notes.inline import markdown_to_text
from footnote_kit.parse import parse_file

# (text, the URL it cites, the URL as printed in the text)
HARD_CASES = [
    # sentence punctuation after the URL
    ("See https://example.org/a.", "https://example.org/a", "https://example.org/a"),
    ("See https://example.org/a/, and more", "https://example.org/a/", "https://example.org/a/"),
    ("Is it https://example.org/a?", "https://example.org/a", "https://example.org/a"),
    ("at https://example.org/a; ii) more", "https://example.org/a", "https://example.org/a"),
    ("https://example.org/a?q=1!", "https://example.org/a?q=1", "https://example.org/a?q=1"),
    ("https://example.org/a (he spoke at 2: 01).", "https://example.org/a", "https://example.org/a"),
    # a _ ending the path is the path's; Markdown emphasis around the URL is not
    ("See https://example.org/var_name_.", "https://example.org/var_name_", "https://example.org/var_name_"),
    ("See _https://example.org/a_ here.", "https://example.org/a", "https://example.org/a"),
    ("_See https://example.org/a_ and more", "https://example.org/a", "https://example.org/a"),
    ("see _Title_, https://example.org/var_", "https://example.org/var_", "https://example.org/var_"),
    ("See *https://example.org/a*.", "https://example.org/a", "https://example.org/a"),
    ("See **https://example.org/a**.", "https://example.org/a", "https://example.org/a"),
    # brackets: balanced ones are the URL's, one that closes nothing ends it
    ("https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
    ("(see https://en.wikipedia.org/wiki/Foo_(bar)).", "https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
    ("(see https://example.org/a).", "https://example.org/a", "https://example.org/a"),
    ("[https://example.org/a]", "https://example.org/a", "https://example.org/a"),
    ("(https://example.org/a)Ibid.", "https://example.org/a", "https://example.org/a"),
    ("https://example.org/page[1] cited", "https://example.org/page[1]", "https://example.org/page[1]"),
    # IPv6 hosts
    ("See http://[2001:db8::1]/path.", "http://[2001:db8::1]/path", "http://[2001:db8::1]/path"),
    ("See http://[2001:db8::1]:8080/.", "http://[2001:db8::1]:8080/", "http://[2001:db8::1]:8080/"),
    # quotes and angle brackets
    ("“https://example.org/a”", "https://example.org/a", "https://example.org/a"),
    ("“Title,” https://example.org/a.”", "https://example.org/a", "https://example.org/a"),
    ("'https://example.org/a'", "https://example.org/a", "https://example.org/a"),
    ('"https://example.org/a".', "https://example.org/a", "https://example.org/a"),
    ("«https://example.org/a».", "https://example.org/a", "https://example.org/a"),
    ("‘https://example.org/a’.", "https://example.org/a", "https://example.org/a"),
    ("https://en.wikipedia.org/wiki/Ender's_Game.", "https://en.wikipedia.org/wiki/Ender's_Game", "https://en.wikipedia.org/wiki/Ender's_Game"),
    ("<https://example.org/a>.", "https://example.org/a", "https://example.org/a"),
    ("https://example.org/a>b", "https://example.org/a", "https://example.org/a"),
    ("at https://example.org/a” and more", "https://example.org/a", "https://example.org/a"),
    # &amp; is the HTML spelling of &; a backslash escape is the character
    ("See https://example.org/a?b=1&amp;c=2.", "https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
    ("See https://example.org/a\\_b.", "https://example.org/a_b", "https://example.org/a\\_b"),
    # line-break damage that reads only one way: a space inside the file extension
    ("Kaktus, https://kaktus.media/doc/392271_eksperty.h tml; and", "https://kaktus.media/doc/392271_eksperty.html", "https://kaktus.media/doc/392271_eksperty.h tml"),
    ("https://example.org/report.pd f.", "https://example.org/report.pdf", "https://example.org/report.pd f"),
    ("https://example.org/report.pdf and more", "https://example.org/report.pdf", "https://example.org/report.pdf"),
    # scheme spellings
    ("see www.example.org/a.", "www.example.org/a", "www.example.org/a"),
    ("Www.example.org/a.", "Www.example.org/a", "Www.example.org/a"),
    ("HTTP://EXAMPLE.ORG/A.", "HTTP://EXAMPLE.ORG/A", "HTTP://EXAMPLE.ORG/A"),
    ("ftp://ftp.example.org/f.txt.", "ftp://ftp.example.org/f.txt", "ftp://ftp.example.org/f.txt"),
]


@pytest.mark.parametrize("text, url, printed", HARD_CASES)
def test_every_finder_reads_the_same_url(text: str, url: str, printed: str) -> None:
    found = urls.find(text)
    assert found is not None and found.url == url
    assert text[found.start : found.end] == printed
    assert [u.url for u in urls.find_all(text)] == [url]
    assert [s.url for s in urls.spans(text)] == [url]  # fix and lint's damaged-url
    assert urls_in_line(text) == [url]  # check and the hook, on Markdown, LaTeX, HTML lines
    assert markdown_to_text(text)[1] == [url]  # the Markdown reader's links


def test_no_url_in_plain_words() -> None:
    for text in ("no links here", "http:// alone", "the www is wide", "a:b//c", "W. Smith, www dot org"):
        assert urls.find(text) is None
        assert urls_in_line(text) == []


def test_a_url_wrapped_over_a_full_line_is_mended_in_files() -> None:
    wrapped = (
        "1. Jane Smith, “Indian doctor suspected of having been…,” Outlet, 2020, https://example.org/news/indian-doctor-\n"
        "suspected-of-having-been-recruited.html. Something else follows on this line to fill it.\n"
    )
    (span,) = urls.spans(wrapped)
    assert span.url == "https://example.org/news/indian-doctor-suspected-of-having-been-recruited.html"
    assert span.breaks == (len("https://example.org/news/indian-doctor-"),)


def test_emphasis_around_a_url_is_italics_in_markdown_and_the_url_is_whole() -> None:
    text, links = markdown_to_text("See _https://example.org/var_name_ here; and https://example.org/var_name_.")
    assert links == ["https://example.org/var_name", "https://example.org/var_name_"]
    assert "\x0ehttps://example.org/var_name\x0f here" in text


# --- end to end: the commands agree --------------------------------------------------

# Each note dates its source 3 May 2020 and cites a URL dated 2019, so that lint's
# date-mismatch rule names the URL it read.
_E2E = [
    ("https://example.org/2019/05/03/var_name_.", "https://example.org/2019/05/03/var_name_"),
    ("https://en.wikipedia.org/wiki/2019/05/03/Foo_(bar).", "https://en.wikipedia.org/wiki/2019/05/03/Foo_(bar)"),
    ("(https://example.org/2019/05/03/a?b=1&amp;c=2).", "https://example.org/2019/05/03/a?b=1&c=2"),
    ("http://[2001:db8::1]:8080/2019/05/03/report.", "http://[2001:db8::1]:8080/2019/05/03/report"),
    ("“https://example.org/2019/05/03/quoted.”", "https://example.org/2019/05/03/quoted"),
    ("<https://example.org/2019/05/03/angle>.", "https://example.org/2019/05/03/angle"),
    ("https://example.org/2019/05/03/story.h tml.", "https://example.org/2019/05/03/story.html"),
]
_TITLES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta"]


def _plain(tmp_path: Path) -> Path:
    lines = ["Notes", ""]
    for k, ((printed, _), title) in enumerate(zip(_E2E, _TITLES), 1):
        lines.append(f"{k}. Jane Smith, “{title} of the Report,” The Outlet, 3 May 2020, {printed}")
    path = tmp_path / "chapter.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _markdown(tmp_path: Path) -> Path:
    body = "".join(f"Claim {k}.[^{k}]\n" for k in range(1, len(_E2E) + 1))
    notes = "".join(
        f"[^{k}]: Jane Smith, “{title} of the Report,” *The Outlet*, 3 May 2020, {printed}\n"
        for k, ((printed, _), title) in enumerate(zip(_E2E, _TITLES), 1)
    )
    path = tmp_path / "chapter.md"
    path.write_text(f"# Chapter\n\n{body}\n{notes}", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [_plain, _markdown], ids=["plain", "markdown"])
def test_parse_export_check_fix_lint_and_the_hook_agree_on_each_url(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    expected = [url for _, url in _E2E]
    parsed = [s.URL for n in parse_file(path).notes for s in n.sources]
    assert parsed == expected
    out = tmp_path / "refs.json"
    run = subprocess.run([sys.executable, "-m", "footnote_kit", "export", str(path), "-o", str(out)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert [item["URL"] for item in json.loads(out.read_text(encoding="utf-8"))] == expected
    assert [ref.url for ref in collect([str(path)])] == expected  # what check tests and caches
    assert [c.url for c in find_urls(str(path))] == expected  # the pre-commit hook
    text = path.read_text(encoding="utf-8")
    assert [cited.url.replace(" ", "") for _, cited in cited_in_text(text)] == expected  # what fix repairs
    named = [p.message.rsplit(" in ", 1)[1][:-1] for p in lint([path]) if p.code == "date-mismatch"]
    assert named == expected
