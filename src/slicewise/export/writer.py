"""Write the exports: render every file in memory, check every target, then write them atomically.

Nothing is written until every file is rendered and every target checked, and a failure while writing
puts back the files already replaced, so a failed export leaves the folder exactly as it was.

An existing file is never replaced silently: one holding exactly the new bytes is left as it is; an
earlier export of the same assessment is replaced only with `force` (it may hold edits made in Excel);
a file from another assessment, or one that is not an export, is never replaced.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from slicewise.core.atomic import atomic_write_bytes, utf8
from slicewise.core.errors import Problem, ReplaceRefusedError, SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.models.results import Results
from slicewise.core.paths import kind_of, read_input
from slicewise.export.labels import BundleLike
from slicewise.export.names import ID_PROPERTY, assessment_key, base_name, key_of
from slicewise.export.paper import PAPERS, default_paper
from slicewise.export.report import render_report_toml

TITLE = "Cannot export"
"""The error title every export failure carries."""

Renderer = Callable[[BundleLike, Assessment, Results, str], bytes]


def _render_toml(bundle: BundleLike, assessment: Assessment, results: Results, paper: str) -> bytes:
    """Render the TOML report (a lone surrogate, which no UTF-8 file can hold, becomes U+FFFD as in saves)."""
    return utf8(render_report_toml(bundle, assessment, results))


def _render_xlsx(bundle: BundleLike, assessment: Assessment, results: Results, paper: str) -> bytes:
    """Render the Excel workbook laid out for `paper` (imports openpyxl only now)."""
    from slicewise.export.workbook import build_workbook

    return build_workbook(bundle, assessment, results, paper)


def _render_csv(bundle: BundleLike, assessment: Assessment, results: Results, paper: str) -> bytes:
    """Render the plan for issue trackers."""
    from slicewise.export.tracker_csv import render_plan_csv

    return render_plan_csv(bundle, assessment, results)


RENDERERS: dict[str, Renderer] = {"toml": _render_toml, "xlsx": _render_xlsx, "csv": _render_csv}
"""Format name → the function rendering its bytes."""


def write_exports(
    bundle: BundleLike,
    assessment: Assessment,
    results: Results,
    out_dir: Path,
    formats: tuple[str, ...] = ("toml", "xlsx"),
    *,
    force: bool = False,
    paper: str | None = None,
) -> list[Path]:
    """Write each format into `out_dir` and return the paths, or raise `SlicewiseError` leaving no trace.

    `force` allows replacing an earlier, different export of the same assessment; nothing else is replaced.
    `paper` (a4, letter) defaults to the locale's paper.
    """
    chosen = _check_formats(formats)
    paper = paper or default_paper()
    if paper not in PAPERS:
        raise SlicewiseError(TITLE, [Problem("", None, f"unknown paper {paper!r}; choose from {', '.join(PAPERS)}")])
    folder = prepare_folder(out_dir, TITLE)
    stem = base_name(assessment)
    targets = [_target(folder, stem, fmt) for fmt in chosen]
    for target in targets:
        _check_target(target)
    payloads = [RENDERERS[fmt](bundle, assessment, results, paper) for fmt in chosen]
    key = key_of(assessment)
    changed = [(t, data) for t, data in zip(targets, payloads, strict=True) if not _same_bytes(t, data)]
    for target, _data in changed:
        _check_owner(target, key, force, assessment.id)
    write_all(changed, TITLE)
    return targets


def _same_bytes(target: Path, data: bytes) -> bool:
    """Tell whether the target already holds exactly these bytes (then there is nothing to write)."""
    try:
        return target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data
    except OSError:
        return False


def _check_owner(target: Path, key: str, force: bool, assessment_id: str = "") -> None:
    """Refuse to replace a file unless it is an earlier export of this assessment and `force` was given.

    A workbook carrying an assessment id must carry this assessment's: two assessments may share the key.
    """
    if not target.exists():
        return
    found = export_key(target)
    if found is None:
        reason = "a file that is not a slicewise export of this assessment is already there; it is never replaced"
        raise SlicewiseError.single(TITLE, str(target), reason + " (move it, or export with -o to another folder)")
    carried = workbook_id(target) if target.suffix == ".xlsx" else None
    if found != key or (carried is not None and carried != assessment_id):
        reason = "an export of a different assessment (same client name and date) is already there; it is never"
        raise SlicewiseError.single(TITLE, str(target), reason + " replaced (export with -o to another folder)")
    if not force:
        reason = "an earlier export of this assessment is already there and differs (it may hold edits)"
        raise ReplaceRefusedError.single(
            TITLE, str(target), reason + "; pass --force to replace it, or -o another folder"
        )


MAX_KEY_READ = 8 * 1024 * 1024
"""Existing files larger than this are not read for their key (no export of ours comes near it)."""


def export_key(path: Path) -> str | None:
    """Return the assessment key stored in an earlier export (TOML report or workbook), or None if it has none."""
    try:
        data = read_input(path, title=TITLE, limit=MAX_KEY_READ)  # regular files only: a pipe never blocks here
    except SlicewiseError:
        return None
    if path.suffix == ".xlsx":
        return _workbook_key(data)
    if path.suffix == ".csv":
        from slicewise.export.tracker_csv import csv_key

        return csv_key(data)
    try:
        report = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    engagement, questionnaire = report.get("engagement"), report.get("questionnaire")
    if not str(report.get("format", "")).startswith("slicewise-report/") or not isinstance(engagement, dict):
        return None
    client, day, title = (str(engagement.get(name, "")) for name in ("client", "date", "title"))
    qid = str(questionnaire.get("id", "")) if isinstance(questionnaire, dict) else ""
    return assessment_key(client, day, title, qid)


CUSTOM_PART = "docProps/custom.xml"
"""The archive entry of a workbook's custom document properties (where the assessment id is kept)."""


def workbook_id(path: Path) -> str | None:
    """Return the assessment id an earlier workbook export carries, or None (exported before ids, or not ours)."""
    try:
        data = read_input(path, title=TITLE, limit=MAX_KEY_READ)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(CUSTOM_PART)
            if info.file_size > 1024 * 1024:
                return None
            root = ElementTree.fromstring(archive.read(info))
    except (SlicewiseError, zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return None
    for prop in root:
        if prop.get("name") == ID_PROPERTY:
            return "".join(prop.itertext()).strip() or None
    return None


def _workbook_key(data: bytes) -> str | None:
    """Read the key a workbook export keeps as its document identifier."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 1024 * 1024:
                return None
            root = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return None
    found = root.find("{http://purl.org/dc/elements/1.1/}identifier")
    text = found.text if found is not None else None
    return text if text and text.startswith("slicewise-assessment:") else None


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
    if target.exists() and not target.is_file():
        kind = kind_of(target.stat().st_mode)
        raise SlicewiseError.single(TITLE, str(target), f"this is {kind}, not a file an export can replace")
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
