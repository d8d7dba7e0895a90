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


@pytest.fixture(autouse=True)
def _a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let `new` and `open` start (their app's `run` is replaced by the tests) although pytest holds stdin."""
    monkeypatch.setattr("slicewise.cli.tui_commands.has_terminal", lambda: True)
