"""File tests that never raise: a path too long for the OS or with a NUL byte simply does not exist."""

from __future__ import annotations

from pathlib import Path


def is_file(path: Path) -> bool:
    """Tell whether `path` is a file; False (not an OSError) for a name too long or otherwise unusable."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def is_dir(path: Path) -> bool:
    """Tell whether `path` is a folder; False (not an OSError) for a name too long or otherwise unusable."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False
