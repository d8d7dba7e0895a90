"""Failures are clean: a clear `SlicewiseError`, no partial file, earlier exports untouched."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from export_helpers import Scored, export

from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def earlier(sample: Scored, tmp_path: Path) -> Path:
    """A folder holding an earlier export of the sample, with different bytes from a fresh one."""
    folder = tmp_path / "exports"
    older = sample.assessment.model_copy(deep=True)
    older.engagement.notes = "An earlier state of the same assessment."
    export(Scored(sample.bundle, older, evaluate(sample.bundle, older)), folder)
    return folder


def test_a_folder_that_cannot_be_created(sample: Scored, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(SlicewiseError) as caught:
        export(sample, blocker / "exports")
    assert caught.value.exit_code == 2
    assert "cannot create the folder" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_an_export_path_that_is_a_file(sample: Scored, tmp_path: Path) -> None:
    target = tmp_path / "exports"
    target.write_text("not a folder")
    with pytest.raises(SlicewiseError, match="Cannot export") as caught:
        export(sample, target)
    assert "this path is a file, not a folder" in str(caught.value)
    assert target.read_text() == "not a folder"


def test_a_read_only_target_is_refused_and_left_alone(sample: Scored, earlier: Path) -> None:
    before = _listing(earlier)
    xlsx = next(earlier.glob("*.xlsx"))
    xlsx.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(SlicewiseError) as caught:
            export(sample, earlier, force=True)
    finally:
        xlsx.chmod(0o644)
    assert "read-only" in str(caught.value)
    assert _listing(earlier) == before


def test_a_target_open_in_excel_is_refused(sample: Scored, earlier: Path) -> None:
    xlsx = next(earlier.glob("*.xlsx"))
    lock = earlier / f"~${xlsx.name}"
    lock.write_bytes(b"owner")
    before = _listing(earlier)
    with pytest.raises(SlicewiseError) as caught:
        export(sample, earlier, force=True)
    assert "open in Excel" in str(caught.value)
    assert _listing(earlier) == before


def test_a_target_that_is_a_folder_is_refused(sample: Scored, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    (folder / "northwind-outfitters-2026-11-20-report.xlsx").mkdir(parents=True)
    with pytest.raises(SlicewiseError, match="Cannot export") as caught:
        export(sample, folder)
    assert "folder, not a file" in str(caught.value)
    assert not list(folder.glob("*.toml"))


def test_a_target_that_is_a_pipe_is_refused_without_waiting_on_it(sample: Scored, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    pipe = folder / "northwind-outfitters-2026-11-20-report.toml"
    os.mkfifo(pipe)  # reading it for an earlier export's key would block forever
    with pytest.raises(SlicewiseError, match="Cannot export") as caught:
        export(sample, folder)
    assert "named pipe" in str(caught.value) or "not a file" in str(caught.value)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert not list(folder.glob("*.xlsx"))


def test_a_full_disk_leaves_no_partial_file_and_earlier_exports_untouched(
    sample: Scored, earlier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _listing(earlier)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(SlicewiseError) as caught:
        export(sample, earlier, force=True)
    assert caught.value.exit_code == 2
    assert "the disk is full" in str(caught.value)
    assert _listing(earlier) == before


def test_a_failure_on_the_second_file_restores_the_first(
    sample: Scored, earlier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _listing(earlier)
    real_fsync = os.fsync
    calls = {"files": 0}

    def fail_on_the_workbook(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            calls["files"] += 1
            if calls["files"] == 2:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_on_the_workbook)
    with pytest.raises(SlicewiseError, match="Cannot export"):
        export(sample, earlier, force=True)
    assert calls["files"] >= 2
    assert _listing(earlier) == before


def test_a_failure_with_no_earlier_export_leaves_the_folder_empty(
    sample: Scored, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "fresh"
    real_replace = os.replace
    seen: list[str] = []

    def fail_second_replace(src: str, dst: str) -> None:
        seen.append(str(dst))
        if len(seen) == 2:
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fail_second_replace)
    with pytest.raises(SlicewiseError, match="permission denied"):
        export(sample, folder)
    assert list(folder.iterdir()) == []


def test_unknown_or_no_formats_are_refused(sample: Scored, tmp_path: Path) -> None:
    with pytest.raises(SlicewiseError, match="Cannot export") as caught:
        export(sample, tmp_path / "out", ("toml", "pdf"))
    assert "unknown format 'pdf'" in str(caught.value)
    with pytest.raises(SlicewiseError):
        export(sample, tmp_path / "out", ())
    assert not (tmp_path / "out").exists()
