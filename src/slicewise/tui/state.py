"""Where the TUI keeps its own small files (recent list, preferences): never the user's assessments."""

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
