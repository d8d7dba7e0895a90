"""Shared fixtures: paths to test data and a writable copy of the mini questionnaire; Hypothesis settings that
never depend on how fast the machine is."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"

settings.register_profile(
    "slicewise",
    deadline=None,  # a busy machine must not turn a slow example into a failure
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run: a green suite stays green
)
settings.load_profile("slicewise")


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
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the content cache inside the test's folder, never the user's cache folder."""
    monkeypatch.setenv("SLICEWISE_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(autouse=True)
def _a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let `new` and `open` start (their app's `run` is replaced by the tests) although pytest holds stdin."""
    monkeypatch.setattr("slicewise.cli.tui_commands.has_terminal", lambda: True)
