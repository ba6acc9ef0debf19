"""Reading users' files safely and writing ours without ever leaving half a file.

Every command reads through ``read_text`` so that an empty, binary or wrongly encoded
file gives the same one-line error everywhere, and writes through ``write_atomic`` so that
an interrupted run never destroys what was there before.
"""

from __future__ import annotations

import os
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
    return decode(read_bytes(path), "<stdin>" if name == "-" else name, encoding)


def write_atomic(path: str | os.PathLike[str], text: str, *, backup: bool = False) -> Path | None:
    """Write ``text`` to ``path`` all at once: a temporary file beside it, then a rename.

    With ``backup``, the previous content is kept as ``path~`` first. Returns the backup's
    path when one was made.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    kept: Path | None = None
    if backup and target.exists():
        kept = target.with_name(target.name + "~")
        kept.write_bytes(target.read_bytes())
    # Imported here: tempfile pulls in shutil, random, bz2 and lzma, which reading (and
    # the pre-commit hook, which only reads) has no use for.
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        # mkstemp creates the file 0600; a replaced file keeps its own mode, and a new
        # one gets what open() would give it (0666 less the umask), so a .bib written
        # for co-authors stays readable by them.
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return kept


def _umask() -> int:
    """The process umask (it can only be read by setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
