"""File tests that never raise, and the one bounded reader every input goes through (regular files only)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from slicewise.core.errors import SlicewiseError

MAX_INPUT_BYTES = 32 * 1024 * 1024
"""The largest file slicewise reads (32 MiB): far above any real assessment or questionnaire, refused unread."""


def is_file(path: Path) -> bool:
    """Tell whether `path` is a file; False (not an OSError) for a name too long or otherwise unusable."""
    try:
        return path.is_file()
    except (OSError, ValueError, RuntimeError):
        return False


def is_dir(path: Path) -> bool:
    """Tell whether `path` is a folder; False (not an OSError) for a name too long or otherwise unusable."""
    try:
        return path.is_dir()
    except (OSError, ValueError, RuntimeError):
        return False


def lexists(path: Path) -> bool:
    """Tell whether anything is at `path`, even a broken symbolic link or a loop (so it can be reported)."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False


def kind_of(mode: int) -> str:
    """Name what a non-regular file is, for a message ("a named pipe (FIFO)", "a device", ...)."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_OS_ERRORS = {
    errno.EISDIR: "this is a folder, not a file",
    errno.ELOOP: "this is a symbolic link loop (the link points back to itself)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the file system is read-only",
    errno.EDQUOT: "the disk quota is exceeded",
}
"""Short sentences for the OS errors a read or a save meets, without the errno noise."""

_WRITE_REFUSALS = {errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.EDQUOT}
"""Errors after which a failed save says the previous file is still there."""


def describe_os_error(exc: OSError, *, writing: bool = False) -> str:
    """A short sentence for an OSError met while reading (or, with `writing`, while saving) a file."""
    code = exc.errno or 0
    if code == errno.ENOENT:
        return "the folder does not exist" if writing else "file not found"
    if code not in _OS_ERRORS:
        return (exc.strerror or str(exc)) if writing else f"cannot read: {exc.strerror or exc}"
    return _OS_ERRORS[code] + ("; the previous file is unchanged" if writing and code in _WRITE_REFUSALS else "")


def read_input(path: Path, *, title: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read a whole regular file, refusing before reading anything else (FIFOs, devices, sockets, folders,
    symbolic link loops) and any file above `limit` bytes, each with one clear `SlicewiseError`.

    The file is opened without blocking, so a named pipe with no writer cannot hang the read, and its
    type and size are checked on the open handle, so nothing can be swapped in between check and read.
    """
    name = str(path)
    if "\0" in name:
        raise SlicewiseError.single(title, repr(name), "a file name cannot contain a NUL character")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise SlicewiseError.single(title, name, describe_os_error(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SlicewiseError.single(title, name, f"this is {kind_of(info.st_mode)}, not a file slicewise can read")
        if info.st_size > limit:
            raise SlicewiseError.single(title, name, _too_big(info.st_size, limit))
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise SlicewiseError.single(title, name, _too_big(total, limit))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise SlicewiseError.single(title, name, describe_os_error(exc)) from None
    finally:
        os.close(fd)


def _too_big(size: int, limit: int) -> str:
    """Say a file is too large, in MiB."""
    return f"the file is {size / 2**20:.1f} MiB; slicewise reads files up to {limit // 2**20} MiB"
