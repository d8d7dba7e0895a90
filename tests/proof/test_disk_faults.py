"""A full disk and a read-only folder while saving or exporting: a clear error, the previous file intact
and no temp file left, whether the error is injected at each step or comes from a real file system."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from slicewise.core.engine import evaluate
from slicewise.core.errors import SlicewiseError
from slicewise.core.models.assessment import Assessment
from slicewise.core.store import read_assessment, save_assessment
from slicewise.export import write_exports

from .bundles import mini
from .faults import STEPS, fill_disk, immutable, inject, remount_read_only, tiny_tmpfs
from .saver import assessment_at, revision_of

MESSAGES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "quota",
    errno.EROFS: "read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}
"""Each injected errno and the words the user must see."""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder with its bytes (temp files included, so leftovers show)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def export(folder: Path, assessment: Assessment) -> list[Path]:
    """Export both formats of an assessment of the mini questionnaire (replacing its earlier exports)."""
    bundle = mini()
    return write_exports(bundle, assessment, evaluate(bundle, assessment), folder, force=True)


def with_client(revision: int) -> Assessment:
    """A saver assessment with a client, so the export names are fixed and the content changes."""
    assessment = assessment_at(revision)
    assessment.engagement.client = "Northwind"
    return assessment


@pytest.mark.parametrize("code", sorted(MESSAGES), ids=lambda c: errno.errorcode[c])
@pytest.mark.parametrize("step", STEPS)
def test_a_failing_save_keeps_the_previous_file(
    step: str, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OS error at any step of a save is a SlicewiseError naming the file and the cause; the previous
    file is byte for byte as it was and no temp file remains."""
    path = tmp_path / "session.toml"
    save_assessment(assessment_at(1), path)
    before = snapshot(tmp_path)
    inject(monkeypatch, step, code)
    with pytest.raises(SlicewiseError) as caught:
        save_assessment(assessment_at(2), path)
    assert caught.value.problems[0].path == str(path)
    assert MESSAGES[code] in str(caught.value)
    assert snapshot(tmp_path) == before
    monkeypatch.undo()
    save_assessment(assessment_at(3), path)
    assert revision_of(read_assessment(path).assessment) == 3


@pytest.mark.parametrize("nth", [1, 2], ids=["toml-fails", "xlsx-fails"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES], ids=lambda c: errno.errorcode[c])
@pytest.mark.parametrize("step", STEPS)
def test_a_failing_export_keeps_the_previous_exports(
    step: str, code: int, nth: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OS error while writing either export file fails the whole export with a clear message; both
    earlier exports are left exactly as they were (the first one put back when the second fails)."""
    out = tmp_path / "exports"
    export(out, with_client(1))
    before = snapshot(out)
    assert len(before) == 2
    inject(monkeypatch, step, code, nth)
    with pytest.raises(SlicewiseError) as caught:
        export(out, with_client(2))
    assert MESSAGES[code] in str(caught.value)
    assert snapshot(out) == before


def test_a_real_full_disk_while_saving(tmp_path: Path) -> None:
    """On a 256 KiB tmpfs filled to the last byte, a save fails with 'the disk is full', the previous file
    stays readable with its revision, no temp file remains, and saving works again once space is freed."""
    with tiny_tmpfs(tmp_path / "disk") as disk:
        path = disk / "session.toml"
        save_assessment(assessment_at(1), path)
        filler = fill_disk(disk)
        before = snapshot(disk)
        with pytest.raises(SlicewiseError) as caught:
            save_assessment(assessment_at(70), path)
        assert "the disk is full" in str(caught.value)
        assert snapshot(disk) == before
        assert revision_of(read_assessment(path).assessment) == 1
        filler.unlink()
        save_assessment(assessment_at(70), path)
        assert revision_of(read_assessment(path).assessment) == 70


def test_a_real_full_disk_while_exporting(tmp_path: Path) -> None:
    """On a full tmpfs an export fails with 'the disk is full' and leaves the earlier exports as they were."""
    with tiny_tmpfs(tmp_path / "disk", size="512k") as disk:
        out = disk / "exports"
        export(out, with_client(1))
        before = snapshot(out)
        fill_disk(disk)
        with pytest.raises(SlicewiseError) as caught:
            export(out, with_client(40))
        assert "the disk is full" in str(caught.value)
        assert snapshot(out) == before


def test_a_real_read_only_file_system(tmp_path: Path) -> None:
    """After the tmpfs is remounted read-only, saving and exporting fail with clear messages and change
    nothing."""
    with tiny_tmpfs(tmp_path / "disk", size="512k") as disk:
        path = disk / "session.toml"
        save_assessment(assessment_at(1), path)
        export(disk / "exports", with_client(1))
        saved, exported = snapshot(disk), snapshot(disk / "exports")
        remount_read_only(disk)
        with pytest.raises(SlicewiseError) as on_save:
            save_assessment(assessment_at(2), path)
        assert "read-only" in str(on_save.value)
        with pytest.raises(SlicewiseError) as on_export:
            export(disk / "exports", with_client(2))
        assert "Cannot export" in str(on_export.value)
        assert snapshot(disk) == saved
        assert snapshot(disk / "exports") == exported


def test_an_immutable_folder(tmp_path: Path) -> None:
    """A folder nobody may write in (chattr +i stops root too): saving and exporting fail with a clear
    message and leave the previous files and no temp file."""
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "session.toml"
    save_assessment(assessment_at(1), path)
    export(folder / "exports", with_client(1))
    saved, exported = snapshot(folder), snapshot(folder / "exports")
    with immutable(folder), immutable(folder / "exports"):
        with pytest.raises(SlicewiseError) as on_save:
            save_assessment(assessment_at(2), path)
        assert "permission denied" in str(on_save.value) or "not permitted" in str(on_save.value)
        with pytest.raises(SlicewiseError) as on_export:
            export(folder / "exports", with_client(2))
        assert "Cannot export" in str(on_export.value)
    assert snapshot(folder) == saved
    assert snapshot(folder / "exports") == exported
