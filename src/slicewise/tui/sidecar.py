"""The app's own small record beside an assessment file (its undo history and form drafts), kept in the state
folder so the assessment format stays as it is."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from slicewise.tui.state import state_dir

SIDECAR_FORMAT = 1
"""Bumped when the record's shape changes; a record of another shape is ignored, never misread."""


def sidecar_path(file: Path) -> Path:
    """Return where the record of an assessment file is kept (named by a hash of its full path)."""
    key = hashlib.sha256(str(Path(file).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return state_dir() / "sidecars" / f"{key}.json"


def read_sidecar(file: Path) -> dict[str, object]:
    """Return the record of a file, or an empty one when there is none or it cannot be read."""
    try:
        record = json.loads(sidecar_path(file).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeError):
        return {}
    if not isinstance(record, dict) or record.get("format") != SIDECAR_FORMAT:
        return {}
    return record


def write_sidecar(file: Path, record: dict[str, object]) -> bool:
    """Replace the record of a file atomically, readable by its owner only (it holds client answers).

    Returns False when the disk refuses: the record helps, but the assessment itself is saved apart.
    """
    target = sidecar_path(file)
    try:
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        data = json.dumps({**record, "format": SIDECAR_FORMAT}, ensure_ascii=False, separators=(",", ":"))
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as handle:
            handle.write(data.encode("utf-8", "surrogatepass"))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except (OSError, ValueError, UnicodeError):
        return False
    return True
