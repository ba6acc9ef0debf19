"""Writing users' files: all at once, keeping the mode they had or the one a new file gets."""

from __future__ import annotations

import os
import stat

from footnote_kit.files import write_atomic


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_file_gets_the_umask_mode_not_mkstemps_0600(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "refs.bib", "@misc{a, title={T}}\n")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "refs.bib") == 0o644


def test_a_replaced_file_keeps_its_mode_and_the_backup_keeps_the_old_text(tmp_path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o640)
    kept = write_atomic(target, "new\n", backup=True)
    assert target.read_text(encoding="utf-8") == "new\n" and _mode(target) == 0o640
    assert kept is not None and kept.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
