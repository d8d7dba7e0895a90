"""Fixtures for the TUI tests: a small questionnaire with every kind and a fresh assessment file."""

from __future__ import annotations

import asyncio
import inspect
import shutil
from pathlib import Path

import pytest

from slicewise.tui.opening import create_session
from slicewise.tui.session import Session

DATA = Path(__file__).resolve().parent.parent / "data"
MINI = DATA / "mini"


@pytest.fixture(autouse=True)
def _state_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the recent-files list inside the test's folder."""
    monkeypatch.setenv("SLICEWISE_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def session(tmp_path: Path) -> Session:
    """A new assessment of the mini questionnaire for client Acme, already saved."""
    return create_session(MINI, "Acme", tmp_path / "acme.toml")


@pytest.fixture
def demo_session(tmp_path: Path) -> Session:
    """The worked example (a full questionnaire, most of it answered), opened from its file."""
    from slicewise.core.demo import write_demo
    from slicewise.tui.opening import open_session

    _bundle, _assessment, path = write_demo(tmp_path / "demo")
    return open_session(path)


@pytest.fixture
def merged(tmp_path: Path) -> Path:
    """The team fixtures merged by `slicewise merge` (tests/data/tui_merged.toml), beside its questionnaire."""
    shutil.copytree(DATA / "team_questionnaire", tmp_path / "team_questionnaire")
    target = tmp_path / "merged.toml"
    shutil.copy(DATA / "tui_merged.toml", target)
    return target


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (Textual's pilot needs one; no plugin required)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in inspect.signature(pyfuncitem.obj).parameters}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
