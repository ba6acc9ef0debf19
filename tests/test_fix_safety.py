"""Issue 12, item 5: ``fix`` never loses the writer's work, and ``export -o`` fails in one
line. Real files, real links and modes; the evidence comes from a fake archive on 127.0.0.1."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from conftest import run_cli
from linkserver import LinkServer

TITLE = "Indian doctor suspected of having been Jalalabad prison car bomber"
PRINTED = "https://ariananews.example/2020/indian-doctorsuspected-of-having-been-jalalabad-prison-carbomber/"
TRUE = "https://ariananews.example/2020/indian-doctor-suspected-of-having-been-jalalabad-prison-car-bomber/"
NOTE = f"1 “{TITLE},” Ariana News, 5 August 2020, {PRINTED}.\n"


@pytest.fixture
def archive() -> Iterator[LinkServer]:
    srv = LinkServer().start()
    srv.archive[TRUE] = [("20200805120000", 200)]
    yield srv
    srv.stop()


def _fix(path: Path, archive: LinkServer, *extra: str) -> object:
    return run_cli("fix", str(path), "--repair", "--no-live", "--archive-url", archive.base, *extra)


def test_an_edit_saved_while_fix_waits_on_the_network_is_kept(tmp_path: Path) -> None:
    slow = LinkServer(latency=(1.0, 1.0)).start()  # every archive answer takes a second
    slow.archive[TRUE] = [("20200805120000", 200)]
    try:
        path = tmp_path / "notes.txt"
        path.write_text(NOTE, encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "footnote_kit", "fix", str(path), "--repair", "--no-live", "--archive-url", slow.base],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while slow.archive_hits == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        edited = NOTE + "\n2 A note the writer added while fix was running.\n"
        path.write_text(edited, encoding="utf-8")
        _out, err = proc.communicate(timeout=120)
    finally:
        slow.stop()
    assert proc.returncode == 2, err
    assert "changed while footnote-kit was working on it" in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == edited
    assert not (tmp_path / "notes.txt~").exists()


def test_a_backup_name_that_is_a_symlink_is_replaced_not_followed(tmp_path: Path, archive: LinkServer) -> None:
    victim = tmp_path / "thesis.tex"
    victim.write_text("my thesis\n", encoding="utf-8")
    path = tmp_path / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    (tmp_path / "notes.txt~").symlink_to(victim)
    run = _fix(path, archive)
    assert run.code == 0, run.stderr
    assert victim.read_text(encoding="utf-8") == "my thesis\n"
    backup = tmp_path / "notes.txt~"
    assert not backup.is_symlink() and backup.read_text(encoding="utf-8") == NOTE
    assert TRUE in path.read_text(encoding="utf-8")


def test_a_symlinked_document_stays_a_link_and_its_target_is_updated(tmp_path: Path, archive: LinkServer) -> None:
    real = tmp_path / "shared" / "notes.txt"
    real.parent.mkdir()
    real.write_text(NOTE, encoding="utf-8")
    link = tmp_path / "notes.txt"
    link.symlink_to(real)
    run = _fix(link, archive, "--no-backup")
    assert run.code == 0, run.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert TRUE in real.read_text(encoding="utf-8")


def test_a_hard_linked_document_keeps_its_links(tmp_path: Path, archive: LinkServer) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    other = tmp_path / "also-notes.txt"
    os.link(path, other)
    for extra in ((), ("--no-backup",)):
        path.write_text(NOTE, encoding="utf-8")
        run = _fix(path, archive, *extra)
        assert run.code == 0, run.stderr
        assert os.path.samefile(path, other)
        assert TRUE in other.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["also-notes.txt", "notes.txt", "notes.txt~"]


def test_a_read_only_file_needs_force_and_keeps_its_mode(tmp_path: Path, archive: LinkServer) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    path.chmod(0o444)
    refused = _fix(path, archive)
    assert refused.code == 2 and "read-only" in refused.stderr and "--force" in refused.stderr, refused.stderr
    assert path.read_text(encoding="utf-8") == NOTE and archive.archive_hits == 0
    forced = _fix(path, archive, "--force")
    assert forced.code == 0, forced.stderr
    assert TRUE in path.read_text(encoding="utf-8") and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_the_backup_keeps_the_mode_of_the_original(tmp_path: Path, archive: LinkServer) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    path.chmod(0o600)
    assert _fix(path, archive).code == 0
    assert stat.S_IMODE((tmp_path / "notes.txt~").stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file to another user")
def test_the_owner_is_kept(tmp_path: Path, archive: LinkServer) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    os.chown(path, 4321, 4322)
    assert _fix(path, archive).code == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)
    assert ((tmp_path / "notes.txt~").stat().st_uid, (tmp_path / "notes.txt~").stat().st_gid) == (4321, 4322)


def test_temporary_files_of_a_killed_run_are_cleaned_up_by_name(tmp_path: Path, archive: LinkServer) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    path = tmp_path / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    stale = tmp_path / f".notes.txt.fk{gone.pid}.x1y2z3.tmp"
    stale.write_text("half a file", encoding="utf-8")
    alive = tmp_path / f".notes.txt.fk{os.getpid()}.a1b2c3.tmp"  # a running process's: not ours to remove
    alive.write_text("in progress", encoding="utf-8")
    theirs = tmp_path / ".notes.txt.swp"
    theirs.write_text("an editor's", encoding="utf-8")
    assert _fix(path, archive).code == 0
    assert not stale.exists() and alive.exists() and theirs.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p != alive]


@contextmanager
def _read_only(folder: Path) -> Iterator[Path]:
    """Nobody may add files to ``folder`` meanwhile: chmod for users, the immutable flag for root."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root without chattr: no folder is read-only")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


def test_writing_into_a_read_only_folder_is_one_line_exit_2(tmp_path: Path, archive: LinkServer, example: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "notes.txt"
    path.write_text(NOTE, encoding="utf-8")
    with _read_only(folder):
        out = run_cli("export", str(example), "--notes", "698-700", "-o", str(folder / "refs.bib"))
        fixed = _fix(path, archive)
    assert out.code == 2 and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert "refs.bib" in out.stderr and "internal error" not in out.stderr
    assert fixed.code == 2 and "notes.txt" in fixed.stderr and "internal error" not in fixed.stderr, fixed.stderr
    assert path.read_text(encoding="utf-8") == NOTE


def test_the_new_text_is_on_disk_before_the_rename_and_the_rename_after(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash right after the rename must not leave an empty file: the data is flushed
    first, and the folder (which holds the rename) right after."""
    from footnote_kit.files import write_atomic

    path = tmp_path / "refs.bib"
    path.write_text("old\n", encoding="utf-8")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(path, "new\n")
    assert events == ["fsync file", "rename", "fsync folder"]
    assert path.read_text(encoding="utf-8") == "new\n"
