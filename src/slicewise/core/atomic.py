"""Crash-safe file writes: a temp file in the same folder, flushed, fsynced, then renamed over the target."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from slicewise.core.errors import SlicewiseError
from slicewise.core.paths import describe_os_error, is_dir


def atomic_write_bytes(
    path: Path, data: bytes, *, title: str = "Cannot save", check: Callable[[], None] | None = None
) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one, never a part.

    Any OS error (full disk, read-only folder, path is a folder) becomes a `SlicewiseError` and leaves the
    previous file and no temp file behind. `check`, when given, runs after the temp file is synced and just
    before the rename, so a refusal it raises still sees a file swapped in while the data was written.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if is_dir(path):
        raise SlicewiseError.single(title, str(path), "this path is a folder, not a file")
    if "\0" in str(path):
        raise SlicewiseError.single(title, repr(str(path)), "a file name cannot contain a NUL character")
    fd = -1
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if check is not None:
            check()
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, path.stat().st_mode & 0o7777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = ""
        _fsync_folder(folder)
        remove_stale_temp_files(path)
    except OSError as exc:
        raise SlicewiseError.single(title, str(path), describe_os_error(exc, writing=True)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


STALE_TEMP_SECONDS = 300
"""A temp file of ours this old was left by a process killed mid-save; nobody is still writing it."""


def remove_stale_temp_files(path: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete temp files that a killed save left beside `path` (only ours, only old ones); return them."""
    removed: list[Path] = []
    limit = time.time() - older_than
    folder = path.parent if str(path.parent) else Path(".")
    for candidate in folder.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if candidate.is_file() and candidate.stat().st_mtime < limit:
                candidate.unlink()
                removed.append(candidate)
    return removed


def atomic_write_text(
    path: Path, text: str, *, title: str = "Cannot save", check: Callable[[], None] | None = None
) -> None:
    """Write UTF-8 text atomically (see `atomic_write_bytes`)."""
    atomic_write_bytes(path, utf8(text), title=title, check=check)


def utf8(text: str) -> bytes:
    """Encode text as UTF-8, turning lone surrogates (a broken paste) into U+FFFD instead of failing the save."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace").encode("utf-8")


def _fsync_folder(folder: Path) -> None:
    """Persist the rename itself where the platform allows it."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
