"""Covers: the last frame of an assessment's question screen, kept so that reopening it paints at once.

Opening a file means importing the core and checking the questionnaire, which takes longer than Textual
itself needs to start. A cover is stored only for a frame that shows the file exactly as saved, and it is
used only while the file's bytes, the questionnaire's files and the slicewise version are unchanged (the app
also checks the terminal size and theme). It is a cache: anything wrong with it means it is not used, and a
stale one is deleted. A frame shows the client's answers, so covers are readable by their owner only.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from slicewise import __version__
from slicewise.tui.state import state_dir

COVER_FORMAT = 1
"""Bumped whenever the stored layout changes, so older covers are ignored."""
KEEP = 30
"""How many covers are kept; the least recently written go first."""

Span = tuple[str, str]
"""A run of text and the style it is drawn in (a Rich style string)."""


@dataclass(frozen=True)
class Cover:
    """A frame to paint while an assessment loads."""

    file: Path
    """The assessment file it shows."""
    size: tuple[int, int]
    """The terminal width and height it was drawn at."""
    theme: str
    """The Textual theme it was drawn in."""
    lines: list[list[Span]]
    """The frame, one list of spans per screen line."""


def covers_folder() -> Path:
    """Return the folder the covers live in."""
    return state_dir() / "covers"


def cover_path(file: Path) -> Path:
    """Return where the cover of an assessment file is kept (named by a hash of its full path)."""
    key = hashlib.sha256(str(Path(file).resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return covers_folder() / f"{key}.json"


def content_signature(folders: list[Path]) -> list[list[str | int]]:
    """Return path, modification time and size of every TOML file of a questionnaire and its scoring model."""
    signature: list[list[str | int]] = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.toml")):
            stat = path.stat()
            signature.append([str(path), stat.st_mtime_ns, stat.st_size])
    return signature


def save_cover(file: Path, *, lines: list[list[Span]], size: tuple[int, int], theme: str, content: list[Path]) -> bool:
    """Store the frame of a file as saved on disk now; return False (and store nothing) on any failure."""
    file = Path(file).resolve()
    try:
        record = {
            "format": COVER_FORMAT,
            "version": __version__,
            "file": str(file),
            "digest": hashlib.sha256(file.read_bytes()).hexdigest(),
            "folders": [str(folder) for folder in content],
            "content": content_signature(content),
            "size": list(size),
            "theme": theme,
            "lines": [[list(span) for span in line] for line in lines],
        }
        target = cover_path(file)
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # frames show client answers: owner only
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(handle, data)
        finally:
            os.close(handle)
        os.replace(temporary, target)  # a cache: atomic, but not worth an fsync per frame
    except (OSError, ValueError, UnicodeError):
        return False
    _prune(target.parent)
    return True


def load_cover(file: Path) -> Cover | None:
    """Return the stored cover of a file when it still shows the file as it is on disk, else None."""
    from slicewise.core.errors import SlicewiseError
    from slicewise.core.paths import read_input

    try:
        file = Path(file).resolve()
        record = json.loads(cover_path(file).read_text(encoding="utf-8"))
        if (
            not isinstance(record, dict)
            or record.get("format") != COVER_FORMAT
            or record.get("version") != __version__
            or record.get("file") != str(file)
        ):
            return None
        folders = record["folders"]
        if record.get("digest") != hashlib.sha256(read_input(file, title="")).hexdigest() or (
            not folders or content_signature([Path(f) for f in folders]) != record["content"]
        ):
            cover_path(file).unlink(missing_ok=True)  # stale for good: the file or questionnaire moved on
            return None
        width, height = record["size"]
        lines = [[(str(text), str(style)) for text, style in line] for line in record["lines"]]
        return Cover(file, (int(width), int(height)), str(record["theme"]), lines)
    except (OSError, ValueError, UnicodeError, KeyError, TypeError, RuntimeError, SlicewiseError):
        return None  # no usable cover (a symlink loop or a pipe is then reported by the real open)


def _prune(folder: Path) -> None:
    """Keep the newest covers only."""
    try:
        covers = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for stale in covers[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return
