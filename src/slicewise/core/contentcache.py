"""Built-in content kept once loaded and checked, so opening a file of it again skips parsing and checking.

Parsing the built-in questionnaire and scoring files with tomllib, building their models and checking them
is most of opening a file. The TUI names a folder (in its state folder) at start-up; from then on a built-in
bundle (questionnaire and scoring model) that loaded with no problem is kept there whole, under the SHA-256
of every content file's bytes, the scoring folder it resolved to, pydantic's version, and the size and
time of every module of the core (the code that validates and checks it). The folder is the user's own
(created owner-only) and only entries the user owns are read, by an unpickler that builds nothing but
slicewise's own core classes, paths and sets; the content models are then never built on a later open.

Any change to a content file or to the core is a different key, so an entry can never be stale. Each entry
carries the digest of its own payload: a damaged, unreadable or foreign entry is ignored and the content
loaded and checked as usual. Only the newest few entries stay. Nothing is kept for questionnaires outside
slicewise's own content, nor when no folder is named (every command but the TUI).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from slicewise.core.loader import Bundle

_folder: Path | None = None
"""Where entries are kept; None (the default) keeps nothing."""

_SALT = f"slicewise-bundle/1 python {sys.version_info[0]}.{sys.version_info[1]}".encode()
"""Part of every key: a new entry format or Python version never reads old entries."""

KEPT = 4
"""How many bundles are kept at most (the built-in questionnaires, across a few versions)."""

_ALLOWED = {
    ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}
"""What an entry may hold besides the core's own classes."""


def keep_bundles_in(folder: Path | None) -> None:
    """Keep loaded built-in bundles in `folder` from now on (None: stop)."""
    global _folder
    _folder = folder


def bundle_entry(folder: Path) -> Path | None:
    """Return the entry file for a built-in questionnaire folder as its files and the core are now, or None."""
    if _folder is None:
        return None
    import pydantic

    from slicewise.core import content

    scoring = content.scoring_folder_for(folder, folder.name)
    if scoring is None:
        return None
    key = hashlib.sha256(_SALT + f" pydantic {pydantic.VERSION}".encode())
    core = Path(__file__).resolve().parent
    try:
        for module in sorted(core.rglob("*.py")):
            stat = module.stat()
            key.update(f"{module.relative_to(core)}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
        for root in (folder, scoring):
            key.update(f"{root}\n".encode())
            for source in sorted(root.rglob("*.toml")):
                key.update(f"{source.relative_to(root)}\0".encode() + source.read_bytes() + b"\0")
    except OSError:
        return None
    return _folder / f"bundle-{key.hexdigest()}.pickle"


class _CoreOnly(pickle.Unpickler):
    """Builds nothing but slicewise's core classes, paths and sets: an entry cannot run any other code."""

    def find_class(self, module: str, name: str) -> Any:
        """Allow a class of the core, a path or a set; refuse anything else (functions above all)."""
        allowed = module.startswith("slicewise.core.") or (module, name) in _ALLOWED
        found = super().find_class(module, name) if allowed else None
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a kept bundle")
        return found


def recall_bundle(entry: Path, folder: Path) -> Bundle | None:
    """Return the bundle kept in `entry` for `folder`, or None (not kept, damaged or foreign)."""
    from slicewise.core.loader import Bundle

    try:
        if hasattr(os, "getuid") and entry.stat().st_uid != os.getuid():
            return None  # only an entry this user wrote is read back
        stored = entry.read_bytes()
    except OSError:
        return None
    digest, _, payload = stored.partition(b"\n")
    if digest != hashlib.sha256(payload).hexdigest().encode("ascii"):
        return None
    try:
        bundle = _CoreOnly(io.BytesIO(payload)).load()
    except Exception:  # any damaged or foreign entry: load the content as usual
        return None
    return bundle if isinstance(bundle, Bundle) and bundle.questionnaire_path == folder else None


def remember_bundle(entry: Path, bundle: Bundle) -> None:
    """Keep a built-in bundle that loaded with no problem; a folder that refuses is skipped."""
    from slicewise.core import content

    folder = bundle.questionnaire_path
    if content.scoring_folder_for(folder, folder.name) != bundle.scoring_path:
        return  # its scoring model was not found by the folder's name, so the key would not name it
    payload = pickle.dumps(bundle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary.write_bytes(hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)
        os.replace(temporary, entry)  # readers see no entry or a whole one; a torn one fails its digest
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    _prune(entry.parent, keep=entry)


def _prune(folder: Path, keep: Path) -> None:
    """Remove all but the newest `KEPT` entries (each upgrade or content change adds one), never `keep`."""
    try:
        entries = sorted(folder.glob("bundle-*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    except OSError:
        return
    for old in [path for path in entries if path != keep][KEPT - 1 :]:
        with contextlib.suppress(OSError):
            old.unlink()
