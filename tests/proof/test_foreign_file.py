"""A file replaced under a running session: the store never overwrites a file that is not an assessment,
whenever the swap happens, and a deleted file is simply written again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from slicewise.core.errors import SlicewiseError
from slicewise.core.store import read_assessment, save_assessment

from .bundles import MINI
from .saver import assessment_at, revision_of
from .test_kill_during_save import start_saver, wait_for_ack

FOREIGN = (MINI / "questionnaire.toml").read_bytes()


def swap_in_foreign(path: Path) -> None:
    """Replace the file atomically with a foreign one, as another program (or a careless copy) would."""
    other = path.with_name("incoming.tmp")
    other.write_bytes(FOREIGN)
    os.replace(other, path)


def only(folder: Path) -> list[str]:
    """The names in a folder, sorted (temp files of a save would show here)."""
    return sorted(p.name for p in folder.iterdir())


# Moments inside a save where another program swaps the file. A swap landing in the microseconds between
# the last check and the rename itself cannot be detected without an atomic compare-and-swap rename.
MOMENTS = ["before the save", "when the temp file is created", "while the temp file is synced"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_foreign_file_swapped_in_during_a_save_is_never_overwritten(
    moment: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whenever in the save the swap lands, the save is refused with a clear message, the foreign bytes stay
    and no temp file is left."""
    import slicewise.core.atomic as atomic

    path = tmp_path / "session.toml"
    save_assessment(assessment_at(1), path)
    if moment == "before the save":
        swap_in_foreign(path)
    elif moment == "while the temp file is synced":
        real_fsync = os.fsync
        fired: list[bool] = []

        def fsync_then_swap(fd: int) -> None:
            real_fsync(fd)
            if not fired:
                fired.append(True)
                swap_in_foreign(path)

        monkeypatch.setattr(atomic.os, "fsync", fsync_then_swap)
    else:
        real_mkstemp = atomic.tempfile.mkstemp

        def mkstemp_then_swap(*args: object, **kwargs: object) -> tuple[int, str]:
            made = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
            swap_in_foreign(path)
            return made

        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp_then_swap)
    with pytest.raises(SlicewiseError) as caught:
        save_assessment(assessment_at(2), path)
    assert "not a slicewise assessment" in str(caught.value)
    assert path.read_bytes() == FOREIGN
    assert only(tmp_path) == ["session.toml"]


def test_a_running_save_loop_stops_when_its_file_is_replaced(tmp_path: Path) -> None:
    """A separate process saving after every answer stops with a refusal once another process swaps a
    questionnaire file in; that file is left byte for byte."""
    path = tmp_path / "session.toml"
    process = start_saver(path, pause=0.05)
    try:
        for _ in range(3):
            wait_for_ack(process)
        swap_in_foreign(path)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    refusals = [line for line in out.splitlines() if line.startswith("refused ")]
    assert process.returncode == 3, (out, err)
    assert len(refusals) == 1 and "not a slicewise assessment" in refusals[0]
    assert path.read_bytes() == FOREIGN
    assert only(tmp_path) == ["session.toml"]


def test_a_deleted_file_is_written_again_by_the_next_save(tmp_path: Path) -> None:
    """Deleting the file while a session runs loses nothing that the next save does not write back."""
    path = tmp_path / "session.toml"
    save_assessment(assessment_at(1), path)
    path.unlink()
    save_assessment(assessment_at(2), path)
    assert revision_of(read_assessment(path).assessment) == 2


def test_an_emptied_file_is_treated_as_new(tmp_path: Path) -> None:
    """A file truncated to zero bytes (an editor crash) holds nothing to protect, so the save writes it."""
    path = tmp_path / "session.toml"
    shutil.copyfile(os.devnull, path)
    save_assessment(assessment_at(3), path)
    assert revision_of(read_assessment(path).assessment) == 3
