"""Write the exports: render every file in memory, check every target, then replace them atomically.

Nothing is written until every file is rendered and every target checked, and a failure while writing
puts back the files already replaced, so a failed export leaves the folder exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from slicewise.core.atomic import atomic_write_bytes, utf8
from slicewise.core.errors import Problem, SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.export.labels import BundleLike
from slicewise.export.names import base_name
from slicewise.export.report import render_report_toml

TITLE = "Cannot export"
"""The error title every export failure carries."""

Renderer = Callable[[BundleLike, Assessment, Results], bytes]


def _render_toml(bundle: BundleLike, assessment: Assessment, results: Results) -> bytes:
    """Render the TOML report (a lone surrogate, which no UTF-8 file can hold, becomes U+FFFD as in saves)."""
    return utf8(render_report_toml(bundle, assessment, results))


def _render_xlsx(bundle: BundleLike, assessment: Assessment, results: Results) -> bytes:
    """Render the Excel workbook (imports openpyxl only now)."""
    from slicewise.export.workbook import build_workbook

    return build_workbook(bundle, assessment, results)


RENDERERS: dict[str, Renderer] = {"toml": _render_toml, "xlsx": _render_xlsx}
"""Format name → the function rendering its bytes."""


def write_exports(
    bundle: BundleLike,
    assessment: Assessment,
    results: Results,
    out_dir: Path,
    formats: tuple[str, ...],
) -> list[Path]:
    """Write each format into `out_dir` and return the paths written, or raise `SlicewiseError` leaving no trace."""
    chosen = _check_formats(formats)
    folder = prepare_folder(out_dir, TITLE)
    stem = base_name(assessment)
    targets = [_target(folder, stem, fmt) for fmt in chosen]
    for target in targets:
        _check_target(target)
    payloads = [RENDERERS[fmt](bundle, assessment, results) for fmt in chosen]
    write_all(list(zip(targets, payloads, strict=True)), TITLE)
    return targets


def _check_formats(formats: tuple[str, ...]) -> list[str]:
    """Keep known formats once each, in the order given; refuse unknown ones and an empty list."""
    unknown = [fmt for fmt in formats if fmt not in RENDERERS]
    if unknown or not formats:
        known = ", ".join(RENDERERS)
        message = f"unknown format {', '.join(map(repr, unknown))}" if unknown else "no format chosen"
        raise SlicewiseError(TITLE, [Problem("", None, f"{message}; choose from {known}")])
    return list(dict.fromkeys(formats))


def prepare_folder(out_dir: Path, title: str) -> Path:
    """Create an output folder when missing and make sure it is a writable folder; failures carry `title`."""
    if out_dir.exists() and not out_dir.is_dir():
        raise SlicewiseError.single(title, str(out_dir), "this path is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, (FileExistsError, NotADirectoryError)):
            reason = "a part of the path is a file, not a folder"
        raise SlicewiseError.single(title, str(out_dir), f"cannot create the folder: {reason}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise SlicewiseError.single(title, str(out_dir), "the folder is not writable")
    return out_dir


def _target(folder: Path, stem: str, fmt: str) -> Path:
    """Return the target path, refusing any name that would resolve outside the folder."""
    target = folder / f"{stem}.{fmt}"
    if target.parent.resolve() != folder.resolve() or target.name in ("", ".", ".."):
        raise SlicewiseError.single(TITLE, str(target), "the export name leaves the export folder")
    return target


def _check_target(target: Path) -> None:
    """Refuse a target that is a folder, read-only, or open in Excel (its `~$` lock file is beside it)."""
    if target.is_dir():
        raise SlicewiseError.single(TITLE, str(target), "this path is a folder, not a file")
    for lock_name in (f"~${target.name}", f"~${target.name[2:]}"):
        if (target.parent / lock_name).exists():
            raise SlicewiseError.single(
                TITLE,
                str(target),
                "the file is open in Excel (a ~$ lock file is beside it); close it and export again",
            )
    if target.exists():
        mode = target.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
            raise SlicewiseError.single(
                TITLE, str(target), "the file is read-only; make it writable or choose another folder"
            )


def write_all(items: list[tuple[Path, bytes]], title: str) -> None:
    """Replace every target atomically; when one fails, restore those already replaced and re-raise."""
    previous: list[tuple[Path, bytes | None]] = []
    for target, _data in items:
        try:
            previous.append((target, target.read_bytes() if target.exists() else None))
        except OSError as exc:
            reason = f"cannot read the earlier export: {exc.strerror or exc}"
            raise SlicewiseError.single(title, str(target), reason) from None
    done: list[tuple[Path, bytes | None]] = []
    try:
        for (target, data), earlier in zip(items, previous, strict=True):
            atomic_write_bytes(target, data, title=title)
            done.append(earlier)
    except SlicewiseError:
        _restore(done, title)
        raise


def _restore(written: list[tuple[Path, bytes | None]], title: str) -> None:
    """Put back the earlier bytes of targets already replaced (or remove those that did not exist)."""
    for target, old in written:
        with contextlib.suppress(OSError, SlicewiseError):
            if old is None:
                target.unlink()
            else:
                atomic_write_bytes(target, old, title=title)
