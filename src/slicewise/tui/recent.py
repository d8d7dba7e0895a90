"""The list of recently opened assessment files shown on the start screen (a convenience, never fatal)."""

from __future__ import annotations

import json
from pathlib import Path

from slicewise.tui.state import state_dir

LIMIT = 10


def state_file() -> Path:
    """Return where the list lives, in the TUI's state folder."""
    return state_dir() / "recent.json"


def recent_files() -> list[Path]:
    """Return recently opened files that still exist, newest first."""
    try:
        raw = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(raw, list):
        return []
    return [Path(item) for item in raw if isinstance(item, str) and Path(item).is_file()][:LIMIT]


def remember(path: Path) -> None:
    """Put a file first in the list; failures to write the list are ignored."""
    from slicewise.core.atomic import atomic_write_text
    from slicewise.core.errors import SlicewiseError

    resolved = str(Path(path).resolve())
    entries = [str(p) for p in recent_files() if str(p) != resolved]
    target = state_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(target, json.dumps([resolved, *entries][:LIMIT], indent=1))
    except (OSError, SlicewiseError):
        return
