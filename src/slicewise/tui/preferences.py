"""What the consultant chose last time and expects again: for now the theme (dark, or light for a projector)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from slicewise.tui.state import state_dir


def _preferences_file() -> Path:
    """Return where the preferences live, in the TUI's state folder."""
    return state_dir() / "preferences.json"


def remembered_theme() -> str | None:
    """Return the theme chosen last time, if any (an unreadable file counts as none)."""
    try:
        stored = json.loads(_preferences_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    theme = stored.get("theme") if isinstance(stored, dict) else None
    return theme if isinstance(theme, str) and theme else None


def remember_theme(theme: str) -> None:
    """Keep the theme for next time; a failure to write is ignored (it is only a preference)."""
    target = _preferences_file()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({"theme": theme}), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        return
