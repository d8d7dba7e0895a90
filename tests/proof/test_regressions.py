"""Inputs that once crashed a loader or a save instead of giving a clear error, one fixture each."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from slicewise.core.errors import SlicewiseError
from slicewise.core.loader import load_bundle
from slicewise.core.store import open_assessment, read_assessment, save_assessment

from .bundles import DATA, MINI
from .saver import assessment_at


@pytest.mark.parametrize(
    "fixture", ["proof_assessment_long_path.toml", "proof_assessment_long_id.toml", "proof_assessment_nul_path.toml"]
)
def test_an_unusable_questionnaire_reference_is_not_found(fixture: str) -> None:
    """An assessment naming a questionnaire path or id no file system can hold says it cannot find it."""
    with pytest.raises(SlicewiseError) as caught:
        open_assessment(DATA / fixture)
    assert caught.value.title == "Cannot find the questionnaire this assessment was answered with"
    assert caught.value.problems[0].line == 5


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("proof_header_area_file_nul.toml", "area 'failure': unusable file name"),
        ("proof_header_long_area_id.toml", "does not exist"),
    ],
)
def test_an_unusable_area_file_name_is_a_located_problem(fixture: str, message: str, tmp_path: Path) -> None:
    """A questionnaire whose area names a file no file system can hold gets a problem on that area's line."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    shutil.copyfile(DATA / fixture, folder / "questionnaire.toml")
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(folder)
    problem = caught.value.problems[0]
    assert problem.path.endswith("questionnaire.toml") and problem.line is not None
    assert message in problem.message


@pytest.mark.parametrize("reference", ["x" * 300, "x\0y"])
def test_an_unusable_questionnaire_argument_is_not_found(reference: str) -> None:
    """`slicewise validate` / `new -q` with an impossible path or id says it cannot find the questionnaire."""
    with pytest.raises(SlicewiseError) as caught:
        load_bundle(reference)
    assert caught.value.title == "Cannot find the questionnaire"


@pytest.mark.parametrize("name", ["z" * 300 + ".toml", "a\0b.toml"])
def test_an_unusable_file_name_is_refused_on_save_and_read(name: str, tmp_path: Path) -> None:
    """Saving to or reading from a file name the OS refuses is a SlicewiseError, not OSError/ValueError."""
    with pytest.raises(SlicewiseError):
        save_assessment(assessment_at(1), tmp_path / name)
    with pytest.raises(SlicewiseError):
        read_assessment(tmp_path / name)
    assert list(tmp_path.iterdir()) == []
