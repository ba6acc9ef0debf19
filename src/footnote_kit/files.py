"""Reading users' files safely and writing ours without ever leaving half a file.

Every command reads through ``read_text`` so that an empty, binary or wrongly encoded
file gives the same one-line error everywhere, and writes through ``write_atomic`` so that
an interrupted run never destroys what was there before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from footnote_kit.errors import InputError

_BOMS = {
    b"\xff\xfe": "utf-16",
    b"\xfe\xff": "utf-16",
}


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes -> text, or an ``InputError`` that says what the file is and how to fix it.

    UTF-8 is the default because every tool writers use (pandoc, LaTeX, Zotero) writes
    it. Other encodings are refused with a hint rather than guessed: a wrong guess
    silently corrupts names (``Kölner`` -> ``KÃ¶lner``) and the user would cite them.
    ``encoding`` is the user's explicit choice (``--encoding cp1252``).
    """
    if encoding:
        try:
            text = data.decode(encoding).lstrip("\ufeff")
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r} (try utf-8, cp1252, latin-1 or utf-16)", file=name) from None
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            raise InputError(f"cannot decode as {encoding}: byte 0x{data[err.start]:02x} is not valid there", file=name, line=line) from None
        if not text.strip():
            raise InputError("the file is empty", file=name)
        return text
    if not data.strip():
        raise InputError("the file is empty", file=name)
    for bom, enc in _BOMS.items():
        if data.startswith(bom):
            raise InputError(
                f"the file is {enc.upper()}, not UTF-8; pass --encoding {enc} or convert it "
                f"(iconv -f {enc} -t utf-8)",
                file=name,
            )
    bare = _bare_utf16(data)
    if bare is not None:
        raise InputError(
            f"the file looks like {bare.upper()} without a byte-order mark, not UTF-8; pass "
            f"--encoding {bare} or convert it (iconv -f {bare} -t utf-8)",
            file=name,
        )
    if b"\x00" in data[:8192] or _control_heavy(data[:8192]):
        raise InputError("this is a binary file, not text", file=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        guess = "cp1252" if _looks_like_cp1252(data) else "latin-1"
        raise InputError(
            f"not UTF-8 (byte 0x{data[err.start]:02x}; looks like {guess}); pass --encoding "
            f"{guess} or convert it (iconv -f {guess} -t utf-8)",
            file=name,
            line=line,
        ) from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError("the file is empty", file=name)
    return text


def _bare_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: text whose every other byte is zero (ASCII in UTF-16).

    Checked before calling a file binary, because both are full of zero bytes and the
    hint differs: one needs ``--encoding``, the other is not text at all.
    """
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\x1b")


def _control_heavy(sample: bytes) -> bool:
    """Many control bytes: an image, an archive or a PDF, whatever its first bytes."""
    return len(sample) - len(sample.translate(None, _CONTROL)) > 0.05 * len(sample)


def _looks_like_cp1252(data: bytes) -> bool:
    # Curly quotes and dashes (0x91-0x97) are what Word's cp1252 exports are full of.
    return any(b in data for b in (b"\x91", b"\x92", b"\x93", b"\x94", b"\x96", b"\x97"))


STDIN_NAME = "<stdin>"
"""How messages name standard input (``-`` on the command line)."""


def shown_name(path: str | os.PathLike[str]) -> str:
    """A file's name as messages show it: ``-`` is standard input, ``<stdin>``."""
    name = os.fspath(path)
    return STDIN_NAME if name == "-" else name


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a user's file (``-``: stdin) as bytes; every failure is an ``InputError``."""
    name = os.fspath(path)
    if name == "-":
        import sys

        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise InputError("is a folder, not a file", file=name)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", file=name) from None


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read a user's text file; every failure is an ``InputError`` naming the file."""
    name = os.fspath(path)
    return decode(read_bytes(path), shown_name(name), encoding)


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when it was read: if any of it differs later, someone edited it."""

    size: int
    mtime_ns: int
    sha256: str


def fingerprint(data: bytes, stat: os.stat_result) -> Fingerprint:
    import hashlib

    return Fingerprint(stat.st_size, stat.st_mtime_ns, hashlib.sha256(data).hexdigest())


def current_fingerprint(path: str | os.PathLike[str]) -> Fingerprint | None:
    """The file's fingerprint now (None when it is gone)."""
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            return fingerprint(handle.read(), stat)
    except FileNotFoundError:
        return None


def check_writable(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Refuse, before any work, a file the user made read-only (unless ``force``)."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return
    if not force and _read_only(target, mode):
        raise InputError("the file is read-only; pass --force to rewrite it anyway", file=os.fspath(path))


def _read_only(path: Path, mode: int) -> bool:
    """No write permission bit at all (chmod a-w), or none that applies to this user."""
    return not (mode & 0o222) or not os.access(path, os.W_OK)


def write_atomic(
    path: str | os.PathLike[str],
    text: str,
    *,
    backup: bool = False,
    expect: Fingerprint | None = None,
    force: bool = False,
) -> Path | None:
    """Write ``text`` to ``path`` so that the old content or the new is there, whatever happens.

    Returns the backup's path when one was made (``path~``, with ``backup``). Why each step:

    - A symlink ``path`` is followed to the file it names, and that file is updated: the
      link is the user's and stays a link. A backup ``path~`` that is a symlink is
      replaced, never written through (it could point anywhere).
    - The new text goes to a temporary file beside the target, is flushed to disk, takes
      the old file's mode and (where the OS allows) owner, and is renamed over it; the
      folder is flushed after the rename. A hard-linked file is rewritten in place after
      a safety copy is on disk, so that every name keeps seeing the same file.
    - ``expect`` is the file as it was read: if it changed since (an editor saved while
      we waited on the network), nothing is written and ``InputError`` says so.
    - A read-only file is refused unless ``force``; a folder we cannot write to is a
      one-line ``InputError`` (exit 2), not a crash.
    - Temporary files of runs that were killed (named ``.NAME.fk<pid>.*.tmp``, whose
      process is gone) are removed first.
    """
    named = Path(path)
    target = Path(os.path.realpath(named))
    where = os.fspath(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise InputError(f"cannot create the folder {target.parent}: {err.strerror or err}", file=where) from None
    _remove_stale_temps(target)
    old = _stat(target)
    if old is not None and not force and _read_only(target, old.st_mode):
        raise InputError("the file is read-only; nothing written", file=where)
    data = text.encode("utf-8")
    kept: Path | None = None
    try:
        if expect is not None:
            _unchanged(target, expect, where)
        if old is not None and backup:
            kept = named.with_name(named.name + "~")
            _replace_with(kept, target.read_bytes(), old)
        if old is not None and old.st_nlink > 1:
            # In place, so a safety copy must be on disk first: the backup, or (with no
            # backup wanted) a hidden copy removed once the new text is safely written.
            # Not named like a temporary file, so that no later run cleans it away.
            safety = kept or named.with_name(f".{named.name}.fk{os.getpid()}.safe")
            if kept is None:
                _replace_with(safety, target.read_bytes(), old)
            _rewrite_in_place(target, data, expect, where)
            if kept is None:
                safety.unlink()
            return kept
        _replace_with(target, data, old, expect=expect, where=where)
    except PermissionError as err:
        raise InputError(f"cannot write here: {err.strerror or err}", file=where) from None
    except OSError as err:
        if isinstance(err, FileNotFoundError) and expect is not None:
            raise InputError("the file was removed while footnote-kit worked on it; nothing written", file=where) from None
        raise InputError(f"cannot write: {err.strerror or err}", file=where) from None
    return kept


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _unchanged(target: Path, expect: Fingerprint, where: str) -> None:
    if current_fingerprint(target) != expect:
        raise InputError(
            "the file changed while footnote-kit was working on it (saved in an editor?); "
            "nothing written: run the command again",
            file=where,
        )


def _replace_with(dest: Path, data: bytes, like: os.stat_result | None, *, expect: Fingerprint | None = None, where: str = "") -> None:
    """``dest`` becomes ``data`` by rename: a temporary file, flushed, then renamed over it.

    ``like`` gives the mode and owner to keep. ``os.replace`` replaces a symlink ``dest``
    itself, so nothing is ever written through a link we did not ask for.
    """
    # Imported here: tempfile pulls in shutil, random, bz2 and lzma, which reading (and
    # the pre-commit hook, which only reads) has no use for.
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.fk{os.getpid()}.", suffix=".tmp", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; a replaced file keeps its own mode, and a new
        # one gets what open() would give it (0666 less the umask), so a .bib written
        # for co-authors stays readable by them.
        os.chmod(tmp, like.st_mode & 0o7777 if like is not None else 0o666 & ~_umask())
        if like is not None:
            _keep_owner(tmp, like)
        if expect is not None:
            _unchanged(dest, expect, where)  # the last moment before the rename
        os.replace(tmp, dest)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(dest.parent)


def _rewrite_in_place(target: Path, data: bytes, expect: Fingerprint | None, where: str) -> None:
    """For a hard-linked file: the same inode gets the new bytes (a rename would split the links)."""
    with open(target, "r+b") as handle:
        if expect is not None:
            _unchanged(target, expect, where)
        handle.seek(0)
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _keep_owner(path: str, like: os.stat_result) -> None:
    try:
        os.chown(path, like.st_uid, like.st_gid)
    except (PermissionError, AttributeError):
        pass  # only root may give a file away; the user's own files stay the user's anyway


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for a renamed file (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_stale_temps(target: Path) -> None:
    """Temporary files that killed runs left beside ``target``: ours by name, their process gone."""
    import re

    pattern = re.compile(rf"\.{re.escape(target.name)}~?\.fk(\d+)\.[^/]*\.tmp")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        m = pattern.fullmatch(name)
        if m and not _alive(int(m.group(1))):
            try:
                os.unlink(target.parent / name)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier write of this same process that was interrupted
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _umask() -> int:
    """The process umask (it can only be read by setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
