"""The one way an output file is written: exports, templates, rejected rows, backups, sync files and seeds.

The content goes to a temporary name beside the target (``.NAME.partial-XXXX``, which never looks like the
finished file), is flushed to the device, and is renamed into place; the folder is flushed too. A stick pulled
or a disk filled half-way leaves the old file (or no file), never a complete-looking half. An ``OSError`` becomes
one sentence naming the path and the reason (``BookError`` with code ``file.write``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app.core.errors import BookError
from app.core.i18n import _

PARTIAL = ".partial-"

_REASONS = {
    errno.ENOSPC: ("磁盘已满", "the disk is full"),
    errno.EDQUOT: ("磁盘配额已用完", "the disk quota is used up"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "permission denied"),
    errno.EROFS: ("介质是只读的", "the medium is read-only"),
    errno.ENOENT: ("文件夹不存在", "the folder does not exist"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "part of the path is not a folder"),
    errno.EISDIR: ("这是一个文件夹", "it is a folder"),
    errno.EIO: ("读写出错（U盘是否已拔出？）", "an input/output error (was the stick pulled out?)"),
}


def reason(e: OSError) -> str:
    """The reason of an OS error in the user's language."""
    known = _REASONS.get(e.errno or 0)
    return _(*known) if known else (e.strerror or str(e))


def write_error(path: Path | str, e: OSError) -> BookError:
    """One sentence: the file could not be written, where and why."""
    return BookError(
        _("无法写入“{p}”：{r}。", "Cannot write “{p}”: {r}.", p=path, r=reason(e)), code="file.write"
    )


_SQLITE_REASONS = {
    "database or disk is full": ("磁盘已满", "the disk is full"),
    "attempt to write a readonly database": ("介质是只读的", "the medium is read-only"),
    "unable to open database file": ("无法打开文件", "the file cannot be opened"),
    "disk I/O error": ("读写出错（U盘是否已拔出？）", "an input/output error (was the stick pulled out?)"),
}


def file_error(e: OSError | sqlite3.OperationalError, path: Path | str = "") -> BookError:
    """One sentence for a file the system or SQLite could not read or write: the path and the reason."""
    if isinstance(e, OSError):
        path = e.filename or path
        why = reason(e)
    else:
        known = _SQLITE_REASONS.get(str(e))
        why = _(*known) if known else str(e)
    return BookError(
        _("无法读写“{p}”：{r}。", "Cannot use “{p}”: {r}.", p=path or "?", r=why), code="file.io"
    )


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def output_path(path: Path | str) -> Iterator[Path]:
    """A temporary path to write the whole file to; on a clean exit it is flushed and renamed to ``path``.

    On any error the temporary file is removed and ``path`` is untouched; an ``OSError`` becomes ``write_error``.
    """
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}{PARTIAL}", dir=path.parent)
        os.close(fd)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(name, 0o666 & ~mask)  # as open() would have made it, not mkstemp's owner-only
    except OSError as e:
        raise write_error(path, e) from None
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise write_error(path, e) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def open_output(path: Path | str, mode: str = "wb", **kwargs) -> Iterator[IO]:
    """``open(path, mode)`` written through ``output_path``: the file appears complete or not at all."""
    with output_path(path) as tmp, open(tmp, mode, **kwargs) as f:  # the file closes before the rename
        yield f


def write_bytes(path: Path | str, data: bytes) -> None:
    with open_output(path, "wb") as f:
        f.write(data)


def write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    with open_output(path, "w", encoding=encoding) as f:
        f.write(text)


def remove_partials(folder: Path) -> None:
    """Temporary files a power cut left behind in ``folder``."""
    with contextlib.suppress(OSError):
        for stale in folder.glob(f".*{PARTIAL}*"):
            stale.unlink(missing_ok=True)
