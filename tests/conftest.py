"""Shared fixtures: paths to test data and a writable copy of the mini questionnaire."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"


@pytest.fixture
def data_dir() -> Path:
    """The tests/data folder."""
    return DATA


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini questionnaire folder (with its scoring model beside it)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target
