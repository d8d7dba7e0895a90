"""Where the TUI keeps its own small files (recent list, preferences) and what it derives from slicewise's own
content: never the user's assessments."""

from __future__ import annotations

import os
from pathlib import Path


def state_dir() -> Path:
    """Return `$SLICEWISE_STATE_DIR`, else `slicewise/` in the XDG state folder."""
    folder = os.environ.get("SLICEWISE_STATE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "slicewise"


def cache_dir() -> Path:
    """Return `$SLICEWISE_CACHE_DIR`, else `slicewise/` in the XDG cache folder: what is derived from slicewise's
    own content (the content cache), shared by every file and safe to delete."""
    folder = os.environ.get("SLICEWISE_CACHE_DIR")
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "slicewise"
