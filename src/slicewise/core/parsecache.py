"""Parsed built-in content kept by the hash of its bytes, so an unchanged questionnaire is not parsed again.

Parsing the built-in questionnaire and scoring files with tomllib is most of loading them. The TUI names a
folder (in its state folder) at start-up; a file that parsed and passed the bounds once is then stored there
as JSON under the SHA-256 of its exact bytes, so any change to the file is a different key and an entry can
never be stale. Each entry carries the digest of its own payload: a damaged or unreadable entry is ignored
and the file parsed as usual. The parsed data is still validated against the models every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

_folder: Path | None = None
"""Where entries are kept; None (the default, and every command but the TUI) keeps nothing."""

_SALT = f"slicewise-parsed/1 python {sys.version_info[0]}.{sys.version_info[1]}".encode()
"""Part of every key: a new entry format or Python version (tomllib changes with it) never reads old ones."""


def keep_parsed_in(folder: Path | None) -> None:
    """Keep parsed built-in content in `folder` from now on (None: stop)."""
    global _folder
    _folder = folder


def _entry(raw: bytes) -> Path | None:
    """Return the entry file for these bytes, or None when no folder is named."""
    if _folder is None:
        return None
    return _folder / f"{hashlib.sha256(_SALT + raw).hexdigest()}.json"


def recall(raw: bytes) -> dict[str, Any] | None:
    """Return the parsed data of bytes parsed before, or None (not kept, or the entry is damaged)."""
    entry = _entry(raw)
    if entry is None:
        return None
    try:
        stored = entry.read_bytes()
        digest, _, payload = stored.partition(b"\n")
        if digest.decode("ascii") != hashlib.sha256(payload).hexdigest():
            return None
        data = json.loads(payload)
    except (OSError, ValueError):  # missing, unreadable, damaged: parse the file as usual
        return None
    return data if isinstance(data, dict) else None


def remember(raw: bytes, data: dict[str, Any]) -> None:
    """Store the parsed data of these bytes; data JSON cannot hold exactly, or a folder that refuses, is skipped."""
    entry = _entry(raw)
    if entry is None or not _plain(data):
        return
    payload = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
        os.replace(temporary, entry)  # readers see no entry or a whole one; a torn one fails its digest
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _plain(value: Any) -> bool:
    """Tell whether JSON gives back exactly this value (TOML dates and times, for instance, it would not)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if not all(isinstance(key, str) for key in item):
                return False
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif not isinstance(item, (str, int, float, bool)):
            return False
    return True
