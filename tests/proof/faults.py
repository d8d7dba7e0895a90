"""Helpers that make the disk misbehave: injected OS errors, a tiny real tmpfs, an immutable folder."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

STEPS = ("create", "write", "fsync", "rename")
"""The steps of an atomic write where an OS error is injected."""


class FailingFile:
    """A file object whose writes fail with an OS error, as a full disk makes them."""

    def __init__(self, real: Any, code: int) -> None:
        """Wrap an open file."""
        self._real = real
        self._code = code

    def write(self, data: bytes) -> int:
        """Fail like the kernel would."""
        raise OSError(self._code, os.strerror(self._code))

    def __getattr__(self, name: str) -> Any:
        """Everything else goes to the real file."""
        return getattr(self._real, name)

    def __enter__(self) -> FailingFile:
        """Enter the with block."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close the real file."""
        self._real.close()


def inject(monkeypatch: pytest.MonkeyPatch, step: str, code: int, nth: int = 1) -> None:
    """Make the `nth` call of one atomic-write step fail with `code` (later calls succeed)."""
    import slicewise.core.atomic as atomic

    calls = [0]

    def should_fail() -> bool:
        calls[0] += 1
        return calls[0] == nth

    def failure() -> OSError:
        return OSError(code, os.strerror(code))

    if step == "create":
        real_mkstemp = atomic.tempfile.mkstemp

        def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
            if should_fail():
                raise failure()
            return real_mkstemp(*args, **kwargs)

        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    elif step == "write":
        real_fdopen = atomic.os.fdopen

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, *args, **kwargs)
            return FailingFile(handle, code) if should_fail() else handle

        monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    elif step == "fsync":
        real_fsync = atomic.os.fsync

        def fsync(fd: int) -> None:
            # Only file syncs count; the folder sync after the rename may fail silently by design.
            if os.path.isdir(f"/proc/self/fd/{fd}") or not should_fail():
                real_fsync(fd)
                return
            raise failure()

        monkeypatch.setattr(atomic.os, "fsync", fsync)
    elif step == "rename":
        real_replace = atomic.os.replace

        def replace(src: Any, dst: Any) -> None:
            if should_fail():
                raise failure()
            real_replace(src, dst)

        monkeypatch.setattr(atomic.os, "replace", replace)
    else:  # pragma: no cover - the steps are listed in STEPS
        raise ValueError(step)


def _run(*command: str) -> bool:
    """Run a system command quietly; tell whether it succeeded."""
    if shutil.which(command[0]) is None:
        return False
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def tiny_tmpfs(where: Path, size: str = "256k") -> Iterator[Path]:
    """Mount a small tmpfs at `where` (skipping the test when mounting is not allowed), unmount after."""
    where.mkdir(parents=True, exist_ok=True)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)):
        pytest.skip("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN); the injected-error tests cover it")
    try:
        yield where
    finally:
        if not _run("umount", str(where)):
            _run("umount", "-l", str(where))


def remount_read_only(where: Path) -> None:
    """Make a mounted tmpfs read-only (EROFS for every write)."""
    if not _run("mount", "-o", "remount,ro", str(where)):
        pytest.skip("cannot remount read-only here")


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the file system reports ENOSPC; return it."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        chunk = b"\0" * 4096
        while True:
            try:
                handle.write(chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
                break
    return filler


@contextlib.contextmanager
def immutable(folder: Path) -> Iterator[Path]:
    """Make a folder immutable with `chattr +i` (root cannot create files in it either), undo after."""
    if not _run("chattr", "+i", str(folder)):
        pytest.skip("chattr +i is not available on this file system; the injected-error tests cover it")
    try:
        yield folder
    finally:
        _run("chattr", "-i", str(folder))
