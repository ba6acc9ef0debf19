"""End to end, as a writer would: the pre-commit tool installs footnote-kit's hooks into a
repository of drafts from this checkout, with the set-up commands of docs/lint-and-hook.md
run as written (only ``FK=`` pointed at a copy of this checkout); it refuses a commit with a
dead link (served by a local server), a lint error or a malformed citation, naming file and
line, and accepts a clean one.

Slow: pre-commit builds its own environment and pip-installs footnote-kit into it from the
copy (its build backend and dependencies come from the package index: the only network this
suite uses besides loopback). The tests share one copy and one pre-commit home, so the
environment is built once (about 40 s on a busy 2-core machine).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from test_hook import _Handler, needs_checker, server  # noqa: F401 - the fixture is used by name

pytestmark = [pytest.mark.slow, needs_checker]

GIT = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.org", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _snapshot_checkout(dest: Path) -> str:
    """This checkout as it is now (uncommitted work included) as a one-commit repository."""
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    for name in filter(None, files):
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    _git(dest, "init", "-q")
    _git(dest, "add", "-A")
    assert _git(dest, "commit", "-q", "-m", "snapshot").returncode == 0
    return _git(dest, "rev-parse", "HEAD").stdout.strip()


def docs_setup_block() -> str:
    """The sh block of docs/lint-and-hook.md that writes .pre-commit-config.yaml."""
    text = (ROOT / "docs" / "lint-and-hook.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M) if ".pre-commit-config.yaml" in b]
    return block


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of this checkout to point ``FK`` at, and an environment whose pre-commit home
    the tests share (so footnote-kit is pip-installed into it once)."""
    base = tmp_path_factory.mktemp("precommit")
    fk = base / "footnote-kit"
    fk.mkdir()
    _snapshot_checkout(fk)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
        "XDG_CACHE_HOME": str(base / "cache"),
        "PRE_COMMIT_COLOR": "never",
    }
    env.pop("VIRTUAL_ENV", None)
    return fk, env


def set_up_as_documented(drafts: Path, fk: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the docs' set-up block in ``drafts``, as pasted, with ``FK`` naming the copy."""
    block = re.sub(r"^FK=\S+", f"FK={fk}", docs_setup_block(), count=1, flags=re.M)
    assert f"FK={fk}" in block, "the docs' block no longer starts by setting FK"
    return subprocess.run(["bash", "-euc", block], cwd=drafts, env=env, capture_output=True, text=True, timeout=900)


def test_the_documented_setup_passes_clean_drafts_and_fails_a_malformed_citation(tmp_path, hooks) -> None:
    fk, env = hooks
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _git(drafts, "init", "-q")
    (drafts / "chapter.md").write_text("# Chapter one\n\nA claim.[^1]\n\n[^1]: Ana Writer, *The Long Road* (London: Verso, 2019), 12.\n", encoding="utf-8")
    _git(drafts, "add", "chapter.md")

    setup = set_up_as_documented(drafts, fk, env)
    shown = setup.stdout + setup.stderr
    assert setup.returncode == 0, shown
    config = (drafts / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"repo: {fk}" in config and re.search(r"rev: [0-9a-f]{40}\n", config), config
    assert "footnote-kit lint (citations)" in shown and "Passed" in shown and "Failed" not in shown
    assert (drafts / ".git" / "hooks" / "pre-commit").exists()

    # An Ibid. with nothing before it to repeat: the lint hook fails, naming file and line.
    (drafts / "chapter2.md").write_text("# Chapter two\n\nAnother claim.[^1]\n\n[^1]: Ibid., p. 4.\n", encoding="utf-8")
    _git(drafts, "add", "chapter2.md")
    run = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=drafts, env=env, capture_output=True, text=True, timeout=900)
    shown = run.stdout + run.stderr
    assert run.returncode == 1, shown
    assert "chapter2.md:5: orphan-ibid" in shown and "chapter.md:" not in shown.replace("chapter2.md", "")


def test_precommit_refuses_dead_links_and_lint_errors_and_accepts_clean_drafts(tmp_path, server, hooks) -> None:  # noqa: F811
    fk, env = hooks

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _git(drafts, "init", "-q")
    # Lint only what this test is about, whatever the note parser makes of a short note.
    (drafts / ".footnote-kit.toml").write_text('[check]\nallow-private = true\n[lint]\nfail-on = ["date-mismatch"]\n', encoding="utf-8")
    install = set_up_as_documented(drafts, fk, env)
    assert install.returncode == 0, install.stdout + install.stderr
    _git(drafts, "add", ".pre-commit-config.yaml", ".footnote-kit.toml")
    assert _git(drafts, "commit", "-q", "--no-verify", "-m", "config").returncode == 0

    # 1. A dead link: refused, naming the file and the line.
    chapter = drafts / "chapter.md"
    chapter.write_text(
        "# Chapter one\n\nThe claim.[^1] The other claim.[^2]\n\n"
        f"[^1]: Ana Writer, “A live story,” The Outlet, 5 May 2020, {server}/2020/05/05/live.\n"
        f"[^2]: Ana Writer, “A removed story,” The Outlet, 6 May 2020, {server}/gone/removed.\n",
        encoding="utf-8",
    )
    _git(drafts, "add", "chapter.md")
    refused = _git(drafts, "commit", "-m", "chapter one", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert f"chapter.md:6: dead: {server}/gone/removed (HTTP 404)" in output
    assert _git(drafts, "log", "--oneline").stdout.count("\n") == 1

    # 2. The dead link replaced; a LaTeX chapter whose note's date disagrees with its URL,
    #    and a clean HTML page: refused by lint, naming the LaTeX file and line.
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("/gone/removed", "/2020/05/06/kept"), encoding="utf-8")
    tex = drafts / "chapter2.tex"
    tex_text = (
        "\\documentclass{article}\n\\begin{document}\nA claim.\\footnote{Ana Writer, ``A story,'' "
        "\\emph{The Outlet}, 5 October 2020,\n\\url{%s/2020/11/05/story}.}\n\\end{document}\n"
    )
    tex.write_text(tex_text % server, encoding="utf-8")
    (drafts / "post.html").write_text(
        f'<p>A claim.<sup><a href="#fn1">1</a></sup></p>\n<ol class="footnotes"><li id="fn1">Ana Writer, “A story,” '
        f'<em>The Outlet</em>, 5 May 2020, <a href="{server}/2020/05/05/live">link</a>.</li></ol>\n',
        encoding="utf-8",
    )
    _git(drafts, "add", "chapter.md", "chapter2.tex", "post.html")
    refused = _git(drafts, "commit", "-m", "chapters", env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "chapter2.tex:4: date-mismatch: note 1 dates this source 5 October 2020" in output

    # 3. Clean: accepted, both hooks having run.
    tex.write_text((tex_text % server).replace("5 October", "5 November"), encoding="utf-8")
    _git(drafts, "add", "chapter2.tex")
    accepted = _git(drafts, "commit", "-m", "chapters", env=env)
    shown = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, shown
    assert "footnote-kit lint (citations)" in shown and "footnote-kit check (dead links)" in shown
    assert "Failed" not in shown
    assert _git(drafts, "log", "--oneline").stdout.count("\n") == 2
